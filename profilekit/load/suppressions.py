"""Inline suppressions: `# profilekit: disable=SEC004 reason="..."` at the end of the offending line, or in a
comment line of its own just before it (a comment at the end of the line before applies to that line only).

Comments are not in the parsed data, so the document text is scanned. A `#` starts a comment only
outside quoted scalars and block scalars, at the start of a line or after whitespace (as in YAML).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from profilekit.catalog.quotes import REASON_CLOSING, REASON_OPENING, REASON_STRIPPED
from profilekit.findings import Finding, NonRuleCode, Severity
from profilekit.load.comments import comment_column
from profilekit.load.source import Document

MARKER = re.compile(r"profilekit:\s*disable\s*=\s*(?P<codes>[A-Za-z]+\d+(?:\s*,\s*[A-Za-z]+\d+)*)(?P<rest>.*)$")
REASON = re.compile(r"""reason\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""")
# Word turns "…" into “…” (or „…“, «…», ‘…’): a reason in typographic quotes is accepted as it is, also
# with one straight and one curly quote; the reason runs to the last quote of the comment.
CURLY_REASON = re.compile(f"reason\\s*=\\s*[\"'{REASON_OPENING}](?P<text>.*)[\"'{REASON_CLOSING}]\\s*$")
BARE_REASON = re.compile(r"reason\s*=\s*(?P<text>.*)$")
_BLOCK = re.compile(r"(?:^|[\s:\-?])[|>][+-]?[1-9]?[+-]?\s*$")

MISSING_REASON = NonRuleCode(code="SP001", title="Suppression without a reason",
                             description='Every `# profilekit: disable=CODE` needs `reason="..."`.')
UNUSED = NonRuleCode(code="SP002", title="Unused suppression", severity=Severity.WARNING,
                     description="The suppression's line has no finding of that code (any more).")
UNKNOWN_CODE = NonRuleCode(code="SP003", title="Suppression of an unknown code",
                           description="The suppression names a code that is not a rule.")
CODES = (MISSING_REASON, UNUSED, UNKNOWN_CODE)
"""The codes of findings about suppression comments (profilekit.load.codes collects them)."""


@dataclass(frozen=True)
class Suppression:
    file: str
    line: int
    """Line of the comment."""
    column: int
    codes: tuple[str, ...]
    reason: str | None
    target: int
    """Line whose findings it suppresses."""
    unquoted_reason: str | None = None
    """The text after `reason=` when it is not quoted (then `reason` is None)."""
    next_line: int | None = None
    """For a comment at the end of a line: the next content line (what a user may have meant)."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def scan(doc: Document) -> list[Suppression]:
    """Every suppression comment of a document, with the line it applies to."""
    if "profilekit" not in doc.text:  # no marker anywhere: skip the line-by-line scan (1 s on 3 MB)
        return []
    lines = doc.text.splitlines()
    found: list[tuple[int, int, str, bool]] = []  # (line index, column, comment text, own line)
    block_indent: int | None = None
    for n, line in enumerate(lines):
        if block_indent is not None:
            if not line.strip() or _indent(line) > block_indent:
                continue
            block_indent = None
        col = comment_column(line) if "#" in line else None
        code_part = line if col is None else line[:col]
        if col is not None:
            found.append((n, col, line[col + 1:], not code_part.strip()))
        if _BLOCK.search(code_part.rstrip()):
            block_indent = _indent(line)
    out = []
    for n, col, text, own_line in found:
        match = MARKER.search(text)
        if match is None:
            continue
        codes = tuple(c.strip().upper() for c in match["codes"].split(","))
        reason_match = REASON.search(match["rest"])
        reason = unquoted = None
        curly = CURLY_REASON.search(match["rest"]) if reason_match is None else None
        if reason_match is not None:
            reason = (reason_match["dq"] if reason_match["dq"] is not None else reason_match["sq"]).strip() or None
        elif curly is not None:
            reason = curly["text"].strip() or None
        elif (bare := BARE_REASON.search(match["rest"])) is not None:
            unquoted = bare["text"].strip().strip("\"'" + REASON_STRIPPED).strip() or None
        following = next((m for m in range(n + 1, len(lines))
                          if lines[m].strip() and not lines[m].lstrip().startswith("#")), None)
        target = (n if following is None else following) if own_line else n
        out.append(Suppression(file=doc.path, line=n + 1, column=col + 1, codes=codes, reason=reason,
                               target=target + 1, unquoted_reason=unquoted,
                               next_line=None if own_line or following is None else following + 1))
    return out


def _close_codes(code: str, known: set[str]) -> list[str]:
    """Rule codes the user probably meant: the same code with its number zero-padded (SEC02 → SEC002),
    else the nearest spellings."""
    match = re.fullmatch(r"([A-Z]+)(\d+)", code)
    if match is not None:
        padded = [k for k in known if re.fullmatch(rf"{match[1]}0*{int(match[2])}", k)]
        if padded:
            return sorted(padded)
    return difflib.get_close_matches(code, sorted(known), n=3, cutoff=0.6)


def apply(findings: Sequence[Finding], docs: Iterable[Document], *, known: set[str],
          active: set[str]) -> list[Finding]:
    """Mark suppressed findings and add findings about the suppressions themselves.

    `known` are the rule codes that exist, `active` those that ran (a suppression of a rule that did not
    run under the chosen baseline is not reported as unused).
    """
    suppressions = [s for doc in docs for s in scan(doc)]
    by_place: dict[tuple[str, int], list[Suppression]] = {}
    for sup in suppressions:
        by_place.setdefault((sup.file, sup.target), []).append(sup)
    used: set[tuple[Suppression, str]] = set()
    out: list[Finding] = []
    placed = {(f.file, f.line, f.code) for f in findings}
    for finding in findings:
        justification = None
        for sup in by_place.get((finding.file, finding.line), []):
            if finding.code in sup.codes and sup.reason is not None:
                used.add((sup, finding.code))
                justification = sup.reason
        out.append(replace(finding, suppressed=justification) if justification else finding)
    for sup in suppressions:
        def note(kind: NonRuleCode, message: str, sup: Suppression = sup) -> Finding:
            return Finding(code=kind.code, severity=kind.severity, message=message, file=sup.file,
                           line=sup.line, column=sup.column)
        if sup.reason is None:
            given = sup.unquoted_reason
            why = "has its reason without quotes" if given else "has no reason"
            out.append(note(MISSING_REASON,
                            f"suppression of {', '.join(sup.codes)} {why}; write "
                            f'`# profilekit: disable={",".join(sup.codes)} '
                            f'reason="{given or "why this is acceptable"}"`'))
            continue
        for code in sup.codes:
            if code not in known:
                close = _close_codes(code, known)
                out.append(note(UNKNOWN_CODE, f"suppression names {code}, which is not a rule code"
                                + (f"; did you mean {' or '.join(close)}?" if close else "")))
            elif code in active and (sup, code) not in used:
                message = f"suppression of {code} is unused: line {sup.target} has no {code} finding"
                if sup.next_line is not None and (sup.file, sup.next_line, code) in placed:
                    message += (f"; the {code} finding is on line {sup.next_line}, and a comment at the end of a "
                                "line applies to that line only: put it at the end of line "
                                f"{sup.next_line}, or in a comment line of its own just before it")
                out.append(note(UNUSED, message))
    return sorted(out, key=Finding.sort_key)
