"""The whole document outline of a profile: front matter, clauses 1 to 6, Annex A (ICS proforma), Appendix I
(conformance); built twice when the first text shows that clause 4 or clause 2.2 needs entries the profile
does not list."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from profilekit.render.citations import missing_references
from profilekit.render.glossary import used_abbreviations
from profilekit.render.outline.annex import conformance_annex
from profilekit.render.outline.builder import DocumentBuilder
from profilekit.render.outline.front import (
    abbreviations_clause,
    bibliography,
    contribution_cover,
    definitions_clause,
    references_clause,
    scope_clause,
)
from profilekit.render.outline.ics import ics_annex
from profilekit.render.outline.nodes import Inline, Outline, Paragraph, Run, Table, Trace
from profilekit.render.outline.template import profile_definition_clause
from profilekit.render.outline.tls import tls_clause
from profilekit.render.outline.wording import editor_list, inline_text

if TYPE_CHECKING:
    from profilekit.findings import Finding
    from profilekit.load.loaded import LoadedProfile


def _assemble(doc: DocumentBuilder, traces: Sequence[Trace] | None, contribution: bool) -> Outline:
    """One pass: every clause in document order (their tables are numbered in this order)."""
    ident = doc.profile.identification
    sections = [scope_clause(doc), references_clause(doc), definitions_clause(doc), abbreviations_clause(doc),
                profile_definition_clause(doc), tls_clause(doc)]
    if traces is not None:
        sections.append(ics_annex(doc, sections))
        sections.append(conformance_annex(doc, traces))
    listed = bibliography(doc)
    if listed is not None:
        sections.append(listed)
    front = [
        Paragraph((Run("Profile: ", bold=True), Run(ident.name, code=True), Run(f", version {ident.version}"))),
        Paragraph((Run("Status: ", bold=True), Run(f"{ident.status}, {ident.date.isoformat()}"))),
        Paragraph((Run("Responsible body: ", bold=True), Run(ident.body))),
        Paragraph((Run("Editors: ", bold=True), Run(editor_list(ident.editors)))),
    ]
    if ident.illustrative:
        front.append(Paragraph(inline_text("This profile is illustrative: its package identifiers are "
                                           "placeholders, not the normative values."), kind="note"))
    return Outline(title=ident.title, name=ident.name, version=ident.version, date=ident.date.isoformat(),
                   status=ident.status, body=ident.body, editors=tuple(e.name for e in ident.editors),
                   front=front, sections=sections, cover=contribution_cover(doc) if contribution else None,
                   notices=doc.notices)


def build_outline(loaded: LoadedProfile, *, traces: Sequence[Trace] | None = None,
                  contribution: bool = False, findings: Sequence[Finding] = (),
                  baseline: str | None = None) -> Outline:
    """The document outline of a loaded profile; `traces` adds Annex A, the ICS proforma, and Appendix I,
    the conformance to the guideline (with `findings`, the profile's findings run under `baseline`, its
    clause I.2 on the security baseline); `contribution` the cover.

    When the profile lists no abbreviations, clause 4 lists the standard ones the rest of the text uses
    (profilekit.render.glossary): a first pass builds the text, the second the document with them. The
    documents the text cites that the profile does not list (profilekit.render.citations) are proposed in a
    notice with the YAML to add; the references stay the editor's.
    """
    def build(derived: Sequence[tuple[str, str]] = ()) -> Outline:
        doc = DocumentBuilder(loaded, findings=findings, baseline=baseline, annex=traces is not None,
                              derived_abbreviations=derived)
        return _assemble(doc, traces, contribution)

    draft = build()
    derived: Sequence[tuple[str, str]] = ()
    if not loaded.profile.abbreviations:
        derived = used_abbreviations(reader_text(draft))
    outline = build(derived) if derived else draft
    proposed, unknown = missing_references(reader_text(draft), (r.id for r in loaded.profile.references))
    if proposed:
        entries = "".join(f"\n  - {{id: {i}, kind: informative, title: \"{t}\"}}" for i, t in proposed)
        outline.notices.append(
            f"the document's text cites {len(proposed)} document(s) the profile's references do not list; "
            f"add them under `references:` (kind normative where the profile relies on them):{entries}")
    if unknown:
        outline.notices.append(f"the document's text cites {', '.join(unknown)}, which the profile's references "
                               "do not list; add them to `references:`")
    return outline


def reader_text(outline: Outline) -> Iterator[str]:
    """The prose a reader sees: title, headings, paragraphs, captions and cells, without code (identifiers,
    commands) and without clause 4 itself."""
    def prose_of(items: Inline) -> str:
        return "".join(run.text for run in items if not run.code)

    yield outline.title
    for paragraph in outline.front:
        yield prose_of(paragraph.runs)
    tables = [outline.cover.table] if outline.cover is not None else []
    for section in outline.walk():
        if section.number == "4":
            continue
        yield section.title
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield prose_of(block.runs)
            elif isinstance(block, Table):
                tables.append(block)
    for table in tables:
        yield table.caption
        yield from table.header
        for row in table.rows:
            yield from (prose_of(cell) for cell in row)
