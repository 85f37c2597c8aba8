"""Loopback self-test and the OpenSSL settings, with real OpenSSL (s_server/s_client, libssl, python ssl).

Each selftest run starts one short-lived `openssl s_server` per domain on 127.0.0.1; every wait is bounded
by the --timeout (5 s), so a hung handshake fails the test instead of hanging it. Cases that run whole
self-tests or many handshakes are marked `slow`; `pytest -m "not slow"` still makes real handshakes (a dead
server, the wrong certificate, the libssl server's verify mode).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import ssl
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES, run_cli
from rule_harness import build_case

from profilekit.catalog.ciphers import lookup
from profilekit.export.gateway import build_gateway
from profilekit.export.mozilla import build_mozilla
from profilekit.export.openssl import (
    check_settings,
    local_suites,
    openssl_conf_text,
    render_fragment,
    section_settings,
)
from profilekit.export.selftest.authentication import check_server_fingerprint, check_server_trust
from profilekit.export.selftest.negotiation import Session
from profilekit.export.selftest.peers import cli_client, libssl_server, openssl_server, py_client
from profilekit.export.selftest.pki import Pki, fingerprint
from profilekit.export.selftest.plan import local_plan
from profilekit.export.selftest.results import DomainResult
from profilekit.export.selftest.runner import run_selftest
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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
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
    text = run_cli("selftest", str(path), "--force", timeout=120)  # the variant loses the sample's GL207 reason
    assert text.returncode == 1 and "FAILED" in text.stdout and "cannot honour" in text.stdout


@pytest.mark.slow
def test_versions_excluding_every_suite_fail(tmp_path: Path) -> None:
    path = variant(tmp_path, versions=["TLS1.3"], cipher_suites=[
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"])
    code, report = selftest(path)
    assert code == 1
    details = " | ".join(c["detail"] for c in checks(report, "failed"))
    assert "none of the profile's cipher suites that OpenSSL implements is usable with its versions (TLS1.3)" \
        in details and "disables every protocol version" in details


@pytest.mark.slow
def test_fingerprint_mode_and_required_client_auth(tmp_path: Path) -> None:
    path = variant(tmp_path, authentication={
        "server": "required", "client": "required", "methods": ["certificate_self_signed"],
        "on_failure": "terminate", "fingerprint_hash": "sha-256"})
    code, report = selftest(path)
    assert code == 0, json.dumps(report, indent=1)
    names = {c["name"]: c for c in checks(report)}
    for name in ("server presents the certificate with the expected fingerprint",
                 "server presenting another certificate detected",
                 "client certificate with a wrong fingerprint refused",
                 "client without certificate refused"):
        assert names[name]["status"] == "passed", names
    assert "server certificate from an unknown CA rejected" not in names


@pytest.mark.slow
def test_tls12_only_profile_refuses_tls13(tmp_path: Path) -> None:
    path = variant(tmp_path, versions=["TLS1.2"])
    code, report = selftest(path)
    assert code == 0, json.dumps(report, indent=1)
    names = {c["name"]: c for c in checks(report)}
    assert names["TLS1.3 refused"]["status"] == "passed"
    assert names["negotiates the highest version the profile allows"]["detail"] == "negotiated TLS1.2"


@pytest.mark.slow
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


@pytest.mark.slow
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
                               "CipherString": "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA265"
                                               ":@SECLEVEL=0",
                               "Ciphersuites": "TLS_AES_128_GCM_SHA256:TLS13-SM4-GCM-SM3",
                               "SignatureAlgorithms": "ECDSA+SHA256", "Bogus": "1"})
    assert set(rejected) == {"Options", "Groups", "CipherString", "Ciphersuites", "Bogus"}
    assert "NoSuchOption" in rejected["Options"] and "'nonsense'" in rejected["Groups"]
    assert "ECDHE-ECDSA-AES128-GCM-SHA265" in rejected["CipherString"]
    assert "TLS13-SM4-GCM-SM3" in rejected["Ciphersuites"]


def test_sm4_tls13_suites_have_no_openssl_name() -> None:
    for name in ("TLS_SM4_GCM_SM3", "TLS_SM4_CCM_SM3"):
        suite = lookup(name)
        assert suite is not None and suite.openssl is None


def test_python_ssl_accepts_cipher_strings(sample: Path) -> None:
    for dom in build_gateway(load_profile(sample))["domains"]:
        cipher_string = dom["openssl"]["settings"]["CipherString"]
        if cipher_string:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.set_ciphers(cipher_string)
            offered = {c["name"] for c in ctx.get_ciphers() if c["protocol"] != "TLSv1.3"}
            wanted = {s["openssl"] for s in dom["tls"]["cipher_suites"]["tls12_and_earlier"] if s["openssl"]}
            assert offered == wanted & local_suites()


@pytest.mark.slow
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
        assert keys == section_settings(dom)
        assert keys == {k: v for k, v in dom["openssl"]["settings"].items() if v is not None}
    verify = {dom["name"]: dom["openssl"]["settings"]["VerifyMode"] for dom in export["domains"]}
    legacy = [{**dom, "openssl": {**dom["openssl"], "settings": {k: v for k, v in dom["openssl"]["settings"].items()
                                                                  if k != "VerifyMode"}}}
              for dom in export["domains"]]  # a 1.0 export had no VerifyMode: derived from authentication
    assert {dom["name"]: section_settings(dom).get("VerifyMode") for dom in legacy} == verify


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


@pytest.mark.slow
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


# --- review items: the section never widens the profile, and every check can fail ---------------------------


def test_section_restricts_versions_without_suites(tmp_path: Path) -> None:
    """TLS 1.2 enabled but only TLS 1.3 suites listed: the section enables TLS 1.3 only, and a real server
    configured by it refuses a TLS 1.2 client offering OpenSSL's defaults."""
    path = variant(tmp_path, versions=["TLS1.2", "TLS1.3"],
                   cipher_suites=["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"])
    dom = build_gateway(load_profile(path))["domains"][0]
    settings = section_settings(dom)
    assert settings["MinProtocol"] == settings["MaxProtocol"] == "TLSv1.3" and "CipherString" not in settings
    assert any(n["setting"] == "versions" and "TLS1.2 left out" in n["detail"] for n in dom["openssl"]["notes"])
    cred = Pki(tmp_path).make("ec", "ecdsa", 256)[0]
    conf = tmp_path / "s.cnf"
    conf.write_text(openssl_conf_text(settings), encoding="utf-8")
    neutral = tmp_path / "c.cnf"
    neutral.write_text("", encoding="utf-8")
    with openssl_server(conf, ["-cert", str(cred.cert), "-key", str(cred.key)], tmp_path, timeout=5) as port:
        old = cli_client(port, neutral, ["-tls1_2", "-cipher", "ALL:@SECLEVEL=0"], timeout=5)
        new = cli_client(port, neutral, [], timeout=5)
    assert not old.ok and new.ok and new.version == "TLS1.3"


