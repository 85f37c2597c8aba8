"""Mozilla-format export: each TLS domain as a configuration in the layout of Mozilla's server-side TLS
guidelines JSON, version 5.7 (what sslyze's `--custom_tls_config` and similar checkers read).

Built from the gateway export, so it says what the OpenSSL settings configure. Where the profile is silent
on a field, the value comes from a documented derivation (DERIVATIONS, also in docs/mozilla-export.md);
the derivations used per domain are listed under the top-level `profilekit` key. Certificate names are
spelt as sslyze 6 compares them (cryptography's names). A domain that uses no certificate at all (PSK
only) gets empty/null certificate fields, listed under `profilekit.not_applicable`, never defaults.
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
                                    "Baseline Requirements maximum for TLS server certificates; null when the "
                                    "domain uses no certificate.",
    "ocsp_staple": "extensions.ocsp_stapling.",
    "recommended_certificate_lifespan": "same as maximum_certificate_lifespan (a profile states one lifetime).",
    "rsa_key_size": "the RSA key type's min_bits; null when RSA certificates are not allowed.",
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
#: Field → why it does not apply to a domain that uses no certificate.
NOT_APPLICABLE: dict[str, str] = {
    field: "the domain uses no certificate (no certificate method, no certificate-authenticated suite)"
    for field in ("certificate_curves", "certificate_signatures", "certificate_types",
                  "maximum_certificate_lifespan", "recommended_certificate_lifespan", "rsa_key_size")}

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
    """One domain's Mozilla 5.7 configuration object, and the fallbacks used (field → derivation)."""
    config, fallbacks, _ = _configuration(domain)
    return config, fallbacks


def _configuration(domain: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """The configuration, the fallbacks used and the fields that do not apply (field → why)."""
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
    lifespan: int | None = lifetime
    signatures = [n for t in types for n in _sig_names(t, hashes)]
    not_applicable: dict[str, str] = {}
    if not uses_certificates(domain):
        not_applicable = dict(NOT_APPLICABLE)
        for name in NOT_APPLICABLE:
            fallbacks.pop(name, None)
        cert_curves, signatures, types, lifespan, rsa_bits = [], [], [], None, None
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
        "maximum_certificate_lifespan": lifespan,
        "ocsp_staple": tls["extensions"]["ocsp_stapling"],
        "recommended_certificate_lifespan": lifespan,
        "rsa_key_size": rsa_bits,
        "server_preferred_order": tls["server_preference"],
        "tls_curves": curves,
        "tls_versions": [v["openssl"] for v in tls["versions"]],
    }
    return config, fallbacks, not_applicable


def build_mozilla(gateway: dict[str, Any], domain: str | None = None) -> dict[str, Any]:
    """The Mozilla 5.7 document for every domain, or (with `domain`) that domain's configuration object."""
    if domain is not None:
        for dom in gateway["domains"]:
            if dom["name"] == domain:
                return configuration(dom)[0]
        raise KeyError(domain)
    prof = gateway["profile"]
    configs: dict[str, Any] = {}
    used: dict[str, Any] = {}
    unused: dict[str, Any] = {}
    for dom in gateway["domains"]:
        configs[dom["name"]], fallbacks, not_applicable = _configuration(dom)
        used[dom["name"]] = dict(sorted(fallbacks.items()))
        if not_applicable:
            unused[dom["name"]] = dict(sorted(not_applicable.items()))
    return {
        "version": MOZILLA_VERSION,
        "href": f"urn:profilekit:{prof['name']}:{prof['version']}",
        "configurations": configs,
        "profilekit": {"profile": prof["name"], "profile_version": prof["version"],
                       "source_sha256": gateway["source"]["sha256"], "fallbacks": used,
                       "not_applicable": unused},
    }


def dumps_mozilla(obj: dict[str, Any]) -> str:
    """The Mozilla document as deterministic JSON text, indent 2."""
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"
