"""DOCX rendering, checked by reading the document back with python-docx (text, styles, tables, fields)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from render_helpers import CONTRIBUTION, patched_profile, rendered_docx

from profilekit.model.profile import TEMPLATE_CLAUSES
from profilekit.render.docx import render_docx
from profilekit.render.outline import PROFILE_CLAUSE, plain
from profilekit.render.pipeline import Prepared, prepare, render_bytes


def _render(prepared: Prepared, **kwargs: Any) -> Any:
    data = render_docx(prepared.outline, **kwargs)
    return docx.Document(io.BytesIO(data))


def _headings(document: Any) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def _sample(path: Path) -> tuple[Prepared, Any]:
    prepared, data = rendered_docx(path)
    return prepared, docx.Document(io.BytesIO(data))


def _captions(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Caption"]


def test_headings_follow_the_outline_and_the_template(sample: Path) -> None:
    prepared, document = _sample(sample)
    headings = _headings(document)
    assert headings == [(f"Heading {min(s.level, 3)}", s.heading) for s in prepared.outline.walk()]
    template = [text for style, text in headings if style == "Heading 2"
                and text.split(" ", 1)[0].startswith(f"{PROFILE_CLAUSE}.")]
    assert template == [f"{PROFILE_CLAUSE}.{n} {title}" for n, title, _ in TEMPLATE_CLAUSES]


def test_tables_match_the_outline_cells_and_captions(sample: Path) -> None:
    prepared, document = _sample(sample)
    tables = list(prepared.outline.tables())
    assert len(document.tables) == len(tables)
    assert _captions(document) == [t.full_caption for t in tables if t.number]
    for table, word in zip(tables, document.tables, strict=True):
        assert [c.text for c in word.rows[0].cells] == list(table.header)
        for row, word_row in zip(table.rows, word.rows[1:], strict=True):
            assert [c.text for c in word_row.cells] == [plain(cell) for cell in row], table.caption


def test_every_table_repeats_its_header_row_and_has_a_caption_above(sample: Path) -> None:
    _, document = _sample(sample)
    body = list(document.element.body)
    for word in document.tables:
        rows = word._tbl.findall(qn("w:tr"))
        header = rows[0].find(qn("w:trPr")).find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"
        assert all(r.find(qn("w:trPr")) is None or r.find(qn("w:trPr")).find(qn("w:tblHeader")) is None
                   for r in rows[1:])
        before = body[body.index(word._tbl) - 1]
        style = before.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val"))
        assert style == "Caption"


def test_one_table_per_cipher_suite_list_and_the_annex(sample: Path) -> None:
    prepared, document = _sample(sample)
    captions = _captions(document)
    for number, prof in enumerate(prepared.loaded.profile.tls.profiles, start=1):
        matching = [c for c in captions if c.endswith(f"TLS profile {number}: cipher suites in order of precedence")]
        assert len(matching) == 1
        index = captions.index(matching[0])
        word = document.tables[index]
        assert [c.text for c in word.columns[1].cells[1:]] == prof.cipher_suites
    if any(s.annex for s in prepared.outline.sections):
        assert "Table A.1 – Identification of the implementation" in captions
        appendix = [c for c in captions if c.startswith("Table I.1 ")]
        assert appendix == ["Table I.1 – Conformance to H.248.TLSPROF"]
        assert len(document.tables[captions.index(appendix[0])].rows) == 57


def test_code_blocks_are_monospace(sample: Path) -> None:
    prepared, document = _sample(sample)
    code = [p for p in document.paragraphs if p.style.name == "Code"]
    commands = [st.command for p in prepared.loaded.profile.procedures for st in p.steps if st.command]
    assert len(code) >= len(commands)
    for p in code:
        assert all(r.font.name == "Courier New" for r in p.runs)
    assert next(p.text for p in code) == commands[0].rstrip("\n")


def _instr(element: Any) -> list[str]:
    return [i.text for i in element.iter(qn("w:instrText"))]


def test_toc_field_header_footer_and_properties(sample: Path) -> None:
    prepared, document = _sample(sample)
    assert any("TOC \\o \"1-3\" \\h \\z \\u" in text for text in _instr(document.element.body))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == prepared.outline.running_header
    assert any(text.strip() == "PAGE" for text in _instr(section.footer._element))
    props = document.core_properties
    ident = prepared.loaded.profile.identification
    assert props.title == ident.title
    assert props.author == "; ".join(e.name for e in ident.editors)
    assert props.revision == ident.version
    assert props.created.date() == ident.date and props.modified.date() == ident.date
    assert ident.name in props.subject
    # no "update fields?" prompt on opening; the TOC's cached result already lists every heading, linked
    assert document.settings.element.find(qn("w:updateFields")) is None
    toc = [p for p in document.paragraphs if p.style.name in ("TOC 1", "TOC 2", "TOC 3")]
    assert [p.text for p in toc] == [s.heading for s in prepared.outline.walk() if s.level <= 3]
    assert all(p._p.find(qn("w:hyperlink")) is not None for p in toc)


def test_an_annex_starts_on_a_new_page(sample: Path) -> None:
    prepared, document = _sample(sample)
    annexes = [s.heading for s in prepared.outline.sections if s.annex or s.appendix]
    if not annexes:
        pytest.skip("this sample's outline has no annex")
    assert any(s.annex for s in prepared.outline.sections) and any(s.appendix for s in prepared.outline.sections)
    for p in document.paragraphs:
        if p.style.name == "Heading 1":
            assert p.paragraph_format.page_break_before is (True if p.text in annexes else None), p.text


def test_rendering_twice_is_byte_identical_with_fixed_zip_dates(sample: Path) -> None:
    prepared, first = rendered_docx(sample)
    second = render_bytes(prepare(sample), "docx")
    assert first == second
    date = prepared.loaded.profile.identification.date
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {info.date_time for info in z.infolist()} == {(date.year, date.month, date.day, 0, 0, 0)}


def _cover(document: Any) -> tuple[list[str], list[str], dict[str, str]]:
    """(masthead left lines, masthead right lines, field label → value) of a contribution cover."""
    masthead, fields = document.tables[0], document.tables[1]
    left, right = ([p.text for p in cell.paragraphs] for cell in masthead.rows[0].cells)
    return left, right, {r.cells[0].text.rstrip(":"): r.cells[1].text for r in fields.rows}


def test_contribution_cover_in_itu_t_style(tmp_path: Path) -> None:
    extra = CONTRIBUTION + "  keywords: [H.248, TLS, MSRP]\n"
    prepared = prepare(patched_profile(tmp_path, extra), contribution=True)
    document = _render(prepared)
    left, right, rows = _cover(document)
    assert left == ["INTERNATIONAL TELECOMMUNICATION UNION", "TELECOMMUNICATION STANDARDIZATION SECTOR",
                    "STUDY PERIOD 2025-2028"]  # the sample is dated 2026
    assert right == ["C 1234", "STUDY GROUP 16", "Original: English"]
    assert "Field" not in rows and "Value" not in rows.values()  # no header row
    assert list(rows) == ["Question(s)", "Meeting", "Source", "Title", "Purpose", "Contact", "Keywords",
                          "Abstract"]
    assert rows["Question(s)"] == "Q3/16"
    assert rows["Source"] == "Example Networks"
    assert rows["Purpose"] == "Proposal"
    assert rows["Title"] == prepared.loaded.profile.identification.title
    assert "a.editor@example.org" in rows["Contact"]
    assert rows["Keywords"] == "H.248; TLS; MSRP"
    assert rows["Abstract"].startswith("Proposes the profile")
    assert document.paragraphs[0].text == "CONTRIBUTION"
    # the page header names the document by its number, not by the profile
    assert document.sections[0].header.paragraphs[0].text == "C 1234"


def test_contribution_cover_options_and_defaults(tmp_path: Path) -> None:
    extra = CONTRIBUTION.replace("  number: C 1234\n", "") + "  study_period: 2029-2032\n  language: French\n"
    prepared = prepare(patched_profile(tmp_path, extra), contribution=True)
    document = _render(prepared)
    left, right, _ = _cover(document)
    assert left[-1] == "STUDY PERIOD 2029-2032"
    assert right == ["STUDY GROUP 16", "Original: French"]
    assert document.sections[0].header.paragraphs[0].text == prepared.outline.running_header


@pytest.mark.parametrize(("date", "period"), [
    ("2012-11-29", None), ("2016-11-03", "2013-2016"), ("2016-11-04", "2017-2020"), ("2021-06-01", "2017-2020"),
    ("2022-03-09", "2017-2020"),
    ("2022-03-10", "2022-2024"), ("2024-10-24", "2022-2024"), ("2024-10-25", "2025-2028"),
    ("2028-12-31", "2025-2028"), ("2029-01-01", None), ("2012-06-01", None)])
def test_study_period_follows_the_wtsa_dates_or_is_left_out_with_a_notice(tmp_path: Path, date: str,
                                                                          period: str | None) -> None:
    """ITU-T study periods run from one WTSA to the next (2017-2020 ran on to WTSA-20 in March 2022); a date
    outside the known ones leaves the masthead line out and says why (the review's 2021-06-01 had no row)."""
    import re

    path = patched_profile(tmp_path, CONTRIBUTION)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^(  date: )\S+", rf"\g<1>{date}", text, count=1), encoding="utf-8")
    prepared = prepare(path, contribution=True)
    assert prepared.loaded.profile.identification.date.isoformat() == date
    left, _, _ = _cover(_render(prepared))
    notices = [n for n in prepared.outline.notices if "study period" in n]
    if period is None:
        assert not any(line.startswith("STUDY PERIOD") for line in left)
        [notice] = notices
        assert date in notice and "study_period:" in notice
        markdown = render_bytes(prepared, "md").decode("utf-8")
        assert "STUDY PERIOD" not in markdown
    else:
        assert left[-1] == f"STUDY PERIOD {period}"
        assert notices == []
        assert f"STUDY PERIOD {period}" in render_bytes(prepared, "md").decode("utf-8")


def _reference_doc(path: Path, *, drop: tuple[str, ...]) -> Path:
    from docx.shared import Mm

    ref = docx.Document()
    ref.add_paragraph("SDO boilerplate that must not survive")
    section = ref.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)
    section.left_margin = Mm(31)
    for name in drop:
        element = ref.styles[name].element
        element.getparent().remove(element)
    ref.save(str(path))
    return path


