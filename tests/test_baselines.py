"""Baseline selection: which SEC/PRC rules run and at which severity, and what fires on the samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_harness import build_case

from profilekit.catalog.baselines import BASELINES, DEFAULT_BASELINE
from profilekit.findings import Severity
from profilekit.load.profile import load_profile
from profilekit.rules.engine import run_rules
from profilekit.rules.registry import REGISTRY

OLD_VERSIONS = {"name": "old versions", "patch": [
    {"path": "tls.profiles[0].versions", "value": ["TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"]}]}


@pytest.mark.parametrize(("baseline", "severity"), [
    ("rfc9325", Severity.ERROR), ("3gpp-ts33210", Severity.ERROR),
    ("nist-sp800-52r2", Severity.WARNING), ("bsi-tr02102-2", Severity.WARNING), ("none", None)])
def test_tls10_severity_follows_the_baseline(baseline: str, severity: Severity | None, tmp_path: Path) -> None:
    loaded = load_profile(build_case(OLD_VERSIONS, tmp_path))
    found = {f.severity for f in run_rules(loaded, baseline=baseline) if f.code == "SEC002"}
    assert found == ({severity} if severity else set())


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
