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

from profilekit.render.outline import CodeBlock, Inline, Outline, Paragraph, Run, Section, Table, plain

Warn = Callable[[str], None]

CODE_STYLE = "Code"
CODE_FONT = "Courier New"
BUILTIN_PARAGRAPH_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet",
                            "TOC Heading", "Header", "Footer")
TABLE_STYLE = "Table Grid"
TABLE_FONT_PT = 9
TABLE_CODE_FONT_PT = 8
TEXT_CHAR_PT, BOLD_CHAR_PT, CODE_CHAR_PT = 4.9, 6.2, 4.85
"""Average advance of one character of 9 pt text, 9 pt bold and 8 pt monospace (for column widths)."""
WIDE_CHAR_PT = 6.2
"""Capitals and digits of 9 pt text are wider than the average (Cambria, DejaVu Serif): an unbreakable word
of them ("0xC0,0x2C") sized at the average wraps mid-word."""


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


_UI_NAMES = {"heading 1": "Heading 1", "heading 2": "Heading 2", "heading 3": "Heading 3", "caption": "Caption",
             "header": "Header", "footer": "Footer", "toc 1": "TOC 1", "toc 2": "TOC 2", "toc 3": "TOC 3",
             "title": "Title"}
"""Word stores some built-in style names in lower case; python-docx shows them capitalised."""


