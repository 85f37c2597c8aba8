"""The shape of the gateway export: pydantic models from which schemas/gateway-profile.schema.json is generated.

Every field is required (nullable where the profile may be silent), so a consumer never has to guess a
default. `SCHEMA_VERSION` is this export's own version: independent of the profile's version and of the
YAML format version. Bump the minor for additions, the major for anything a consumer could trip over.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = "1.0"

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
TlsVersionName = Literal["SSL3.0", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"]


class Out(BaseModel):
    """Closed objects: an unknown key in an export means a producer/consumer version mismatch."""

    model_config = ConfigDict(extra="forbid")


class Generator(Out):
    name: Literal["profilekit"]
    version: str
    """profilekit version that wrote the export."""


class BasedOn(Out):
    name: str
    version: int


class ProfileId(Out):
    """Clause 1 identification: `name`/`version` is what ServiceChangeProfile carries."""

    name: str
    version: int
    title: str
    status: str
    date: str
    """ISO date (YYYY-MM-DD) of this profile version."""
    body: str
    illustrative: bool
    """True when the profile is an example whose package ids are not normative."""
    based_on: BasedOn | None


class SourceFile(Out):
    file: str
    """Path relative to the profile's folder (the profile itself: its file name)."""
    sha256: Sha256
    """SHA-256 of the file's bytes as read."""


class Source(Out):
    file: str
    sha256: Sha256
    format_version: int
    """Version of the YAML format of the source (not of the profile)."""
    libraries: list[SourceFile]
    """Imported package libraries, sorted by path."""


class Version(Out):
    name: TlsVersionName
    wire: Annotated[str, StringConstraints(pattern=r"^0x03[0-9A-F]{2}$")]
    """ProtocolVersion on the wire, e.g. `0x0303` for TLS 1.2."""
    openssl: str
    """OpenSSL protocol name (MinProtocol/MaxProtocol value), e.g. `TLSv1.2`."""


class Suite(Out):
    precedence: Annotated[int, Field(ge=1)]
    """Position in the profile's single precedence list (1 = most preferred)."""
    iana: str
    code: Annotated[str, StringConstraints(pattern=r"^0x[0-9A-F]{2},0x[0-9A-F]{2}$")]
    """The 2-byte code point as IANA writes it, e.g. `0xC0,0x2F`."""
    code_int: Annotated[int, Field(ge=0, le=0xFFFF)]
    """The code point as an integer, e.g. 49199."""
    openssl: str | None
    """OpenSSL name; null where OpenSSL has none."""
    key_exchange: str
    authentication: str
    cipher: str
    aead: bool
    forward_secret: bool
    min_version: TlsVersionName
    max_version: TlsVersionName
    usable: bool
    """True when at least one of the profile's versions can negotiate the suite."""


class CipherSuites(Out):
    """The profile's suites, TLS 1.3 and TLS ≤ 1.2 apart, each list in precedence order."""

    tls13: list[Suite]
    tls12_and_earlier: list[Suite]


class Compression(Out):
    name: Literal["null", "deflate", "lzs"]
    id: int
    """CompressionMethod id: null 0, deflate 1, lzs 64."""


class Renegotiation(Out):
    supported: bool
    secure_only: bool
    """Only RFC 5746 secure renegotiation."""
    initiators: list[Literal["client", "server", "mg"]]
    """Sorted."""
    mgc_trigger: bool


class Resumption(Out):
    session_ids: bool
    session_tickets: bool
    ticket_lifetime_s: int | None
    ticket_key_rotation_s: int | None
    tls13_psk_modes: list[Literal["psk_dhe_ke", "psk_ke"]]


class Psk(Out):
    identity_max_octets: int
    identity_hint: bool
    min_key_octets: int | None


class TrustedThirdParty(Out):
    kind: str
    selection: Literal["per_domain", "per_property"]


class Authentication(Out):
    server: Literal["required", "optional", "none"]
    client: Literal["required", "optional", "none"]
    methods: list[str]
    on_failure: Literal["terminate", "continue", "continue_if"]
    continue_conditions: list[str]
    fingerprint_hash: str | None
    """RFC 8122 hash function name of certificate fingerprints (e.g. `sha-256`)."""
    trust_anchors: list[str]
    """The TLS profile's trust anchors (the domain adds its own in `domains[].trust_anchors`)."""
    psk: Psk | None
    trusted_third_party: TrustedThirdParty | None


class Group(Out):
    name: str
    code: int
    """NamedGroup code point."""
    openssl: str | None
    openssl_since: str | None
    """First OpenSSL release that knows the group's name."""


class SignatureAlgorithm(Out):
    name: str
    code: Annotated[str, StringConstraints(pattern=r"^0x[0-9A-F]{4}$")]
    openssl: str | None
    openssl_since: str | None


class CertificateKey(Out):
    type: str
    min_bits: int


