"""The front of the document: the ITU-T contribution cover and clauses 1 to 4 (scope, references,
definitions, abbreviations), with the rule for which references clause 2 lists.

Which references are listed ("used"): every **normative** reference is listed (declaring a reference
normative says the profile needs it; dropping it would change the profile). An **informative** reference
is listed only when the profile cites it: its id occurs in some text of the profile or of the packages it
uses (matched as a whole word; `RFC4975` also matches "RFC 4975", `_` matches a space), or a field that
names a reference (a term's `source`, an SDP element's `reference`) names it. Informative references that
nothing cites are left out, and the outline carries a notice saying so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from profilekit.render.outline.builder import DocumentBuilder
from profilekit.render.outline.nodes import Cover, Inline, OutlineError, Paragraph, Run, Section, Table
from profilekit.render.outline.wording import in_words, inline_text, prose

if TYPE_CHECKING:
    from profilekit.load.loaded import LoadedProfile

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
        ("Purpose", inline_text(in_words(contribution.purpose))),
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
    return Cover(heading=heading, table=table, abstract=contribution.abstract, number=contribution.number,
                 study_group=study_group, study_period=period, language=contribution.language,
                 fields=tuple(fields))


def contact_box(contact: Any) -> Inline:
    """One contact as the ITU-T cover's box: name, organization and country, then Tel and E-mail, one per
    line (the parts the profile gives; `phone` and `country` only where the model has them)."""
    lines = [str(part) for part in (contact.name, contact.organization, getattr(contact, "country", None)) if part]
    phone = getattr(contact, "phone", None)
    if phone:
        lines.append(f"Tel: {phone}")
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
        section.blocks.append(Paragraph(prose(doc.profile.scope)))
    return section


# clause 2

def _reference_pattern(ref_id: str) -> re.Pattern[str]:
    """A reference id as a whole word, also written with a space or dash (`RFC4975` matches "RFC 4975")."""
    parts: list[str] = []
    previous = ""
    for char in ref_id:
        if char in "_ ":
            parts.append(r"[\s_-]?")
        else:
            if previous and (previous.isalpha() and char.isdigit()):
                parts.append(r"[\s_-]?")
            parts.append(re.escape(char))
        previous = char
    body = "".join(parts)
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9]|[.\-/][A-Za-z0-9])", re.IGNORECASE)


def _strings(value: Any) -> Iterator[str]:
    """Every string in a nested dump of the model (keys too)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def cited_references(loaded: LoadedProfile) -> set[str]:
    """Ids of the references the profile cites (see the module docstring for the rule)."""
    profile = loaded.profile
    data = profile.model_dump(mode="json", exclude={"references"}, warnings=False)
    texts = list(_strings(data))
    for record in loaded.packages.values():
        texts.extend(_strings(record.package.model_dump(mode="json", warnings=False)))
    corpus = "\n".join(texts)
    named = {term.source for term in profile.terms if term.source}
    named |= {el.reference for el in (*profile.sdp_mandatory, *profile.sdp_optional) if el.reference}
    return {ref.id for ref in profile.references
            if ref.id in named or _reference_pattern(ref.id).search(corpus)}


def references_clause(doc: DocumentBuilder) -> Section:
    """Clause 2 References: 2.1 normative, 2.2 informative (those cited, and those the generated text adds)."""
    section = Section("2", "References", 1)
    cited = cited_references(doc.loaded)
    section.blocks.append(Paragraph(inline_text(
        "The following documents contain provisions which, through reference in this text, constitute "
        "provisions of this profile.")))
    for number, kind, title in (("2.1", "normative", "Normative references"),
                                ("2.2", "informative", "Informative references")):
        child = Section(number, title, 2)
        listed = 0
        for ref in doc.profile.references:
            if ref.kind != kind:
                continue
            if kind == "informative" and ref.id not in cited:
                doc.notices.append(f"informative reference {ref.id!r} is not cited anywhere in the "
                                   f"profile; left out of clause {number}")
                continue
            runs = [Run(f"[{ref.id}]", bold=True), Run(" " + " ".join(ref.title.split()))]
            if ref.url:
                runs.append(Run(f" <{ref.url}>"))
            child.blocks.append(Paragraph(tuple(runs), kind="item"))
            listed += 1
        if kind == "informative":
            for ref_id, ref_title in doc.added_references:
                child.blocks.append(Paragraph((Run(f"[{ref_id}]", bold=True), Run(" " + ref_title)),
                                              kind="item"))
                listed += 1
        if not listed:
            child.blocks.append(Paragraph(inline_text("None.")))
        section.children.append(child)
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
            runs.append(Run(f" [{term.source}]"))
        runs.append(Run(": " + " ".join(term.definition.split())))
        target.blocks.append(Paragraph(tuple(runs)))
    for sub in (elsewhere, here):
        if not sub.blocks:
            sub.blocks.append(Paragraph(inline_text("None.")))
    section.children += [elsewhere, here]
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
