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
import re
import warnings
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from profilekit.render.docx_widths import SIZES, Layout, layout
from profilekit.render.outline import CodeBlock, Cover, Inline, Outline, Paragraph, Run, Section, Table

Warn = Callable[[str], None]

CODE_STYLE = "Code"
CODE_FONT = "Courier New"
BUILTIN_PARAGRAPH_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet",
                            "TOC Heading", "Header", "Footer")
TABLE_STYLE = "Table Grid"
TOC_FIELD = r' TOC \o "1-3" \h \z \u '
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CELL_MARGIN = 85
"""Left and right cell margin in twips (0.15 cm), set on every table so column widths are known."""
CELL_SLACK = 40
"""Twips per column for borders and rounding."""


class RenderError(Exception):
    """A problem with the renderer's input (e.g. an unreadable reference document): exit code 2."""


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


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
    """Finds styles by name (case-insensitively: Word stores its built-in names in lower case, "heading 1",
    pandoc and LibreOffice capitalised) or by style id ("Heading1"), and copies a missing built-in style from
    python-docx's default template, with a warning when the document is the editor's reference document."""

    def __init__(self, document: Any, warn: Warn, *, reference: bool) -> None:
        self.document = document
        self.warn = warn
        self.reference = reference
        self._default: _Styles | None = None
        self._known: dict[tuple[str, str], Any] = {}
        self._index: dict[tuple[str, str], Any] | None = None
        self._by_id: dict[tuple[str, str], Any] = {}
        self.ids: set[str] = set()
        self.names: set[str] = set()
        """Every style id, and every style name in lower case, of any type."""
        self.missing: list[str] = []
        """Styles the reference document lacks (reported once, in `report_missing`)."""

    def report_missing(self) -> None:
        if self.missing:
            names = ", ".join(self.missing)
            many = len(self.missing) > 1
            self.warn(f"the reference document has no {names} style{'s' if many else ''} (matched by name in "
                      f"any case, or by style id); using profilekit's built-in one{'s' if many else ''}")

    def _element(self, name: str, kind: str = "paragraph") -> Any:
        """The `w:style` element of type `kind` called `name` (a name match wins over a style id match)."""
        if self._index is None:
            self._index, self._by_id, self.ids, self.names = {}, {}, set(), set()
            for el in self.document.styles.element.findall(_w("style")):
                self._register(el)
        key = name.lower()
        found = self._index.get((kind, key))
        return found if found is not None else self._by_id.get((kind, key.replace(" ", "")))

    def _register(self, el: Any) -> None:
        assert self._index is not None
        style_type = el.get(_w("type")) or "paragraph"
        found = el.find(_w("name"))
        if found is not None and found.get(_w("val")):
            self._index.setdefault((style_type, found.get(_w("val")).lower()), el)
            self.names.add(found.get(_w("val")).lower())
        if el.get(_w("styleId")):
            self._by_id.setdefault((style_type, el.get(_w("styleId")).lower()), el)
            self.ids.add(el.get(_w("styleId")))

    def _append(self, el: Any) -> None:
        self._element("Normal")  # the index exists
        self.document.styles.element.append(el)
        self._register(el)

    def has(self, name: str, kind: str = "paragraph") -> bool:
        return (kind, name) in self._known or self._element(name, kind) is not None

    def get(self, name: str, kind: str = "paragraph") -> Any:
        """The style object; raises KeyError when there is none (use `ensure` for built-in styles)."""
        found = self._known.get((kind, name))
        if found is None:
            from docx.styles.style import StyleFactory

            element = self._element(name, kind)
            if element is None:
                raise KeyError(name)
            found = self._known[(kind, name)] = StyleFactory(element)
        return found

    def ensure(self, name: str) -> Any:
        """The paragraph style `name`, copied from python-docx's default template when the document lacks it."""
        if self.has(name):
            return self.get(name)
        if self._default is None:
            import docx

            self._default = _Styles(docx.Document(), self.warn, reference=False)
        element = copy.deepcopy(self._default.get(name).element)
        self._element(name)
        ids = self.ids
        style_id = element.get(_w("styleId"))
        while style_id in ids:  # the template uses the id for a style of another name or type
            style_id += "0"
        element.set(_w("styleId"), style_id)
        for tag in ("basedOn", "link", "next"):
            for ref in element.findall(_w(tag)):
                if ref.get(_w("val")) not in ids:
                    element.remove(ref)
        ppr = element.find(_w("pPr"))
        if ppr is not None:
            for num in ppr.findall(_w("numPr")):
                ppr.remove(num)
        self._append(element)
        if self.reference:
            self.missing.append(repr(name))
        return self.get(name)

    def _add(self, name: str) -> Any:
        """A new paragraph style based on Normal (a free name: the template may use `name` for another type)."""
        from docx.oxml import OxmlElement
        from docx.styles.style import StyleFactory

        self._element(name)
        unique = name
        while unique.lower() in self.names or unique.replace(" ", "") in self.ids:
            unique += " (profilekit)" if unique == name else "0"
        element = OxmlElement("w:style")
        element.set(_w("type"), "paragraph")
        element.set(_w("customStyle"), "1")
        element.set(_w("styleId"), unique.replace(" ", ""))
        name_el = OxmlElement("w:name")
        name_el.set(_w("val"), unique)
        element.append(name_el)
        self._append(element)
        style: Any = StyleFactory(element)
        if self.has("Normal"):
            style.base_style = self.get("Normal")
        self._known[("paragraph", name)] = style
        return style

    def code(self) -> Any:
        if self.has(CODE_STYLE):
            return self.get(CODE_STYLE)
        from docx.shared import Pt

        style = self._add(CODE_STYLE)
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
        return style

    def toc(self, level: int) -> Any:
        name = f"TOC {level}"
        if self.has(name):
            return self.get(name)
        from docx.shared import Pt

        style = self._add(name)
        style.paragraph_format.left_indent = Pt(11 * (level - 1))
        style.paragraph_format.space_after = Pt(2)
        return style


