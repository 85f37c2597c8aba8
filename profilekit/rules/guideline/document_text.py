"""A profile's strings as one searchable text: GL014 and GL015 search every value the editor wrote.

A 2,000-package profile has ~90,000 strings, so they are joined once per document and searched in one
pass rather than one search per string.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from profilekit.load.source import YamlPath

_TEXT: dict[int, tuple[Any, list[tuple[YamlPath, str]], list[int], str]] = {}
"""The last document GL014/GL015 read: id → (document, its strings with paths, the offset of each
string in the joined text, the joined text)."""


def _text(node: Any) -> tuple[list[tuple[YamlPath, str]], list[int], str]:
    """Every string value the editor wrote, with its path, in document order (mapping keys are not
    prose); and those strings joined by NUL (which the loader refuses in values) with each one's offset.

    Built once per document with an explicit stack: a 2,000-package profile has ~90,000 strings.
    """
    cached = _TEXT.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1], cached[2], cached[3]
    values: list[tuple[YamlPath, str]] = []
    stack: list[tuple[YamlPath, Any]] = [((), node)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            values.append((path, value))
        elif isinstance(value, dict):
            stack.extend(((*path, str(k)), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
    starts: list[int] = []
    offset = 0
    for _, text in values:
        starts.append(offset)
        offset += len(text) + 1
    corpus = "\0".join(text for _, text in values)
    _TEXT.clear()
    _TEXT[id(node)] = (node, values, starts, corpus)
    return values, starts, corpus


def strings(node: Any) -> list[tuple[YamlPath, str]]:
    """Every string value of the document with its path (see `_text`)."""
    return _text(node)[0]


def matches(node: Any, pattern: re.Pattern[str], *, candidates: re.Pattern[str] | None = None
             ) -> Iterator[tuple[YamlPath, re.Match[str]]]:
    """`pattern`'s matches in the document's strings, with each string's path: one search over the
    joined text (no pattern here matches a NUL), not one search per string. With `candidates` (a cheap
    pattern whose matches are where `pattern` can start), `pattern` is tried only there: a large profile
    is mostly text without citations."""

    strings, starts, corpus = _text(node)
    if candidates is None:
        found: Iterator[re.Match[str]] = pattern.finditer(corpus)
    else:
        found = _at_candidates(pattern, candidates, corpus)
    for match in found:
        index = bisect.bisect_right(starts, match.start()) - 1
        yield strings[index][0], match


def _at_candidates(pattern: re.Pattern[str], candidates: re.Pattern[str], corpus: str) -> Iterator[re.Match[str]]:
    end = 0
    for candidate in candidates.finditer(corpus):
        if candidate.start() < end:
            continue
        match = pattern.match(corpus, candidate.start())
        if match is not None:
            end = match.end()
            yield match
