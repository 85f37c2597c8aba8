"""Human-readable findings, one per line, compiler style: `file:line:col: severity code message`."""

from __future__ import annotations

from collections.abc import Sequence

from profilekit.findings import Finding, Severity
from profilekit.validate import ValidationResult


def render(findings: Sequence[Finding], files: Sequence[str], suppressed: int = 0) -> str:
    lines = [f"{f.location()}: {f.severity.label} {f.code} {f.message}" for f in findings]
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    summary = (f"{len(files)} file{'s' if len(files) != 1 else ''} checked: "
               f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
               f"{counts[Severity.INFO]} info")
    if suppressed:
        summary += f" ({suppressed} suppressed)"
    return "\n".join([*lines, summary]) + "\n"


def report(result: ValidationResult) -> str:
    """Suppressed findings are counted, not listed (json and sarif show them with their reasons)."""
    active = result.active()
    return render(active, result.files, len(result.findings) - len(active))