def test_reference_doc_gives_page_setup_and_missing_styles_fall_back(tmp_path: Path) -> None:
    from docx.shared import Mm

    ref = _reference_doc(tmp_path / "sdo.docx", drop=("Caption", "Heading 3"))
    warnings: list[str] = []
    prepared = prepare(Path(__file__).parents[1] / "samples" / "ims-msrp-tls-relay.yaml")
    document = _render(prepared, reference_doc=ref, warn=warnings.append)
    assert any("'Caption'" in w for w in warnings) and any("'Heading 3'" in w for w in warnings)
    reference = docx.Document(str(ref)).sections[0]
    assert document.sections[0].left_margin == reference.left_margin
    assert document.sections[0].page_width == reference.page_width != Mm(210)
    assert all("boilerplate" not in p.text for p in document.paragraphs)
    assert _captions(document)
    assert any(style == "Heading 3" for style, _ in _headings(document))


def test_reference_doc_with_all_styles_gives_no_warning(tmp_path: Path) -> None:
    ref = _reference_doc(tmp_path / "sdo.docx", drop=())
    warnings: list[str] = []
    prepared = prepare(Path(__file__).parents[1] / "samples" / "ims-msrp-tls-relay.yaml")
    _render(prepared, reference_doc=ref, warn=warnings.append)
    assert warnings == []


