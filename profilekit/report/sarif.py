"""SARIF 2.1.0 for code-scanning tools: rule metadata with help links, results with regions and suppressions.

Built with plain dicts (no jsonschema here: `profilekit validate` stays light); the tests validate the
output against the OASIS schema.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from profilekit import __version__
from profilekit.findings import Finding, NonRuleCode, Severity
from profilekit.load.codes import NON_RULE_CODES
from profilekit.rules.base import Rule
from profilekit.rules.registry import REGISTRY
from profilekit.validate import ValidationResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """Relative paths stay relative (forward slashes, percent-encoded); absolute ones become file: URIs."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(str(PurePosixPath(*p.parts)), safe="/")


def _rule_descriptor(rule: Rule, rules_url: str | None) -> dict[str, Any]:
    out = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": f"{rule.fix} References: {'; '.join(rule.refs)}.",
                 "markdown": f"**Fix:** {rule.fix}\n\n**References:** {'; '.join(rule.refs)}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(rule.refs)},
    }
    if rules_url:
        out["helpUri"] = f"{rules_url}#{rule.anchor}"
    return out


def _other_descriptor(code: str, rules_url: str | None) -> dict[str, Any]:
    entry = NON_RULE_CODES.get(code) or NonRuleCode(code=code, title="Input error",
                                                    description="The input could not be processed.")
    out = {
        "id": code,
        "name": "".join(w[:1].upper() + w[1:] for w in entry.title.split()),
        "shortDescription": {"text": entry.title},
        "fullDescription": {"text": entry.description},
        "defaultConfiguration": {"level": LEVELS[entry.severity]},
    }
    if rules_url:
        out["helpUri"] = f"{rules_url}#{code.lower()}"
    return out


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


def build(result: ValidationResult, *, rules_url: str | None = None) -> dict[str, Any]:
    """The SARIF log. Rules carry their fix and references as help text; with `rules_url` (where
    docs/rules.md is published) each rule also links to `rules_url#<code>` (helpUri)."""
    descriptors = [_rule_descriptor(rule, rules_url) for rule in REGISTRY]
    others = sorted({f.code for f in result.findings if f.code not in REGISTRY})
    descriptors += [_other_descriptor(code, rules_url) for code in others]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    driver: dict[str, Any] = {"name": "profilekit", "version": __version__}
    if rules_url:
        driver["informationUri"] = rules_url
    driver["rules"] = descriptors
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [{"executionSuccessful": not result.input_errors}],
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, index[f.code]) for f in result.findings],
            "properties": {"baseline": result.baseline},
        }],
    }


def report(result: ValidationResult, *, rules_url: str | None = None) -> str:
    return json.dumps(build(result, rules_url=rules_url), indent=2, ensure_ascii=False) + "\n"