_MONO_FONTS = (f'<w:rFonts w:ascii="{CODE_FONT}" w:hAnsi="{CODE_FONT}" w:cs="{CODE_FONT}" '
               f'w:eastAsia="{CODE_FONT}"/>')
_BORDERS = "<w:tblBorders>" + "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"
_TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
             'w:noVBand="1" w:val="04A0"/>')


def _cell_margins(twips: int) -> str:
    return (f'<w:tblCellMar><w:left w:w="{twips}" w:type="dxa"/>'
            f'<w:right w:w="{twips}" w:type="dxa"/></w:tblCellMar>')


_CELL_MARGINS = _cell_margins(CELL_MARGIN)
_NO_BORDERS = "<w:tblBorders>" + "".join(
    f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"
_SHADE = '<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>'
_CELL_SPACING = '<w:spacing w:before="0" w:after="0"/>'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 cannot hold (dropped rather than failing the whole document)."""
_BREAKS = re.compile(r"([\t\r\n])")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _esc(text).replace('"', "&quot;")


def _text_xml(text: str) -> str:
    """Run content as python-docx writes it: `w:t` pieces, a `w:tab` per tab, a `w:br` per CR or LF."""
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    out = []
    for piece in _BREAKS.split(text) if ("\t" in text or "\n" in text or "\r" in text) else (text,):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{_esc(piece)}</w:t>")
    return "".join(out)


def _run_xml(text: str, *, bold: bool = False, italic: bool = False, mono: bool = False,
             size: float | None = None) -> str:
    props = (_MONO_FONTS if mono else "") + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    if size is not None:
        props += f'<w:sz w:val="{int(size * 2)}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{_text_xml(text)}</w:r>"


def _p_xml(inner: str, *, style: str | None = None, keep_next: bool = False, extra_ppr: str = "") -> str:
    """A `w:p`; pPr children in schema order (pStyle, keepNext, then numPr/spacing via `extra_ppr`)."""
    ppr = (f'<w:pStyle w:val="{_attr(style)}"/>' if style else "") + ("<w:keepNext/>" if keep_next else "")
    ppr += extra_ppr
    return f"<w:p><w:pPr>{ppr}</w:pPr>{inner}</w:p>" if ppr else f"<w:p>{inner}</w:p>"


def _field_xml(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


class _Writer:
    """Writes the body as WordprocessingML text, parsed once at the end (python-docx's object API costs
    several element look-ups and insertions per run; a large profile has thousands of runs)."""

    def __init__(self, document: Any, styles: _Styles) -> None:
        self.doc = document
        self.styles = styles
        self.bookmark_id = 0
        self.out: list[str] = []
        self._style_ids: dict[str, str] = {}
        self._numbered: dict[str, bool] = {}
        section = document.sections[-1]
        self.text_width = int(section.page_width - section.left_margin - section.right_margin
                              - (section.gutter or 0))
        """The body's text width in EMU: the section in use (the reference document's, or A4 with 20 mm
        margins), so column widths fit a narrower template too."""
        self.too_wide: list[str] = []
        """Tables whose longest words do not fit the text width even at the smallest type."""

    def fit(self, name: str, header: Sequence[str], rows: Sequence[Sequence[Inline]]) -> Layout:
        """Column widths for a table on this document's line; a table whose words cannot all fit is noted
        for one warning (`report_too_wide`) instead of silently breaking words."""
        line = self.text_width // 635
        fit = layout(header, rows, line, CELL_MARGIN, CELL_SLACK)
        if fit.shortfall:
            self.too_wide.append(f"{name} ({(line + fit.shortfall) * 0.3528 / 20:.0f} mm needed)")
        return fit

    def report_too_wide(self) -> None:
        if self.too_wide:
            line_mm = self.text_width / 36000
            many = len(self.too_wide) > 1
            self.styles.warn(
                f"{'these tables do' if many else 'this table does'} not fit the {line_mm:.0f} mm text width even "
                f"at {SIZES[-1][0]:g} pt, so some of {'their' if many else 'its'} words break mid-word: "
                + "; ".join(self.too_wide)
                + "; use a reference document with a wider text area (smaller margins or a larger page)")

    def style_id(self, name: str, style: Any = None) -> str:
        """The style id for a style name (ensured once: python-docx looks styles up slowly)."""
        found = self._style_ids.get(name)
        if found is None:
            found = self._style_ids[name] = str((style or self.styles.ensure(name)).style_id)
        return found

    def normal(self) -> str | None:
        """Body text: the Normal style, or the template's default paragraph style when it has no Normal."""
        if "Normal" not in self._style_ids:
            self._style_ids["Normal"] = self.style_id("Normal", self.styles.get("Normal")) \
                if self.styles.has("Normal") else ""
        return self._style_ids["Normal"] or None

    # inline content

    def runs(self, runs: Inline, *, bold: bool = False, size: float | None = None,
             code_size: float | None = None) -> str:
        out = []
        for item in runs:
            run_size = code_size if item.code and code_size is not None else size
            run = _run_xml(item.text, bold=item.bold or bold, mono=item.code, size=run_size)
            if item.link:
                run = f'<w:hyperlink w:anchor="{_attr(_bookmark(item.link))}" w:history="1">{run}</w:hyperlink>'
            out.append(run)
        return "".join(out)

    def bookmarked(self, inner: str, names: Sequence[str]) -> str:
        """`inner` wrapped in one bookmark per name (Word bookmark ids are sequential: deterministic)."""
        starts, ends = [], []
        for name in names:
            self.bookmark_id += 1
            starts.append(f'<w:bookmarkStart w:id="{self.bookmark_id}" w:name="{_attr(_bookmark(name))}"/>')
            ends.append(f'<w:bookmarkEnd w:id="{self.bookmark_id}"/>')
        return "".join(starts) + inner + "".join(reversed(ends))

    # blocks

    def plain(self, inner: str) -> None:
        """A paragraph without a style of its own."""
        self.out.append(_p_xml(inner))

    def paragraph(self, block: Paragraph) -> None:
        style = self.style_id("List Bullet") if block.kind == "item" else self.normal()
        prefix = _run_xml("NOTE – ") if block.kind == "note" else ""
        self.out.append(_p_xml(prefix + self.runs(block.runs), style=style))

    def code(self, block: CodeBlock) -> None:
        if block.label:
            self.out.append(_p_xml(_run_xml(f"{block.label}:", italic=True), keep_next=True))
        code_id = self._style_ids.get(CODE_STYLE) or self.style_id(CODE_STYLE, self.styles.code())
        self.out.append(_p_xml(_run_xml(block.text, mono=True), style=code_id))

    def table(self, block: Table) -> None:
        out = self.out
        if block.number:
            caption = self.bookmarked(_run_xml(block.full_caption), (block.anchor,))
            out.append(_p_xml(caption, style=self.style_id("Caption"), keep_next=True))
        style = ""
        if self.styles.has(TABLE_STYLE, "table"):
            style_id = self.style_id(TABLE_STYLE, self.styles.get(TABLE_STYLE, "table"))
            style = f'<w:tblStyle w:val="{_attr(style_id)}"/>'
        elif self.styles.reference and TABLE_STYLE not in self._style_ids:
            self._style_ids[TABLE_STYLE] = ""  # reported once per document, not once per table
            self.styles.missing.append(f"{TABLE_STYLE!r} (table borders drawn directly)")
        # column widths from the text each column holds, every column as wide as its longest word
        fit = self.fit(block.full_caption if block.number else block.caption, block.header, block.rows)
        out.append(f'<w:tbl><w:tblPr>{style}<w:tblW w:type="pct" w:w="5000"/>{_BORDERS}'
                   f'<w:tblLayout w:type="autofit"/>{_cell_margins(fit.margin)}{_TBL_LOOK}</w:tblPr><w:tblGrid>')
        out.append("".join(f'<w:gridCol w:w="{width}"/>' for width in fit.widths))
        out.append("</w:tblGrid>")
        tc_w = [f'<w:tcW w:type="dxa" w:w="{width}"/>' for width in fit.widths]
        head = [f"<w:tc><w:tcPr>{w}{_SHADE}</w:tcPr><w:p><w:pPr><w:keepNext/>{_CELL_SPACING}</w:pPr>"
                f"{_run_xml(text, bold=True, size=fit.text_pt)}</w:p></w:tc>"
                for w, text in zip(tc_w, block.header, strict=True)]
        out.append(f'<w:tr><w:trPr><w:cantSplit w:val="true"/><w:tblHeader w:val="true"/></w:trPr>{"".join(head)}'
                   "</w:tr>")
        cell_open = [f"<w:tc><w:tcPr>{w}</w:tcPr><w:p><w:pPr>{{keep}}{_CELL_SPACING}</w:pPr>" for w in tc_w]
        # keep the caption, the header and the first two rows together, and the last two rows together,
        # so a page never ends on a header with one row, nor starts with one orphaned row
        last = len(block.rows) - 1
        for index, cells in enumerate(block.rows):
            keep = "<w:keepNext/>" if index < 1 or index == last - 1 else ""
            row = [start.format(keep=keep) + self.runs(runs, size=fit.text_pt, code_size=fit.code_pt)
                   + "</w:p></w:tc>" for start, runs in zip(cell_open, cells, strict=True)]
            out.append(f'<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>{"".join(row)}</w:tr>')
        out.append("</w:tbl>")
        self.plain("")

    def cover(self, cover: Cover) -> None:
        """The ITU-T contribution cover: masthead (union and sector, study period | document number, study
        group, original language), then the fields without a header row, the abstract last."""
        line = self.text_width // 635
        left = [_run_xml(text, bold=True) for text in (
            "INTERNATIONAL TELECOMMUNICATION UNION", "TELECOMMUNICATION STANDARDIZATION SECTOR")]
        if cover.study_period:
            left.append(_run_xml(f"STUDY PERIOD {cover.study_period}"))
        right = [_run_xml(cover.number, bold=True, size=14)] if cover.number else []
        right += [_run_xml(cover.study_group, bold=True), _run_xml(f"Original: {cover.language}")]
        widths = (line * 7 // 10, line - line * 7 // 10)
        cells = []
        for width, paragraphs, align in ((widths[0], left, ""), (widths[1], right, '<w:jc w:val="right"/>')):
            body = "".join(f"<w:p><w:pPr>{_CELL_SPACING}{align}</w:pPr>{inner}</w:p>" for inner in paragraphs)
            cells.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{body}</w:tc>')
        self.out.append(f'<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/>{_NO_BORDERS}'
                        f'<w:tblLayout w:type="fixed"/>{_CELL_MARGINS}</w:tblPr><w:tblGrid>'
                        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
                        + f'</w:tblGrid><w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>{"".join(cells)}'
                        "</w:tr></w:tbl>")
        self.out.append(_p_xml(_run_xml("CONTRIBUTION", bold=True), keep_next=True,
                               extra_ppr='<w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>'))
        rows: list[tuple[Inline, Inline]] = [((Run(f"{name}:", bold=True),), value) for name, value in cover.fields]
        if cover.abstract:
            rows.append(((Run("Abstract:", bold=True),), (Run(" ".join(cover.abstract.split())),)))
        fit = self.fit("the contribution cover", ("", ""), rows)
        tc_w = [f'<w:tcW w:type="dxa" w:w="{width}"/>' for width in fit.widths]
        self.out.append(f'<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/>{_BORDERS}'
                        f'<w:tblLayout w:type="autofit"/>{_cell_margins(fit.margin)}</w:tblPr><w:tblGrid>'
                        + "".join(f'<w:gridCol w:w="{w}"/>' for w in fit.widths) + "</w:tblGrid>")
        for row in rows:
            tcs = "".join(f"<w:tc><w:tcPr>{w}</w:tcPr><w:p><w:pPr>{_CELL_SPACING}</w:pPr>"
                          f"{self.runs(runs, size=fit.text_pt, code_size=fit.code_pt)}</w:p></w:tc>"
                          for w, runs in zip(tc_w, row, strict=True))
            self.out.append(f'<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>{tcs}</w:tr>')
        self.out.append("</w:tbl>")

    def heading(self, section: Section) -> None:
        name = f"Heading {min(section.level, 3)}"
        if name not in self._numbered:
            style = self.styles.ensure(name)
            self.style_id(name, style)
            self._numbered[name] = _numbered(style)
        # the heading text carries the literal clause number: switch off a template's auto-numbering
        numbering = '<w:numPr><w:numId w:val="0"/></w:numPr>' if self._numbered[name] else ""
        if section.annex and section.level == 1:
            numbering = "<w:pageBreakBefore/>" + numbering  # an annex starts on a new page
        inner = self.bookmarked(_run_xml(section.heading), (section.anchor, *section.extra_anchors))
        self.out.append(_p_xml(inner, style=self._style_ids[name], extra_ppr=numbering))

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
        """A TOC field whose cached result already lists the headings, each a link to its clause; the editor
        updates it (F9 in Word) for page numbers."""
        self.out.append(_p_xml(_run_xml("Contents"), style=self.style_id("TOC Heading"), keep_next=True))
        entries = [s for s in outline.walk() if s.level <= 3]
        paragraphs: list[tuple[str, list[str]]] = [(self.style_id("TOC 1", self.styles.toc(1)), [
            _field_xml("begin"),
            f'<w:r><w:instrText xml:space="preserve">{_esc(TOC_FIELD)}</w:instrText></w:r>',
            _field_xml("separate")])]
        for i, entry in enumerate(entries):
            if i:
                level = min(entry.level, 3)
                paragraphs.append((self.style_id(f"TOC {level}", self.styles.toc(level)), []))
            paragraphs[-1][1].append(self.runs((_run(entry.heading, _bookmark(entry.anchor)),)))
        paragraphs[-1][1].append(_field_xml("end"))
        self.out.extend(_p_xml("".join(inner), style=style) for style, inner in paragraphs)

    def page_break(self) -> None:
        self.plain('<w:r><w:br w:type="page"/></w:r>')

    def finish(self) -> None:
        """Parse the written body once and put it into the document, before the final sectPr."""
        from lxml import etree  # type: ignore[import-untyped]  # python-docx's own XML library

        xml = f'<w:body xmlns:w="{W_NS}">{"".join(self.out)}</w:body>'
        parsed = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False))
        body = self.doc.element.body
        sect_pr = body.find(_w("sectPr"))
        if sect_pr is not None:
            body.remove(sect_pr)
        body.extend(list(parsed))
        if sect_pr is not None:
            body.append(sect_pr)
        self.out = []


