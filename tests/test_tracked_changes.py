"""`render NEW --changes-from OLD`: accepting every revision gives NEW's text and rejecting every revision
OLD's, paragraph by paragraph and cell by cell (checked with the independent accept/reject in
wordml_review.py), for every sample against several edited versions and random edits; Markdown the same
with CriticMarkup; deterministic bytes; LibreOffice agrees where it is installed."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from revision_helpers import EDITS, ROOT, SAMPLES, bump_version, edited, sample_data, write_profile
from wordml_review import body, review, text_items, w

from profilekit.render.pipeline import render_file
from profilekit.revisions.job import render_changes
from profilekit.revisions.markdown import MARKED_BELOW

BFCP = ROOT / "samples" / "ipip-bfcp-tls-gateway.yaml"


def _pair(tmp_path: Path, sample: Path, edit: Any) -> tuple[Path, Path]:
    old = write_profile(tmp_path, "old.yaml", sample_data(sample))
    new = edited(tmp_path, sample, edit)
    return old, new


def _check_docx(old: Path, new: Path) -> bytes:
    marked = render_changes(new, old, None, fmt="docx").data
    old_doc = render_file(old, None, fmt="docx").data
    new_doc = render_file(new, None, fmt="docx").data
    merged = body(marked)
    assert text_items(review(merged, accept=True)) == text_items(body(new_doc))
    assert text_items(review(merged, accept=False)) == text_items(body(old_doc))
    return marked


def _document_xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read("word/document.xml")


def _accept_md(text: str, accept: bool) -> str:
    gone, kept = (r"\{--(.*?)--\}", r"\{\+\+(.*?)\+\+\}") if accept else (r"\{\+\+(.*?)\+\+\}", r"\{--(.*?)--\}")
    lines = []
    for line in text.split("\n"):
        if re.fullmatch(gone, line, flags=re.S):
            continue
        whole = re.fullmatch(kept, line, flags=re.S)
        if whole:
            lines.append(whole.group(1))
            continue
        line = re.sub(gone, "", line)
        lines.append(re.sub(kept, lambda m: m.group(1), line))
    return "\n".join(lines)


def _check_md(old: Path, new: Path) -> str:
    marked = render_changes(new, old, None, fmt="md").data.decode("utf-8")
    summary, _, document = marked.partition(MARKED_BELOW + "\n\n")
    assert summary.startswith("### Changes from ")
    assert _accept_md(document, True) == render_file(new, None, fmt="md").data.decode("utf-8")
    assert _accept_md(document, False) == render_file(old, None, fmt="md").data.decode("utf-8")
    return marked


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_accept_gives_new_and_reject_gives_old(tmp_path: Path, sample: Path, edit: str) -> None:
    old, new = _pair(tmp_path, sample, EDITS[edit])
    marked = body(_check_docx(old, new))
    assert next(marked.iter(w("ins"), w("del")), None) is not None
    _check_md(old, new)


def test_moved_suite_is_one_deleted_and_one_inserted_row(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, BFCP, EDITS["move-suite"])
    marked = body(_check_docx(old, new))
    deleted = [tr for tr in marked.iter(w("tr")) if tr.find(f"{w('trPr')}/{w('del')}") is not None]
    inserted = [tr for tr in marked.iter(w("tr")) if tr.find(f"{w('trPr')}/{w('ins')}") is not None]
    assert len(deleted) == 1 and len(inserted) == 1

    def suite(tr: Any) -> str:
        return "".join(t.text or "" for t in tr.findall(w("tc"))[1].iter(w("t"), w("delText")))

    assert suite(deleted[0]) == suite(inserted[0])


def test_changed_text_is_marked_word_by_word(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, BFCP, EDITS["summary"])
    marked = body(_check_docx(old, new))
    inserted = ["".join(t.text or "" for t in ins.iter(w("t"))) for ins in marked.iter(w("ins"))]
    assert any("statistics" in text for text in inserted)
    assert all(len(text) < 80 for text in inserted)  # words, not the whole paragraph


def test_author_date_and_determinism(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, BFCP, lambda d: (EDITS["summary"](d), bump_version(d)))
    out = tmp_path / "out.docx"
    result = run_cli("render", str(new), "--changes-from", str(old), "-o", str(out), "--author", "A. Editor",
                     "--date", "2026-12-01")
    assert result.returncode == 0, result.stderr
    first = out.read_bytes()
    xml = _document_xml(first)
    assert b'w:author="A. Editor"' in xml and b'w:date="2026-12-01T00:00:00Z"' in xml
    assert run_cli("render", str(new), "--changes-from", str(old), "-o", str(out), "--author", "A. Editor",
                   "--date", "2026-12-01").returncode == 0
    assert out.read_bytes() == first
    default = _document_xml(render_changes(new, old, None, fmt="docx").data)
    assert b'w:author="B. Rapporteur"' in default and b'w:date="2026-11-26T00:00:00Z"' in default
    bad = run_cli("render", str(new), "--changes-from", str(old), "-o", str(tmp_path / "x.docx"), "--date", "soon")
    assert bad.returncode == 2 and "--date" in bad.stderr and not (tmp_path / "x.docx").exists()
    missing = run_cli("render", str(new), "--changes-from", str(tmp_path / "nope.yaml"), "-o",
                      str(tmp_path / "y.docx"))
    assert missing.returncode == 2 and "nope.yaml" in missing.stderr and not (tmp_path / "y.docx").exists()


def test_markdown_marks(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, BFCP, EDITS["summary"])
    out = tmp_path / "out.md"
    assert run_cli("render", str(new), "--changes-from", str(old), "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "{++" in text and "statistics" in text


_EDIT_STEPS = st.lists(st.sampled_from(["reverse-suites", "drop-element", "add-element", "text", "move-suite",
                                        "drop-reference"]), min_size=1, max_size=3)


def _apply(data: dict[str, Any], step: str, seed: int) -> None:
    if step == "reverse-suites":
        profile = data["tls"]["profiles"][seed % len(data["tls"]["profiles"])]
        profile["cipher_suites"].reverse()
    elif step == "move-suite":
        suites = data["tls"]["profiles"][0]["cipher_suites"]
        suites.insert(seed % len(suites), suites.pop())
    elif step in ("drop-element", "add-element"):
        packages = [p for p in data.get("packages", []) if "use" not in p and p.get("events")]
        if not packages:
            return
        events = packages[seed % len(packages)]["events"]
        if step == "drop-element" and len(events) > 1:
            events.pop(seed % len(events))
        elif step == "add-element":
            events.append({"id": f"added{seed}", "name": "An added event", "description": "Reported sometimes."})
    elif step == "text":
        data["summary"] = f"A rewritten summary number {seed}: " + data["summary"][seed % 40:]
    elif step == "drop-reference" and data.get("references"):
        data["references"].pop(seed % len(data["references"]))


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sample=st.sampled_from(SAMPLES), steps=_EDIT_STEPS, seed=st.integers(0, 1000))
def test_random_edits_accept_and_reject(tmp_path_factory: pytest.TempPathFactory, sample: Path, steps: list[str],
                                        seed: int) -> None:
    folder = tmp_path_factory.mktemp("random")

    def edit(data: dict[str, Any]) -> None:
        for step in steps:
            _apply(data, step, seed)

    old, new = _pair(folder, sample, edit)
    _check_docx(old, new)
    _check_md(old, new)


UNO_SCRIPT = r"""
import json, sys, time, uno
from com.sun.star.beans import PropertyValue
path, port, action = sys.argv[1], sys.argv[2], sys.argv[3]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(150):
    try:
        ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.2)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
