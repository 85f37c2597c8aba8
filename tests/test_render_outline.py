"""The shared document outline: template clause order, TLS clause content, the reference rule, the annex."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_helpers import patched_profile

from profilekit.catalog.ciphers import lookup
from profilekit.catalog.requirements import document_locations
from profilekit.load.profile import load_profile
from profilekit.model.profile import TEMPLATE_CLAUSES
from profilekit.render.outline import (
    PROFILE_CLAUSE,
    Outline,
    Table,
    build_outline,
    cited_references,
    plain,
)


def _outline(path: Path, **kwargs: object) -> Outline:
    return build_outline(load_profile(path), **kwargs)  # type: ignore[arg-type]


def test_template_clauses_in_order(sample: Path) -> None:
    outline = _outline(sample)
    clause5 = next(s for s in outline.sections if s.number == str(PROFILE_CLAUSE))
    got = [(child.number, child.title) for child in clause5.children]
    assert got == [(f"{PROFILE_CLAUSE}.{n}", title) for n, title, _ in TEMPLATE_CLAUSES]
    front = [s.title for s in outline.sections[:4]]
    assert front == ["Scope", "References", "Definitions", "Abbreviations and acronyms"]


def test_every_section_number_and_anchor_is_unique(sample: Path) -> None:
    outline = _outline(sample)
    numbers = [s.number for s in outline.walk()]
    anchors = [a for s in outline.walk() for a in (s.anchor, *s.extra_anchors)]
    anchors += [t.anchor for t in outline.tables() if t.number]
    assert len(numbers) == len(set(numbers))
    assert len(anchors) == len(set(anchors))
    tables = [t.number for t in outline.tables() if t.number and "." not in t.number]
    assert tables == [str(i) for i in range(1, len(tables) + 1)]


def test_one_cipher_table_per_tls_profile_with_catalogue_facts(sample: Path) -> None:
    loaded = load_profile(sample)
    outline = build_outline(loaded)
    for number, prof in enumerate(loaded.profile.tls.profiles, start=1):
        [table] = [t for t in outline.tables() if t.caption.startswith(f"TLS profile {number}: cipher suites")]
        assert table.header == ("Order", "IANA name", "Code point", "OpenSSL name")
        assert [plain(r[1]) for r in table.rows] == prof.cipher_suites
        for row in table.rows:
            suite = lookup(plain(row[1]))
            assert suite is not None
            assert plain(row[2]) == f"0x{suite.code >> 8:02X},0x{suite.code & 0xFF:02X}"
            assert plain(row[3]) == (suite.openssl or "–")


def test_commands_have_one_subclause_each(sample: Path) -> None:
    outline = _outline(sample)
    commands = next(s for s in outline.walk() if s.number == f"{PROFILE_CLAUSE}.8")
    titles = [c.title for c in commands.children]
    assert titles[:8] == ["Add", "Modify", "Subtract", "Move", "AuditValue", "AuditCapabilities", "Notify",
                          "ServiceChange"]
    assert titles[8] == "Manipulating and auditing context attributes"


def test_procedure_commands_and_replies_are_code_blocks(sample: Path) -> None:
    from profilekit.render.outline import CodeBlock

    loaded = load_profile(sample)
    outline = build_outline(loaded)
    blocks = [b.text for s in outline.walk() for b in s.blocks if isinstance(b, CodeBlock)]
    expected = [x.rstrip("\n") for p in loaded.profile.procedures for st in p.steps
                for x in (st.command, st.reply) if x]
    assert blocks == expected


# -- which references are listed -------------------------------------------------------------------

def _refs(tmp_path: Path, refs: str, cite: str = "") -> tuple[list[str], list[str], list[str]]:
    path = patched_profile(tmp_path, replace=("references:\n", "references:\n" + refs))
    if cite:
        text = path.read_text(encoding="utf-8").replace("scope: >-\n", f"scope: >-\n  {cite}\n", 1)
        path.write_text(text, encoding="utf-8")
    outline = _outline(path)
    normative = [plain(b.runs) for s in outline.walk() if s.number == "2" for b in s.blocks]
    informative = [plain(b.runs) for s in outline.walk() if s.title == "Bibliography" for b in s.blocks]
    return normative, informative, outline.notices


def test_normative_references_are_always_listed_in_itu_t_form(tmp_path: Path) -> None:
    normative, _, _ = _refs(tmp_path, '  - {id: RFC9999, kind: normative, title: "IETF RFC 9999, Never cited"}\n'
                                      '  - {id: H.248.1, kind: normative, title: "ITU-T H.248.1 (2013), Gateway '
                                      'control protocol: Version 3"}\n')
    assert "[IETF RFC 9999] IETF RFC 9999, Never cited." in normative
    assert ("[ITU-T H.248.1] Recommendation ITU-T H.248.1 (2013), Gateway control protocol: Version 3."
            in normative)


def test_uncited_informative_reference_is_kept_in_the_bibliography(tmp_path: Path) -> None:
    """Nothing the editor wrote is dropped: GL018 warns, the Bibliography lists it as [b-…]."""
    _, informative, notices = _refs(tmp_path, '  - {id: RFC7525, kind: informative, title: "BCP 195"}\n')
    assert "[b-IETF RFC 7525] BCP 195." in informative
    assert not any("RFC7525" in n for n in notices)


@pytest.mark.parametrize("cite", ["see RFC 7525.", "see RFC7525, and more", "(RFC_7525)"])
def test_cited_informative_reference_is_listed(tmp_path: Path, cite: str) -> None:
    _, informative, notices = _refs(tmp_path, '  - {id: RFC7525, kind: informative, title: "BCP 195"}\n', cite)
    assert "[b-IETF RFC 7525] BCP 195." in informative
    assert not any("RFC7525" in n for n in notices)


def test_documents_the_generated_text_needs_are_proposed_not_added(tmp_path: Path) -> None:
    """The profile lists no TLS 1.3 reference: the document does not add one behind the editor's back; a
    notice proposes the YAML to add."""
    path = patched_profile(tmp_path, replace=("  - {id: RFC8446,", "  - {id: RFC8446x,"))
    outline = _outline(path)
    listed = " ".join(plain(b.runs) for s in outline.walk() if s.number == "2" or s.title == "Bibliography"
                      for b in s.blocks)
    assert "[IETF RFC 8446]" not in listed and "[b-IETF RFC 8446]" not in listed
    [proposal] = [n for n in outline.notices if "add them under `references:`" in n]
    assert '- {id: RFC8446, kind: informative, title: "IETF RFC 8446 (2018), The Transport Layer Security' in proposal


def test_reference_named_by_a_term_source_is_cited(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, replace=("references:\n",
                                              "references:\n  - {id: X.509, kind: informative, title: PKI}\n"))
    text = path.read_text(encoding="utf-8").replace(
        "abbreviations:\n", "  - {term: certificate, definition: A signed key., source: X.509}\nabbreviations:\n", 1)
    path.write_text(text, encoding="utf-8")
    assert "X.509" in cited_references(load_profile(path))


# -- annex A ---------------------------------------------------------------------------------------

def test_where_map_covers_every_requirement_of_the_catalogue() -> None:
    trace = pytest.importorskip("profilekit.trace")
    ids = [item.id for item in trace.requirement_catalogue()]
    assert len(ids) == 56
    WHERE = document_locations()
    assert sorted(WHERE) == sorted(ids)


def _annex(outline: Outline) -> Table:
    [appendix] = [s for s in outline.sections if s.appendix]
    [table] = [b for s in appendix.walk() for b in s.blocks if isinstance(b, Table) and b.number == "I.1"]
    return table


def test_annex_has_one_row_per_requirement_with_status_and_where(sample: Path) -> None:
    from profilekit.render.pipeline import prepare

    outline = prepare(sample).outline
    table = _annex(outline)
    assert table.number == "I.1"
    assert table.header[-2:] == ("How this profile meets it", "Verdict")
    ids = [plain(row[0]) for row in table.rows]
    assert len(ids) == 56 and len(set(ids)) == 56
    labels = {t.label: t for t in outline.tables()} | {s.number: s for s in outline.walk()}
    by_id = {plain(row[0]): row for row in table.rows}
    for rid, row in by_id.items():
        verdict = plain(row[4])
        assert verdict, rid
        links = [run for run in row[3] if run.link]
        for run in links:
            assert run.text in labels, (rid, run.text)
        # no verdict without evidence: "Met" only where the document shows where
        if verdict.startswith("Met"):
            assert links, (rid, verdict)
    # R-7/3 points at the cipher-suite table of every TLS profile; R-8.1/1 at the bindings table.
    suites = {t.label for t in outline.tables() if "cipher suites" in t.caption}
    assert suites and suites <= {r.text for r in by_id["R-7/3"][3] if r.link}
    bindings = next(t.label for t in outline.tables() if t.caption == "Capability bindings")
    assert bindings in {r.text for r in by_id["R-8.1/1"][3]}
