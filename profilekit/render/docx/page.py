"""Page set-up: A4 size and margins, header and footer distances, the running header and page-number footer."""

from __future__ import annotations

from typing import Any

from profilekit.render.docx.styles import DocumentStyles
from profilekit.render.docx.wordml import wordml_tag
from profilekit.render.outline import Outline

HEADER_DISTANCE_MM = 12.5
"""Header and footer distance from the page edge where a reference document gives none (Word's default)."""


def set_a4_page(document: Any, *, only_missing: bool = False) -> bool:
    """A4 with 20 mm margins; with `only_missing`, only where the document leaves the size or a margin out
    (pandoc's reference.docx has an empty `w:sectPr`). True when something was set."""
    from docx.shared import Mm

    document.element.body.get_or_add_sectPr()
    changed = False
    for section in document.sections:
        for attr, value in (("page_width", Mm(210)), ("page_height", Mm(297)), ("left_margin", Mm(20)),
                            ("right_margin", Mm(20)), ("top_margin", Mm(20)), ("bottom_margin", Mm(20))):
            if not only_missing or getattr(section, attr) is None:
                setattr(section, attr, value)
                changed = True
    return changed


def fill_header_footer_distance(document: Any) -> list[str]:
    """A sane header and footer distance where the reference document's is 0 or missing (LibreOffice saves
    `w:header="0" w:footer="0"` for a document without header or footer; Word then puts our header at the
    very page edge and the footer below it): 12.5 mm, but never more than 5/8 of the top or bottom margin,
    so the header stays inside the margin. Returns what was filled, for the warning."""
    from docx.shared import Mm

    filled: list[str] = []
    for section in document.sections:
        for attr, margin_attr, label in (("header_distance", "top_margin", "header"),
                                         ("footer_distance", "bottom_margin", "footer")):
            if not getattr(section, attr):
                margin = getattr(section, margin_attr) or Mm(20)
                value = min(Mm(HEADER_DISTANCE_MM), int(margin) * 5 // 8)
                setattr(section, attr, value)
                filled.append(f"{label} distance {value / 36000:.1f} mm")
    return list(dict.fromkeys(filled))


def _add_field_char(paragraph: Any, kind: str) -> None:
    from docx.oxml import OxmlElement

    run = paragraph.add_run()
    field_char = OxmlElement("w:fldChar")
    field_char.set(wordml_tag("fldCharType"), kind)
    run._r.append(field_char)


def _add_field_code(paragraph: Any, code: str) -> None:
    from docx.oxml import OxmlElement

    run = paragraph.add_run()
    instruction = OxmlElement("w:instrText")
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instruction.text = code
    run._r.append(instruction)


def _add_simple_field(paragraph: Any, code: str, cached: str) -> None:
    """A field (`code`, e.g. PAGE) showing `cached` until the editor's word processor updates it."""
    _add_field_char(paragraph, "begin")
    _add_field_code(paragraph, f" {code} ")
    _add_field_char(paragraph, "separate")
    paragraph.add_run(cached)
    _add_field_char(paragraph, "end")


def write_header_footer(document: Any, outline: Outline, styles: DocumentStyles) -> None:
    """Every section's header (the running header, or a contribution's number) and footer ("Page N"),
    replacing whatever a reference document had there."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    running = outline.running_header
    if outline.cover is not None and outline.cover.number:
        running = outline.cover.number  # a contribution is known by its document number
    for section in document.sections:
        # the cover page carries neither the running header nor "Page 1": an empty first-page header
        # and footer (Word and LibreOffice show them on the first page only, `w:titlePg`)
        section.different_first_page_header_footer = outline.cover is not None
        if outline.cover is not None:
            for part in (section.first_page_header, section.first_page_footer):
                part.is_linked_to_previous = False
                for paragraph in part.paragraphs:
                    for child in list(paragraph._p):
                        if child.tag != wordml_tag("pPr"):
                            paragraph._p.remove(child)
        for part, text in ((section.header, running), (section.footer, None)):
            part.is_linked_to_previous = False
            paragraphs = part.paragraphs
            for extra in paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            for table in part.tables:
                table._tbl.getparent().remove(table._tbl)
            paragraph = part.paragraphs[0]
            for child in list(paragraph._p):
                if child.tag != wordml_tag("pPr"):
                    paragraph._p.remove(child)
            if text is not None:
                paragraph.style = styles.ensure("Header")
                paragraph.add_run(text)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                paragraph.style = styles.ensure("Footer")
                paragraph.add_run("Page ")
                _add_simple_field(paragraph, "PAGE", "1")
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
