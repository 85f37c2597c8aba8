"""`profilekit probe` against servers on 127.0.0.1 only: the self-test's libssl echo server configured from
the project's own export must probe as conforming on every certificate sample domain; the same server
weakened gives exactly the expected findings; the recovered order agrees with `openssl s_client`."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_runner import run_cli

from profilekit.export.gateway import build_gateway
from profilekit.findings import Severity
from profilekit.load.profile import load_profile
from profilekit.probe import Options, ProbeResult, probe_endpoint
from profilekit.probe.loopback import Served, certificate_domains, serve

ROOT = Path(__file__).resolve().parents[1]
IMS = str(ROOT / "samples" / "ims-msrp-tls-relay.yaml")
_SUITES_LINE = next(number for number, line in enumerate(Path(IMS).read_text(encoding="utf-8").splitlines(), 1)
                    if line.strip() == "cipher_suites:") + 1
"""Where the IMS sample's first TLS profile lists its first cipher suite (findings on the list point there)."""
IPIP = str(ROOT / "samples" / "ipip-bfcp-tls-gateway.yaml")
SBC = str(ROOT / "samples" / "sbc-msrp-selfsigned-fingerprint.yaml")
M2M = str(ROOT / "samples" / "m2m-psk-telemetry-gateway.yaml")
TIMEOUT = 5.0

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs OpenSSL's libssl (openssl CLI "
                                "absent: the self-test server cannot be configured here)")


def domain(path: str, name: str) -> dict[str, Any]:
    return next(d for d in build_gateway(load_profile(path))["domains"] if d["name"] == name)


def sample_domains() -> Iterator[tuple[str, str]]:
    for path in (IMS, IPIP, SBC, M2M):
        for dom in certificate_domains(build_gateway(load_profile(path))):
            yield path, dom["name"]


def run_probe(path: str, name: str, tmp_path: Path, **weaken: Any) -> ProbeResult:
    """Serve domain `name` of `path` from its export (weakened as asked) and probe it."""
    dom = domain(path, name)
    with serve(dom, tmp_path / "server", TIMEOUT, **weaken) as served:
        return probe_endpoint(f"127.0.0.1:{served.port}", path, name, options(dom, served))


def options(dom: dict[str, Any], served: Served) -> Options:
    return Options(timeout=TIMEOUT, client_cert=str(served.client.cert), client_key=str(served.client.key),
                   ca=str(served.ca) if served.ca else None, sni=dom.get("server_name") or "localhost")


def errors(result: ProbeResult) -> list[tuple[str, str]]:
    """(code, yaml path) of every finding above info."""
    return [(f.code, f.yaml_path) for f in result.findings if f.severity > Severity.INFO]


def test_a_served_export_conforms(tmp_path: Path) -> None:
    result = run_probe(IMS, "access_ue", tmp_path)
    assert errors(result) == [], result.findings
    obs = result.observations
    assert obs.versions == {"SSL3.0": False, "TLS1.0": False, "TLS1.1": False, "TLS1.2": True, "TLS1.3": True}
    assert obs.suites["TLS1.3"].server_order == ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                                                 "TLS_CHACHA20_POLY1305_SHA256"]
    assert obs.suites["TLS1.2"].preference == "server"
    assert obs.suites["TLS1.2"].forward == ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                                            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                                            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"]
    assert obs.groups["TLS1.3"].accepted == ["x25519", "secp256r1", "secp384r1"]
    assert {c.key_type for c in obs.certificates} == {"ecdsa", "rsa"}
    assert obs.chain == "verified" and obs.certificate_request is False
    assert obs.tickets_tls13 is True and obs.early_data == 0 and obs.extended_master_secret is True
    assert result.handshakes < 80


@pytest.mark.slow
@pytest.mark.parametrize(("path", "name"), list(sample_domains()))
def test_every_sample_certificate_domain_conforms(path: str, name: str, tmp_path: Path) -> None:
    result = run_probe(path, name, tmp_path)
    assert errors(result) == [], [f.message for f in result.findings]
    assert result.conforms


def _set(key: str, value: str) -> Callable[[dict[str, str]], dict[str, str]]:
    return lambda s: {**s, key: value}


def _options(change: Callable[[str], str]) -> Callable[[dict[str, str]], dict[str, str]]:
    return lambda s: {**s, "Options": change(s["Options"])}


def _reverse(s: dict[str, str]) -> dict[str, str]:
    return {**s, "CipherString": ":".join(reversed(s["CipherString"].split(":"))),
            "Ciphersuites": ":".join(reversed(s["Ciphersuites"].split(":")))}


