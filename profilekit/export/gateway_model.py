"""The shape of the gateway export: pydantic models from which schemas/gateway-profile.schema.json is generated.

Every field is required (nullable where the profile may be silent), so a consumer never has to guess a
default. `SCHEMA_VERSION` is this export's own version: independent of the profile's version and of the
YAML format version. Bump the minor for additions, the major for anything a consumer could trip over.

Compatibility (docs/gateway-export.md): the models are closed (the producer never writes an undocumented
key), but the published schema leaves objects open and accepts any 1.x `schema_version`, so a consumer
validating against the 1.x schema it was built with keeps accepting later 1.y exports.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = "1.1"
SCHEMA_MAJOR = "1"

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
TlsVersionName = Literal["SSL3.0", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"]


class Out(BaseModel):
    """Closed models: profilekit never writes a key the model does not declare. (The published schema opens
    them again for consumers; see `profilekit.model.schema.schema_for`.)"""

    model_config = ConfigDict(extra="forbid")


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


class Version(Out):
    name: TlsVersionName
    """TLS version as the profile writes it, e.g. `TLS1.2`."""
    wire: Annotated[str, StringConstraints(pattern=r"^0x03[0-9A-F]{2}$")]
    """ProtocolVersion on the wire, e.g. `0x0303` for TLS 1.2."""
    openssl: str
    """OpenSSL protocol name (MinProtocol/MaxProtocol value), e.g. `TLSv1.2`."""
    wire_int: Annotated[int, Field(ge=0x0300, le=0x03FF)]
    """ProtocolVersion as an integer, e.g. 771 for TLS 1.2 (since 1.1)."""


class Suite(Out):
    precedence: Annotated[int, Field(ge=1)]
    """Position in the profile's single precedence list (1 = most preferred)."""
    iana: str
    """IANA name of the cipher suite."""
    code: Annotated[str, StringConstraints(pattern=r"^0x[0-9A-F]{2},0x[0-9A-F]{2}$")]
    """The 2-byte code point as IANA writes it, e.g. `0xC0,0x2F`."""
    code_int: Annotated[int, Field(ge=0, le=0xFFFF)]
    """The code point as an integer, e.g. 49199."""
    openssl: str | None
    """OpenSSL name; null where OpenSSL has none."""
    key_exchange: str
    """Key exchange, e.g. `ecdhe`, `rsa`, `psk`, `ecdhe_psk`; `any` for TLS 1.3 suites."""
    authentication: str
    """Authentication, e.g. `rsa`, `ecdsa`, `psk`; `any` for TLS 1.3 suites."""
    cipher: str
    """Bulk cipher, e.g. `aes_128`, `chacha20`."""
    aead: bool
    """True for AEAD suites (GCM, CCM, ChaCha20-Poly1305)."""
    forward_secret: bool
    """True when the key exchange gives forward secrecy."""
    min_version: TlsVersionName
    """Lowest TLS version that can negotiate the suite."""
    max_version: TlsVersionName
    """Highest TLS version that can negotiate the suite."""
    usable: bool
    """True when at least one of the profile's versions can negotiate the suite."""


class CipherSuites(Out):
    """The profile's suites, TLS 1.3 and TLS ≤ 1.2 apart, each list in precedence order."""

    tls13: list[Suite]
    """TLS 1.3 suites (Ciphersuites in OpenSSL), most preferred first."""
    tls12_and_earlier: list[Suite]
    """TLS 1.2 and earlier suites (CipherString in OpenSSL), most preferred first."""


class Compression(Out):
    name: Literal["null", "deflate", "lzs"]
    """Compression method name."""
    id: int
    """CompressionMethod id: null 0, deflate 1, lzs 64."""


class Renegotiation(Out):
    supported: bool
    """Whether the MG renegotiates at all."""
    secure_only: bool
    """Only RFC 5746 secure renegotiation."""
    initiators: list[Literal["client", "server", "mg"]]
    """Who may start a renegotiation (sorted)."""
    mgc_trigger: bool
    """True when the MGC tells the MG when to renegotiate (see `capabilities.renegotiation_trigger`)."""
    notes: str | None
    """The profile's text on renegotiation, verbatim; null when there is none (since 1.1)."""


class Resumption(Out):
    session_ids: bool
    """Session-ID resumption (TLS 1.2 session cache)."""
    session_tickets: bool
    """Session tickets (RFC 5077 / TLS 1.3 tickets)."""
    ticket_lifetime_s: int | None
    """Ticket lifetime in seconds; null when the profile is silent."""
    ticket_key_rotation_s: int | None
    """Interval in seconds at which the ticket key is rotated; null when the profile is silent."""
    tls13_psk_modes: list[Literal["psk_dhe_ke", "psk_ke"]]
    """TLS 1.3 PSK key-exchange modes allowed for resumption."""
    notes: str | None
    """The profile's text on resumption, verbatim; null when there is none (since 1.1)."""


