"""The document tree both renderers lay out: sections, paragraphs of inline runs, captioned tables, code
blocks, the contribution cover and the outline itself."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

DASH = "–"
"""Shown in a table cell that has no value (and in captions: "Table 3 – …", as ITU-T writes them)."""
NOT_SPECIFIED = "Not specified"
"""What the document says for a value the editor did not write (the model's default is no statement)."""


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
    """A paragraph of inline runs: body text, a NOTE, or a bullet list item."""

    runs: Inline
    kind: Literal["body", "note", "item", "centred", "entry"] = "body"
    """`note` paragraphs start with "NOTE –"; `item`s are bullet list entries; `centred` is a line such as
    "(This annex forms an integral part of this Recommendation.)"; an `entry` is one line of a two-column
    list (term, tab, explanation: the abbreviations of clause 4, the conditions under an ICS table), its
    first run the term."""


@dataclass(frozen=True)
class CodeBlock:
    """Verbatim text in monospace (an H.248 message of a procedure step)."""

    text: str
    label: str | None = None
    """e.g. "Command" or "Reply": a short line shown above the block."""


@dataclass(frozen=True)
class Table:
    """A numbered, captioned table; every cell is inline runs."""

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
    """A numbered clause (or annex) with its blocks and sub-clauses."""

    number: str
    """"5.7"; for an annex "A"."""
    title: str
    level: int
    """1 for clauses and annexes, 2 for sub-clauses, 3 below."""
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    annex: bool = False
    appendix: bool = False
    """An informative appendix ("Appendix I – …"): numbered with Roman numerals, not part of the profile."""
    extra_anchors: tuple[str, ...] = ()
    """Anchors that stay stable when numbering shifts, e.g. `package-tlsbsc`."""

    @property
    def heading(self) -> str:
        if self.annex:
            return f"Annex {self.number} {DASH} {self.title}"
        if self.appendix:
            return f"Appendix {self.number} {DASH} {self.title}"
        if not self.number:  # an unnumbered part, such as the Bibliography
            return self.title
        return f"{self.number} {self.title}"

    @property
    def anchor(self) -> str:
        if not self.number:
            return "-".join(self.title.lower().split())
        prefix = "annex-" if self.annex else "appendix-" if self.appendix else "clause-"
        return prefix + self.number.lower().replace(".", "-")

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Contact:
    """One contact box of a contribution cover (the ITU-T cover has one per contact)."""

    name: str
    organization: str | None = None
    country: str | None = None
    phone: str | None = None
    email: str | None = None


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
    contacts: tuple[Contact, ...] = ()
    """Each contact's name, organization, country, phone and e-mail, for a renderer that lays out one box per
    contact ("Contact" in `fields` has them all on one line)."""


@dataclass
class Outline:
    """The whole document: front matter, clauses, optional cover, and notices for the editor."""

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
    def applies_when(self) -> str: ...
    @property
    def findings(self) -> Sequence[Any]: ...


class OutlineError(Exception):
    """The profile lacks something the requested document needs (e.g. the contribution section)."""
