"""Mozilla-format export: each TLS domain as a configuration in the layout of Mozilla's server-side TLS
guidelines JSON, version 5.7 (what sslyze's `--custom_tls_config` and similar checkers read).

Built from the gateway export, so it says what the OpenSSL settings configure. Where the profile is silent
on a field, the value comes from a documented derivation (DERIVATIONS, also in docs/mozilla-export.md);
the derivations used per domain are listed under the top-level `profilekit` key. Certificate names are
spelt as sslyze 6 compares them (cryptography's names). A domain that uses no certificate at all (PSK
only) has no configuration in this format, which describes certificate-authenticated servers and requires
integer certificate lifespans: `--domain` refuses it, the whole-profile document leaves it out and says so
under `profilekit.left_out` (NoCertificates when no domain is left).
"""

from __future__ import annotations

import json
from typing import Any

from profilekit.catalog.groups import GROUPS
from profilekit.catalog.signature_schemes import SIGNATURE_SCHEMES

MOZILLA_VERSION = 5.7

#: Field → how its value is derived. A "fallback" sentence applies only where the profile is silent.
DERIVATIONS: dict[str, str] = {
    "certificate_curves": "EC curves (prime256v1, secp384r1, secp521r1) at least as large as the ECDSA key type's "
                          "min_bits, restricted to the curves of the profile's ecdsa_secpXXX signature algorithms "
                          "when it lists any; [] when no ECDSA certificate is allowed.",
    "certificate_signatures": "certificate key types × certificates.signature_hashes in the names sslyze compares "
                              "(cryptography's: sha256WithRSAEncryption, ecdsa-with-SHA256, dsa-with-sha256, "
                              "ed25519, ed448); fallback: the hashes of the profile's signature algorithms.",
    "certificate_types": "certificates.key_types in order, in the names sslyze compares (ecdsa, rsa, and "
                         "cryptography's key class names Ed25519PublicKey, Ed448PublicKey, DSAPublicKey); "
                         "fallback: the key types of the profile's signature algorithms and of its TLS 1.2 "
                         "suites' authentication.",
    "ciphers": "the TLS ≤ 1.2 suites in precedence order: `iana` all of them, `openssl` those OpenSSL implements, "
               "`go` and `caddy` those Go's crypto/tls and Caddy implement (in their spelling).",
    "ciphersuites": "the TLS 1.3 suites in precedence order (IANA names).",
    "dh_param_size": "the smallest ffdhe group listed; fallback when DHE suites are listed without ffdhe groups: "
                     "the RSA key type's min_bits, else 2048 (RFC 9325 §4.1); null without DHE suites.",
    "ecdh_param_size": "the bit size of the smallest elliptic-curve group listed (X25519 counts as 256); fallback: "
                       "256, the smallest group of OpenSSL's default list, which the settings leave in force.",
    "hsts_min_age": "0: H.248 TLS bearers carry no HTTP, so HSTS does not apply.",
    "maximum_certificate_lifespan": "certificates.max_lifetime_days; fallback: 398, the CA/Browser Forum "
                                    "Baseline Requirements maximum for TLS server certificates.",
    "ocsp_staple": "extensions.ocsp_stapling.",
    "recommended_certificate_lifespan": "same as maximum_certificate_lifespan (a profile states one lifetime).",
    "rsa_key_size": "the RSA key type's min_bits; null when RSA certificates are not allowed (as in Mozilla's "
                    "own `modern` configuration).",
    "server_preferred_order": "server_preference.",
    "tls_curves": "the elliptic-curve groups in preference order, in OpenSSL/Mozilla spelling (X25519, "
                  "prime256v1, ...); fallback: OpenSSL 3's default EC groups (X25519, prime256v1, X448, "
                  "secp521r1, secp384r1), which the settings leave in force.",
    "tls_versions": "the profile's versions in OpenSSL names, ascending.",
}

