"""The state one document is built with: the profile, table numbering, the locations Appendix I points at,
the notices for the editor; and lookups every clause needs (stated values, package elements)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from profilekit.catalog.baselines import BASELINE_TITLES
from profilekit.catalog.references import citation_label, reference_key
from profilekit.render.outline.nodes import DASH, NOT_SPECIFIED, Inline, Paragraph, Run, Section, Table
from profilekit.render.outline.wording import inline_text
from profilekit.rules.facts import stated
from profilekit.trace import baseline_findings

if TYPE_CHECKING:
    from profilekit.findings import Finding
    from profilekit.load.loaded import LoadedProfile
    from profilekit.model.profile import Profile

CAPABILITY_BINDINGS: tuple[tuple[str, str, str], ...] = (
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
)
"""The fields of tls.bindings that bind one package element each (statistics and the audit are lists), the
capability in words and the guideline ids: the rows of the capability bindings table (clause 6.5)."""


@dataclass
class Location:
    """A place in the document: what a reader sees ("Table 12", "5.17.2") and the anchor it links to."""

    label: str
    anchor: str


class DocumentBuilder:
    """Everything the clause builders (front, template, tls, annex) share while one document is built."""

    def __init__(self, loaded: LoadedProfile, *, findings: Sequence[Finding] = (), baseline: str | None = None,
                 annex: bool = False, derived_abbreviations: Sequence[tuple[str, str]] = ()) -> None:
        self.loaded = loaded
        self.profile: Profile = loaded.profile
        self.table_count = 0
        self.annex_table_count: dict[str, int] = {}
        self.locations: dict[str, list[Location]] = {}
        """Catalogue location name (requirements.yaml `shown_in`) → the tables and clauses it names."""
        self.tls_profile_locations: dict[tuple[str, str], Location] = {}
        """(TLS profile id, part) → where that part is shown; parts: clause, parameters, cipher_suites,
        certificates, authentication. Appendix I.2 locates findings with it."""
        self.notices: list[str] = []
        self.baseline = baseline
        self.derived_abbreviations = derived_abbreviations
        """Clause 4 entries derived from the document text (used only when the profile lists none)."""
        self.baseline_findings = baseline_findings(findings) if annex else []
        """SEC and PRC findings (suppressed ones too) that Appendix I.2 reports; empty without the annex."""
        self.statement_clauses: list[str] = []
        """Numbers of the clauses whose generated paragraphs the editor's `text:` can replace, in order."""
        self.package_tables: dict[str, Location] = {}
        """`package/statistics` → the table of the package's clause that defines that kind of element."""

    @property
    def baseline_title(self) -> str | None:
        """How the document names the selected security baseline; None for none."""
        return BASELINE_TITLES.get(self.baseline or "")

    def stated(self, *path: str | int) -> bool:
        """Whether the editor wrote `path` in the profile (as opposed to a default of the model)."""
        return stated(self.loaded, path)

    def limit(self, value: int | None, *path: str | int) -> Inline:
        """A limit: its value; `null` written means no limit; left out means the profile does not say."""
        if value is not None:
            return inline_text(str(value))
        return inline_text("Not limited" if self.stated(*path) else NOT_SPECIFIED)

    @functools.cached_property
    def _identifiers(self) -> re.Pattern[str] | None:
        """The profile's names a reader needs as written (TLS domain names, termination types, packages and
        their elements, procedure ids): found in the editor's prose, they are set in code style."""
        names: set[str] = {d.name for d in self.profile.tls.domains}
        names |= {t.id for t in self.profile.terminations.types}
        for package_id, record in self.loaded.packages.items():
            names.add(package_id)
            for attr in ("properties", "events", "signals", "statistics"):
                names |= {f"{package_id}/{item.id}" for item in getattr(record.package, attr)}
        names = {n for n in names if len(n) > 2}
        if not names:
            return None
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<![\w/.-])(?:{alternatives})(?![\w/-])")

    def prose(self, text: str, *, collapse: bool = True) -> Inline:
        """The editor's text as one paragraph (line breaks collapsed, unless `collapse` is false: a table cell
        keeps the text as written), the profile's identifiers in it in code style: "selecting TLS domain
        `access_ue`"."""
        flat = " ".join(text.split()) if collapse else text
        pattern = self._identifiers
        if pattern is None:
            return inline_text(flat)
        runs: list[Run] = []
        end = 0
        for match in pattern.finditer(flat):
            if match.start() > end:
                runs.append(Run(flat[end:match.start()]))
            runs.append(Run(match.group(0), code=True))
            end = match.end()
        if end < len(flat):
            runs.append(Run(flat[end:]))
        return tuple(runs)

    def cite(self, ref_id: str) -> str:
        """How the text cites the reference `ref_id`: "[ITU-T H.248.1]", "[b-IETF RFC 9325]" for an informative
        one (in the Bibliography); an id the references do not list as "[id]" (GL015 reports it)."""
        key = reference_key(ref_id)
        for ref in self.profile.references:
            if reference_key(ref.id) == key:
                prefix = "b-" if ref.kind == "informative" else ""
                return f"[{prefix}{citation_label(ref.id, ref.title)}]"
        return f"[{ref_id}]"

    def prose_or_dash(self, text: str | None) -> Inline:
        """The editor's text for a table cell (`prose`), or a dash when there is none."""
        return self.prose(text, collapse=False) if text else inline_text(DASH)

    def notes(self, section: Section, notes: str | None) -> None:
        """The editor's notes of a clause, as a NOTE paragraph at the end of `section`."""
        if notes:
            section.blocks.append(Paragraph(self.prose(notes), kind="note"))

    def say(self, section: Section, *paragraphs: Inline) -> None:
        """The paragraphs profilekit writes for `section` from the model, or the editor's own text for that
        clause (`text:` in the profile, keyed by the clause number) in their place."""
        self.statement_clauses.append(section.number)
        own = self.profile.text.get(section.number)
        if own is not None:
            for part in re.split(r"\n[ \t]*\n", own):
                if part.strip():
                    section.blocks.append(Paragraph(self.prose(part)))
            return
        section.blocks.extend(Paragraph(runs) for runs in paragraphs if runs)

    # numbering and locations

    def table(self, caption: str, header: Sequence[str], rows: Iterable[Sequence[Inline]], *,
              shown_as: Iterable[str] = (), annex: str | None = None, form: bool = False) -> Table:
        """The next numbered table (1, 2, … in the body; A.1, A.2, … in an annex), recorded under the
        catalogue location names `shown_as`. Columns that say nothing are left out, except in a `form`, whose
        blank cells are for the reader to fill in."""
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
        columns = tuple(header)
        if not form:
            columns, body = drop_empty_columns(columns, body)
        table = Table(number=number, caption=caption, header=columns, rows=body)
        for name in shown_as:
            self.mark(name, Location(table.label, table.anchor))
        return table

    def mark(self, name: str, location: Location) -> None:
        """Record `location` under the catalogue location `name` (once per anchor)."""
        items = self.locations.setdefault(name, [])
        if all(item.anchor != location.anchor for item in items):
            items.append(location)

    def mark_tls_profile(self, profile_id: str, part: str, location: Location) -> None:
        """Record where `part` of a TLS profile is shown (the first one wins for a duplicated id)."""
        self.tls_profile_locations.setdefault((profile_id, part), location)

    # lookups

    def bound_elements(self) -> dict[str, str]:
        """Capability binding field → the package element bound to it (unbound ones left out)."""
        bindings = self.profile.tls.bindings
        out: dict[str, str] = {}
        for name, _, _ in CAPABILITY_BINDINGS:
            binding = getattr(bindings, name)
            if binding is not None:
                out[name] = binding.element
        return out

    def resolve(self, ref: str) -> tuple[str, Any] | None:
        """`pkg/element` → (kind, model) from the profile's packages, or None."""
        package_id, _, element_id = ref.partition("/")
        record = self.loaded.packages.get(package_id)
        if record is None:
            return None
        for kind, attr in (("property", "properties"), ("event", "events"), ("signal", "signals"),
                           ("statistic", "statistics")):
            for item in getattr(record.package, attr):
                if item.id == element_id:
                    return kind, item
        return None

    def element_cell(self, ref: str) -> Inline:
        """A package element as a cell: `pkg/element` linked to its package clause, with its kind and name."""
        found = self.resolve(ref)
        package_id = ref.partition("/")[0]
        link = f"package-{package_id}" if package_id in self.loaded.packages else None
        runs: list[Run] = [Run(ref, code=True, link=link)]
        if found is None:
            runs.append(Run(" (not defined in the profile's packages)"))
        else:
            kind, item = found
            runs.append(Run(f" ({kind}{': ' + item.name if getattr(item, 'name', None) else ''})"))
        return tuple(runs)

    def package_ids(self) -> list[str]:
        """Ids of the packages the profile uses that were loaded, in the profile's order."""
        ids = []
        for item in self.profile.packages:
            package_id = getattr(item, "use", None) or getattr(item, "id", "")
            if package_id in self.loaded.packages:
                ids.append(package_id)
        return ids


def drop_empty_columns(header: tuple[str, ...], rows: tuple[tuple[Inline, ...], ...]
                       ) -> tuple[tuple[str, ...], tuple[tuple[Inline, ...], ...]]:
    """A table without the columns whose every cell is a dash (the first column, which names the row,
    always stays): a column that says nothing is left out rather than printed empty."""
    if not rows:
        return header, rows
    keep = [0] + [index for index in range(1, len(header))
                  if any("".join(run.text for run in row[index]) not in (DASH, "") for row in rows)]
    if len(keep) == len(header):
        return header, rows
    return tuple(header[i] for i in keep), tuple(tuple(row[i] for i in keep) for row in rows)


def section_location(section: Section) -> Location:
    """A clause as a location: its number, linked to its anchor."""
    return Location(section.number, section.anchor)
