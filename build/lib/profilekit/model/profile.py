"""The root documents: a profile (the 17 template clauses plus the TLS part) and a package library."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from profilekit.model.base import Strict, Text
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
from profilekit.model.meta import Abbreviation, Contribution, Identification, Reference, Term
from profilekit.model.packages import Package, PackageEntry, PackageUse
from profilekit.model.tls import TlsSection


def _package_kind(value: Any) -> str:
    return "PackageUse" if isinstance(value, dict) and "use" in value else "PackageEntry"


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
    imports: list[Text] = []
    """Package library files, relative to this file."""
    identification: Identification
    summary: Text
    scope: str | None = None
    references: list[Reference] = []
    terms: list[Term] = []
    abbreviations: list[Abbreviation] = []
    contribution: Contribution | None = None
    protocol_version: ProtocolVersion
    connection_model: ConnectionModel
    context_attributes: ContextAttributes = ContextAttributes()
    terminations: Terminations
    descriptors: list[DescriptorSupport] = []
    commands: Annotated[list[CommandUse], Field(min_length=1)]
    encoding: Encoding
    transactions: Transactions = Transactions()
    messages: Messages
    transport: Transport
    security: Security
    packages: list[PackageItem] = []
    sdp_mandatory: list[SdpElement] = []
    sdp_optional: list[SdpElement] = []
    procedures: list[Procedure] = []
    tls: TlsSection


class PackageLibrary(Strict):
    """A file of package definitions shared by several profiles (named under a profile's `imports`)."""

    format_version: Literal[1] = 1
    kind: Literal["package_library"]
    """Marks the file as a package library, not a profile."""
    title: str | None = None
    imports: list[Text] = []
    packages: Annotated[list[Package], Field(min_length=1)]