class Psk(Out):
    identity_max_octets: int
    """Longest PSK identity the MG accepts, in octets."""
    identity_hint: bool
    """Whether the MG (as server) sends a PSK identity hint."""
    min_key_octets: int | None
    """Shortest pre-shared key allowed, in octets; null when the profile is silent."""
    notes: str | None
    """The profile's text on PSKs (key provisioning, identity format such as `<device-id>@<grid-area>`),
    verbatim; null when there is none (since 1.1)."""


class TrustedThirdParty(Out):
    kind: str
    """Kind of trusted third-party service, e.g. `kerberos`."""
    selection: Literal["per_domain", "per_property"]
    """How the service is chosen per endpoint: by TLS domain or by an H.248 property."""


class SideAuthentication(Out):
    """How one side of the TLS session (server or client) is authenticated, spelled out (since 1.1)."""

    requirement: Literal["required", "optional", "none"]
    """Same as `authentication.server` / `authentication.client`: whether this side must be authenticated."""
    methods: list[Literal["certificate_ca_signed", "certificate_self_signed", "psk", "trusted_third_party"]]
    """Methods by which this side can be authenticated, in the profile's order; [] when `requirement` is
    `none`. A PSK (and a trusted third party) authenticates both sides at once."""
    certificate: Literal["required", "optional", "not_used"]
    """Whether this side presents an X.509 certificate that its peer verifies: `required` when certificates
    are the only method and authentication is required (for the client: the server requests a certificate
    and fails the handshake without one); `optional` when a certificate is one method among others or
    authentication is optional (the server requests but does not require one); `not_used` when no
    certificate method applies (for the client: no certificate is requested)."""
    summary: str
    """The above in one sentence, for people."""


class AuthenticationSides(Out):
    server: SideAuthentication
    """How the TLS server is authenticated."""
    client: SideAuthentication
    """How the TLS client is authenticated."""


class Authentication(Out):
    server: Literal["required", "optional", "none"]
    """Whether the TLS server is authenticated (the method: `sides.server`)."""
    client: Literal["required", "optional", "none"]
    """Whether the TLS client is authenticated. Not by itself a client-certificate requirement: with
    `methods: [psk]` the PSK authenticates the client; see `sides.client.certificate`."""
    methods: list[str]
    """Authentication methods the MG offers, e.g. `certificate_ca_signed`, `psk` (per side: `sides`)."""
    on_failure: Literal["terminate", "continue", "continue_if"]
    """What the MG does when authentication fails."""
    continue_conditions: list[str]
    """Conditions under which the session continues (with `continue_if`)."""
    fingerprint_hash: str | None
    """RFC 8122 hash function name of certificate fingerprints (e.g. `sha-256`)."""
    trust_anchors: list[str]
    """The TLS profile's trust anchors (the domain adds its own in `domains[].trust_anchors`)."""
    psk: Psk | None
    """Pre-shared key settings; null when PSK is not used."""
    trusted_third_party: TrustedThirdParty | None
    """Trusted third-party settings; null when none is used."""
    sides: AuthenticationSides
    """Which method authenticates each side, and whether each side presents a certificate (since 1.1)."""


class Group(Out):
    name: str
    """IANA name of the key-exchange group, e.g. `x25519`."""
    code: int
    """NamedGroup code point as an integer, e.g. 29 for x25519."""
    code_hex: Annotated[str, StringConstraints(pattern=r"^0x[0-9A-F]{4}$")]
    """The same code point as 4 hex digits, e.g. `0x001D` (since 1.1)."""
    openssl: str | None
    """OpenSSL name (Groups value); null where OpenSSL has none."""
    openssl_since: str | None
    """First OpenSSL release that knows the group's name."""


class SignatureAlgorithm(Out):
    name: str
    """IANA name of the signature scheme, e.g. `ecdsa_secp256r1_sha256`."""
    code: Annotated[str, StringConstraints(pattern=r"^0x[0-9A-F]{4}$")]
    """SignatureScheme code point, e.g. `0x0403`."""
    code_int: Annotated[int, Field(ge=0, le=0xFFFF)]
    """The same code point as an integer, e.g. 1027 (since 1.1)."""
    openssl: str | None
    """OpenSSL name (SignatureAlgorithms value); null where OpenSSL has none."""
    openssl_since: str | None
    """First OpenSSL release that knows the name."""


class CertificateKey(Out):
    type: str
    """Key type, e.g. `ecdsa`, `rsa`, `ed25519`."""
    min_bits: int
    """Smallest key size allowed, in bits."""


