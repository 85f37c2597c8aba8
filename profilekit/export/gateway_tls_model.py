"""The TLS part of the gateway export's shape: a resolved TLS profile and its OpenSSL section (pydantic models).

`gateway_model.Domain` holds one of each; schemas/gateway-profile.schema.json is generated from both modules.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

TlsVersionName = Literal["SSL3.0", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"]


class Out(BaseModel):
    """Closed models: profilekit never writes a key the model does not declare. (The published schema opens
    them again for consumers; see `profilekit.export.gateway_schema`.)"""

    model_config = ConfigDict(extra="forbid")


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
    NumTickets: str | None
    """`0` when the profile allows neither session tickets nor session IDs and lists TLS 1.3: OpenSSL issues
    stateful TLS 1.3 tickets even under `-SessionTicket`; null otherwise (OpenSSL's default, 2). Since 1.2."""


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
