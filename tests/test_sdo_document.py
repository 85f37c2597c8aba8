"""The document read back as a TSB editor or rapporteur would (issue 11, part B): Annex A is an ICS proforma
whose statuses follow the profile, the guideline conformance is an informative appendix without validator
codes, the Word file is set in the ITU-T house style with keep-with-next where a page must not break, and
`--format pdf` gives a PDF whose contents list has page numbers."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import ROOT, SAMPLES, run_cli
from docx.oxml.ns import qn
from render_helpers import CONTRIBUTION, patched_profile, rendered_docx
from test_tls13_only import _tls13_only

from profilekit.load.profile import load_profile
from profilekit.model.clauses import COMMANDS
from profilekit.render.docx import render_docx
from profilekit.render.outline import Outline, Paragraph, Section, Table, plain
from profilekit.render.outline.ics import item_statuses
from profilekit.render.pipeline import prepare

IMS = ROOT / "samples" / "ims-msrp-tls-relay.yaml"
FINGERPRINT_SAMPLE = ROOT / "samples" / "sbc-msrp-selfsigned-fingerprint.yaml"
TOOL_CODE = re.compile(r"\b(?:SEC|PRC|TLS|GL|LD|SC|SP)\d{3}\b")


def _annex(outline: Outline) -> Section:
    (annex,) = [s for s in outline.sections if s.annex]
    return annex


def _statuses(outline: Outline) -> dict[str, str]:
    """Description → status of every ICS item (descriptions are unique within a role's tables)."""
    return {f"{item_id.split('/')[0]}|{text}": status for item_id, (text, status) in
            item_statuses(_annex(outline)).items()}


def _table(outline: Outline, caption: str) -> Table:
    return next(t for t in outline.tables() if t.caption == caption)


def _tls_profile_table(outline: Outline, profile_id: str) -> Table:
    clause = next(s for s in outline.walk() if f"tls-profile-{profile_id}" in s.extra_anchors)
    return _table(outline, f"MG: the TLS profile of clause {clause.number}")


def _rows(table: Table) -> dict[str, str]:
    """Description → status of one ICS table."""
    return {plain(row[1]): plain(row[3]) for row in table.rows}


# --- Annex A: the ICS proforma ------------------------------------------------------------------------

def test_annex_a_is_an_ics_proforma_with_its_front_matter(sample: Path) -> None:
    outline = prepare(sample).outline
    annex = _annex(outline)
    assert annex.heading == "Annex A – Implementation conformance statement (ICS) proforma"
    first = annex.blocks[0]
    assert isinstance(first, Paragraph) and first.kind == "centred"
    assert plain(first.runs) == "(This annex forms an integral part of this Recommendation.)"
    assert [c.title for c in annex.children] == [
        "Introduction and instructions", "Identification and global statement of conformance", "Roles",
        "Capabilities of the MG", "Capabilities of the MGC"]
    intro = "\n".join(plain(b.runs) for b in annex.children[0].blocks if isinstance(b, Paragraph))
    for code in ("m", "o", "o.N", "c.N", "x", "n/a", "i"):
        assert f"\n{code}" in "\n" + intro.replace("\n", "\n")  # every status code is explained
    assert "freely reproduce the ICS proforma" in intro
    ident = outline.name
    assert any(f"{ident}/" in plain(row[1]) for row in _table(outline, "Identification of the profile").rows)
    # the implementer's identification is a form: its blank column stays for them to fill in
    form = _table(outline, "Identification of the implementation")
    assert form.header == ("Item", "To be completed") and all(plain(row[1]).strip() == "" for row in form.rows)
    assert "Global statement of conformance" in "\n".join(
        plain(b.runs) for b in annex.children[1].blocks if isinstance(b, Paragraph))
    for table in (b for s in annex.walk() for b in s.blocks if isinstance(b, Table)):
        if "Status" in table.header:
            assert table.header == ("Item", "Description", "Reference", "Status", "Support")
            for row in table.rows:
                status = plain(row[3])
                assert re.fullmatch(r"m|o|o\.\d+|c\.\d+|x|n/a|i", status), (table.caption, plain(row[1]))
                assert plain(row[0]).startswith(f"{table.number}/")
                assert plain(row[4]) == ("–" if status in ("n/a", "i") else "Yes [ ]  No [ ]")


def test_ics_statuses_follow_the_profile(sample: Path) -> None:
    """Each status read back from the document agrees with what the profile says."""
    loaded = load_profile(sample)
    profile = loaded.profile
    outline = prepare(sample).outline
    used = {c.command: c.used for c in profile.commands}
    for role in ("MG", "MGC"):
        commands = _rows(_table(outline, f"{role}: commands"))
        for command in COMMANDS:
            (status,) = [s for text, s in commands.items() if text.startswith(f"{command} command")]
            assert status == ({True: "m", False: "x"}[used[command]] if command in used else "n/a"), command
        descriptors = _rows(_table(outline, f"{role}: descriptors"))
        for entry in profile.descriptors:
            expected = {"mandatory": "m", "optional": "o", "not_used": "x"}[entry.support]
            assert descriptors[f"{entry.descriptor} descriptor"] == expected
        packages = _rows(_table(outline, f"{role}: packages"))
        for entry in profile.packages:
            package_id = getattr(entry, "use", None) or getattr(entry, "id", "")
            (status,) = [s for text, s in packages.items() if f"({package_id}," in text]
            assert status == {"mandatory": "m", "optional": "o"}[entry.support]
    for tls_profile in profile.tls.profiles:
        rows = _rows(_tls_profile_table(outline, tls_profile.id))
        for version in ("SSL3.0", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"):
            words = version.replace("TLS", "TLS ").replace("SSL", "SSL ")
            assert rows[words] == ("m" if version in tls_profile.versions else "x"), version
        for suite in tls_profile.cipher_suites:
            assert rows[f"Cipher suite {suite}"] == "m"
        for group in tls_profile.groups:
            assert rows[f"Key-exchange group {group}"] == "m"
        for scheme in tls_profile.signature_algorithms:
            assert rows[f"Signature algorithm {scheme}"] == "m"
        for method, words in (("certificate_ca_signed", "CA-signed certificates"), ("psk", "pre-shared keys")):
            assert rows[f"Authentication with {words}"] == ("m" if method in tls_profile.authentication.methods
                                                            else "x")
        pre13 = any(v != "TLS1.3" for v in tls_profile.versions)
        renegotiation = next(s for text, s in rows.items() if text.startswith("Renegotiation"))
        assert renegotiation == ("n/a" if not pre13 else "m" if tls_profile.renegotiates else "x")
    bindings = _rows(_table(outline, "MG: capability bindings (H.248.TLSPROF)"))
    domain = profile.tls.bindings.tls_domain
    assert bindings[f"TLS domain selection with {domain.element}" if domain else
                    "TLS domain selection (not bound in this profile)"] == ("m" if domain else "n/a")


def test_a_command_no_longer_used_becomes_excluded(tmp_path: Path) -> None:
    """Remove a mandatory item from the profile and its m becomes x, for the MG and the MGC."""
    before = prepare(IMS).outline
    path = patched_profile(tmp_path, replace=("{command: AuditCapabilities, used: true, descriptors: [Audit]}",
                                              "{command: AuditCapabilities, used: false}"))
    after = prepare(path).outline
    for role in ("MG", "MGC"):
        old, new = _rows(_table(before, f"{role}: commands")), _rows(_table(after, f"{role}: commands"))
        changed = {text: (old[text], new[text]) for text in old if old[text] != new[text]}
        assert list(changed.values()) == [("m", "x")] and next(iter(changed)).startswith("AuditCapabilities")


def test_an_optional_package_makes_its_elements_conditional_with_the_condition_written_out(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, replace=("{use: tlscap, support: mandatory}",
                                              "{use: tlscap, support: optional}"))
    outline = prepare(path).outline
    packages = _table(outline, "MG: packages")
    (item_id,) = [plain(row[0]) for row in packages.rows if "(tlscap," in plain(row[1])]
    assert next(plain(row[3]) for row in packages.rows if plain(row[0]) == item_id) == "o"
    section = next(s for s in _annex(outline).walk() if s.number == "A.4")
    elements = _table(outline, "MG: elements of the package tlscap")
    statuses = {plain(row[3]) for row in elements.rows}
    assert len(statuses) == 1 and re.fullmatch(r"c\.\d+", statuses.pop() or "")
    code = plain(elements.rows[0][3])
    after = section.blocks[section.blocks.index(elements) + 1]
    assert isinstance(after, Paragraph) and after.kind == "entry"
    assert (plain(after.runs[:1]), plain(after.runs[1:])) == (code, f"IF {item_id} THEN m ELSE n/a")
    # the mandatory packages' elements stay m
    assert {plain(row[3]) for row in _table(outline, "MG: elements of the package tlsbsc").rows} == {"m"}


def test_a_tls13_only_profile_marks_renegotiation_and_session_ids_not_applicable(tmp_path: Path) -> None:
    outline = prepare(_tls13_only(tmp_path)).outline
    rows = _rows(_tls_profile_table(outline, "access_tls"))
    assert rows["TLS 1.3"] == "m" and rows["TLS 1.2"] == "x"
    assert next(s for t, s in rows.items() if t.startswith("Renegotiation")) == "n/a"
    assert rows["Session resumption with session IDs (TLS 1.2 and earlier)"] == "n/a"
    assert rows["Extension: encrypt-then-MAC"] == "n/a"


def test_roles_are_a_qualified_option_explained_under_the_table(sample: Path) -> None:
    outline = prepare(sample).outline
    roles = _table(outline, "Roles")
    assert [plain(row[3]) for row in roles.rows] == ["o.1", "o.1"]
    section = next(s for s in _annex(outline).walk() if s.number == "A.3")
    entries = [plain(b.runs) for b in section.blocks if isinstance(b, Paragraph) and b.kind == "entry"]
    assert entries == ["o.1at least one of the items marked o.1 shall be supported."]


# --- Appendix I: the guideline conformance, in words -------------------------------------------------

def test_no_tool_code_or_severity_in_annex_or_appendix(sample: Path) -> None:
    outline = prepare(sample).outline
    for section in (s for s in outline.sections if s.annex or s.appendix):
        for part in section.walk():
            texts = [plain(b.runs) for b in part.blocks if isinstance(b, Paragraph)]
            texts += [plain(cell) for b in part.blocks if isinstance(b, Table) for row in b.rows for cell in row]
            texts += [" ".join(b.header) for b in part.blocks if isinstance(b, Table)]
            for text in texts:
                assert not TOOL_CODE.search(text), (part.number, text)
                assert not re.search(r"\|\s*(?:Error|Warning|Information)\s*\|", f"|{text}|"), text
    appendix = next(s for s in outline.sections if s.appendix)
    assert appendix.heading.startswith("Appendix I – ")
    assert plain(appendix.blocks[0].runs) == \
        "(This appendix does not form an integral part of this Recommendation.)"  # type: ignore[union-attr]


def test_no_tool_code_in_the_rendered_annex_text(tmp_path: Path) -> None:
    """Even for a profile with errors, warnings and accepted deviations: the Markdown after clause 6."""
    path = patched_profile(tmp_path, replace=(
        "      versions: [TLS1.2, TLS1.3]\n",
        '      versions: [TLS1.0, TLS1.1, TLS1.2, TLS1.3]  # profilekit: disable=SEC002 reason="legacy SBCs"\n'))
    out = tmp_path / "x.md"
    assert run_cli("render", str(path), "-o", str(out)).returncode == 0
    tail = out.read_text(encoding="utf-8").split("## Annex A", 1)[1]
    assert not TOOL_CODE.search(tail)
    assert "legacy SBCs" in tail


# --- DOCX: house style, keep-with-next, unbreakable ids and fingerprints ----------------------------

def _docx(path: Path, **options: Any) -> Any:
    if not options:
        return docx.Document(io.BytesIO(rendered_docx(path)[1]))
    return docx.Document(io.BytesIO(render_docx(prepare(path).outline, **options)))


def _keeps_next(paragraph: Any) -> bool:
    ppr = paragraph._p.find(qn("w:pPr"))
    return ppr is not None and ppr.find(qn("w:keepNext")) is not None


def test_headings_captions_and_step_labels_keep_with_next(sample: Path) -> None:
    document = _docx(sample)
    paragraphs = document.paragraphs
    headings = [p for p in paragraphs if p.style.name.startswith("Heading")]
    captions = [p for p in paragraphs if p.style.name == "Caption"]
    steps = [p for p in paragraphs if re.match(r"Step \d+: ", p.text)]
    assert headings and captions
    assert [p.text for p in headings if not _keeps_next(p)] == []
    assert [p.text for p in captions if not _keeps_next(p)] == []
    body = list(document.element.body)
    for step in steps:  # a step followed by its command keeps with it
        following = body[body.index(step._p) + 1]
        if following.tag == qn("w:p") and "Command" in "".join(t.text or "" for t in following.iter(qn("w:t"))):
            assert _keeps_next(step), step.text


def _style_xml(document: Any, name: str) -> Any:
    return document.styles[name].element


def test_itu_t_house_style_in_styles_xml() -> None:
    document = _docx(IMS)
    normal = _style_xml(document, "Normal")
    assert normal.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"
    assert normal.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "24"
    for name in ("Heading 1", "Heading 2", "Heading 3", "Caption"):
        rpr = _style_xml(document, name).find(qn("w:rPr"))
        assert rpr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman", name
        assert rpr.find(qn("w:color")).get(qn("w:val")) == "000000", name
        assert rpr.find(qn("w:b")) is not None and rpr.find(qn("w:b")).get(qn("w:val")) in (None, "1", "true")
    caption = _style_xml(document, "Caption").find(qn("w:pPr"))
    assert caption.find(qn("w:jc")).get(qn("w:val")) == "center"
    assert any(p.text.startswith("Table 1 – ") for p in document.paragraphs if p.style.name == "Caption")
    assert document.styles["Note"].font.size.pt == 11
    notes = [p for p in document.paragraphs if p.style.name == "Note"]
    assert notes and all(p.text.startswith("NOTE – ") for p in notes)


def test_etsi_style_and_a_reference_document_winning_over_it(tmp_path: Path) -> None:
    document = _docx(IMS, style="etsi")
    heading = _style_xml(document, "Heading 1").find(qn("w:rPr"))
    assert heading.find(qn("w:rFonts")).get(qn("w:ascii")) == "Arial"
    assert any(re.match(r"Table 1: ", p.text) for p in document.paragraphs if p.style.name == "Caption")
    assert all(p.text.startswith("NOTE:\t") for p in document.paragraphs if p.style.name == "Note")
    reference = tmp_path / "ref.docx"
    template = docx.Document()
    template.styles["Heading 1"].font.name = "Verdana"
    template.save(str(reference))
    mine = _docx(IMS, style="itu-t", reference_doc=reference)
    assert mine.styles["Heading 1"].font.name == "Verdana"  # the reference document's style is kept
    plain_doc = _docx(IMS, style="plain")
    assert _style_xml(plain_doc, "Heading 1").find(qn("w:rPr")).find(qn("w:color")).get(qn("w:val")) != "000000"


def test_style_option_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    done = run_cli("render", str(IMS), "-o", str(out), "--style", "3gpp")
    assert done.returncode == 0, done.stderr
    assert "F9" in done.stderr  # Word users are told how to get page numbers into the contents
    assert docx.Document(str(out)).styles["Heading 1"].font.name == "Arial"
    bad = run_cli("render", str(IMS), "-o", str(out), "--style", "ieee")
    assert bad.returncode == 2 and "--style" in bad.stderr
    markdown = run_cli("render", str(IMS), "-o", str(tmp_path / "x.md"), "--style", "etsi")
    assert markdown.returncode == 2 and "--style applies to --format docx and pdf only" in markdown.stderr


def test_requirement_ids_never_break_at_their_hyphen(sample: Path) -> None:
    document = _docx(sample)
    body = document.element.body
    texts = [t.text or "" for t in body.iter(qn("w:t"))]
    assert not [t for t in texts if re.search(r"(?<![\w-])R-\d", t)]
    assert sum(1 for _ in body.iter(qn("w:noBreakHyphen"))) >= 56  # every id of Appendix I at least


def test_a_fingerprint_fits_its_code_line_so_it_is_never_broken() -> None:
    document = _docx(FINGERPRINT_SAMPLE)
    code = [p for p in document.paragraphs if p.style.name == "Code" and re.search(r"(?:[0-9A-F]{2}:){31}", p.text)]
    assert code
    line_pt = (document.sections[0].page_width - document.sections[0].left_margin
               - document.sections[0].right_margin) / 12700
    for paragraph in code:
        size = paragraph.runs[0].font.size.pt if paragraph.runs[0].font.size else 8.5
        longest = max(len(token) for token in paragraph.text.split())
        assert longest * 0.6 * size <= line_pt, (longest, size)


def test_abbreviations_are_a_two_column_list_not_a_table() -> None:
    document = _docx(IMS)
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs)
                 if p.text == "4 Abbreviations and acronyms" and p.style.name == "Heading 1")
    end = next(i for i, p in enumerate(paragraphs) if i > start and p.style.name.startswith("Heading"))
    entries = [p.text for p in paragraphs[start + 1:end] if "\t" in p.text]
    assert entries and all(re.fullmatch(r"[^\t]+\t[^\t]+", e) for e in entries)
    captions = [p.text for p in paragraphs if p.style.name == "Caption"]
    assert not any("Abbreviations" in c for c in captions)


