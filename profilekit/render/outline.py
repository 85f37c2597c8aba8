"""The document outline both renderers share: numbered sections, paragraphs, captioned tables, code blocks.

Built once from a LoadedProfile (and, for the conformance annex, the requirement traces), then written
as Markdown or DOCX; both renderers only lay out what is here, so their texts cannot drift apart.

Document structure (clause numbers are literal and stable):

- 1 Scope, 2 References (2.1 normative, 2.2 informative), 3 Definitions, 4 Abbreviations
- 5 Profile definition: 5.1 … 5.17 are the 17 clauses of the H.248.1 profile template, in order
  (template clause N is clause 5.N here)
- 6 TLS for TCP bearers (H.248.TLSPROF): 6.1 Mode of operation, 6.2 TLS profiles, 6.3 TLS domains,
  6.4 Authentication, 6.5 Capability bindings, 6.6 TLS statistics, 6.7 Auditing of TLS capabilities
- Annex A Conformance: A.1 the guideline (one row per requirement id), A.2 the security baseline
  selected with `baseline` (its SEC and PRC findings, each located in this document, and the accepted
  deviations with their reasons)

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from profilekit.findings import Finding
    from profilekit.load.loaded import LoadedProfile
    from profilekit.model.packages import Package, Parameter
    from profilekit.model.profile import Profile
    from profilekit.model.tls import Binding, TlsProfile

DASH = "–"
NOT_SPECIFIED = "Not specified"
"""What the document says for a value the editor did not write (the model's default is no statement)."""
"""Shown in a table cell that has no value (and in captions: "Table 3 – …", as ITU-T writes them)."""

PROFILE_CLAUSE = 5
"""Template clause N is clause 5.N of the document."""
TLS_CLAUSE = 6


# --------------------------------------------------------------------------------------------------
# The outline data structure


@dataclass(frozen=True)
class Run:
    """A piece of inline text: plain, `code` (monospace), bold, or a link to an anchor in the document."""

    text: str
    code: bool = False
    bold: bool = False
    link: str | None = None


Inline = tuple[Run, ...]


def plain(runs: Inline) -> str:
    """The text a reader sees, without formatting (what both renderers must show)."""
    return "".join(run.text for run in runs)


@dataclass(frozen=True)
class Paragraph:
    runs: Inline
    kind: Literal["body", "note", "item"] = "body"
    """`note` paragraphs start with "NOTE –"; `item`s are bullet list entries."""


@dataclass(frozen=True)
class CodeBlock:
    text: str
    label: str | None = None
    """e.g. "Command" or "Reply": a short line shown above the block."""


@dataclass(frozen=True)
class Table:
    number: str
    """"12" or "A.1"; empty for the contribution cover table, which has no caption."""
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]

    @property
    def label(self) -> str:
        return f"Table {self.number}"

    @property
    def anchor(self) -> str:
        return "table-" + self.number.lower().replace(".", "-")

    @property
    def full_caption(self) -> str:
        return f"{self.label} {DASH} {self.caption}"


Block = Paragraph | CodeBlock | Table


@dataclass
class Section:
    number: str
    """"5.7"; for an annex "A"."""
    title: str
    level: int
    """1 for clauses and annexes, 2 for sub-clauses, 3 below."""
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    annex: bool = False
    extra_anchors: tuple[str, ...] = ()
    """Anchors that stay stable when numbering shifts, e.g. `package-tlsbsc`."""

    @property
    def heading(self) -> str:
        if self.annex:
            return f"Annex {self.number} {DASH} {self.title}"
        return f"{self.number} {self.title}"

    @property
    def anchor(self) -> str:
        prefix = "annex-" if self.annex else "clause-"
        return prefix + self.number.lower().replace(".", "-")

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Cover:
    """ITU-T contribution cover. Both renderers lay it out as the ITU-T template does: the masthead (union
    and sector, study period; number, study group, original language), then `fields` and the abstract
    without a header row (Word as a table, Markdown as "**Label:** value" lines). `table` lists every item
    for readers of the outline (the abbreviation scan); neither renderer prints it as such."""

    heading: str
    table: Table
    abstract: str | None = None
    number: str | None = None
    """The document number as given (`C 123`); Word's page header shows it instead of the profile name."""
    study_group: str = ""
    """"STUDY GROUP 16" for `SG16`."""
    study_period: str | None = None
    language: str = "English"
    fields: tuple[tuple[str, Inline], ...] = ()
    """Question(s), meeting, source, title, purpose, contact and keywords, in the ITU-T template's order."""


@dataclass
class Outline:
    title: str
    name: str
    version: int
    date: str
    status: str
    body: str
    editors: tuple[str, ...]
    front: list[Paragraph]
    sections: list[Section]
    cover: Cover | None = None
    notices: list[str] = field(default_factory=list)
    """Things the editor should know (e.g. references left out); the CLI prints them on stderr."""

    @property
    def running_header(self) -> str:
        return f"{self.name} version {self.version}"

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def tables(self) -> Iterator[Table]:
        if self.cover is not None:
            yield self.cover.table
        for section in self.walk():
            for block in section.blocks:
                if isinstance(block, Table):
                    yield block


class Trace(Protocol):
    """What the annex needs from profilekit.trace.RequirementTrace."""

    @property
    def id(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def findings(self) -> Sequence[Any]: ...


class OutlineError(Exception):
    """The profile lacks something the requested document needs (e.g. the contribution section)."""


# --------------------------------------------------------------------------------------------------
# Small helpers for cell and text values


def t(text: str) -> Inline:
    return (Run(text),) if text else ()


def c(text: str) -> Inline:
    return (Run(text, code=True),) if text else ()


def join(parts: Iterable[Inline], sep: str = ", ") -> Inline:
    out: list[Run] = []
    for i, part in enumerate(parts):
        if i and sep:
            out.append(Run(sep))
        out.extend(part)
    return tuple(out)


def codes(items: Iterable[Any]) -> Inline:
    """A list of identifiers, each in code style; a dash when empty."""
    values = [str(v) for v in items]
    return join(c(v) for v in values) if values else t(DASH)


def words(items: Iterable[Any]) -> Inline:
    values = [str(v) for v in items]
    return t(", ".join(values)) if values else t(DASH)


def opt(value: Any) -> Inline:
    if value is None or value == "":
        return t(DASH)
    if isinstance(value, bool):
        return t(yes(value))
    return t(str(value))


def yes(value: bool) -> str:
    return "Yes" if value else "No"


_ACRONYMS = {"ca": "CA", "id": "ID", "ipv4": "IPv4", "ipv6": "IPv6", "mg": "MG", "mgc": "MGC", "mtp": "MTP",
             "ocsp": "OCSP", "psk": "PSK", "sdp": "SDP", "sni": "SNI", "tcp": "TCP", "tls": "TLS", "ttp": "TTP"}


def label(value: str) -> str:
    """`proxy_application_agnostic` → "Proxy application agnostic"; `MGC_to_MG` → "MGC to MG";
    `tcp_closure` → "TCP closure", `ipv4` → "IPv4" (acronyms keep their capitals)."""
    text = " ".join(_ACRONYMS.get(word, word) for word in value.split("_"))
    return text[:1].upper() + text[1:]


def sentence(text: str) -> Inline:
    return t(" ".join(text.split()))


# --------------------------------------------------------------------------------------------------
# Which references are cited


def _reference_pattern(ref_id: str) -> re.Pattern[str]:
    parts: list[str] = []
    prev = ""
    for ch in ref_id:
        if ch in "_ ":
            parts.append(r"[\s_-]?")
        else:
            if prev and (prev.isalpha() and ch.isdigit()):
                parts.append(r"[\s_-]?")
            parts.append(re.escape(ch))
        prev = ch
    body = "".join(parts)
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9]|[.\-/][A-Za-z0-9])", re.IGNORECASE)


def _strings(value: Any) -> Iterator[str]:
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


# --------------------------------------------------------------------------------------------------
# The builder


@dataclass
class _Where:
    label: str
    anchor: str


