"""Where a character of a scalar's value is written in the YAML source: for a literal block (`|`) line by
line from the block's indentation, for a one-line plain or quoted scalar from its first column. Folded
blocks and quoted scalars that span lines or hold escapes are not mapped (the caller searches instead)."""

from __future__ import annotations

import re

from profilekit.load.source import Document, Pos, YamlPath

_HEADER = re.compile(r"\|([1-9])?[+-]?([1-9])?[ \t]*(#.*)?$")


def position_in_value(doc: Document, path: YamlPath, offset: int, expect: str = "") -> Pos | None:
    """The line and column where character `offset` of the scalar value at `path` is written, or None when it
    cannot be mapped exactly. `expect` (text that starts at that offset) guards the answer: when the source
    does not show it there, None."""
    start_pos = doc.value_pos.get(tuple(path))
    if start_pos is None or offset < 0:
        return None
    lines = doc.text.split("\n")
    if start_pos.line > len(lines):
        return None
    first = lines[start_pos.line - 1]
    head = first[start_pos.column - 1:]
    pos: Pos | None
    if head.startswith("|"):
        pos = _in_literal(lines, start_pos, head, offset, expect)
    elif head[:1] in ("'", '"', ">"):
        pos = Pos(start_pos.line, start_pos.column + 1 + offset) if head[:1] != ">" else None
        if pos is not None and ("\\" in head or "''" in head):
            pos = None
    else:
        pos = Pos(start_pos.line, start_pos.column + offset)
    if pos is None:
        return None
    if expect:
        line = lines[pos.line - 1] if pos.line <= len(lines) else ""
        shown = expect.split("\n")[0][:40]
        if not line[pos.column - 1:].startswith(shown):
            return None
    return pos


def _in_literal(lines: list[str], start: Pos, head: str, offset: int, expect: str) -> Pos | None:
    match = _HEADER.match(head)
    if match is None:
        return None
    content = start.line  # index of the first content line (0-based) = the line after the header
    indent: int | None = None
    explicit = match.group(1) or match.group(2)
    if explicit:
        parent = len(lines[start.line - 1]) - len(lines[start.line - 1].lstrip(" "))
        indent = parent + int(explicit)
    else:
        for line in lines[content:]:
            if line.strip():
                indent = len(line) - len(line.lstrip(" "))
                break
    if indent is None:
        return None
    del expect
    return _literal_offset(lines, content, indent, offset)


def _literal_offset(lines: list[str], content: int, indent: int, offset: int) -> Pos | None:
    remaining = offset
    index = content
    while index < len(lines):
        length = max(len(lines[index]) - indent, 0)
        if remaining <= length:
            return Pos(index + 1, indent + remaining + 1)
        remaining -= length + 1
        index += 1
    return None
