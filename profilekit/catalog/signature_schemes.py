"""TLS signature schemes (signature_algorithms): the one table every part of profilekit reads.

The profile format's `SignatureAlgorithm` literal (model/tls.py), the rules' key/hash/version facts, the
OpenSSL `SignatureAlgorithms` setting, the gateway export's code points and the Mozilla export's
certificate key types and hashes all come from SIGNATURE_SCHEMES.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

KeyType = Literal["rsa", "ecdsa", "dsa", "ed25519", "ed448"]


@dataclass(frozen=True, kw_only=True, slots=True)
class SignatureScheme:
    """One entry of the TLS SignatureScheme registry, with what profilekit needs to know about it."""

    name: str
    """Registry name as a profile writes it (`ecdsa_secp256r1_sha256`)."""
    code: int
    """SignatureScheme code point."""
    key: KeyType
    """Certificate key type the scheme signs with."""
    hash: str | None
    """Hash it signs over (`sha256`, `sha1`, `md5`); None for Ed25519/Ed448, which need no separate hash."""
    tls12: bool
    """Signs TLS 1.2 handshakes."""
    tls13: bool
    """Signs TLS 1.3 handshakes (RFC 8446 §4.2.3: never rsa_pkcs1_*, SHA-1 or DSA; brainpool only here)."""
    openssl: str | None
    """OpenSSL's name (`SIG+HASH` where it has one) for the `SignatureAlgorithms` setting; None: it has none."""
    openssl_since: str | None
    """First OpenSSL release that has it; None when no release has it."""


def _scheme(name: str, code: int, key: KeyType, hash_name: str | None, *, tls12: bool = True, tls13: bool,
            openssl: str | None, since: str | None) -> SignatureScheme:
    return SignatureScheme(name=name, code=code, key=key, hash=hash_name, tls12=tls12, tls13=tls13,
                           openssl=openssl, openssl_since=since)


#: RFC 8446 §4.2.3, RFC 5246 §7.4.1.4.1 (the TLS 1.2 hash/signature pairs), RFC 8734 (brainpool for TLS 1.3).
#: In the order of the profile format's `SignatureAlgorithm` literal (tests/test_tls_catalog.py).
SIGNATURE_SCHEMES: dict[str, SignatureScheme] = {scheme.name: scheme for scheme in (
    _scheme("ecdsa_secp256r1_sha256", 0x0403, "ecdsa", "sha256", tls13=True, openssl="ECDSA+SHA256", since="1.0.2"),
    _scheme("ecdsa_secp384r1_sha384", 0x0503, "ecdsa", "sha384", tls13=True, openssl="ECDSA+SHA384", since="1.0.2"),
    _scheme("ecdsa_secp521r1_sha512", 0x0603, "ecdsa", "sha512", tls13=True, openssl="ECDSA+SHA512", since="1.0.2"),
    _scheme("ed25519", 0x0807, "ed25519", None, tls13=True, openssl="ed25519", since="1.1.1"),
    _scheme("ed448", 0x0808, "ed448", None, tls13=True, openssl="ed448", since="1.1.1"),
    _scheme("rsa_pss_rsae_sha256", 0x0804, "rsa", "sha256", tls13=True, openssl="rsa_pss_rsae_sha256",
            since="1.1.1"),
    _scheme("rsa_pss_rsae_sha384", 0x0805, "rsa", "sha384", tls13=True, openssl="rsa_pss_rsae_sha384",
            since="1.1.1"),
    _scheme("rsa_pss_rsae_sha512", 0x0806, "rsa", "sha512", tls13=True, openssl="rsa_pss_rsae_sha512",
            since="1.1.1"),
    _scheme("rsa_pss_pss_sha256", 0x0809, "rsa", "sha256", tls13=True, openssl="rsa_pss_pss_sha256", since="1.1.1"),
    _scheme("rsa_pss_pss_sha384", 0x080A, "rsa", "sha384", tls13=True, openssl="rsa_pss_pss_sha384", since="1.1.1"),
    _scheme("rsa_pss_pss_sha512", 0x080B, "rsa", "sha512", tls13=True, openssl="rsa_pss_pss_sha512", since="1.1.1"),
    _scheme("rsa_pkcs1_sha256", 0x0401, "rsa", "sha256", tls13=False, openssl="RSA+SHA256", since="1.0.2"),
    _scheme("rsa_pkcs1_sha384", 0x0501, "rsa", "sha384", tls13=False, openssl="RSA+SHA384", since="1.0.2"),
    _scheme("rsa_pkcs1_sha512", 0x0601, "rsa", "sha512", tls13=False, openssl="RSA+SHA512", since="1.0.2"),
    _scheme("ecdsa_sha1", 0x0203, "ecdsa", "sha1", tls13=False, openssl="ECDSA+SHA1", since="1.0.2"),
    _scheme("rsa_pkcs1_sha1", 0x0201, "rsa", "sha1", tls13=False, openssl="RSA+SHA1", since="1.0.2"),
    _scheme("rsa_pkcs1_md5", 0x0101, "rsa", "md5", tls13=False, openssl=None, since=None),
    _scheme("dsa_sha256", 0x0402, "dsa", "sha256", tls13=False, openssl="DSA+SHA256", since="1.0.2"),
    _scheme("dsa_sha1", 0x0202, "dsa", "sha1", tls13=False, openssl="DSA+SHA1", since="1.0.2"),
    _scheme("ecdsa_brainpoolP256r1tls13_sha256", 0x081A, "ecdsa", "sha256", tls12=False, tls13=True,
            openssl="ecdsa_brainpoolP256r1_sha256", since="3.2"),
    _scheme("ecdsa_brainpoolP384r1tls13_sha384", 0x081B, "ecdsa", "sha384", tls12=False, tls13=True,
            openssl="ecdsa_brainpoolP384r1_sha384", since="3.2"),
    _scheme("ecdsa_brainpoolP512r1tls13_sha512", 0x081C, "ecdsa", "sha512", tls12=False, tls13=True,
            openssl="ecdsa_brainpoolP512r1_sha512", since="3.2"),
)}