class _Builder:
    def __init__(self, loaded: LoadedProfile, *, findings: Sequence[Finding] = (), baseline: str | None = None,
                 annex: bool = False, derived_abbreviations: Sequence[tuple[str, str]] = (),
                 added_references: Sequence[tuple[str, str]] = ()) -> None:
        from profilekit.trace import baseline_findings

        self.loaded = loaded
        self.profile: Profile = loaded.profile
        self.table_count = 0
        self.annex_table_count: dict[str, int] = {}
        self.where: dict[str, list[_Where]] = {}
        self.notices: list[str] = []
        self.baseline = baseline
        self.derived_abbreviations = derived_abbreviations
        """Clause 4 entries derived from the document text (used only when the profile lists none)."""
        self.added_references = added_references
        """(id, title) of documents the generated text cites that the profile does not list: clause 2.2."""
        self.baseline_findings = baseline_findings(findings) if annex else []
        """SEC and PRC findings (suppressed ones too) that Annex A.2 reports; empty without the annex."""

    def stated(self, *path: str | int) -> bool:
        """Whether the editor wrote `path` in the profile (as opposed to a default of the model)."""
        from profilekit.rules.facts import stated

        return stated(self.loaded, path)

    def limit(self, value: int | None, *path: str | int) -> Inline:
        """A limit: its value; `null` written means no limit; left out means the profile does not say."""
        if value is not None:
            return t(str(value))
        return t("Not limited" if self.stated(*path) else NOT_SPECIFIED)

    # numbering and locators

    def table(self, caption: str, header: Sequence[str], rows: Iterable[Sequence[Inline]], *,
              keys: Iterable[str] = (), annex: str | None = None) -> Table:
        if annex is None:
            self.table_count += 1
            number = str(self.table_count)
        else:
            self.annex_table_count[annex] = self.annex_table_count.get(annex, 0) + 1
            number = f"{annex}.{self.annex_table_count[annex]}"
        body = tuple(tuple(row) for row in rows)
        for row in body:
            if len(row) != len(header):
                raise AssertionError(f"table {caption!r}: row has {len(row)} cells, header {len(header)}")
        table = Table(number=number, caption=caption, header=tuple(header), rows=body)
        for key in keys:
            self.mark(key, table.label, table.anchor)
        return table

    def mark(self, key: str, text: str, anchor: str) -> None:
        entry = _Where(text, anchor)
        items = self.where.setdefault(key, [])
        if all(item.anchor != anchor for item in items):
            items.append(entry)

    def mark_section(self, key: str, section: Section) -> None:
        self.mark(key, section.number, section.anchor)

    # the whole document

    def build(self, traces: Sequence[Trace] | None, contribution: bool) -> Outline:
        ident = self.profile.identification
        editors = tuple(e.name for e in ident.editors)
        sections = [self.scope(), self.references(), self.definitions(), self.abbreviations(),
                    self.profile_definition(), self.tls_clause()]
        if traces is not None:
            sections.append(self.annex_conformance(traces))
        front = [
            Paragraph((Run("Profile: ", bold=True), Run(ident.name, code=True), Run(f", version {ident.version}"))),
            Paragraph((Run("Status: ", bold=True), Run(f"{ident.status}, {ident.date.isoformat()}"))),
            Paragraph((Run("Responsible body: ", bold=True), Run(ident.body))),
            Paragraph((Run("Editors: ", bold=True), Run(_editor_list(ident.editors)))),
        ]
        if ident.illustrative:
            front.append(Paragraph(t("This profile is illustrative: its package identifiers are placeholders, "
                                     "not the normative values."), kind="note"))
        return Outline(title=ident.title, name=ident.name, version=ident.version, date=ident.date.isoformat(),
                       status=ident.status, body=ident.body, editors=editors, front=front, sections=sections,
                       cover=self.cover() if contribution else None, notices=self.notices)

    def cover(self) -> Cover:
        contribution = self.profile.contribution
        if contribution is None:
            raise OutlineError(
                f"{self.loaded.path}: --contribution needs a `contribution:` section in the profile (question, "
                "study_group, source, purpose and contacts; optional meeting, number, title, abstract, "
                "study_period, language, keywords)")
        ident = self.profile.identification
        contacts = join((t(_editor_line(e)) for e in contribution.contacts), "; ")
        match = re.fullmatch(r"(?i)SG\s*(\d+)", contribution.study_group.strip())
        study_group = f"STUDY GROUP {match.group(1)}" if match else contribution.study_group.upper()
        period = contribution.study_period or _study_period(ident.date)
        if period is None:
            first, last = STUDY_PERIODS[0], STUDY_PERIODS[-1]
            self.notices.append(
                f"the contribution cover has no study period: identification.date {ident.date.isoformat()} is "
                f"outside the ITU-T study periods profilekit knows ({first[1]} from {first[0].isoformat()} to "
                f"{last[1]} until {STUDY_PERIODS_KNOWN_UNTIL.isoformat()}); set `study_period:` in the "
                "`contribution:` section (as the ITU-T writes it, e.g. `2009-2012`) to print it")
        fields: list[tuple[str, Inline]] = [("Question(s)", t(contribution.question))]
        if contribution.meeting:
            fields.append(("Meeting", t(contribution.meeting)))
        fields += [
            ("Source", t(contribution.source)),
            ("Title", t(contribution.title or ident.title)),
            ("Purpose", t(label(contribution.purpose))),
            ("Contact", contacts),
        ]
        if contribution.keywords:
            fields.append(("Keywords", t("; ".join(contribution.keywords))))
        rows: list[tuple[Inline, Inline]] = []
        if contribution.number:
            rows.append((t("Document"), t(contribution.number)))
        rows.append((t("Study Group"), t(contribution.study_group)))
        if period:
            rows.append((t("Study period"), t(period)))
        rows.append((t("Original"), t(contribution.language)))
        rows += [(t(name), value) for name, value in fields]
        table = Table(number="", caption="Contribution", header=("Field", "Value"), rows=tuple(rows))
        heading = "INTERNATIONAL TELECOMMUNICATION UNION – TELECOMMUNICATION STANDARDIZATION SECTOR"
        return Cover(heading=heading, table=table, abstract=contribution.abstract, number=contribution.number,
                     study_group=study_group, study_period=period, language=contribution.language,
                     fields=tuple(fields))

    # clauses 1-4

    def scope(self) -> Section:
        ident = self.profile.identification
        section = Section("1", "Scope", 1)
        section.blocks.append(Paragraph((
            Run("This document specifies the H.248.1 profile "), Run(ident.name, code=True),
            Run(f" version {ident.version}"),
            Run(f", based on {ident.based_on.name} version {ident.based_on.version}" if ident.based_on else ""),
            Run(". It follows the H.248.1 profile template (clause 5) and secures TCP bearers with TLS as "
                "described by the guideline H.248.TLSPROF (clause 6)."))))
        if self.profile.scope:
            section.blocks.append(Paragraph(sentence(self.profile.scope)))
        return section

    def references(self) -> Section:
        section = Section("2", "References", 1)
        cited = cited_references(self.loaded)
        section.blocks.append(Paragraph(t(
            "The following documents contain provisions which, through reference in this text, constitute "
            "provisions of this profile.")))
        for number, kind, title in (("2.1", "normative", "Normative references"),
                                    ("2.2", "informative", "Informative references")):
            child = Section(number, title, 2)
            listed = 0
            for ref in self.profile.references:
                if ref.kind != kind:
                    continue
                if kind == "informative" and ref.id not in cited:
                    self.notices.append(f"informative reference {ref.id!r} is not cited anywhere in the "
                                        f"profile; left out of clause {number}")
                    continue
                runs = [Run(f"[{ref.id}]", bold=True), Run(" " + " ".join(ref.title.split()))]
                if ref.url:
                    runs.append(Run(f" <{ref.url}>"))
                child.blocks.append(Paragraph(tuple(runs), kind="item"))
                listed += 1
            if kind == "informative":
                for ref_id, ref_title in self.added_references:
                    child.blocks.append(Paragraph((Run(f"[{ref_id}]", bold=True), Run(" " + ref_title)),
                                                  kind="item"))
                    listed += 1
            if not listed:
                child.blocks.append(Paragraph(t("None.")))
            section.children.append(child)
        return section

    def definitions(self) -> Section:
        section = Section("3", "Definitions", 1)
        elsewhere = Section("3.1", "Terms defined elsewhere", 2)
        here = Section("3.2", "Terms defined in this profile", 2)
        for term in self.profile.terms:
            target = elsewhere if term.source else here
            number = f"{target.number}.{sum(1 for b in target.blocks if isinstance(b, Paragraph)) + 1}"
            runs = [Run(f"{number} "), Run(term.term, bold=True)]
            if term.source:
                runs.append(Run(f" [{term.source}]"))
            runs.append(Run(": " + " ".join(term.definition.split())))
            target.blocks.append(Paragraph(tuple(runs)))
        for sub in (elsewhere, here):
            if not sub.blocks:
                sub.blocks.append(Paragraph(t("None.")))
        section.children += [elsewhere, here]
        return section

    def abbreviations(self) -> Section:
        section = Section("4", "Abbreviations and acronyms", 1)
        section.blocks.append(Paragraph(t("This profile uses the following abbreviations and acronyms.")))
        items = [(a.abbreviation, a.expansion)
                 for a in sorted(self.profile.abbreviations, key=lambda a: a.abbreviation.casefold())]
        if not items and self.derived_abbreviations:
            items = list(self.derived_abbreviations)
            self.notices.append(f"the profile lists no abbreviations; clause 4 lists the {len(items)} standard "
                                "ones its text uses (add `abbreviations:` to the profile to decide them yourself)")
        if items:
            section.blocks.append(self.table("Abbreviations", ("Abbreviation", "Meaning"),
                                             ((t(abbr), t(expansion)) for abbr, expansion in items)))
        else:
            section.blocks.append(Paragraph(t("None.")))
        return section

    # clause 5: the 17 template clauses

    def profile_definition(self) -> Section:
        from profilekit.model.profile import TEMPLATE_CLAUSES

        section = Section(str(PROFILE_CLAUSE), "Profile definition", 1)
        section.blocks.append(Paragraph(t(
            f"This clause follows the H.248.1 profile template: clauses {PROFILE_CLAUSE}.1 to "
            f"{PROFILE_CLAUSE}.17 are the template's items 1 to 17.")))
        builders = {
            "identification": self.c_identification, "summary": self.c_summary,
            "protocol_version": self.c_protocol_version, "connection_model": self.c_connection_model,
            "context_attributes": self.c_context_attributes, "terminations": self.c_terminations,
            "descriptors": self.c_descriptors, "commands": self.c_commands, "encoding": self.c_encoding,
            "transactions": self.c_transactions, "messages": self.c_messages, "transport": self.c_transport,
            "security": self.c_security, "packages": self.c_packages, "sdp_mandatory": self.c_sdp_mandatory,
            "sdp_optional": self.c_sdp_optional, "procedures": self.c_procedures,
        }
        for number, title, field_name in TEMPLATE_CLAUSES:
            child = Section(f"{PROFILE_CLAUSE}.{number}", title, 2)
            builders[field_name](child)
            self.mark_section(f"clause:{field_name}", child)
            section.children.append(child)
        return section

    def c_identification(self, s: Section) -> None:
        ident = self.profile.identification
        based = f"{ident.based_on.name} version {ident.based_on.version}" if ident.based_on else DASH
        rows = [
            (t("Profile name"), c(ident.name)),
            (t("Profile version"), t(str(ident.version))),
            (t("ServiceChangeProfile"), c(f"{ident.name}/{ident.version}")),
            (t("Based on"), t(based)),
            (t("Title"), t(ident.title)),
            (t("Status"), t(ident.status)),
            (t("Date"), t(ident.date.isoformat())),
            (t("Responsible body"), t(ident.body)),
            (t("Editors"), t(_editor_list(ident.editors))),
            (t("Illustrative"), t(yes(ident.illustrative))),
        ]
        s.blocks.append(self.table("Profile identification", ("Item", "Value"), rows))

    def c_summary(self, s: Section) -> None:
        s.blocks.append(Paragraph(sentence(self.profile.summary)))

    def c_protocol_version(self, s: Section) -> None:
        pv = self.profile.protocol_version
        s.blocks.append(Paragraph(t(f"This profile requires H.248.1 version {pv.version}.")))
        _notes(s, pv.notes)

    def c_connection_model(self, s: Section) -> None:
        cm = self.profile.connection_model
        rows = [
            (t("Maximum number of contexts"), self.limit(cm.max_contexts, "connection_model", "max_contexts")),
            (t("Maximum number of terminations per context"), t(str(cm.max_terminations_per_context))),
            (t("Allowed topologies"), words(cm.topologies) if cm.topologies else t("Topology descriptor not used")),
            (t("TCP mode of a context with a TLS endpoint"), t(label(cm.tcp_mode_for_tls))),
        ]
        s.blocks.append(self.table("Connection model", ("Item", "Value"), rows, keys=("connection_model",)))
        _notes(s, cm.notes)

    def c_context_attributes(self, s: Section) -> None:
        ca = self.profile.context_attributes
        if ca.attributes:
            s.blocks.append(self.table("Context attributes", ("Attribute", "Supported", "Values", "Notes"),
                                       ((t(a.name), t(yes(a.supported)), words(a.values), opt(a.notes))
                                        for a in ca.attributes)))
        else:
            s.blocks.append(Paragraph(t("No context attributes are used.")))
        _notes(s, ca.notes)

    def c_terminations(self, s: Section) -> None:
        terms = self.profile.terminations
        s.blocks.append(self.table(
            "Termination types", ("Type", "Kind", "TerminationID pattern", "Description"),
            ((c(tt.id), t(tt.kind), c(tt.naming_pattern), opt(tt.description)) for tt in terms.types)))
        rows = [(c(tt.id), t(str(st.id)), t(st.media), t(st.bearer), opt(st.application),
                 _code_or_dash(st.sdp_protocol)) for tt in terms.types for st in tt.streams]
        s.blocks.append(self.table("Streams per termination type",
                                   ("Type", "Stream", "Media", "Bearer", "Application", "SDP protocol"), rows,
                                   keys=("streams",)))
        s.blocks.append(Paragraph((Run("The mode of operation of each termination type (TCP mode, TCP and TLS "
                                       "roles, TLS domains) is given in "),
                                   Run(f"clause {TLS_CLAUSE}.1", link=f"clause-{TLS_CLAUSE}-1"), Run("."))))
        _notes(s, terms.notes)

    def c_descriptors(self, s: Section) -> None:
        items = self.profile.descriptors
        if not items:
            s.blocks.append(Paragraph(t("The profile does not restrict descriptor use." if self.stated("descriptors")
                                        else "Descriptor support is not specified.")))
            return
        s.blocks.append(self.table("Descriptors", ("Descriptor", "Support", "Notes"),
                                   ((t(d.descriptor), t(label(d.support)), opt(d.notes)) for d in items)))

    def c_commands(self, s: Section) -> None:
        from profilekit.model.clauses import COMMANDS

        # A list, not a dict: a command listed twice (an error, GL010) must not lose its first entry here.
        uses: dict[str, list[Any]] = {}
        for entry in self.profile.commands:
            uses.setdefault(entry.command, []).append(entry)
        rows: list[Sequence[Inline]] = []
        for cmd in COMMANDS:
            if cmd not in uses:
                rows.append((t(cmd), t("No"), t(DASH), t(DASH), t(DASH)))
            for use in uses.get(cmd, []):
                rows.append((t(cmd), t(yes(use.used)), t(_direction(use.direction)) if use.used else t(DASH),
                             words(use.descriptors), t(_wildcards(use.wildcards)) if use.used else t(DASH)))
        s.blocks.append(self.table(
            "Commands", ("Command", "Used", "Direction", "Descriptors", "TerminationID wildcards"), rows,
            keys=("commands",)))
        for i, cmd in enumerate(COMMANDS, start=1):
            child = Section(f"{s.number}.{i}", cmd, 3)
            entries = uses.get(cmd, [])
            if not any(use.used for use in entries):
                child.blocks.append(Paragraph(t(f"{cmd} is not used by this profile.")))
            for use in entries:
                if not use.used:
                    continue
                child.blocks.append(Paragraph(t(
                    f"{cmd} is used, sent {_direction(use.direction)}. Descriptors: "
                    f"{', '.join(use.descriptors) or 'none'}. TerminationID wildcards: "
                    f"{_wildcards(use.wildcards)}.")))
                if use.service_change is not None:
                    sc = use.service_change
                    child.blocks.append(self.table(
                        "ServiceChange methods and reasons", ("Item", "Values"),
                        ((t("ServiceChangeMethod"), words(sc.methods)),
                         (t("ServiceChangeReason"), words(sc.reasons)))))
            for use in entries:
                _notes(child, use.notes)
            s.children.append(child)
        attrs = Section(f"{s.number}.{len(COMMANDS) + 1}", "Manipulating and auditing context attributes", 3)
        supported = [a.name for a in self.profile.context_attributes.attributes if a.supported]
        if supported:
            attrs.blocks.append(Paragraph((
                Run(f"The context attributes {', '.join(supported)} may be set with Add, Modify and Move and "
                    "audited with AuditValue and AuditCapabilities (see "),
                Run(f"clause {PROFILE_CLAUSE}.5", link=f"clause-{PROFILE_CLAUSE}-5"), Run(")."))))
        else:
            attrs.blocks.append(Paragraph(t("No context attributes are manipulated or audited.")))
        s.children.append(attrs)

    def c_encoding(self, s: Section) -> None:
        enc = self.profile.encoding
        names = {"text": "text encoding (H.248.1 Annex B)", "binary": "binary encoding (H.248.1 Annex A)"}
        s.blocks.append(Paragraph(t("Supported encodings: " + ", ".join(names[f] for f in enc.formats) + ".")))
        _notes(s, enc.notes)

    def c_transactions(self, s: Section) -> None:
        tr = self.profile.transactions
        rows = [
            (t("Maximum commands per transaction"),
             self.limit(tr.max_commands_per_transaction, "transactions", "max_commands_per_transaction")),
            (t("Maximum transactions per message"),
             self.limit(tr.max_transactions_per_message, "transactions", "max_transactions_per_message")),
        ]
        s.blocks.append(self.table("Transactions", ("Item", "Value"), rows))
        if tr.timers:
            s.blocks.append(self.table("Timers", ("Timer", "Value (ms)", "Provisioned"),
                                       ((c(tm.name), t(str(tm.value_ms)), t(yes(tm.provisioned)))
                                        for tm in tr.timers)))
        _notes(s, tr.notes)

    def c_messages(self, s: Section) -> None:
        msg = self.profile.messages
        rows = [(t("MID format"), t(label(msg.mid_format))),
                (t("Maximum message size (octets)"), self.limit(msg.max_size_octets, "messages", "max_size_octets"))]
        s.blocks.append(self.table("Messages", ("Item", "Value"), rows))
        _notes(s, msg.notes)

    def c_transport(self, s: Section) -> None:
        tp = self.profile.transport
        rows = [(t("Control link transport"), words(p.upper() for p in tp.protocols)),
                (t("Segmentation (H.248.1 Annex D)"),
                 t(yes(tp.segmentation) if self.stated("transport", "segmentation") else NOT_SPECIFIED))]
        s.blocks.append(self.table("Transport", ("Item", "Value"), rows))
        _notes(s, tp.notes)

    def c_security(self, s: Section) -> None:
        sec = self.profile.security
        what = {"none": "not protected", "ipsec": "protected with IPsec", "tls": "protected with TLS",
                "dtls": "protected with DTLS"}[sec.control_link]
        s.blocks.append(Paragraph((
            Run(f"The H.248 control link is {what}. The security of the TCP bearers with TLS is specified in "),
            Run(f"clause {TLS_CLAUSE}", link=f"clause-{TLS_CLAUSE}"), Run("."))))
        _notes(s, sec.notes)

    def package_ids(self) -> list[str]:
        ids = []
        for item in self.profile.packages:
            pid = getattr(item, "use", None) or getattr(item, "id", "")
            if pid in self.loaded.packages:
                ids.append(pid)
        return ids

    def c_packages(self, s: Section) -> None:
        ids = self.package_ids()
        if not ids:
            s.blocks.append(Paragraph(t("The profile uses no packages.")))
            return
        rows = []
        for pid in ids:
            rec = self.loaded.packages[pid]
            pkg = rec.package
            serial = f"0x{pkg.serial:04X}" if pkg.serial is not None else DASH
            rows.append((c(pkg.id), t(pkg.name), t(str(pkg.version)), t(serial), t(label(rec.support)),
                         opt(pkg.reference), t(yes(pkg.illustrative))))
        s.blocks.append(self.table("Packages", ("Package", "Name", "Version", "Serial", "Support", "Specified in",
                                                "Illustrative"), rows, keys=("packages",)))
        for i, pid in enumerate(ids, start=1):
            rec = self.loaded.packages[pid]
            child = Section(f"{s.number}.{i}", _package_heading(rec.package.name, pid), 3,
                            extra_anchors=(f"package-{pid}",))
            self.package_section(child, rec.package, rec.origin)
            self.mark_section(f"package:{pid}", child)
            s.children.append(child)

    def package_section(self, s: Section, pkg: Package, origin: str) -> None:
        facts = [f"Package {pkg.id}, version {pkg.version}"]
        if pkg.extends:
            facts.append(f"extends {pkg.extends}")
        # where the definition comes from, in document terms (never a local file of the editor's)
        if pkg.reference:
            facts.append(f"reference: {pkg.reference}")
        elif origin == "inline":
            facts.append("defined by this profile")
        s.blocks.append(Paragraph(t("; ".join(facts) + ".")))
        if pkg.description:
            s.blocks.append(Paragraph(sentence(pkg.description)))
        if pkg.illustrative:
            s.blocks.append(Paragraph(t("This package definition is illustrative: its identifiers are not the "
                                        "normative ones."), kind="note"))
        pid = pkg.id
        if pkg.properties:
            s.blocks.append(self.table(
                f"Package {pid}: properties",
                ("Property", "Name", "Type", "Values", "Descriptor", "Description"),
                ((c(f"{pid}/{p.id}"), opt(p.name), t(p.type), _values_default(p),
                  t(label(p.descriptor) + (", read-only" if p.readonly else "")), opt(p.description))
                 for p in pkg.properties),
                keys=(f"package:{pid}",)))
        if pkg.events:
            s.blocks.append(self.table(
                f"Package {pid}: events",
                ("Event", "Name", "Parameters", "ObservedEvents parameters", "Description"),
                ((c(f"{pid}/{e.id}"), opt(e.name), _params(e.parameters), _params(e.observed_parameters),
                  opt(e.description)) for e in pkg.events),
                keys=(f"package:{pid}",)))
        if pkg.signals:
            s.blocks.append(self.table(
                f"Package {pid}: signals",
                ("Signal", "Name", "Type", "Duration (ms)", "Parameters", "Description"),
                ((c(f"{pid}/{g.id}"), opt(g.name), t(label(g.type)), opt(g.duration_ms), _params(g.parameters),
                  opt(g.description)) for g in pkg.signals),
                keys=(f"package:{pid}",)))
        if pkg.statistics:
            s.blocks.append(self.table(
                f"Package {pid}: statistics", ("Statistic", "Name", "Type", "Unit", "Description"),
                ((c(f"{pid}/{st.id}"), opt(st.name), t(st.type), opt(st.unit), opt(st.description))
                 for st in pkg.statistics),
                keys=(f"package:{pid}",)))
        if pkg.error_codes:
            s.blocks.append(self.table(
                f"Package {pid}: error codes", ("Code", "Name", "Description"),
                ((t(str(e.code)), t(e.name), opt(e.description)) for e in pkg.error_codes),
                keys=(f"package:{pid}",)))
        if pkg.procedures:
            s.blocks.append(Paragraph((Run("Procedures: ", bold=True), *sentence(pkg.procedures))))

    def _sdp(self, s: Section, items: Sequence[Any], caption: str) -> None:
        if not items:
            s.blocks.append(Paragraph(t("None.")))
            return
        s.blocks.append(self.table(caption, ("Element", "Values", "Usage", "Reference"),
                                   ((c(e.element), codes(e.values), opt(e.usage),
                                     t(f"[{e.reference}]") if e.reference else t(DASH)) for e in items),
                                   keys=("sdp",)))

    def c_sdp_mandatory(self, s: Section) -> None:
        self._sdp(s, self.profile.sdp_mandatory, "Mandatory SDP and Annex C information elements")

    def c_sdp_optional(self, s: Section) -> None:
        self._sdp(s, self.profile.sdp_optional, "Optional SDP and Annex C information elements")

    def c_procedures(self, s: Section) -> None:
        if not self.profile.procedures:
            s.blocks.append(Paragraph(t("The profile defines no procedures beyond those of H.248.1.")))
            return
        for i, proc in enumerate(self.profile.procedures, start=1):
            child = Section(f"{s.number}.{i}", proc.title, 3, extra_anchors=(f"procedure-{proc.id}",))
            if proc.description:
                child.blocks.append(Paragraph(sentence(proc.description)))
            for n, step in enumerate(proc.steps, start=1):
                child.blocks.append(Paragraph((Run(f"Step {n}: ", bold=True), *sentence(step.step))))
                if step.command:
                    child.blocks.append(CodeBlock(step.command.rstrip("\n"), label="Command"))
                if step.reply:
                    child.blocks.append(CodeBlock(step.reply.rstrip("\n"), label="Reply"))
                text = "\n".join(x for x in (step.command, step.reply) if x)
                for key, element in self.bound_elements().items():
                    if element and element in text:
                        self.mark_section(f"proc:{key}", child)
            s.children.append(child)

    # clause 6: TLS

    def bound_elements(self) -> dict[str, str]:
        b = self.profile.tls.bindings
        out: dict[str, str] = {}
        for name in ("tls_domain", "tls_role", "tcp_role", "tcp_mode", "tcp_setup", "psk_identity",
                     "psk_identity_hint", "remote_fingerprint", "local_fingerprint", "ttp_service",
                     "tcp_closure_event", "tls_termination_event", "renegotiation_trigger"):
            binding = getattr(b, name)
            if binding is not None:
                out[name] = binding.element
        return out

    def resolve(self, ref: str) -> tuple[str, Any] | None:
        """`pkg/element` → (kind, model) from the profile's packages, or None."""
        pid, _, eid = ref.partition("/")
        rec = self.loaded.packages.get(pid)
        if rec is None:
            return None
        for kind, attr in (("property", "properties"), ("event", "events"), ("signal", "signals"),
                           ("statistic", "statistics")):
            for item in getattr(rec.package, attr):
                if item.id == eid:
                    return kind, item
        return None

    def element_cell(self, ref: str) -> Inline:
        found = self.resolve(ref)
        pid = ref.partition("/")[0]
        link = f"package-{pid}" if pid in self.loaded.packages else None
        runs: list[Run] = [Run(ref, code=True, link=link)]
        if found is None:
            runs.append(Run(" (not defined in the profile's packages)"))
        else:
            kind, item = found
            runs.append(Run(f" ({kind}{': ' + item.name if getattr(item, 'name', None) else ''})"))
        return tuple(runs)

    def tls_clause(self) -> Section:
        tls = self.profile.tls
        section = Section(str(TLS_CLAUSE), "TLS for TCP bearers (H.248.TLSPROF)", 1)
        section.blocks.append(Paragraph(t(
            "This clause states how the profile applies the guideline H.248.TLSPROF: the mode of operation "
            "of each termination type, the TLS profiles and TLS domains, authentication, and the package "
            "elements that realise each capability of the guideline.")))
        if tls.notes:
            _notes(section, tls.notes)
        n = TLS_CLAUSE
        mode = Section(f"{n}.1", "Mode of operation", 2)
        self.s_mode(mode)
        profiles = Section(f"{n}.2", "TLS profiles", 2)
        self.s_profiles(profiles)
        domains = Section(f"{n}.3", "TLS domains", 2)
        self.s_domains(domains)
        auth = Section(f"{n}.4", "Authentication", 2)
        self.s_auth(auth)
        bindings = Section(f"{n}.5", "Capability bindings", 2)
        self.s_bindings(bindings)
        stats = Section(f"{n}.6", "TLS statistics", 2)
        self.s_statistics(stats)
        audit = Section(f"{n}.7", "Auditing of TLS capabilities", 2)
        self.s_audit(audit)
        section.children += [mode, profiles, domains, auth, bindings, stats, audit]
        return section

    def s_mode(self, s: Section) -> None:
        s.blocks.append(Paragraph(t(
            "The MGC sets the TCP mode, the TCP role and the TLS role of each stream endpoint; the TLS role is "
            "set independently of the TCP role. A context with a TLS endpoint runs the MG in TCP proxy mode.")))
        rows = []
        for tt in self.profile.terminations.types:
            m = tt.mode
            if m is None:
                rows.append((c(tt.id), t("Not applicable (no TCP bearer)"), t(DASH), t(DASH), t(DASH)))
                continue
            rows.append((c(tt.id), t(label(m.tcp_mode)), words(m.tcp_roles),
                         words(m.tls_roles) if m.tls_roles else t("No TLS"), codes(m.tls_domains)))
        s.blocks.append(self.table("Mode of operation per termination type",
                                   ("Termination type", "TCP mode", "TCP roles", "TLS roles", "TLS domains"), rows,
                                   keys=("mode",)))

    def s_profiles(self, s: Section) -> None:
        from profilekit.catalog.ciphers import lookup

        tls = self.profile.tls
        s.blocks.append(Paragraph(t(
            "Each TLS profile is a selection of TLS options; a TLS domain applies exactly one TLS profile. "
            "Cipher suites are listed in order of precedence, most preferred first.")))
        for i, prof in enumerate(tls.profiles, start=1):
            child = Section(f"{s.number}.{i}", f"TLS profile {prof.id}", 3, extra_anchors=(f"tls-profile-{prof.id}",))
            if prof.description:
                child.blocks.append(Paragraph(sentence(prof.description)))
            self.mark_section(f"at:profile:{prof.id}", child)
            self._baseline_note(child, i - 1)
            child.blocks.append(self.table(f"TLS profile {prof.id}: parameters", ("Parameter", "Value"),
                                           self._profile_rows(prof, i - 1),
                                           keys=(f"params:{prof.id}", "params", f"at:params:{prof.id}")))
            rows = []
            for order, name in enumerate(prof.cipher_suites, start=1):
                suite = lookup(name)
                if suite is None:
                    rows.append((t(str(order)), c(name), t("unknown"), t(DASH)))
                else:
                    rows.append((t(str(order)), c(suite.iana),
                                 t(f"0x{suite.code >> 8:02X},0x{suite.code & 0xFF:02X}"),
                                 c(suite.openssl) if suite.openssl else t(DASH)))
            child.blocks.append(self.table(f"TLS profile {prof.id}: cipher suites in order of precedence",
                                           ("Order", "IANA name", "Code point", "OpenSSL name"), rows,
                                           keys=(f"suites:{prof.id}", "suites", f"at:suites:{prof.id}")))
            if prof.certificates is not None:
                cert = prof.certificates
                child.blocks.append(self.table(
                    f"TLS profile {prof.id}: certificates", ("Item", "Value"),
                    ((t("Key types (minimum bits)"),
                      words(f"{KEY_TYPES.get(k.type, k.type)} ({k.min_bits})" for k in cert.key_types)),
                     (t("Signature hashes"), words(_hash_name(h) for h in cert.signature_hashes)),
                     (t("Maximum lifetime (days)"), opt(cert.max_lifetime_days))),
                    keys=(f"auth:{prof.id}", f"at:certificates:{prof.id}")))
            s.children.append(child)

    def _profile_rows(self, p: TlsProfile, index: int) -> list[tuple[Inline, Inline]]:
        ren, res, ext = p.renegotiation, p.resumption, p.extensions

        def said(*path: str) -> bool:
            return self.stated("tls", "profiles", index, *path)

        def flag(name: str, value: bool) -> str:
            return yes(value).lower() if said("extensions", name) else NOT_SPECIFIED.lower()

        if ren.supported:
            how = ["supported", "secure renegotiation only (RFC 5746)" if ren.secure_only else "any"]
            if ren.initiators:
                how.append("initiated by " + _and(INITIATORS[i] for i in ren.initiators))
            if ren.mgc_trigger:
                how.append("triggered by the MGC")
            renegotiation = "; ".join(how)
        else:
            renegotiation = "not supported"
        renegotiation = with_notes(renegotiation, ren.notes)
        resumption = []
        if res.session_ids:
            resumption.append("session IDs")
        if res.session_tickets:
            resumption.append("session tickets")
        resume = ", ".join(resumption) if resumption else "not supported"
        details = []
        if res.ticket_lifetime_s is not None:
            details.append(f"ticket lifetime {res.ticket_lifetime_s} s")
        if res.ticket_key_rotation_s is not None:
            details.append(f"ticket key rotated every {res.ticket_key_rotation_s} s")
        if res.tls13_psk_modes:
            details.append("TLS 1.3 PSK modes " + ", ".join(res.tls13_psk_modes))
        if details:
            resume += " (" + "; ".join(details) + ")"
        resume = with_notes(resume, res.notes)
        ems = ext.extended_master_secret if said("extensions", "extended_master_secret") else NOT_SPECIFIED.lower()
        extensions = [f"extended master secret: {ems}",
                      f"encrypt-then-MAC: {flag('encrypt_then_mac', ext.encrypt_then_mac)}",
                      f"OCSP stapling: {flag('ocsp_stapling', ext.ocsp_stapling)}",
                      f"server name indication: {flag('server_name_indication', ext.server_name_indication)}",
                      f"truncated HMAC: {flag('truncated_hmac', ext.truncated_hmac)}",
                      f"heartbeat: {flag('heartbeat', ext.heartbeat)}"]
        early = ("accepted" if p.early_data else "not accepted") if said("early_data") else NOT_SPECIFIED
        rows: list[tuple[Inline, Inline]] = [
            (t("TLS versions"), words(p.versions)),
            (t("Server applies its own cipher-suite order"),
             t(yes(p.server_preference) if said("server_preference") else NOT_SPECIFIED)),
            (t("Compression methods"), words("null (no compression)" if c == "null" else c for c in p.compression)),
            (t("Renegotiation"), t(renegotiation)),
            (t("Session resumption"), t(resume)),
            (t("Key-exchange groups (preference order)"), codes(p.groups)),
            (t("Signature algorithms (preference order)"), codes(p.signature_algorithms)),
            (t("Extensions"), t("; ".join(extensions))),
            (t("TLS 1.3 early data (0-RTT)"), t(early)),
        ]
        if p.performance is not None:
            perf = p.performance
            parts = []
            if perf.max_handshakes_per_second is not None:
                parts.append(f"up to {perf.max_handshakes_per_second} handshakes per second")
            if perf.max_sessions is not None:
                parts.append(f"up to {perf.max_sessions} sessions")
            text = with_notes("; ".join(parts), perf.notes) or DASH
            rows.append((t("Performance and resources"), t(text)))
        return rows

    def s_domains(self, s: Section) -> None:
        tls = self.profile.tls
        s.blocks.append(Paragraph(t(
            "The MGC selects the TLS domain when it creates a TLS endpoint; the MG then applies the domain's "
            "TLS profile and authenticates with the domain's certificate.")))
        rows = []
        for d in tls.domains:
            anchors = list(d.trust_anchors)
            rows.append((c(d.name), c(d.tls_profile), _code_or_dash(d.certificate), opt(d.server_name),
                         words(anchors), opt(d.trusted_third_party), opt(d.description)))
        s.blocks.append(self.table("TLS domains", ("TLS domain", "TLS profile", "Certificate", "Server name (SNI)",
                                                   "Extra trust anchors", "Trusted third party", "Description"),
                                   rows, keys=("domains",)))

    def s_auth(self, s: Section) -> None:
        for prof in self.profile.tls.profiles:
            a = prof.authentication
            rows: list[tuple[Inline, Inline]] = [
                (t("Server authentication"), t(label(a.server))),
                (t("Client authentication"), t(label(a.client))),
                (t("Methods"), words(AUTH_METHODS[m] for m in a.methods)),
                (t("On authentication failure"), t(_on_failure(a.on_failure))),
                (t("Conditions for continuing"),
                 words(a.continue_conditions) if a.continue_conditions else
                 t("Not applicable: the session never continues" if a.on_failure == "terminate" else DASH)),
                (t("Fingerprint hash"), opt(a.fingerprint_hash)),
                (t("Trust anchors"), words(a.trust_anchors)),
            ]
            if a.psk is not None:
                psk = a.psk
                text = (f"identity up to {psk.identity_max_octets} octets; identity hint "
                        f"{'sent' if psk.identity_hint else 'not sent'}")
                if psk.min_key_octets is not None:
                    text += f"; keys of at least {psk.min_key_octets} octets"
                text = with_notes(text, psk.notes)
                rows.append((t("Pre-shared keys"), t(text)))
            if a.trusted_third_party is not None:
                ttp = a.trusted_third_party
                rows.append((t("Trusted third party"), t(f"{ttp.kind}, selected {label(ttp.selection).lower()}")))
            s.blocks.append(self.table(f"TLS profile {prof.id}: authentication", ("Item", "Value"), rows,
                                       keys=(f"auth:{prof.id}", "auth", f"at:authentication:{prof.id}")))

    def s_bindings(self, s: Section) -> None:
        b = self.profile.tls.bindings
        s.blocks.append(Paragraph(t(
            "Each capability of the guideline is realised by an element of one of the profile's packages.")))
        meaning: list[tuple[str, str, str]] = [
            ("tls_domain", "TLS domain selection", "R-8.1/1"),
            ("tls_role", "TLS client/server role", "R-8.2/2, R-8.2/3"),
            ("tcp_role", "TCP client/server role", "R-6/1"),
            ("tcp_mode", "TCP proxy/relay mode", "R-6/1"),
            ("tcp_setup", "TCP connection set-up control", "R-6/3"),
            ("psk_identity", "PSK identity", "R-8.3.3/4"),
            ("psk_identity_hint", "PSK identity hint", "R-8.3.3/5"),
            ("remote_fingerprint", "Remote certificate fingerprint", "R-8.3.2.2.1/1"),
            ("local_fingerprint", "Local certificate fingerprint (in the creation reply)", "R-8.3.2.2.2/1"),
            ("ttp_service", "Trusted third-party service", "R-8.3.4/3"),
            ("tcp_closure_event", "TCP connection closure event", "R-6/5"),
            ("tls_termination_event", "TLS session termination event", "R-8.5.1/1 to R-8.6/1"),
            ("renegotiation_trigger", "Renegotiation trigger", "R-8.4/2"),
        ]
        rows = []
        for name, what, refs in meaning:
            binding = getattr(b, name)
            if binding is None:
                rows.append((t(what), t("Not bound"), t(DASH), t(refs)))
            else:
                rows.append((t(what), self.element_cell(binding.element), _binding_values(binding), t(refs)))
        s.blocks.append(self.table("Capability bindings", ("Capability", "Package element", "Values", "Guideline"),
                                   rows, keys=("bindings",)))
        ev = b.tls_termination_event
        if ev is not None:
            order = ("close_notify", "fatal_alert", "local_termination", "handshake_failure",
                     "renegotiation_failure", "tcp_closure")
            rows2 = []
            for reason in order:
                value = ev.reasons.get(reason)  # type: ignore[call-overload]
                rows2.append((t(label(reason)), c(f"{ev.reason_parameter} = {value}") if value is not None
                              else t("Not reported")))
            s.blocks.append(self.table(f"TLS session termination reasons reported by {ev.element}",
                                       ("Reason", "ObservedEvents parameter"), rows2, keys=("termination",)))

    def s_statistics(self, s: Section) -> None:
        stats = self.profile.tls.bindings.statistics
        if not stats:
            s.blocks.append(Paragraph(t("The profile lists no TLS statistics.")))
            return
        s.blocks.append(Paragraph(t(
            "The MG collects the following statistics per stream endpoint; the MGC retrieves them with "
            "AuditValue and in the reply to Subtract.")))
        rows = []
        for binding in stats:
            found = self.resolve(binding.element)
            item = found[1] if found is not None else None
            rows.append((self.element_cell(binding.element)[:1], opt(getattr(item, "name", None)),
                         opt(getattr(item, "type", None)), opt(getattr(item, "unit", None)),
                         opt(binding.notes or getattr(item, "description", None))))
        s.blocks.append(self.table("TLS statistics", ("Statistic", "Name", "Type", "Unit", "Description"), rows,
                                   keys=("statistics",)))

    def s_audit(self, s: Section) -> None:
        audit = self.profile.tls.bindings.capability_audit
        s.blocks.append(Paragraph(t(
            "The MGC audits the MG's TLS capabilities with AuditCapabilities or AuditValue on these read-only "
            "properties.")))
        rows = []
        for name, what in (("versions", "Supported TLS versions"), ("cipher_suites", "Supported cipher suites"),
                           ("compression", "Supported compression methods"),
                           ("resumption", "Session resumption support"),
                           ("renegotiation", "Renegotiation support")):
            binding = getattr(audit, name) if audit is not None else None
            rows.append((t(what), self.element_cell(binding.element) if binding is not None else t("Not bound")))
        s.blocks.append(self.table("Auditable TLS capabilities", ("Capability", "Property"), rows, keys=("audit",)))

    # Annex A

    def annex_conformance(self, traces: Sequence[Trace]) -> Section:
        section = Section("A", "Conformance", 1, annex=True)
        base = _baseline_title(self.baseline)
        against = f"the security baseline {base}" if base else "a security baseline"
        section.blocks.append(Paragraph(t(
            f"This annex states how the profile conforms to the guideline H.248.TLSPROF (clause A.1) and to "
            f"{against} (clause A.2).")))
        section.children.append(self.annex_guideline(traces))
        section.children.append(self.annex_baseline())
        return section

    def annex_guideline(self, traces: Sequence[Trace]) -> Section:
        section = Section("A.1", "Guideline requirements (H.248.TLSPROF)", 2)
        section.blocks.append(Paragraph(t(
            "One row per requirement of the guideline H.248.TLSPROF: the requirement in brief, its status for "
            "this profile, and where this document shows how the profile meets it. \"Met, with remarks\" means "
            "that the profile meets the requirement but departs from a recommendation related to it; the codes "
            "in brackets identify the findings. Findings against the security baseline do not change these "
            "statuses; clause A.2 reports them. "
            "\"Deviation\" means that the profile departs from the requirement for "
            "the reason given. Requirements on implementation behaviour that a profile can only reference are "
            "marked as such.")))
        rows = []
        for tr in traces:
            rows.append((t(tr.id), t(f"{tr.level}, {tr.actor}"), sentence(tr.summary), t(_status(tr, self.owner)),
                         self.where_cell(tr.id)))
        section.blocks.append(self.table("Conformance to H.248.TLSPROF",
                                         ("Requirement", "Level, actor", "Requirement in brief", "Status",
                                          "Where in this profile"), rows, annex="A"))
        return section

    def annex_baseline(self) -> Section:
        base = _baseline_title(self.baseline)
        section = Section("A.2", f"Security baseline: {base}" if base else "Security baseline", 2)
        active = [f for f in self.baseline_findings if f.suppressed is None]
        accepted = [f for f in self.baseline_findings if f.suppressed is not None]
        if base is None:
            text = "No security baseline was selected for this profile."
            if active or accepted:
                text += (" The checks of the order of precedence of the cipher suites, which apply without a "
                         "baseline, report the findings below.")
        else:
            from profilekit.trace import BASELINE_DOCUMENTS

            text = (f"The TLS profiles of clause {TLS_CLAUSE}.2 were checked against the security baseline "
                    f"{BASELINE_DOCUMENTS.get(self.baseline or '', base)}")
            text += (", and against the order of precedence that RFC 9325 recommends for cipher suites."
                     if _precedence_checked(self.baseline or "") else ".")
            if not active:
                text += (" The profile meets the baseline: the check reports no findings"
                         + (" other than the accepted deviations listed below." if accepted else "."))
        section.blocks.append(Paragraph(t(text)))
        header = ("Finding", "Severity", "Where in this profile", "Description")
        if active:
            section.blocks.append(Paragraph(t(
                "In the severity column, \"Error\" marks a departure from a mandatory provision (MUST, SHALL), "
                "\"Warning\" from a recommendation (SHOULD), and \"Information\" from a best practice.")))
            section.blocks.append(self.table(
                f"Findings against {base}" if base else "Cipher-suite precedence findings", header,
                ((t(f.code), t(SEVERITY_TEXT[f.severity.label]), self.finding_where(f), sentence(published(f.message)))
                 for f in active), annex="A"))
        if accepted:
            section.blocks.append(Paragraph(t(
                "The profile departs from the following provisions deliberately, for the reasons given.")))
            section.blocks.append(self.table(
                f"Accepted deviations from {base}" if base else "Accepted cipher-suite precedence deviations",
                (*header, "Reason"),
                ((t(f.code), t(SEVERITY_TEXT[f.severity.label]), self.finding_where(f),
                  sentence(published(f.message)),
                  sentence(str(f.suppressed))) for f in accepted), annex="A"))
        return section

    def finding_where(self, finding: Finding) -> Inline:
        """Where a finding points, as a table (and row) or clause of this document; else its YAML path."""
        m = _PROFILE_PATH.match(finding.yaml_path)
        profiles = self.profile.tls.profiles
        if m is None or int(m["index"]) >= len(profiles):
            return c(finding.yaml_path) if finding.yaml_path else t(DASH)
        pid = profiles[int(m["index"])].id
        field_name = m["field"] or ""
        kind = field_name if field_name in ("cipher_suites", "certificates", "authentication") else "params"
        key = {"cipher_suites": "suites"}.get(kind, kind)
        for entry in self.where.get(f"at:{key}:{pid}", ()):
            runs: list[Run] = [Run(entry.label, link=entry.anchor)]
            if kind == "cipher_suites" and m["item"] is not None:
                runs.append(Run(f", order {int(m['item']) + 1}"))
            elif kind == "params" and field_name in PARAMETER_ROWS:
                runs.append(Run(f", {PARAMETER_ROWS[field_name]}"))
            return tuple(runs)
        for entry in self.where.get(f"at:profile:{pid}", ()):
            return (Run("clause "), Run(entry.label, link=entry.anchor))
        return c(finding.yaml_path)

    def _baseline_note(self, s: Section, index: int) -> None:
        prefix = f"tls.profiles[{index}]"
        found = [f for f in self.baseline_findings if f.suppressed is None
                 and (f.yaml_path == prefix or f.yaml_path.startswith((prefix + ".", prefix + "[")))]
        if not found:
            return
        base = _baseline_title(self.baseline)
        errors = sum(1 for f in found if f.severity.label == "error")
        what = f"{len(found)} finding{'s' if len(found) > 1 else ''}"
        if errors:
            what += f" ({errors} error{'s' if errors > 1 else ''})"
        against = f"the security baseline {base}" if base else "the cipher-suite precedence checks"
        s.blocks.append(Paragraph((Run(f"Checked against {against}, this TLS profile has {what}; see "),
                                   Run("clause A.2", link="clause-a-2"), Run(".")), kind="note"))

    def owner(self, finding: Finding) -> str | None:
        """The id of the profile element a finding is about (a TLS profile, domain, termination type...):
        the innermost list item on its path that has an id; None when there is none."""
        node: Any = self.profile
        found: str | None = None
        for name, index in _PATH_STEP.findall(finding.yaml_path):
            node = getattr(node, name, None) if name else node
            if index:
                try:
                    node = node[int(index)]
                except (IndexError, KeyError, TypeError):
                    break
                ident = getattr(node, "id", None)
                if isinstance(ident, str):
                    found = ident
            if node is None:
                break
        return found

    def where_cell(self, rid: str) -> Inline:
        items: list[_Where] = []
        for key in WHERE.get(rid, ()):
            for entry in self.where.get(key, ()):
                if all(x.anchor != entry.anchor for x in items):
                    items.append(entry)
        if not items:
            return t(DASH)
        return join((Run(item.label, link=item.anchor),) for item in items)