P = "tls.profiles[0]"
WEAKENED = {
    "TLS 1.0 enabled": (
        {"settings": lambda s: {**s, "MinProtocol": "TLSv1", "MaxProtocol": "TLSv1.3",
                                "CipherString": s["CipherString"] + ":ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0"}},
        [("PRB001", f"{P}.versions"), ("PRB001", f"{P}.versions"), ("PRB010", f"{P}.cipher_suites")]),
    "a CBC suite added": (
        {"settings": lambda s: {**s, "CipherString": s["CipherString"] + ":ECDHE-RSA-AES128-SHA256"}},
        [("PRB010", f"{P}.cipher_suites")]),
    "the order reversed": (
        {"settings": _reverse},
        [("PRB014", f"{P}.cipher_suites"), ("PRB014", f"{P}.cipher_suites")]),
    "client preference": (
        {"settings": _options(lambda o: o.replace("ServerPreference", "-ServerPreference"))},
        [("PRB012", f"{P}.server_preference"), ("PRB012", f"{P}.server_preference")]),
    "a weak RSA key": (
        {"key_types": [("ecdsa", 256), ("rsa", 1024)],
         "settings": lambda s: {**s, "CipherString": s["CipherString"] + ":@SECLEVEL=0"}},
        [("PRB030", f"{P}.certificates.key_types")]),
    "a certificate signed with SHA-512": (
        {"key_types": [("ecdsa", 256)], "hash_name": "sha512"},
        [("PRB031", f"{P}.certificates.signature_hashes")]),
    "certificates living too long": (
        {"lifetime_days": 500},
        [("PRB032", f"{P}.certificates.max_lifetime_days"), ("PRB032", f"{P}.certificates.max_lifetime_days")]),
    "tickets off": (
        {"settings": _options(lambda o: o.replace("SessionTicket", "-SessionTicket"))},
        [("PRB054", f"{P}.resumption.session_tickets")]),
}


@pytest.mark.parametrize("case", list(WEAKENED))
def test_a_weakened_server_gives_exactly_the_expected_findings(case: str, tmp_path: Path) -> None:
    weaken, expected = WEAKENED[case]
    result = run_probe(IMS, "access_ue", tmp_path, **weaken)
    assert sorted(errors(result)) == sorted(expected), [f.message for f in result.findings]
    assert not result.conforms


def test_a_weakened_order_is_reported_with_the_servers_order(tmp_path: Path) -> None:
    result = run_probe(IMS, "access_ue", tmp_path, settings=_reverse)
    tls13 = next(f for f in result.findings if f.code == "PRB014" and f.message.startswith("TLS1.3"))
    assert tls13.message == ("TLS1.3: the server's order is TLS_CHACHA20_POLY1305_SHA256, TLS_AES_256_GCM_SHA384, "
                             "TLS_AES_128_GCM_SHA256; the profile's precedence is TLS_AES_128_GCM_SHA256, "
                             "TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256")
    assert tls13.line == _SUITES_LINE and tls13.file == IMS  # the cipher_suites list in the sample


def test_chacha20_prioritisation_is_reported_as_such(tmp_path: Path) -> None:
    result = run_probe(IMS, "access_ue", tmp_path, settings=_options(lambda o: o + ", PrioritizeChaCha"))
    assert errors(result) == []
    chacha = [f for f in result.findings if f.code == "PRB015"]
    assert chacha and all("ChaCha20 prioritisation" in f.message for f in chacha)
    assert result.observations.suites["TLS1.3"].chacha_priority


def test_client_certificates_not_requested(tmp_path: Path) -> None:
    result = run_probe(IPIP, "enterprise_endpoints", tmp_path,
                       settings=lambda s: {k: v for k, v in s.items() if k != "VerifyMode"})
    assert errors(result) == [("PRB040", "tls.profiles[0].authentication.client")]


def test_client_certificates_optional_instead_of_required(tmp_path: Path) -> None:
    result = run_probe(IPIP, "enterprise_endpoints", tmp_path, settings=_set("VerifyMode", "Request"))
    # Request without Require: a client without a certificate gets in; one from an unknown CA is still
    # refused (VERIFY_PEER fails a certificate that does not verify).
    assert errors(result) == [("PRB042", "tls.profiles[0].authentication.client")]
    assert result.observations.unknown_ca == "refused"


