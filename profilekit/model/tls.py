"""Guideline clauses 7-8: TLS profiles, TLS domains and the capability bindings to package elements."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from profilekit.catalog.ciphers import lookup
from profilekit.model.base import NOT_CURLY_QUOTED, ElementRef, Identifier, Name, Strict, Text

TlsVersion = Literal["SSL3.0", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"]
TLS_VERSIONS: tuple[str, ...] = ("SSL3.0", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3")
_VERSION_RE = re.compile(r"^(?:(ssl|tls)\s*v?\s*)?(\d)(?:[._](\d))?$", re.IGNORECASE)


def _normalise_version(value: Any) -> Any:
    """`TLSv1.2`, `tls1.2`, `TLS 1.2` and `1.2` all mean TLS1.2; `SSLv3` means SSL3.0."""
    if not isinstance(value, str):
        return value
    match = _VERSION_RE.match(value.strip())
    if not match:
        return value
    family, major, minor = (match.group(1) or "tls").upper(), match.group(2), match.group(3) or "0"
    return f"{family}{major}.{minor}"


VERSION_ALIASES = (
    r"^\s*(?:[Tt][Ll][Ss]\s*[Vv]?\s*)?1(?:[._][0-3])?\s*$"
    r"|^\s*[Ss][Ss][Ll]\s*[Vv]?\s*3(?:[._]0)?\s*$"
)
"""Every spelling `_normalise_version` maps to a known version, as an ECMA-262 pattern for the JSON Schema."""

Version = Annotated[TlsVersion, BeforeValidator(_normalise_version), WithJsonSchema({
    "anyOf": [
        {"type": "string", "enum": list(TLS_VERSIONS)},
        {"type": "string", "pattern": VERSION_ALIASES,
         "description": "Also accepted, and normalised: TLSv1.2, tls1.2, TLS 1.2, 1.2, SSLv3 and the like."},
    ],
})]
FingerprintHash = Literal["sha-1", "sha-224", "sha-256", "sha-384", "sha-512", "md5", "md2"]
AuthMethod = Literal["certificate_ca_signed", "certificate_self_signed", "psk", "trusted_third_party", "none"]
#: The names of profilekit.catalog.groups.GROUPS, in its order (a literal for mypy and the JSON Schema;
#: tests/test_tls_catalog.py holds the two together).
Group = Literal["x25519", "x448", "secp256r1", "secp384r1", "secp521r1", "secp224r1", "secp192r1",
                "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192", "brainpoolP256r1",
                "brainpoolP384r1", "brainpoolP512r1", "brainpoolP256r1tls13", "brainpoolP384r1tls13",
                "brainpoolP512r1tls13", "X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024"]
#: The names of profilekit.catalog.signature_schemes.SIGNATURE_SCHEMES, in its order (as for Group).
SignatureAlgorithm = Literal[
    "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512", "ed25519", "ed448",
    "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512", "rsa_pss_pss_sha256",
    "rsa_pss_pss_sha384", "rsa_pss_pss_sha512", "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512",
    "ecdsa_sha1", "rsa_pkcs1_sha1", "rsa_pkcs1_md5", "dsa_sha256", "dsa_sha1",
    "ecdsa_brainpoolP256r1tls13_sha256", "ecdsa_brainpoolP384r1tls13_sha384",
    "ecdsa_brainpoolP512r1tls13_sha512"]


def _normalise_suite(value: Any) -> Any:
    """OpenSSL names (and code points) become IANA names; unknown names pass to the TLS rules."""
    if not isinstance(value, str):
        return value
    suite = lookup(value.strip())
    return suite.iana if suite is not None else value.strip()


CipherSuiteName = Annotated[str, BeforeValidator(_normalise_suite), Field(min_length=1, pattern=NOT_CURLY_QUOTED)]


class Renegotiation(Strict):
    """R-7/5, R-8.4: whether and how security parameters of a session are renegotiated."""

    supported: bool
    """Whether renegotiation of a session's security parameters is supported."""
    secure_only: bool = True
    """Only RFC 5746 secure renegotiation (renegotiation_info)."""
    initiators: list[Literal["client", "server", "mg"]] = []
    """Who may start a renegotiation; `mg` means only on the MGC's instruction."""
    mgc_trigger: bool = False
    """The MGC instructs the MG when to renegotiate (bind `renegotiation_trigger`)."""
    notes: Text | None = None
    """Further text."""