WHERE: dict[str, tuple[str, ...]] = {
    "R-6/1": ("mode", "bindings"),
    "R-6/2": ("connection_model", "mode"),
    "R-6/3": ("bindings", "proc:tcp_setup"),
    "R-6/4": (),
    "R-6/5": ("bindings", "termination"),
    "R-7/1": ("domains",),
    "R-7/2": ("params",),
    "R-7/3": ("suites",),
    "R-7/4": ("params",),
    "R-7/5": ("params",),
    "R-7/6": ("params",),
    "R-7/7": ("auth",),
    "R-7/8": ("auth", "domains"),
    "R-8.1/1": ("bindings", "proc:tls_domain"),
    "R-8.1/2": ("domains",),
    "R-8.1/3": ("domains",),
    "R-8.2/1": ("mode",),
    "R-8.2/2": ("bindings", "proc:tls_role"),
    "R-8.2/3": ("bindings",),
    "R-8.3/1": ("auth",),
    "R-8.3/2": ("auth",),
    "R-8.3/3": ("auth",),
    "R-8.3/4": ("auth",),
    "R-8.3.1/1": ("auth",),
    "R-8.3.2/1": (),
    "R-8.3.2/2": (),
    "R-8.3.2/3": ("domains",),
    "R-8.3.2/4": ("domains",),
    "R-8.3.2.1/1": ("auth",),
    "R-8.3.2.1/2": ("auth",),
    "R-8.3.2.2.1/1": ("bindings", "proc:remote_fingerprint"),
    "R-8.3.2.2.1/2": (),
    "R-8.3.2.2.1/3": ("auth",),
    "R-8.3.2.2.2/1": ("bindings", "proc:local_fingerprint"),
    "R-8.3.2.2.2/2": ("auth",),
    "R-8.3.2.2.2/3": (),
    "R-8.3.3/1": ("suites", "auth"),
    "R-8.3.3/2": ("auth",),
    "R-8.3.3/3": ("bindings", "proc:psk_identity"),
    "R-8.3.3/4": ("bindings", "proc:psk_identity"),
    "R-8.3.3/5": ("bindings",),
    "R-8.3.4/1": ("auth",),
    "R-8.3.4/2": ("auth", "domains"),
    "R-8.3.4/3": ("auth", "bindings"),
    "R-8.4/1": ("params", "audit"),
    "R-8.4/2": ("params", "bindings", "proc:renegotiation_trigger"),
    "R-8.4/3": ("auth",),
    "R-8.4/4": ("termination",),
    "R-8.5.1/1": ("termination", "proc:tls_termination_event"),
    "R-8.5.2/1": ("termination",),
    "R-8.5.3/1": ("termination",),
    "R-8.6/1": ("termination",),
    "R-8.7/1": ("statistics",),
    "R-8.7/2": ("statistics", "commands"),
    "R-8.9/1": ("audit",),
    "R-8.10/1": ("params",),
}
"""Requirement id → outline keys of the tables/sections that show how the profile meets it."""


