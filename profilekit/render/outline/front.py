"""The front of the document: the ITU-T contribution cover and clauses 1 to 4 (scope, references,
definitions with the conventions, abbreviations), and the Bibliography.

References: every reference the editor lists is printed — the normative ones in clause 2, the informative
ones in the Bibliography as [b-…] — in ITU-T form. Nothing is dropped and nothing added: GL018 warns about
an informative reference no text cites, and `build_outline` proposes (as a notice with the YAML to add)
the documents the generated text cites that the profile does not list.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from profilekit.catalog.display import capitalized
from profilekit.catalog.references import citation_label, entry_text
from profilekit.render.outline.builder import DocumentBuilder
from profilekit.render.outline.nodes import Contact, Cover, Inline, OutlineError, Paragraph, Run, Section, Table
from profilekit.render.outline.wording import inline_text

if TYPE_CHECKING:
    from profilekit.model.meta import Editor, Reference

STUDY_PERIODS = (
    (dt.date(2012, 11, 30), "2013-2016"),  # from WTSA-12 (Dubai, 20-29 November 2012)
    (dt.date(2016, 11, 4), "2017-2020"),   # WTSA-16 (Hammamet, 25 October-3 November 2016); it ran on to WTSA-20
    (dt.date(2022, 3, 10), "2022-2024"),   # WTSA-20, postponed to Geneva, 1-9 March 2022
    (dt.date(2024, 10, 25), "2025-2028"),  # WTSA-24 (New Delhi, 15-24 October 2024)
)
"""ITU-T study periods by the day after the WTSA that opened them. A study period runs until the next WTSA,
so its name does not fix its dates (2017-2020 lasted until March 2022)."""
STUDY_PERIODS_KNOWN_UNTIL = dt.date(2028, 12, 31)
"""The last day profilekit can name a study period for: WTSA-28, which ends 2025-2028, has no date yet."""


def study_period(day: dt.date) -> str | None:
    """The ITU-T study period `day` falls in, or None outside the known ones (the caller says so)."""
    if day > STUDY_PERIODS_KNOWN_UNTIL:
        return None
    found = None
    for start, name in STUDY_PERIODS:
        if day >= start:
            found = name
    return found


# the contribution cover

def contribution_cover(doc: DocumentBuilder) -> Cover:
    """The ITU-T contribution cover, from the profile's `contribution:` section."""
    contribution = doc.profile.contribution
    if contribution is None:
        raise OutlineError(
            f"{doc.loaded.path}: --contribution needs a `contribution:` section in the profile (question, "
            "study_group, source, purpose and contacts; optional meeting, number, title, abstract, "
            "study_period, language, keywords)")
    ident = doc.profile.identification
    match = re.fullmatch(r"(?i)SG\s*(\d+)", contribution.study_group.strip())
    study_group = f"STUDY GROUP {match.group(1)}" if match else contribution.study_group.upper()
    period = contribution.study_period or study_period(ident.date)
    if period is None:
        first, last = STUDY_PERIODS[0], STUDY_PERIODS[-1]
        doc.notices.append(
            f"the contribution cover has no study period: identification.date {ident.date.isoformat()} is "
            f"outside the ITU-T study periods profilekit knows ({first[1]} from {first[0].isoformat()} to "
            f"{last[1]} until {STUDY_PERIODS_KNOWN_UNTIL.isoformat()}); set `study_period:` in the "
            "`contribution:` section (as the ITU-T writes it, e.g. `2009-2012`) to print it")
    fields: list[tuple[str, Inline]] = [("Question(s)", inline_text(contribution.question))]
    if contribution.meeting:
        fields.append(("Meeting", inline_text(contribution.meeting)))
    fields += [
        ("Source", inline_text(contribution.source)),
        ("Title", inline_text(contribution.title or ident.title)),
        ("Purpose", inline_text(capitalized("purpose", contribution.purpose))),
    ]
    fields += [("Contact", contact_box(e)) for e in contribution.contacts]
    if contribution.keywords:
        fields.append(("Keywords", inline_text("; ".join(contribution.keywords))))
    rows: list[tuple[Inline, Inline]] = []
    if contribution.number:
        rows.append((inline_text("Document"), inline_text(contribution.number)))
    rows.append((inline_text("Study Group"), inline_text(contribution.study_group)))
    if period:
        rows.append((inline_text("Study period"), inline_text(period)))
    rows.append((inline_text("Original"), inline_text(contribution.language)))
    rows += [(inline_text(name), value) for name, value in fields]
    table = Table(number="", caption="Contribution", header=("Field", "Value"), rows=tuple(rows))
    heading = "INTERNATIONAL TELECOMMUNICATION UNION – TELECOMMUNICATION STANDARDIZATION SECTOR"
    people = tuple(Contact(name=c.name, organization=c.organization, country=c.country, phone=c.phone,
                           email=c.email) for c in contribution.contacts)
    return Cover(heading=heading, table=table, abstract=contribution.abstract, number=contribution.number,
                 study_group=study_group, study_period=period, language=contribution.language,
                 fields=tuple(fields), contacts=people)


def contact_box(contact: Editor) -> Inline:
    """One contact as the ITU-T cover's box: name, organization and country, then Tel and E-mail, one per
    line (the parts the profile gives)."""
    lines = [str(part) for part in (contact.name, contact.organization, contact.country) if part]
    if contact.phone:
        lines.append(f"Tel: {contact.phone}")
    if contact.email:
        lines.append(f"E-mail: {contact.email}")
    return inline_text("\n".join(lines))


# clause 1