@pytest.mark.slow
def test_section_refused_when_no_version_has_a_suite(tmp_path: Path) -> None:
    path = variant(tmp_path, versions=["TLS1.2"], cipher_suites=["TLS_AES_128_GCM_SHA256"])
    dom = build_gateway(load_profile(path))["domains"][0]
    assert dom["openssl"]["settings"]["Protocol"] == "-ALL"
    gated = run_cli("export", str(path), "--format", "openssl")  # validate's TLS002/TLS003 stop it first
    assert gated.returncode == 1 and "TLS003" in gated.stderr and gated.stdout == ""
    result = run_cli("export", str(path), "--format", "openssl", "--force")
    assert result.returncode == 2 and "EX004" in result.stderr and result.stdout == ""
    assert f"{path}:" in result.stderr and "Traceback" not in result.stderr
    code, report = selftest(path)
    assert code == 1 and "disables every protocol" in checks(report, "failed")[0]["detail"]


@pytest.mark.slow
def test_verify_mode_follows_client_authentication(tmp_path: Path) -> None:
    ipip = SAMPLES[0].parent / "ipip-bfcp-tls-gateway.yaml"
    text = run_cli("export", str(ipip), "--format", "openssl", "--domain", "enterprise_endpoints").stdout
    assert "\nVerifyMode = Request,Require\n" in text
    m2m = SAMPLES[0].parent / "m2m-psk-telemetry-gateway.yaml"
    assert "VerifyMode" not in section_settings(build_gateway(load_profile(m2m))["domains"][0])
    optional = variant(tmp_path, authentication={
        "server": "required", "client": "optional", "methods": ["certificate_ca_signed"], "on_failure": "terminate"})
    assert section_settings(build_gateway(load_profile(optional))["domains"][0])["VerifyMode"] == "Request"


