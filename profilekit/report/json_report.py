"""JSON report: every finding (suppressed ones marked, with their justification) and a summary."""

from __future__ import annotations

import json
from typing import Any

from profilekit import __version__
from profilekit.findings import Severity
from profilekit.validate import ValidationResult

FORMAT_VERSION = 1


def build(result: ValidationResult) -> dict[str, Any]:
    active = result.active()
    findings = []
    for finding in result.findings:
        record = finding.to_record()
        record["suppressed"] = finding.suppressed is not None
        record["justification"] = finding.suppressed
        findings.append(record)
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "profilekit", "version": __version__},
        "baseline": result.baseline,
        "files": list(result.files),
        "summary": {**{s.label: sum(1 for f in active if f.severity is s) for s in reversed(Severity)},
                    "suppressed": len(result.findings) - len(active),
                    "input_errors": result.input_errors},
        "findings": findings,
    }


def report(result: ValidationResult) -> str:
    return json.dumps(build(result), indent=2, ensure_ascii=False) + "\n"