def test_contribution_cover_has_contact_boxes_and_no_running_header(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, CONTRIBUTION)
    document = docx.Document(io.BytesIO(render_docx(prepare(path, contribution=True).outline)))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    assert not list(section.first_page_footer._element.iter(qn("w:instrText")))  # no "Page 1"
    assert section.header.paragraphs[0].text == "C 1234"
    cover = document.tables[1]
    contact = next(row.cells[1].text for row in cover.rows if row.cells[0].text == "Contact:")
    assert contact.splitlines() == ["A. Editor", "Example Networks", "E-mail: a.editor@example.org"]


# --- PDF through LibreOffice ------------------------------------------------------------------------

def test_pdf_without_libreoffice_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from profilekit.render import pdf

    monkeypatch.setattr(pdf, "_soffice", lambda: None)
    out = tmp_path / "x.pdf"
    done = run_cli("render", str(IMS), "-o", str(out))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "LibreOffice" in done.stderr and not out.exists() and not list(tmp_path.iterdir())
    built = run_cli("build", str(IMS), "-o", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    assert "note: not writing ETSIprof_IMS_MSRP_TLS.pdf: PDF needs LibreOffice" in built.stderr
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".docx", ".json", ".md"]
    forced = run_cli("build", str(IMS), "-o", str(tmp_path / "out2"), "--pdf")
    assert forced.returncode == 2 and not (tmp_path / "out2").exists()