def test_fragment_header_wiring_works(tmp_path: Path) -> None:
    """Follow the fragment's header literally: the section then governs a real s_server."""
    fragment = tmp_path / "fragment.cnf"
    fragment.write_text(render_fragment(build_gateway(load_profile(BASE))), encoding="utf-8")
    wiring = [line[4:] for line in fragment.read_text().splitlines() if line.startswith("#   ")]
    conf = tmp_path / "openssl.cnf"
    conf.write_text("\n".join(wiring).replace("/path/to/this-file.cnf", str(fragment)) + "\n", encoding="utf-8")
    neutral = tmp_path / "c.cnf"
    neutral.write_text("", encoding="utf-8")
    cred = Pki(tmp_path).make("ec", "ecdsa", 256)[0]
    with openssl_server(conf, ["-cert", str(cred.cert), "-key", str(cred.key)], tmp_path, timeout=5) as port:
        outside = cli_client(port, neutral, ["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0"], timeout=5)
        tls11 = cli_client(port, neutral, ["-tls1_1", "-cipher", "ALL:@SECLEVEL=0"], timeout=5)
        good = cli_client(port, neutral, [], timeout=5)
    assert good.ok and not outside.ok and not tls11.ok


def _base_export() -> dict:
    return build_gateway(load_profile(BASE))


@pytest.mark.slow
def test_tampered_settings_fail_the_selftest() -> None:
    """Like the reviewer's gw_tamper.py: the server must run on the exported section, not on the profile."""
    export = _base_export()
    dom = export["domains"][0]
    s = dom["openssl"]["settings"]
    s["CipherString"] = "ECDHE-RSA-AES256-SHA:ECDHE-ECDSA-AES256-SHA"
    s["Ciphersuites"] = "TLS_CHACHA20_POLY1305_SHA256"
    s["Groups"] = "X448"
    result = run_selftest(export, domain=dom["name"])
    assert result.failed
    failed = {c.name for c in result.domains[0].checks if c.status == "failed"}
    assert {"TLS1.2: server applies the profile's whole suite order",
            "TLS1.3: server applies the profile's whole suite order",
            "TLS1.2: suites outside the profile refused", "groups outside the profile refused"} <= failed, failed


@pytest.mark.slow
def test_swapped_suite_order_fails() -> None:
    export = _base_export()
    dom = export["domains"][0]
    names = dom["openssl"]["settings"]["CipherString"].split(":")
    names[1], names[2] = names[2], names[1]
    dom["openssl"]["settings"]["CipherString"] = ":".join(names)
    result = run_selftest(export, domain=dom["name"])
    failed = {c.name for c in result.domains[0].checks if c.status == "failed"}
    assert failed == {"TLS1.2: server applies the profile's whole suite order"}, failed


@pytest.mark.slow
def test_weakened_verify_mode_fails(tmp_path: Path) -> None:
    path = variant(tmp_path, authentication={
        "server": "required", "client": "required", "methods": ["certificate_ca_signed"], "on_failure": "terminate"})
    export = build_gateway(load_profile(path))
    dom = export["domains"][0]
    dom["openssl"]["settings"]["VerifyMode"] = "Request"  # optional instead of required
    result = run_selftest(export, domain=dom["name"])
    failed = {c.name for c in result.domains[0].checks if c.status == "failed"}
    assert failed == {"client without certificate refused"}, failed


