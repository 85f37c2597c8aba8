"""Loopback self-test and the OpenSSL settings, with real OpenSSL (s_server/s_client, libssl, python ssl).

Each selftest run starts one short-lived `openssl s_server` per domain on 127.0.0.1; every wait is bounded
by the --timeout (5 s), so a hung handshake fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import shutil
import ssl
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES, run_cli
from rule_harness import build_case

from profilekit.export.gateway import build_gateway
from profilekit.export.mozilla import build_mozilla
from profilekit.export.openssl import check_settings, local_suites, openssl_conf_text, render_fragment
from profilekit.export.selftest import Pki, cli_client, fingerprint, openssl_server, py_client
from profilekit.load.profile import load_profile

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="the openssl command line tool is absent")

BASE = SAMPLES[0]
AUTH = "tls.profiles[0].authentication"


def variant(tmp_path: Path, **patches: Any) -> Path:
    """Sample (a) with `tls.profiles[0]` fields replaced (keyword = field, `__` for '.'), for profiles the
    samples lack; written beside a copy of the samples so its imports resolve."""
    patch = [{"path": "tls.profiles[0]." + key.replace("__", "."), "value": value} for key, value in patches.items()]
    return build_case({"name": "selftest-variant", "base": str(BASE.relative_to(ROOT)), "patch": patch}, tmp_path)


def selftest(path: Path, *extra: str) -> tuple[int, dict]:
    """Run the self-test with --force: several variants break rules on purpose, and these tests are about
    the self-test, not the validation gate (tests/test_export_cli.py). Returns 0/1 for the self-test's own
    verdict (with --force the exit status is 1 whenever the profile has error findings)."""
    result = run_cli("selftest", str(path), "--format", "json", "--timeout", "5", "--force", *extra, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    if result.returncode == 0:
        assert report["passed"]
    return (0 if report["passed"] else 1), report


def checks(report: dict, status: str | None = None) -> list[dict]:
    return [c for d in report["domains"] for c in d["checks"] if status is None or c["status"] == status]


def test_selftest_passes_on_certificate_samples(sample: Path) -> None:
    loaded = load_profile(sample)
    cert_domains = [d.name for d in loaded.profile.tls.domains
                    if any(m.startswith("certificate") for p in loaded.profile.tls.profiles
                           if p.id == d.tls_profile for m in p.authentication.methods)]
    if not cert_domains:
        pytest.skip(f"{sample.name} has no certificate-based domain")
    code, report = selftest(sample)
    assert code == 0, json.dumps(report, indent=1)
    exercised = {d["name"] for d in report["domains"] if d["status"] == "passed"}
    assert set(cert_domains) <= exercised
    engines = {c["engine"] for c in checks(report)}
    assert {"python ssl", "openssl s_client", "libssl SSL_CONF_cmd"} <= engines


def test_selftest_text_table_and_domain_filter() -> None:
    name = load_profile(BASE).profile.tls.domains[0].name
    result = run_cli("selftest", str(BASE), "--domain", name, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    first = result.stdout.splitlines()[2].split()
    assert first[:2] == ["domain", "check"]
    rows = [line.split()[0] for line in result.stdout.splitlines()[3:] if line and not line.startswith(" ")]
    assert name in rows
    others = {d.name for d in load_profile(BASE).profile.tls.domains} - {name}
    assert not others & set(rows)
    checks = rows.count(name)
    assert f"passed (TLS domains: 1 passed, 0 failed, 0 not exercised; {checks} checks)" in result.stdout


def test_preference_openssl_cannot_honour_fails(tmp_path: Path) -> None:
    """A TLS 1.2 suite preferred to TLS 1.3 suites: OpenSSL negotiates TLS 1.3 anyway."""
    path = variant(tmp_path, cipher_suites=[
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"], versions=["TLS1.2", "TLS1.3"])
    code, report = selftest(path)
    assert code == 1
    failed = checks(report, "failed")
    assert any(c["name"] == "negotiates the most preferred shared suite" and "cannot honour" in c["detail"]
               for c in failed), failed
    text = run_cli("selftest", str(path), timeout=120)
    assert text.returncode == 1 and "FAILED" in text.stdout and "cannot honour" in text.stdout


def test_versions_excluding_every_suite_fail(tmp_path: Path) -> None:
    path = variant(tmp_path, versions=["TLS1.3"], cipher_suites=[
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"])
    code, report = selftest(path)
    assert code == 1
    details = " | ".join(c["detail"] for c in checks(report, "failed"))
    assert "no cipher suite of the profile is usable with its versions (TLS1.3)" in details
    assert "the profile allows TLS1.3 but none of its suites" in details


def test_fingerprint_mode_and_required_client_auth(tmp_path: Path) -> None:
    path = variant(tmp_path, authentication={
        "server": "required", "client": "required", "methods": ["certificate_self_signed"],
        "on_failure": "terminate", "fingerprint_hash": "sha-256"})
    code, report = selftest(path)
    assert code == 0, json.dumps(report, indent=1)
    names = {c["name"]: c for c in checks(report)}
    assert names["matching fingerprint accepted"]["status"] == "passed"
    assert names["wrong fingerprint rejected"]["status"] == "passed"
    assert names["client without certificate refused"]["status"] == "passed"
    assert "server certificate from an unknown CA rejected" not in names


def test_tls12_only_profile_refuses_tls13(tmp_path: Path) -> None:
    path = variant(tmp_path, versions=["TLS1.2"])
    code, report = selftest(path)
    assert code == 0, json.dumps(report, indent=1)
    names = {c["name"]: c for c in checks(report)}
    assert names["TLS1.3 refused"]["status"] == "passed"
    assert names["negotiates the highest version the profile allows"]["detail"] == "negotiated TLS1.2"


def test_psk_domain_is_exercised_with_openssl_cli(tmp_path: Path) -> None:
    path = variant(tmp_path, authentication={
        "server": "required", "client": "required", "methods": ["psk"], "on_failure": "terminate",
        "psk": {"min_key_octets": 32}})
    code, report = selftest(path)
    assert code == 0, json.dumps(report, indent=1)
    names = {c["name"]: c for c in checks(report)}
    assert names["PSK handshake with the right key"]["engine"] == "openssl s_client"
    assert names["PSK handshake with the right key"]["detail"].startswith("TLS1.3, TLS_AES_128_GCM_SHA256")
    assert names["PSK handshake with a wrong key refused"]["status"] == "passed"


def test_kerberos_domain_is_not_exercised(tmp_path: Path) -> None:
    path = variant(tmp_path, authentication={
        "server": "required", "client": "required", "methods": ["trusted_third_party"],
        "on_failure": "terminate", "trusted_third_party": {"kind": "kerberos", "selection": "per_domain"}})
    code, report = selftest(path)
    assert code == 0
    assert {d["status"] for d in report["domains"]} == {"not_exercised"}
    assert all("Kerberos" in d["reason"] for d in report["domains"])


def test_selftest_cli_errors(tmp_path: Path) -> None:
    name = load_profile(BASE).profile.tls.domains[0].name
    result = run_cli("selftest", str(BASE), "--domain", name + "x")
    assert result.returncode == 2 and f"did you mean {name!r}" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("tls: {profiles: []\n", encoding="utf-8")
    result = run_cli("selftest", str(bad))
    assert result.returncode == 2 and f"{bad}:" in result.stderr and "Traceback" not in result.stderr


# --- OpenSSL settings ------------------------------------------------------------------------------------


def test_libssl_accepts_every_samples_settings(sample: Path) -> None:
    for dom in build_gateway(load_profile(sample))["domains"]:
        assert check_settings(dom["openssl"]["settings"]) == {}, dom["name"]


def test_libssl_check_reports_bad_values() -> None:
    rejected = check_settings({"Options": "-Compression, NoSuchOption", "Groups": "X25519:nonsense",
                               "CipherString": "ECDHE-ECDSA-AES128-GCM-SHA256", "Bogus": "1"})
    assert set(rejected) == {"Options", "Groups", "Bogus"}
    assert "NoSuchOption" in rejected["Options"]


def test_python_ssl_accepts_cipher_strings(sample: Path) -> None:
    for dom in build_gateway(load_profile(sample))["domains"]:
        cipher_string = dom["openssl"]["settings"]["CipherString"]
        if cipher_string:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.set_ciphers(cipher_string)
            offered = {c["name"] for c in ctx.get_ciphers() if c["protocol"] != "TLSv1.3"}
            wanted = {s["openssl"] for s in dom["tls"]["cipher_suites"]["tls12_and_earlier"] if s["openssl"]}
            assert offered == wanted & local_suites()


def test_unavailable_suites_are_listed_not_dropped_silently(tmp_path: Path) -> None:
    base = [str(s) for s in load_profile(BASE).profile.tls.profiles[0].cipher_suites]
    path = variant(tmp_path, cipher_suites=[*base, "TLS_AES_128_CCM_8_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8",
                                            "TLS_RSA_WITH_IDEA_CBC_SHA", "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
                                            "TLS_SM4_GCM_SM3"])
    dom = build_gateway(load_profile(path))["domains"][0]
    listed = {u["iana"] for u in dom["openssl"]["unavailable_in_openssl"]}
    no_name = {s["iana"] for k in ("tls13", "tls12_and_earlier") for s in dom["tls"]["cipher_suites"][k]
               if s["openssl"] is None}
    assert listed == no_name
    settings = dom["openssl"]["settings"]
    for suites in dom["tls"]["cipher_suites"].values():
        for s in suites:
            joined = settings["Ciphersuites"] if s["min_version"] == "TLS1.3" else settings["CipherString"]
            assert (s["openssl"] in joined.split(":")) == (s["openssl"] is not None)
    code, report = selftest(path, "--domain", dom["name"])
    notes = " ".join(report["domains"][0]["notes"])
    for s in (*dom["tls"]["cipher_suites"]["tls13"], *dom["tls"]["cipher_suites"]["tls12_and_earlier"]):
        if s["openssl"] is not None and s["openssl"] not in local_suites():
            assert s["iana"] in notes and "not available in this OpenSSL build" in notes
    assert code == 0, json.dumps(report, indent=1)


def test_fragment_sections_carry_the_settings(sample: Path) -> None:
    export = build_gateway(load_profile(sample))
    text = render_fragment(export)
    for dom in export["domains"]:
        section = text.split(f"[{dom['openssl']['section']}]\n", 1)[1].split("\n\n", 1)[0]
        keys = dict(line.split(" = ", 1) for line in section.splitlines() if not line.startswith("#"))
        assert keys == {k: v for k, v in dom["openssl"]["settings"].items() if v is not None}


def test_fingerprint_format(tmp_path: Path) -> None:
    cred = Pki(tmp_path).make("x", "ecdsa", 256)[0]
    value = fingerprint(cred.der, "sha-256")
    name, hexpairs = value.split(" ")
    assert name == "sha-256" and len(hexpairs.split(":")) == 32
    assert all(len(p) == 2 and p == p.upper() for p in hexpairs.split(":"))


# --- a server configured from the export passes a Mozilla-configuration check -----------------------------

PROBE_TLS12 = ("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
               "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
               "ECDHE-RSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "AES128-GCM-SHA256", "AES128-SHA",
               "DHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-SHA256")
PROBE_TLS13 = ("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256")


def test_openssl_server_from_export_matches_mozilla_configuration(sample: Path, tmp_path: Path) -> None:
    """What a server configured only from the export's OpenSSL settings negotiates is what the Mozilla
    configuration promises: exactly its versions, exactly its suites, and its preference order."""
    export = build_gateway(load_profile(sample))
    pki = Pki(tmp_path)
    ecdsa, rsa = pki.make("ec", "ecdsa", 256)[0], pki.make("rsa", "rsa", 2048)[0]
    args = ["-cert", str(ecdsa.cert), "-key", str(ecdsa.key), "-dcert", str(rsa.cert), "-dkey", str(rsa.key)]
    client_conf = tmp_path / "client.cnf"  # a neutral client: no system-wide MinProtocol/CipherString policy
    client_conf.write_text("", encoding="utf-8")
    for dom in export["domains"]:
        if not any(m.startswith("certificate") for m in dom["tls"]["authentication"]["methods"]):
            continue
        moz = build_mozilla(export, dom["name"])
        conf = tmp_path / f"{dom['name']}.cnf"
        conf.write_text(openssl_conf_text(dom["openssl"]["settings"]), encoding="utf-8")
        with openssl_server(conf, args, tmp_path, timeout=5) as port:
            def hello(*extra: str, port: int = port) -> tuple[bool, str | None, str | None]:
                out = cli_client(port, client_conf, ["-cipher", "ALL:@SECLEVEL=0", *extra], timeout=5)
                return out.ok, out.version, out.cipher

            for version, flag in (("TLSv1", "-tls1"), ("TLSv1.1", "-tls1_1"), ("TLSv1.2", "-tls1_2"),
                                  ("TLSv1.3", "-tls1_3")):
                ok, _, _ = hello(flag)
                assert ok == (version in moz["tls_versions"]), (dom["name"], version)
            if "TLSv1.2" in moz["tls_versions"]:
                for name in sorted(set(PROBE_TLS12) | set(moz["ciphers"]["openssl"])):
                    if name not in local_suites():
                        continue
                    ok, _, cipher = hello("-tls1_2", "-cipher", name + ":@SECLEVEL=0")
                    assert ok == (name in moz["ciphers"]["openssl"]), (dom["name"], name)
                    assert not ok or cipher == name
                offered = moz["ciphers"]["openssl"][::-1]
                ok, _, cipher = hello("-tls1_2", "-cipher", ":".join(offered))
                if moz["server_preferred_order"]:
                    assert ok and cipher == moz["ciphers"]["openssl"][0]
            if "TLSv1.3" in moz["tls_versions"]:
                for name in PROBE_TLS13:
                    ok, _, cipher = hello("-tls1_3", "-ciphersuites", name)
                    assert ok == (name in moz["ciphersuites"]), (dom["name"], name)
                ok, _, cipher = hello("-tls1_3", "-ciphersuites", ":".join(moz["ciphersuites"][::-1]))
                if moz["server_preferred_order"]:
                    assert ok and cipher == moz["ciphersuites"][0]


def test_python_client_sees_the_same(tmp_path: Path) -> None:
    """The python ssl engine agrees with s_client on a plain handshake (guards the selftest's two engines)."""
    export = build_gateway(load_profile(BASE))
    dom = export["domains"][0]
    pki = Pki(tmp_path)
    cred = pki.make("ec", "ecdsa", 256)[0]
    conf = tmp_path / "s.cnf"
    conf.write_text(openssl_conf_text(dom["openssl"]["settings"]), encoding="utf-8")
    with openssl_server(conf, ["-cert", str(cred.cert), "-key", str(cred.key)], tmp_path, timeout=5) as port:
        py = py_client(port, versions=("TLS1.2", "TLS1.3"), ciphers=None, timeout=5)
        cli = cli_client(port, conf, [], timeout=5)
    assert py.ok and cli.ok
    assert py.version == cli.version == dom["tls"]["max_version"]["name"]
    assert py.cipher == cli.cipher
