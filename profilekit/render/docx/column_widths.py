"""Table column widths for the Word renderer, measured from the text each column holds.

Text is measured with DejaVu Serif's advance widths (printable ASCII; anything else counts as 1 em): the
widest of the common serif faces, and the one LibreOffice falls back to without Cambria, so a column sized
with it also fits Cambria, Times New Roman and Liberation Serif. Code runs are monospace, 0.6 em (Courier
New, Liberation Mono). Word and LibreOffice break a line at spaces and after hyphens only; a column at least
as wide as its longest such piece never breaks a word.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from profilekit.render.outline import Inline

# advance widths in 1/1000 em of DejaVu Serif, Book and Bold, for U+0020..U+007E
_DEJAVU_SERIF_BOOK = (318, 402, 460, 838, 636, 950, 890, 275, 390, 390, 500, 838, 318, 338, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 536, 1000, 722, 735, 765, 802, 730, 694, 799, 872,
    395, 401, 747, 664, 1024, 875, 820, 673, 820, 753, 685, 667, 843, 722, 1028, 712, 660, 695, 390, 337, 390,
    838, 500, 500, 596, 640, 560, 640, 592, 370, 640, 644, 320, 310, 606, 320, 948, 644, 602, 640, 640, 478,
    513, 402, 644, 565, 856, 564, 565, 527, 636, 337, 636, 838)
_DEJAVU_SERIF_BOLD = (348, 439, 521, 838, 696, 950, 903, 306, 473, 473, 523, 838, 348, 415, 348, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 369, 369, 838, 838, 838, 586, 1000, 776, 845, 796, 867, 762, 710, 854,
    945, 468, 473, 869, 703, 1107, 914, 871, 752, 871, 831, 722, 744, 872, 776, 1123, 776, 714, 730, 473, 365,
    473, 838, 500, 500, 648, 699, 609, 699, 636, 430, 699, 727, 380, 362, 693, 380, 1058, 727, 667, 699, 699,
    527, 563, 462, 727, 581, 861, 596, 581, 568, 643, 364, 643, 838)
MONO_EM = 600
OTHER_EM = 1000
SIZES = ((9.0, 8.0), (8.0, 7.0), (7.0, 6.5))
"""(text, code) point sizes a table is tried at, largest first: a table whose longest words do not fit the
line at 9 pt is set smaller rather than breaking words."""
TIGHT_MARGIN = 43
"""Left and right cell margin in twips (0.75 mm) of the last resort: the smallest type with half the usual
cell margins, for a narrow template's text width."""
TWIPS_PER_PT = 20
LONG_TOKEN = 0.45
"""A piece longer than this share of the line (a URL, a long path) cannot sensibly get a column of its own
width; it wraps wherever the renderer chooses, and does not make the whole table smaller."""
_PIECES = re.compile(r"\s+|(?<=-)(?=[^\s-])")
_REQUIREMENT_HYPHEN = re.compile(r"(?<![\w-])R-(?=\d)")
"""The hyphen of a requirement id ("R-8.6/1") does not break: wordml.text_xml writes it as `w:noBreakHyphen`."""
_BREAKABLE = re.compile(r"[\s-]")


_EM_BY_CODE_POINT = ([OTHER_EM] * 32 + list(_DEJAVU_SERIF_BOOK) + [OTHER_EM],
                     [OTHER_EM] * 32 + list(_DEJAVU_SERIF_BOLD) + [OTHER_EM])
"""Advance widths by code point below 128 (control characters and DEL count as 1 em), Book then Bold."""


def text_em(text: str, *, bold: bool = False, mono: bool = False) -> int:
    """Width of `text` in 1/1000 em."""
    if mono:
        return MONO_EM * len(text)
    table = _EM_BY_CODE_POINT[bold]
    if text.isascii():
        return sum(map(table.__getitem__, text.encode("ascii")))
    return sum(table[code] if (code := ord(char)) < 128 else OTHER_EM for char in text)


@functools.lru_cache(maxsize=4096)
def _measure(text: str, bold: bool, mono: bool) -> tuple[int, int]:
    """(longest unbreakable piece, whole text) of `text`, in 1/1000 em; cells repeat a lot ("–", "Yes")."""
    total = text_em(text, bold=bold, mono=mono)
    if not _BREAKABLE.search(text):
        return total, total
    return max((text_em(piece, bold=bold, mono=mono) for piece in pieces(text)), default=0), total


