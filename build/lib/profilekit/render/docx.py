"""Word (DOCX) from the document outline, with python-docx.

What an SDO secretariat expects of a submitted document: literal clause numbers in Heading 1-3, real
tables whose header row repeats on every page, a "Table N – …" caption (Caption style) above each table,
a table-of-contents field, the profile name and version in the page header and the page number in the
footer, and core properties filled from the profile. With a reference document (an SDO template) the
styles and page set-up come from it; styles it lacks are copied from python-docx's built-in template, with
a warning. Output is byte-for-byte deterministic: fixed zip dates and entry order, no random ids.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from profilekit.render.outline import CodeBlock, Inline, Outline, Paragraph, Section, Table

Warn = Callable[[str], None]

CODE_STYLE = "Code"
CODE_FONT = "Courier New"
BUILTIN_PARAGRAPH_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet",
                            "TOC Heading", "Header", "Footer")
TABLE_STYLE = "Table Grid"


class RenderError(Exception):
    """A problem with the renderer's input (e.g. an unreadable reference document): exit code 2."""


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(f"w:{tag}"))


def _open_reference(path: str | Path) -> Any:
    import docx

    source = Path(path)
    if not source.is_file():
        raise RenderError(f"{path}: reference document not found" if not source.exists()
                          else f"{path}: reference document is not a file")
    if not zipfile.is_zipfile(source):
        raise RenderError(f"{path}: not a Word .docx file (it is not a zip package); save the SDO template "
                          "as .docx and pass that")
    try:
        document = docx.Document(str(source))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… for broken packages
        reason = str(exc).strip() or type(exc).__name__
        raise RenderError(f"{path}: not a readable Word .docx document ({reason}); a .dotx template must "
                          "first be saved as .docx") from None
    body = document.element.body
    for child in list(body):
        if child.tag != _w("sectPr"):
            body.remove(child)
    return document