AUTH_METHODS = {
    "certificate_ca_signed": "CA-signed certificate",
    "certificate_self_signed": "Self-signed certificate (fingerprint)",
    "psk": "Pre-shared key",
    "trusted_third_party": "Trusted third party",
    "none": "None",
}

NOT_APPLICABLE = {
    "psk": "no TLS profile uses pre-shared keys",
    "ttp": "no TLS profile uses a trusted third party",
    "self_signed": "no TLS profile uses self-signed certificates",
    "ca_signed": "no TLS profile uses CA-signed certificates",
    "certificates": "no TLS profile uses certificates",
    "renegotiation": "no TLS profile supports renegotiation",
}
"""Why an item does not apply, by the trace's `applies_when` condition."""

_PATH_STEP = re.compile(r"\.?(\w*)(?:\[(\d+)\])?")
"""One step of a finding's yaml_path (`tls.profiles[0].renegotiation`): field name, optional list index."""

_PROFILE_PATH = re.compile(r"^tls\.profiles\[(?P<index>\d+)\](?:\.(?P<field>\w+)(?:\[(?P<item>\d+)\])?)?")

PARAMETER_ROWS = {
    "versions": "TLS versions", "server_preference": "server cipher-suite order", "compression": "compression",
    "renegotiation": "renegotiation", "resumption": "session resumption", "groups": "key-exchange groups",
    "signature_algorithms": "signature algorithms", "extensions": "extensions",
    "early_data": "TLS 1.3 early data", "performance": "performance and resources",
}
"""TLS profile field → the row of its parameters table that shows it (for Annex A.2 locations)."""

