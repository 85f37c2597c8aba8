"""House styles (`--style`): the typography an SDO's published texts use, applied to the built-in template.

From the public drafting rules and templates:
- `itu-t` (default): ITU-T author's guide / TSB template: Times New Roman 12 pt; clause headings bold,
  black, same face; table titles above the table, centred, bold, "Table 3 – Title"; notes "NOTE – …" in
  a smaller size; no colour in headings or captions.
- `etsi`: ETSI drafting rules and skeleton: body Times New Roman 10 pt; headings Arial, not bold (18/16/14 pt);
  table titles (style TH) Arial 10 pt bold centred, "Table 3: Title"; notes "NOTE:" then a tab.
- `3gpp`: 3GPP TS/TR template (derived from ETSI's): the same faces and sizes as ETSI.
- `plain`: python-docx's default template unchanged (Calibri, blue headings), as before house styles.
A reference document (`--reference-doc`) always wins: its styles are used as they are, and only the text
conventions (caption separator, note prefix) of the chosen house style apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from profilekit.render.docx.wordml import wordml_tag


@dataclass(frozen=True)
class HouseStyle:
    name: str
    body_font: str | None
    body_pt: float | None
    heading_font: str | None
    heading_pt: tuple[float, float, float] | None
    """Heading 1, 2, 3 sizes."""
    caption_font: str | None
    caption_pt: float | None
    caption_separator: str
    """Between "Table 3" and the title: " – " (ITU-T) or ": " (ETSI, 3GPP)."""
    note_prefix: str
    """"NOTE – " or "NOTE:\t"."""
    note_pt: float | None
    title_pt: float | None = None
    heading_bold: bool = True
    """ITU-T sets clause headings bold; ETSI's and 3GPP's Heading styles are Arial, not bold."""


HOUSE_STYLES: dict[str, HouseStyle] = {style.name: style for style in (
    HouseStyle(name="itu-t", body_font="Times New Roman", body_pt=12, heading_font="Times New Roman",
               heading_pt=(12, 12, 12), caption_font="Times New Roman", caption_pt=12, caption_separator=" – ",
               note_prefix="NOTE – ", note_pt=11, title_pt=14),
    HouseStyle(name="etsi", body_font="Times New Roman", body_pt=10, heading_font="Arial",
               heading_pt=(18, 16, 14), caption_font="Arial", caption_pt=10, caption_separator=": ",
               note_prefix="NOTE:\t", note_pt=9, title_pt=20, heading_bold=False),
    HouseStyle(name="3gpp", body_font="Times New Roman", body_pt=10, heading_font="Arial",
               heading_pt=(18, 16, 14), caption_font="Arial", caption_pt=10, caption_separator=": ",
               note_prefix="NOTE:\t", note_pt=9, title_pt=20, heading_bold=False),
    HouseStyle(name="plain", body_font=None, body_pt=None, heading_font=None, heading_pt=None,
               caption_font=None, caption_pt=None, caption_separator=" – ", note_prefix="NOTE – ", note_pt=None),
)}
STYLE_NAMES: tuple[str, ...] = tuple(HOUSE_STYLES)
DEFAULT_STYLE = "itu-t"
NOTE_STYLE = "Note"


def _set_font(style: Any, font: str | None, size: float | None, *, bold: bool | None = None,
              black: bool = False) -> None:
    """Face (every script slot, theme fonts dropped), size, bold and black text on a paragraph style."""
    from docx.shared import Pt, RGBColor

    rpr = style.element.get_or_add_rPr()
    if font is not None:
        fonts = rpr.get_or_add_rFonts()
        for attr in list(fonts.attrib):
            if "Theme" in attr:
                del fonts.attrib[attr]
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(wordml_tag(attr), font)
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if black:
        color = rpr.find(wordml_tag("color"))
        if color is not None:
            rpr.remove(color)
        style.font.color.rgb = RGBColor(0, 0, 0)


def apply_house_style(styles: Any, house: HouseStyle) -> None:
    """Set the house style's faces and sizes on the built-in template's styles (never on a reference
    document's: the caller applies it only without one)."""
    if house.body_font is None:
        return
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = styles.document
    _set_font(styles.get("Normal"), house.body_font, house.body_pt)
    defaults = document.styles.element.find(wordml_tag("docDefaults"))
    if defaults is not None:  # the template's theme fonts would otherwise win where a style names none
        for fonts in defaults.iter(wordml_tag("rFonts")):
            for attr in list(fonts.attrib):
                del fonts.attrib[attr]
            for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
                fonts.set(wordml_tag(attr), house.body_font)
    for level in (1, 2, 3):
        style = styles.ensure(f"Heading {level}")
        size = house.heading_pt[level - 1] if house.heading_pt else None
        _set_font(style, house.heading_font, size, bold=house.heading_bold, black=True)
        style.font.italic = False
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
    title = styles.ensure("Title")
    _set_font(title, house.heading_font, house.title_pt, bold=True, black=True)
    title_ppr = title.element.get_or_add_pPr()
    for border in title_ppr.findall(wordml_tag("pBdr")):
        title_ppr.remove(border)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = styles.ensure("Caption")
    _set_font(caption, house.caption_font, house.caption_pt, bold=True, black=True)
    caption.font.italic = False
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(6)
    toc_heading = styles.ensure("TOC Heading")
    _set_font(toc_heading, house.heading_font, house.heading_pt[0] if house.heading_pt else None, bold=True,
              black=True)
    toc_heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name in ("Header", "Footer", "List Bullet"):
        _set_font(styles.ensure(name), house.body_font, None)


def note_style(styles: Any, house: HouseStyle) -> Any:
    """The Note paragraph style: the document's own, or one at the house style's note size with the text
    hanging after the "NOTE –" prefix."""
    if styles.has(NOTE_STYLE):
        return styles.get(NOTE_STYLE)
    from docx.shared import Pt

    style = styles._add(NOTE_STYLE)
    if house.note_pt is not None:
        style.font.size = Pt(house.note_pt)
    style.paragraph_format.space_before = Pt(3)
    style.paragraph_format.space_after = Pt(6)
    return style
