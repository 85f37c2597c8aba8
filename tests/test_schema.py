"""The published JSON Schemas: fresh, valid draft-07, useful in editors, and accepting every sample."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, SAMPLES, run_cli
from pydantic import BaseModel

from profilekit.export.gateway_model import GatewayExport
from profilekit.export.gateway_schema import gateway_schema
from profilekit.load.yaml12 import load_text
from profilekit.model.profile import PackageLibrary, Profile
from profilekit.model.schema import _field_docs, _models, dumps, schema_for

KINDS = {"profile": ROOT / "schemas" / "profile.schema.json",
         "package-library": ROOT / "schemas" / "package-library.schema.json"}
LIBRARIES = sorted((ROOT / "samples" / "lib").glob("*.yaml"))


def _load_yaml(path: Path) -> Any:
    data, _ = load_text(path.read_text(encoding="utf-8"), str(path))
    return json.loads(json.dumps(data, default=str))  # dates as the strings a JSON validator sees


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_checked_in_schema_is_current(kind: str) -> None:
    fresh = dumps(schema_for(kind))
    stored = KINDS[kind].read_text(encoding="utf-8")
    command = f"PYTHONPATH=$PWD python -m profilekit schema --kind {kind} > schemas/{KINDS[kind].name}"
    assert stored == fresh, f"schemas/{KINDS[kind].name} is stale; regenerate it with:\n  {command}"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_cli_prints_the_checked_in_schema(kind: str) -> None:
    result = run_cli("schema", "--kind", kind)
    assert result.returncode == 0, result.stderr
    assert result.stdout == KINDS[kind].read_text(encoding="utf-8")


def test_default_kind_is_profile() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["$id"].endswith("/profile.schema.json")


def test_schema_output_is_deterministic() -> None:
    assert dumps(schema_for("profile")) == dumps(schema_for("profile"))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_is_valid_draft07(kind: str) -> None:
    schema = json.loads(KINDS[kind].read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    text = json.dumps(schema)
    assert "$defs" not in text, "draft-07 uses `definitions`"
    refs = _refs(schema)
    assert refs, "expected $refs into definitions"
    for ref in refs:
        assert ref.startswith("#/definitions/") and ref.removeprefix("#/definitions/") in schema["definitions"]


def _refs(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        if "$ref" in node:
            # Draft-07 ignores siblings of $ref: a description beside it would be lost.
            assert set(node) == {"$ref"}, f"$ref with siblings {sorted(node)}"
            found.append(node["$ref"])
        for value in node.values():
            found.extend(_refs(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_refs(value))
    return found


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_samples_valid_with_jsonschema_library(path: Path) -> None:
    schema = json.loads(KINDS["profile"].read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(_load_yaml(path)), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("path", LIBRARIES, ids=[p.stem for p in LIBRARIES])
def test_libraries_valid_with_jsonschema_library(path: Path) -> None:
    schema = json.loads(KINDS["package-library"].read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(_load_yaml(path)))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_schema_rejects_what_the_model_rejects() -> None:
    """The schema is not vacuous: an unknown key and a bad enum value fail in a third-party validator."""
    schema = json.loads(KINDS["profile"].read_text(encoding="utf-8"))
    data = _load_yaml(SAMPLES[0])
    data["identification"]["nmae"] = "x"
    data["tls"]["profiles"][0]["authentication"]["on_failure"] = "explode"
    messages = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(data)]
    assert any("nmae" in m for m in messages), messages
    assert any("explode" in m for m in messages), messages


def _check_jsonschema() -> str:
    script = Path(sys.executable).with_name("check-jsonschema")
    if script.exists():
        return str(script)
    found = shutil.which("check-jsonschema")
    if found is None:
        pytest.skip("check-jsonschema is not installed (it comes with `pip install '.[test]'`)")
    return found


def test_samples_valid_with_check_jsonschema() -> None:
    """A third-party validator reads the YAML itself: what editors and CI pipelines outside profilekit see."""
    exe = _check_jsonschema()
    for kind, files in (("profile", SAMPLES), ("package-library", LIBRARIES)):
        result = subprocess.run([exe, "--schemafile", str(KINDS[kind]), *map(str, files)],
                                capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_a_broken_sample(tmp_path: Path) -> None:
    exe = _check_jsonschema()
    bad = tmp_path / "bad.yaml"
    bad.write_text(SAMPLES[0].read_text(encoding="utf-8").replace("mid_format: domain_name",
                                                                    "mid_format: carrier_pigeon"))
    assert "carrier_pigeon" in bad.read_text()
    result = subprocess.run([exe, "--schemafile", str(KINDS["profile"]), str(bad)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "carrier_pigeon" in result.stdout + result.stderr


def _undocumented(root: type[BaseModel], schema: dict[str, Any]) -> list[str]:
    """Properties whose model field has an attribute docstring but whose schema entry has no description,
    and fields without any docstring at all."""
    missing: list[str] = []
    defs = schema.get("definitions", {})
    for name, cls in _models(root).items():
        target = schema if cls is root else defs.get(name)
        if target is None:
            continue
        docs = _field_docs(cls)
        for field, prop in target.get("properties", {}).items():
            if not prop.get("description"):
                missing.append(f"{name}.{field}" + ("" if field in docs else " (no docstring in the model)"))
    return sorted(missing)


@pytest.mark.parametrize(("root", "kind"), [(Profile, "profile"), (PackageLibrary, "package-library"),
                                            (GatewayExport, "gateway")])
def test_every_property_has_a_description(root: type[BaseModel], kind: str) -> None:
    """Editors show these on hover, and a gateway team reads the export's schema as its documentation: every
    field of every model needs an attribute docstring."""
    missing = _undocumented(root, gateway_schema() if kind == "gateway" else schema_for(kind))
    assert not missing, "properties without a description:\n  " + "\n  ".join(missing)


def test_description_comes_from_attribute_docstring() -> None:
    schema = schema_for("profile")
    prop = schema["definitions"]["TlsProfile"]["properties"]["cipher_suites"]
    assert "order of precedence" in prop["description"]
    # inherited docstrings reach subclasses (PackageEntry extends Package)
    assert "wire" in schema["definitions"]["PackageEntry"]["properties"]["id"]["description"]
    # a documented $ref property keeps its description (beside allOf, not beside a $ref)
    ident = schema["properties"]["identification"]
    assert "Clause 1" in ident["description"] and ident["allOf"] == [{"$ref": "#/definitions/Identification"}]


def test_new_profile_points_at_a_schema_the_readme_writes_beside_it(tmp_path: Path) -> None:
    """`profilekit new` + `profilekit schema > profile.schema.json`: the `$schema` comment resolves to that
    file (an editor's YAML language server reads it) and the new profile is valid against it."""
    exe = _check_jsonschema()
    assert run_cli("new", "p.yaml", cwd=tmp_path).returncode == 0
    written = run_cli("schema", cwd=tmp_path)
    (tmp_path / "profile.schema.json").write_text(written.stdout, encoding="utf-8")
    first = (tmp_path / "p.yaml").read_text(encoding="utf-8").splitlines()[0]
    reference = first.removeprefix("# yaml-language-server: $schema=")
    assert reference != first and (tmp_path / reference).is_file(), first
    result = subprocess.run([exe, "--schemafile", str(tmp_path / reference), str(tmp_path / "p.yaml")],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _spellings() -> list[str]:
    """Version spellings an editor might type: families, spacing, `v`, numbers, separators, junk."""
    out = ["", "TLS", "1.", "TLS1.2.3", "TLSv1.2x", "DTLS1.2", "TLS 1 . 2", "SSL2", "SSLv2.0", "1_3", "v1.2"]
    for family in ("", "TLS", "tls", "Tls", "SSL", "ssl"):
        for gap in ("", " ", "v", "V", " v", "v ", "\t"):
            if not family and gap:
                continue
            for number in ("1", "1.0", "1.1", "1.2", "1.3", "1.4", "1_2", "3", "3.0", "3.1", "2", "2.0", "0.9"):
                for pad in ("", " "):
                    out.append(f"{pad}{family}{gap}{number}{pad}")
    return out


def test_schema_accepts_exactly_the_version_spellings_the_loader_accepts() -> None:
    """Editors with schema completion see no red squiggle for `TLSv1.2`, and none missing for `TLS1.4`."""
    import pydantic

    from profilekit.model.tls import Version

    schema = json.loads(KINDS["profile"].read_text(encoding="utf-8"))
    item = schema["definitions"]["TlsProfile"]["properties"]["versions"]["items"]
    validator = jsonschema.Draft7Validator(item)
    adapter = pydantic.TypeAdapter(Version)
    disagree = []
    for spelling in _spellings():
        try:
            adapter.validate_python(spelling)
            loader_ok = True
        except pydantic.ValidationError:
            loader_ok = False
        if validator.is_valid(spelling) != loader_ok:
            disagree.append((spelling, loader_ok))
    assert disagree == []
    assert validator.is_valid("TLSv1.3") and not validator.is_valid("TLS1.4")