#: (Mozilla curve name, bits, the ECDSA signature scheme bound to it) of the curves `certificate_curves` names.
_CERT_CURVES: tuple[tuple[str, int, str], ...] = tuple(
    (GROUPS[curve].mozilla or GROUPS[curve].openssl, GROUPS[curve].size_bits, scheme)
    for curve, scheme in (("secp256r1", "ecdsa_secp256r1_sha256"), ("secp384r1", "ecdsa_secp384r1_sha384"),
                          ("secp521r1", "ecdsa_secp521r1_sha512")))
#: OpenSSL 3's default EC groups, in its order and Mozilla's spelling (the `tls_curves` fallback).
OPENSSL_DEFAULT_CURVES = [GROUPS[name].mozilla or GROUPS[name].openssl
                          for name in ("x25519", "secp256r1", "x448", "secp521r1", "secp384r1")]

#: Go crypto/tls TLS ≤ 1.2 suites, by code point, as Go (and Mozilla's guidelines) spell them.
GO_SUITES: dict[int, str] = {
    0x0005: "TLS_RSA_WITH_RC4_128_SHA", 0x000A: "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
    0x002F: "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0035: "TLS_RSA_WITH_AES_256_CBC_SHA",
    0x003C: "TLS_RSA_WITH_AES_128_CBC_SHA256", 0x009C: "TLS_RSA_WITH_AES_128_GCM_SHA256",
    0x009D: "TLS_RSA_WITH_AES_256_GCM_SHA384", 0xC007: "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
    0xC009: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xC00A: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
    0xC011: "TLS_ECDHE_RSA_WITH_RC4_128_SHA", 0xC012: "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
    0xC013: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC014: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
    0xC023: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0xC027: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    0xC02F: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC02B: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    0xC030: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xC02C: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    0xCCA8: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", 0xCCA9: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
}
#: Caddy's configurable TLS ≤ 1.2 suites (IANA names), as listed in Mozilla's 5.7 guidelines.
CADDY_SUITES: frozenset[int] = frozenset({0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC009, 0xC013, 0xC00A,
                                          0xC014, 0x009C, 0x009D, 0x002F, 0x0035, 0x000A})

#: Certificate key type → what sslyze 6 puts in its set of deployed key types ("ecdsa", "rsa", else the
#: class name of cryptography's public key).
_KEY_TYPE_NAMES = {"ecdsa": "ecdsa", "rsa": "rsa", "ed25519": "Ed25519PublicKey", "ed448": "Ed448PublicKey",
                   "dsa": "DSAPublicKey"}
#: TLS 1.2 suites whose server authenticates with a certificate (RSA_PSK: the server's RSA certificate).
_CERT_AUTHENTICATION = frozenset({"rsa", "ecdsa", "dss", "gost"})
#: Why a domain without certificates has no configuration (`profilekit.left_out` and the refusals say it).
NO_CERTIFICATE = ("it uses no certificate (PSK only), and the Mozilla server-side TLS format describes "
                  "certificate-authenticated servers: its certificate lifespans, key types and signatures are "
                  "required (sslyze rejects null), and sslyze leaves PSK suites out of every handshake")
#: What to use instead for such a domain.
INSTEAD = "export it with --format gateway or --format openssl, and test it with `profilekit selftest`"


class NoCertificates(ValueError):
    """The Mozilla format cannot describe the domain asked for (or any domain of the profile): it uses no
    certificate. The message names the domain(s) and says what to use instead."""

_RSA_SIG = {"sha1": "sha1WithRSAEncryption", "sha224": "sha224WithRSAEncryption",
            "sha256": "sha256WithRSAEncryption", "sha384": "sha384WithRSAEncryption",
            "sha512": "sha512WithRSAEncryption", "md5": "md5WithRSAEncryption"}


def _sig_names(key_type: str, hashes: list[str]) -> list[str]:
    """Certificate signature algorithm names, as cryptography spells them, for a key type and hashes."""
    if key_type == "rsa":
        return [_RSA_SIG[h] for h in hashes if h in _RSA_SIG]
    if key_type == "ecdsa":
        return [f"ecdsa-with-{h.upper()}" for h in hashes if h != "md5"]
    if key_type == "dsa":
        return [f"dsa-with-{h}" for h in hashes if h in ("sha1", "sha224", "sha256")]
    return [key_type]  # ed25519 / ed448 sign without a separate hash; cryptography names them so