def test_pdf_conversion_keeps_every_clause_title(tmp_path: Path) -> None:
    """LibreOffice opens the DOCX and every heading reaches the PDF (skips without soffice/pdftotext); the
    code-point column is wide enough that no code point breaks mid-word ("0xC0,0x2" / "C")."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdftotext) are needed for this check")
    prepared = prepare(Path(__file__).parents[1] / "samples" / "ims-msrp-tls-relay.yaml")
    source = tmp_path / "profile.docx"
    source.write_bytes(render_docx(prepared.outline))
    profile_dir = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / "profile.pdf"), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    flat = " ".join(text.split())
    for section in prepared.outline.walk():
        assert " ".join(section.heading.split()) in flat, section.heading
    from profilekit.catalog.ciphers import lookup

    codes = {suite.to_record()["code_bytes"] for tp in prepared.loaded.profile.tls.profiles
             for name in tp.cipher_suites if (suite := lookup(name)) is not None}
    assert codes
    lines = text.splitlines()
    broken = [code for code in sorted(codes) if not any(code in line for line in lines)]
    assert not broken, f"code points broken across lines in the PDF: {broken}"


def test_auto_numbered_heading_styles_of_a_template_do_not_number_twice(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement

    ref = docx.Document()
    ppr = ref.styles["Heading 1"].element.get_or_add_pPr()
    num = OxmlElement("w:numPr")
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), "1")
    num.append(num_id)
    ppr.append(num)
    ref.save(str(tmp_path / "numbered.docx"))
    prepared = prepare(Path(__file__).parents[1] / "samples" / "ims-msrp-tls-relay.yaml")
    document = _render(prepared, reference_doc=tmp_path / "numbered.docx")
    first = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert first.text == "1 Scope"
    assert first._p.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val")) == "0"
    second = next(p for p in document.paragraphs if p.style.name == "Heading 2")
    assert second._p.pPr.find(qn("w:numPr")) is None


def test_docx_and_markdown_show_the_same_titles_and_cells(sample: Path) -> None:
    """Read both documents back and compare them with each other, not only with the outline."""
    import re

    from test_render_markdown import _md_cells, _unmark

    prepared, document = _sample(sample)
    lines = render_bytes(prepared, "md").decode("utf-8").splitlines()
    md_headings = [_unmark(line.lstrip("#").strip()) for line in lines
                   if re.match(r"#{2,4} ", line) and not line.startswith("## Contents")]
    assert md_headings == [text for _, text in _headings(document)]
    md_tables: list[list[list[str]]] = []
    for i, line in enumerate(lines):
        if line.startswith("| ") and (i == 0 or not lines[i - 1].startswith("|")):
            md_tables.append([])
        if line.startswith("| "):
            md_tables[-1].append(_md_cells(line))
    word_tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    assert md_tables == word_tables


def _twips(element: Any, tag: str) -> int:
    found = element.find(qn(tag))
    return int(found.get(qn("w:w")))


def _caption_of(document: Any, tbl: Any) -> str:
    body = list(document.element.body)
    before = body[body.index(tbl) - 1]
    return "".join(t.text or "" for t in before.iter(qn("w:t")))


def _words_wider_than_columns(document: Any) -> tuple[dict[str, list[str]], int]:
    """Read widths, cell margins, sizes and fonts back from the XML and measure every unbreakable piece of
    every cell (split at spaces and after hyphens, as Word and LibreOffice break lines) at its size:
    ({caption of the table before: pieces wider than their column}, pieces checked)."""
    from profilekit.render.docx.column_widths import LONG_TOKEN, pieces, text_em

    section = document.sections[0]
    line = (section.page_width - section.left_margin - section.right_margin) // 635
    checked = 0
    too_wide: dict[str, list[str]] = {}
    for word in document.tables:
        tbl = word._tbl
        layout = tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is None or layout.get(qn("w:type")) != "fixed"
        margins = tbl.tblPr.find(qn("w:tblCellMar"))
        pad = _twips(margins, "w:left") + _twips(margins, "w:right")
        grid = [int(col.get(qn("w:w"))) for col in tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
        assert abs(sum(grid) - line) <= len(grid)
        for tr in tbl.findall(qn("w:tr")):
            for width, tc in zip(grid, tr.findall(qn("w:tc")), strict=True):
                assert _twips(tc.find(qn("w:tcPr")), "w:tcW") == width
                for r in tc.iter(qn("w:r")):
                    rpr = r.find(qn("w:rPr"))
                    size = int(rpr.find(qn("w:sz")).get(qn("w:val"))) / 2
                    mono = rpr.find(qn("w:rFonts")) is not None
                    bold = rpr.find(qn("w:b")) is not None
                    text = "".join(t.text or "" for t in r.iter(qn("w:t")))
                    for piece in pieces(text):
                        need = text_em(piece, bold=bold, mono=mono) * size / 1000 * 20
                        if need > line * LONG_TOKEN:
                            continue  # a URL-like piece wraps anyway
                        if need + pad > width:
                            too_wide.setdefault(_caption_of(document, tbl), []).append(piece)
                        checked += 1
    return too_wide, checked


def test_every_column_is_as_wide_as_its_longest_word(sample: Path) -> None:
    """No word may be wider than its column ("ephemer|al", "Descript|ion" in the review)."""
    _, document = _sample(sample)
    too_wide, checked = _words_wider_than_columns(document)
    assert not too_wide
    assert checked > 100


def _letter_reference(path: Path, source: Path | None = None) -> Path:
    """A US Letter template with 1.75 in side margins: a 5 in (127 mm) line instead of A4's 170 mm."""
    from docx.shared import Inches

    ref = docx.Document(str(source) if source else None)
    section = ref.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = Inches(1.75)
    ref.save(str(path))
    return path