needs_pdf_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler's pdftotext are needed to read a PDF back")


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.slow
@needs_pdf_tools
def test_pdf_contents_list_has_page_numbers_and_fingerprints_stay_whole(tmp_path: Path) -> None:
    from profilekit.render.pdf import pdf_available

    if pdf_available() is not None:
        pytest.skip(pdf_available() or "")
    out = tmp_path / "doc.pdf"
    done = run_cli("render", str(FINGERPRINT_SAMPLE), "-o", str(out), timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    text = _pdf_text(out)
    contents = text.split("Contents", 1)[1]
    numbered = re.findall(r"^\s*(\d+(?:\.\d+)*|Annex A|Appendix I) .*?\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE)
    heads = {head for head, _ in numbered}
    assert {"1", "2", "5", "6", "Annex A", "Appendix I"} <= heads, numbered[:10]
    pages = [int(page) for _, page in numbered]
    assert pages == sorted(pages) and pages[-1] > pages[0]
    fingerprint = re.compile(r"(?:[0-9A-F]{2}:){31}[0-9A-F]{2}")
    source = FINGERPRINT_SAMPLE.read_text(encoding="utf-8")
    assert len(fingerprint.findall(text)) >= len(set(fingerprint.findall(source)))
    assert "R-8.6/1" in text.replace("\u2011", "-")
    assert not re.search(r"(?<![\w-])R[-\u2011]\s*$", text, re.MULTILINE)  # no line ends inside an id
    # no page of the PDF ends on a heading or caption: the last non-blank line before a page break is not one
    for page in text.split("\f")[2:-1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if len(lines) > 2:
            last = lines[-2]  # the last line is the footer "Page N"
            assert not re.fullmatch(r"Table [A-Z]?\.?\d+ – .*", last), last
            assert not re.fullmatch(r"\d+(?:\.\d+)+ [A-Z].{0,60}", last) or "..." in last, last


@pytest.mark.slow
@needs_pdf_tools
def test_build_writes_the_pdf_when_libreoffice_is_there(tmp_path: Path) -> None:
    from profilekit.render.pdf import pdf_available

    if pdf_available() is not None:
        pytest.skip(pdf_available() or "")
    done = run_cli("build", str(SAMPLES[0]), "-o", str(tmp_path / "out"), timeout=300)
    assert done.returncode == 0, done.stderr
    pdfs = list((tmp_path / "out").glob("*.pdf"))
    assert len(pdfs) == 1 and "Contents" in _pdf_text(pdfs[0])


@pytest.mark.slow
def test_a_hung_libreoffice_is_stopped_with_its_conversion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A LibreOffice that never answers: the conversion gives up after its time limit with a one-line error,
    and the office process it started does not outlive it."""
    import os
    import time

    from profilekit.render import pdf

    if pdf._uno_python() is None:
        pytest.skip("no Python with LibreOffice's uno module (python3-uno)")
    pid_file = tmp_path / "office.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 600\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "_soffice", lambda: str(fake))
    monkeypatch.setattr(pdf, "TIMEOUT_S", 3)
    with pytest.raises(pdf.PdfError, match="did not finish the PDF within 3 s"):
        pdf.docx_to_pdf(b"not really a document")
    pid = int(pid_file.read_text(encoding="utf-8"))
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the hung office process {pid} outlived the conversion")
