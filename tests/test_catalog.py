"""The cipher catalogue: regenerates from cryptodatahub, agrees with the IANA registry, answers lookups."""

from __future__ import annotations

import csv
import importlib.util
import re

import pytest
from conftest import REFERENCE

from profilekit.catalog.ciphers import VERSIONS, all_suites, by_code, lookup, suggest, version_index

needs_cryptodatahub = pytest.mark.skipif(
    importlib.util.find_spec("cryptodatahub") is None,
    reason="cryptodatahub not installed (pip install profilekit[test]); cannot regenerate the catalogue",
)

#: IANA suites the catalogue lacks because cryptodatahub has no entry for them (checked below).
KNOWN_ABSENT = {
    0x1306: "TLS_AEGIS_256_SHA384",
    0x1307: "TLS_AEGIS_128L_SHA256",
    0xC0B0: "TLS_ECCPWD_WITH_AES_128_GCM_SHA256",
    0xC0B1: "TLS_ECCPWD_WITH_AES_256_GCM_SHA384",
    0xC0B2: "TLS_ECCPWD_WITH_AES_128_CCM_SHA256",
    0xC0B3: "TLS_ECCPWD_WITH_AES_256_CCM_SHA384",
    0xC0B4: "TLS_SHA256_SHA256",
    0xC0B5: "TLS_SHA384_SHA384",
}


