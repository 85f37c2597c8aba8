"""Human-readable findings, one per line, compiler style: `file:line:col: severity code message`.

Under each error a rule reports, an indented line gives the suppression comment that accepts it: errors
block `build`, `export` and `selftest`, and whoever reads them must learn there how to accept a deliberate
departure. The hint lives here, not in the message, so that JSON and SARIF messages stay one statement of
the problem (SARIF has its own suppression model, and the comment follows from the code for any consumer),
and the continuation line does not start with a location, so compiler-style problem matchers skip it.
"""

from __future__ import annotations

from collections.abc import Sequence

from profilekit.findings import Finding, Severity
from profilekit.rules.registry import REGISTRY
from profilekit.validate import ValidationResult


def acceptance_hint(finding: Finding) -> str | None:
    """How to accept an error finding a rule reports: the comment to write, and where. None for findings
    below error, and for loading, schema and suppression findings (LD/SC/SP), which no comment suppresses."""
    if finding.severity is not Severity.ERROR or finding.code not in REGISTRY:
        return None
    comment = f'# profilekit: disable={finding.code} reason="…"'
    where = f"at the end of line {finding.line}" if finding.line else "at the end of the line it concerns"
    return f"  to accept it, write {comment} {where} (or on a line of its own just above it)"


def render(findings: Sequence[Finding], files: Sequence[str], suppressed: int = 0) -> str:
    lines = []
    for f in findings:
        lines.append(f"{f.location()}: {f.severity.label} {f.code} {f.message}")
        hint = acceptance_hint(f)
        if hint is not None:
            lines.append(hint)
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
