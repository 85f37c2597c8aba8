"""`profilekit ciphers`: the catalogue listing, its filters and formats, through the real entry point."""

from __future__ import annotations

import json

from conftest import run_cli

from profilekit.catalog.ciphers import all_suites, lookup


def _json(*args: str) -> list[dict[str, object]]:
    result = run_cli("ciphers", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    records: list[dict[str, object]] = json.loads(result.stdout)
    return records


def test_text_lists_every_suite_with_its_fields() -> None:
    result = run_cli("ciphers")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["IANA", "name", "Code"]
    assert lines[-1] == f"{len(all_suites())} suites"
    row = next(line for line in lines if line.startswith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 "))
    assert row.split() == ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "0xC0,0x2F", "ECDHE-RSA-AES128-GCM-SHA256",
                           "ecdhe", "rsa", "aes_128", "gcm", "aead", "yes", "yes", "TLS1.2", "yes"]


def test_name_filter_matches_iana_and_openssl_names_case_insensitively() -> None:
    by_openssl = {r["iana"] for r in _json("--filter", "ecdhe-rsa-aes128")}
    assert "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" in by_openssl
    assert all("ECDHE-RSA-AES128" in str(lookup(str(n)).openssl) for n in by_openssl)  # type: ignore[union-attr]
    by_iana = {r["iana"] for r in _json("--filter", "chacha20_poly1305")}
    assert by_iana and all("CHACHA20_POLY1305" in str(n) for n in by_iana)


def test_key_value_filters_combine() -> None:
    records = _json("--filter", "kx=ecdhe", "--filter", "aead=yes", "--filter", "auth=rsa")
    assert records
    assert all(r["key_exchange"] == "ecdhe" and r["aead"] and r["authentication"] == "rsa" for r in records)
    expected = {s.iana for s in all_suites() if s.key_exchange == "ecdhe" and s.aead and s.authentication == "rsa"}
    assert {r["iana"] for r in records} == expected


def test_recommended_and_tls13_flags() -> None:
    recommended = _json("--recommended")
    assert {r["iana"] for r in recommended} == {s.iana for s in all_suites() if s.recommended}
    both = _json("--recommended", "--tls13")
    assert both and all(r["min_version"] == "TLS1.3" and r["recommended"] for r in both)
    assert {r["iana"] for r in _json("--filter", "version=TLS1.3")} == {s.iana for s in all_suites() if s.tls13}


def test_bad_filter_is_a_usage_error() -> None:
    result = run_cli("ciphers", "--filter", "colour=blue")
    assert result.returncode == 2
    assert "unknown filter key 'colour'" in result.stderr
    assert run_cli("ciphers", "--filter", "aead=maybe").returncode == 2
