"""Generate cipher_suites.json from cryptodatahub, so that run time never imports cryptodatahub (0.4 s).

Run `python -m profilekit.catalog.build_ciphers` after upgrading cryptodatahub; tests/test_catalog.py
fails while the checked-in file differs from what `build()` returns.

What goes in: every cryptodatahub suite that the IANA TLS Cipher Suites registry assigns. cryptodatahub
also lists draft, vendor and national suites (old ECC and EXPORT1024 drafts, GOST 2001, CECPQ1, SM,
Salsa20, Netscape FIPS, SSLv2-derived private codes); they sit in code ranges IANA reserves, leaves
unassigned or keeps for private use (NON_IANA_CODES) or have no IANA name, and are left out. Signalling
values (SCSV) are not suites and are left out too. IANA's "Recommended" column is not in cryptodatahub,
so IANA_RECOMMENDED carries it. Where cryptodatahub and the standards disagree, the standards win; each
correction below says why.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from profilekit.catalog.ciphers import version_index

OUTPUT = Path(__file__).with_name("cipher_suites.json")

#: IANA TLS Cipher Suites registry, "Recommended" = Y (24 suites).
IANA_RECOMMENDED: frozenset[str] = frozenset({
    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256",
    "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384",
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_AES_128_CCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_DHE_RSA_WITH_AES_128_CCM",
    "TLS_DHE_RSA_WITH_AES_256_CCM",
    "TLS_DHE_PSK_WITH_AES_128_CCM",
    "TLS_DHE_PSK_WITH_AES_256_CCM",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256",
})

#: Code ranges (inclusive) where cryptodatahub has suites but the IANA registry assigns none.
NON_IANA_CODES: tuple[tuple[int, int, str], ...] = (
    (0x001C, 0x001D, "reserved to avoid conflicts with SSL 3.0 (Fortezza)"),
    (0x0047, 0x0066, "reserved or unassigned: draft ECC and EXPORT1024 codes of deployed implementations"),
    (0x0080, 0x0083, "unassigned: GOST R 34.10-94/2001 draft suites"),
    (0x16B7, 0x16BA, "unassigned: Google's CECPQ1 experiment"),
    (0xCC13, 0xCC15, "unassigned: pre-RFC 7905 ChaCha20-Poly1305 drafts"),
    (0xE000, 0xE9FF, "unassigned: Chinese SM (GB/T 38636) and Salsa20 draft suites"),
    (0xFEFE, 0xFEFF, "reserved: Netscape FIPS suites"),
    (0xFF00, 0xFFFF, "private use"),
)

#: The IANA registry spells these two RFC 6655 suites PSK_DHE; cryptodatahub (and most tools) say DHE_PSK.
#: The IANA spelling is the catalogue name; the common one stays findable as an alias.
IANA_SPELLING: dict[int, str] = {
    0xC0AA: "TLS_PSK_DHE_WITH_AES_128_CCM_8",
    0xC0AB: "TLS_PSK_DHE_WITH_AES_256_CCM_8",
}

_KEY_EXCHANGE = {
    "RSA": "rsa", "DH": "dh", "DHE": "dhe", "ECDH": "ecdh", "ECDHE": "ecdhe", "PSK": "psk",
    "ADH": "anon_dh", "AECDH": "anon_ecdh", "KRB5": "krb5", "SRP": "srp", "NULL": "null",
    "GOST_R3411_12_256": "gost",
}
_AUTHENTICATION = {
    "RSA": "rsa", "ECDSA": "ecdsa", "DSS": "dss", "PSK": "psk", "ANONYMOUS": "anon", "KRB5": "krb5",
    "SRP": "srp", "GOST_R3410_12_256": "gost",
}
_CIPHER = {
    "AES_128": "aes_128", "AES_256": "aes_256", "CAMELLIA_128": "camellia_128",
    "CAMELLIA_256": "camellia_256", "ARIA_128": "aria_128", "ARIA_256": "aria_256",
    "CHACHA20": "chacha20", "TRIPLE_DES_EDE": "3des", "DES": "des", "DES40": "des40", "IDEA": "idea",
    "RC4_128": "rc4_128", "RC4_40": "rc4_40", "RC2_40": "rc2_40", "SEED": "seed", "SM4": "sm4",
    "GOST2814789": "gost28147", "GOST_R3412_15_128": "kuznyechik", "GOST_R3412_15_64": "magma",
}
#: Key bits where cryptodatahub's key_size is not the effective strength: 3DES keys have 168 bits but
#: 112-bit strength (NIST SP 800-57); IDEA and GOST 28147-89 take 128- and 256-bit keys.
_CIPHER_BITS = {"TRIPLE_DES_EDE": 112, "IDEA": 128, "GOST2814789": 256}
_MODE = {"CBC": "cbc", "GCM": "gcm", "CCM": "ccm", "CCM_8": "ccm_8", "MGM": "mgm", "CNT": "cnt"}
_AEAD_MODES = ("gcm", "ccm", "ccm_8", "mgm", "poly1305")
_MAC = {
    "SHA1": "sha1", "SHA2_256": "sha256", "SHA2_384": "sha384", "MD5": "md5", "IMIT_GOST28147": "imit",
    "GOST_R3412_15_KUZNYECHIK_CTR_OMAC": "omac", "GOST_R3412_15_MAGMA_CTR_OMAC": "omac",
}
#: RFC 9189 GOST suites: TLS 1.2 only, and without ServerKeyExchange the premaster secret is wrapped with
#: a key agreed against the server's certificate key (no forward secrecy). cryptodatahub says TLS 1.0+,
#: forward secret, and EAX mode for CTR-OMAC.
_GOST_TLS12 = {0xC100: "ctr", 0xC101: "ctr", 0xC102: "cnt"}

#: Suites for which cryptodatahub gives a name OpenSSL never had. The RFC 8998 SM4 suites are called
#: TLS13-SM4-GCM-SM3 / TLS13-SM4-CCM-SM3 in Tongsuo (BabaSSL); OpenSSL (1.1.1 to 3.x) implements no SM4
#: TLS 1.3 suite and rejects those names ("no cipher match").
_NOT_IN_OPENSSL = frozenset({0x00C6, 0x00C7})


def _version(member: Any) -> str:
    name = str(member.name)
    if name.startswith("TLS1_3"):  # TLS1_3_DRAFT_15 too
        return "TLS1.3"
    return {"SSL3": "SSL3.0", "TLS1": "TLS1.0", "TLS1_1": "TLS1.1", "TLS1_2": "TLS1.2"}[name]


def _iana_assigned(code: int, name: str | None) -> bool:
    if name is None or name.endswith("_SCSV"):
        return False
    return not any(low <= code <= high for low, high, _ in NON_IANA_CODES)


def _record(params: Any) -> dict[str, object]:
    """One catalogue record from one cryptodatahub CipherSuiteParams."""
    code = int(params.code)
    name = str(params.iana_name)
    iana = IANA_SPELLING.get(code, name)
    min_version, max_version = _version(params.initial_version), _version(params.last_version)
    tls13 = min_version == "TLS1.3"
    bulk = params.bulk_cipher
    mode = params.block_cipher_mode
    cdh_mac = params.mac.name if params.mac is not None else None

    if tls13:
        key_exchange = authentication = "any"
        # TLS 1.3 suites fix no key exchange; (EC)DHE gives forward secrecy unless psk_ke is allowed,
        # which is a separate profile setting.
        forward_secret = True
        max_version = "TLS1.3"  # cryptodatahub says TLS 1.2 for the RFC 9367 GOST suites
    else:
        kx = _KEY_EXCHANGE[params.key_exchange.name]
        auth_name = params.authentication.name
        if auth_name == "PSK" and kx in ("rsa", "dhe", "ecdhe"):
            kx = f"{kx}_psk"
        key_exchange = kx
        authentication = "null" if kx == "null" else _AUTHENTICATION[auth_name]
        forward_secret = bool(params.key_exchange.value.forward_secret) and code not in _GOST_TLS12

    cipher = "null" if bulk is None else _CIPHER[bulk.name]
    cipher_bits = 0 if bulk is None else _CIPHER_BITS.get(bulk.name, int(bulk.value.key_size))
    if code in _GOST_TLS12:
        mode_name: str | None = _GOST_TLS12[code]
        min_version = "TLS1.2"
    elif mode is not None:
        mode_name = _MODE[mode.name]
    elif cipher == "chacha20":
        mode_name = "poly1305"
    else:
        mode_name = None
    # cryptodatahub's authenticated_encryption is wrong for 0xC070/0xC071 (ARIA-CBC) and 0xD003/0xD005
    # (ECDHE_PSK AES-CCM); the mode decides.
    aead = mode_name in _AEAD_MODES
    mac = "aead" if aead else (None if cdh_mac is None else _MAC[cdh_mac])

    # Project rule (shared/reference/security-baselines.md): AEAD and SHA-256/384 suites need TLS 1.2.
    # cryptodatahub says TLS 1.0 for the SHA-256/384 CBC and NULL suites of RFC 5487, 5489, 5932 and
    # 6209, which RFC 5487 permits with the old PRF; we keep the stricter, common reading.
    if (aead or mac in ("sha256", "sha384")) and version_index(min_version) < version_index("TLS1.2"):
        min_version = "TLS1.2"
    if bool(params.export_grade):
        max_version = "TLS1.0"  # RFC 4346 A.5: TLS 1.1 implementations MUST NOT negotiate export suites
    elif key_exchange == "krb5":
        max_version = "TLS1.1"  # security-baselines.md: every RFC 2712 suite exists only below TLS 1.2

    record: dict[str, object] = {
        "iana": iana,
        "code": f"0x{code:04X}",
        "openssl": None if params.openssl_name is None or code in _NOT_IN_OPENSSL else str(params.openssl_name),
        "key_exchange": key_exchange,
        "authentication": authentication,
        "cipher": cipher,
        "cipher_bits": cipher_bits,
        "mode": mode_name,
        "mac": mac,
        "aead": aead,
        "forward_secret": forward_secret,
        "export": bool(params.export_grade),
        "min_version": min_version,
        "max_version": max_version,
        "recommended": iana in IANA_RECOMMENDED,
    }
    if iana != name:
        record["aliases"] = [name]
    return record


def _check(records: list[dict[str, object]]) -> None:
    """Fail the build, not a user's run, when cryptodatahub changes shape in a way we would mis-map."""
    names: dict[str, object] = {}
    for rec in records:
        aliases = rec.get("aliases", [])
        assert isinstance(aliases, list)
        for key in (rec["iana"], rec["openssl"], *aliases):
            if key is None:
                continue
            folded = str(key).upper()
            if names.setdefault(folded, rec["iana"]) != rec["iana"]:
                raise ValueError(f"name {key!r} names both {names[folded]} and {rec['iana']}")
    recommended = {str(rec["iana"]) for rec in records if rec["recommended"]}
    if recommended != IANA_RECOMMENDED:
        raise ValueError(f"recommended suites missing from cryptodatahub: {IANA_RECOMMENDED - recommended}")


def build() -> list[dict[str, object]]:
    """The catalogue records, sorted by code point, exactly as cipher_suites.json holds them."""
    from cryptodatahub.tls.algorithm import TlsCipherSuite

    records = [
        _record(member.value)
        for member in TlsCipherSuite
        if _iana_assigned(int(member.value.code), member.value.iana_name)
    ]
    records.sort(key=lambda rec: int(str(rec["code"]), 16))
    codes = [rec["code"] for rec in records]
    if len(set(codes)) != len(codes):
        raise ValueError("cryptodatahub lists a code point twice")
    _check(records)
    return records


def render(records: list[dict[str, object]]) -> str:
    """JSON text with one suite per line, so that a changed suite is a one-line diff."""
    lines = ",\n".join(json.dumps(rec, ensure_ascii=True) for rec in records)
    return f"[\n{lines}\n]\n"


def main() -> int:
    """Write cipher_suites.json next to this module."""
    records = build()
    OUTPUT.write_text(render(records), encoding="utf-8")
    print(f"wrote {len(records)} cipher suites to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
