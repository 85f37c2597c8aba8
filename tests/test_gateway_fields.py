"""Gateway export 1.1: the profile's notes, authentication per side, certificate paths, code points in both
forms, and the schema's forward-compatibility policy (docs/gateway-export.md, "Compatibility")."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, SAMPLES, run_cli

from profilekit.export.gateway import build_gateway, certificate_path
from profilekit.export.gateway_model import SCHEMA_VERSION, GatewayExport
from profilekit.load.profile import load_profile

SCHEMA_FILE = ROOT / "schemas" / "gateway-profile.schema.json"
M2M = ROOT / "samples" / "m2m-psk-telemetry-gateway.yaml"
IPIP = ROOT / "samples" / "ipip-bfcp-tls-gateway.yaml"


def _domain(export: dict[str, Any], name: str) -> dict[str, Any]:
    return next(d for d in export["domains"] if d["name"] == name)


def test_notes_reach_the_export(sample: Path) -> None:
    loaded = load_profile(sample)
    export = build_gateway(loaded)
    profiles = {p.id: p for p in loaded.profile.tls.profiles}
    assert export["notes"] == loaded.profile.tls.notes
    for dom_model, dom in zip(loaded.profile.tls.domains, export["domains"], strict=True):
        tls, out = profiles[dom_model.tls_profile], dom["tls"]
        assert out["renegotiation"]["notes"] == tls.renegotiation.notes
        assert out["resumption"]["notes"] == tls.resumption.notes
        assert (out["performance"] or {}).get("notes") == (tls.performance.notes if tls.performance else None)
        psk = tls.authentication.psk
        assert (out["authentication"]["psk"] or {}).get("notes") == (psk.notes if psk else None)


def test_psk_identity_format_is_exported() -> None:
    export = json.loads(run_cli("export", str(M2M), "--domain", "field_rtu").stdout)
    tls = export["domains"][0]["tls"]
    assert "<device-id>@<grid-area>" in tls["authentication"]["psk"]["notes"]
    assert "KeyUpdate" in tls["renegotiation"]["notes"]
    assert "radio link" in tls["resumption"]["notes"]
    assert "ECDHE_PSK" in tls["performance"]["notes"]


def test_psk_only_client_required_is_not_a_certificate_requirement() -> None:
    export = build_gateway(load_profile(M2M))
    auth = export["domains"][0]["tls"]["authentication"]
    assert auth["client"] == "required" and auth["methods"] == ["psk"]
    client = auth["sides"]["client"]
    assert client == {"requirement": "required", "methods": ["psk"], "certificate": "not_used",
                      "summary": client["summary"]}
    assert "pre-shared key" in client["summary"] and "does not request a client certificate" in client["summary"]
    assert auth["sides"]["server"]["certificate"] == "not_used"


def test_mutual_tls_client_certificate_is_required() -> None:
    export = build_gateway(load_profile(IPIP))
    client = _domain(export, "enterprise_endpoints")["tls"]["authentication"]["sides"]["client"]
    assert client["certificate"] == "required" and client["methods"] == ["certificate_ca_signed"]
    assert "fails the handshake without one" in client["summary"]


def _authentication_variant(tmp_path: Path, client: str, methods: str) -> dict[str, Any]:
    text = M2M.read_text(encoding="utf-8")
    old = "        client: required\n        methods: [psk]\n"
    assert old in text
    shutil.copytree(ROOT / "samples" / "lib", tmp_path / "lib", dirs_exist_ok=True)
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace(old, f"        client: {client}\n        methods: {methods}\n"), encoding="utf-8")
    sides: dict[str, Any] = build_gateway(load_profile(path))["domains"][0]["tls"]["authentication"]["sides"]
    return sides


@pytest.mark.parametrize(("client", "methods", "expected"), [
    ("required", "[psk, certificate_ca_signed]", ("optional", ["psk", "certificate_ca_signed"])),
    ("optional", "[certificate_self_signed]", ("optional", ["certificate_self_signed"])),
    ("none", "[psk]", ("not_used", [])),
])
def test_client_certificate_per_method_mix(tmp_path: Path, client: str, methods: str,
                                           expected: tuple[str, list[str]]) -> None:
    sides = _authentication_variant(tmp_path, client, methods)
    assert (sides["client"]["certificate"], sides["client"]["methods"]) == expected
    assert sides["client"]["requirement"] == client


@pytest.mark.parametrize(("text", "path"), [
    ("certs/imsagw-access.pem", "certs/imsagw-access.pem"),
    ("/etc/mg/tls/provider.CRT", "/etc/mg/tls/provider.CRT"),
    ("self-signed: sbc-msrp-alpha (regenerated every 30 days)", None),
    ("sbc-msrp-alpha", None),
    ("certs/my cert.pem", None),
    (None, None),
])
def test_certificate_path_only_for_file_paths(text: str | None, path: str | None) -> None:
    assert certificate_path(text) == path


def test_code_points_in_both_forms(sample: Path) -> None:
    export = build_gateway(load_profile(sample))
    for dom in export["domains"]:
        tls = dom["tls"]
        for version in [*tls["versions"], tls["min_version"], tls["max_version"]]:
            assert int(version["wire"], 16) == version["wire_int"]
        for suite in [*tls["cipher_suites"]["tls13"], *tls["cipher_suites"]["tls12_and_earlier"]]:
            assert int(suite["code"].replace(",0x", ""), 16) == suite["code_int"]
        for group in tls["groups"]:
            assert group["code_hex"] == f"0x{group['code']:04X}"
        for sigalg in tls["signature_algorithms"]:
            assert int(sigalg["code"], 16) == sigalg["code_int"]


def test_published_schema_accepts_a_later_minor_with_new_fields(sample: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    later = copy.deepcopy(build_gateway(load_profile(sample)))
    later["schema_version"] = "1.9"
    later["added_in_1_9"] = {"anything": True}
    later["domains"][0]["tls"]["authentication"]["sides"]["client"]["added_in_1_9"] = 1
    later["domains"][0]["openssl"]["settings"]["NewSetting"] = "x"
    assert validator.is_valid(later), [e.message for e in validator.iter_errors(later)][:3]
    for version in ("2.0", "1", "1.x", "10.1"):
        other = dict(later, schema_version=version)
        assert not validator.is_valid(other), version


def test_producer_writes_only_declared_fields(sample: Path) -> None:
    """The closed (strict) variant of the schema: profilekit never emits a field its model does not declare."""
    strict = GatewayExport.model_json_schema(mode="validation")
    validator = jsonschema.Draft202012Validator(strict)
    export = build_gateway(load_profile(sample))
    assert export["schema_version"] == SCHEMA_VERSION
    validator.validate(export)
    extra = copy.deepcopy(export)
    extra["domains"][0]["tls"]["surprise"] = True
    assert not validator.is_valid(extra)


def test_schema_states_its_compatibility_policy() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert "major version" in schema["$comment"]
    doc = (ROOT / "docs" / "gateway-export.md").read_text(encoding="utf-8")
    assert "## Compatibility" in doc and f"`{SCHEMA_VERSION}`" in doc


def test_docs_list_the_top_level_keys_as_they_are() -> None:
    """docs/gateway-export.md names every top-level key of the export, each as a top-level bullet."""
    doc = (ROOT / "docs" / "gateway-export.md").read_text(encoding="utf-8")
    for key in GatewayExport.model_fields:
        assert f"\n- `{key}`" in doc, key
    export = build_gateway(load_profile(SAMPLES[0]))
    assert list(export) == list(GatewayExport.model_fields)
