"""The document reads as a specification: parameter cells, no tool name or local paths, words for enum
values, headings without double parentheses, and a clause 4 that lists the abbreviations the text uses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from conftest import SAMPLES
from render_helpers import patched_profile

from profilekit.load.profile import load_profile
from profilekit.render.outline import (
    CodeBlock,
    Outline,
    Paragraph,
    Table,
    build_outline,
    plain,
)
from profilekit.render.pipeline import prepare


def _texts(outline: Outline) -> Iterator[str]:
    """Every piece of text a reader sees (headings, paragraphs, captions, cells); code blocks excluded."""
    for section in outline.walk():
        yield section.heading
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield plain(block.runs)
            elif isinstance(block, Table):
                yield block.full_caption
                yield from block.header
                for row in block.rows:
                    yield from (plain(cell) for cell in row)
            else:
                assert isinstance(block, CodeBlock)


# -- review item 9: "mandatory" is not an enumeration value ------------------------------------------------

def test_mandatory_parameters_say_so_before_their_values(sample: Path) -> None:
    loaded = load_profile(sample)
    text = "\n".join(_texts(build_outline(loaded)))
    assert ", mandatory)" not in text
    checked = 0
    for record in loaded.packages.values():
        for event in record.package.events:
            for p in (*event.parameters, *event.observed_parameters):
                expected = f"{p.id} ({'mandatory; ' if p.mandatory else ''}{p.type}"
                if p.values:
                    expected += ": " + ", ".join(str(v) for v in p.values)
                assert expected + ")" in text, expected
                checked += p.mandatory
    if sample.stem == "ipip-bfcp-tls-gateway":
        assert checked and "cause (mandatory; enumeration: fin, rst, timeout)" in text


# -- review item 14: no tool name, no local paths, no double parentheses, enum values in words -----------------

def test_no_tool_name_or_local_path_in_the_document(sample: Path) -> None:
    for text in _texts(prepare(sample).outline):
        assert "profilekit" not in text.lower(), text
        assert not re.search(r"[\w./-]+\.ya?ml\b", text), text
        assert "definition taken from" not in text, text


def test_headings_have_no_double_parentheses(sample: Path) -> None:
    outline = build_outline(load_profile(sample))
    headings = [s.heading for s in outline.walk()]
    assert not [h for h in headings if re.search(r"\)\s*\(", h)]
    if sample.stem == "ipip-bfcp-tls-gateway":
        assert "5.14.1 TCP basic connection control (illustrative), package tcpbcc" in headings


def test_package_without_own_parenthesis_keeps_the_id_in_brackets(tmp_path: Path) -> None:
    path = patched_profile(tmp_path)
    lib = tmp_path / "lib" / "tls-tcp-packages.yaml"
    old = "name: TCP basic connection control (illustrative)"
    assert old in lib.read_text(encoding="utf-8")
    lib.write_text(lib.read_text(encoding="utf-8").replace(old, "name: TCP basic connection control"),
                   encoding="utf-8")
    headings = [s.heading for s in build_outline(load_profile(path)).walk()]
    assert any(h.endswith(" TCP basic connection control (tcpbcc)") for h in headings), headings


def test_renegotiation_initiators_read_as_words(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, sample="m2m-psk-telemetry-gateway.yaml",
                           replace=("initiators: [mg]", "initiators: [mg, client]"))
    rows = [t for t in _texts(build_outline(load_profile(path))) if "initiated by" in t]
    assert rows and all("initiated by the MG and the TLS client" in r for r in rows), rows
    assert not [r for r in rows if re.search(r"initiated by (mg|client|server)\b", r)]


def test_certificate_key_types_and_hashes_read_as_names() -> None:
    for sample in SAMPLES:
        outline = build_outline(load_profile(sample))
        for table in outline.tables():
            for row in table.rows:
                if plain(row[0]) == "Signature hashes":
                    assert not re.search(r"\bsha\d", plain(row[1])), plain(row[1])
                if plain(row[0]) == "Key types (minimum bits)":
                    assert not re.search(r"\b(rsa|ecdsa)\b", plain(row[1])), plain(row[1])


# -- review item 11 (clause 4): abbreviations the text uses, when the profile lists none ------------------------

def _clause4(outline: Outline) -> list[tuple[str, str]]:
    clause = next(s for s in outline.walk() if s.number == "4")
    assert not [b for b in clause.blocks if isinstance(b, Table)]  # a two-column list, not a bordered table
    return [(plain(b.runs[:1]), plain(b.runs[1:])) for b in clause.blocks
            if isinstance(b, Paragraph) and b.kind == "entry"]


def test_new_profile_gets_the_standard_abbreviations_its_text_uses(tmp_path: Path) -> None:
    from conftest import run_cli

    from profilekit.render.glossary import GLOSSARY
    from profilekit.render.outline import reader_text

    done = run_cli("new", str(tmp_path / "p.yaml"), "--name", "ETSIprof_BFCP_TLS")
    assert done.returncode == 0, done.stderr
    outline = prepare(tmp_path / "p.yaml").outline
    listed = dict(_clause4(outline))
    for abbr in ("MG", "MGC", "TLS", "TCP", "SDP"):
        assert listed.get(abbr) == GLOSSARY[abbr], abbr
    text = "\n".join(reader_text(outline))
    for abbr in listed:  # nothing listed that the text does not use
        assert re.search(rf"(?<![A-Za-z0-9_]){re.escape(abbr)}(?![A-Za-z0-9_])", text), abbr
    assert list(listed) == sorted(listed, key=str.casefold)
    assert any("clause 4 lists the" in n for n in outline.notices)
    render = run_cli("render", str(tmp_path / "p.yaml"), "-o", str(tmp_path / "p.md"))
    md = (tmp_path / "p.md").read_text(encoding="utf-8")
    assert "**MGC** – Media Gateway Controller" in md
    assert "acronyms.\n\nNone." not in md and "clause 4 lists the" in render.stderr


def test_abbreviations_the_editor_lists_are_the_ones_clause_4_shows(sample: Path) -> None:
    loaded = load_profile(sample)
    assert loaded.profile.abbreviations
    expected = sorted(((a.abbreviation, a.expansion) for a in loaded.profile.abbreviations),
                      key=lambda item: item[0].casefold())
    assert _clause4(build_outline(loaded)) == expected


def test_glossary_matches_whole_words_only() -> None:
    from profilekit.render.glossary import used_abbreviations

    found = dict(used_abbreviations(["IPsec protects the link; the TerminationID names a CA-signed MG's endpoint",
                                     "TLS_RSA_WITH_AES_128_GCM_SHA256"]))
    assert set(found) == {"IPsec", "CA", "MG"}


def _a1_status(outline: Outline, rid: str) -> str:
    section = next(s for s in outline.walk() if s.number == "I.1")
    (table,) = [b for b in section.blocks if isinstance(b, Table)]
    return next(plain(row[4]) for row in table.rows if plain(row[0]) == rid)


def test_deviation_reasons_name_the_tls_profile_when_a_code_repeats() -> None:
    """ipip accepts GL207 on two TLS profiles, each for its own reason: the cell says which is which, in
    words (no validator code), naming each TLS profile as its clause 6.2.n heading does (not by YAML id)."""
    outline = prepare(next(s for s in SAMPLES if s.name == "ipip-bfcp-tls-gateway.yaml")).outline
    status = _a1_status(outline, "R-7/5")
    assert status.startswith("Deviation: for TLS profile 1 (TLS 1.2 and TLS 1.3), BFCP connections are short;")
    assert "; for TLS profile 2 (TLS 1.2 and TLS 1.3), provider trunk policy:" in status
    assert "GL207" not in status


def test_a_single_deviation_reason_names_no_element() -> None:
    outline = prepare(next(s for s in SAMPLES if s.name == "ims-msrp-tls-relay.yaml")).outline
    assert _a1_status(outline, "R-7/5").startswith("Deviation: MSRP sessions are short;")


def test_notes_follow_their_value_as_a_sentence_everywhere(sample: Path) -> None:
    """One style for the editor's notes in a cell: "value. Notes." — no note in brackets ending "….)"."""
    texts = list(_texts(prepare(sample).outline))
    standard = {"(This annex forms an integral part of this Recommendation.)",
                "(This appendix does not form an integral part of this Recommendation.)"}  # ITU-T's own lines
    assert not [text for text in texts if ".)" in text and text not in standard]


