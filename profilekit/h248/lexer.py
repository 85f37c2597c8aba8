"""Tokens of the H.248.1 text encoding (Annex B): words of SafeChars, quoted strings and the punctuation
`= { } [ ] , : < > #`; white space and `;` comments separate them. Octet strings (Local, Remote, DigitMap
values) are read raw by the parser, so the lexer works on demand from an offset."""

from __future__ import annotations

import re
from dataclasses import dataclass

SAFE = r"A-Za-z0-9+\-&!_/'?@^`~*$\\()%|."
_WORD = re.compile(rf"[{SAFE}]+")
_SPACE = re.compile(r"(?:[ \t\r\n]+|;[^\r\n]*)*")
PUNCTUATION = "={}[],:<>#"
CURLY = "\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    """`word`, `string`, one of the punctuation characters, or `end`."""
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text) + (2 if self.kind == "string" else 0)

    def shown(self) -> str:
        """How an error message names the token."""
        if self.kind == "end":
            return "the end of the text"
        if self.kind == "string":
            return f'"{self.text}"'
        return f"`{self.text}`"


class LexError(Exception):
    """A character that cannot start any token, or an unterminated string."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


def skip_space(text: str, pos: int) -> int:
    """The offset of the first character after white space and comments at `pos`."""
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def token_at(text: str, pos: int) -> Token:
    """The token that starts at `pos` (white space already skipped)."""
    if pos >= len(text):
        return Token("end", "", len(text))
    char = text[pos]
    if char in PUNCTUATION:
        return Token(char, char, pos)
    if char == '"':
        close = pos + 1
        while close < len(text) and text[close] != '"':
            if text[close] in "\r\n":
                raise LexError(pos, "this quoted string is not closed on its line: add the closing \"")
            close += 1
        if close >= len(text):
            raise LexError(pos, "this quoted string is not closed: add the closing \"")
        return Token("string", text[pos + 1:close], pos)
    match = _WORD.match(text, pos)
    if match:
        return Token("word", match.group(0), pos)
    if char in CURLY:
        raise LexError(pos, f"the curly quote {char} (U+{ord(char):04X}) is not H.248 text; quote strings "
                            "with the straight double quote (\")")
    name = f"U+{ord(char):04X}" if not char.isprintable() or ord(char) > 126 else f"`{char}`"
    raise LexError(pos, f"the character {name} is not allowed here in H.248 text encoding")
