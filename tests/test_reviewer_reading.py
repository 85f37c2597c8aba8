"""The documents read back as a reviewer reads them (issue 11): no YAML value or id outside code style, the
verbal forms follow the model (remove a mandatory item and its "shall" goes), the editor's own text replaces
the generated statements, the references are the editor's, empty clauses are findings."""

from __future__ import annotations

import io
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pydantic
import pytest
from docx.oxml.ns import qn
from render_helpers import patched_profile
from rule_harness import build_case

from profilekit.catalog.display import DISPLAY, looks_like_path
from profilekit.load.profile import load_profile
from profilekit.model import clauses, meta, packages, profile, tls
from profilekit.render.markdown import render_markdown
from profilekit.render.outline import Outline, Paragraph, Table, build_outline, plain
from profilekit.render.pipeline import prepare
from profilekit.rules.guideline.statements import statement_clauses
from profilekit.validate import check_loaded

IMS = Path(__file__).resolve().parents[1] / "samples" / "ims-msrp-tls-relay.yaml"


# -- the display catalogue covers the model ------------------------------------------------------------------


def _literals(annotation: Any) -> Iterator[str]:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        yield from (str(a) for a in typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        if not isinstance(arg, (str, int, float, bool)) and arg is not None:
            yield from _literals(arg)


def _model_literals() -> set[str]:
    found: set[str] = set()
    for module in (clauses, meta, packages, profile, tls):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, pydantic.BaseModel):
                for field in value.model_fields.values():
                    found |= set(_literals(field.annotation))
    return found


def test_every_enumeration_value_with_a_tool_spelling_has_a_display_name() -> None:
    """A value such as `tcp_tls`, `sub_list` or `TLS1.3` that a reader would see as it is written in YAML has
    a name in catalog/display.py (the names of H.248 elements, suites, groups and signature schemes are shown
    in code style and need none)."""
    displayed = {value for kind in DISPLAY.values() for value in kind}
    raw = {v for v in _model_literals() if TOOL_SPELLING.search(v)}
    code_style = {v for v in raw if v in CODE_STYLE_LITERALS}
    assert raw - code_style <= displayed, sorted(raw - code_style - displayed)


TOOL_SPELLING = re.compile(r"_|^(?:SSL|TLS)\d\.\d$")
"""How a YAML value gives itself away in prose: an underscore, or a version without its space."""

CODE_STYLE_LITERALS = frozenset(
    {v for module in (tls,) for name in ("Group", "SignatureAlgorithm") for v in typing.get_args(getattr(module, name))}
    | {"psk_dhe_ke", "psk_ke", "package_library"})
"""IANA names the document shows as they are, in code style (TLS groups, signature schemes, PSK modes), and
`kind: package_library`, which marks a file and is never printed."""


# -- no raw value or id outside code style -------------------------------------------------------------------

def _forbidden(path: Path) -> dict[str, str]:
    """Words a reader must not see outside code style in this profile's document, with why."""
    loaded = load_profile(path)
    words = {v: "enumeration value" for v in _model_literals()
             if TOOL_SPELLING.search(v) and v not in CODE_STYLE_LITERALS}
    p = loaded.profile
    for tls_profile in p.tls.profiles:
        words[tls_profile.id] = "TLS profile id"
    for procedure in p.procedures:
        words[procedure.id] = "procedure id"
    for ttype in p.terminations.types:
        words[ttype.id] = "termination type id"
    for domain in p.tls.domains:
        words[domain.name] = "TLS domain name"
        if domain.certificate and looks_like_path(domain.certificate):
            words[domain.certificate] = "local file path"
    return words


def _leaks(text: str, forbidden: dict[str, str]) -> list[str]:
    found = []
    for word, why in forbidden.items():
        if re.search(rf"(?<![\w/.-]){re.escape(word)}(?![\w/-])", text):
            found.append(f"{word} ({why})")
    return found


def _annex_free(outline: Outline) -> Outline:
    """The document without its annexes: Annex A (the conformance annex and the ICS proforma) is rebuilt by
    the parallel issue-11 part B and checked there."""
    outline.sections = [s for s in outline.sections if not s.annex]
    return outline


def _markdown_prose(markdown: str) -> str:
    """What a reader of the Markdown sees outside code: no code blocks, code spans, anchors or link targets."""
    text = re.sub(r"^```.*?^```", "", markdown, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"<a id=\"[^\"]*\"></a>", "", text)
    text = re.sub(r"\]\(#[^)]*\)", "]", text)
    return re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)


def test_markdown_shows_no_yaml_value_or_id_outside_code(sample: Path) -> None:
    prepared = prepare(sample)
    markdown = render_markdown(_annex_free(prepared.outline))
    assert not _leaks(_markdown_prose(markdown), _forbidden(sample))


