"""The document body: walks the outline (cover, title, contents, clauses, tables) and writes WordprocessingML."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from profilekit.render.docx.column_widths import SIZES, Layout, layout
from profilekit.render.docx.house import HOUSE_STYLES, HouseStyle, note_style
from profilekit.render.docx.styles import CODE_STYLE, TABLE_STYLE, DocumentStyles, numbers_paragraphs
from profilekit.render.docx.wordml import (
    BORDERS,
    CELL_SPACING,
    HEADER_SHADING,
    NO_BORDERS,
    TABLE_LOOK,
    W_NS,
    bookmark_name,
    cell_margins_xml,
    escape_attribute,
    escape_text,
    field_char_xml,
    paragraph_xml,
    run_xml,
    wordml_tag,
)
from profilekit.render.outline import CodeBlock, Cover, Inline, Outline, Paragraph, Run, Section, Table

CODE_PT = 8.5
"""The Code style's size (profilekit's own style); Courier New advances 0.6 em per character."""
TOC_FIELD = r' TOC \o "1-3" \h \z \u '
CELL_MARGIN = 85
"""Left and right cell margin in twips (0.15 cm), set on every table so column widths are known."""
CELL_SLACK = 40
"""Twips per column for borders and rounding."""
_CELL_MARGINS = cell_margins_xml(CELL_MARGIN)


class BodyWriter:
    """Writes the body as WordprocessingML text, parsed once at the end (python-docx's object API costs
    several element look-ups and insertions per run; a large profile has thousands of runs)."""

    def __init__(self, document: Any, styles: DocumentStyles, house: HouseStyle | None = None) -> None:
        self.document = document
        self.styles = styles
        self.house = house or HOUSE_STYLES["plain"]
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
        """One warning naming every table whose words break mid-word."""
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

    def runs_xml(self, runs: Inline, *, bold: bool = False, size: float | None = None,
                 code_size: float | None = None) -> str:
        """Runs as `w:r` elements (code runs at `code_size`), a link as a hyperlink to its bookmark."""
        out = []
        for item in runs:
            run_size = code_size if item.code and code_size is not None else size
            run = run_xml(item.text, bold=item.bold or bold, mono=item.code, size=run_size)
            if item.link:
                run = (f'<w:hyperlink w:anchor="{escape_attribute(bookmark_name(item.link))}" w:history="1">'
                       f"{run}</w:hyperlink>")
            out.append(run)
        return "".join(out)

    def bookmarked(self, inner: str, names: Sequence[str]) -> str:
        """`inner` wrapped in one bookmark per name (Word bookmark ids are sequential: deterministic)."""
        starts, ends = [], []
        for name in names:
            self.bookmark_id += 1
            word_name = escape_attribute(bookmark_name(name))
            starts.append(f'<w:bookmarkStart w:id="{self.bookmark_id}" w:name="{word_name}"/>')
            ends.append(f'<w:bookmarkEnd w:id="{self.bookmark_id}"/>')
        return "".join(starts) + inner + "".join(reversed(ends))

    # blocks

    def plain(self, inner: str) -> None:
        """A paragraph without a style of its own."""
        self.out.append(paragraph_xml(inner))

    def title(self, text: str) -> None:
        """The document title, in the Title style."""
        self.out.append(paragraph_xml(run_xml(text), style=self.style_id("Title")))

    def paragraph(self, block: Paragraph, *, keep_next: bool = False) -> None:
        """A body paragraph, list item (List Bullet), note (Note style, "NOTE – " prefix), centred line, or
        two-column list entry (term, tab, text, the text hanging at the tab stop)."""
        if block.kind == "note":
            style_id = self._style_ids.get("Note") or self.style_id("Note", note_style(self.styles, self.house))
            prefix = run_xml(self.house.note_prefix)
            extra = '<w:tabs><w:tab w:val="left" w:pos="1134"/></w:tabs><w:ind w:left="1134" w:hanging="1134"/>' \
                if "\t" in self.house.note_prefix else ""
            self.out.append(paragraph_xml(prefix + self.runs_xml(block.runs), style=style_id, keep_next=keep_next,
                                          extra_ppr=extra))
        elif block.kind == "entry":
            inner = self.runs_xml(block.runs[:1]) + run_xml("\t") + self.runs_xml(block.runs[1:])
            self.out.append(paragraph_xml(inner, style=self.normal(), keep_next=keep_next, extra_ppr=(
                '<w:tabs><w:tab w:val="left" w:pos="1701"/></w:tabs><w:spacing w:before="0" w:after="60"/>'
                '<w:ind w:left="1701" w:hanging="1701"/>')))
        elif block.kind == "centred":
            self.out.append(paragraph_xml(self.runs_xml(block.runs), style=self.normal(), keep_next=True,
                                          extra_ppr='<w:jc w:val="center"/>'))
        else:
            style = self.style_id("List Bullet") if block.kind == "item" else self.normal()
            self.out.append(paragraph_xml(self.runs_xml(block.runs), style=style, keep_next=keep_next))

    def code(self, block: CodeBlock) -> None:
        """A code block in the Code style, after its italic label when it has one."""
        if block.label:
            self.out.append(paragraph_xml(run_xml(f"{block.label}:", italic=True), keep_next=True))
        code_id = self._style_ids.get(CODE_STYLE) or self.style_id(CODE_STYLE, self.styles.code())
        self.out.append(paragraph_xml(run_xml(block.text, mono=True, size=self.code_size(block.text)),
                                      style=code_id))

    def code_size(self, text: str) -> float | None:
        """A smaller code size when the longest unbreakable token (a hex fingerprint, a long property value)
        would not fit the line at the Code style's 8.5 pt: Word and LibreOffice break only such a token
        mid-string, so a token that fits is never broken (None: the style's size fits)."""
        longest = max((len(token) for token in text.split()), default=0)
        line_pt = self.text_width / 12700 - 12  # the code paragraph's indent and rounding
        if longest * 0.6 * CODE_PT <= line_pt:
            return None
        for size in (8.0, 7.5, 7.0, 6.5, 6.0):
            if longest * 0.6 * size <= line_pt:
                return size
        return 6.0

    def table(self, block: Table) -> None:
        """A table under its caption, header row repeated on every page, columns sized by their text."""
        out = self.out
        if block.number:
            caption = self.bookmarked(run_xml(f"{block.label}{self.house.caption_separator}{block.caption}"),
                                      (block.anchor,))
            out.append(paragraph_xml(caption, style=self.style_id("Caption"), keep_next=True))
        style = ""
        if self.styles.has(TABLE_STYLE, "table"):
            style_id = self.style_id(TABLE_STYLE, self.styles.get(TABLE_STYLE, "table"))
            style = f'<w:tblStyle w:val="{escape_attribute(style_id)}"/>'
        elif self.styles.reference and TABLE_STYLE not in self._style_ids:
            self._style_ids[TABLE_STYLE] = ""  # reported once per document, not once per table
            self.styles.missing.append(f"{TABLE_STYLE!r} (table borders drawn directly)")
        # column widths from the text each column holds, every column as wide as its longest word
        fit = self.fit(block.full_caption if block.number else block.caption, block.header, block.rows)
        out.append(f'<w:tbl><w:tblPr>{style}<w:tblW w:type="pct" w:w="5000"/>{BORDERS}'
                   f'<w:tblLayout w:type="autofit"/>{cell_margins_xml(fit.margin)}{TABLE_LOOK}</w:tblPr><w:tblGrid>')
        out.append("".join(f'<w:gridCol w:w="{width}"/>' for width in fit.widths))
        out.append("</w:tblGrid>")
        cell_widths = [f'<w:tcW w:type="dxa" w:w="{width}"/>' for width in fit.widths]
        head = [f"<w:tc><w:tcPr>{width}{HEADER_SHADING}</w:tcPr><w:p><w:pPr><w:keepNext/>{CELL_SPACING}</w:pPr>"
                f"{run_xml(text, bold=True, size=fit.text_pt)}</w:p></w:tc>"
                for width, text in zip(cell_widths, block.header, strict=True)]
        out.append(f'<w:tr><w:trPr><w:cantSplit w:val="true"/><w:tblHeader w:val="true"/></w:trPr>{"".join(head)}'
                   "</w:tr>")
        cell_open = [f"<w:tc><w:tcPr>{width}</w:tcPr><w:p><w:pPr>{{keep}}{CELL_SPACING}</w:pPr>"
                     for width in cell_widths]
        # keep the caption, the header and the first two rows together, and the last two rows together,
        # so a page never ends on a header with one row, nor starts with one orphaned row
        last = len(block.rows) - 1
        for index, cells in enumerate(block.rows):
            keep = "<w:keepNext/>" if index < 1 or index == last - 1 else ""
            row = [start.format(keep=keep) + self.runs_xml(runs, size=fit.text_pt, code_size=fit.code_pt)
                   + "</w:p></w:tc>" for start, runs in zip(cell_open, cells, strict=True)]
            out.append(f'<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>{"".join(row)}</w:tr>')
        out.append("</w:tbl>")
        self.plain("")

    def cover(self, cover: Cover) -> None:
        """The ITU-T contribution cover: masthead (union and sector, study period | document number, study
        group, original language), then the fields without a header row, the abstract last."""
        line = self.text_width // 635
        left = [run_xml(text, bold=True) for text in (
            "INTERNATIONAL TELECOMMUNICATION UNION", "TELECOMMUNICATION STANDARDIZATION SECTOR")]
        if cover.study_period:
            left.append(run_xml(f"STUDY PERIOD {cover.study_period}"))
        right = [run_xml(cover.number, bold=True, size=14)] if cover.number else []
        right += [run_xml(cover.study_group, bold=True), run_xml(f"Original: {cover.language}")]
        widths = (line * 7 // 10, line - line * 7 // 10)
        cells = []
        for width, paragraphs, align in ((widths[0], left, ""), (widths[1], right, '<w:jc w:val="right"/>')):
            body = "".join(f"<w:p><w:pPr>{CELL_SPACING}{align}</w:pPr>{inner}</w:p>" for inner in paragraphs)
            cells.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{body}</w:tc>')
        self.out.append(f'<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/>{NO_BORDERS}'
                        f'<w:tblLayout w:type="fixed"/>{_CELL_MARGINS}</w:tblPr><w:tblGrid>'
                        + "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
                        + f'</w:tblGrid><w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>{"".join(cells)}'
                        "</w:tr></w:tbl>")
        self.out.append(paragraph_xml(run_xml("CONTRIBUTION", bold=True), keep_next=True,
                                      extra_ppr='<w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>'))
        rows: list[tuple[Inline, Inline]] = [((Run(f"{name}:", bold=True),), value) for name, value in cover.fields]
        if cover.abstract:
            rows.append(((Run("Abstract:", bold=True),), (Run(" ".join(cover.abstract.split())),)))
        fit = self.fit("the contribution cover", ("", ""), rows)
        cell_widths = [f'<w:tcW w:type="dxa" w:w="{width}"/>' for width in fit.widths]
        self.out.append(f'<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/>{BORDERS}'
                        f'<w:tblLayout w:type="autofit"/>{cell_margins_xml(fit.margin)}</w:tblPr><w:tblGrid>'
                        + "".join(f'<w:gridCol w:w="{width}"/>' for width in fit.widths) + "</w:tblGrid>")
        for row in rows:
            cells_xml = "".join(f"<w:tc><w:tcPr>{width}</w:tcPr><w:p><w:pPr>{CELL_SPACING}</w:pPr>"
                                f"{self.runs_xml(runs, size=fit.text_pt, code_size=fit.code_pt)}</w:p></w:tc>"
                                for width, runs in zip(cell_widths, row, strict=True))
            self.out.append(f'<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>{cells_xml}</w:tr>')
        self.out.append("</w:tbl>")

    def heading(self, section: Section) -> None:
        """A clause heading (Heading 1-3) carrying its literal number, bookmarked by the clause's anchors."""
        name = f"Heading {min(section.level, 3)}"
        if name not in self._numbered:
            style = self.styles.ensure(name)
            self.style_id(name, style)
            self._numbered[name] = numbers_paragraphs(style)
        # the heading text carries the literal clause number: switch off a template's auto-numbering
        numbering = '<w:numPr><w:numId w:val="0"/></w:numPr>' if self._numbered[name] else ""
        if (section.annex or section.appendix) and section.level == 1:
            numbering = "<w:pageBreakBefore/>" + numbering  # an annex or appendix starts on a new page
        if section.annex or section.appendix:  # "Annex A" over its title, centred, as ITU-T sets them
            numbering += '<w:jc w:val="center"/>'
        inner = self.bookmarked(run_xml(section.heading), (section.anchor, *section.extra_anchors))
        # keep-with-next on the paragraph itself, whatever the (reference document's) heading style says
        self.out.append(paragraph_xml(inner, style=self._style_ids[name], keep_next=True, extra_ppr=numbering))

    def section(self, section: Section) -> None:
        """A clause: heading, blocks, then its sub-clauses."""
        self.heading(section)
        for index, block in enumerate(section.blocks):
            if isinstance(block, Paragraph):
                # a paragraph that introduces a table or code block ("Step 1: …", "Prerequisite: …", "The MG
                # collects the following statistics…") stays on the page of what it introduces
                following = section.blocks[index + 1] if index + 1 < len(section.blocks) else None
                self.paragraph(block, keep_next=isinstance(following, (Table, CodeBlock)))
            elif isinstance(block, CodeBlock):
                self.code(block)
            else:
                self.table(block)
        for child in section.children:
            self.section(child)

    def toc(self, outline: Outline) -> None:
        """A TOC field whose cached result already lists the headings, each a link to its clause; the editor
        updates it (F9 in Word) for page numbers."""
        self.out.append(paragraph_xml(run_xml("Contents"), style=self.style_id("TOC Heading"), keep_next=True))
        entries = [entry for entry in outline.walk() if entry.level <= 3]
        paragraphs: list[tuple[str, list[str]]] = [(self.style_id("TOC 1", self.styles.toc(1)), [
            field_char_xml("begin"),
            f'<w:r><w:instrText xml:space="preserve">{escape_text(TOC_FIELD)}</w:instrText></w:r>',
            field_char_xml("separate")])]
        for index, entry in enumerate(entries):
            if index:
                level = min(entry.level, 3)
                paragraphs.append((self.style_id(f"TOC {level}", self.styles.toc(level)), []))
            paragraphs[-1][1].append(self.runs_xml((Run(entry.heading, link=bookmark_name(entry.anchor)),)))
        paragraphs[-1][1].append(field_char_xml("end"))
        self.out.extend(paragraph_xml("".join(inner), style=style) for style, inner in paragraphs)

    def page_break(self) -> None:
        """An empty paragraph holding a page break."""
        self.plain('<w:r><w:br w:type="page"/></w:r>')

    def finish(self) -> None:
        """Parse the written body once and put it into the document, before the final sectPr."""
        from lxml import etree  # type: ignore[import-untyped]  # python-docx's own XML library

        xml = f'<w:body xmlns:w="{W_NS}">{"".join(self.out)}</w:body>'
        parsed = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False))
        body = self.document.element.body
        sect_pr = body.find(wordml_tag("sectPr"))
        if sect_pr is not None:
            body.remove(sect_pr)
        body.extend(list(parsed))
        if sect_pr is not None:
            body.append(sect_pr)
        self.out = []
