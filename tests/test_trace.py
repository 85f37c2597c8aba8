"""Requirement traceability: the catalogue matches the guideline's ids, coverage, statuses, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import ROOT, run_cli
from rule_harness import build_case

from profilekit.applicability import APPLIES_WHEN
from profilekit.load.profile import load_profile
from profilekit.rules.registry import REGISTRY
from profilekit.trace import requirement_catalogue, trace
from profilekit.validate import check_loaded

SAMPLE_A = "samples/ims-msrp-tls-relay.yaml"


def test_catalogue_has_exactly_the_guideline_ids_in_order(reference: Path) -> None:
    ids = [item["id"] for item in yaml.safe_load((reference / "requirements.yaml").read_text(encoding="utf-8"))]
    assert len(ids) == 56
    assert [item.id for item in requirement_catalogue()] == ids


def test_catalogue_agrees_with_the_guideline_on_actor_and_level(reference: Path) -> None:
    ref = {i["id"]: i for i in yaml.safe_load((reference / "requirements.yaml").read_text(encoding="utf-8"))}
    for item in requirement_catalogue():
        assert (item.actor, item.level) == (ref[item.id]["actor"], ref[item.id]["level"]), item.id
        assert item.summary != ref[item.id]["summary"], f"{item.id}: write our own summary, do not copy"


def test_every_requirement_is_covered_and_coverage_comes_from_rule_refs() -> None:
    for item in requirement_catalogue():
        cited = tuple(rule.code for rule in REGISTRY if item.id in rule.refs)
        assert item.rules == cited, item.id
        assert item.coverage in ("rules", "implementation-only"), f"{item.id} is uncovered"
        if item.coverage == "implementation-only":
            assert item.reason and not item.rules
        assert item.applies_when in APPLIES_WHEN, item.id


def test_implementation_only_items_are_not_cited_by_rules() -> None:
    from profilekit.catalog.requirements import requirements

    for entry in requirements():
        if entry.implementation_only:
            assert not REGISTRY.citing(entry.id), f"{entry.id} is cited by rules: drop implementation_only"


def test_sample_statuses(sample_loaded: object) -> None:
    items = {i.id: i for i in trace(sample_loaded, check_loaded(sample_loaded))}  # type: ignore[arg-type]
    assert items["R-6/4"].status == "implementation_only"
    assert items["R-8.3.3/4"].status == "not_applicable"  # no PSK
    assert items["R-8.4/2"].status == "not_applicable"  # no renegotiation
    assert items["R-7/8"].status == "satisfied"  # CA-signed with trust anchors
    assert all(i.status != "violated" for i in items.values())


def test_violations_name_only_the_requirement_they_break(tmp_path: Path) -> None:
    case = build_case({"name": "no fatal alert", "patch": [
        {"path": "tls.bindings.tls_termination_event.reasons.fatal_alert", "delete": True},
        {"path": "tls.profiles[0].authentication.methods", "value": ["certificate_ca_signed", "psk"]},
    ]}, tmp_path)
    loaded = load_profile(case)
    items = {i.id: i for i in trace(loaded, check_loaded(loaded))}
    assert items["R-8.5.2/1"].status == "violated"
    assert [f.code for f in items["R-8.5.2/1"].findings] == ["GL511"]
    assert items["R-8.5.1/1"].status == "satisfied"
    assert items["R-8.3.3/4"].status == "violated"  # PSK now used, identity not bound


def test_a_justified_deviation_is_reported_as_such_not_as_met(tmp_path: Path) -> None:
    """A suppression records why the profile departs from an item: the status says `deviation` and keeps the
    finding with its reason; without the suppression the item is violated; with renegotiation, satisfied."""
    sample = load_profile(ROOT / SAMPLE_A)
    items = {i.id: i for i in trace(sample, check_loaded(sample))}
    for rid in ("R-7/5", "R-8.4/1"):
        assert items[rid].status == "deviation"
        (finding,) = items[rid].findings
        assert finding.code == "GL207" and finding.suppressed and "KeyUpdate" in finding.suppressed
    bare = build_case({"name": "unsuppressed", "patch": [
        {"path": "tls.profiles[0].renegotiation", "value": {"supported": False}}]}, tmp_path / "a")
    loaded = load_profile(bare)
    items = {i.id: i for i in trace(loaded, check_loaded(loaded))}
    # GL207 is an error (R-7/5 is required): without a recorded reason both items are not met
    assert items["R-7/5"].status == items["R-8.4/1"].status == "violated"
    assert [f.code for f in items["R-7/5"].findings] == ["GL207"]
    supported = build_case({"name": "renegotiates", "patch": [
        {"path": "tls.profiles[0].renegotiation",
         "value": {"supported": True, "initiators": ["mg"], "mgc_trigger": True}}]}, tmp_path / "b")
    loaded = load_profile(supported)
    items = {i.id: i for i in trace(loaded, check_loaded(loaded))}
    assert items["R-7/5"].status == "satisfied" and items["R-7/5"].findings == ()


def test_requirements_cli_json_without_file() -> None:
    done = run_cli("requirements", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data) == 56
    for item in data:
        assert {"id", "coverage", "rules", "status"} <= set(item)
        assert item["status"] is None and item["coverage"] in ("rules", "implementation-only")
    assert next(i for i in data if i["id"] == "R-6/2")["rules"] == ["GL101", "GL102", "GL106"]


def test_requirements_cli_text_without_file() -> None:
    done = run_cli("requirements")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert len(lines) == 58
    assert lines[0].split() == ["Requirement", "Level", "Checked", "by"]
    assert lines[-1].startswith("56 requirements: ") and "UNCOVERED" not in lines[-1]
    assert any(line.startswith("R-6/4 ") and "implementation-only: TCP conformance" in line for line in lines)


def test_requirements_cli_with_file(tmp_path: Path) -> None:
    data = json.loads(run_cli("requirements", SAMPLE_A, "--format", "json").stdout)
    assert {i["status"] for i in data} == {"satisfied", "deviation", "not_applicable", "implementation_only"}
    case = build_case({"name": "relay", "patch": [
        {"path": "terminations.types[0].mode.tcp_mode", "value": "relay"}]}, tmp_path)
    rel = str(case.relative_to(tmp_path))
    text = run_cli("requirements", rel, cwd=tmp_path)
    assert text.returncode == 0
    r62 = text.stdout.split("R-6/2 ", 1)[1]
    assert r62.lstrip().startswith("violated")
    assert f"    {rel}:" in r62.split("\nR-", 1)[0] and "GL101" in r62.split("\nR-", 1)[0]
    data = json.loads(run_cli("requirements", rel, "--format", "json", cwd=tmp_path).stdout)
    violated = sum(1 for i in data if i["status"] == "violated")
    assert violated >= 1 and f"; {rel}: " in text.stdout.splitlines()[-1]
    assert f" {violated} violated, " in text.stdout.splitlines()[-1]
    item = next(i for i in data if i["id"] == "R-6/2")
    assert item["status"] == "violated" and item["findings"][0]["code"] == "GL101"


def test_requirements_cli_input_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("a: [\n", encoding="utf-8")
    done = run_cli("requirements", "bad.yaml", cwd=tmp_path)
    assert done.returncode == 2 and "bad.yaml:" in done.stderr and "LD001" in done.stderr


def test_rules_docs_are_fresh() -> None:
    from profilekit.rules.docs import render_markdown

    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render_markdown(), "docs/rules.md is stale: run `python -m profilekit.rules.docs`"
    for rule in REGISTRY:
        assert f'<a id="{rule.anchor}"></a>' in current


def test_rules_command_formats() -> None:
    md = run_cli("rules", "--format", "md")
    assert md.stdout == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    data = json.loads(run_cli("rules", "--format", "json").stdout)
    rules = [r for r in data if "kind" not in r]  # then the LD/SC/SP codes (tests/test_stated_values.py)
    assert [r["code"] for r in rules] == [r.code for r in REGISTRY]
    assert all(r["passing"] and r["failing"] and r["refs"] for r in rules)
    text = run_cli("rules").stdout.splitlines()
    assert text[-1].startswith(f"{len(REGISTRY)} rules") and text[0].startswith(next(iter(REGISTRY)).code)


def test_readme_states_the_current_rule_count() -> None:
    """The README's performance note counts the rules; a new rule must update it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{len(REGISTRY)} rules" in text


def test_no_baseline_rule_cites_a_requirement() -> None:
    """A.1 and `requirements` statuses must not depend on --baseline: rules that run under some baselines
    only (SEC, PRC) cite the baseline documents, never an H.248.TLSPROF requirement id."""
    assert [r.code for r in REGISTRY if r.baselines and any(ref.startswith("R-") for ref in r.refs)] == []


def test_statuses_are_the_same_under_every_baseline(tmp_path: Path) -> None:
    case = build_case({"name": "static RSA above ECDHE", "patch": [
        {"path": "tls.profiles[0].cipher_suites", "insert": "TLS_RSA_WITH_AES_128_CBC_SHA", "at": 3}]}, tmp_path)
    loaded = load_profile(case)
    statuses = {}
    for baseline in ("bcp195", "none", "nist-sp800-52r2", "bsi-tr02102-2", "3gpp-ts33210"):
        findings = check_loaded(loaded, baseline=baseline)
        if baseline == "bcp195":
            assert {"PRC001", "SEC008"} <= {f.code for f in findings}
        statuses[baseline] = [(t.id, t.status, [f.code for f in t.findings])
                              for t in trace(loaded, findings, baseline=baseline)]
    assert all(s == statuses["none"] for s in statuses.values())