class _Styles:
    """Looks up styles, copying missing built-in ones from python-docx's default template."""

    def __init__(self, document: Any, warn: Warn, *, reference: bool) -> None:
        self.document = document
        self.warn = warn
        self.reference = reference
        self._default: Any = None
        self._known: dict[str, Any] = {}
        self._all: set[str] | None = None

    def _ids(self) -> set[str]:
        return {el.get(_w("styleId")) for el in self.document.styles.element.findall(_w("style"))}

    def _names(self) -> set[str]:
        if self._all is None:
            self._all = {el.name_val for el in self.document.styles.element.findall(_w("style"))}
            self._all |= {_UI_NAMES.get(name, name) for name in self._all if name}
        return self._all

    def has(self, name: str) -> bool:
        return name in self._known or name in self._names()

    def get(self, name: str) -> Any:
        """The style object (python-docx looks names up slowly; each is looked up once)."""
        if name not in self._known:
            self._known[name] = self.document.styles[name]
        return self._known[name]

    def ensure(self, name: str) -> Any:
        if name in self._known:
            return self._known[name]
        if name in self._names():
            return self.get(name)
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
        self._all = None
        if self.reference:
            self.warn(f"the reference document has no {name!r} style; using the built-in one")
        return self.get(name)

    def code(self) -> Any:
        if self.has(CODE_STYLE):
            return self.get(CODE_STYLE)
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt

        style = self.document.styles.add_style(CODE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        self._all = None
        if self.has("Normal"):
            style.base_style = self.get("Normal")
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
        return self.get(CODE_STYLE)

    def toc(self, level: int) -> Any:
        name = f"TOC {level}"
        if self.has(name):
            return self.get(name)
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt

        style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        self._all = None
        style.element.set(_w("styleId"), f"TOC{level}")
        if self.has("Normal"):
            style.base_style = self.get("Normal")
        style.paragraph_format.left_indent = Pt(11 * (level - 1))
        style.paragraph_format.space_after = Pt(2)
        return self.get(name)


class _Writer:
    def __init__(self, document: Any, styles: _Styles) -> None:
        self.doc = document
        self.styles = styles
        self.bookmark_id = 0

    # inline content

    def runs(self, paragraph: Any, runs: Inline, *, bold: bool = False, size: float | None = None) -> None:
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
            if size is not None:
                from docx.shared import Pt

                run.font.size = Pt(TABLE_CODE_FONT_PT if item.code and size == TABLE_FONT_PT else size)

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
        style = self.styles.ensure("List Bullet") if block.kind == "item" else self.styles.get("Normal")
        p = _add(self.doc, "", style)
        if block.kind == "note":
            p.add_run("NOTE – ")
        self.runs(p, block.runs)

    def code(self, block: CodeBlock) -> None:
        if block.label:
            label = self.doc.add_paragraph()
            run = label.add_run(f"{block.label}:")
            run.italic = True
            label.paragraph_format.keep_with_next = True
        p = _add(self.doc, "", self.styles.code())
        run = p.add_run(block.text)
        _mono(run)

    def table(self, block: Table) -> None:
        from docx.oxml import OxmlElement

        if block.number:
            caption = _add(self.doc, block.full_caption, self.styles.ensure("Caption"))
            caption.paragraph_format.keep_with_next = True
            self.bookmark(caption, block.anchor)
        table = self.doc.add_table(rows=1, cols=len(block.header))
        if self.styles.has(TABLE_STYLE):
            table._tbl.tblPr.style = self.styles.get(TABLE_STYLE).style_id
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
            self.runs(para, (Run(text),), bold=True, size=TABLE_FONT_PT)
            para.paragraph_format.keep_with_next = True
            _shade(cell)
        widths = self._layout(table, block)
        _append_rows(table, block.rows, widths)
        self.doc.add_paragraph()

    def _layout(self, table: Any, block: Table) -> list[int]:
        """Column widths from the text each column holds (Word's equal split crushes long names).

        Lays out the rows the table has so far (the header) and returns the widths for the body rows.
        """
        from docx.shared import Pt

        section = self.doc.sections[-1]
        total = int(section.page_width - section.left_margin - section.right_margin)
        widths = column_widths(block, total)
        table.autofit = False
        for col, width in zip(table._tbl.tblGrid.findall(_w("gridCol")), widths, strict=True):
            col.set(_w("w"), str(width // 635))  # EMU → twips
        for tr in table._tbl.findall(_w("tr")):
            for tc, width in zip(tr.findall(_w("tc")), widths, strict=True):
                tc.get_or_add_tcPr().width = width
                for p in tc.findall(_w("p")):
                    spacing = p.get_or_add_pPr().get_or_add_spacing()
                    spacing.before = Pt(0)
                    spacing.after = Pt(0)
        return widths

    def heading(self, section: Section) -> None:
        level = min(section.level, 3)
        style = self.styles.ensure(f"Heading {level}")
        p = _add(self.doc, section.heading, style)
        if _numbered(style):
            # the heading text carries the literal clause number: switch off a template's auto-numbering
            from docx.oxml import OxmlElement

            num = OxmlElement("w:numPr")
            num_id = OxmlElement("w:numId")
            num_id.set(_w("val"), "0")
            num.append(num_id)
            p._p.get_or_add_pPr().append(num)
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
        heading = _add(self.doc, "Contents", self.styles.ensure("TOC Heading"))
        heading.paragraph_format.keep_with_next = True
        entries = [s for s in outline.walk() if s.level <= 3]
        first = _add(self.doc, "", self.styles.toc(1))
        _field_char(first, "begin")
        _instr(first, r' TOC \o "1-3" \h \z \u ')
        _field_char(first, "separate")
        last = first
        for i, entry in enumerate(entries):
            p = first if i == 0 else _add(self.doc, "", self.styles.toc(min(entry.level, 3)))
            self.runs(p, ((_run(entry.heading, _bookmark(entry.anchor))),))
            last = p
        _field_char(last, "end")

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _run(text: str, link: str) -> Run:
    return Run(text, link=link)


def _text_width(word: str) -> float:
    """Points one word of 9 pt text needs on a line."""
    wide = sum(1 for ch in word if ch.isupper() or ch.isdigit())
    return wide * WIDE_CHAR_PT + (len(word) - wide) * TEXT_CHAR_PT


def column_widths(block: Table, total: int) -> list[int]:
    """Widths (EMU) summing to `total`: each column at least as wide as its longest word, the rest of
    the line shared by how much text the columns hold on average."""
    pt = 12700  # EMU per point
    pad = 12 * pt  # Word's default cell margins, left and right
    minimum, desire = [], []
    for i, head in enumerate(block.header):
        cells = [row[i] for row in block.rows]
        words = [(len(w) * CODE_CHAR_PT if run.code else _text_width(w)) * pt
                 for cell in cells for run in cell for w in run.text.split()]
        words += [len(w) * BOLD_CHAR_PT * pt for w in head.split()]
        texts = [len(head), *(len(plain(cell)) for cell in cells)]
        low = max(words, default=float(pt)) + pad
        minimum.append(min(low, total / 2))
        desire.append(max(sum(texts) / len(texts) * TEXT_CHAR_PT * pt + pad, minimum[-1]))
    if sum(minimum) >= total:
        widths = [w * total / sum(minimum) for w in minimum]
    elif sum(desire) <= total:
        widths = [w * total / sum(desire) for w in desire]
    else:
        extra = [d - m for d, m in zip(desire, minimum, strict=True)]
        room = total - sum(minimum)
        widths = [m + room * e / sum(extra) for m, e in zip(minimum, extra, strict=True)]
    out = [int(w) for w in widths]
    out[-1] += total - sum(out)
    return out


def _add(document: Any, text: str, style: Any) -> Any:
    """A paragraph with `style` (python-docx's own style argument scans every style on each call)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style.style_id
    return paragraph


def _numbered(style: Any) -> bool:
    """Whether a paragraph style (or one it is based on) numbers its paragraphs automatically."""
    seen = 0
    while style is not None and seen < 10:
        ppr = style.element.find(_w("pPr"))
        if ppr is not None and ppr.find(_w("numPr")) is not None:
            return True
        style = style.base_style
        seen += 1
    return False


def _bookmark(anchor: str) -> str:
    """Word bookmark names: letters, digits and `_`, at most 40 characters, letter first."""
    name = "".join(ch if ch.isalnum() else "_" for ch in anchor)
    return name[:40]



_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _run_xml(item: Run) -> str:
    """One table-cell run as WordprocessingML, as python-docx would write it (tab → w:tab, newline → w:br)."""
    from xml.sax.saxutils import escape, quoteattr

    props = ""
    if item.code:
        font = CODE_FONT
        props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'
    if item.bold:
        props += "<w:b/>"
    props += f'<w:sz w:val="{2 * (TABLE_CODE_FONT_PT if item.code else TABLE_FONT_PT)}"/>'
    parts: list[str] = []
    for i, line in enumerate(item.text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                space = ' xml:space="preserve"' if piece != piece.strip() else ""
                parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    run = f"<w:r><w:rPr>{props}</w:rPr>{''.join(parts)}</w:r>"
    if item.link:
        return f"<w:hyperlink w:anchor={quoteattr(_bookmark(item.link))} w:history=\"1\">{run}</w:hyperlink>"
    return run


def _append_rows(table: Any, rows: Any, widths: list[int]) -> None:
    """Body rows of a table in one XML parse: python-docx's cell-by-cell API dominated DOCX render time.

    Each cell gets its column width (EMU → twips) and no paragraph spacing, as `_Writer._layout` gives the
    header row.
    """
    from docx.oxml import parse_xml

    cells_open = [f'<w:tc><w:tcPr><w:tcW w:w="{round(w / 635)}" w:type="dxa"/></w:tcPr>'
                  '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>' for w in widths]
    body = "".join(
        '<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>'
        + "".join(f"{start}{''.join(_run_xml(r) for r in cell)}</w:p></w:tc>"
                  for start, cell in zip(cells_open, cells, strict=True))
        + "</w:tr>"
        for cells in rows)
    fragment = parse_xml(f'<w:tbl xmlns:w="{_W_NS}">{body}</w:tbl>')
    for tr in list(fragment):
        table._tbl.append(tr)

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
    _add(document, outline.title, styles.ensure("Title"))
    for block in outline.front:
        writer.paragraph(block)
    writer.toc(outline)
    writer.page_break()
    for section in outline.sections:
        writer.section(section)

    raw = io.BytesIO()
    document.save(raw)
    return _deterministic_zip(raw.getvalue(), dt.date.fromisoformat(outline.date))
