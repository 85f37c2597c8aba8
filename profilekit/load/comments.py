"""Where a YAML comment starts on a line: the straight-quote scan that the suppression reader and the
loader's messages share (a `#` starts a comment only outside quoted scalars, after a blank)."""

from __future__ import annotations

from collections.abc import Iterator


def outside_quotes(line: str) -> Iterator[int]:
    """Indexes of the characters of one YAML line that are not inside a straight-quoted scalar ("…" with
    backslash escapes, '…' with '' for a quote); a quote opens a scalar only at its start (line start,
    after a blank, `[`, `{`, `,` or `:`)."""
    quote: str | None = None
    i = 0
    while i < len(line):
        ch = line[i]
        if quote == '"':
            if ch == "\\":
                i += 1
            elif ch == '"':
                quote = None
        elif quote == "'":
            if ch == "'":
                if line[i + 1:i + 2] == "'":
                    i += 1
                else:
                    quote = None
        elif ch in "\"'" and (i == 0 or line[i - 1] in " \t[{,:"):
            quote = ch
        else:
            yield i
        i += 1


def comment_column(line: str) -> int | None:
    """0-based index of the `#` that starts a comment on this line, or None."""
    return next((i for i in outside_quotes(line) if line[i] == "#" and (i == 0 or line[i - 1] in " \t")), None)
