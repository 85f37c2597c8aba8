"""Every rule's passing and failing cases (tests/rule_cases/<CODE>.yaml), and a meta-test that all exist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rule_harness import build_case, load_cases, parse_path

from profilekit.catalog.baselines import BASELINES, DEFAULT_BASELINE
from profilekit.load.profile import load_profile
from profilekit.load.source import format_path
from profilekit.rules.engine import run_rules
from profilekit.rules.registry import REGISTRY

CASES = Path(__file__).parent / "rule_cases"


def _all_cases() -> list[Any]:
    params = []
    for file in sorted(CASES.glob("*.yaml")):
        cases = load_cases(file)
        for kind in ("pass", "fail"):
            for case in cases[kind]:
                params.append(pytest.param(file.stem, kind, case, id=f"{file.stem}-{kind}-{case['name']}"))
    return params


@pytest.mark.parametrize(("code", "kind", "case"), _all_cases())
def test_rule_case(code: str, kind: str, case: dict[str, Any], tmp_path: Path) -> None:
    assert REGISTRY.get(code) is not None, f"case file for unknown rule {code}"
    target = build_case(case, tmp_path)
    loaded = load_profile(target)
    findings = [f for f in run_rules(loaded, baseline=case.get("baseline", DEFAULT_BASELINE)) if f.code == code]
    if kind == "pass":
        assert findings == [], [f"{f.location()} {f.message}" for f in findings]
        return
    expected = sorted((e["code"], format_path(tuple(parse_path(e["path"])))) for e in case["expect"])
    assert all(c == code for c, _ in expected), "a case lists only its own rule's findings"
    got = sorted((f.code, f.yaml_path) for f in findings)
    assert got == expected, [f"{f.location()} {f.yaml_path} {f.message}" for f in findings]
    near: dict[str, list[str]] = {}
    for e in case["expect"]:
        if "near" in e:
            near.setdefault(format_path(tuple(parse_path(e["path"]))), []).append(e["near"])
    for finding in findings:
        doc = loaded.doc if finding.file == loaded.path else None
        if doc is None:
            continue
        pos = doc.locate(tuple(parse_path(finding.yaml_path)))
        if finding.yaml_path in near:  # the finding points inside the value, where that text is written
            assert (finding.line, finding.column) in {_text_pos(doc.text, pos.line, pos.column, text)
                                                      for text in near[finding.yaml_path]}
            continue
        assert (finding.line, finding.column) in {(pos.line, pos.column), _key_pos(doc, finding.yaml_path)}


def _text_pos(text: str, line: int, column: int, needle: str) -> tuple[int, int]:
    lines = text.splitlines(keepends=True)
    at = text.index(needle, sum(map(len, lines[:line - 1])) + column - 1)
    before = text[:at]
    return before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1


def _key_pos(doc: Any, path: str) -> tuple[int, int]:
    pos = doc.locate(tuple(parse_path(path)), key=True)
    return (pos.line, pos.column)


def test_every_rule_has_passing_and_failing_cases() -> None:
    missing = []
    for rule in REGISTRY:
        file = CASES / f"{rule.code}.yaml"
        cases = load_cases(file) if file.exists() else {"pass": [], "fail": []}
        if not cases["pass"] or not cases["fail"]:
            missing.append(rule.code)
    assert missing == [], f"rules without a passing and a failing case: {missing}"


def test_every_rule_is_documented() -> None:
    for rule in REGISTRY:
        assert rule.title and rule.rationale and rule.fix and rule.refs, rule.code


_EMPTIED = ("descriptors", "packages", "sdp_mandatory", "sdp_optional", "procedures", "references")


@pytest.mark.parametrize("sample", sorted(p.name for p in (CASES.parent.parent / "samples").glob("*.yaml")))
def test_no_finding_at_the_document_start_while_its_section_is_written(sample: str, tmp_path: Path) -> None:
    """A profile-wide finding (no procedure shows…, no SDP element lists…) points at the clause it concerns
    whenever that clause is written, here emptied one at a time; the document start is for absent clauses."""
    for key in _EMPTIED:
        case = {"name": key, "base": f"samples/{sample}", "patch": [{"path": key, "value": []}]}
        loaded = load_profile(build_case(case, tmp_path))
        for baseline in BASELINES:
            at_start = [f"{f.code} {f.message}" for f in run_rules(loaded, baseline=baseline) if not f.yaml_path]
            assert at_start == [], (key, baseline)