class Resumption(Strict):
    """R-7/6: session resumption."""

    session_ids: bool = False
    """Session-ID based resumption (TLS 1.2)."""
    session_tickets: bool = False
    """Ticket based resumption (RFC 5077, TLS 1.3 PSK tickets)."""
    ticket_lifetime_s: Annotated[int, Field(ge=0)] | None = None
    """Lifetime the server gives tickets (RFC 9325 §3.4: limit it)."""
    ticket_key_rotation_s: Annotated[int, Field(ge=1)] | None = None
    """How often the ticket encryption key is rotated (RFC 9325 §3.4: e.g. weekly)."""
    tls13_psk_modes: list[Literal["psk_dhe_ke", "psk_ke"]] = []
    """TLS 1.3 resumption PSK key-exchange modes (RFC 9325: psk_dhe_ke)."""
    notes: Text | None = None
    """Further text."""


class PskPolicy(Strict):
    """R-8.3.3: pre-shared keys (never the keys themselves: those stay in the MG's key store)."""

    identity_max_octets: Annotated[int, Field(ge=1, le=65535)] = 128
    """Maximum PSK identity length the MG accepts (RFC 4279: at least 128)."""
    identity_hint: bool = False
    """Whether a TLS-server endpoint sends an identity hint (given by the MGC, R-8.3.3/5)."""
    min_key_octets: Annotated[int, Field(ge=1)] | None = None
    """Minimum PSK length in octets (low-entropy keys invite dictionary attacks)."""
    notes: Text | None = None
    """Further text (key provisioning, identity format)."""


class TrustedThirdParty(Strict):
    """R-8.3.4: trusted third-party authentication service (e.g. Kerberos, RFC 2712)."""

    kind: Name = "kerberos"
    """Kind of service, e.g. `kerberos`."""
    selection: Literal["per_domain", "per_property"]
    """`per_domain`: each TLS domain names its service; `per_property`: the MGC selects it per SEP."""


class Authentication(Strict):
    """R-7/7, R-8.3: who is authenticated, how, and what happens when it fails."""

    server: Literal["required", "optional", "none"]
    """Whether the TLS server must be authenticated (R-8.3/1)."""
    client: Literal["required", "optional", "none"]
    """Whether the TLS server requests and requires a client certificate/credential (R-8.3/1, 8.3.1)."""
    methods: Annotated[list[AuthMethod], Field(min_length=1)]
    """Authentication methods the MG supports (R-8.3/4)."""
    on_failure: Literal["terminate", "continue", "continue_if"]
    """MG behaviour when authentication of the remote endpoint fails (R-8.3/2)."""
    continue_conditions: list[Text] = []
    """With `continue_if`: the conditions under which the session continues (R-8.3/3)."""
    fingerprint_hash: FingerprintHash | None = None
    """Hash function of certificate fingerprints (RFC 8122 name), for self-signed certificates."""
    trust_anchors: list[Name] = []
    """Trust anchors (CA certificate names or references) that verify CA-signed certificates (R-7/8)."""
    psk: PskPolicy | None = None
    """Pre-shared key policy, for the `psk` method."""
    trusted_third_party: TrustedThirdParty | None = None
    """Trusted third-party service, for the `trusted_third_party` method."""


class CertificateKey(Strict):
    type: Literal["rsa", "ecdsa", "ed25519", "ed448", "dsa"]
    """Public key algorithm."""
    min_bits: Annotated[int, Field(ge=1)]
    """Minimum key size (RSA modulus bits, EC curve bits)."""


class Certificates(Strict):
    key_types: Annotated[list[CertificateKey], Field(min_length=1)]
    """Key types and minimum sizes of certificates."""
    signature_hashes: list[Literal["sha1", "md5", "sha224", "sha256", "sha384", "sha512"]] = []
    """Hashes allowed in certificate signatures."""
    max_lifetime_days: Annotated[int, Field(ge=1)] | None = None
    """Maximum certificate validity in days."""


