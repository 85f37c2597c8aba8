"""`profilekit validate` end to end: formats, --fail-on exit codes, suppressions, samples, light imports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES, run_cli
from rule_harness import build_case, parse_path

from profilekit.load.yaml12 import load_text

SAMPLE_A = ROOT / "samples" / "ims-msrp-tls-relay.yaml"


def make_case(tmp: Path, name: str, patch: list[dict[str, Any]]) -> Path:
    """A patched copy of sample (a) in tmp/samples (so its imports resolve)."""
    return build_case({"name": name, "patch": patch}, tmp)


def edited_sample(tmp: Path, old: str, new: str) -> Path:
    """Sample (a) with one text edit (keeps comments, which the suppression tests need)."""
    build_case({"name": "unused"}, tmp)  # copies the samples folder
    text = SAMPLE_A.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    target = tmp / "samples" / "edited.yaml"
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


def position(path: Path, yaml_path: str) -> tuple[int, int]:
    _, doc = load_text(path.read_text(encoding="utf-8"), str(path))
    pos = doc.locate(tuple(parse_path(yaml_path)))
    return pos.line, pos.column


CLIENT = "client: none   # UEs are authenticated by IMS signalling, not by TLS (R-8.3.1/1)"


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_samples_are_clean(sample: Path) -> None:
    done = run_cli("validate", "--fail-on", "info", str(sample.relative_to(ROOT)))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 error(s), 0 warning(s), 0 info" in done.stdout


@pytest.mark.parametrize("baseline", ["3gpp-ts33210", "nist-sp800-52r2", "bsi-tr02102-2", "none"])
def test_guideline_findings_do_not_depend_on_the_baseline(baseline: str) -> None:
    done = run_cli("validate", "--baseline", baseline, str(SAMPLE_A.relative_to(ROOT)))
    assert done.returncode in (0, 1), done.stderr
    assert not re.search(r" GL\d{3} ", done.stdout), done.stdout


def test_fail_on_levels(tmp_path: Path) -> None:
    case = edited_sample(tmp_path, CLIENT, "client: optional")  # GL402, a warning
    rel = str(case.relative_to(tmp_path))
    line, col = position(case, "tls.profiles[0].authentication.client")
    assert run_cli("validate", rel, cwd=tmp_path).returncode == 0
    warned = run_cli("validate", "--fail-on", "warning", rel, cwd=tmp_path)
    assert warned.returncode == 1
    assert f"{rel}:{line}:{col}: warning GL402 " in warned.stdout
    assert run_cli("validate", "--fail-on", "info", rel, cwd=tmp_path).returncode == 1
    block = re.search(r"\n      performance:\n(?:        .*\n)+", SAMPLE_A.read_text(encoding="utf-8"))
    assert block is not None
    info = edited_sample(tmp_path / "info", block.group(0), "\n")
    info = info.rename(info.with_name("no-performance.yaml"))  # GL540, an info (comments kept: GL207 stays off)
    rel_info = str(info.relative_to(tmp_path))
    assert run_cli("validate", "--fail-on", "warning", rel_info, cwd=tmp_path).returncode == 0
    assert run_cli("validate", "--fail-on", "info", rel_info, cwd=tmp_path).returncode == 1
    error = make_case(tmp_path, "relay", [{"path": "terminations.types[0].mode.tcp_mode", "value": "relay"}])
    assert run_cli("validate", str(error.relative_to(tmp_path)), cwd=tmp_path).returncode == 1


def test_input_errors_exit_2_in_every_format(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("identification: {name: x\n", encoding="utf-8")
    for fmt in ("text", "json", "sarif", "github"):
        done = run_cli("validate", "--format", fmt, "bad.yaml", cwd=tmp_path)
        assert done.returncode == 2, (fmt, done.stderr)
        assert "LD001" in done.stdout, fmt
        assert "Traceback" not in done.stderr


def test_used_suppression(tmp_path: Path) -> None:
    reason = "UEs are authenticated by IMS AKA; TLS client certificates are requested but not required"
    case = edited_sample(tmp_path, CLIENT, f'client: optional  # profilekit: disable=GL402 reason="{reason}"')
    rel = str(case.relative_to(tmp_path))
    text = run_cli("validate", "--fail-on", "info", rel, cwd=tmp_path)
    assert text.returncode == 0, text.stdout
    assert "(2 suppressed)" in text.stdout and "GL402" not in text.stdout  # and the sample's own GL207
    data = json.loads(run_cli("validate", "--format", "json", rel, cwd=tmp_path).stdout)
    (finding,) = [f for f in data["findings"] if f["code"] == "GL402"]
    assert finding["suppressed"] is True and finding["justification"] == reason
    assert data["summary"]["suppressed"] == 2 and data["summary"]["warning"] == 0
    sarif = json.loads(run_cli("validate", "--format", "sarif", rel, cwd=tmp_path).stdout)
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "GL402"]
    assert result["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": reason}]
    assert run_cli("validate", "--format", "github", rel, cwd=tmp_path).stdout == ""


def test_suppression_on_the_line_before(tmp_path: Path) -> None:
    case = edited_sample(tmp_path, f"        {CLIENT}",
                         "        # profilekit: disable=GL402 reason='decided in CT4#123'\n        client: optional")
    done = run_cli("validate", "--fail-on", "info", str(case.relative_to(tmp_path)), cwd=tmp_path)
    assert done.returncode == 0, done.stdout


def test_suppression_without_reason_is_an_error_and_does_not_suppress(tmp_path: Path) -> None:
    case = edited_sample(tmp_path, CLIENT, "client: optional  # profilekit: disable=GL402")
    rel = str(case.relative_to(tmp_path))
    done = run_cli("validate", rel, cwd=tmp_path)
    assert done.returncode == 1
    line, col = position(case, "tls.profiles[0].authentication.client")
    comment_col = case.read_text(encoding="utf-8").splitlines()[line - 1].index("#") + 1
    assert f"{rel}:{line}:{comment_col}: error SP001 " in done.stdout
    assert f"{rel}:{line}:{col}: warning GL402 " in done.stdout


def test_unused_and_unknown_suppressions(tmp_path: Path) -> None:
    case = edited_sample(tmp_path, CLIENT, f'{CLIENT} profilekit: disable=GL101,GL999 reason="old habit"')
    rel = str(case.relative_to(tmp_path))
    done = run_cli("validate", "--fail-on", "warning", rel, cwd=tmp_path)
    assert done.returncode == 1
    assert re.search(rf"^{re.escape(rel)}:\d+:\d+: warning SP002 suppression of GL101 is unused", done.stdout, re.M)
    assert re.search(rf"^{re.escape(rel)}:\d+:\d+: error SP003 .*GL999", done.stdout, re.M)


def test_unquoted_reason_and_misspelt_code_say_how_to_fix_them(tmp_path: Path) -> None:
    """`reason=UEs use IMS AKA` has a reason, just not quoted; `SEC2` is SEC002 without its zeros."""
    case = edited_sample(tmp_path, CLIENT, "client: optional  # profilekit: disable=GL402 reason=UEs use IMS AKA")
    done = run_cli("validate", str(case.relative_to(tmp_path)), cwd=tmp_path)
    assert "SP001 suppression of GL402 has its reason without quotes; write " \
           '`# profilekit: disable=GL402 reason="UEs use IMS AKA"`' in done.stdout, done.stdout
    typo = edited_sample(tmp_path, CLIENT, 'client: optional  # profilekit: disable=SEC2 reason="IMS AKA"')
    done = run_cli("validate", str(typo.relative_to(tmp_path)), cwd=tmp_path)
    assert "SP003 suppression names SEC2, which is not a rule code; did you mean SEC002?" in done.stdout, done.stdout


def test_hash_inside_quotes_or_block_scalars_is_not_a_suppression(tmp_path: Path) -> None:
    case = edited_sample(tmp_path, "title: Reporting TLS session termination",
                         "title: 'Reporting # profilekit: disable=GL402 reason=\"x\"'")
    done = run_cli("validate", "--fail-on", "warning", str(case.relative_to(tmp_path)), cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    block = edited_sample(tmp_path, "Add = $ { Media { Stream = 1 { LocalControl { Mode = SendReceive,",
                          "Add = $ { Media { Stream = 1 { LocalControl { Mode = SendReceive, "
                          "; an H.248 comment # profilekit: disable=GL402 reason=\"in a block scalar\"")
    done = run_cli("validate", "--fail-on", "warning", str(block.relative_to(tmp_path)), cwd=tmp_path)
    assert done.returncode == 0, done.stdout


def test_weak_profile_reports_each_problem_with_position(tmp_path: Path) -> None:
    """CBC before ECDHE-GCM, TLS 1.0 and a SHA-1 fingerprint hash: each one printed at file:line:col, exit 1.

    Needs the TLS-consistency, baseline and precedence rules (branch validator-tls).
    """
    case = make_case(tmp_path, "weak", [
        {"path": "tls.profiles[0].versions", "value": ["TLS1.0", "TLS1.2", "TLS1.3"]},
        {"path": "tls.profiles[0].cipher_suites", "value": [
            "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]},
        {"path": "tls.profiles[0].authentication.fingerprint_hash", "value": "sha-1"},
    ])
    rel = str(case.relative_to(tmp_path))
    done = run_cli("validate", rel, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    for what in ("tls.profiles[0].versions[0]", "tls.profiles[0].cipher_suites[1]",
                 "tls.profiles[0].authentication.fingerprint_hash"):
        line, col = position(case, what)
        assert re.search(rf"^{re.escape(rel)}:{line}:{col}: (error|warning) (TLS|SEC|PRC)\d{{3}} ",
                         done.stdout, re.M), (what, done.stdout)


def test_validate_imports_nothing_heavy(tmp_path: Path) -> None:
    code = ("import sys\nfrom profilekit.cli import main\ntry:\n"
            f"    main(['validate', '--format', 'sarif', {str(SAMPLE_A)!r}])\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('jsonschema', 'jinja2', 'docx') if m in sys.modules)\n"
            "print('HEAVY', heavy, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": ""}, check=False)
    assert "HEAVY []" in done.stderr, done.stderr


def test_sarif_rules_link_to_the_published_rules_page(reference: Path) -> None:
    """With --rules-url (or PROFILEKIT_RULES_URL) every rule links to URL#code; without it, no link."""
    import jsonschema

    url = "https://docs.example.org/profilekit/rules.html"
    result = run_cli("validate", "--format", "sarif", "--rules-url", url, str(SAMPLE_A))
    assert result.returncode == 0, result.stderr
    log = json.loads(result.stdout)
    schema = json.loads((reference / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == url
    by_id = {r["id"]: r for r in driver["rules"]}
    assert by_id["GL101"]["helpUri"] == f"{url}#gl101" and by_id["SEC004"]["helpUri"] == f"{url}#sec004"
    plain = json.loads(run_cli("validate", "--format", "sarif", str(SAMPLE_A)).stdout)
    assert all("helpUri" not in r for r in plain["runs"][0]["tool"]["driver"]["rules"])
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]
    bad = run_cli("validate", "--format", "sarif", "--rules-url", "docs/rules.md", str(SAMPLE_A))
    assert bad.returncode == 2 and "absolute URL" in bad.stderr and bad.stdout == ""


def test_sarif_marks_a_run_with_input_errors_as_unsuccessful(tmp_path: Path) -> None:
    """Code-scanning tools must not read a file that could not be loaded as a clean scan."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("identification: [\n", encoding="utf-8")
    result = run_cli("validate", "--format", "sarif", str(broken))
    assert result.returncode == 2
    run = json.loads(result.stdout)["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": False}]
    assert [r["ruleId"] for r in run["results"]] and run["results"][0]["ruleId"].startswith("LD")


SAMPLE_D = ROOT / "samples" / "sbc-msrp-selfsigned-fingerprint.yaml"


@pytest.mark.parametrize("procedures", ["procedures: []\n", ""], ids=["empty", "absent"])
def test_profile_wide_finding_points_at_its_section_or_at_the_start(tmp_path: Path, procedures: str) -> None:
    """GL413 (no procedure shows the Add reply) is at the `procedures:` line when the clause is written,
    and at the start of the document only when it is not written at all."""
    build_case({"name": "unused"}, tmp_path)  # copies the samples folder, for the imports
    text = SAMPLE_D.read_text(encoding="utf-8")
    block = text[text.index("\nprocedures:\n") + 1:text.index("\ntls:\n") + 1]
    target = tmp_path / "samples" / "edited.yaml"
    target.write_text(text.replace(block, procedures), encoding="utf-8")
    done = run_cli("validate", str(target))
    edited = target.read_text(encoding="utf-8")
    if procedures:
        line, column = edited[:edited.index("\nprocedures: []")].count("\n") + 2, 1
    else:
        line, column = edited[:edited.index("\nformat_version:")].count("\n") + 2, 1  # where the mapping starts
        assert "\nprocedures" not in edited
    gl413 = [row for row in done.stdout.splitlines() if " GL413 " in row]
    assert gl413 == [f"{target}:{line}:{column}: error GL413 no procedure shows the `Add` reply that returns "
                     "tlsbsc/lfp"], done.stdout