def test_fingerprint_and_trust_checks_fail_on_the_wrong_certificate(tmp_path: Path) -> None:
    pki = Pki(tmp_path)
    _, ca_cert, ca_key = pki.make("ca", "ecdsa", 256, ca=True)
    ca = tmp_path / "01-ca.pem"
    other, other_cert, other_key = pki.make("other", "ecdsa", 256, ca=True)
    rogue = pki.make("rogue", "ecdsa", 256, issuer=(other_cert, other_key))[0]
    honest = pki.make("honest", "ecdsa", 256, issuer=(ca_cert, ca_key))[0]
    client = pki.make("client", "ecdsa", 256)[0]
    stranger = pki.make("stranger", "ecdsa", 256)[0]
    conf = tmp_path / "s.cnf"
    conf.write_text(openssl_conf_text(section_settings(_base_export()["domains"][0]) | {"VerifyMode": "Request"}),
                    encoding="utf-8")
    kw = {"versions": ("TLS1.2", "TLS1.3"), "timeout": 5.0}
    with libssl_server(conf, [rogue], tmp_path, 5, client_fingerprint=fingerprint(client.der, "sha-256")) as served:
        port = served.port
        trust = check_server_trust(port, ca, other.cert, "localhost", **kw, client=client)
        assert [ok for _, ok, _ in trust] == [False, False]
        ok, _ = check_server_fingerprint(port, fingerprint(honest.der, "sha-256"), **kw, client=client)
        assert not ok
        ok, _ = check_server_fingerprint(port, fingerprint(rogue.der, "sha-256"), **kw, client=client)
        assert ok
        assert not py_client(port, **kw, ciphers=None, client=stranger).ok
        assert py_client(port, **kw, ciphers=None, client=client).ok


def test_version_is_read_from_the_session_block(tmp_path: Path) -> None:
    """'New, SSLv3, Cipher is PSK-AES128-CBC-SHA' on a TLS 1.2 session: the version is TLS1.2."""
    conf = tmp_path / "c.cnf"
    conf.write_text("", encoding="utf-8")
    psk = ["-psk", "00112233445566778899aabbccddeeff", "-psk_identity", "x"]
    with openssl_server(conf, ["-nocert", *psk], tmp_path, timeout=5) as port:
        out = cli_client(port, conf, [*psk, "-tls1_2", "-cipher", "PSK-AES128-CBC-SHA:@SECLEVEL=0"], timeout=5)
    assert out.ok and out.version == "TLS1.2" and out.cipher == "PSK-AES128-CBC-SHA"


@pytest.mark.slow
def test_version_gap_is_exact_and_documented(tmp_path: Path) -> None:
    path = variant(tmp_path, versions=["TLS1.0", "TLS1.2", "TLS1.3"], cipher_suites=[
        "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"])
    dom = build_gateway(load_profile(path))["domains"][0]
    assert dom["openssl"]["settings"]["Protocol"] == "-ALL, TLSv1, TLSv1.2, TLSv1.3"
    assert any("lowest contiguous run" in n["detail"] for n in dom["openssl"]["notes"])
    code, report = selftest(path, "--domain", dom["name"])
    assert code == 0, json.dumps(report, indent=1)
    names = {c["name"]: c for c in checks(report)}
    assert names["TLS1.1 refused"]["status"] == "passed"
    assert names["negotiates the highest version the profile allows"]["detail"] == "negotiated TLS1.3"


@pytest.mark.slow
def test_repeated_suites_are_exported_once_at_their_first_position(tmp_path: Path) -> None:
    """A suite listed again (TLS004: no effect on the order) must not reappear at the end of any export,
    and the self-test's order checks then pass: a TLS 1.2 repeat written under its OpenSSL name and a
    TLS 1.3 repeat."""
    suites = list(load_profile(BASE).profile.tls.profiles[0].cipher_suites)
    tls12 = [s for s in suites if not lookup(s).tls13]  # type: ignore[union-attr]
    tls13 = [s for s in suites if lookup(s).tls13]  # type: ignore[union-attr]
    repeated = [*suites, lookup(tls12[0]).openssl, tls13[0]]  # type: ignore[union-attr]
    path = variant(tmp_path, cipher_suites=repeated)
    gateway = build_gateway(load_profile(path))
    for dom in gateway["domains"]:
        listed = dom["tls"]["cipher_suites"]
        assert [s["iana"] for s in listed["tls13"]] == tls13
        assert [s["iana"] for s in listed["tls12_and_earlier"]] == tls12
        assert [s["precedence"] for s in listed["tls13"] + listed["tls12_and_earlier"]] == \
            list(range(1, len(suites) + 1))
        settings = dom["openssl"]["settings"]
        assert settings["CipherString"].split(":") == [lookup(s).openssl for s in tls12]  # type: ignore[union-attr]
        assert settings["Ciphersuites"].split(":") == tls13
    mozilla = build_mozilla(gateway)
    for conf in mozilla["configurations"].values():
        assert conf["ciphers"]["iana"] == tls12 and conf["ciphersuites"] == tls13
    fragment = run_cli("export", str(path), "--format", "openssl", "--force")  # the variant loses a GL207 reason
    assert fragment.returncode == 1 and "exporting anyway" in fragment.stderr, fragment.stderr
    assert fragment.stdout.count(f"Ciphersuites = {':'.join(tls13)}\n") == len(gateway["domains"])
    code, report = selftest(path)
    assert code == 0, json.dumps(checks(report, "failed"), indent=1)
    assert any("order" in c["name"] for c in checks(report, "passed"))