class Extensions(Strict):
    extended_master_secret: Literal["required", "supported", "off"] = "required"
    """RFC 7627 extended master secret (RFC 9325: required)."""
    encrypt_then_mac: bool = True
    """RFC 7366 encrypt-then-MAC for CBC suites."""
    ocsp_stapling: bool = False
    """OCSP stapling (status_request)."""
    server_name_indication: bool = True
    """SNI (RFC 6066; RFC 9325: must be supported)."""
    truncated_hmac: bool = False
    """RFC 6066 truncated HMAC (RFC 9325: must not be used)."""
    heartbeat: bool = False
    """RFC 6520 heartbeat extension."""


class Performance(Strict):
    """R-8.10/1: per-session cost the MG is dimensioned for."""

    max_handshakes_per_second: Annotated[int, Field(ge=1)] | None = None
    """Full handshakes per second the MG is dimensioned for."""
    max_sessions: Annotated[int, Field(ge=1)] | None = None
    """Concurrent TLS sessions the MG is dimensioned for."""
    notes: Text | None = None
    """Further text on cost and resources."""


class TlsProfile(Strict):
    """Guideline clause 7: a selection of TLS options a TLS domain applies."""

    id: Identifier
    """Short name of the TLS profile, referenced by TLS domains (never printed in the document)."""
    title: Text | None = None
    """Title of the TLS profile's clause 6.2.n, e.g. `TLS 1.3 towards the access network`; by default
    "TLS profile n (TLS 1.2 and TLS 1.3)"."""
    description: Text | None = None
    """What the TLS profile is for."""
    versions: Annotated[list[Version], Field(min_length=1)]
    """TLS versions the MG supports for this profile (R-7/2)."""
    cipher_suites: Annotated[list[CipherSuiteName], Field(min_length=1)]
    """Cipher suites in order of precedence, most preferred first (R-7/3). IANA or OpenSSL names."""
    server_preference: bool = True
    """As TLS server, the MG applies this order, not the client's."""
    compression: Annotated[list[Literal["null", "deflate", "lzs"]], Field(min_length=1)] = ["null"]
    """Compression methods (R-7/4); RFC 9325 allows null only."""
    renegotiation: Renegotiation | None = None
    """Renegotiation behaviour (R-7/5). Required (GL200) when a version below TLS 1.3 is listed; a TLS
    1.3-only profile may leave it out, as TLS 1.3 has no renegotiation (RFC 8446 §4.6.3: KeyUpdate)."""
    resumption: Resumption
    """Session resumption (R-7/6)."""
    authentication: Authentication
    """Authentication procedures (R-7/7, R-8.3)."""
    groups: list[Group] = []
    """Key-exchange groups in preference order."""
    signature_algorithms: list[SignatureAlgorithm] = []
    """signature_algorithms in preference order (TLS 1.2/1.3 SignatureScheme names)."""
    certificates: Certificates | None = None
    """Certificate requirements, where certificates are used."""
    extensions: Extensions = Extensions()
    """TLS extensions."""
    early_data: bool = False
    """TLS 1.3 0-RTT data accepted."""
    performance: Performance | None = None
    """Performance and resource expectations (R-8.10/1)."""

    @property
    def renegotiates(self) -> bool:
        """Whether renegotiation is supported (an unstated `renegotiation` supports none)."""
        return self.renegotiation is not None and self.renegotiation.supported

    @property
    def effective_renegotiation(self) -> Renegotiation:
        """The renegotiation the MG applies: as stated, or none when `renegotiation` is left out (which
        GL200 allows only for a TLS 1.3-only profile), for the exports."""
        return self.renegotiation if self.renegotiation is not None else Renegotiation(supported=False)


class TlsDomain(Strict):
    """Guideline clause 8.1: the set of endpoints that share TLS parameters and credentials."""

    name: Identifier
    """Value the MGC sends in the TLS domain property."""
    tls_profile: Identifier
    """Id of the TLS profile this domain applies (R-7/1, R-8.1/2)."""
    certificate: Name | None = None
    """The MG's certificate for this domain: a name or file path, never key material (R-8.1/3)."""
    trust_anchors: list[Name] = []
    """Extra trust anchors for this domain, added to the TLS profile's."""
    server_name: Name | None = None
    """Server name (SNI) presented or expected in this domain."""
    trusted_third_party: Name | None = None
    """Service of the trusted third party (e.g. a Kerberos realm/KDC) when selected per domain."""
    description: Text | None = None
    """Which endpoints the domain covers."""


