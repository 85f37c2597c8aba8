"""Typographic (curly) quote characters that word processors put where YAML wants " or '.

Named groups, because each user takes a different set: the model refuses a name (not prose: see
model/base.py) wrapped in any of them, a suppression reason may be quoted with most of them, and GL304
reports the English ones.
"""

from __future__ import annotations

ENGLISH_DOUBLE = "\u201c\u201d"
"""“ ” (U+201C, U+201D)."""
ENGLISH_SINGLE = "\u2018\u2019"
"""‘ ’ (U+2018, U+2019)."""
LOW_DOUBLE = "\u201e"
"""„ (U+201E), the German and Polish opening quote."""
LOW_SINGLE = "\u201a"
"""‚ (U+201A)."""
GUILLEMETS_DOUBLE = "\u00ab\u00bb"
"""« » (U+00AB, U+00BB)."""
GUILLEMETS_SINGLE = "\u2039\u203a"
"""‹ › (U+2039, U+203A)."""
REVERSED = "\u201f\u201b"
"""‟ ‛ (U+201F, U+201B)."""

ENGLISH = ENGLISH_DOUBLE + ENGLISH_SINGLE
"""The quotes English word processors type: what GL304 reports in command examples."""

CURLY_QUOTES = ENGLISH + LOW_DOUBLE + LOW_SINGLE + GUILLEMETS_DOUBLE + GUILLEMETS_SINGLE + REVERSED
"""Every typographic quote: a name-typed value (not `Text`) wrapped in any of them is an error."""

REASON_OPENING = ENGLISH + LOW_DOUBLE + LOW_SINGLE + GUILLEMETS_DOUBLE + GUILLEMETS_SINGLE
"""Quotes that may open a suppression reason (`reason=„…“`)."""

REASON_CLOSING = ENGLISH + GUILLEMETS_DOUBLE + GUILLEMETS_SINGLE
"""Quotes that may close a suppression reason (the low quotes only open)."""

REASON_STRIPPED = ENGLISH + LOW_DOUBLE + GUILLEMETS_DOUBLE
"""Quotes trimmed from an unterminated suppression reason."""


def code_point(quote: str) -> str:
    """`U+201C` for “."""
    return f"U+{ord(quote):04X}"
