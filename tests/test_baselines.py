"""Baseline selection: which SEC/PRC rules run and at which severity, and what fires on the samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_cli
from rule_harness import build_case

from profilekit.catalog.baselines import ALIASES, BASELINES, CHOICES, DEFAULT_BASELINE, canonical
from profilekit.findings import Severity
from profilekit.load.loaded import LoadedProfile
from profilekit.load.profile import load_profile
from profilekit.rules.engine import run_rules
from profilekit.rules.registry import REGISTRY

OLD_VERSIONS = {"name": "old versions", "patch": [
    {"path": "tls.profiles[0].versions", "value": ["TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"]}]}


@pytest.mark.parametrize(("baseline", "severity"), [
    ("bcp195", Severity.ERROR), ("rfc9325", Severity.ERROR), ("3gpp-ts33210", Severity.ERROR),
    ("nist-sp800-52r2", Severity.WARNING), ("bsi-tr02102-2", Severity.WARNING), ("none", None)])
def test_tls10_severity_follows_the_baseline(baseline: str, severity: Severity | None, tmp_path: Path) -> None:
    loaded = load_profile(build_case(OLD_VERSIONS, tmp_path))
    found = {f.severity for f in run_rules(loaded, baseline=baseline) if f.code == "SEC002"}
    assert found == ({severity} if severity else set())


def test_bcp195_is_the_default_and_rfc9325_its_alias() -> None:
    assert DEFAULT_BASELINE == "bcp195"
    assert ALIASES == {"rfc9325": "bcp195"} and canonical("rfc9325") == "bcp195"
    assert "rfc9325" in CHOICES and "rfc9325" not in BASELINES


def _versions(versions: list[str], tmp_path: Path) -> LoadedProfile:
    case = {"name": "versions", "patch": [{"path": "tls.profiles[0].versions", "value": versions}]}
    return load_profile(build_case(case, tmp_path))


@pytest.mark.parametrize("baseline", ["bcp195", "rfc9325"])
def test_tls13_only_meets_bcp195_and_tls12_only_departs_from_it(baseline: str, tmp_path: Path) -> None:
    """RFC 9852: a new protocol using TLS must require TLS 1.3; TLS 1.2 support is no longer asked of it."""
    only13 = run_rules(_versions(["TLS1.3"], tmp_path / "13"), baseline=baseline)
    assert not [f for f in only13 if f.code in ("SEC003", "SEC004")]
    only12 = run_rules(_versions(["TLS1.2"], tmp_path / "12"), baseline=baseline)
    found = [(f.code, f.severity) for f in only12 if f.code in ("SEC003", "SEC004")]
    assert found == [("SEC004", Severity.ERROR)]
    assert "RFC 9852" in next(f.message for f in only12 if f.code == "SEC004")


@pytest.mark.parametrize(("baseline", "named"), [("3gpp-ts33210", "3GPP TS 33.210"),
                                                 ("nist-sp800-52r2", "NIST SP 800-52r2")])
def test_3gpp_and_nist_keep_requiring_tls12(baseline: str, named: str, tmp_path: Path) -> None:
    found = [f for f in run_rules(_versions(["TLS1.3"], tmp_path), baseline=baseline)
             if f.code == "SEC003"]
    assert [f.severity for f in found] == [Severity.ERROR] and named in found[0].message


def test_the_alias_runs_exactly_as_its_baseline(sample: Path) -> None:
    loaded = load_profile(sample)
    assert run_rules(loaded, baseline="rfc9325") == run_rules(loaded, baseline="bcp195")
    for rule in REGISTRY:
        assert rule.severity_for("rfc9325") == rule.severity_for("bcp195"), rule.code


def test_precedence_rules_run_under_bcp195() -> None:
    prc = [rule for rule in REGISTRY if rule.code.startswith("PRC")]
    assert prc and all(rule.baselines == {"bcp195"} for rule in prc)


def test_baseline_rules_name_known_baselines_and_cite_sources() -> None:
    for rule in REGISTRY:
        if not rule.code.startswith(("SEC", "PRC")):
            continue
        assert rule.baselines <= set(BASELINES) - {"none"}, rule.code
        assert set(rule.baseline_severity) <= set(rule.baselines), rule.code
        if rule.code.startswith("SEC"):
            assert rule.baselines, f"{rule.code} must say which baselines it belongs to"
            assert rule.rationale and all(ref.strip() for ref in rule.refs), rule.code


@pytest.mark.parametrize("baseline", [DEFAULT_BASELINE])
def test_samples_clean_under_default_baseline(sample: Path, baseline: str) -> None:
    findings = [f for f in run_rules(load_profile(sample), baseline=baseline) if f.code[:3] in ("TLS", "SEC", "PRC")]
    assert findings == [], [f"{f.location()} {f.code} {f.message}" for f in findings]


def test_stricter_baselines_flag_what_their_texts_exclude(tmp_path: Path) -> None:
    """The IMS sample offers ChaCha20 (not a NIST or BSI TLS 1.3 suite) and RSA-2048 keys (below BSI's 3000)."""
    loaded = load_profile(build_case({"name": "sample"}, tmp_path))
    nist = {(f.code, f.yaml_path) for f in run_rules(loaded, baseline="nist-sp800-52r2")}
    bsi = {(f.code, f.yaml_path) for f in run_rules(loaded, baseline="bsi-tr02102-2")}
    assert ("SEC027", "tls.profiles[0].cipher_suites[2]") in nist
    assert ("SEC028", "tls.profiles[0].cipher_suites[2]") in bsi
    assert ("SEC023", "tls.profiles[0].certificates.key_types[1].min_bits") in bsi
    assert not any(code.startswith("SEC") for code, _ in {(f.code, f.yaml_path) for f in
                                                          run_rules(loaded, baseline="none")})


def test_cli_takes_the_alias_and_reports_the_baseline_by_its_name(tmp_path: Path) -> None:
    path = build_case({"name": "tls12 only", "patch": [
        {"path": "tls.profiles[0].versions", "value": ["TLS1.2"]}]}, tmp_path)
    assert "`rfc9325` is an alias of `bcp195`" in " ".join(run_cli("validate", "--help").stdout.split())
    runs = {b: run_cli("validate", str(path), "--format", "json", "--baseline", b) for b in ("bcp195", "rfc9325")}
    assert runs["rfc9325"].returncode == runs["bcp195"].returncode == 1
    assert runs["rfc9325"].stdout == runs["bcp195"].stdout
    assert json.loads(runs["rfc9325"].stdout)["baseline"] == "bcp195"


def test_build_refusal_says_how_to_accept_each_error(tmp_path: Path) -> None:
    """A TLS 1.2-only profile departs from BCP 195: build refuses, and shows the comment that accepts it."""
    path = build_case({"name": "tls12 only", "patch": [
        {"path": "tls.profiles[0].versions", "value": ["TLS1.2"]},
        {"path": "tls.profiles[0].cipher_suites", "value": ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]}]}, tmp_path)
    done = run_cli("build", str(path), "-o", str(tmp_path / "out"), "--no-pdf")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    sec004 = next(i for i, line in enumerate(lines) if " error SEC004 " in line)
    line = int(lines[sec004].split(":")[1])
    assert lines[sec004 + 1] == (f'  to accept it, write # profilekit: disable=SEC004 reason="…" at the end of line '
                                 f"{line} (or on a line of its own just above it)")
    assert "accept each with the comment shown under it" in done.stderr
    text = path.read_text(encoding="utf-8").splitlines()
    text[line - 1] += ' # profilekit: disable=SEC004 reason="peers without TLS 1.3 until 2027"'
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    accepted = run_cli("build", str(path), "-o", str(tmp_path / "out"), "--no-pdf")
    assert " SEC004 " not in accepted.stdout and "(1 suppressed)" in accepted.stdout, accepted.stdout
