"""Rendering the requirement trace (`profilekit requirements`): text table or JSON list."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from profilekit.trace import STATUSES, RequirementTrace


def render_json(items: Sequence[RequirementTrace], file: str | None) -> str:
    return json.dumps([item.to_record() for item in items], indent=2, ensure_ascii=False) + "\n"


def render_text(items: Sequence[RequirementTrace], file: str | None) -> str:
    lines = []
    for item in items:
        covered = ", ".join(item.rules) if item.rules else f"implementation-only: {item.reason}"
        head = f"{item.id:<15} {item.level:<11} {covered}"
        if item.status is not None:
            head = f"{item.id:<15} {item.status:<19} {covered}"
        lines.append(head)
        for finding in item.findings:
            lines.append(f"    {finding.location()}: {finding.severity.label} {finding.code} {finding.message}")
            if finding.suppressed is not None:
                lines.append(f"      accepted: {finding.suppressed}")
    counts = Counter(item.coverage for item in items)
    summary = (f"{len(items)} requirements: {counts['rules']} checked by rules, "
               f"{counts['implementation-only']} implementation-only")
    if counts["uncovered"]:
        summary += f", {counts['uncovered']} UNCOVERED"
    if file is not None:
        statuses = Counter(item.status for item in items)
        summary += f"; {file}: " + ", ".join(f"{statuses[s]} {s}" for s in STATUSES)
    return "\n".join([*lines, summary]) + "\n"
