"""JSON Schema of the gateway export (schemas/gateway-profile.schema.json), built from its pydantic models.

It lives beside the export, not in profilekit.model, so that the model layer never imports export code.
"""

from __future__ import annotations

from typing import Any

from profilekit.export.gateway_model import SCHEMA_VERSION, GatewayExport
from profilekit.model.schema import SCHEMA_BASE, build_schema

GATEWAY_COMPATIBILITY = (
    "Forward compatible within major version 1: a 1.x export only adds fields to 1.(x-1), so objects here "
    "accept properties this schema does not list and schema_version matches any 1.<minor>. Validate against "
    "the schema of the major version you target; read the fields you know and ignore the others.")


def _open_objects(schema: dict[str, Any]) -> dict[str, Any]:
    """The gateway schema as published: every `additionalProperties: false` dropped (the producer's models
    stay closed), with the policy in `$comment` (docs/gateway-export.md, "Compatibility")."""
    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items() if not (k == "additionalProperties" and v is False)}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    opened: dict[str, Any] = walk(schema)
    out = {k: opened[k] for k in ("$schema", "$id", "title")}
    out["$comment"] = GATEWAY_COMPATIBILITY
    out.update({k: v for k, v in opened.items() if k not in out})
    return out


def gateway_schema() -> dict[str, Any]:
    """The published schema of the gateway export (`profilekit schema --kind gateway`)."""
    schema = build_schema(GatewayExport, kind="gateway-profile", title="H.248 TLS profile, gateway export (profilekit)")
    schema["$id"] = f"{SCHEMA_BASE}/gateway-profile/v{SCHEMA_VERSION}/gateway-profile.schema.json"
    return _open_objects(schema)