def scope_clause(doc: DocumentBuilder) -> Section:
    """Clause 1 Scope: what the document specifies, then the profile's own scope text."""
    ident = doc.profile.identification
    section = Section("1", "Scope", 1)
    section.blocks.append(Paragraph((
        Run("This document specifies the H.248.1 profile "), Run(ident.name, code=True),
        Run(f" version {ident.version}"),
        Run(f", based on {ident.based_on.name} version {ident.based_on.version}" if ident.based_on else ""),
        Run(". It follows the H.248.1 profile template (clause 5) and secures TCP bearers with TLS as "
            "described by the guideline H.248.TLSPROF (clause 6)."))))
    if doc.profile.scope:
        section.blocks.append(Paragraph(doc.prose(doc.profile.scope)))
    return section


# clause 2 and the Bibliography

def _entry(doc: DocumentBuilder, ref: Reference, prefix: str = "") -> Paragraph:
    """One reference entry in ITU-T form: "[ITU-T H.248.1] Recommendation ITU-T H.248.1 (2013), …."."""
    label = citation_label(ref.id, ref.title)
    runs = [Run(f"[{prefix}{label}]", bold=True), Run(" " + entry_text(ref.title))]
    if ref.url:
        runs.append(Run(f" <{ref.url}>"))
    return Paragraph(tuple(runs))


def references_clause(doc: DocumentBuilder) -> Section:
    """Clause 2 References: the normative references the editor lists, every one, in ITU-T form; the
    informative ones are in the Bibliography (`bibliography`)."""
    section = Section("2", "References", 1)
    normative = [ref for ref in doc.profile.references if ref.kind == "normative"]
    if not normative:
        section.blocks.append(Paragraph(inline_text("None.")))
        return section
    section.blocks.append(Paragraph(inline_text(
        "The following documents contain provisions which, through reference in this text, constitute "
        "provisions of this profile. At the time of publication, the editions indicated were valid.")))
    section.blocks.extend(_entry(doc, ref) for ref in normative)
    return section


def bibliography(doc: DocumentBuilder) -> Section | None:
    """The Bibliography: the informative references the editor lists, every one (GL018 warns about those
    the text does not cite), labelled [b-…] as ITU-T texts cite them; None when there are none."""
    informative = [ref for ref in doc.profile.references if ref.kind == "informative"]
    if not informative:
        return None
    section = Section("", "Bibliography", 1)
    section.blocks.extend(_entry(doc, ref, "b-") for ref in informative)
    return section


# clause 3

def definitions_clause(doc: DocumentBuilder) -> Section:
    """Clause 3 Definitions: 3.1 terms defined elsewhere (with a source), 3.2 terms defined here."""
    section = Section("3", "Definitions", 1)
    elsewhere = Section("3.1", "Terms defined elsewhere", 2)
    here = Section("3.2", "Terms defined in this profile", 2)
    for term in doc.profile.terms:
        target = elsewhere if term.source else here
        # each definition is numbered 3.1.n or 3.2.n in the order the profile lists the terms
        number = f"{target.number}.{sum(1 for b in target.blocks if isinstance(b, Paragraph)) + 1}"
        runs = [Run(f"{number} "), Run(term.term, bold=True)]
        if term.source:
            runs.append(Run(" " + doc.cite(term.source)))
        runs.append(Run(": " + " ".join(term.definition.split())))
        target.blocks.append(Paragraph(tuple(runs)))
    for sub in (elsewhere, here):
        if not sub.blocks:
            sub.blocks.append(Paragraph(inline_text("None.")))
    section.children += [elsewhere, here, conventions_clause()]
    return section


def conventions_clause() -> Section:
    """3.3 Conventions: the verbal forms of the text (ITU-T texts have them in a "Conventions" clause; here
    in clause 3 so that the template's clauses keep their numbers 5.1 to 5.17)."""
    section = Section("3.3", "Conventions", 2)
    for text in (
        "In this profile:",
        "The keywords \"shall\" and \"shall not\" indicate a requirement which is to be strictly followed "
        "and from which no deviation is permitted if conformance to this profile is to be claimed.",
        "The keywords \"should\" and \"should not\" indicate a recommendation: among several possibilities one "
        "is recommended as particularly suitable, without excluding the others.",
        "The keyword \"may\" indicates an optional requirement which is permissible, without implying any "
        "sense of being recommended; \"need not\" indicates that it is not required. The keyword \"can\" "
        "indicates a possibility or capability, never a permission.",
        "\"Not used\" for an item (a command, a descriptor, an information element) means that the MG and the "
        "MGC shall not send it in this profile. Mandatory items are stated with \"shall\", optional items "
        "with \"may\". Text that describes (what a context contains, what a procedure achieves) is "
        "informative and states no requirement.",
    ):
        section.blocks.append(Paragraph(inline_text(text)))
    return section


# clause 4

def abbreviations_clause(doc: DocumentBuilder) -> Section:
    """Clause 4 Abbreviations and acronyms: the profile's list, or the standard ones its text uses."""
    section = Section("4", "Abbreviations and acronyms", 1)
    section.blocks.append(Paragraph(inline_text("This profile uses the following abbreviations and acronyms.")))
    items = [(a.abbreviation, a.expansion)
             for a in sorted(doc.profile.abbreviations, key=lambda a: a.abbreviation.casefold())]
    if not items and doc.derived_abbreviations:
        items = list(doc.derived_abbreviations)
        doc.notices.append(f"the profile lists no abbreviations; clause 4 lists the {len(items)} standard "
                           "ones its text uses (add `abbreviations:` to the profile to decide them yourself)")
    # a two-column list (abbreviation, tab, expansion) as ITU-T texts have it, not a bordered table
    section.blocks.extend(Paragraph((Run(abbr), Run(expansion)), kind="entry") for abbr, expansion in items)
    if not items:
        section.blocks.append(Paragraph(inline_text("None.")))
    return section
