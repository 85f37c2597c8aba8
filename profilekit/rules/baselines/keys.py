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
      baseline_severity={BCP195: WARNING, SP800_52R2: ERROR},
      refs=("RFC 9325 §4.5", "NIST SP 800-52r2 (112-bit security)"),
      rationale="RFC 9325 §4.5: DH groups of at least 2048 bits, curves of at least 224 bits (our notes give no "
                "keyword: warning); NIST: at least 112-bit security (shall), i.e. the same sizes.",
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
      baseline_severity={BCP195: WARNING, SP800_52R2: ERROR},
      refs=("RFC 9325 §4.5", "NIST SP 800-52r2 (server keys and certificates)"),
      rationale="RFC 9325 §4.5: RSA keys of at least 2048 bits, EC keys of at least 224 bits (warning); NIST: at "
                "least 112-bit security (shall).",
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


RULES: tuple[Rule, ...] = (
    strong_groups, bsi_group_sizes, strong_certificate_keys, bsi_certificate_key_sizes, no_sha1_md5_signatures,
    strong_fingerprint_hash, gpp_tls13_p384,
)
"""Every rule this module declares, for the registry."""