def _docx_prose(data: bytes) -> str:
    """The text of every paragraph (tables too) of a DOCX, without monospace runs and Code paragraphs."""
    document = docx.Document(io.BytesIO(data))
    out = []
    for paragraph in document.element.body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and "code" in style.get(qn("w:val"), "").lower():
            continue
        for run in paragraph.iter(qn("w:r")):
            if run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}") is not None:
                continue
            out.append("".join(t.text or "" for t in run.iter(qn("w:t"))))
        out.append("\n")
    return "".join(out)


def test_docx_shows_no_yaml_value_or_id_outside_code(sample: Path) -> None:
    from profilekit.render.docx import render_docx

    outline = prepare(sample).outline
    data = render_docx(_annex_free(outline))
    text = _docx_prose(data)
    assert "TLS profile 1" in text  # the reader's name for the first TLS profile is there
    assert not _leaks(text, _forbidden(sample))


def test_the_checks_find_a_leak() -> None:
    """The leak search itself: a raw value in prose is found, the same value in code style is not."""
    forbidden = {"tcp_tls": "enumeration value", "certs/a.pem": "local file path"}
    assert _leaks("Bearer: tcp_tls, certs/a.pem", forbidden) == ["tcp_tls (enumeration value)",
                                                                 "certs/a.pem (local file path)"]
    assert _leaks(_markdown_prose("Bearer: `tcp_tls`"), forbidden) == []


# -- verbal forms follow the model -----------------------------------------------------------------------------

def _statements(outline: Outline) -> list[str]:
    return [plain(b.runs) for s in outline.walk() for b in s.blocks
            if isinstance(b, Paragraph) and b.kind == "body"]


def _shall(outline: Outline) -> list[str]:
    return [s for s in _statements(outline) if re.search(r"\bshall\b", s)]


def test_no_must_in_generated_text(sample: Path) -> None:
    outline = _annex_free(build_outline(load_profile(sample)))
    loaded = load_profile(sample)
    editor = " ".join(str(v) for v in (loaded.profile.summary, loaded.profile.scope))
    generated = [s for s in _statements(outline) if s not in editor]
    assert not [s for s in generated if re.search(r"\bmust\b", s)]
    assert len(_shall(outline)) >= 15


def test_each_command_used_is_one_shall_and_a_command_dropped_takes_it_away(tmp_path: Path) -> None:
    loaded = load_profile(IMS)
    outline = build_outline(loaded)
    used = [c.command for c in loaded.profile.commands if c.used]
    for command in used:
        assert [s for s in _shall(outline) if f"support the {command} command" in s], command
    target = build_case({"name": "no Notify", "patch": [
        {"path": "commands[6]", "value": {"command": "Notify", "used": False}}]}, tmp_path)
    changed = build_outline(load_profile(target))
    assert not [s for s in _shall(changed) if "support the Notify command" in s]
    assert "The Notify command is not used in this profile: neither the MGC nor the MG shall send it." in \
        _statements(changed)
    assert len(_shall(changed)) == len(_shall(outline))  # one shall for another: the prohibition


def test_a_mandatory_package_made_optional_changes_shall_to_may(tmp_path: Path) -> None:
    outline = build_outline(load_profile(IMS))
    packages_shall = [s for s in _shall(outline) if s == "The MG shall support this package."]
    target = build_case({"name": "optional", "patch": [
        {"path": "packages[0].support", "value": "optional"}]}, tmp_path)
    changed = build_outline(load_profile(target))
    assert len([s for s in _shall(changed) if s == "The MG shall support this package."]) == len(packages_shall) - 1
    assert "The MG may support this package." in _statements(changed)


def test_descriptor_statements_follow_their_support(tmp_path: Path) -> None:
    target = build_case({"name": "Media optional", "patch": [
        {"path": "descriptors[0]", "value": {"descriptor": "Media", "support": "optional"}}]}, tmp_path)
    before = " ".join(_statements(build_outline(load_profile(IMS))))
    after = " ".join(_statements(build_outline(load_profile(target))))
    assert re.search(r"shall support the Media, ", before)
    assert not re.search(r"shall support the [^.]*\bMedia\b", after)
    assert re.search(r"may support the [^.]*\bMedia\b", after)


def test_tls_versions_not_listed_are_prohibited(tmp_path: Path) -> None:
    outline = build_outline(load_profile(IMS))
    text = " ".join(_statements(outline))
    assert "the MG shall support TLS 1.2 and TLS 1.3 and shall not negotiate SSL 3.0, TLS 1.0 or TLS 1.1." in text


# -- the editor's own text -------------------------------------------------------------------------------------

def test_text_replaces_the_generated_statements_and_tables_stay(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, 'text:\n  "5.8.4": |-\n    Move is not used here.\n\n    Second paragraph.\n'
                                     '  "6.6": Statistics are collected as the operator needs.\n')
    outline = build_outline(load_profile(path))
    move = next(s for s in outline.walk() if s.number == "5.8.4")
    assert [plain(b.runs) for b in move.blocks if isinstance(b, Paragraph) and b.kind == "body"] == [
        "Move is not used here.", "Second paragraph."]
    statistics = next(s for s in outline.walk() if s.number == "6.6")
    texts = [plain(b.runs) for b in statistics.blocks if isinstance(b, Paragraph)]
    assert texts[0] == "Statistics are collected as the operator needs."
    assert any(b.kind == "item" for b in statistics.blocks if isinstance(b, Paragraph))  # the list stays
    commands = next(s for s in outline.walk() if s.number == "5.8")
    assert any(isinstance(b, Table) for b in commands.blocks)