class Certificates(Out):
    key_types: list[CertificateKey]
    signature_hashes: list[str]
    max_lifetime_days: int | None


class Extensions(Out):
    extended_master_secret: Literal["required", "supported", "off"]
    encrypt_then_mac: bool
    ocsp_stapling: bool
    server_name_indication: bool
    truncated_hmac: bool
    heartbeat: bool


class Performance(Out):
    max_handshakes_per_second: int | None
    max_sessions: int | None


class TlsProfile(Out):
    """A TLS profile with every default filled in and every name resolved."""

    id: str
    description: str | None
    versions: list[Version]
    """Ascending."""
    min_version: Version
    max_version: Version
    cipher_suites: CipherSuites
    server_preference: bool
    compression: list[Compression]
    renegotiation: Renegotiation
    resumption: Resumption
    authentication: Authentication
    groups: list[Group]
    """Preference order."""
    signature_algorithms: list[SignatureAlgorithm]
    """Preference order."""
    certificates: Certificates | None
    extensions: Extensions
    early_data: bool
    performance: Performance | None


class OpenSslSettings(Out):
    """Keys and values of an openssl.cnf SSL_CONF section; null = key left out (OpenSSL's default)."""

    CipherString: str | None
    Ciphersuites: str
    MinProtocol: str
    MaxProtocol: str
    Protocol: str | None
    """Only when the profile's versions have a gap that Min/MaxProtocol cannot express."""
    Groups: str | None
    SignatureAlgorithms: str | None
    Options: str


class UnavailableSuite(Out):
    iana: str
    code: str
    reason: Literal["no_openssl_name"]
    detail: str


class OpenSslNote(Out):
    setting: str
    detail: str


class OpenSsl(Out):
    section: str
    """Suggested openssl.cnf section name."""
    settings: OpenSslSettings
    unavailable_in_openssl: list[UnavailableSuite]
    """Suites of the profile the settings cannot carry (left out of CipherString/Ciphersuites)."""
    notes: list[OpenSslNote]
    """Profile settings an SSL_CONF section cannot express: the gateway's code must apply them."""


class Domain(Out):
    name: str
    """Value of the TLS domain property the MGC sends."""
    description: str | None
    server_name: str | None
    certificate: str | None
    """Reference to the MG's certificate (never key material)."""
    trust_anchors: list[str]
    """The TLS profile's trust anchors followed by the domain's own, without repeats."""
    trusted_third_party: str | None
    tls: TlsProfile
    openssl: OpenSsl


class ElementBinding(Out):
    package: str
    element: str
    kind: Literal["property", "event", "signal", "statistic"] | None
    """Kind of the element in its package; null for a whole-package wildcard (`pkg/*`)."""
    package_serial: int | None
    """IANA package serial where the profile gives one."""
    package_version: int
    illustrative: bool
    """True when the package id/serial are placeholders, not normative values."""
    values: dict[str, str | int | bool]
    """Meaning → value of the element (e.g. `client` → `c`)."""


class TerminationEventBinding(ElementBinding):
    reason_parameter: str
    reasons: dict[str, str | int]


class Capabilities(Out):
    """Which package element realises each capability of H.248.TLSPROF (null: not bound)."""

    tls_domain: ElementBinding | None
    tls_role: ElementBinding | None
    tcp_role: ElementBinding | None
    tcp_mode: ElementBinding | None
    tcp_setup: ElementBinding | None
    psk_identity: ElementBinding | None
    psk_identity_hint: ElementBinding | None
    remote_fingerprint: ElementBinding | None
    local_fingerprint: ElementBinding | None
    ttp_service: ElementBinding | None
    tcp_closure_event: ElementBinding | None
    tls_termination_event: TerminationEventBinding | None
    renegotiation_trigger: ElementBinding | None


class Audit(Out):
    versions: ElementBinding | None
    cipher_suites: ElementBinding | None
    compression: ElementBinding | None
    resumption: ElementBinding | None
    renegotiation: ElementBinding | None


class PackageRef(Out):
    id: str
    name: str
    version: int
    serial: int | None
    illustrative: bool
    support: Literal["mandatory", "optional"]
    reference: str | None
    origin: str
    """`inline`, or the library file (relative to the profile's folder) that defines it."""


class GatewayExport(Out):
    """A resolved, normalised view of one H.248 TLS profile for gateway builds (profilekit gateway export)."""

    schema_version: Literal["1.0"]
    """Version of this export format (see gateway-profile.schema.json)."""
    kind: Literal["profilekit-gateway-profile"]
    profile: ProfileId
    generator: Generator
    source: Source
    domains: list[Domain]
    """In the profile's order."""
    capabilities: Capabilities
    statistics: list[ElementBinding]
    """Statistics the MG keeps per TLS endpoint, in the profile's order."""
    audit: Audit
    """Read-only capability properties the MGC audits."""
    packages: list[PackageRef]
    """Packages the profile uses, in the profile's order."""