def _narrow_render(tmp_path: Path, source: Path | None = None) -> tuple[bytes, list[str]]:
    ref = _letter_reference(tmp_path / "letter.docx", source)
    warnings: list[str] = []
    prepared = prepare(Path(__file__).parents[1] / "samples" / "ipip-bfcp-tls-gateway.yaml")
    return render_docx(prepared.outline, reference_doc=ref, warn=warnings.append), warnings


def test_a_narrower_template_breaks_no_word_or_names_the_table(tmp_path: Path) -> None:
    """Widths follow the reference document's text width: on Letter with 1.75 in margins, tables are set in
    smaller type (and, last, with narrower cell margins) so every word fits its column; a table that cannot
    fit even so is named in a warning rather than breaking words silently."""
    data, warnings = _narrow_render(tmp_path)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.page_width - section.left_margin - section.right_margin == 127 * 36000
    too_wide, checked = _words_wider_than_columns(document)
    assert checked > 100
    warned = [w for w in warnings if "does not fit the 127 mm text width" in w
              or "do not fit the 127 mm text width" in w]
    assert len(warned) <= 1
    assert all(caption in warned[0] for caption in too_wide), (too_wide, warnings)
    named = [caption for caption in _captions(document) if warned and caption in warned[0]]
    assert sorted(named) == sorted(too_wide)  # the warning names exactly the tables whose words break
    assert len(too_wide) < len(document.tables) / 4
    sizes = {int(sz.get(qn("w:val"))) for sz in document.element.body.iter(qn("w:sz"))}
    assert 14 in sizes  # 7 pt: the fallback was needed and used
    tight = [t for t in document.tables if _twips(t._tbl.tblPr.find(qn("w:tblCellMar")), "w:left") < 85]
    assert any(_caption_of(document, t._tbl) not in too_wide for t in tight)  # narrower margins rescued one


