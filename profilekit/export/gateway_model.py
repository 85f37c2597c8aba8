"""The shape of the gateway export document: pydantic models (the TLS part in gateway_tls_model) from which
schemas/gateway-profile.schema.json is generated (gateway_schema).

Every field is required (nullable where the profile may be silent), so a consumer never has to guess a
default. `SCHEMA_VERSION` is this export's own version: independent of the profile's version and of the
YAML format version. Bump the minor for additions, the major for anything a consumer could trip over.

Compatibility (docs/gateway-export.md): the models are closed (the producer never writes an undocumented
key), but the published schema leaves objects open and accepts any 1.x `schema_version`, so a consumer
validating against the 1.x schema it was built with keeps accepting later 1.y exports.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import StringConstraints

from profilekit.export.gateway_tls_model import OpenSsl, Out, TlsProfile

SCHEMA_VERSION = "1.2"

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Generator(Out):
    name: Literal["profilekit"]
    """Always `profilekit`."""
    version: str
    """profilekit version that wrote the export."""


class BasedOn(Out):
    name: str
    """Name of the profile this one is based on."""
    version: int
    """Version of that profile."""


class ProfileId(Out):
    """Clause 1 identification: `name`/`version` is what ServiceChangeProfile carries."""

    name: str
    """Profile name, as carried in ServiceChangeProfile."""
    version: int
    """Profile version, as carried in ServiceChangeProfile."""
    title: str
    """Title of the specification."""
    status: str
    """Document status: draft, consented, approved, published, superseded or withdrawn."""
    date: str
    """ISO date (YYYY-MM-DD) of this profile version."""
    body: str
    """Responsible standards body and working group."""
    illustrative: bool
    """True when the profile is an example whose package ids are not normative."""
    based_on: BasedOn | None
    """The profile this one extends; null when it stands alone."""


class SourceFile(Out):
    file: str
    """Path relative to the profile's folder (the profile itself: its file name)."""
    sha256: Sha256
    """SHA-256 of the file's bytes as read."""


class Source(Out):
    file: str
    """File name of the profile that was exported."""
    sha256: Sha256
    """SHA-256 of the profile file's bytes as read."""
    format_version: int
    """Version of the YAML format of the source (not of the profile)."""
    libraries: list[SourceFile]
    """Imported package libraries, sorted by path."""


class Domain(Out):
    name: str
    """Value of the TLS domain property the MGC sends."""
    description: str | None
    """Text of the TLS domain; null when there is none."""
    server_name: str | None
    """Server name (SNI) of the domain; null when none is set."""
    certificate: str | None
    """The profile's text about the MG's certificate for this domain, verbatim: a file path, a name or a
    short description (e.g. `self-signed: sbc-msrp-alpha (regenerated every 30 days)`); never key material.
    Not necessarily a path: use `certificate_path`."""
    certificate_path: str | None
    """`certificate` when it is a single file path (no white space; ends in .pem, .crt, .cer, .der, .p7b,
    .p12 or .pfx), relative to wherever the gateway keeps its credentials; null otherwise (since 1.1)."""
    trust_anchors: list[str]
    """The TLS profile's trust anchors followed by the domain's own, without repeats."""
    trusted_third_party: str | None
    """Trusted third-party service of the domain; null when none is named."""
    tls: TlsProfile
    """The TLS profile the domain applies, fully resolved."""
    mg_roles: list[Literal["client", "server"]]
    """TLS roles the MG takes in this domain: those of the termination types whose mode lists the domain
    (`terminations.types[].mode`); empty when no termination type names it (since 1.1)."""
    openssl: OpenSsl
    """OpenSSL settings derived from that TLS profile."""


class ElementBinding(Out):
    package: str
    """Package id."""
    element: str
    """Element id within the package (`*` for the whole package)."""
    kind: Literal["property", "event", "signal", "statistic"] | None
    """Kind of the element in its package; null for a whole-package wildcard (`pkg/*`)."""
    package_serial: int | None
    """IANA package serial where the profile gives one."""
    package_version: int
    """Version of the package."""
    illustrative: bool
    """True when the package id/serial are placeholders, not normative values."""
    values: dict[str, str | int | bool]
    """Meaning → value of the element (e.g. `client` → `c`)."""
    notes: str | None
    """The profile's text on this binding, verbatim; null when there is none (since 1.1)."""