def pieces(text: str) -> list[str]:
    """The pieces a line may break between: split at white space and after a hyphen (not a requirement id's)."""
    if "R-" in text:
        protected = _REQUIREMENT_HYPHEN.sub("R\u2011", text)
        return [piece.replace("\u2011", "-") for piece in _PIECES.split(protected) if piece]
    return [piece for piece in _PIECES.split(text) if piece]


@dataclass(frozen=True)
class Layout:
    """A table's column widths and the type size and cell margins they were computed for."""

    widths: list[int]
    """Column widths in twips, summing to the line width."""
    text_pt: float
    code_pt: float
    margin: int
    """Left and right cell margin, in twips, the widths were computed with."""
    shortfall: int = 0
    """Twips the longest words lack even at the smallest type and cell margins (0: every word fits)."""


@dataclass
class _Column:
    """What a column holds, in 1/1000 em, apart from the point size: longest unbreakable text and code
    pieces, and the total text and code length."""

    text_piece: int = 0
    code_piece: int = 0
    text_total: int = 0
    code_total: int = 0

    def add(self, text: str, *, bold: bool, mono: bool) -> None:
        """Count one run of the column: its longest piece and its length, as text or as code."""
        longest, total = _measure(text, bold, mono)
        if mono:
            self.code_piece = max(self.code_piece, longest)
            self.code_total += total
        else:
            self.text_piece = max(self.text_piece, longest)
            self.text_total += total


def _columns(header: Sequence[str], rows: Sequence[Sequence[Inline]]) -> list[_Column]:
    """What each column holds: its header (bold) and every run of its cells."""
    columns = [_Column() for _ in header]
    for column, head in zip(columns, header, strict=True):
        column.add(head, bold=True, mono=False)
    for row in rows:
        for column, cell in zip(columns, row, strict=True):
            for run in cell:
                column.add(run.text, bold=run.bold, mono=run.code)
    return columns


def layout(header: Sequence[str], rows: Sequence[Sequence[Inline]], line: int, margin: int,
           slack: int) -> Layout:
    """Column widths (twips) for a table on a line of `line` twips, with cell margins of `margin` twips on
    either side and `slack` twips per column for borders and rounding: every column at least as wide as its
    longest word, the rest of the line shared out by how much text the columns hold. Tries smaller type
    (SIZES), then the smallest type with TIGHT_MARGIN cell margins, before letting a word break; when even
    that is too wide, `shortfall` says by how much (the caller warns)."""
    cap = line * LONG_TOKEN
    minimum: list[float] = []
    desire: list[float] = []
    columns = _columns(header, rows)
    cells = len(rows) + 1
    steps = [(text_pt, code_pt, margin) for text_pt, code_pt in SIZES]
    if margin > TIGHT_MARGIN:
        steps.append((*SIZES[-1], TIGHT_MARGIN))
    text_pt, code_pt, used = steps[0]
    for text_pt, code_pt, used in steps:
        pad = 2 * used + slack
        scale_text, scale_code = text_pt * TWIPS_PER_PT / 1000, code_pt * TWIPS_PER_PT / 1000
        # a piece wider than `cap` (a URL) wraps anyway; every other piece gets its whole width
        minimum = [min(max(column.text_piece * scale_text, column.code_piece * scale_code), cap) + pad
                   for column in columns]
        desire = [max((column.text_total * scale_text + column.code_total * scale_code) / cells + pad, least)
                  for column, least in zip(columns, minimum, strict=True)]
        if sum(minimum) <= line:
            break
    shortfall = max(0, math.ceil(sum(minimum) - line))
    if sum(minimum) >= line:  # even the smallest type does not fit: share the line by the minimums
        widths = [least * line / sum(minimum) for least in minimum]
    elif sum(desire) <= line:
        widths = [wanted * line / sum(desire) for wanted in desire]
    else:
        extra = [wanted - least for wanted, least in zip(desire, minimum, strict=True)]
        room = line - sum(minimum)
        widths = [least + room * more / sum(extra) for least, more in zip(minimum, extra, strict=True)]
    out = [int(width) for width in widths]
    out[-1] += line - sum(out)
    return Layout(out, text_pt, code_pt, used, shortfall)
