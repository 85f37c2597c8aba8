"""Reporters: SARIF against the OASIS 2.1.0 schema, JSON shape, GitHub annotations, text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rule_harness import build_case

from profilekit.findings import Finding, Severity
from profilekit.report import REPORTERS, github, sarif
from profilekit.rules.registry import REGISTRY
from profilekit.validate import ValidationResult, validate_files


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> ValidationResult:
    """Real findings (errors, warnings, info, a suppressed one) plus an input error from a second file."""
    tmp = tmp_path_factory.mktemp("reporters")
    case = build_case({"name": "several", "patch": [
        {"path": "terminations.types[0].mode.tcp_mode", "value": "relay"},           # GL101 error
        {"path": "tls.profiles[0].authentication.client", "value": "optional"},      # GL402 warning
        {"path": "tls.profiles[0].performance", "delete": True},                     # GL540 info
    ]}, tmp)
    text = case.read_text(encoding="utf-8").replace(
        "tcp_mode: relay", 'tcp_mode: relay  # profilekit: disable=GL101 reason="lab set-up, 50% load, a,b:c"')
    case.write_text(text, encoding="utf-8")
    broken = tmp / "samples" / "broken.yaml"
    broken.write_text("identification: [\n", encoding="utf-8")
    import os

    old = os.getcwd()
    os.chdir(tmp)
    try:
        return validate_files(["samples/case-several.yaml", "samples/broken.yaml"])
    finally:
        os.chdir(old)


def test_the_fixture_has_what_the_tests_need(result: ValidationResult) -> None:
    codes = {f.code for f in result.findings}
    assert {"GL101", "GL402", "GL540", "LD001"} <= codes
    assert [f.code for f in result.findings if f.suppressed] == ["GL101"]


def test_sarif_is_valid_against_the_oasis_schema(result: ValidationResult, reference: Path) -> None:
    import jsonschema

    schema = json.loads((reference / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(REPORTERS["sarif"](result))
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules[:len(REGISTRY)]] == [r.code for r in REGISTRY]
    gl101 = rules[[r["id"] for r in rules].index("GL101")]
    assert "helpUri" not in gl101 and "informationUri" not in run["tool"]["driver"]  # no made-up links
    assert gl101["defaultConfiguration"] == {"level": "error"}
    assert gl101["shortDescription"]["text"] and gl101["fullDescription"]["text"] and gl101["help"]["text"]
    assert gl101["name"] == "TLSTerminationTypesUseATCPProxyMode"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert by_rule["GL540"]["level"] == "note" and by_rule["GL402"]["level"] == "warning"
    loc = by_rule["GL402"]["locations"][0]["physicalLocation"]
    finding = next(f for f in result.findings if f.code == "GL402")
    assert loc == {"artifactLocation": {"uri": "samples/case-several.yaml"},
                   "region": {"startLine": finding.line, "startColumn": finding.column}}
    assert by_rule["GL101"]["suppressions"][0]["justification"] == "lab set-up, 50% load, a,b:c"
    assert rules[by_rule["LD001"]["ruleIndex"]]["id"] == "LD001"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_uris() -> None:
    assert sarif.artifact_uri("samples/my profile.yaml") == "samples/my%20profile.yaml"
    assert sarif.artifact_uri("/tmp/x.yaml") == "file:///tmp/x.yaml"


def test_json_shape(result: ValidationResult) -> None:
    data = json.loads(REPORTERS["json"](result))
    assert set(data) == {"format_version", "tool", "baseline", "files", "summary", "findings"}
    assert data["files"] == ["samples/case-several.yaml", "samples/broken.yaml"]
    assert data["summary"]["suppressed"] == 1 and data["summary"]["input_errors"] is True
    assert data["summary"]["error"] == sum(1 for f in result.active() if f.severity is Severity.ERROR)
    record = next(f for f in data["findings"] if f["code"] == "GL402")
    assert set(record) == {"code", "severity", "message", "file", "line", "column", "yaml_path", "refs",
                           "suppressed", "justification"}
    assert record["yaml_path"] == "tls.profiles[0].authentication.client"
    assert record["refs"] == ["R-8.3.1/1"] and record["suppressed"] is False


def test_github_annotations(result: ValidationResult) -> None:
    lines = REPORTERS["github"](result).splitlines()
    gl402 = next(f for f in result.findings if f.code == "GL402")
    assert (f"::warning file=samples/case-several.yaml,line={gl402.line},col={gl402.column},title=GL402::"
            f"{gl402.message}") in lines
    assert any(line.startswith("::notice ") and "title=GL540::" in line for line in lines)
    assert any(line.startswith("::error file=samples/broken.yaml,") and "title=LD001::" in line for line in lines)
    assert not any("title=GL101" in line for line in lines)  # suppressed


def test_github_escaping() -> None:
    finding = Finding(code="GL001", severity=Severity.ERROR, message="50% off\nnext", file="a,b:c.yaml",
                      line=3, column=4)
    out = github.report(ValidationResult(findings=[finding], files=["a,b:c.yaml"]))
    assert out == ("::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=GL001::50%25 off%0Anext%0Ato accept it, write "
                   '# profilekit: disable=GL001 reason="…" at the end of line 3 (or on a line of its own just above '
                   "it)\n")


def test_text_report(result: ValidationResult) -> None:
    out = REPORTERS["text"](result)
    gl402 = next(f for f in result.findings if f.code == "GL402")
    assert f"samples/case-several.yaml:{gl402.line}:{gl402.column}: warning GL402 {gl402.message}\n" in out
    assert "GL101" not in out and out.endswith("(1 suppressed)\n")
    assert out.splitlines()[-1].startswith("2 files checked: ")


def test_reports_are_deterministic(result: ValidationResult) -> None:
    for name, reporter in REPORTERS.items():
        assert reporter(result) == reporter(result), name


def test_text_report_says_how_to_accept_each_rule_error_only() -> None:
    """An error a rule reports blocks build: the line under it gives the suppression comment that accepts
    it. Warnings, and loading errors (which no comment suppresses), get no such line."""
    error = Finding(code="SEC004", severity=Severity.ERROR, message="TLS1.3 is not listed", file="p.yaml",
                    line=12, column=5)
    warning = Finding(code="GL402", severity=Severity.WARNING, message="w", file="p.yaml", line=13, column=5)
    broken = Finding(code="LD001", severity=Severity.ERROR, message="bad YAML", file="q.yaml", line=1, column=1)
    lines = REPORTERS["text"](ValidationResult(findings=[error, warning, broken], files=["p.yaml"])).splitlines()
    assert lines[:3] == [
        "p.yaml:12:5: error SEC004 TLS1.3 is not listed",
        '  to accept it, write # profilekit: disable=SEC004 reason="…" at the end of line 12 (or on a line of its '
        "own just above it)",
        "p.yaml:13:5: warning GL402 w"]
    assert lines[3] == "q.yaml:1:1: error LD001 bad YAML" and lines[4].startswith("1 file checked: ")


def test_the_acceptance_hint_stays_out_of_machine_messages(result: ValidationResult) -> None:
    """JSON and SARIF carry the finding's message alone: the hint is a matter of the text output."""
    assert any(f.severity is Severity.ERROR and f.code in REGISTRY for f in result.active())
    records = json.loads(REPORTERS["json"](result))["findings"]
    results = json.loads(sarif.report(result))["runs"][0]["results"]
    messages = [r["message"] for r in records] + [r["message"]["text"] for r in results]
    assert len(messages) == 2 * len(result.findings)
    assert {f.message for f in result.findings} == set(messages)