class Certificates(Out):
    key_types: list[CertificateKey]
    """Certificate key types the MG accepts, in the profile's order."""
    signature_hashes: list[str]
    """Hash functions allowed in certificate signatures."""
    max_lifetime_days: int | None
    """Longest certificate validity allowed, in days; null when the profile is silent."""


class Extensions(Out):
    extended_master_secret: Literal["required", "supported", "off"]
    """RFC 7627 extended master secret: required, supported or off."""
    encrypt_then_mac: bool
    """RFC 7366 encrypt-then-MAC for CBC suites."""
    ocsp_stapling: bool
    """OCSP stapling (status_request)."""
    server_name_indication: bool
    """Server name indication (SNI)."""
    truncated_hmac: bool
    """RFC 6066 truncated HMAC (should be false)."""
    heartbeat: bool
    """RFC 6520 heartbeat (should be false)."""


class Performance(Out):
    max_handshakes_per_second: int | None
    """Full handshakes per second the MG is dimensioned for."""
    max_sessions: int | None
    """Concurrent TLS sessions the MG is dimensioned for."""
    notes: str | None
    """The profile's text on cost and resources, verbatim; null when there is none (since 1.1)."""


class TlsProfile(Out):
    """A TLS profile with every default filled in and every name resolved."""

    id: str
    """Id of the TLS profile in the source."""
    description: str | None
    """Text of the TLS profile; null when there is none."""
    versions: list[Version]
    """Allowed TLS versions, ascending."""
    min_version: Version
    """Lowest allowed version."""
    max_version: Version
    """Highest allowed version."""
    cipher_suites: CipherSuites
    """Cipher suites in precedence order."""
    server_preference: bool
    """True when the MG as TLS server applies its own cipher-suite order."""
    compression: list[Compression]
    """Compression methods (normally only `null`)."""
    renegotiation: Renegotiation
    """Renegotiation policy."""
    resumption: Resumption
    """Session resumption policy."""
    authentication: Authentication
    """Authentication policy."""
    groups: list[Group]
    """Key-exchange groups in preference order."""
    signature_algorithms: list[SignatureAlgorithm]
    """Signature algorithms in preference order."""
    certificates: Certificates | None
    """Certificate requirements; null when the profile is silent."""
    extensions: Extensions
    """TLS extensions."""
    early_data: bool
    """Whether TLS 1.3 early data (0-RTT) is accepted."""
    performance: Performance | None
    """What the MG is dimensioned for; null when the profile is silent."""


class OpenSslSettings(Out):
    """Keys and values of an openssl.cnf SSL_CONF section; null = key left out (OpenSSL's default)."""

    CipherString: str | None
    """TLS 1.2-and-earlier suites in precedence order; null when the profile lists none that OpenSSL
    implements (then `notes` says so)."""
    Ciphersuites: str
    """TLS 1.3 suites in precedence order (empty string: none)."""
    MinProtocol: str
    """Lowest protocol version, e.g. `TLSv1.2`."""
    MaxProtocol: str
    """Highest protocol version, e.g. `TLSv1.3`."""
    Protocol: str | None
    """Only when the profile's versions have a gap that Min/MaxProtocol cannot express."""
    Groups: str | None
    """Key-exchange groups in preference order; null leaves OpenSSL's default."""
    SignatureAlgorithms: str | None
    """Signature algorithms in preference order; null leaves OpenSSL's default."""
    Options: str
    """Comma-separated SSL_CONF options, e.g. `-Compression, NoRenegotiation, ServerPreference`."""
    VerifyMode: str | None
    """Client-certificate policy of a TLS server context (`Request,Require` when the client's certificate is
    required, `Request` when optional); null when the domain does not authenticate clients by certificate
    (none, or PSK only). Added in 1.1."""


class UnavailableSuite(Out):
    iana: str
    """IANA name of the suite."""
    code: str
    """Its code point, e.g. `0xC0,0x2F`."""
    reason: Literal["no_openssl_name"]
    """Why OpenSSL cannot carry it."""
    detail: str
    """The reason in words."""


class OpenSslNote(Out):
    setting: str
    """Profile setting concerned, e.g. `ticket_lifetime_s`."""
    detail: str
    """What the gateway's code must do instead (e.g. which OpenSSL call to make)."""


class OpenSsl(Out):
    section: str
    """Suggested openssl.cnf section name."""
    settings: OpenSslSettings
    """The SSL_CONF keys and values."""
    unavailable_in_openssl: list[UnavailableSuite]
    """Suites of the profile the settings cannot carry (left out of CipherString/Ciphersuites)."""
    notes: list[OpenSslNote]
    """Profile settings an SSL_CONF section cannot express: the gateway's code must apply them."""


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