hidden = PropertyValue(); hidden.Name = "Hidden"; hidden.Value = True
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (hidden,))
redlines = doc.getRedlines().createEnumeration()
count = 0
while redlines.hasMoreElements():
    redlines.nextElement()
    count += 1
dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
command = ".uno:AcceptAllTrackedChanges" if action == "accept" else ".uno:RejectAllTrackedChanges"
dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
items = []
blocks = doc.getText().createEnumeration()
while blocks.hasMoreElements():
    block = blocks.nextElement()
    if block.supportsService("com.sun.star.text.TextTable"):
        rows = []
        for r in range(block.getRows().getCount()):
            rows.append([block.getCellByPosition(c, r).getString() for c in range(block.getColumns().getCount())])
        items.append(rows)
    else:
        items.append(block.getString())
doc.close(True)
print(json.dumps({"redlines": count, "items": items}))
"""


def _flat(items: list[Any]) -> list[Any]:
    """text_items with each cell's paragraphs joined by newlines, as LibreOffice gives a cell's string."""
    return [item if isinstance(item, str) else [["\n".join(cell) for cell in row] for row in item]
            for item in items]


@pytest.mark.slow
def test_libreoffice_accepts_to_new_and_rejects_to_old(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    # python3-uno belongs to the system's Python, which may not be the first python3 on PATH
    candidates = [c for c in ("/usr/bin/python3", shutil.which("python3")) if c and Path(c).exists()]
    python3 = next((c for c in candidates
                    if subprocess.run([c, "-c", "import uno"], capture_output=True).returncode == 0), None)
    if python3 is None:
        pytest.skip("python3-uno is not installed (no python3 that can import uno)")
    old, new = _pair(tmp_path, BFCP, lambda d: (EDITS["summary"](d), EDITS["move-suite"](d), bump_version(d)))
    out = tmp_path / "marked.docx"
    render_changes(new, old, out, fmt="docx")
    script = tmp_path / "uno_check.py"
    script.write_text(UNO_SCRIPT, encoding="utf-8")
    port = "20027"
    office = subprocess.Popen([soffice, "--headless", "--invisible", "--norestore", "--nologo",
                               f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                               f"--accept=socket,host=127.0.0.1,port={port};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = {}
    try:
        for action in ("accept", "reject"):
            run = subprocess.run([python3, str(script), str(out), port, action], capture_output=True, text=True,
                                 timeout=180)
            assert run.returncode == 0, run.stderr[-2000:]
            results[action] = json.loads(run.stdout.strip().splitlines()[-1])
    finally:
        office.terminate()
        office.wait(timeout=30)
    assert results["accept"]["redlines"] > 0
    assert results["accept"]["items"] == _flat(text_items(body(render_file(new, None, fmt="docx").data)))
    assert results["reject"]["items"] == _flat(text_items(body(render_file(old, None, fmt="docx").data)))


def _docx(body_xml: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}<w:sectPr/></w:body></w:document>')
    return out.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_format_change_is_an_rpr_change() -> None:
    """Same words, one of them now bold: a w:rPrChange keeping the old format; rejecting restores it."""
    from profilekit.revisions.wordml import mark_changes

    old = _docx('<w:p><w:r><w:t xml:space="preserve">use the </w:t></w:r><w:r><w:t>tlsbsc</w:t></w:r>'
                '<w:r><w:t xml:space="preserve"> package</w:t></w:r></w:p>')
    new = _docx('<w:p><w:r><w:t xml:space="preserve">use the </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
                '<w:t>tlsbsc</w:t></w:r><w:r><w:t xml:space="preserve"> package</w:t></w:r></w:p>')
    marked, count = mark_changes(old, new, author="A", date="2026-01-01T00:00:00Z")
    merged = body(marked)
    changes = list(merged.iter(w("rPrChange")))
    assert count == 1 and len(changes) == 1
    run = changes[0].getparent().getparent()
    assert run.find(w("rPr")).find(w("b")) is not None
    assert changes[0].find(w("rPr")).find(w("b")) is None
    assert text_items(review(merged, accept=True)) == text_items(body(new))
    rejected = review(merged, accept=False)
    assert [r.find(w("rPr")) is not None and r.find(f"{w('rPr')}/{w('b')}") is not None
            for r in rejected.iter(w("r"))] == [False, False, False]


def test_headers_are_marked_too(tmp_path: Path) -> None:
    """The running header names the version: its change is a revision as well."""
    old, new = _pair(tmp_path, BFCP, bump_version)
    marked = render_changes(new, old, None, fmt="docx").data
    with zipfile.ZipFile(io.BytesIO(marked)) as z:
        headers = [n for n in z.namelist() if re.fullmatch(r"word/header\d*\.xml", n)]
        assert headers
        roots = [etree.fromstring(z.read(n)) for n in headers]
    assert any(next(root.iter(w("ins")), None) is not None for root in roots)
    with zipfile.ZipFile(io.BytesIO(render_file(new, None, fmt="docx").data)) as z:
        new_headers = [text_items(etree.fromstring(z.read(n))) for n in headers]
    assert [text_items(review(root, accept=True)) for root in roots] == new_headers


def test_markdown_moved_suite_is_one_deleted_and_one_inserted_row(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, BFCP, EDITS["move-suite"])
    text = _check_md(old, new)
    inserted = [line for line in text.splitlines() if line.startswith("{++| ")]
    deleted = [line for line in text.splitlines() if line.startswith("{--| ")]
    assert len(inserted) == 1 and len(deleted) == 1
    assert inserted[0].split("|")[2] == deleted[0].split("|")[2]  # the same suite


def test_contribution_cover_changes_too(tmp_path: Path) -> None:
    """With --contribution both documents carry the ITU-T cover; a changed cover field is marked as well."""
    def edit(data: dict[str, Any]) -> None:
        EDITS["summary"](data)
        data["contribution"]["title"] = "A new title for the contribution"

    old, new = _pair(tmp_path, BFCP, edit)
    merged = body(render_changes(new, old, None, fmt="docx", contribution=True).data)
    assert text_items(review(merged, accept=True)) == text_items(
        body(render_file(new, None, fmt="docx", contribution=True).data))
    assert text_items(review(merged, accept=False)) == text_items(
        body(render_file(old, None, fmt="docx", contribution=True).data))
    inserted = "".join(t.text or "" for ins in merged.iter(w("ins")) for t in ins.iter(w("t")))
    assert "title" in inserted and "new" in inserted


def test_style_change_is_a_ppr_change() -> None:
    """Same text, now a Heading 2 instead of body text: a w:pPrChange keeps the old style for rejecting."""
    from profilekit.revisions.wordml import mark_changes

    old = _docx('<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t>6.8 Notes</w:t></w:r></w:p>')
    new = _docx('<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>6.8 Notes</w:t></w:r></w:p>')
    marked, count = mark_changes(old, new, author="A", date="2026-01-01T00:00:00Z")
    merged = body(marked)
    (change,) = merged.iter(w("pPrChange"))
    assert count == 1
    assert change.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "Normal"

    def styles(root: Any) -> list[str]:
        return [s.get(w("val")) for s in root.iter(w("pStyle")) if s.getparent().getparent().tag == w("p")]

    assert styles(review(merged, accept=True)) == ["Heading2"]
    assert styles(review(merged, accept=False)) == ["Normal"]
    assert text_items(review(merged, accept=False)) == text_items(body(old))


def test_track_changes_is_switched_on_for_the_reviewers(tmp_path: Path) -> None:
    """A reviewer's own edits to the marked document are tracked too: w:trackRevisions in settings.xml, in
    the place the schema's sequence gives it (after w:proofState, before w:defaultTabStop); the clean render
    has it off."""
    old, new = _pair(tmp_path, BFCP, EDITS["move-suite"])
    out = tmp_path / "marked.docx"
    render_changes(new, old, out, fmt="docx")
    with zipfile.ZipFile(out) as package:
        tags = re.findall(r"<w:(\w+)", package.read("word/settings.xml").decode("utf-8"))
    assert tags.count("trackRevisions") == 1
    assert tags.index("proofState") < tags.index("trackRevisions") < tags.index("defaultTabStop")
    with zipfile.ZipFile(io.BytesIO(render_file(new, None, fmt="docx").data)) as clean:
        assert b"trackRevisions" not in clean.read("word/settings.xml")