class Binding(Strict):
    """Binds a capability of the guideline to an element of one of the profile's packages."""

    element: ElementRef
    """The package element, `package/element`."""
    values: dict[Name, Name | int | bool] = {}
    """Meaning → value of the element, e.g. `client: c`, `server: s`."""
    notes: Text | None = None
    """Further text."""


def _binding(value: Any) -> Any:
    return {"element": value} if isinstance(value, str) else value


Bound = Annotated[Binding, BeforeValidator(_binding, json_schema_input_type=ElementRef | Binding)]


class TerminationEventBinding(Binding):
    reason_parameter: Name
    """ObservedEvents parameter of the event that carries the reason."""
    reasons: dict[Literal["close_notify", "fatal_alert", "local_termination", "handshake_failure",
                          "renegotiation_failure", "tcp_closure"], Name | int]
    """Reason class → the parameter value that reports it (R-8.5.x, R-8.6/1)."""


class CapabilityAudit(Strict):
    """R-8.9/1, R-8.4/1: read-only properties the MGC audits with AuditCapabilities/AuditValue."""

    versions: Bound | None = None
    """Read-only property listing the supported TLS versions."""
    cipher_suites: Bound | None = None
    """Read-only property listing the supported cipher suites."""
    compression: Bound | None = None
    """Read-only property listing the supported compression methods."""
    resumption: Bound | None = None
    """Read-only property telling whether resumption is supported."""
    renegotiation: Bound | None = None
    """Read-only property telling whether renegotiation is supported."""


class Bindings(Strict):
    """Capability bindings: which package element realises each guideline capability."""

    tls_domain: Bound | None = None
    """Property by which the MGC selects the TLS domain at endpoint creation (R-8.1/1)."""
    tls_role: Bound | None = None
    """Property by which the MGC sets the TLS client/server role (R-8.2/2-3); values `client`, `server`."""
    tcp_role: Bound | None = None
    """Property by which the MGC sets the TCP client/server role (R-6/1)."""
    tcp_mode: Bound | None = None
    """Property by which the MGC sets TCP proxy/relay mode (R-6/1)."""
    tcp_setup: Bound | None = None
    """Signal or property by which the MGC triggers or permits TCP connection set-up (R-6/3)."""
    psk_identity: Bound | None = None
    """Property by which the MGC gives the PSK identity of a TLS endpoint (R-8.3.3/4)."""
    psk_identity_hint: Bound | None = None
    """Property by which the MGC gives the PSK identity hint of a TLS-server endpoint (R-8.3.3/5)."""
    remote_fingerprint: Bound | None = None
    """Property carrying the remote endpoint's certificate fingerprint to the MG (R-8.3.2.2.1/1)."""
    local_fingerprint: Bound | None = None
    """Property in which the MG returns its own fingerprint in the creation reply (R-8.3.2.2.2/1)."""
    ttp_service: Bound | None = None
    """Property selecting the trusted third-party service per SEP (R-8.3.4/3)."""
    tcp_closure_event: Bound | None = None
    """Event reporting TCP connection closure (R-6/5)."""
    tls_termination_event: TerminationEventBinding | None = None
    """Event reporting TLS session termination with its reason (R-8.5.x, R-8.6/1)."""
    renegotiation_trigger: Bound | None = None
    """Signal or property by which the MGC triggers a renegotiation (R-8.4/2)."""
    statistics: list[Bound] = []
    """TLS and TCP statistics the MG collects (R-8.7/1)."""
    capability_audit: CapabilityAudit | None = None
    """Read-only capability properties the MGC audits (R-8.9/1)."""


class TlsSection(Strict):
    """The TLS part of the profile (guideline clauses 6-8)."""

    profiles: Annotated[list[TlsProfile], Field(min_length=1)]
    """TLS profiles (guideline clause 7)."""
    domains: Annotated[list[TlsDomain], Field(min_length=1)]
    """TLS domains (guideline clause 8.1)."""
    bindings: Bindings
    """Bindings of guideline capabilities to package elements."""
    notes: Text | None = None
    """Further text."""
