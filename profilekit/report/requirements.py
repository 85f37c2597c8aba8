"""Rendering the requirement trace (`profilekit requirements`): text table or JSON list."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from profilekit.catalog.baselines import BASELINE_TITLES
from profilekit.findings import Finding
from profilekit.trace import STATUSES, RequirementTrace, baseline_findings


def render_json(items: Sequence[RequirementTrace], file: str | None, *, baseline: str | None = None,
                findings: Sequence[Finding] = ()) -> str:
    """One record per requirement; with a FILE each record carries the baseline it was assessed under."""
    return json.dumps([item.to_record() for item in items], indent=2, ensure_ascii=False) + "\n"


def _finding_line(finding: Finding, indent: str = "    ") -> list[str]:
    lines = [f"{indent}{finding.location()}: {finding.severity.label} {finding.code} {finding.message}"]
    if finding.suppressed is not None:
        lines.append(f"{indent}  accepted: {finding.suppressed}")
    return lines


def _baseline_lines(baseline: str, findings: Sequence[Finding]) -> list[str]:
    """The SEC and PRC findings of the run: what `--baseline` changes."""
    found = baseline_findings(findings)
    active = [f for f in found if f.suppressed is None]
    accepted = len(found) - len(active)
    if baseline == "none":
        head = "Security baseline: none (no SEC rules ran)"
    else:
        head = f"Security baseline: {baseline} ({BASELINE_TITLES.get(baseline, baseline)})"
    counts = Counter(f.severity.label for f in active)
    if found:
        parts = [f"{counts[s]} {s}{'s' if counts[s] > 1 and s != 'info' else ''}"
                 for s in ("error", "warning", "info") if counts[s]]
        if accepted:
            parts.append(f"{accepted} accepted")
        head += ": " + ", ".join(parts)
    else:
        head += ": no findings"
    lines = ["", head]
    for finding in found:
        lines.extend(_finding_line(finding))
    return lines


def render_text(items: Sequence[RequirementTrace], file: str | None, *, baseline: str | None = None,
                findings: Sequence[Finding] = ()) -> str:
    """A table (requirement, level or status, rules); with a FILE each item's findings, then the
    security-baseline findings (SEC, PRC) of the selected `baseline`, then a summary line."""
    with_status = file is not None
    header = f"{'Requirement':<15} {'Status' if with_status else 'Level':<{19 if with_status else 11}} Checked by"
    lines = [header]
    for item in items:
        covered = ", ".join(item.rules) if item.rules else f"implementation-only: {item.reason}"
        head = f"{item.id:<15} {item.level:<11} {covered}"
        if item.status is not None:
            head = f"{item.id:<15} {item.status:<19} {covered}"
        lines.append(head)
        for finding in item.findings:
            lines.extend(_finding_line(finding))
    if with_status and baseline is not None:
        lines.extend(_baseline_lines(baseline, findings))
    counts = Counter(item.coverage for item in items)
    summary = (f"{len(items)} requirements: {counts['rules']} checked by rules, "
               f"{counts['implementation-only']} implementation-only")
    if counts["uncovered"]:
        summary += f", {counts['uncovered']} UNCOVERED"
    if file is not None:
        statuses = Counter(item.status for item in items)
        summary += f"; {file}: " + ", ".join(f"{statuses[s]} {s}" for s in STATUSES)
    return "\n".join([*lines, summary]) + "\n"