def _run(text: str, link: str) -> Run:
    return Run(text, link=link)


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

    running = outline.running_header
    if outline.cover is not None and outline.cover.number:
        running = outline.cover.number  # a contribution is known by its document number
    for section in document.sections:
        for part, text in ((section.header, running), (section.footer, None)):
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


def _a4(document: Any, *, only_missing: bool = False) -> bool:
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


HEADER_DISTANCE_MM = 12.5
"""Header and footer distance from the page edge where a reference document gives none (Word's default)."""


def _header_footer_distance(document: Any) -> list[str]:
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


def _no_update_prompt(document: Any) -> None:
    """No `w:updateFields` (from a reference document either): with it Word opens every copy with "This
    document contains fields that may refer to other files. Update?", which reviewers take for a security
    warning. The TOC field carries its headings as cached result; F9 (Word) or Update Index (LibreOffice)
    adds the page numbers."""
    settings = document.settings.element
    for old in settings.findall(_w("updateFields")):
        settings.remove(old)


def _zip_stamp(when: dt.date) -> tuple[int, int, int, int, int, int]:
    return (when.year, when.month, when.day, 0, 0, 0) if when.year >= 1980 else (1980, 1, 1, 0, 0, 0)


def _zip_entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = 3
    entry.external_attr = 0o644 << 16
    return entry