class TerminationEventBinding(ElementBinding):
    reason_parameter: str
    """ObservedEvents parameter of the event that carries the reason."""
    reasons: dict[str, str | int]
    """Reason class (close_notify, fatal_alert, local_termination, handshake_failure, renegotiation_failure,
    tcp_closure) → the parameter value that reports it."""


class Capabilities(Out):
    """Which package element realises each capability of H.248.TLSPROF (null: not bound)."""

    tls_domain: ElementBinding | None
    """Property by which the MGC selects the TLS domain (R-8.1/1)."""
    tls_role: ElementBinding | None
    """Property by which the MGC sets the TLS client/server role (R-8.2/2)."""
    tcp_role: ElementBinding | None
    """Property by which the MGC sets the TCP client/server role (R-6/1)."""
    tcp_mode: ElementBinding | None
    """Property by which the MGC sets TCP proxy/relay mode (R-6/1)."""
    tcp_setup: ElementBinding | None
    """Signal or property by which the MGC controls TCP connection set-up (R-6/3)."""
    psk_identity: ElementBinding | None
    """Property that gives the PSK identity (R-8.3.3/4)."""
    psk_identity_hint: ElementBinding | None
    """Property that gives the PSK identity hint (R-8.3.3/5)."""
    remote_fingerprint: ElementBinding | None
    """Property that carries the peer's certificate fingerprint (R-8.3.2.2.1/1)."""
    local_fingerprint: ElementBinding | None
    """Property in which the MG returns its own certificate fingerprint (R-8.3.2.2.2/1)."""
    ttp_service: ElementBinding | None
    """Property that selects the trusted third-party service (R-8.3.4/3)."""
    tcp_closure_event: ElementBinding | None
    """Event that reports a closed TCP connection (R-6/5)."""
    tls_termination_event: TerminationEventBinding | None
    """Event that reports a TLS session termination and its reason (R-8.5.x, R-8.6/1)."""
    renegotiation_trigger: ElementBinding | None
    """Signal or property by which the MGC triggers renegotiation (R-8.4/2)."""


class Audit(Out):
    versions: ElementBinding | None
    """Read-only property listing the supported TLS versions."""
    cipher_suites: ElementBinding | None
    """Read-only property listing the supported cipher suites."""
    compression: ElementBinding | None
    """Read-only property listing the supported compression methods."""
    resumption: ElementBinding | None
    """Read-only property telling whether session resumption is supported."""
    renegotiation: ElementBinding | None
    """Read-only property telling whether renegotiation is supported."""


class PackageRef(Out):
    id: str
    """Package id."""
    name: str
    """Package name."""
    version: int
    """Package version."""
    serial: int | None
    """IANA package serial; null where the profile gives none."""
    illustrative: bool
    """True when the package id/serial are placeholders, not normative values."""
    support: Literal["mandatory", "optional"]
    """Whether the profile makes the package mandatory or optional."""
    reference: str | None
    """Specification that defines the package; null when the profile gives none."""
    origin: str
    """`inline`, or the library file (relative to the profile's folder) that defines it."""


class GatewayExport(Out):
    """A resolved, normalised view of one H.248 TLS profile for gateway builds (profilekit gateway export)."""

    schema_version: Annotated[str, StringConstraints(pattern=r"^1\.[0-9]+$")]
    """Version of this export format, `1.<minor>` (see gateway-profile.schema.json): minors only add fields."""
    kind: Literal["profilekit-gateway-profile"]
    """Always `profilekit-gateway-profile`: what this document is."""
    profile: ProfileId
    """Identification of the exported profile."""
    generator: Generator
    """The tool that wrote the export."""
    source: Source
    """The files the export was made from, with their SHA-256."""
    domains: list[Domain]
    """In the profile's order."""
    capabilities: Capabilities
    """Which package element realises each H.248.TLSPROF capability."""
    statistics: list[ElementBinding]
    """Statistics the MG keeps per TLS endpoint, in the profile's order."""
    audit: Audit
    """Read-only capability properties the MGC audits."""
    packages: list[PackageRef]
    """Packages the profile uses, in the profile's order."""
    notes: str | None
    """The profile's general text on its TLS part (`tls.notes`), verbatim; null when there is none (since
    1.1)."""
