"""SEC rules on keys and hashes: group and certificate key sizes, signature and fingerprint hashes."""

from __future__ import annotations

from collections.abc import Iterator

from profilekit.catalog.baselines import BCP195, SP800_52R2, TR02102_2, TS33210
from profilekit.load.loaded import LoadedProfile
from profilekit.rules import tls_facts as facts
from profilekit.rules.base import ERROR, WARNING, Issue, Rule, rule


def weak_groups(loaded: LoadedProfile, *, ec_min: int, ff_min: int) -> Iterator[Issue]:
    """Each listed group below the minimum size of its family (curve or finite field)."""
    for view in facts.profiles(loaded):
        for i, name in enumerate(view.profile.groups):
            group = facts.GROUPS[name]
            floor = ff_min if group.family == "ff" else ec_min
            if group.bits < floor:
                kind = "finite-field group" if group.family == "ff" else "curve"
                yield Issue(message=f"group {name} is a {group.bits}-bit {kind}, below the {floor}-bit "
                                    "minimum", path=view.at("groups", i))


def weak_certificate_keys(loaded: LoadedProfile, *, rsa_min: int, ec_min: int) -> Iterator[Issue]:
    """Each certificate key type allowed below the minimum size of its kind (RSA/DSA or EC)."""
    for view in facts.profiles(loaded):
        certs = view.profile.certificates
        if certs is None:
            continue
        for i, key in enumerate(certs.key_types):
            floor = {"rsa": rsa_min, "dsa": rsa_min, "ecdsa": ec_min}.get(key.type)
            if floor is not None and key.min_bits < floor:
                yield Issue(message=f"{key.type} certificate keys from {key.min_bits} bits are allowed, "
                                    f"below the {floor}-bit minimum",
                            path=view.at("certificates", "key_types", i, "min_bits"))


@rule(code="SEC020", title="Key-exchange groups are strong enough",
      baseline_severity={BCP195: ERROR, SP800_52R2: ERROR},
      refs=("RFC 9325 §4.5", "NIST SP 800-52r2 (112-bit security)"),
      rationale="RFC 9325 §4.5: DH keys of at least 2048 bits are REQUIRED and curves of less than 224 bits MUST "
                "NOT be used; NIST: at least 112-bit security (shall), i.e. the same sizes. Errors under both.",
      fix="Remove the small group (e.g. secp192r1).",
      passing="groups: [x25519, secp256r1]",
      failing="groups: [x25519, secp192r1]")