def test_a_dead_or_unreachable_server_is_not_a_refusal(tmp_path: Path) -> None:
    """"Refused" checks pass only for the expected TLS refusal from a live server that still answers a
    correct client; a killed server or a port nobody listens on must fail them."""
    dom = _base_export()["domains"][0]
    plan = local_plan(dom, DomainResult(dom["name"]), tmp_path / "plan")
    pki = Pki(tmp_path)
    server = pki.make("server", "ecdsa", 256)[0]
    outside = sorted(n for n in local_suites() if n.startswith("ECDHE-") and "GCM" not in n)
    assert outside
    with libssl_server(plan.conf, [server], tmp_path, 5) as served:
        session = Session(plan, served.port, 5.0, [], {"timeout": 5.0}, served.log)
        ok, detail, _ = session.refused(lambda: session.hello("TLS1.2", outside), alerts=("handshake_failure",),
                                        server=("no shared cipher",))
        assert ok, detail
        assert "alert handshake_failure" in detail and "no shared cipher" in detail
        # a refusal for another reason than the one expected does not count
        ok, detail, _ = session.refused(lambda: session.hello("TLS1.2", outside), alerts=("protocol_version",))
        assert not ok and "unexpected refusal" in detail
        # an accepted handshake is no refusal
        inside = [s["openssl"] for s in plan.suites if s["min_version"] != "TLS1.3"]
        ok, detail, _ = session.refused(lambda: session.hello("TLS1.2", inside), alerts=("handshake_failure",))
        assert not ok and "accepted" in detail
    # the server has been killed: the same attempt now fails, but that is not a refusal
    for port in (served.port, _free_port()):
        dead = Session(plan, port, 2.0, [], {"timeout": 2.0})
        for version in ("TLS1.2", None):  # python ssl, openssl s_client
            attempt = functools.partial(dead.hello, version, outside)
            ok, detail, _ = dead.refused(attempt, alerts=("handshake_failure",))
            assert not ok and "not a refusal" in detail and "no connection" in detail, detail


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_client_contexts_silently_ignore_server_verify_modes(tmp_path: Path) -> None:
    """What the fragment's header and the VerifyMode note claim, on the real libssl: applied through
    openssl.cnf, `VerifyMode = Request,Require` leaves a TLS_client_method context without peer
    verification (no error, the other keys still apply) and makes a TLS_server_method context require one."""
    import subprocess
    import sys

    conf = tmp_path / "v.cnf"
    conf.write_text(openssl_conf_text({"VerifyMode": "Request,Require", "MaxProtocol": "TLSv1.2"}), encoding="utf-8")
    code = ("import ctypes\nfrom profilekit.export.openssl.local import load_libssl\nlib = load_libssl()\n"
            "p = ctypes.c_void_p\n"
            "lib.SSL_CTX_get_verify_mode.argtypes = [p]\nlib.SSL_CTX_ctrl.restype = ctypes.c_long\n"
            "lib.SSL_CTX_ctrl.argtypes = [p, ctypes.c_int, ctypes.c_long, p]\n"
            "for m in ('TLS_client_method', 'TLS_server_method'):\n"
            "    getattr(lib, m).restype = p\n    ctx = lib.SSL_CTX_new(getattr(lib, m)())\n"
            "    print(m, lib.SSL_CTX_get_verify_mode(ctx), hex(lib.SSL_CTX_ctrl(ctx, 131, 0, None)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True,
                         env={**os.environ, "OPENSSL_CONF": str(conf), "PYTHONPATH": str(ROOT)})
    assert out.stdout.split("\n")[:2] == ["TLS_client_method 0 0x303", "TLS_server_method 3 0x303"], out.stdout
    fragment = render_fragment(_base_export())
    assert "TLS_client_method context silently ignores" in fragment
