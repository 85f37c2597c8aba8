"""The root documents: a profile (the 17 template clauses plus the TLS part) and a package library."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, StringConstraints, Tag

from profilekit.model.base import Name, Strict, Text
from profilekit.model.clauses import (
    CommandUse,
    ConnectionModel,
    ContextAttributes,
    DescriptorSupport,
    Encoding,
    Messages,
    Procedure,
    ProtocolVersion,
    SdpElement,
    Security,
    Terminations,
    Transactions,
    Transport,
)
from profilekit.model.meta import Abbreviation, Contribution, HistoryEntry, Identification, Reference, Term
from profilekit.model.packages import Package, PackageEntry, PackageUse
from profilekit.model.tls import TlsSection


def _package_kind(value: Any) -> str:
    return "PackageUse" if isinstance(value, dict) and "use" in value else "PackageEntry"


ClauseNumber = Annotated[str, StringConstraints(pattern=r"^[1-6](\.[1-9][0-9]?){0,2}$")]
"""A clause number of the document, e.g. `5.3`, `5.8.4`, `6.2.1`."""

PackageItem = Annotated[
    Annotated[PackageUse, Tag("PackageUse")] | Annotated[PackageEntry, Tag("PackageEntry")],
    Discriminator(_package_kind),
]

#: The 17 clauses of the H.248.1 profile template, in order: (number, title, model field).
TEMPLATE_CLAUSES: tuple[tuple[int, str, str], ...] = (
    (1, "Profile identification", "identification"),
    (2, "Summary", "summary"),
    (3, "Gateway control protocol version", "protocol_version"),
    (4, "Connection model", "connection_model"),
    (5, "Context attributes", "context_attributes"),
    (6, "Terminations", "terminations"),
    (7, "Descriptors", "descriptors"),
    (8, "Command API", "commands"),
    (9, "Generic command syntax and encoding", "encoding"),
    (10, "Transactions", "transactions"),
    (11, "Messages", "messages"),
    (12, "Transport", "transport"),
    (13, "Security", "security"),
    (14, "Packages", "packages"),
    (15, "Mandatory support of SDP and H.248.1 Annex C information elements", "sdp_mandatory"),
    (16, "Optional support of SDP and H.248.1 Annex C information elements", "sdp_optional"),
    (17, "Procedures", "procedures"),
)


class Profile(Strict):
    """An H.248.1 profile that secures TCP bearers with TLS, per ITU-T H.248.TLSPROF."""

    format_version: Literal[1] = 1
    """Version of this YAML format (not of the profile)."""
    imports: list[Name] = []
    """Package library files, relative to this file."""
    identification: Identification
    """Clause 1 - Profile identification: name, version, status, date, body, editors."""
    history: list[HistoryEntry] = []
    """Earlier and current versions of the profile (version, date, summary, contribution), oldest first."""
    summary: Text
    """Clause 2 - Summary: the use case in a paragraph (which gateway, which bearer, towards whom)."""
    scope: Text | None = None
    """Scope statement of the profile document (what is in and out of scope)."""
    references: list[Reference] = []
    """Normative and informative references cited by the profile."""
    terms: list[Term] = []
    """Terms defined elsewhere or by this profile."""
    abbreviations: list[Abbreviation] = []
    """Abbreviations and acronyms used in the profile."""
    contribution: Contribution | None = None
    """ITU-T cover page data, when the profile is submitted as a contribution."""
    protocol_version: ProtocolVersion
    """Clause 3 - Gateway control protocol version."""
    connection_model: ConnectionModel
    """Clause 4 - Connection model: contexts, terminations per context, topologies."""
    context_attributes: ContextAttributes = ContextAttributes()
    """Clause 5 - Context attributes supported by the profile."""
    terminations: Terminations
    """Clause 6 - Termination types, with each type's mode of operation (guideline clause 6)."""
    descriptors: list[DescriptorSupport] = []
    """Clause 7 - Descriptors and their support level."""
    commands: Annotated[list[CommandUse], Field(min_length=1)]
    """Clause 8 - Command API: one entry per H.248.1 command."""
    encoding: Encoding
    """Clause 9 - Generic command syntax and encoding (text and/or binary)."""
    transactions: Transactions = Transactions()
    """Clause 10 - Transactions: limits and timers."""
    messages: Messages
    """Clause 11 - Messages: MID format and size."""
    transport: Transport
    """Clause 12 - Transport of the control link."""
    security: Security
    """Clause 13 - Security of the control link."""
    packages: list[PackageItem] = []
    """Clause 14 - Packages: inline definitions, or `use:` of a package from an imported library."""
    sdp_mandatory: list[SdpElement] = []
    """Clause 15 - Mandatory SDP and H.248.1 Annex C information elements."""
    sdp_optional: list[SdpElement] = []
    """Clause 16 - Optional SDP and H.248.1 Annex C information elements."""
    procedures: list[Procedure] = []
    """Clause 17 - Procedures, as steps with example H.248 commands and replies."""
    tls: TlsSection
    """TLS profiles, TLS domains and capability bindings (guideline clauses 6-8)."""
    text: dict[ClauseNumber, Text] = {}
    """The editor's own text for a clause of the document, keyed by its number (`"5.8.4"`, `"6.1"`): it
    replaces the paragraphs profilekit writes for that clause from the model (its tables stay). Blank
    lines separate paragraphs. GL016 warns when the text contradicts the table beside it; GL017 when no
    clause has that number."""


class PackageLibrary(Strict):
    """A file of package definitions shared by several profiles (named under a profile's `imports`)."""

    format_version: Literal[1] = 1
    """Version of this YAML format."""
    kind: Literal["package_library"]
    """Marks the file as a package library, not a profile."""
    title: Text | None = None
    """Title of the library, shown in generated documents."""
    imports: list[Name] = []
    """Further package library files, relative to this file."""
    packages: Annotated[list[Package], Field(min_length=1)]
    """The package definitions this library provides."""