class _Styles:
    """Looks up styles, copying missing built-in ones from python-docx's default template."""

    def __init__(self, document: Any, warn: Warn, *, reference: bool) -> None:
        self.document = document
        self.warn = warn
        self.reference = reference
        self._default: Any = None

    def _ids(self) -> set[str]:
        return {el.get(_w("styleId")) for el in self.document.styles.element.findall(_w("style"))}

    def _names(self) -> set[str]:
        return {style.name for style in self.document.styles}

    def ensure(self, name: str) -> str:
        if name in self._names():
            return name
        if self._default is None:
            import docx

            self._default = docx.Document()
        source = self._default.styles[name]
        element = copy.deepcopy(source.element)
        ids = self._ids()
        for tag in ("basedOn", "link", "next"):
            for ref in element.findall(_w(tag)):
                if ref.get(_w("val")) not in ids:
                    element.remove(ref)
        ppr = element.find(_w("pPr"))
        if ppr is not None:
            for num in ppr.findall(_w("numPr")):
                ppr.remove(num)
        self.document.styles.element.append(element)
        if self.reference:
            self.warn(f"the reference document has no {name!r} style; using the built-in one")
        return name

    def code(self) -> str:
        if CODE_STYLE in self._names():
            return CODE_STYLE
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt

        style = self.document.styles.add_style(CODE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        if "Normal" in self._names():
            style.base_style = self.document.styles["Normal"]
        style.font.name = CODE_FONT
        style.font.size = Pt(8.5)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(_w(attr), CODE_FONT)
        fmt = style.paragraph_format
        fmt.space_before = Pt(2)
        fmt.space_after = Pt(6)
        fmt.keep_together = True
        return CODE_STYLE

    def toc(self, level: int) -> str | None:
        name = f"TOC {level}"
        if name in self._names():
            return name
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt

        style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(_w("styleId"), f"TOC{level}")
        if "Normal" in self._names():
            style.base_style = self.document.styles["Normal"]
        style.paragraph_format.left_indent = Pt(11 * (level - 1))
        style.paragraph_format.space_after = Pt(2)
        return name


class _Writer:
    def __init__(self, document: Any, styles: _Styles) -> None:
        self.doc = document
        self.styles = styles
        self.bookmark_id = 0

    # inline content

    def runs(self, paragraph: Any, runs: Inline, *, bold: bool = False) -> None:
        from docx.oxml import OxmlElement
        from docx.text.run import Run as DocxRun

        for item in runs:
            if item.link:
                link = OxmlElement("w:hyperlink")
                link.set(_w("anchor"), _bookmark(item.link))
                link.set(_w("history"), "1")
                paragraph._p.append(link)
                r = OxmlElement("w:r")
                link.append(r)
                run = DocxRun(r, paragraph)
                run.text = item.text
            else:
                run = paragraph.add_run(item.text)
            if item.bold or bold:
                run.bold = True
            if item.code:
                _mono(run)

    def bookmark(self, paragraph: Any, name: str) -> None:
        from docx.oxml import OxmlElement

        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(_w("id"), str(self.bookmark_id))
        start.set(_w("name"), _bookmark(name))
        end = OxmlElement("w:bookmarkEnd")
        end.set(_w("id"), str(self.bookmark_id))
        ppr = paragraph._p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            paragraph._p.insert(0, start)
        paragraph._p.append(end)

    # blocks

    def paragraph(self, block: Paragraph) -> None:
        if block.kind == "item":
            p = self.doc.add_paragraph(style=self.styles.ensure("List Bullet"))
        else:
            p = self.doc.add_paragraph()
        if block.kind == "note":
            p.add_run("NOTE – ")
        self.runs(p, block.runs)

    def code(self, block: CodeBlock) -> None:
        if block.label:
            label = self.doc.add_paragraph()
            run = label.add_run(f"{block.label}:")
            run.italic = True
            label.paragraph_format.keep_with_next = True
        p = self.doc.add_paragraph(style=self.styles.code())
        run = p.add_run(block.text)
        _mono(run)

    def table(self, block: Table) -> None:
        from docx.oxml import OxmlElement

        if block.number:
            caption = self.doc.add_paragraph(block.full_caption, style=self.styles.ensure("Caption"))
            caption.paragraph_format.keep_with_next = True
            self.bookmark(caption, block.anchor)
        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
        if TABLE_STYLE in self.styles._names():
            table.style = self.doc.styles[TABLE_STYLE]
        elif self.styles.reference:
            self.styles.warn(f"the reference document has no {TABLE_STYLE!r} table style; drawing borders "
                             "directly")
        _borders(table)
        header = table.rows[0]
        tr_pr = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(_w("val"), "true")
        tr_pr.append(repeat)
        for cell, text in zip(header.cells, block.header, strict=True):
            para = cell.paragraphs[0]
            para.add_run(text).bold = True
            para.paragraph_format.keep_with_next = True
            _shade(cell)
        for row, cells in zip(table.rows[1:], block.rows, strict=True):
            cant = OxmlElement("w:cantSplit")
            cant.set(_w("val"), "true")
            row._tr.get_or_add_trPr().append(cant)
            for cell, runs in zip(row.cells, cells, strict=True):
                self.runs(cell.paragraphs[0], runs)
        self.doc.add_paragraph()

    def heading(self, section: Section) -> None:
        level = min(section.level, 3)
        p = self.doc.add_paragraph(section.heading, style=self.styles.ensure(f"Heading {level}"))
        self.bookmark(p, section.anchor)
        for extra in section.extra_anchors:
            self.bookmark(p, extra)

    def section(self, section: Section) -> None:
        self.heading(section)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, CodeBlock):
                self.code(block)
            else:
                self.table(block)
        for child in section.children:
            self.section(child)

    def toc(self, outline: Outline) -> None:
        """A TOC field whose cached result already lists the headings (Word updates the page numbers)."""
        heading = self.doc.add_paragraph("Contents", style=self.styles.ensure("TOC Heading"))
        heading.paragraph_format.keep_with_next = True
        entries = [s for s in outline.walk() if s.level <= 3]
        first = self.doc.add_paragraph(style=self.styles.toc(1))
        _field_char(first, "begin")
        _instr(first, r' TOC \o "1-3" \h \z \u ')
        _field_char(first, "separate")
        last = first
        for i, entry in enumerate(entries):
            p = first if i == 0 else self.doc.add_paragraph(style=self.styles.toc(min(entry.level, 3)))
            self.runs(p, ((_run(entry.heading, _bookmark(entry.anchor))),))
            last = p
        _field_char(last, "end")

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _run(text: str, link: str) -> Any:
    from profilekit.render.outline import Run

    return Run(text, link=link)


def _bookmark(anchor: str) -> str:
    """Word bookmark names: letters, digits and `_`, at most 40 characters, letter first."""
    name = "".join(ch if ch.isalnum() else "_" for ch in anchor)
    return name[:40]


def _mono(run: Any) -> None:
    run.font.name = CODE_FONT
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(_w(attr), CODE_FONT)