SEVERITY_TEXT = {"error": "Error", "warning": "Warning", "info": "Information"}


def _precedence_checked(baseline: str) -> bool:
    """Whether some cipher-suite precedence rule (PRC) runs under `baseline`."""
    from profilekit.rules.engine import applicable
    from profilekit.rules.registry import REGISTRY

    return any(rule.code.startswith("PRC") and applicable(rule, baseline) for rule in REGISTRY)


def _baseline_title(baseline: str | None) -> str | None:
    from profilekit.trace import BASELINE_TITLES

    return BASELINE_TITLES.get(baseline or "")


STATUS_TEXT = {
    "satisfied": "Met",
    "remarks": "Met, with remarks",
    "deviation": "Deviation",
    "violated": "Not met",
    "not_applicable": "Not applicable",
    "implementation_only": "Implementation behaviour (not checkable in the profile)",
}


def _status(tr: Trace, owner: Callable[[Finding], str | None] = lambda f: None) -> str:
    """The A.1 status cell; a deviation's reasons name the element (`owner`) each belongs to when a code
    has reasons for more than one element."""
    text = STATUS_TEXT.get(tr.status or "", "Not assessed")
    active = [f for f in tr.findings if getattr(f, "suppressed", None) is None]
    errors = sorted({f.code for f in active if f.severity.label == "error"})
    remarks = sorted({f.code for f in active if f.severity.label != "error"} - set(errors))
    if tr.status == "violated":
        text += f" ({', '.join(errors)})" if errors else ""
        text += f"; remarks ({', '.join(remarks)})" if remarks else ""
    elif tr.status == "remarks":
        text += f" ({', '.join(remarks)})" if remarks else ""
    elif tr.status == "deviation":
        accepted = [f for f in tr.findings if getattr(f, "suppressed", None) is not None]
        owners: dict[str, set[str | None]] = {}
        for f in accepted:
            owners.setdefault(f.code, set()).add(owner(f))
        reasons = sorted({f"{f.code}{f' for {owner(f)}' if len(owners[f.code]) > 1 and owner(f) else ''}: "
                          f"{' '.join(str(f.suppressed).split())}" for f in accepted})
        text += f" ({'; '.join(reasons)})" if reasons else ""
        text += f"; remarks ({', '.join(remarks)})" if remarks else ""
    elif tr.status == "not_applicable":
        why = NOT_APPLICABLE.get(getattr(tr, "applies_when", ""), tr.reason)
        text += f": {' '.join(why.split())}" if why else ""
    return text