def _deterministic_zip(data: bytes, when: dt.date) -> bytes:
    """Same entries, same order, fixed dates and attributes: identical input gives identical bytes."""
    stamp = _zip_stamp(when)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(_zip_entry(info.filename, stamp), src.read(info.filename))
    return out.getvalue()


def _save(document: Any, when: dt.date) -> bytes:
    """The package as python-docx writes it (same entries, same order), straight into a zip with fixed
    dates and attributes, so identical input gives identical bytes without compressing everything twice.
    Falls back to saving and re-zipping should python-docx's package writer ever change shape."""
    try:
        from docx.opc.pkgwriter import PackageWriter

        writer: Any = PackageWriter
        package = document.part.package
        parts = tuple(package.iter_parts())
        stamp = _zip_stamp(when)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            class _Sink:
                @staticmethod
                def write(pack_uri: Any, blob: bytes) -> None:
                    dst.writestr(_zip_entry(pack_uri.membername, stamp), blob)

            writer._write_content_types_stream(_Sink, parts)
            writer._write_pkg_rels(_Sink, package.rels)
            writer._write_parts(_Sink, parts)
        return out.getvalue()
    except (ImportError, AttributeError, TypeError):
        raw = io.BytesIO()
        document.save(raw)
        return _deterministic_zip(raw.getvalue(), when)