@pytest.fixture(scope="module")
def iana() -> dict[int, tuple[str, bool]]:
    """IANA snapshot: code point → (description, Recommended == Y), for single named code points only."""
    path = REFERENCE / "iana-tls-cipher-suites.csv"
    if not path.is_file():
        pytest.skip(f"../shared/reference not present: no IANA cipher suite snapshot at {path}")
    rows: dict[int, tuple[str, bool]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            match = re.fullmatch(r"0x([0-9A-F]{2}),0x([0-9A-F]{2})", row["Value"].strip(), re.IGNORECASE)
            if match and row["Description"].startswith("TLS_"):
                rows[int(match[1] + match[2], 16)] = (row["Description"], row["Recommended"] == "Y")
    assert len(rows) == 352, "the 2023 snapshot names 352 suites; has the CSV layout changed?"
    return rows


# --- generated data --------------------------------------------------------------------------------


@needs_cryptodatahub
def test_checked_in_catalogue_is_what_the_generator_writes() -> None:
    from profilekit.catalog import build_ciphers

    expected = build_ciphers.render(build_ciphers.build())
    actual = build_ciphers.OUTPUT.read_text(encoding="utf-8")
    assert actual == expected, "cipher_suites.json is stale: run `python -m profilekit.catalog.build_ciphers`"


@needs_cryptodatahub
def test_known_absent_suites_are_really_missing_from_cryptodatahub() -> None:
    from cryptodatahub.tls.algorithm import TlsCipherSuite

    present = {member.value.code for member in TlsCipherSuite} & KNOWN_ABSENT.keys()
    assert not present, f"cryptodatahub now has {sorted(map(hex, present))}: regenerate, shrink KNOWN_ABSENT"


def test_catalogue_is_sorted_and_unique() -> None:
    codes = [suite.code for suite in all_suites()]
    assert codes == sorted(set(codes))
    assert len({suite.iana for suite in all_suites()}) == len(codes)
    assert len(codes) == 342


# --- cross-check against the IANA registry snapshot ------------------------------------------------


def test_names_and_code_points_match_iana(iana: dict[int, tuple[str, bool]]) -> None:
    differences = [
        f"0x{suite.code:04X}: catalogue {suite.iana}, IANA {iana.get(suite.code, ('unassigned',))[0]}"
        for suite in all_suites()
        if iana.get(suite.code, ("",))[0] != suite.iana
    ]
    assert not differences, "\n".join(differences)


def test_recommended_set_matches_iana(iana: dict[int, tuple[str, bool]]) -> None:
    theirs = {name for name, recommended in iana.values() if recommended}
    ours = {suite.iana for suite in all_suites() if suite.recommended}
    assert len(theirs) == 24
    assert ours == theirs


def test_only_known_absent_iana_suites_are_missing(iana: dict[int, tuple[str, bool]]) -> None:
    ours = {suite.code for suite in all_suites()}
    named = {code: name for code, (name, _) in iana.items() if not name.endswith("_SCSV")}
    missing = {code: name for code, name in named.items() if code not in ours}
    assert missing == KNOWN_ABSENT, f"IANA suites missing from the catalogue: {missing}"
    assert len(named) == 350 and len(ours) / len(named) > 0.97


# --- facts every baseline shares (security-baselines.md) -------------------------------------------


def test_version_ranges() -> None:
    for suite in all_suites():
        assert version_index(suite.min_version) <= version_index(suite.max_version), suite.iana
        if suite.tls13:
            assert suite.max_version == "TLS1.3" and suite.key_exchange == "any", suite.iana
        else:
            assert suite.max_version != "TLS1.3", suite.iana
        if suite.aead or suite.mac in ("sha256", "sha384"):
            assert version_index(suite.min_version) >= version_index("TLS1.2"), suite.iana
        if suite.key_exchange == "krb5":
            assert not suite.usable_with("TLS1.2"), suite.iana
        if suite.export:
            assert not suite.usable_with("TLS1.1"), suite.iana


def test_recommended_suites_are_aead_with_forward_secrecy() -> None:
    recommended = [suite for suite in all_suites() if suite.recommended]
    assert all(suite.aead and suite.forward_secret for suite in recommended)


KEY_EXCHANGE_BY_NAME = {
    "NULL": "null", "RSA": "rsa", "RSA_EXPORT": "rsa", "DH_DSS": "dh", "DH_RSA": "dh", "DH_DSS_EXPORT": "dh",
    "DH_RSA_EXPORT": "dh", "DHE_DSS": "dhe", "DHE_RSA": "dhe", "DHE_DSS_EXPORT": "dhe",
    "DHE_RSA_EXPORT": "dhe", "DH_anon": "anon_dh", "DH_anon_EXPORT": "anon_dh", "ECDH_ECDSA": "ecdh",
    "ECDH_RSA": "ecdh", "ECDHE_ECDSA": "ecdhe", "ECDHE_RSA": "ecdhe", "ECDH_anon": "anon_ecdh",
    "PSK": "psk", "DHE_PSK": "dhe_psk", "PSK_DHE": "dhe_psk", "RSA_PSK": "rsa_psk", "ECDHE_PSK": "ecdhe_psk",
    "KRB5": "krb5", "KRB5_EXPORT": "krb5", "SRP_SHA": "srp", "SRP_SHA_RSA": "srp", "SRP_SHA_DSS": "srp",
    "GOSTR341112_256": "gost",
}
FORWARD_SECRET = {"dhe", "ecdhe", "dhe_psk", "ecdhe_psk", "anon_dh", "anon_ecdh"}


def test_properties_agree_with_the_iana_name() -> None:
    for suite in (suite for suite in all_suites() if not suite.tls13):
        prefix = suite.iana.removeprefix("TLS_").split("_WITH_")[0]
        assert suite.key_exchange == KEY_EXCHANGE_BY_NAME[prefix], suite.iana
        assert suite.forward_secret == (suite.key_exchange in FORWARD_SECRET), suite.iana
        assert suite.export == ("EXPORT" in suite.iana), suite.iana
        assert (suite.cipher == "null") == ("_WITH_NULL_" in suite.iana), suite.iana
        aead_name = any(part in suite.iana for part in ("_GCM", "_CCM", "_POLY1305", "_MGM"))
        assert suite.aead == aead_name, suite.iana


# --- runtime API ----------------------------------------------------------------------------------


def test_lookup_by_iana_openssl_and_code() -> None:
    suite = lookup("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
    assert suite is not None and suite.code == 0xC02F
    assert lookup("tls_ecdhe_rsa_with_aes_128_gcm_sha256") is suite
    assert lookup("ECDHE-RSA-AES128-GCM-SHA256") is suite
    assert lookup("ecdhe-rsa-aes128-gcm-sha256") is suite
    assert lookup("0xC02F") is suite
    assert lookup("0xc0,0x2f") is suite
    assert lookup(" 0xC0, 0x2F ") is suite
    assert by_code(0xC02F) is suite
    assert lookup("TLS_AES_128_GCM_SHA256") is by_code(0x1301)
    assert lookup("TLS_NO_SUCH_SUITE") is None
    assert lookup("0xFFFF") is None and by_code(0x5600) is None  # private use; TLS_FALLBACK_SCSV


def test_lookup_accepts_the_common_spelling_of_iana_psk_dhe_names() -> None:
    suite = lookup("TLS_DHE_PSK_WITH_AES_128_CCM_8")
    assert suite is not None and suite.iana == "TLS_PSK_DHE_WITH_AES_128_CCM_8"
    assert suite.aliases == ("TLS_DHE_PSK_WITH_AES_128_CCM_8",)


def test_suggest_did_you_mean() -> None:
    assert suggest("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265")[0] == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
    assert suggest("ECDHE-RSA-AES128-GCM-SHA265")[0] == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
    assert len(suggest("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265", n=2)) == 2
    assert suggest("completely unrelated") == []


def test_usable_with_and_tls13() -> None:
    tls13 = lookup("TLS_AES_256_GCM_SHA384")
    gcm12 = lookup("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")
    cbc = lookup("TLS_RSA_WITH_AES_128_CBC_SHA")
    assert tls13 is not None and gcm12 is not None and cbc is not None
    assert tls13.tls13 and not gcm12.tls13 and not cbc.tls13
    assert [v for v in VERSIONS if tls13.usable_with(v)] == ["TLS1.3"]
    assert [v for v in VERSIONS if gcm12.usable_with(v)] == ["TLS1.2"]
    assert [v for v in VERSIONS if cbc.usable_with(v)] == ["TLS1.0", "TLS1.1", "TLS1.2"]
    with pytest.raises(ValueError, match="unknown TLS version"):
        cbc.usable_with("TLSv1.2")


@pytest.mark.parametrize(
    ("name", "forward_secret", "aead", "key_exchange"),
    [
        ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", True, True, "ecdhe"),
        ("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", True, True, "dhe"),
        ("TLS_RSA_WITH_AES_128_CBC_SHA", False, False, "rsa"),
        ("TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", False, True, "ecdh"),
        ("TLS_PSK_WITH_AES_128_GCM_SHA256", False, True, "psk"),
        ("TLS_PSK_WITH_AES_128_CBC_SHA256", False, False, "psk"),
        ("TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", False, True, "rsa_psk"),
        ("TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", True, False, "ecdhe_psk"),
        ("TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256", True, True, "ecdhe_psk"),
        ("TLS_KRB5_WITH_3DES_EDE_CBC_SHA", False, False, "krb5"),
    ],
)
def test_flags_of_known_suites(name: str, forward_secret: bool, aead: bool, key_exchange: str) -> None:
    suite = lookup(name)
    assert suite is not None
    assert (suite.forward_secret, suite.aead, suite.key_exchange) == (forward_secret, aead, key_exchange)


def test_cipher_strength_and_mac() -> None:
    triple_des = lookup("DES-CBC3-SHA")
    null = lookup("TLS_RSA_WITH_NULL_SHA256")
    chacha = lookup("TLS_CHACHA20_POLY1305_SHA256")
    export = lookup("EXP-RC4-MD5")
    assert triple_des is not None and (triple_des.cipher, triple_des.cipher_bits) == ("3des", 112)
    assert null is not None and (null.cipher, null.cipher_bits, null.mac) == ("null", 0, "sha256")
    assert chacha is not None and (chacha.mode, chacha.mac, chacha.cipher_bits) == ("poly1305", "aead", 256)
    assert export is not None and export.export and export.max_version == "TLS1.0"


def test_to_record() -> None:
    suite = by_code(0xC02F)
    assert suite is not None
    record = suite.to_record()
    assert record["code"] == "0xC02F" and record["code_bytes"] == "0xC0,0x2F"
    assert record["iana"] == suite.iana and record["recommended"] is True
    assert set(record) == {
        "iana", "code", "code_bytes", "openssl", "key_exchange", "authentication", "cipher", "cipher_bits",
        "mode", "mac", "aead", "forward_secret", "export", "min_version", "max_version", "recommended",
    }


def test_version_index() -> None:
    assert [version_index(v) for v in VERSIONS] == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError, match=r"expected one of SSL3\.0, TLS1\.0"):
        version_index("SSL2.0")
