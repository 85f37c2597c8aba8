"""SARIF 2.1.0 for code-scanning tools: rule metadata with help links, results with regions and suppressions.

Built with plain dicts (no jsonschema here: `profilekit validate` stays light); the tests validate the
output against the OASIS schema.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from profilekit import __version__
from profilekit.findings import Finding, Severity
from profilekit.report.codes import OTHER_CODES

if TYPE_CHECKING:
    from profilekit.rules.base import Rule
    from profilekit.validate import ValidationResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
RULES_DOC = "https://github.com/profilekit/profilekit/blob/main/docs/rules.md"
"""Where docs/rules.md is published; each rule's helpUri is this plus `#<code>`."""
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """Relative paths stay relative (forward slashes, percent-encoded); absolute ones become file: URIs."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(str(PurePosixPath(*p.parts)), safe="/")


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": f"{rule.fix} References: {'; '.join(rule.refs)}.",
                 "markdown": f"**Fix:** {rule.fix}\n\n**References:** {'; '.join(rule.refs)}"},
        "helpUri": f"{RULES_DOC}#{rule.anchor}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(rule.refs)},
    }


def _other_descriptor(code: str) -> dict[str, Any]:
    title, description = OTHER_CODES.get(code, ("Input error", "The input could not be processed."))
    return {
        "id": code,
        "name": "".join(w[:1].upper() + w[1:] for w in title.split()),
        "shortDescription": {"text": title},
        "fullDescription": {"text": description},
        "helpUri": f"{RULES_DOC}#{code.lower()}",
        "defaultConfiguration": {"level": "warning" if code == "SP002" else "error"},
    }


def _result(finding: Finding, index: int) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(finding.file)}}
    if finding.line:
        location["region"] = {"startLine": finding.line, "startColumn": max(finding.column, 1)}
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": location}],
    }
    if finding.yaml_path:
        out["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": finding.yaml_path, "kind": "member"}]
    if finding.suppressed is not None:
        out["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": finding.suppressed}]
    if finding.refs:
        out["properties"] = {"refs": list(finding.refs)}
    return out


def build(result: ValidationResult) -> dict[str, Any]:
    from profilekit.rules.registry import REGISTRY

    descriptors = [_rule_descriptor(rule) for rule in REGISTRY]
    others = sorted({f.code for f in result.findings if f.code not in REGISTRY})
    descriptors += [_other_descriptor(code) for code in others]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "profilekit", "version": __version__,
                                "informationUri": RULES_DOC.rsplit("/blob/", 1)[0],
                                "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index[f.code]) for f in result.findings],
            "properties": {"baseline": result.baseline},
        }],
    }


def report(result: ValidationResult) -> str:
    return json.dumps(build(result), indent=2, ensure_ascii=False) + "\n"