def test_text_that_contradicts_its_table_is_a_warning(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, 'text:\n  "5.8.4": The MG shall support Move.\n')
    findings = [f for f in check_loaded(load_profile(path)) if f.code == "GL016"]
    assert len(findings) == 1 and "Move is not used" in findings[0].message


def test_clauses_open_to_text_are_the_ones_the_renderer_fills(sample: Path) -> None:
    """GL017's list of clauses and the clauses whose statements the outline builds agree."""
    from profilekit.render.outline.builder import DocumentBuilder
    from profilekit.render.outline.document import _assemble

    loaded = load_profile(sample)
    doc = DocumentBuilder(loaded)
    _assemble(doc, None, False)
    assert doc.statement_clauses == statement_clauses(loaded)


# -- completeness ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("delete", "message"), [
    ("transactions.timers", "5.10 Transactions: no transaction timers stated"),
    ("descriptors", "5.7 Descriptors: no descriptor support is stated"),
    ("sdp_optional", "5.16 Optional SDP elements: no optional SDP"),
    ("connection_model.max_contexts", "5.4 Connection model: the maximum number of contexts is not stated"),
])
def test_an_empty_clause_is_a_finding_naming_it(tmp_path: Path, delete: str, message: str) -> None:
    target = build_case({"name": "gap", "patch": [{"path": delete, "delete": True}]}, tmp_path)
    messages = [f.message for f in check_loaded(load_profile(target)) if f.code == "GL020"]
    assert [m for m in messages if m.startswith(message)], messages


def test_contacts_carry_country_and_phone_to_the_cover(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, sample="ipip-bfcp-tls-gateway.yaml", replace=(
        "contacts:\n", "contacts:\n    - {name: A. Two, organization: Org B, country: France, "
                       "phone: \"+33 1 23 45 67 89\", email: a.two@example.org}\n"))
    outline = build_outline(load_profile(path), contribution=True)
    assert outline.cover is not None
    contacts = outline.cover.contacts
    assert len(contacts) >= 2
    first = contacts[0]
    assert (first.name, first.organization, first.country, first.phone, first.email) == (
        "A. Two", "Org B", "France", "+33 1 23 45 67 89", "a.two@example.org")
    boxes = [plain(value) for name, value in outline.cover.fields if name == "Contact"]  # one box per contact
    assert len(boxes) == len(contacts)
    assert boxes[0] == "A. Two\nOrg B\nFrance\nTel: +33 1 23 45 67 89\nE-mail: a.two@example.org"


# -- nothing said twice, no empty columns -------------------------------------------------------------------------

def test_no_table_has_a_column_of_dashes_only(sample: Path) -> None:
    outline = _annex_free(build_outline(load_profile(sample)))
    for table in outline.tables():
        for index, name in enumerate(table.header[1:], start=1):
            assert any(plain(row[index]) != "–" for row in table.rows), (table.caption, name)


def test_empty_columns_are_dropped_by_the_builder() -> None:
    from profilekit.render.outline.builder import drop_empty_columns
    from profilekit.render.outline.wording import inline_text

    rows = ((inline_text("a"), inline_text("–"), inline_text("x")), (inline_text("b"), inline_text("–"),
                                                                      inline_text("–")))
    header, kept = drop_empty_columns(("Item", "Empty", "Some"), rows)
    assert header == ("Item", "Some") and [[plain(c) for c in r] for r in kept] == [["a", "x"], ["b", "–"]]


def test_each_statistic_is_defined_in_one_table_only(sample: Path) -> None:
    """The TLS statistics clause points at the package tables instead of repeating them."""
    outline = build_outline(load_profile(sample))
    first_cells = [plain(row[0]) for table in outline.tables() for row in table.rows]
    statistics = load_profile(sample).profile.tls.bindings.statistics
    assert statistics
    for binding in statistics:
        assert first_cells.count(binding.element) <= 1, binding.element
    clause = next(s for s in outline.walk() if s.number == "6.6")
    assert not [b for b in clause.blocks if isinstance(b, Table)]
    assert all("Table" in plain(b.runs) for b in clause.blocks if isinstance(b, Paragraph) and b.kind == "item")


def test_command_clauses_do_not_repeat_the_commands_table(sample: Path) -> None:
    loaded = load_profile(sample)
    outline = build_outline(loaded)
    for use in loaded.profile.commands:
        if not use.used or len(use.descriptors) < 2:
            continue
        clause = next(s for s in outline.walk() if s.title == use.command and s.number.startswith("5.8."))
        text = " ".join(plain(b.runs) for b in clause.blocks if isinstance(b, Paragraph) and b.kind == "body")
        assert ", ".join(use.descriptors) not in text and "TerminationID wildcards:" not in text