def test_header_and_footer_distance_0_or_missing_is_filled_in(tmp_path: Path) -> None:
    """LibreOffice saves `w:header="0" w:footer="0"` for a document without header or footer: copied as is,
    the page header sits on the paper's edge and the footer below the page."""
    from docx.shared import Mm

    ref = docx.Document()
    section = ref.sections[0]
    section.header_distance = 0
    section.top_margin, section.bottom_margin = Mm(25), Mm(12)
    pg_mar = section._sectPr.find(qn("w:pgMar"))
    del pg_mar.attrib[qn("w:footer")]
    ref.save(str(tmp_path / "lo.docx"))
    warnings: list[str] = []
    prepared = prepare(Path(__file__).parents[1] / "samples" / "ims-msrp-tls-relay.yaml")
    document = _render(prepared, reference_doc=tmp_path / "lo.docx", warn=warnings.append)
    out = document.sections[0]
    assert abs(out.header_distance - Mm(12.5)) < 635  # Word stores twips
    assert 0 < out.footer_distance <= out.bottom_margin  # never below the bottom margin's edge
    assert abs(out.footer_distance - Mm(12) * 5 // 8) < 635
    [warning] = [w for w in warnings if "header or footer distance" in w]
    assert "header distance 12.5 mm" in warning and "footer distance 7.5 mm" in warning
    # a template with its own distances keeps them, without a warning
    warnings.clear()
    _render(prepared, reference_doc=_reference_doc(tmp_path / "sdo.docx", drop=()), warn=warnings.append)
    assert warnings == []


def test_libreoffice_saved_letter_template_keeps_header_footer_on_the_page_and_words_whole(
        tmp_path: Path) -> None:
    """The editor's check with a template LibreOffice saved (header/footer distance 0), narrowed to Letter
    with 1.75 in margins: through LibreOffice to PDF, the page header and footer lie on the page, and every
    word of a table the renderer did not warn about comes out whole (skips without soffice/pdftotext)."""
    import collections
    import re

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdftotext) are needed for this check")
    lo_profile = f"-env:UserInstallation=file://{tmp_path / 'lo'}"
    (tmp_path / "b.txt").write_text("hi\n", encoding="utf-8")
    subprocess.run([soffice, lo_profile, "--headless", "--convert-to", "docx", "--outdir", str(tmp_path),
                    str(tmp_path / "b.txt")], check=True, capture_output=True, timeout=180)
    assert docx.Document(str(tmp_path / "b.docx")).sections[0].header_distance == 0  # as the review found
    data, warnings = _narrow_render(tmp_path, tmp_path / "b.docx")
    assert any("header distance 12.5 mm" in w for w in warnings)
    source = tmp_path / "narrow.docx"
    source.write_bytes(data)
    subprocess.run([soffice, lo_profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "narrow.pdf"
    bbox = subprocess.run([pdftotext, "-bbox", "-f", "3", "-l", "3", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', bbox).group(1))
    words = [(float(m[1]), float(m[2]), m[3]) for m in
             re.finditer(r'<word xMin="[\d.]+" yMin="([-\d.]+)" xMax="[\d.]+" yMax="([-\d.]+)">([^<]*)<', bbox)]
    document = docx.Document(io.BytesIO(data))
    running = document.sections[0].header.paragraphs[0].text.split()[0]
    top = min(w[0] for w in words)
    bottom = max(w[1] for w in words)
    assert running in [w[2] for w in words if w[0] == top] and top > 0  # the header: first line, on the page
    last = [w[2] for w in words if w[1] == bottom]  # the footer: last line, on the page
    assert last == ["Page", "3"] and bottom < height

    text = subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=60).stdout

    def count(s: str) -> collections.Counter[str]:
        return collections.Counter(w for w in re.split(r"[^A-Za-z0-9_]+", s.replace("-", "")) if len(w) >= 5)

    too_wide, _ = _words_wider_than_columns(document)
    kept = [t for t in document.tables if _caption_of(document, t._tbl) not in too_wide]
    in_tables = count(" ".join(c.text for t in kept for r in t.rows for c in r.cells))
    everywhere = count(" ".join(p.text for p in document.paragraphs)) + in_tables  # the warned table aside
    in_pdf = count(text)
    broken = sorted(w for w in in_tables if in_pdf[w] < everywhere[w])
    assert not broken, f"table words broken across lines in the PDF: {broken}"


def test_tables_keep_their_header_with_rows_and_do_not_split_rows(sample: Path) -> None:
    _, document = _sample(sample)
    body = list(document.element.body)
    for word in document.tables:
        rows = word._tbl.findall(qn("w:tr"))
        assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)

        def keeps(row: Any) -> bool:
            return all(tc.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:keepNext")) is not None
                       for tc in row.findall(qn("w:tc")))

        assert keeps(rows[0])  # the header stays with the first row …
        if len(rows) > 2:
            assert keeps(rows[1])  # … and the first row with the second
            assert keeps(rows[-2]) and not keeps(rows[-1])  # no single row alone at the top of a page
        before = body[body.index(word._tbl) - 1]
        if before.find(qn("w:pPr")) is not None and before.find(qn("w:pPr")).find(qn("w:pStyle")) is not None:
            assert before.find(qn("w:pPr")).find(qn("w:keepNext")) is not None


def test_libreoffice_breaks_no_table_word_of_the_largest_sample(tmp_path: Path) -> None:
    """The editor's check: the largest sample through LibreOffice to PDF; every word of every table cell
    comes out whole (skips without soffice/pdftotext)."""
    import collections
    import re

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdftotext) are needed for this check")
    _, data = rendered_docx(Path(__file__).parents[1] / "samples" / "ipip-bfcp-tls-gateway.yaml")
    source = tmp_path / "ipip.docx"
    source.write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    # -raw keeps each cell's lines together in content order, so a line broken after a hyphen ("self-" /
    # "signed") is the next line even where a neighbouring cell shares the printed line
    text = subprocess.run([pdftotext, "-raw", str(tmp_path / "ipip.pdf"), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    text = re.sub(r"-\n", "-", text)  # a break after a hyphen is legitimate: the word continues on the next line

    def words(s: str) -> collections.Counter[str]:
        # pdftotext joins a word broken after its hyphen and drops the hyphen ("third-" "party" →
        # "thirdparty"), a legitimate break: compare without hyphens on both sides
        return collections.Counter(w for w in re.split(r"[^A-Za-z0-9_]+", s.replace("-", "")) if len(w) >= 5)

    document = docx.Document(io.BytesIO(data))
    in_tables = words(" ".join(c.text for t in document.tables for r in t.rows for c in r.cells))
    everywhere = words(" ".join(p.text for p in document.paragraphs)) + in_tables
    in_pdf = words(text)
    broken = sorted(w for w in in_tables if in_pdf[w] < everywhere[w])
    assert not broken, f"table words broken across lines in the PDF: {broken}"