def test_with_notes_joins_value_and_notes_in_one_style() -> None:
    from profilekit.render.outline import with_notes

    assert with_notes("not supported", "BFCP connections are short;\n  refused.") == \
        "not supported. BFCP connections are short; refused."
    assert with_notes("up to 5 sessions.", "Sized for 2026.") == "up to 5 sessions. Sized for 2026."
    assert with_notes("", "Only notes.") == "Only notes." and with_notes("value", None) == "value"


def test_every_document_the_text_cites_is_listed_or_proposed(sample: Path) -> None:
    """Annex A's summaries and the editor's texts cite RFCs and X.509: each one is either listed by the editor
    (clause 2 or the Bibliography) or proposed to the editor in a notice with the YAML to add — never added
    to the document behind the editor's back."""
    from profilekit.catalog.references import obsoleted_by
    from profilekit.catalog.references import reference_key as _key
    from profilekit.render.citations import cited_documents
    from profilekit.render.outline import reader_text
    from profilekit.render.pipeline import prepare

    prepared = prepare(sample)
    outline = prepared.outline
    entries = [plain(p.runs) for s in outline.walk() if s.number == "2" or s.title == "Bibliography"
               for p in s.blocks if isinstance(p, Paragraph) and plain(p.runs).startswith("[")]
    assert len(entries) == len(prepared.loaded.profile.references)  # every entry the editor wrote, no more
    listed = {_key(r.id) for r in prepared.loaded.profile.references}
    proposed = " ".join(outline.notices)
    cited = cited_documents(reader_text(outline))
    assert cited
    for key in cited:
        replacement = obsoleted_by(key)  # RFC 793 in a guideline summary: RFC 9293 is proposed (or listed)
        proposal = replacement[0] if replacement is not None and _key(key) not in listed else key
        assert (_key(key) in listed or _key(proposal) in listed
                or f"{{id: {proposal}, kind: informative" in proposed), key