@pytest.mark.slow
@pytest.mark.parametrize(("path", "name"), list(sample_domains()))
def test_openssl_s_server_with_the_exported_section_conforms(path: str, name: str, tmp_path: Path) -> None:
    """`openssl s_server` configured by the exported section (OPENSSL_CONF) and, as a gateway's code would,
    its certificates and, where clients are authenticated, -Verify/-verify with the CA that issues them
    (s_server sets its own verify mode, overriding the section's VerifyMode)."""
    from profilekit.export.openssl.fragment import openssl_conf_text, section_settings
    from profilekit.export.selftest.peers import openssl_server
    from profilekit.export.selftest.pki import Pki

    dom = domain(path, name)
    tls = dom["tls"]
    conf = tmp_path / "server.cnf"
    conf.write_text(openssl_conf_text(section_settings(dom)), encoding="utf-8")
    pki = Pki(tmp_path)
    self_signed = "certificate_ca_signed" not in tls["authentication"]["methods"]
    issuer = None if self_signed else pki.make("ca", "ecdsa", 256, ca=True)[1:]
    host = dom.get("server_name") or "localhost"
    kinds = [(k["type"], k["min_bits"]) for k in tls["certificates"]["key_types"]]
    creds = [pki.make(f"server-{t}", t, b, issuer=issuer, dns=host)[0] for t, b in kinds]
    client = pki.make("client", kinds[0][0], kinds[0][1], issuer=issuer, dns="client")[0]
    args = ["-cert", str(creds[0].cert), "-key", str(creds[0].key)]
    if len(creds) > 1:
        args += ["-dcert", str(creds[1].cert), "-dkey", str(creds[1].key)]
    client_auth = tls["authentication"]["client"]
    if client_auth != "none":
        anchor = client.cert if self_signed else tmp_path / "01-ca.pem"
        args += ["-Verify" if client_auth == "required" else "-verify", "1", "-CAfile", str(anchor),
                 "-verify_return_error"]
    with openssl_server(conf, args, tmp_path, TIMEOUT) as port:
        result = probe_endpoint(f"127.0.0.1:{port}", path, name,
                                Options(timeout=TIMEOUT, client_cert=str(client.cert), client_key=str(client.key),
                                        sni=host))
    assert errors(result) == [], [f.message for f in result.findings]


def _s_client_order(port: int, suites: list[str], tmp_path: Path) -> list[str]:
    """The server's TLS 1.2 order by elimination with `openssl s_client` (OpenSSL names)."""
    conf = tmp_path / "client.cnf"
    conf.write_text("", encoding="utf-8")
    remaining, picks = list(suites), []
    while remaining:
        done = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-tls1_2", "-cipher",
                               ":".join(remaining) + ":@SECLEVEL=0"], input=b"", capture_output=True,
                              timeout=TIMEOUT, env={"OPENSSL_CONF": str(conf), "PATH": "/usr/bin:/bin"},
                              check=False)
        text = done.stdout.decode(errors="replace")
        chosen = next((line.split(":", 1)[1].strip() for line in text.splitlines()
                       if line.strip().startswith("Cipher    :")), None)
        if chosen is None or chosen not in remaining:
            break
        picks.append(chosen)
        remaining.remove(chosen)
    return picks


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI absent: no s_client to cross-check")
@pytest.mark.parametrize("reverse", [False, True])
def test_recovered_order_agrees_with_s_client_elimination(reverse: bool, tmp_path: Path) -> None:
    from profilekit.catalog.ciphers import lookup

    dom = domain(IMS, "access_ue")
    with serve(dom, tmp_path / "server", TIMEOUT, settings=_reverse if reverse else lambda s: s) as served:
        result = probe_endpoint(f"127.0.0.1:{served.port}", IMS, "access_ue", options(dom, served))
        order = result.observations.suites["TLS1.2"].forward
        names = [lookup(n).openssl for n in order]  # type: ignore[union-attr]
        assert _s_client_order(served.port, sorted(str(n) for n in names), tmp_path) == names
    assert len(order) == 4