def _sigalg_key(name: str) -> str | None:
    """The certificate key type a signature scheme signs with; None for a name the catalogue lacks."""
    scheme = SIGNATURE_SCHEMES.get(name)
    return scheme.key if scheme is not None else None


def _sigalg_hash(name: str) -> str | None:
    """`ecdsa_secp256r1_sha256` → `sha256`; None for schemes without a separate hash (`ed25519`, `ed448`)
    and for MD5 (`rsa_pkcs1_md5`): the certificate_signatures fallback names SHA hashes only."""
    scheme = SIGNATURE_SCHEMES.get(name)
    digest = scheme.hash if scheme is not None else None
    return digest if digest is not None and digest.startswith("sha") else None


def uses_certificates(domain: dict[str, Any]) -> bool:
    """False for a domain where no certificate authenticates either side (e.g. PSK only)."""
    tls = domain["tls"]
    sides = tls["authentication"]["sides"]
    if any(side["certificate"] != "not_used" for side in sides.values()):
        return True
    return any(s["authentication"] in _CERT_AUTHENTICATION or s["key_exchange"] == "rsa_psk"
               for s in tls["cipher_suites"]["tls12_and_earlier"])


def configuration(domain: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """One domain's Mozilla 5.7 configuration object, and the fallbacks used (field → derivation).

    Raises NoCertificates for a domain that uses no certificate.
    """
    if not uses_certificates(domain):
        raise NoCertificates(f"TLS domain '{domain['name']}' has no Mozilla-format configuration: {NO_CERTIFICATE}; "
                             f"{INSTEAD}")
    tls = domain["tls"]
    fallbacks: dict[str, str] = {}
    tls12 = tls["cipher_suites"]["tls12_and_earlier"]
    sigalgs = [s["name"] for s in tls["signature_algorithms"]]
    certs = tls["certificates"]
    key_types: list[dict[str, Any]] = certs["key_types"] if certs else []
    if key_types:
        types = list(dict.fromkeys(k["type"] for k in key_types))
    else:
        fallbacks["certificate_types"] = DERIVATIONS["certificate_types"]
        found = [_sigalg_key(s) for s in sigalgs] + [s["authentication"] for s in tls12]
        types = list(dict.fromkeys(t for t in found if t in ("ecdsa", "rsa", "dsa", "ed25519", "ed448")))
    hashes: list[str] = list(certs["signature_hashes"]) if certs and certs["signature_hashes"] else []
    if not hashes:
        fallbacks["certificate_signatures"] = DERIVATIONS["certificate_signatures"]
        hashes = list(dict.fromkeys(h for h in map(_sigalg_hash, sigalgs) if h is not None))
    ecdsa_bits = min((k["min_bits"] for k in key_types if k["type"] == "ecdsa"), default=256 if "ecdsa" in types
                     else None)
    sig_curves = {c for c, _, s in _CERT_CURVES if s in sigalgs}
    cert_curves = [] if ecdsa_bits is None else [
        c for c, bits, _ in _CERT_CURVES if bits >= ecdsa_bits and (not sig_curves or c in sig_curves)]
    rsa_bits = min((k["min_bits"] for k in key_types if k["type"] == "rsa"), default=None)
    groups = [g["name"] for g in tls["groups"]]
    ffdhe = sorted(GROUPS[g].size_bits for g in groups if g in GROUPS and GROUPS[g].family == "ff")
    dhe = any(s["key_exchange"] in ("dhe", "dhe_psk") for s in tls12)
    if ffdhe:
        dh_size: int | None = ffdhe[0]
    elif dhe:
        fallbacks["dh_param_size"] = DERIVATIONS["dh_param_size"]
        dh_size = rsa_bits or 2048
    else:
        dh_size = None
    ec_groups = [(GROUPS[g], size) for g in groups if g in GROUPS
                 and (size := GROUPS[g].ecdh_param_size) is not None]
    if ec_groups:
        ecdh_size = min(size for _, size in ec_groups)
        curves = [group.mozilla or group.openssl for group, _ in ec_groups]
    else:
        fallbacks["ecdh_param_size"] = DERIVATIONS["ecdh_param_size"]
        fallbacks["tls_curves"] = DERIVATIONS["tls_curves"]
        ecdh_size, curves = 256, list(OPENSSL_DEFAULT_CURVES)
    lifetime = certs["max_lifetime_days"] if certs else None
    if lifetime is None:
        fallbacks["maximum_certificate_lifespan"] = DERIVATIONS["maximum_certificate_lifespan"]
        lifetime = 398
    signatures = [n for t in types for n in _sig_names(t, hashes)]
    config = {
        "certificate_curves": cert_curves,
        "certificate_signatures": signatures,
        "certificate_types": [_KEY_TYPE_NAMES.get(t, t) for t in types],
        "ciphers": {
            "caddy": [s["iana"] for s in tls12 if s["code_int"] in CADDY_SUITES],
            "go": [GO_SUITES[s["code_int"]] for s in tls12 if s["code_int"] in GO_SUITES],
            "iana": [s["iana"] for s in tls12],
            "openssl": [s["openssl"] for s in tls12 if s["openssl"]],
        },
        "ciphersuites": [s["iana"] for s in tls["cipher_suites"]["tls13"]],
        "dh_param_size": dh_size,
        "ecdh_param_size": ecdh_size,
        "hsts_min_age": 0,
        "maximum_certificate_lifespan": lifetime,
        "ocsp_staple": tls["extensions"]["ocsp_stapling"],
        "recommended_certificate_lifespan": lifetime,
        "rsa_key_size": rsa_bits,
        "server_preferred_order": tls["server_preference"],
        "tls_curves": curves,
        "tls_versions": [v["openssl"] for v in tls["versions"]],
    }
    return config, fallbacks


def build_mozilla(gateway: dict[str, Any], domain: str | None = None) -> dict[str, Any]:
    """The Mozilla 5.7 document for every domain that uses certificates (the others are listed under
    `profilekit.left_out`), or (with `domain`) that domain's configuration object.

    Raises NoCertificates for a `domain` without certificates, or when no domain uses certificates.
    """
    if domain is not None:
        for dom in gateway["domains"]:
            if dom["name"] == domain:
                return configuration(dom)[0]
        raise KeyError(domain)
    prof = gateway["profile"]
    configs: dict[str, Any] = {}
    used: dict[str, Any] = {}
    left_out = {dom["name"]: NO_CERTIFICATE for dom in gateway["domains"] if not uses_certificates(dom)}
    if left_out and len(left_out) == len(gateway["domains"]):
        names = ", ".join(f"'{name}'" for name in left_out)
        raise NoCertificates(f"no TLS domain of profile '{prof['name']}' has a Mozilla-format configuration: "
                             f"{names} {'uses' if len(left_out) == 1 else 'use'} no certificate (PSK only), and the "
                             "Mozilla server-side TLS format describes certificate-authenticated servers (its "
                             "certificate lifespans, key types and signatures are required); export the profile "
                             "with --format gateway or --format openssl, and test it with `profilekit selftest`")
    for dom in gateway["domains"]:
        if dom["name"] not in left_out:
            configs[dom["name"]], fallbacks = configuration(dom)
            used[dom["name"]] = dict(sorted(fallbacks.items()))
    return {
        "version": MOZILLA_VERSION,
        "href": f"urn:profilekit:{prof['name']}:{prof['version']}",
        "configurations": configs,
        "profilekit": {"profile": prof["name"], "profile_version": prof["version"],
                       "source_sha256": gateway["source"]["sha256"], "fallbacks": used,
                       "left_out": left_out},
    }


def dumps_mozilla(obj: dict[str, Any]) -> str:
    """The Mozilla document as deterministic JSON text, indent 2."""
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"
