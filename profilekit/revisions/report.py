"""The views of a diff: text for the terminal, Markdown for a pull request, JSON (a list of changes) and an
RFC 6902 JSON patch."""

from __future__ import annotations

import json
from collections.abc import Callable

from profilekit.revisions.changes import Change
from profilekit.revisions.diff import ProfileDiff
from profilekit.revisions.patch import json_patch


def _lines(change: Change) -> str:
    old = f"{change.old_place.file}:{change.old_place.line}" if change.old_place else "-"
    new = f"{change.new_place.file}:{change.new_place.line}" if change.new_place else "-"
    return f"{old} → {new}"


def _summary(diff: ProfileDiff) -> str:
    count: dict[str, int] = {}
    for change in diff.changes:
        count[change.kind] = count.get(change.kind, 0) + 1
    if not count:
        return "no changes: both profiles specify the same thing"
    parts = [f"{count[k]} {k}" for k in ("added", "removed", "changed", "moved") if k in count]
    return f"{len(diff.changes)} change(s): {', '.join(parts)}"


def text_report(diff: ProfileDiff) -> str:
    out = [f"--- {diff.old.path} ({diff.old.profile.identification.name} version "
           f"{diff.old.profile.identification.version})",
           f"+++ {diff.new.path} ({diff.new.profile.identification.name} version "
           f"{diff.new.profile.identification.version})"]
    for change in diff.changes:
        where = f" [{change.clause}]" if change.clause else ""
        out.append(f"{change.kind:<8} {change.message}{where}")
        out.append(f"         {change.path}  ({_lines(change)})")
    out.append(_summary(diff))
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_report(diff: ProfileDiff) -> str:
    a, b = diff.old.profile.identification, diff.new.profile.identification
    out = [f"### Changes from {a.name} version {a.version} to {b.name} version {b.version}", "",
           f"`{diff.old.path}` → `{diff.new.path}`: {_summary(diff)}.", ""]
    if diff.changes:
        out += ["| | Change | Clause | Lines (old → new) |", "|---|---|---|---|"]
        marks = {"added": "➕", "removed": "➖", "changed": "✏️", "moved": "↕️"}
        for change in diff.changes:
            out.append(f"| {marks[change.kind]} {change.kind} | {_md_cell(change.message)} | "
                       f"{_md_cell(change.clause) or '–'} | {_md_cell(_lines(change))} |")
        out.append("")
    for warning in diff.warnings:
        out.append(f"> **Warning:** {_md_cell(warning)}")
        out.append("")
    return "\n".join(out)


def json_report(diff: ProfileDiff) -> str:
    record = {
        "old": {"file": diff.old.path, "name": diff.old.profile.identification.name,
                "version": diff.old.profile.identification.version},
        "new": {"file": diff.new.path, "name": diff.new.profile.identification.name,
                "version": diff.new.profile.identification.version},
        "same": diff.same,
        "warnings": diff.warnings,
        "changes": [change.to_record() for change in diff.changes],
    }
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def patch_report(diff: ProfileDiff) -> str:
    return json.dumps(json_patch(diff.old_dump, diff.new_dump), indent=2, ensure_ascii=False) + "\n"


REPORTS: dict[str, Callable[[ProfileDiff], str]] = {
    "text": text_report, "json": json_report, "md": markdown_report, "json-patch": patch_report,
}
"""`--format` → the function that writes the diff in it."""