def test_cli_probe_conforming_text_and_json(tmp_path: Path) -> None:
    dom = domain(IMS, "access_ue")
    with serve(dom, tmp_path / "server", TIMEOUT) as served:
        text = run_cli("probe", f"127.0.0.1:{served.port}", IMS, "--domain", "access_ue", "--ca", str(served.ca))
        data = run_cli("probe", f"127.0.0.1:{served.port}", IMS, "--domain", "access_ue", "--format", "json",
                       "--quiet")
        sarif = run_cli("probe", f"127.0.0.1:{served.port}", IMS, "--domain", "access_ue", "--format", "sarif",
                        "--quiet", "--client-cert", str(served.client.cert), "--client-key", str(served.client.key))
    assert text.returncode == 0, text.stderr
    assert "conforms to TLS domain 'access_ue'" in text.stdout and "chain to --ca: verified" in text.stdout
    assert "profilekit: probe: TLS1.2 cipher suites" in text.stderr and " handshakes in " in text.stderr
    assert data.returncode == 0 and data.stderr == ""
    record = json.loads(data.stdout)
    assert record["conforms"] is True and record["handshakes"] > 10
    assert record["observed"]["versions"]["TLS1.3"] is True
    assert sarif.returncode == 0 and json.loads(sarif.stdout)["runs"][0]["results"] == []
    key_text = served.client.key.read_text()
    assert key_text.splitlines()[1] not in sarif.stdout + sarif.stderr + text.stdout + text.stderr


def test_cli_probe_deviation_exit_1_sarif(tmp_path: Path) -> None:
    dom = domain(IMS, "access_ue")
    with serve(dom, tmp_path / "server", TIMEOUT, settings=_reverse) as served:
        done = run_cli("probe", f"127.0.0.1:{served.port}", IMS, "--domain", "access_ue", "--format", "sarif",
                       "--quiet")
    assert done.returncode == 1
    run = json.loads(done.stdout)["runs"][0]
    assert {r["ruleId"] for r in run["results"]} == {"PRB014"}
    rules = {d["id"]: d for d in run["tool"]["driver"]["rules"]}
    assert rules["PRB014"]["shortDescription"]["text"].startswith("The endpoint's cipher-suite order")
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == _SUITES_LINE


@pytest.mark.parametrize(("args", "message"), [
    (["nonsense", IMS, "--domain", "access_ue"], "is not HOST:PORT"),
    (["127.0.0.1:1", IMS, "--domain", "nowhere"], "nowhere"),
    (["127.0.0.1:1", M2M, "--domain", "field_rtu"], "certificate domains only"),
    (["127.0.0.1:1", IMS, "--domain", "access_ue", "--client-cert", "x.pem"], "go together"),
    (["127.0.0.1:1", IMS, "--domain", "access_ue"], "cannot connect to 127.0.0.1:1"),
])
def test_cli_probe_bad_input_exit_2(args: list[str], message: str) -> None:
    done = run_cli("probe", *args, "--timeout", "1")
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_cli_probe_broken_profile_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "p.yaml"
    broken.write_text("profile: [\n", encoding="utf-8")
    done = run_cli("probe", "127.0.0.1:1", str(broken), "--domain", "x")
    assert done.returncode == 2 and f"{broken}:" in done.stderr


def test_selftest_probe_reuses_the_probe_on_its_own_server() -> None:
    done = run_cli("selftest", IMS, "--domain", "access_ue", "--probe", "--format", "json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["passed"] is True
    assert [(p["domain"], p["conforms"]) for p in record["probe"]] == [("access_ue", True)]
    assert record["probe"][0]["observed"]["cipher_suites"]["TLS1.3"]["preference"] == "server"


def test_selftest_probe_notes_a_psk_only_profile() -> None:
    done = run_cli("selftest", M2M, "--probe")
    assert "--probe: no certificate TLS domain to probe" in done.stderr
    assert "probe of" not in done.stdout


def test_tls13_tickets_behind_client_authentication_are_seen_with_the_client_certificate(tmp_path: Path) -> None:
    """The sample allows no resumption; without NumTickets = 0 (the export before schema 1.2) OpenSSL still
    issues stateful TLS 1.3 tickets, seen only by a client that authenticates (the probe signs a
    CertificateVerify with --client-key)."""
    result = run_probe(SBC, "trunk_alpha", tmp_path,
                       settings=lambda s: {k: v for k, v in s.items() if k != "NumTickets"})
    assert errors(result) == [("PRB054", "tls.profiles[0].resumption.session_tickets")]
    assert result.observations.tickets_tls13 is True and result.observations.tickets_tls12 is False


def test_without_client_certificate_tls13_tickets_are_a_note(tmp_path: Path) -> None:
    dom = domain(IPIP, "enterprise_endpoints")
    with serve(dom, tmp_path / "server", TIMEOUT) as served:
        result = probe_endpoint(f"127.0.0.1:{served.port}", IPIP, "enterprise_endpoints", Options(timeout=TIMEOUT))
    assert errors(result) == []
    assert result.observations.tickets_tls13 is None and result.observations.no_certificate == "refused"
    assert any(f.code == "PRB090" and "give --client-cert" in f.message for f in result.findings)