def strong_groups(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from weak_groups(loaded, ec_min=224, ff_min=2048)


@rule(code="SEC021", title="Key-exchange groups meet BSI sizes",
      baseline_severity={TR02102_2: WARNING},
      refs=("BSI TR-02102-2 (key lengths)",),
      rationale="BSI TR-02102-2: elliptic curves of at least 250 bits, DH groups of at least 3000 bits.",
      fix="Use x25519/secp256r1 or larger, and ffdhe3072 or larger.",
      passing="groups: [x25519, secp256r1, ffdhe3072]",
      failing="groups: [x25519, secp224r1, ffdhe2048]")
def bsi_group_sizes(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from weak_groups(loaded, ec_min=250, ff_min=3000)


@rule(code="SEC022", title="Certificate keys are strong enough",
      baseline_severity={BCP195: ERROR, SP800_52R2: ERROR},
      refs=("RFC 9325 §4.5", "NIST SP 800-52r2 (server keys and certificates)"),
      rationale="RFC 9325 §4.5: servers MUST authenticate with RSA moduli of at least 2048 bits, and curves of less "
                "than 224 bits MUST NOT be used; NIST: at least 112-bit security (shall). Errors under both.",
      fix="Raise certificates.key_types[].min_bits (rsa 2048, ecdsa 256).",
      passing="certificates: {key_types: [{type: rsa, min_bits: 2048}]}",
      failing="certificates: {key_types: [{type: rsa, min_bits: 1024}]}")
def strong_certificate_keys(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from weak_certificate_keys(loaded, rsa_min=2048, ec_min=224)


@rule(code="SEC023", title="Certificate keys meet BSI sizes",
      baseline_severity={TR02102_2: WARNING},
      refs=("BSI TR-02102-2 (key lengths)",),
      rationale="BSI TR-02102-2: RSA and DSA keys of at least 3000 bits, EC keys of at least 250 bits.",
      fix="Raise rsa min_bits to 3072 and ecdsa to 256.",
      passing="certificates: {key_types: [{type: rsa, min_bits: 3072}]}",
      failing="certificates: {key_types: [{type: rsa, min_bits: 2048}]}")
def bsi_certificate_key_sizes(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from weak_certificate_keys(loaded, rsa_min=3000, ec_min=250)


@rule(code="SEC024", title="No SHA-1 or MD5 signatures",
      baseline_severity={BCP195: ERROR, SP800_52R2: ERROR},
      refs=("RFC 9325 §4.5", "RFC 9155", "NIST SP 800-52r2 (certificates: SHA-224 or stronger)"),
      rationale="RFC 9325 §4.5 (RFC 9155): SHA-1 and MD5 MUST NOT be used in signatures; NIST: certificates signed "
                "with SHA-224 or stronger (shall).",
      fix="Remove *_sha1/*_md5 signature algorithms and sha1/md5 certificate signature hashes.",
      passing="signature_algorithms: [ecdsa_secp256r1_sha256]",
      failing="signature_algorithms: [ecdsa_secp256r1_sha256, rsa_pkcs1_sha1]")
def no_sha1_md5_signatures(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        for i, name in enumerate(view.profile.signature_algorithms):
            if facts.sigalg(name).hash in ("sha1", "md5"):
                yield Issue(message=f"signature algorithm {name} uses {facts.sigalg(name).hash.upper()}, "
                                    "deprecated for TLS signatures (RFC 9155)",
                            path=view.at("signature_algorithms", i))
        certs = view.profile.certificates
        for i, hash_ in enumerate(certs.signature_hashes if certs else []):
            if hash_ in ("sha1", "md5"):
                yield Issue(message=f"certificate signatures with {hash_.upper()} are allowed: collisions make "
                                    "such signatures forgeable", path=view.at("certificates", "signature_hashes", i))


@rule(code="SEC025", title="Fingerprint hash is strong",
      baseline_severity={BCP195: WARNING, TS33210: WARNING, SP800_52R2: WARNING, TR02102_2: WARNING},
      refs=("RFC 8122 §5", "RFC 6151", "RFC 6194"),
      rationale="Certificate fingerprints bind a self-signed certificate to the SDP; RFC 8122 §5 discourages md5 (RFC "
                "6151) and sha-1 is legacy (RFC 6194): a collision lets an attacker substitute a certificate.",
      fix="Use fingerprint_hash: sha-256.",
      passing="authentication: {fingerprint_hash: sha-256}",
      failing="authentication: {fingerprint_hash: sha-1}")
def strong_fingerprint_hash(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        name = view.profile.authentication.fingerprint_hash
        if name in ("md5", "sha-1"):
            yield Issue(message=f"fingerprint hash {name} is weak: RFC 8122 §5 discourages md5 and treats sha-1 "
                                "as legacy; use sha-256", path=view.at("authentication", "fingerprint_hash"))


@rule(code="SEC031", title="3GPP: TLS 1.3 supports secp384r1 and ecdsa_secp384r1_sha384",
      baseline_severity={TS33210: WARNING},
      refs=("3GPP TS 33.210 §6.2",),
      rationale="3GPP TS 33.210 §6.2: TLS 1.3 should support secp384r1 key exchange and ecdsa_secp384r1_sha384 "
                "signatures.",
      fix="Add secp384r1 to groups and ecdsa_secp384r1_sha384 to signature_algorithms.",
      passing="groups: [x25519, secp384r1]",
      failing="groups: [x25519, secp256r1]")
def gpp_tls13_p384(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if not view.has("TLS1.3"):
            continue
        if view.profile.groups and "secp384r1" not in view.profile.groups:
            yield Issue(message="groups lacks secp384r1, which 3GPP TS 33.210 §6.2 says TLS 1.3 should "
                                "support", path=view.at("groups"))
        algs = view.profile.signature_algorithms
        if algs and "ecdsa_secp384r1_sha384" not in algs:
            yield Issue(message="signature_algorithms lacks ecdsa_secp384r1_sha384, which 3GPP TS 33.210 §6.2 "
                                "says TLS 1.3 should support", path=view.at("signature_algorithms"))


def _uses_ecdhe(view: facts.ProfileView) -> bool:
    """Whether the profile can negotiate an (EC)DHE key exchange over a curve: TLS 1.3, or an ECDHE suite."""
    return view.has("TLS1.3") or any(suite.key_exchange.startswith("ecdhe") for _, suite in view.usable_known())


@rule(code="SEC037", title="P-256 and X25519 are offered for key exchange",
      baseline_severity={BCP195: WARNING},
      refs=("RFC 9325 §4.2.1",),
      rationale="RFC 9325 §4.2.1: clients and servers SHOULD support the NIST P-256 (secp256r1) and X25519 curves "
                "(a SHOULD, hence a warning). Checked when the profile lists its groups and can use ECDHE. With TLS "
                "1.3 listed, a missing secp256r1 is SEC038's error (RFC 8446 §9.1), not reported here again.",
      fix="Add x25519 and secp256r1 to groups.",
      passing="groups: [x25519, secp256r1, secp384r1]",
      failing="groups: [secp384r1]")
def p256_and_x25519_offered(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        groups = view.profile.groups
        if not groups or not _uses_ecdhe(view):
            continue
        wanted = ("x25519",) if view.has("TLS1.3") else ("x25519", "secp256r1")
        for name in wanted:
            if name not in groups:
                yield Issue(message=f"groups lacks {name}, which RFC 9325 §4.2.1 says clients and servers "
                                    "should support", path=view.at("groups"))


@rule(code="SEC038", title="TLS 1.3 offers its mandatory group secp256r1",
      baseline_severity={BCP195: ERROR, TS33210: ERROR},
      refs=("RFC 8446 §9.1", "RFC 9325 §4.3", "3GPP TS 33.210 §6.2"),
      rationale="RFC 8446 §9.1: a TLS 1.3 implementation MUST support key exchange with secp256r1; RFC 9325 §4.3 "
                "and 3GPP TS 33.210 §6.2 defer to RFC 8446 §9.1. A TLS 1.3 profile whose groups leave it out may "
                "share no group with a compliant peer. Checked when the profile lists its groups.",
      fix="Add secp256r1 to groups.",
      passing="groups: [x25519, secp256r1]",
      failing="groups: [x25519, secp384r1]")
def tls13_mandatory_group(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if view.has("TLS1.3") and view.profile.groups and "secp256r1" not in view.profile.groups:
            yield Issue(message="TLS 1.3 is listed and groups lacks secp256r1, the group every TLS 1.3 "
                                "implementation MUST support (RFC 8446 §9.1)", path=view.at("groups"))


_MANDATORY_SCHEMES: dict[str, tuple[str, ...]] = {
    "rsa": ("rsa_pss_rsae_sha256", "rsa_pkcs1_sha256"),
    "ecdsa": ("ecdsa_secp256r1_sha256",),
}
"""RFC 8446 §9.1's mandatory signature schemes, by the certificate key type they verify."""


@rule(code="SEC039", title="TLS 1.3 offers the mandatory signature schemes of its certificate keys",
      baseline_severity={BCP195: ERROR, TS33210: ERROR},
      refs=("RFC 8446 §9.1", "RFC 9325 §4.3", "3GPP TS 33.210 §6.2"),
      rationale="RFC 8446 §9.1: a TLS 1.3 implementation MUST support rsa_pkcs1_sha256 (certificates), "
                "rsa_pss_rsae_sha256 (CertificateVerify and certificates) and ecdsa_secp256r1_sha256. Checked "
                "for the certificate key types the profile allows, when it lists its signature algorithms: a "
                "list without them rejects peers (and CA chains) that use only the mandatory schemes.",
      fix="Add the missing schemes to signature_algorithms (rsa_pss_rsae_sha256 and rsa_pkcs1_sha256 for RSA "
          "certificates, ecdsa_secp256r1_sha256 for ECDSA certificates).",
      passing="signature_algorithms: [ecdsa_secp256r1_sha256]\ncertificates: {key_types: [{type: ecdsa, "
              "min_bits: 256}]}",
      failing="signature_algorithms: [ecdsa_secp384r1_sha384]\ncertificates: {key_types: [{type: ecdsa, "
              "min_bits: 256}]}")
def tls13_mandatory_signature_schemes(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        algorithms = view.profile.signature_algorithms
        key_types = facts.certificate_key_types(view)
        if not view.has("TLS1.3") or not algorithms or not key_types:
            continue
        for key_type in dict.fromkeys(key_types):
            for scheme in _MANDATORY_SCHEMES.get(key_type, ()):
                if scheme not in algorithms:
                    yield Issue(message=f"{key_type} certificates are allowed and signature_algorithms lacks "
                                        f"{scheme}, which every TLS 1.3 implementation MUST support (RFC 8446 "
                                        "§9.1)", path=view.at("signature_algorithms"))


_THREE_YEARS_DAYS = 3 * 365


@rule(code="SEC040", title="Certificates live at most three years",
      baseline_severity={SP800_52R2: WARNING},
      refs=("NIST SP 800-52r2 (server certificates: validity)",),
      rationale="NIST SP 800-52r2: server certificates should have a validity period of no more than three years "
                "(a should, hence a warning). Checked when the profile states certificates.max_lifetime_days.",
      fix=f"Set certificates.max_lifetime_days to {_THREE_YEARS_DAYS} or less.",
      passing="certificates: {key_types: [{type: ecdsa, min_bits: 256}], max_lifetime_days: 398}",
      failing="certificates: {key_types: [{type: ecdsa, min_bits: 256}], max_lifetime_days: 3650}")
def certificate_lifetime(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        certs = view.profile.certificates
        if certs is not None and certs.max_lifetime_days is not None and certs.max_lifetime_days > _THREE_YEARS_DAYS:
            yield Issue(message=f"certificates may live {certs.max_lifetime_days} days, longer than the three "
                                "years NIST SP 800-52r2 recommends",
                        path=view.at("certificates", "max_lifetime_days"))


RULES: tuple[Rule, ...] = (
    strong_groups, bsi_group_sizes, strong_certificate_keys, bsi_certificate_key_sizes, no_sha1_md5_signatures,
    strong_fingerprint_hash, gpp_tls13_p384, p256_and_x25519_offered, tls13_mandatory_group,
    tls13_mandatory_signature_schemes, certificate_lifetime,
)
"""Every rule this module declares, for the registry."""
