"""A TLS 1.3-only TLS profile, written as a new user would: no `renegotiation` (TLS 1.3 has none) and no
TLS 1.2 extensions. It validates clean under the default baseline, and the document, the trace and the
gateway export say renegotiation does not apply rather than calling it met or supported (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import run_cli
from rule_harness import build_case

from profilekit.catalog.baselines import DEFAULT_BASELINE
from profilekit.load.profile import load_profile
from profilekit.trace import trace
from profilekit.validate import check_loaded

TLS13_ONLY = """
id: access_tls
description: TLS 1.3 only, as the current BCP 195 asks of new protocols.
versions: [TLS1.3]
cipher_suites: [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256]
server_preference: true
compression: ["null"]
resumption:
  session_tickets: true
  ticket_lifetime_s: 43200
  ticket_key_rotation_s: 86400
  tls13_psk_modes: [psk_dhe_ke]
authentication:
  server: required
  client: none
  methods: [certificate_ca_signed]
  on_failure: terminate
  trust_anchors: [Operator Root CA 2026]
groups: [x25519, secp256r1, secp384r1]
signature_algorithms: [ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, ecdsa_secp384r1_sha384, rsa_pkcs1_sha256]
certificates:
  key_types:
    - {type: ecdsa, min_bits: 256}
    - {type: rsa, min_bits: 2048}
  signature_hashes: [sha256, sha384]
extensions:
  ocsp_stapling: true
  server_name_indication: true
early_data: false
performance: {max_handshakes_per_second: 500}
"""
"""The TLS profile a new user writes from RFC 8446 and BCP 195 alone."""


def _tls13_only(tmp_path: Path, **extra: object) -> Path:
    profile = {**yaml.safe_load(TLS13_ONLY), **extra}
    return build_case({"name": "tls13 only", "patch": [{"path": "tls.profiles[0]", "value": profile}]}, tmp_path)


def test_the_tls13_only_fragment_validates_clean_under_the_default_baseline(tmp_path: Path) -> None:
    loaded = load_profile(_tls13_only(tmp_path))
    assert loaded.profile.tls.profiles[0].renegotiation is None
    findings = [f for f in check_loaded(loaded, baseline=DEFAULT_BASELINE) if f.suppressed is None]
    assert findings == []


def test_tls12_options_in_it_are_a_note_not_an_error(tmp_path: Path) -> None:
    path = _tls13_only(tmp_path, extensions={"encrypt_then_mac": True, "extended_master_secret": "required",
                                             "server_name_indication": True, "ocsp_stapling": True})
    done = run_cli("validate", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    notes = [line for line in done.stdout.splitlines() if " TLS020 " in line]
    assert len(notes) == 2 and all(": info TLS020 " in line for line in notes)
    assert "can be removed" in notes[0] and "0 error(s), 0 warning(s), 2 info" in done.stdout


def test_renegotiation_requirements_are_not_applicable_not_met(tmp_path: Path) -> None:
    loaded = load_profile(_tls13_only(tmp_path))
    items = {i.id: i for i in trace(loaded, check_loaded(loaded))}
    for rid in ("R-7/5", "R-8.4/1", "R-8.4/2", "R-8.4/3", "R-8.4/4"):
        assert items[rid].status == "not_applicable", rid


def test_document_and_gateway_export_say_renegotiation_does_not_apply(tmp_path: Path) -> None:
    path = _tls13_only(tmp_path)
    out = tmp_path / "doc.md"
    done = run_cli("render", str(path), "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "| Renegotiation | not applicable: TLS 1.3 has no renegotiation (RFC 8446 §4.6.3" in text
    annex = next(line for line in text.splitlines() if line.startswith("| R-7/5 |"))
    assert "Not applicable — TLS 1.3 has no renegotiation (KeyUpdate instead)" in annex and "Met" not in annex
    # and the ICS proforma marks renegotiation not applicable in every TLS profile's table
    ics = text.split("## Annex A", 1)[1].split("## Appendix I", 1)[0]
    rows = [line for line in ics.splitlines() if "| Renegotiation of security parameters" in line]
    assert rows and all(line.split(" | ")[3] == "n/a" for line in rows)
    gateway = tmp_path / "gateway.json"
    done = run_cli("export", str(path), "-o", str(gateway))
    assert done.returncode == 0, done.stderr
    for domain in json.loads(gateway.read_text(encoding="utf-8"))["domains"]:
        assert domain["tls"]["renegotiation"]["supported"] is False


def test_a_tls12_profile_without_renegotiation_is_still_told_to_state_it(tmp_path: Path) -> None:
    path = _tls13_only(tmp_path, versions=["TLS1.2", "TLS1.3"],
                       cipher_suites=["TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"])
    done = run_cli("validate", str(path))
    assert done.returncode == 1
    (line,) = [line for line in done.stdout.splitlines() if " GL200 " in line]
    assert ": error GL200 " in line and "renegotiation.supported" in line and "TLS1.2" in line


def test_no_renegotiation_capability_to_bind_or_audit(tmp_path: Path) -> None:
    """With every TLS profile TLS 1.3-only, the renegotiation capability property need not be bound (GL530),
    and the audit table of clause 6.7 says why rather than "Not bound"."""
    built = _tls13_only(tmp_path)
    text = built.read_text(encoding="utf-8")
    assert "      renegotiation: tlscap/reneg\n" in text
    built.write_text(text.replace("      renegotiation: tlscap/reneg\n", ""), encoding="utf-8")
    loaded = load_profile(built)
    assert loaded.profile.tls.bindings.capability_audit.renegotiation is None
    assert [f for f in check_loaded(loaded, baseline=DEFAULT_BASELINE) if f.suppressed is None] == []
    out = tmp_path / "doc.md"
    assert run_cli("render", str(built), "-o", str(out)).returncode == 0
    assert ("| Renegotiation support | Not applicable: TLS 1.3 has no renegotiation (KeyUpdate renews its keys) |"
            in out.read_text(encoding="utf-8"))
