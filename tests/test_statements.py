"""The statement catalogue holds the validator to the baselines: every statement is checked by rules or says
why a profile cannot decide it, every such rule runs under the statement's baselines with the severity its
keyword gives, every baseline rule answers to a statement, and each (rule, baseline) pair has cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_cli
from rule_harness import load_cases

from profilekit.catalog.baselines import DEFAULT_BASELINE
from profilekit.catalog.statements import KEYWORD_SEVERITY, Statement, statements
from profilekit.load.codes import NON_RULE_CODES
from profilekit.rules.registry import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "rule_cases"


def _ids(statement: Statement) -> str:
    return statement.id


@pytest.mark.parametrize("statement", statements(), ids=_ids)
def test_statement_is_settled(statement: Statement) -> None:
    assert statement.rules or statement.not_decidable or statement.superseded_by
    if statement.not_decidable:
        assert len(statement.not_decidable) > 40, "say why a profile cannot decide it"


@pytest.mark.parametrize("statement", [s for s in statements() if s.rules], ids=_ids)
def test_rules_run_with_the_keyword_severity(statement: Statement) -> None:
    for code in statement.rules:
        if code in NON_RULE_CODES:
            assert NON_RULE_CODES[code].severity == statement.severity, code
            continue
        rule = REGISTRY.get(code)
        assert rule is not None, f"{statement.id} names unknown rule {code}"
        for baseline in statement.baselines:
            assert not rule.baselines or baseline in rule.baselines, \
                f"{code} does not run under {baseline}, where {statement.id} ({statement.keyword}) is normative"
            assert rule.severity_for(baseline) == statement.severity, \
                (f"{code} is {rule.severity_for(baseline).value} under {baseline}, but {statement.id} says "
                 f"{statement.keyword}")


def test_every_baseline_rule_answers_to_a_statement() -> None:
    covered = {code for statement in statements() for code in statement.rules}
    missing = [rule.code for rule in REGISTRY if rule.code[:3] in ("SEC", "PRC") and rule.code not in covered]
    assert missing == []


def test_baseline_rules_run_only_where_a_statement_is_normative() -> None:
    """A SEC/PRC rule enabled under a baseline that lists none of its statements would raise findings that
    baseline does not ask for."""
    for rule in REGISTRY:
        if rule.code[:3] not in ("SEC", "PRC"):
            continue
        normative = {b for s in statements() if rule.code in s.rules for b in s.baselines}
        assert set(rule.baselines) <= normative, (rule.code, sorted(set(rule.baselines) - normative))


def test_every_keyword_has_a_severity() -> None:
    assert {s.keyword for s in statements()} <= set(KEYWORD_SEVERITY)


def test_each_rule_has_cases_under_each_baseline_of_its_statements() -> None:
    missing = []
    for statement in statements():
        for code in statement.rules:
            if code in NON_RULE_CODES or REGISTRY.get(code) is None:
                continue
            file = CASES / f"{code}.yaml"
            cases = load_cases(file) if file.exists() else {"pass": [], "fail": []}
            failing = {case.get("baseline", DEFAULT_BASELINE) for case in cases["fail"]}
            passing = {case.get("baseline", DEFAULT_BASELINE) for case in cases["pass"]}
            for baseline in statement.baselines:
                if baseline == "none" or (REGISTRY.get(code).baselines == frozenset() and failing):
                    continue  # an always-on rule is the same check under every baseline
                if baseline not in failing or baseline not in passing:
                    missing.append(f"{code} under {baseline} ({statement.id})")
    assert sorted(set(missing)) == []


def test_baselines_doc_is_fresh_and_every_statement_has_an_anchor() -> None:
    from profilekit.rules.baseline_docs import render_markdown, statement_anchor

    current = (ROOT / "docs" / "baselines.md").read_text(encoding="utf-8")
    assert current == render_markdown(), "docs/baselines.md is stale: run `python -m profilekit.rules.baseline_docs`"
    for statement in statements():
        assert f'<a id="{statement_anchor(statement.id)}"></a>' in current, statement.id


def test_baselines_command(tmp_path: Path) -> None:
    md = run_cli("baselines", "--format", "md")
    assert md.returncode == 0 and md.stdout == (ROOT / "docs" / "baselines.md").read_text(encoding="utf-8")
    data = json.loads(run_cli("baselines", "--format", "json", "--baseline", "rfc9325").stdout)
    assert [b["id"] for b in data] == ["bcp195"]  # the alias names the default baseline
    by_id = {s["id"]: s for s in data[0]["statements"]}
    assert by_id["RFC9325-4.5/3"]["rules"] == [
        {"code": "SEC022", "title": REGISTRY.get("SEC022").title, "severity": "error"}]
    assert by_id["RFC9325-3.1.1/5"]["superseded_by"] == "RFC9852-5/2"
    assert sum(data[0]["counts"].values()) == len(data[0]["statements"])
    text = run_cli("baselines", "--baseline", "bsi-tr02102-2").stdout
    assert text.startswith("BSI TR-02102-2 (--baseline bsi-tr02102-2): ")
    assert "SEC026 (warning)" in text and "RFC9325" not in text
    everything = run_cli("baselines").stdout
    assert all(title in everything for title in ("BCP 195", "3GPP TS 33.210", "NIST SP 800-52 Rev. 2", "No baseline"))
    bad = run_cli("baselines", "--baseline", "rfc7525")
    assert bad.returncode == 2 and "rfc7525" in bad.stderr and bad.stdout == ""


def test_rule_docs_link_the_statements_they_check() -> None:
    from profilekit.rules.docs import rule_record

    record = rule_record(REGISTRY.get("SEC026"))
    assert set(record["statements"]) == {"RFC9325-3.10/1", "SP800-52r2/16", "TR02102-2/13"}