INITIATORS = {"mg": "the MG", "client": "the TLS client", "server": "the TLS server"}
"""Renegotiation initiators in words."""

KEY_TYPES = {"rsa": "RSA", "ecdsa": "ECDSA", "ed25519": "Ed25519", "ed448": "Ed448", "dsa": "DSA"}


def _hash_name(value: str) -> str:
    """`sha256` → "SHA-256", `md5` → "MD5" (as the hash functions are written in prose)."""
    m = re.fullmatch(r"sha(\d+)", value)
    if m:
        return "SHA-1" if m[1] == "1" else f"SHA-{m[1]}"
    return value.upper()


def _and(items: Iterable[str]) -> str:
    values = list(items)
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def _package_heading(name: str, pid: str) -> str:
    """"TCP connection control (tcpx)"; a name that ends in its own parenthesis, such as "TCP basic
    connection control (illustrative)", gets "…, package tcpbcc" rather than a second parenthesis."""
    if name.rstrip().endswith(")"):
        return f"{name.rstrip()}, package {pid}"
    return f"{name} ({pid})"


EXTENSION_WORDS = {
    "extended_master_secret": "extended master secret (RFC 7627)",
    "encrypt_then_mac": "encrypt-then-MAC (RFC 7366)",
    "ocsp_stapling": "OCSP stapling",
    "server_name_indication": "server name indication",
    "truncated_hmac": "truncated HMAC",
    "heartbeat": "heartbeat",
}
"""TLS profile extension fields → how the document names them (as in the parameters table)."""

