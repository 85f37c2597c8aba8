"""Revision marks in the Markdown render, for review in git: CriticMarkup (criticmarkup.com).

`{++inserted++}` and `{--deleted--}` inline, word by word in a changed line; a line that is wholly
`{--…--}` was deleted and one wholly `{++…++}` inserted (accepting removes the first and unwraps the
second; rejecting does the opposite). Tables keep one row per line, so a moved cipher suite is one deleted
and one inserted row.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from profilekit.revisions.wordml import TOKEN, pair_similar, row_keys

MARKED_BELOW = "<!-- profilekit: the document follows, changes marked in CriticMarkup -->"


def _ins(text: str) -> str:
    return f"{{++{text}++}}" if text else ""


def _del(text: str) -> str:
    return f"{{--{text}--}}" if text else ""


def mark_line(old: str, new: str) -> str:
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append("".join(b[j1:j2]))
        else:
            out.append(_del("".join(a[i1:i2])) + _ins("".join(b[j1:j2])))
    return "".join(out)


def _cells(line: str) -> tuple[str, ...] | None:
    """The cells of a table row line (`| a | b |`), or None for another line."""
    if not (line.startswith("|") and line.endswith("|")) or set(line) <= set("|-: "):
        return None
    return tuple(cell.strip() for cell in re.split(r"(?<!\\)\|", line[1:-1]))


def _table_region(old: Sequence[str], new: Sequence[str]) -> list[str] | None:
    """Rows of one table: matched by their key column (as in Word), so a moved row is one deleted and one
    inserted row; None when the stretch is not all rows of the same width."""
    a, b = [_cells(line) for line in old], [_cells(line) for line in new]
    rows_a = [r for r in a if r is not None]
    rows_b = [r for r in b if r is not None]
    if len(rows_a) != len(a) or len(rows_b) != len(b) or len({len(r) for r in rows_a + rows_b}) != 1:
        return None
    keys_a, keys_b = row_keys(rows_a, rows_b)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [mark_line(old[i1 + k], new[j1 + k]) for k in range(i2 - i1)]
            continue
        out += [_del(line) for line in old[i1:i2]]
        out += [_ins(line) for line in new[j1:j2]]
    return out


def _region(old: Sequence[str], new: Sequence[str]) -> list[str]:
    if old and new:
        rows = _table_region(old, new)
        if rows is not None:
            return rows
    steps = pair_similar([TOKEN.findall(line) if line.strip() else None for line in old],
                         [TOKEN.findall(line) if line.strip() else None for line in new])
    if steps is None:  # a very large rewrite: no pairing
        return [_del(line) for line in old] + [_ins(line) for line in new]
    out: list[str] = []
    for i, j in steps:
        if i is not None and j is not None:
            out.append(mark_line(old[i], new[j]))
        elif i is not None:
            out.append(_del(old[i]) if old[i] else "{----}")
        elif j is not None:
            out.append(_ins(new[j]) if new[j] else "{++++}")
    return out


def mark_markdown(old: str, new: str) -> tuple[str, int]:
    """NEW's Markdown with OLD → NEW marked; also the number of changed lines."""
    a, b = old.split("\n"), new.split("\n")
    out: list[str] = []
    changed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(b[j1:j2])
        else:
            out.extend(_region(a[i1:i2], b[j1:j2]))
            changed += max(i2 - i1, j2 - j1)
    return "\n".join(out), changed


NEXT_CHANGE = "*** Next change ***"


def changed_sections(marked: str) -> str:
    """Only the sections (a `#` heading and the lines up to the next one) that hold a mark, with
    "*** Next change ***" between sections that are not next to each other."""
    groups: list[list[str]] = [[]]
    fenced = False
    for line in marked.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and re.match(r"^(\{\+\+|\{--)?#{1,6} ", line):
            anchors: list[str] = []  # the heading's anchors (`<a id=…></a>` just above it) go with it
            while groups[-1] and re.fullmatch(r'(\{\+\+|\{--)?<a id="[^"]*"></a>(\+\+\}|--\})?', groups[-1][-1]):
                anchors.insert(0, groups[-1].pop())
            groups.append(anchors)
        groups[-1].append(line)
    out: list[str] = []
    previous_kept = True
    for group in groups:
        heading = next((line for line in group if line.lstrip("{+-").startswith("#")), "")
        toc = re.fullmatch(r"(\{\+\+|\{--)?#{1,6} Contents(\+\+\}|--\})?", heading) is not None
        keep = not toc and any("{++" in line or "{--" in line for line in group)  # a CR shows no contents
        if keep:
            if out and not previous_kept:
                out += [NEXT_CHANGE, ""]
            out.extend(group)
        previous_kept = keep
    return "\n".join(out)
