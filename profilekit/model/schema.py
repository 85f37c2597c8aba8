"""JSON Schema of the profile format, for editors' YAML language servers and third-party validators."""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import textwrap
from typing import Any

from pydantic import BaseModel

from profilekit import FORMAT_VERSION
from profilekit.model.change_request import ChangeRequest
from profilekit.model.profile import PackageLibrary, Profile

SCHEMA_BASE = "https://profilekit.dev/schemas"
DRAFT07 = "http://json-schema.org/draft-07/schema#"


def _attribute_docs(cls: type) -> dict[str, str]:
    """Docstrings written under class attributes (`x: int` then `\"\"\"...\"\"\"`), by attribute name."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):  # pragma: no cover - source not shipped
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for stmt, nxt in itertools.pairwise(body):
        if (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                and isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant)
                and isinstance(nxt.value.value, str)):
            docs[stmt.target.id] = inspect.cleandoc(nxt.value.value)
    return docs


def _models(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model class reachable from `root`, by class name (the `$defs` keys pydantic uses)."""
    found: dict[str, type[BaseModel]] = {}
    todo: list[Any] = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item.__name__ in found:
                continue
            found[item.__name__] = item
            for base in item.__mro__[1:]:
                if isinstance(base, type) and issubclass(base, BaseModel) and base is not BaseModel:
                    todo.append(base)
            todo.extend(f.annotation for f in item.model_fields.values())
        for arg in getattr(item, "__args__", ()) or ():
            todo.append(arg)
        if getattr(item, "__metadata__", None) is not None:
            todo.append(item.__origin__)
    return found


def _field_docs(cls: type[BaseModel]) -> dict[str, str]:
    """Attribute docstrings of a model and its model base classes (a subclass's own win)."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if isinstance(klass, type) and issubclass(klass, BaseModel) and klass is not BaseModel:
            docs.update(_attribute_docs(klass))
    return docs


def _to_draft07(node: Any) -> Any:
    """`$defs` → `definitions` (draft-07 keywords that editors' language servers understand).

    Draft-07 ignores keywords beside `$ref`, so a described reference becomes `allOf: [{$ref}]` plus
    its description/default: validators and editors then see both.
    """
    if isinstance(node, dict):
        if "$ref" in node and len(node) > 1:
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return {"allOf": [_to_draft07({"$ref": node["$ref"]})], **_to_draft07(rest)}
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                out[key] = value.replace("#/$defs/", "#/definitions/")
            else:
                out["definitions" if key == "$defs" else key] = _to_draft07(value)
        return out
    if isinstance(node, list):
        return [_to_draft07(v) for v in node]
    return node


def build_schema(root: type[BaseModel], *, kind: str, title: str) -> dict[str, Any]:
    """A deterministic draft-07 JSON Schema for `root` with field docs and a versioned `$id`."""
    schema = root.model_json_schema(mode="validation")
    classes = _models(root)
    defs: dict[str, Any] = schema.get("$defs", {})
    for name, cls in classes.items():
        target = schema if cls is root else defs.get(name)
        if target is None:
            continue
        for field, doc in _field_docs(cls).items():
            prop = target.get("properties", {}).get(field)
            if prop is not None and "description" not in prop:
                prop["description"] = doc
    out = {"$schema": DRAFT07, "$id": f"{SCHEMA_BASE}/{kind}/v{FORMAT_VERSION}/{kind}.schema.json",
           "title": title}
    out.update({k: v for k, v in schema.items() if k != "title"})
    return dict(_to_draft07(out))


def schema_for(kind: str) -> dict[str, Any]:
    """The published schema of one input document kind: `profile`, `package-library` or `change-request`
    (the CR.yaml of `render --cr`).

    (The gateway export's schema is built beside the export, in profilekit.export.gateway_schema.)
    """
    if kind == "profile":
        return build_schema(Profile, kind="profile", title="H.248 TLS profile (profilekit)")
    if kind == "package-library":
        return build_schema(PackageLibrary, kind="package-library", title="H.248 package library (profilekit)")
    if kind == "change-request":
        return build_schema(ChangeRequest, kind="change-request", title="3GPP change request cover (profilekit)")
    raise ValueError(f"unknown schema kind {kind!r}")


def dumps(schema: dict[str, Any]) -> str:
    """Schema JSON text as checked in under schemas/: indent 2, keys in the order built."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