_FIX_CLAUSE = re.compile(r";\s+(?:state|set|use|list|add|remove|move|replace|delete|drop|write)\b[^;]*$")
"""A validator message's closing advice to the YAML editor ("; state `extended_master_secret: required`")."""


def published(message: str) -> str:
    """A finding's message as specification prose (Annex A.2): the closing advice to the YAML editor
    dropped, YAML field names in words, no code quotes."""
    text = _FIX_CLAUSE.sub("", message.strip())
    for name, words_ in EXTENSION_WORDS.items():
        text = re.sub(rf"\bdoes not state extensions\.{name}\b", f"does not state whether it uses {words_}", text)
        text = re.sub(rf"\b(?:extensions\.)?{name}\b", words_, text)
    return text.replace("`", "")


def with_notes(text: str, notes: str | None) -> str:
    """A cell's value followed by the editor's notes, one style everywhere: "not supported. BFCP connections
    are short; …" — the notes as a sentence of their own after a full stop, never in brackets."""
    note = " ".join(notes.split()) if notes else ""
    if not note:
        return text
    if not text:
        return note
    return f"{text}{'' if text.endswith(('.', '!', '?')) else '.'} {note}"


def _notes(section: Section, notes: str | None) -> None:
    if notes:
        section.blocks.append(Paragraph(sentence(notes), kind="note"))


