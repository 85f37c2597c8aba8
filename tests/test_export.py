"""Gateway JSON and Mozilla-format exports: golden files, the published schema, determinism, the CLI.

Regenerate the golden files after an intended change (then review the diff):
    PROFILEKIT_REGEN_GOLDEN=1 python -m pytest -q tests/test_export.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SAMPLES, run_cli

from profilekit.export.gateway import build_gateway, dumps_gateway
from profilekit.export.gateway_model import SCHEMA_VERSION
from profilekit.export.gateway_schema import gateway_schema
from profilekit.export.mozilla import NoCertificates, build_mozilla, dumps_mozilla, uses_certificates
from profilekit.findings import InputError
from profilekit.load.profile import load_profile
from profilekit.model.schema import dumps

GOLDEN = ROOT / "tests" / "golden"
SCHEMA_FILE = ROOT / "schemas" / "gateway-profile.schema.json"
REGEN = os.environ.get("PROFILEKIT_REGEN_GOLDEN") == "1"
SSLYZE_FIELDS = {"certificate_curves", "certificate_signatures", "certificate_types", "ciphersuites", "ciphers",
                 "dh_param_size", "ecdh_param_size", "hsts_min_age", "maximum_certificate_lifespan", "ocsp_staple",
                 "recommended_certificate_lifespan", "rsa_key_size", "server_preferred_order", "tls_curves",
                 "tls_versions"}
PSK_ONLY = ROOT / "samples" / "m2m-psk-telemetry-gateway.yaml"
"""The sample none of whose domains uses a certificate: the Mozilla format has no configuration for it."""
CERTIFICATE_SAMPLES = [p for p in SAMPLES if p != PSK_ONLY]


def _golden(path: Path, text: str) -> None:
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run PROFILEKIT_REGEN_GOLDEN=1 python -m pytest tests/test_export.py"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs from the export (regenerate if intended)"


def test_every_sample_has_goldens() -> None:
    if REGEN:
        pytest.skip("regenerating")
    stems = {p.stem for p in SAMPLES}
    for kind, expected in (("gateway", stems), ("mozilla", stems - {PSK_ONLY.stem})):
        have = {p.stem for p in (GOLDEN / kind).glob("*.json")}
        assert have == expected, f"golden/{kind}: missing {sorted(expected - have)}, stale {sorted(have - expected)}"


def test_gateway_golden(sample: Path) -> None:
    _golden(GOLDEN / "gateway" / f"{sample.stem}.json", dumps_gateway(build_gateway(load_profile(sample))))


def test_mozilla_golden(sample: Path) -> None:
    gateway = build_gateway(load_profile(sample))
    if sample == PSK_ONLY:
        with pytest.raises(NoCertificates):
            build_mozilla(gateway)
        return
    _golden(GOLDEN / "mozilla" / f"{sample.stem}.json", dumps_mozilla(build_mozilla(gateway)))


def test_schema_file_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == dumps(gateway_schema()), (
        "schemas/gateway-profile.schema.json is stale: profilekit schema --kind gateway > "
        "schemas/gateway-profile.schema.json")
    assert run_cli("schema", "--kind", "gateway").stdout == SCHEMA_FILE.read_text(encoding="utf-8")


def test_sample_exports_validate_against_schema(sample: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    export = build_gateway(load_profile(sample))
    jsonschema.Draft7Validator(schema).validate(export)
    assert export["schema_version"] == SCHEMA_VERSION


def test_schema_rejects_broken_exports(sample: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    export = build_gateway(load_profile(sample))
    validator = jsonschema.Draft7Validator(schema)
    broken = json.loads(json.dumps(export))
    broken["domains"][0]["tls"]["cipher_suites"]["tls13" if broken["domains"][0]["tls"]["cipher_suites"]["tls13"]
                                                  else "tls12_and_earlier"][0]["code"] = "C02F"
    assert not validator.is_valid(broken)
    missing = json.loads(json.dumps(export))
    del missing["source"]["sha256"]
    assert not validator.is_valid(missing)


def test_check_jsonschema_cli_accepts_exports(tmp_path: Path) -> None:
    tool = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
    if not Path(tool).exists():
        pytest.skip("check-jsonschema is not installed (pip install '.[test]')")
    files = []
    for sample in SAMPLES:
        out = tmp_path / f"{sample.stem}.json"
        result = run_cli("export", str(sample), "--format", "gateway", "-o", str(out))
        assert result.returncode == 0, result.stderr
        files.append(str(out))
    checked = subprocess.run([tool, "--schemafile", str(SCHEMA_FILE), *files], capture_output=True, text=True,
                             timeout=120, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    bad = tmp_path / "bad.json"
    data = json.loads(Path(files[0]).read_text(encoding="utf-8"))
    data["schema_version"] = "9.9"
    bad.write_text(json.dumps(data), encoding="utf-8")
    refused = subprocess.run([tool, "--schemafile", str(SCHEMA_FILE), str(bad)], capture_output=True, text=True,
                             timeout=120, check=False)
    assert refused.returncode == 1


def test_export_content_is_resolved(sample: Path) -> None:
    """Cross-check the export against the profile: suites split by version, codes from the catalogue."""
    from profilekit.catalog.ciphers import lookup

    loaded = load_profile(sample)
    export = build_gateway(loaded)
    profiles = {p.id: p for p in loaded.profile.tls.profiles}
    assert [d["name"] for d in export["domains"]] == [d.name for d in loaded.profile.tls.domains]
    for dom in export["domains"]:
        tls = profiles[dom["tls"]["id"]]
        suites = dom["tls"]["cipher_suites"]
        merged = sorted(suites["tls13"] + suites["tls12_and_earlier"], key=lambda s: s["precedence"])
        assert [s["iana"] for s in merged] == [lookup(n).iana for n in tls.cipher_suites]  # type: ignore[union-attr]
        assert all(s["min_version"] == "TLS1.3" for s in suites["tls13"])
        assert all(s["max_version"] != "TLS1.3" or s["min_version"] != "TLS1.3" for s in suites["tls12_and_earlier"])
        for s in merged:
            assert int(s["code"].replace("0x", "").replace(",", ""), 16) == s["code_int"]
        settings = dom["openssl"]["settings"]
        assert settings["Ciphersuites"].split(":") == [s["openssl"] for s in suites["tls13"] if s["openssl"]] or (
            settings["Ciphersuites"] == "" and not suites["tls13"])
        assert settings["MinProtocol"] == dom["tls"]["min_version"]["openssl"]
    libs = export["source"]["libraries"]
    assert len(libs) == len(loaded.libraries)
    for lib in libs:
        import hashlib

        assert hashlib.sha256((sample.parent / lib["file"]).read_bytes()).hexdigest() == lib["sha256"]


def test_export_is_deterministic_and_path_independent(tmp_path: Path) -> None:
    sample = SAMPLES[0]
    first = run_cli("export", str(sample))
    second = run_cli("export", os.path.relpath(sample, tmp_path), cwd=tmp_path)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout
    assert first.stdout.endswith("}\n") and "\t" not in first.stdout


@pytest.mark.parametrize("sample", CERTIFICATE_SAMPLES, ids=[p.stem for p in CERTIFICATE_SAMPLES])
def test_mozilla_configuration_has_every_field_sslyze_requires(sample: Path) -> None:
    doc = build_mozilla(build_gateway(load_profile(sample)))
    assert doc["version"] == 5.7 and doc["configurations"]
    for name, config in doc["configurations"].items():
        assert set(config) >= SSLYZE_FIELDS, name
        assert set(config["ciphers"]) == {"caddy", "go", "iana", "openssl"}
        for field in ("ecdh_param_size", "hsts_min_age", "maximum_certificate_lifespan",
                      "recommended_certificate_lifespan"):  # what sslyze types `int`, not Optional
            assert type(config[field]) is int, (name, field)
        assert config["certificate_types"] and config["certificate_signatures"], name


def _sslyze_model() -> type:
    checker = pytest.importorskip("sslyze.mozilla_tls_profile.tls_config_checker",
                                  reason="sslyze is not installed (pip install sslyze)")
    model: type = checker.TlsConfigurationAsJson
    return model


@pytest.mark.parametrize("sample", CERTIFICATE_SAMPLES, ids=[p.stem for p in CERTIFICATE_SAMPLES])
def test_every_single_domain_export_parses_with_sslyzes_model(sample: Path, tmp_path: Path) -> None:
    """What `--domain NAME` writes is what `sslyze --custom_tls_config` reads: its pydantic model accepts it."""
    model = _sslyze_model()
    for dom in load_profile(sample).profile.tls.domains:
        out = tmp_path / f"{dom.name}.json"
        result = run_cli("export", str(sample), "--format", "mozilla", "--domain", dom.name, "-o", str(out))
        assert result.returncode == 0, result.stderr
        parsed = model.model_validate_json(out.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
        assert parsed.maximum_certificate_lifespan > 0 and parsed.tls_versions, dom.name


def test_sslyzes_model_rejects_null_lifespans() -> None:
    """Why a PSK-only domain is refused rather than written with null certificate lifespans."""
    import pydantic

    model = _sslyze_model()
    config = build_mozilla(build_gateway(load_profile(CERTIFICATE_SAMPLES[0])))["configurations"]
    first = next(iter(config.values()))
    model.model_validate(first)  # type: ignore[attr-defined]
    with pytest.raises(pydantic.ValidationError):
        model.model_validate({**first, "maximum_certificate_lifespan": None,  # type: ignore[attr-defined]
                              "recommended_certificate_lifespan": None})


def test_mozilla_export_of_a_psk_only_domain_is_refused_with_its_name(tmp_path: Path) -> None:
    out = tmp_path / "out" / "rtu.json"
    single = run_cli("export", str(PSK_ONLY), "--format", "mozilla", "--domain", "field_rtu", "-o", str(out))
    assert single.returncode == 2 and single.stdout == "" and not out.parent.exists(), single.stderr
    assert single.stderr.startswith("profilekit: TLS domain 'field_rtu' has no Mozilla-format configuration: it "
                                    "uses no certificate (PSK only)"), single.stderr
    assert "--format gateway or --format openssl" in single.stderr and "Traceback" not in single.stderr
    whole = run_cli("export", str(PSK_ONLY), "--format", "mozilla")
    assert whole.returncode == 2 and whole.stdout == "", whole.stderr
    assert "'field_rtu', 'field_meters' use no certificate (PSK only)" in whole.stderr, whole.stderr
    for fmt in ("gateway", "openssl"):  # the formats that do describe a PSK domain still export it
        assert run_cli("export", str(PSK_ONLY), "--format", fmt, "--domain", "field_rtu").returncode == 0


def test_mozilla_export_leaves_out_psk_domains_of_a_mixed_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    """A profile with certificate and PSK-only domains: the PSK ones are left out, said in the document and
    in a note for stderr; the others are exported as usual."""
    from profilekit.export import mozilla, run

    sample = ROOT / "samples" / "ipip-bfcp-tls-gateway.yaml"
    gateway = build_gateway(load_profile(sample))
    names = [d["name"] for d in gateway["domains"]]
    assert len(names) > 1 and all(uses_certificates(d) for d in gateway["domains"])
    psk = names[-1]
    monkeypatch.setattr(mozilla, "uses_certificates", lambda dom: dom["name"] != psk)
    doc = build_mozilla(gateway)
    assert list(doc["configurations"]) == names[:-1]
    assert list(doc["profilekit"]["left_out"]) == [psk] and psk not in doc["profilekit"]["fallbacks"]
    result = run.export_profile(str(sample), "mozilla")
    assert json.loads(result.text) == doc
    assert result.notes == (f"TLS domain '{psk}' is left out of the Mozilla export: {mozilla.NO_CERTIFICATE} "
                            "(see profilekit.left_out)",)
    with pytest.raises(NoCertificates, match=f"'{psk}'"):
        build_mozilla(gateway, psk)
    assert run.export_profile(str(sample), "gateway").notes == ()


@pytest.mark.parametrize("sample", CERTIFICATE_SAMPLES, ids=[p.stem for p in CERTIFICATE_SAMPLES])
def test_mozilla_layout_matches_the_5_7_reference(reference: Path, sample: Path) -> None:
    ref = json.loads((reference / "anchors" / "mozilla-server-side-tls-5.7.json").read_text(encoding="utf-8"))
    ours = build_mozilla(build_gateway(load_profile(sample)))
    assert {"version", "href", "configurations"} <= set(ours) and ours["version"] == ref["version"]
    for theirs in ref["configurations"].values():
        for config in ours["configurations"].values():
            assert set(config) == set(theirs) - {"oldest_clients"}
            for key, value in config.items():
                if value is not None and theirs[key] is not None:
                    assert type(value) is type(theirs[key]), key
            assert set(config["ciphers"]) == set(theirs["ciphers"])


def test_mozilla_single_domain_via_cli(tmp_path: Path) -> None:
    sample = SAMPLES[0]
    domain = load_profile(sample).profile.tls.domains[0].name
    out = tmp_path / "one.json"
    result = run_cli("export", str(sample), "--format", "mozilla", "--domain", domain, "-o", str(out))
    assert result.returncode == 0, result.stderr
    single = json.loads(out.read_text(encoding="utf-8"))
    whole = json.loads(run_cli("export", str(sample), "--format", "mozilla").stdout)
    assert single == whole["configurations"][domain]


def test_openssl_fragment_via_cli() -> None:
    sample = SAMPLES[0]
    export = build_gateway(load_profile(sample))
    dom = export["domains"][0]
    result = run_cli("export", str(sample), "--format", "openssl", "--domain", dom["name"])
    assert result.returncode == 0, result.stderr
    assert f"[{dom['openssl']['section']}]" in result.stdout
    assert result.stdout.count("\n[") == 1
    for key, value in dom["openssl"]["settings"].items():
        if value is not None:
            assert f"\n{key} = {value}\n" in result.stdout


def test_cli_unknown_domain_suggests() -> None:
    sample = SAMPLES[0]
    name = load_profile(sample).profile.tls.domains[0].name
    result = run_cli("export", str(sample), "--domain", name[:-1] + "x")
    assert result.returncode == 2
    assert f"did you mean {name!r}" in result.stderr
    assert result.stdout == ""


def test_cli_refuses_to_overwrite_inputs(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    shutil.copytree(SAMPLES[0].parent / "lib", tmp_path / "lib")
    profile.write_bytes(SAMPLES[0].read_bytes())
    before = profile.read_bytes()
    result = run_cli("export", str(profile), "-o", str(profile))
    assert result.returncode == 2 and "refusing to overwrite the input file" in result.stderr
    assert profile.read_bytes() == before
    lib = next((tmp_path / "lib").glob("*.yaml"))
    lib_before = lib.read_bytes()
    result = run_cli("export", str(profile), "--format", "mozilla", "-o", str(lib))
    assert result.returncode == 2 and lib.read_bytes() == lib_before


def test_cli_load_errors_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("identification: [1\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = run_cli("export", str(bad), "-o", str(out))
    assert result.returncode == 2
    assert f"{bad}:2:1: error LD001" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    missing = run_cli("export", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    shutil.copytree(SAMPLES[0].parent / "lib", tmp_path / "lib", dirs_exist_ok=True)
    text = SAMPLES[0].read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_unknown_suite_is_refused_with_position(tmp_path: Path) -> None:
    path = _variant(tmp_path, "- TLS_AES_256_GCM_SHA384", "- TLS_AES_256_GCM_SHA385")
    with pytest.raises(InputError) as info:
        build_gateway(load_profile(path))
    finding = info.value.findings[0]
    assert finding.code == "EX001" and finding.line > 0 and "TLS_AES_256_GCM_SHA384" in finding.message
    gated = run_cli("export", str(path))  # validate's TLS001 stops it first
    assert gated.returncode == 1 and f"variant.yaml:{finding.line}:" in gated.stderr and "TLS001" in gated.stderr
    result = run_cli("export", str(path), "--force")
    assert result.returncode == 2 and f"variant.yaml:{finding.line}:" in result.stderr and "EX001" in result.stderr


def test_unbound_element_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, "tcp_setup: tcpbcc/estab", "tcp_setup: tcpbcc/establish")
    assert run_cli("export", str(path)).returncode == 1  # a rule reports it first
    result = run_cli("export", str(path), "--force")
    assert result.returncode == 2 and "EX002" in result.stderr and "establish" in result.stderr


def test_unknown_tls_profile_is_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, "tls_profile: access_tls\n      certificate: certs/imsagw-peer.pem",
                    "tls_profile: access_tl\n      certificate: certs/imsagw-peer.pem")
    assert run_cli("export", str(path)).returncode == 1  # a rule reports it first
    result = run_cli("export", str(path), "--force")
    assert result.returncode == 2 and "EX003" in result.stderr


def test_mozilla_derivations_are_documented() -> None:
    from profilekit.export.mozilla import DERIVATIONS

    doc = (ROOT / "docs" / "mozilla-export.md").read_text(encoding="utf-8")
    for field, text in DERIVATIONS.items():
        assert f"| `{field}` | {text} |" in doc, f"docs/mozilla-export.md: {field} is stale or missing"
    assert set(DERIVATIONS) | {"ciphers"} >= SSLYZE_FIELDS


def test_mozilla_signature_hashes_derived_without_crashing_on_ed25519() -> None:
    from profilekit.export.mozilla import _sigalg_hash

    assert _sigalg_hash("ecdsa_secp384r1_sha384") == "sha384"
    assert _sigalg_hash("rsa_pss_rsae_sha256") == "sha256"
    assert _sigalg_hash("ed25519") is None
    assert _sigalg_hash("ed448") is None


def test_registered_suite_without_data_is_named_as_such(tmp_path: Path) -> None:
    path = _variant(tmp_path, "- TLS_AES_256_GCM_SHA384", "- TLS_SHA256_SHA256")
    with pytest.raises(InputError) as info:
        build_gateway(load_profile(path))
    message = info.value.findings[0].message
    assert "registered with IANA" in message and "no data" in message and "integrity-only" in message
    assert "not in the IANA registry" not in message
    checked = run_cli("validate", str(path))
    assert checked.returncode == 1 and "TLS019" in checked.stdout and "no confidentiality" in checked.stdout


def test_domains_carry_the_mg_roles_their_termination_types_give() -> None:
    """ipip: the MG is TLS server towards enterprise endpoints and TLS client towards the provider; a client-only
    domain's notes say the server-only keys have no effect there; a domain no type names says so."""
    from profilekit.export.gateway import build_gateway
    from profilekit.load.profile import load_profile

    export = build_gateway(load_profile(ROOT / "samples" / "ipip-bfcp-tls-gateway.yaml"))
    roles = {d["name"]: d["mg_roles"] for d in export["domains"]}
    assert roles == {"enterprise_endpoints": ["server"], "conf_provider": ["client"]}
    notes = {d["name"]: [n["detail"] for n in d["openssl"]["notes"] if n["setting"] == "mg_roles"]
             for d in export["domains"]}
    assert notes["enterprise_endpoints"] == []
    (client,) = notes["conf_provider"]
    assert "TLS client only" in client and "have no effect there" in client and "SSL_VERIFY_PEER" in client
    from profilekit.export.openssl import role_notes

    ((setting, unnamed),) = role_notes([], {"Options": "ServerPreference"})
    assert setting == "mg_roles" and "does not say whether the MG is TLS client, server or both" in unnamed
