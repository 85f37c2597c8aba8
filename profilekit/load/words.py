"""Plain words for loader messages: values as an editor sees them, curly quotes, indentation hints.

Everything here runs only when a message is being written (never on the loading hot path), so it may
look at the source text line by line.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from profilekit.catalog.quotes import CURLY_QUOTES
from profilekit.load.comments import comment_column, outside_quotes

# --- values ----------------------------------------------------------------------------------------

#: Characters an editor cannot see or tell apart from a space, by the names people know them by.
_FAMILIAR = {
    "\u00a0": "a non-breaking space", "\u202f": "a narrow non-breaking space", "\u2007": "a figure space",
    "\u200b": "a zero-width space", "\u200c": "a zero-width non-joiner", "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner", "\ufeff": "a byte-order mark",
    "\u00ad": "a soft hyphen", "\u200e": "a left-to-right mark", "\u200f": "a right-to-left mark",
    "\t": "a tab", "\n": "a line break", "\r": "a carriage return", "\u2028": "a line separator",
    "\u2029": "a paragraph separator", "\u3000": "an ideographic space",
}


def _odd(ch: str) -> bool:
    """A character a reader of the message would not see as written: invisible, or a space that is not ' '."""
    if ch in _FAMILIAR:
        return True
    return ch != " " and (not ch.isprintable() or unicodedata.category(ch) == "Zs")


def odd_name(ch: str) -> str:
    """`a non-breaking space (U+00A0)`."""
    name = _FAMILIAR.get(ch)
    if name is None:
        uname = unicodedata.name(ch, "").lower()
        name = f"the character {uname}" if uname else "an invisible character"
    return f"{name} (U+{ord(ch):04X})"


def quote(text: str) -> str:
    """Text in quotes as typed (no Python escapes): 'draft', or "it's" when it holds a single quote."""
    return f'"{text}"' if "'" in text and '"' not in text else f"'{text}'"


def show_text(text: str) -> str:
    """A string for a message; characters one cannot see are named: 'draft' followed by a non-breaking
    space (U+00A0)."""
    if not any(_odd(ch) for ch in text):
        return quote(text)
    parts: list[str] = []
    run = ""
    for ch in text:
        if _odd(ch):
            if run:
                parts.append(quote(run))
                run = ""
            parts.append(odd_name(ch))
        else:
            run += ch
    if run:
        parts.append(quote(run))
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{parts[0]} followed by {parts[1]}"
    return ", ".join(parts[:-1]) + f", then {parts[-1]}"


def strip_odd(text: str) -> str:
    """The text without the characters show_text names."""
    return "".join(ch for ch in text if not _odd(ch))


def show(value: object) -> str:
    """Any loaded value as the YAML author would write or recognise it (never Python's repr words)."""
    if value is None:
        return "no value (empty or null)"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return show_text(value)
    return kind(value)


def kind(value: object) -> str:
    """What a loaded value is, in words: `a list`, `a text`, `a number`, …"""
    if value is None:
        return "nothing (it is empty)"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a value of another kind"  # pragma: no cover - the loader builds nothing else


# --- curly quotes ----------------------------------------------------------------------------------

#: Typographic quotes that word processors put where YAML wants " or '.
CURLY = frozenset(CURLY_QUOTES)
_SCALAR_START = " \t:-[{,?"


@dataclass(frozen=True)
class Curly:
    line: int
    column: int
    char: str

    def message(self) -> str:
        return (f"curly quote U+{ord(self.char):04X} ({self.char}) at {self.line}:{self.column}; "
                "YAML needs straight quotes (\" or ')")


def _code_part(line: str) -> str:
    col = comment_column(line) if "#" in line else None
    return line if col is None else line[:col]


def source_lines(text: str) -> list[str]:
    """The lines of a document as libyaml numbers them for marks (line i is index i - 1)."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def line_text(text: str, line: int) -> str:
    """The 1-based line of `text` ('' when out of range); for one line (use source_lines for many)."""
    if line < 1:
        return ""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    return (text[start:] if end < 0 else text[start:end]).removesuffix("\r")


def curly_span(source: str, line: int, column: int | None = None) -> tuple[Curly, str] | None:
    """A curly quote on `source` (the text of 1-based `line`) that stands where YAML would accept a quote
    opening a value (at the start of a key, after `: `, `- `, `[`, `{` or `, `) and whose quoted stretch
    (up to the next curly quote, or the end of the line) covers 1-based `column`; with no column, the
    first such quote. Returned with the text between the quotes (what the editor meant to quote).

    Curly quotes inside prose (`a ‘quoted’ word`, or inside a straight-quoted value) are not at such a
    place and are not reported.
    """
    code = _code_part(source)
    i = 0
    while i < len(code):
        ch = code[i]
        head = code[:i].rstrip(" \t")
        if ch in CURLY and (not head or head[-1] in _SCALAR_START) and not _inside_straight(code, i):
            j = next((k for k in range(i + 1, len(code)) if code[k] in CURLY), len(code))
            if column is None or i <= column - 1 <= j:
                return Curly(line, i + 1, ch), code[i + 1:j].strip()
            i = j
        i += 1
    return None


def _inside_straight(code: str, index: int) -> bool:
    """Whether code[index] lies inside a straight-quoted scalar ("…" or '…') of this line."""
    return index not in outside_quotes(code[:index + 1])


def straight(meant: str) -> str:
    """The value the editor meant, in straight quotes."""
    if '"' not in meant:
        return f'"{meant}"'
    return "'" + meant.replace("'", "''") + "'"


# --- invisible characters in the structure ---------------------------------------------------------


@dataclass(frozen=True)
class OddSpace:
    line: int
    column: int
    char: str

    def message(self) -> str:
        if self.char == "\ufeff":
            return (f"{odd_name(self.char)} at {self.line}:{self.column}: YAML allows it only at the very start "
                    "of the file (text pasted from another file?); delete it")
        return (f"{odd_name(self.char)} at {self.line}:{self.column} where YAML needs an ordinary space; "
                "retype it as a space")


def _odd_space(ch: str) -> bool:
    return ch != " " and ch != "\t" and _odd(ch) and ch not in "\n\r"


def odd_space(text: str, line: int) -> OddSpace | None:
    """An invisible character that breaks YAML's structure near 1-based `line` (where libyaml stopped):
    a non-breaking or other Unicode space in the indentation or right after `:` or `- `, or a byte-order
    mark after the start of the file. Looked for on that line and the two content lines above it (libyaml
    often notices a bad indentation on the line after it); the nearest one wins."""
    lines = source_lines(text)
    e = min(line, len(lines)) - 1
    checked = 0
    for i in range(e, -1, -1):
        if checked == 3:
            break
        row = lines[i]
        if not row.strip(" \t"):
            continue
        checked += 1
        found = _odd_in_structure(row)
        if found is not None:
            return OddSpace(i + 1, found + 1, row[found])
    return None


def _odd_in_structure(row: str) -> int | None:
    """0-based index of an odd space in `row`'s indentation, after a `:`/`- ` indicator, or a BOM."""
    bom = row.find("\ufeff")
    j = 0
    while j < len(row) and (row[j] in " \t-" or _odd_space(row[j])):
        if _odd_space(row[j]):
            return j if bom < 0 else min(j, bom)
        j += 1
    code = _code_part(row)
    for k in range(len(code) - 1):
        if code[k] == ":" and _odd_space(code[k + 1]) and not _inside_straight(code, k):
            return k + 1 if bom < 0 else min(k + 1, bom)
    return bom if bom >= 0 else None


# --- indentation -----------------------------------------------------------------------------------

_INDENT_PROBLEMS = ("did not find expected '-' indicator", "mapping values are not allowed",
                    "did not find expected key", "expected <block end>", "could not find expected ':'")


def _content(text_lines: list[str], index: int) -> bool:
    stripped = text_lines[index].strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    """Column where the line's content starts, past any `- ` sequence indicators (0-based)."""
    i = len(line) - len(line.lstrip(" "))
    while line[i:i + 2] in ("- ", "-\t"):
        i += 2
        while i < len(line) and line[i] == " ":
            i += 1
    return i


def _opens_block(line: str) -> bool:
    code = _code_part(line).rstrip()
    return code.endswith((":", "-", "|", ">", "|-", ">-", "|+", ">+"))


@dataclass(frozen=True)
class IndentHint:
    line: int
    """The line most likely at fault (1-based)."""
    column: int
    sentence: str


def indentation_hint(text: str, problem: str, line: int, column: int) -> IndentHint | None:
    """For libyaml's structure errors, the line whose indentation is most likely wrong and a plain hint.

    libyaml reports where it noticed the problem; a first key dedented under its parent is noticed
    on the next line (its correctly indented sibling), so that case names the line above.
    """
    if not any(p in problem for p in _INDENT_PROBLEMS):
        return None
    lines = source_lines(text)
    e = line - 1
    if not 0 <= e < len(lines):
        return None
    if "mapping values are not allowed" in problem and colon_in_value(lines[e], column):
        return None  # a second `: ` on the key's own line: a value that needs quotes, not indentation
    prev = next((i for i in range(e - 1, -1, -1) if _content(lines, i)), None)
    if prev is None:
        return None
    nxt = next((i for i in range(e + 1, len(lines)) if _content(lines, i)), None)
    ind_e, ind_p = _indent(lines[e]), _indent(lines[prev])
    culprit, other, ind_c, ind_o = e, prev, ind_e, ind_p
    if ind_e > ind_p and not _opens_block(lines[prev]):
        before = next((i for i in range(prev - 1, -1, -1) if _content(lines, i)), None)
        if (before is not None and _opens_block(lines[before]) and nxt is not None
                and _indent(lines[nxt]) == ind_e):
            # the first line of a block is less indented than the lines that follow it
            culprit, other, ind_c, ind_o = prev, e, ind_p, ind_e
    elif ind_e == ind_p:
        return None
    where = "below" if other > culprit else "above"
    sentence = (f"check the indentation of line {culprit + 1} against the lines {where} it (YAML uses spaces "
                f"to nest): it is indented {_spaces(ind_c)}{_dash(lines[culprit])}, line {other + 1} "
                f"{_spaces(ind_o)}{_dash(lines[other])}")
    if culprit != e:
        sentence += f" (the YAML parser noticed the problem at line {line}, column {column})"
    if culprit == e:
        return IndentHint(line, column, sentence)
    return IndentHint(culprit + 1, ind_c + 1, sentence)


def colon_in_value(line: str, column: int) -> bool:
    """Whether the `:` libyaml refused at 1-based `column` follows a `key: ` on the same line."""
    return re.search(r":\s", line[: max(column - 1, 0)]) is not None


def _dash(line: str) -> str:
    return " (counting its '- ')" if line.lstrip().startswith("-") else ""


def _spaces(n: int) -> str:
    return f"{n} space" + ("" if n == 1 else "s")