def render_docx(outline: Outline, *, reference_doc: str | Path | None = None,
                warn: Warn | None = None) -> bytes:
    """The whole document as .docx bytes. Raises RenderError for an unusable reference document."""
    with warnings.catch_warnings():
        # python-docx's and lxml's own notices (deprecations) mean nothing to an editor; what a template
        # lacks is reported through `warn`
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", FutureWarning)
        return _render_docx(outline, reference_doc=reference_doc, warn=warn)


def _render_docx(outline: Outline, *, reference_doc: str | Path | None, warn: Warn | None) -> bytes:
    import docx

    messages: Warn = warn or (lambda _m: None)
    if reference_doc is not None:
        document = _open_reference(reference_doc)
        if _a4(document, only_missing=True):
            messages("the reference document does not set the page size or margins; using A4 with 20 mm margins "
                     "where it leaves them out")
        filled = _header_footer_distance(document)
        if filled:
            messages("the reference document's header or footer distance is 0 or missing, which puts the page "
                     f"header or footer off the page; using {' and '.join(filled)}")
    else:
        document = docx.Document()
        _a4(document)
    styles = _Styles(document, messages, reference=reference_doc is not None)
    for name in BUILTIN_PARAGRAPH_STYLES:
        styles.ensure(name)
    writer = _Writer(document, styles)
    _properties(document, outline)
    _header_footer(document, outline, styles)
    _no_update_prompt(document)

    if outline.cover is not None:
        writer.cover(outline.cover)
        writer.page_break()
    writer.out.append(_p_xml(_run_xml(outline.title), style=writer.style_id("Title")))
    for block in outline.front:
        writer.paragraph(block)
    writer.toc(outline)
    writer.page_break()
    for section in outline.sections:
        writer.section(section)
    writer.finish()
    styles.report_missing()
    writer.report_too_wide()

    return _save(document, dt.date.fromisoformat(outline.date))
