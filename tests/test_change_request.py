"""`render --changes-from OLD --changes-only` and `--cr CR.yaml`: only the changed clauses, separated by
"*** Next change ***", and the 3GPP CR cover page, read back from the DOCX."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import run_cli
from revision_helpers import EDITS, ROOT, bump_version, edited, sample_data, write_profile
from wordml_review import body, paragraph, review, text_items, w

from profilekit.render.pipeline import render_file
from profilekit.revisions.job import render_changes

BFCP = ROOT / "samples" / "ipip-bfcp-tls-gateway.yaml"
CR = """\
meeting: "3GPP TSG-CT WG4 Meeting #131, Dallas, US, 17-21 November 2026"
tdoc: C4-265123
spec: "29.334"
cr_number: "12"
current_version: 18.2.0
title: TLS cipher-suite precedence for the provider side
source_to_wg: Example Networks
source_to_tsg: CT4
work_item: TEI19
date: 2026-11-30
category: F
release: Rel-19
reason: AES-128 first, as fast and as strong for this use.
consequences: Gateways negotiate a slower suite.
other_specs:
  core: {affected: true, specs: [TS 29.333 CR 0123]}
"""


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    old = write_profile(tmp_path, "old.yaml", sample_data(BFCP))

    def edit(data: dict[str, Any]) -> None:
        EDITS["move-suite"](data)
        bump_version(data)

    return old, edited(tmp_path, BFCP, edit)


def _headings(container: Any) -> list[str]:
    out = []
    for p in container.iter(w("p")):
        style = p.find(f"{w('pPr')}/{w('pStyle')}")
        if style is not None and style.get(w("val"), "").startswith("Heading"):
            out.append(paragraph(p))
    return out


def test_changes_only_keeps_the_changed_clauses(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    full = body(render_changes(new, old, None, fmt="docx").data)
    only = body(render_changes(new, old, None, fmt="docx", changes_only=True).data)

    def marks(container: Any) -> list[tuple[str, str]]:
        return [(element.tag, "".join(t.text or "" for t in element.iter(w("t"), w("delText"))))
                for element in container.iter(w("ins"), w("del"))]

    assert marks(only) == marks(full)  # every revision is kept, in order
    headings = _headings(only)
    # the version in clause 1, 5.1 and the ICS front matter (A.1, A.2); the moved suite in 6.2.1 and its ICS
    # rows (A.4)
    assert headings and [h.split()[0] for h in headings] == ["1", "5.1", "6.2.1", "A.1", "A.2", "A.4"], headings
    texts = [p for p in text_items(review(only, accept=True)) if isinstance(p, str)]
    # the title page's change, then each clause: none next to each other
    assert texts.count("*** Next change ***") == len(headings) - 1  # A.1 and A.2 are next to each other: one run
    assert len(_headings(full)) > 10 * len(headings)
    # accepting gives NEW's text of those clauses
    accepted = text_items(review(only, accept=True))
    new_items = text_items(body(render_file(new, None, fmt="docx").data))
    for item in accepted:
        if item != "*** Next change ***":
            assert item in new_items


def test_changes_only_markdown(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    text = render_changes(new, old, None, fmt="md", changes_only=True).data.decode("utf-8")
    assert "*** Next change ***" in text
    assert "### 5.1 Profile identification" in text and "6.2.1 TLS profile" in text
    assert "### 5.3 " not in text


def test_cr_cover_read_back_from_the_docx(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    cr = tmp_path / "cr.yaml"
    cr.write_text(CR, encoding="utf-8")
    out = tmp_path / "cr.docx"
    result = run_cli("render", str(new), "--changes-from", str(old), "--cr", str(cr), "--changes-only", "-o", str(out))
    assert result.returncode == 0, result.stderr
    document = body(out.read_bytes())
    blocks = list(document)
    assert paragraph(blocks[0]) == "CHANGE REQUEST"
    table = blocks[1]
    fields = {}
    for tr in table.findall(w("tr")):
        label, value = tr.findall(w("tc"))
        fields[paragraph(label.find(w("p")))] = [paragraph(p) for p in value.findall(w("p"))]
    assert fields["Specification"] == ["29.334"] and fields["CR"] == ["0012"] and fields["Revision"] == ["-"]
    assert fields["Meeting"] == ["3GPP TSG-CT WG4 Meeting #131, Dallas, US, 17-21 November 2026"]
    assert fields["Category"] == ["F (correction)"] and fields["Release"] == ["Rel-19"]
    assert fields["Clauses affected"] == ["5.1, 6.2.1"]
    assert any("moved from 1 to 2 in TLS profile enterprise_mtls" in line or
               "moved from 2 to 1 in TLS profile enterprise_mtls" in line for line in fields["Summary of change"])
    assert fields["Other specs affected"][0] == "Y Other core specifications: TS 29.333 CR 0123"
    assert "*** Next change ***" in text_items(review(document, accept=True))


def test_cr_errors_have_positions_and_write_nothing(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    cr = tmp_path / "cr.yaml"
    cr.write_text(CR.replace("category: F", "category: X").replace('cr_number: "12"', 'cr_number: "12345"')
                  .replace("release: Rel-19\n", ""), encoding="utf-8")
    out = tmp_path / "cr.docx"
    result = run_cli("render", str(new), "--changes-from", str(old), "--cr", str(cr), "-o", str(out))
    assert result.returncode == 2
    assert f"{cr}:11:11: error SC003 category" in result.stderr
    assert f"{cr}:4:12: error SC003 cr_number" in result.stderr
    assert "release" in result.stderr
    assert not out.exists()
    assert run_cli("render", str(new), "--cr", str(cr), "-o", str(out)).returncode == 2
    missing = run_cli("render", str(new), "--changes-from", str(old), "--cr", str(tmp_path / "no.yaml"), "-o",
                      str(out))
    assert missing.returncode == 2 and "no.yaml" in missing.stderr and "Traceback" not in missing.stderr


def test_build_writes_the_marked_docx_beside_the_clean_one(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    out = tmp_path / "out"
    # the JSON copies lost the sample's suppression comments: its two accepted findings are errors again
    result = run_cli("build", str(new), "-o", str(out), "--changes-from", str(old), "--force")
    assert result.returncode == 1, result.stderr
    clean = out / "BFCP_TLS_IPIP_GW.docx"
    marked = out / "BFCP_TLS_IPIP_GW.changes.docx"
    assert clean.exists() and marked.exists()
    assert text_items(review(body(marked.read_bytes()), accept=True)) == text_items(body(clean.read_bytes()))
    assert text_items(review(body(marked.read_bytes()), accept=False)) == text_items(
        body(render_file(old, None, fmt="docx").data))
    missing = run_cli("build", str(new), "-o", str(tmp_path / "out2"), "--changes-from", str(tmp_path / "no.yaml"),
                      "--force")
    assert missing.returncode == 2 and "no.yaml" in missing.stderr
    assert not (tmp_path / "out2").exists()


def test_change_request_schema_is_current_and_accepts_the_example(tmp_path: Path) -> None:
    import json

    import jsonschema

    from profilekit.load.yaml12 import load_text
    from profilekit.model.schema import dumps, schema_for

    stored = (ROOT / "schemas" / "change-request.schema.json").read_text(encoding="utf-8")
    assert stored == dumps(schema_for("change-request")), (
        "schemas/change-request.schema.json is stale; regenerate it with:\n"
        "  profilekit schema --kind change-request > schemas/change-request.schema.json")
    data, _ = load_text(CR, "cr.yaml")
    jsonschema.validate(json.loads(json.dumps(data, default=str)), json.loads(stored))