def _editor_line(editor: Any) -> str:
    parts = [editor.name]
    if editor.organization:
        parts.append(editor.organization)
    if editor.email:
        parts.append(editor.email)
    return ", ".join(parts)


def _editor_list(editors: Sequence[Any]) -> str:
    return "; ".join(_editor_line(e) for e in editors)


def _code_or_dash(value: str | None) -> Inline:
    return c(value) if value else t(DASH)


def _direction(value: str) -> str:
    return {"MGC_to_MG": "MGC to MG", "MG_to_MGC": "MG to MGC", "both": "in both directions"}[value]


def _wildcards(value: str) -> str:
    return {"none": "none", "choose": "CHOOSE ($)", "all": "ALL (*)", "choose_and_all": "CHOOSE ($) and ALL (*)"
            }[value]


def _on_failure(value: str) -> str:
    return {"terminate": "Terminate the session", "continue": "Continue the session",
            "continue_if": "Continue only under the conditions listed"}[value]


def _scalar(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _values(p: Parameter) -> Inline:
    if p.values:
        return codes(_scalar(v) for v in p.values)
    if p.range is not None:
        lo = DASH if p.range.min is None else str(p.range.min)
        hi = DASH if p.range.max is None else str(p.range.max)
        return t(f"{lo} to {hi}")
    return t(DASH)


def _values_default(p: Parameter) -> Inline:
    values = _values(p)
    default = _scalar(p.default)
    if default is None:
        return values
    if plain(values) == DASH:
        return (Run("default "), Run(default, code=True))
    return (*values, Run("; default "), Run(default, code=True))


def _params(params: Sequence[Parameter]) -> Inline:
    if not params:
        return t(DASH)
    parts = []
    for p in params:
        # "mandatory" leads, so that it cannot be read as one of the enumeration's values
        text = f"{p.id} ({'mandatory; ' if p.mandatory else ''}{p.type}"
        if p.values:
            text += ": " + ", ".join(str(_scalar(v)) for v in p.values)
        parts.append(t(text + ")"))
    return join(parts, "; ")


def _binding_values(binding: Binding) -> Inline:
    parts = [f"{k}: {_scalar(v)}" for k, v in binding.values.items()]
    text = with_notes(", ".join(parts), binding.notes)
    return t(text) if text else t(DASH)


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


def _study_period(day: dt.date) -> str | None:
    """The ITU-T study period `day` falls in, or None outside the known ones (the caller says so)."""
    if day > STUDY_PERIODS_KNOWN_UNTIL:
        return None
    found = None
    for start, name in STUDY_PERIODS:
        if day >= start:
            found = name
    return found


def build_outline(loaded: LoadedProfile, *, traces: Sequence[Trace] | None = None,
                  contribution: bool = False, findings: Sequence[Finding] = (),
                  baseline: str | None = None) -> Outline:
    """The document outline of a loaded profile; `traces` adds Annex A (with `findings`, the profile's
    findings run under `baseline`, its clause A.2 on the security baseline); `contribution` the cover.

    When the profile lists no abbreviations, clause 4 lists the standard ones the rest of the text uses
    (profilekit.render.glossary); clause 2.2 also lists the documents the text cites that the profile does
    not (profilekit.render.citations): a first pass builds the text, the second the document with them.
    """
    from profilekit.render.citations import missing_references

    def builder(derived: Sequence[tuple[str, str]] = (), added: Sequence[tuple[str, str]] = ()) -> _Builder:
        return _Builder(loaded, findings=findings, baseline=baseline, annex=traces is not None,
                        derived_abbreviations=derived, added_references=added)

    draft = builder().build(traces, contribution)
    added, unknown = missing_references(reader_text(draft), (r.id for r in loaded.profile.references))
    derived: Sequence[tuple[str, str]] = ()
    if not loaded.profile.abbreviations:
        from profilekit.render.glossary import used_abbreviations

        derived = used_abbreviations(reader_text(draft))
    outline = builder(derived, added).build(traces, contribution) if derived or added else draft
    if added:
        outline.notices.append(f"clause 2.2 adds {len(added)} informative reference(s) the document's text cites "
                               f"but the profile does not list: {', '.join(i for i, _ in added)}")
    if unknown:
        outline.notices.append(f"the document's text cites {', '.join(unknown)}, which the profile's references "
                               "do not list; add them to `references:`")
    return outline


def reader_text(outline: Outline) -> Iterator[str]:
    """The prose a reader sees: title, headings, paragraphs, captions and cells, without code (identifiers,
    commands) and without clause 4 itself."""
    def runs(items: Inline) -> str:
        return "".join(run.text for run in items if not run.code)

    yield outline.title
    for paragraph in outline.front:
        yield runs(paragraph.runs)
    tables = [outline.cover.table] if outline.cover is not None else []
    for section in outline.walk():
        if section.number == "4":
            continue
        yield section.title
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield runs(block.runs)
            elif isinstance(block, Table):
                tables.append(block)
    for table in tables:
        yield table.caption
        yield from table.header
        for row in table.rows:
            yield from (runs(cell) for cell in row)