def _borders(table: Any) -> None:
    from docx.oxml import OxmlElement

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(_w("val"), "single")
        el.set(_w("sz"), "4")
        el.set(_w("space"), "0")
        el.set(_w("color"), "auto")
        borders.append(el)
    tbl_pr.append(borders)


def _shade(cell: Any) -> None:
    from docx.oxml import OxmlElement

    shd = OxmlElement("w:shd")
    shd.set(_w("val"), "clear")
    shd.set(_w("color"), "auto")
    shd.set(_w("fill"), "D9D9D9")
    cell._tc.get_or_add_tcPr().append(shd)


def _field_char(paragraph: Any, kind: str) -> None:
    from docx.oxml import OxmlElement

    run = paragraph.add_run()
    fld = OxmlElement("w:fldChar")
    fld.set(_w("fldCharType"), kind)
    run._r.append(fld)


def _instr(paragraph: Any, code: str) -> None:
    from docx.oxml import OxmlElement

    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = code
    run._r.append(instr)


def _simple_field(paragraph: Any, code: str, cached: str) -> None:
    _field_char(paragraph, "begin")
    _instr(paragraph, f" {code} ")
    _field_char(paragraph, "separate")
    paragraph.add_run(cached)
    _field_char(paragraph, "end")


def _header_footer(document: Any, outline: Outline, styles: _Styles) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in document.sections:
        for part, text in ((section.header, outline.running_header), (section.footer, None)):
            part.is_linked_to_previous = False
            paragraphs = part.paragraphs
            for extra in paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            for table in part.tables:
                table._tbl.getparent().remove(table._tbl)
            p = part.paragraphs[0]
            for child in list(p._p):
                if child.tag != _w("pPr"):
                    p._p.remove(child)
            if text is not None:
                p.style = styles.ensure("Header")
                p.add_run(text)
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                p.style = styles.ensure("Footer")
                p.add_run("Page ")
                _simple_field(p, "PAGE", "1")
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _a4(document: Any) -> None:
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)


def _properties(document: Any, outline: Outline) -> None:
    props = document.core_properties
    when = dt.datetime.fromisoformat(outline.date).replace(tzinfo=dt.UTC)
    props.title = outline.title
    props.subject = f"H.248.1 profile {outline.name} version {outline.version}"
    props.author = "; ".join(outline.editors)
    props.last_modified_by = "; ".join(outline.editors)
    props.revision = outline.version
    props.created = when
    props.modified = when
    props.keywords = f"H.248; TLS; profile; {outline.name}"
    props.category = "H.248 profile"
    props.content_status = outline.status
    props.comments = "Generated by profilekit from the profile's YAML source."
    props.identifier = f"{outline.name}/{outline.version}"
    props.language = "en"
    props.version = str(outline.version)


def _update_fields_on_open(document: Any) -> None:
    from docx.oxml import OxmlElement

    settings = document.settings.element
    for old in settings.findall(_w("updateFields")):
        settings.remove(old)
    update = OxmlElement("w:updateFields")
    update.set(_w("val"), "true")
    settings.append(update)


def _deterministic_zip(data: bytes, when: dt.date) -> bytes:
    """Same entries, same order, fixed dates and attributes: identical input gives identical bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0) if when.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def render_docx(outline: Outline, *, reference_doc: str | Path | None = None,
                warn: Warn | None = None) -> bytes:
    """The whole document as .docx bytes. Raises RenderError for an unusable reference document."""
    import docx

    messages: Warn = warn or (lambda _m: None)
    if reference_doc is not None:
        document = _open_reference(reference_doc)
    else:
        document = docx.Document()
        _a4(document)
    styles = _Styles(document, messages, reference=reference_doc is not None)
    for name in BUILTIN_PARAGRAPH_STYLES:
        styles.ensure(name)
    writer = _Writer(document, styles)
    _properties(document, outline)
    _header_footer(document, outline, styles)
    _update_fields_on_open(document)

    if outline.cover is not None:
        cover = outline.cover
        p = document.add_paragraph()
        p.add_run(cover.heading).bold = True
        writer.table(cover.table)
        if cover.abstract:
            p = document.add_paragraph()
            p.add_run("Abstract: ").bold = True
            p.add_run(" ".join(cover.abstract.split()))
        writer.page_break()
    document.add_paragraph(outline.title, style=styles.ensure("Title"))
    for block in outline.front:
        writer.paragraph(block)
    writer.toc(outline)
    writer.page_break()
    for section in outline.sections:
        writer.section(section)

    raw = io.BytesIO()
    document.save(raw)
    return _deterministic_zip(raw.getvalue(), dt.date.fromisoformat(outline.date))
