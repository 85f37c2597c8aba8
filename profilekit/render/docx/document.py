"""`render_docx`: the outline written into a new or reference Word document, returned as .docx bytes."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

from profilekit.render.docx.body import BodyWriter
from profilekit.render.docx.house import DEFAULT_STYLE, HOUSE_STYLES, STYLE_NAMES, HouseStyle, apply_house_style
from profilekit.render.docx.package import fill_core_properties, remove_update_fields_prompt, save_deterministic
from profilekit.render.docx.page import fill_header_footer_distance, set_a4_page, write_header_footer
from profilekit.render.docx.reference import RenderError, open_reference
from profilekit.render.docx.styles import BUILTIN_PARAGRAPH_STYLES, DocumentStyles, Warn
from profilekit.render.outline import Outline


def render_docx(outline: Outline, *, reference_doc: str | Path | None = None,
                warn: Warn | None = None, style: str = DEFAULT_STYLE) -> bytes:
    """The whole document as .docx bytes in the house `style` (profilekit.render.docx.house; a reference
    document's own styles win over it). Raises RenderError for an unusable reference document."""
    if style not in HOUSE_STYLES:
        raise RenderError(f"unknown style {style!r}; expected one of {', '.join(STYLE_NAMES)}")
    with warnings.catch_warnings():
        # python-docx's and lxml's own notices (deprecations) mean nothing to an editor; what a template
        # lacks is reported through `warn`
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", FutureWarning)
        return _render_docx(outline, reference_doc=reference_doc, warn=warn, house=HOUSE_STYLES[style])


def _render_docx(outline: Outline, *, reference_doc: str | Path | None, warn: Warn | None,
                 house: HouseStyle) -> bytes:
    import docx

    messages: Warn = warn or (lambda _m: None)
    if reference_doc is not None:
        document = open_reference(reference_doc)
        if set_a4_page(document, only_missing=True):
            messages("the reference document does not set the page size or margins; using A4 with 20 mm margins "
                     "where it leaves them out")
        filled = fill_header_footer_distance(document)
        if filled:
            messages("the reference document's header or footer distance is 0 or missing, which puts the page "
                     f"header or footer off the page; using {' and '.join(filled)}")
    else:
        document = docx.Document()
        set_a4_page(document)
    styles = DocumentStyles(document, messages, reference=reference_doc is not None)
    for name in BUILTIN_PARAGRAPH_STYLES:
        styles.ensure(name)
    if reference_doc is None:
        apply_house_style(styles, house)
    writer = BodyWriter(document, styles, house)
    fill_core_properties(document, outline)
    write_header_footer(document, outline, styles)
    remove_update_fields_prompt(document)

    if outline.cover is not None:
        writer.cover(outline.cover)
        writer.page_break()
    writer.title(outline.title)
    for block in outline.front:
        writer.paragraph(block)
    writer.toc(outline)
    writer.page_break()
    for section in outline.sections:
        writer.section(section)
    writer.finish()
    styles.report_missing()
    writer.report_too_wide()

    return save_deterministic(document, dt.date.fromisoformat(outline.date))
