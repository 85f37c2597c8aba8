"""WordprocessingML fragments as text: runs, paragraphs, field characters, table borders and cell margins.

The body is written as XML text and parsed once (see `body.BodyWriter.finish`); these helpers write what
python-docx would write, child elements in schema order.
"""

from __future__ import annotations

import re

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CODE_FONT = "Courier New"

MONO_FONTS = (f'<w:rFonts w:ascii="{CODE_FONT}" w:hAnsi="{CODE_FONT}" w:cs="{CODE_FONT}" '
              f'w:eastAsia="{CODE_FONT}"/>')
BORDERS = "<w:tblBorders>" + "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"
"""Single lines around and between all cells (drawn directly, so a template without Table Grid has them)."""
NO_BORDERS = "<w:tblBorders>" + "".join(
    f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"
TABLE_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
              'w:noVBand="1" w:val="04A0"/>')
HEADER_SHADING = '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
CELL_SPACING = '<w:spacing w:before="0" w:after="0"/>'
"""No space before or after a paragraph inside a table cell."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 cannot hold (dropped rather than failing the whole document)."""
_BREAKS = re.compile(r"([\t\r\n])")
_REQUIREMENT_HYPHEN = re.compile(r"(?<![\w-])(R)-(?=\d)")
"""The hyphen of a requirement id ("R-8.6/1"): written as `w:noBreakHyphen` (Word's non-breaking hyphen,
which LibreOffice reads as U+2011), so a line never ends at "R-"."""


def wordml_tag(tag: str) -> str:
    """The namespaced (Clark notation) name of a WordprocessingML element or attribute, for lxml look-ups."""
    return f"{{{W_NS}}}{tag}"


def escape_text(text: str) -> str:
    """`text` escaped for XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    """`text` escaped for a double-quoted XML attribute value."""
    return escape_text(text).replace('"', "&quot;")


def cell_margins_xml(twips: int) -> str:
    """A table's left and right cell margins (`w:tblCellMar`), in twips."""
    return (f'<w:tblCellMar><w:left w:w="{twips}" w:type="dxa"/>'
            f'<w:right w:w="{twips}" w:type="dxa"/></w:tblCellMar>')


def text_xml(text: str) -> str:
    """Run content as python-docx writes it: `w:t` pieces, a `w:tab` per tab, a `w:br` per CR or LF."""
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    if "R-" in text:
        text = _REQUIREMENT_HYPHEN.sub("\\1\x00", text)  # marked here, written as w:noBreakHyphen below
    out = []
    for piece in _BREAKS.split(text) if ("\t" in text or "\n" in text or "\r" in text or "\x00" in text) \
            else (text,):
        if "\x00" in piece:
            out.append("<w:noBreakHyphen/>".join(text_xml(part) for part in piece.split("\x00")))
        elif piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{escape_text(piece)}</w:t>")
    return "".join(out)


def run_xml(text: str, *, bold: bool = False, italic: bool = False, mono: bool = False,
            size: float | None = None) -> str:
    """A `w:r` holding `text`, bold, italic, in the code font and/or at `size` points."""
    props = (MONO_FONTS if mono else "") + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    if size is not None:
        props += f'<w:sz w:val="{int(size * 2)}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{text_xml(text)}</w:r>"


def paragraph_xml(inner: str, *, style: str | None = None, keep_next: bool = False, extra_ppr: str = "") -> str:
    """A `w:p`; pPr children in schema order (pStyle, keepNext, then numPr/spacing via `extra_ppr`)."""
    ppr = (f'<w:pStyle w:val="{escape_attribute(style)}"/>' if style else "") + ("<w:keepNext/>" if keep_next else "")
    ppr += extra_ppr
    return f"<w:p><w:pPr>{ppr}</w:pPr>{inner}</w:p>" if ppr else f"<w:p>{inner}</w:p>"


def field_char_xml(kind: str) -> str:
    """A run holding a field character: `kind` is begin, separate or end."""
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def bookmark_name(anchor: str) -> str:
    """Word bookmark names: letters, digits and `_`, at most 40 characters, letter first."""
    name = "".join(ch if ch.isalnum() else "_" for ch in anchor)
    return name[:40]
