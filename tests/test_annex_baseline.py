"""Appendix I and `profilekit requirements` report the security baseline (SEC, PRC) findings in I.2 and after
the table; only errors make a requirement "Not met", warnings leave it "Met, with remarks"; baseline findings
never change an I.1 verdict, so --baseline changes I.2, not I.1. The document says all of it in words: no
validator code or severity appears in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import run_cli
from render_helpers import patched_profile

from profilekit.render.outline import Outline, Paragraph, Section, Table, plain
from profilekit.render.pipeline import prepare
from profilekit.trace import STATUSES

OLD_VERSIONS = ("      versions: [TLS1.2, TLS1.3]\n      cipher_suites:\n",
                "      versions: [TLS1.0, TLS1.1, TLS1.2, TLS1.3]\n      cipher_suites:\n")
EDITOR_REPRO = ("      versions: [TLS1.2, TLS1.3]\n",
                "      versions: [TLS1.0, TLS1.1, TLS1.2, TLS1.3]\n")
"""With the CBC suite appended (below) as in the review, so TLS 1.0/1.1 have a usable suite."""
STATIC_RSA_4TH = ("        - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\n",
                  "        - TLS_RSA_WITH_AES_128_GCM_SHA256\n        - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\n")


def _section(outline: Outline, number: str) -> Section:
    return next(s for s in outline.walk() if s.number == number)


def _tables(section: Section) -> list[Table]:
    return [b for b in section.blocks if isinstance(b, Table)]


def _text(section: Section) -> str:
    return "\n".join(plain(b.runs) for b in section.blocks if isinstance(b, Paragraph))


def _a1_status(outline: Outline, rid: str) -> str:
    (table,) = _tables(_section(outline, "I.1"))
    return next(plain(row[4]) for row in table.rows if plain(row[0]) == rid)


def _no_codes(text: str) -> None:
    assert not re.search(r"\b(?:SEC|PRC|TLS|GL)\d{3}\b", text), text
    assert not re.search(r"\b(?:Error|Warning)\b", text), text


def test_baseline_errors_are_listed_in_annex_a2_and_located_in_the_document(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, replace=OLD_VERSIONS)
    outline = prepare(path).outline
    a2 = _section(outline, "I.2")
    assert a2.title == "Security baseline: BCP 195"
    (table,) = _tables(a2)
    assert table.header == ("Where in this profile", "Departure from the baseline", "Provision concerned")
    rows = [[plain(cell) for cell in row] for row in table.rows]
    assert [r[2].split(" (")[0] for r in rows] == ["Mandatory provision", "Mandatory provision"]
    assert "TLS1.0" in rows[0][1] and "TLS1.1" in rows[1][1]
    params = next(t for t in outline.tables() if t.caption == "TLS profile 1: parameters")
    assert rows[0][0] == f"{params.label}, TLS versions"
    assert table.rows[0][0][0].link == params.anchor
    for row in rows:
        _no_codes(" ".join(row))
    # the TLS profile's own clause points the reader to A.2
    clause = next(s for s in outline.walk() if "tls-profile-access_tls" in s.extra_anchors)
    notes = [plain(b.runs) for b in clause.blocks if isinstance(b, Paragraph) and b.kind == "note"]
    assert notes == ["Checked against the security baseline BCP 195, this TLS profile has 2 findings (2 errors); "
                     "see clause I.2."]


def test_baseline_errors_show_in_a2_and_leave_a1_as_without_a_baseline(tmp_path: Path) -> None:
    """The editor's case: a static-RSA suite at #4 gives errors PRC001 and PRC003 (RFC 9325 "MUST be
    preferred"): both are in A.2 at the suite's order; R-7/3 (the MG keeps the profile's order) stays met, and
    A.1 reads the same under every baseline."""
    path = patched_profile(tmp_path, replace=STATIC_RSA_4TH)
    prepared = prepare(path)
    assert _a1_status(prepared.outline, "R-7/3") == "Met"
    a1 = {}
    for baseline in ("bcp195", "none", "nist-sp800-52r2", "bsi-tr02102-2", "3gpp-ts33210"):
        (table,) = _tables(_section(prepare(path, baseline=baseline).outline, "I.1"))
        a1[baseline] = [[plain(cell) for cell in row] for row in table.rows]
    assert all(rows == a1["none"] for rows in a1.values())
    (table,) = _tables(_section(prepared.outline, "I.2"))
    rows = [[plain(c) for c in row] for row in table.rows]
    suites = next(t for t in prepared.outline.tables() if "TLS profile 1: cipher suites" in t.caption)
    at_order_4 = [r for r in rows if r[0] == f"{suites.label}, order 4"]
    # PRC001 and PRC003 (errors: RFC 9325 "MUST be preferred") at the suite, SEC008 (a warning) elsewhere
    assert any(r[2].startswith("Mandatory provision (RFC 9325") for r in at_order_4)
    assert any(r[2].startswith("Recommendation") for r in rows)
    for row in rows:
        _no_codes(" ".join(row))


def test_warnings_leave_a_requirement_met_with_remarks(tmp_path: Path) -> None:
    """A suite listed twice is a warning (TLS004, R-7/3): the item is met, with remarks naming it."""
    path = patched_profile(tmp_path, replace=("        - TLS_AES_256_GCM_SHA384\n",
                                              "        - TLS_AES_256_GCM_SHA384\n        - TLS_AES_256_GCM_SHA384\n"))
    prepared = prepare(path)
    status = _a1_status(prepared.outline, "R-7/3")
    assert status.startswith("Met, with remarks: ") and "TLS_AES_256_GCM_SHA384" in status
    _no_codes(status)
    (a1,) = _tables(_section(prepared.outline, "I.1"))
    assert not any(plain(row[4]).startswith("Not met") for row in a1.rows)


def test_an_error_citing_a_requirement_makes_it_not_met_and_names_only_the_errors(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, replace=("      versions: [TLS1.2, TLS1.3]\n      cipher_suites:\n        - "
                                              "TLS_AES_128_GCM_SHA256\n        - TLS_AES_256_GCM_SHA384\n",
                                              "      versions: [TLS1.2, TLS1.3]\n      cipher_suites:\n        - "
                                              "TLS_SHA256_SHA256\n        - TLS_AES_128_GCM_SHA256\n"
                                              "        - TLS_AES_256_GCM_SHA384\n        - "
                                              "TLS_AES_128_GCM_SHA256\n"))
    outline = prepare(path).outline
    status = _a1_status(outline, "R-7/3")
    # an uncatalogued suite (TLS019, an error citing R-7/3) and TLS004 (listed twice, a warning): "Not met"
    # says the error, the remark the warning, both in words
    assert status.startswith("Not met: ") and "TLS_SHA256_SHA256" in status.split("; remarks:")[0]
    assert "; remarks: " in status and "TLS_AES_128_GCM_SHA256" in status.split("; remarks:")[1]
    _no_codes(status)


def test_suppressed_baseline_findings_are_accepted_deviations_with_their_reason(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, replace=(
        "      versions: [TLS1.2, TLS1.3]\n",
        '      versions: [TLS1.1, TLS1.2, TLS1.3]  # profilekit: disable=SEC002 reason="legacy SBCs until 2027"\n'))
    outline = prepare(path).outline
    a2 = _section(outline, "I.2")
    (table,) = _tables(a2)
    assert table.caption == "Accepted deviations from BCP 195" and table.header[-1] == "Reason"
    (row,) = [[plain(c) for c in r] for r in table.rows]
    assert "TLS1.1" in row[1] and row[2].startswith("Mandatory provision") and row[-1] == "legacy SBCs until 2027"
    assert "The profile meets the baseline, apart from the deliberate deviations listed below." in _text(a2)


def test_a_clean_profile_meets_the_baseline_in_so_many_words(sample: Path) -> None:
    outline = prepare(sample).outline
    a2 = _section(outline, "I.2")
    active = [f for f in prepare(sample).findings if f.code[:3] in ("SEC", "PRC") and f.suppressed is None]
    if not active:
        assert "The profile meets the baseline." in _text(a2)
        assert not _tables(a2)


def test_render_baseline_changes_the_document(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, replace=EDITOR_REPRO)
    text = path.read_text(encoding="utf-8").replace(
        "        - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n",
        "        - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n        - TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA\n", 1)
    path.write_text(text, encoding="utf-8")
    texts = {}
    for baseline in ("bcp195", "rfc9325", "none", "nist-sp800-52r2"):
        out = tmp_path / f"{baseline}.md"
        done = run_cli("render", str(path), "-o", str(out), "--baseline", baseline)
        assert done.returncode == 0, done.stderr
        texts[baseline] = out.read_text(encoding="utf-8")
        if baseline == "bcp195":
            # true words on stderr: the errors are SEC002s, shown in A.2, and break no requirement
            assert "has 2 error finding(s): Appendix I.2 lists 2 as security-baseline finding(s)" in done.stderr
            assert "not met" not in done.stderr
    assert texts["rfc9325"] == texts["bcp195"]  # the alias writes the same document
    assert len(set(texts.values())) == 3
    assert "### I.2 Security baseline: BCP 195" in texts["bcp195"]
    assert "| Mandatory provision (" in texts["bcp195"].split("### I.2", 1)[1]
    assert "### I.2 Security baseline\n" in texts["none"] and "No security baseline was selected" in texts["none"]
    assert "Departures from" not in texts["none"]
    assert "### I.2 Security baseline: NIST SP 800-52 Rev. 2" in texts["nist-sp800-52r2"]
    nist = texts["nist-sp800-52r2"].split("### I.2", 1)[1]
    old = [line for line in nist.splitlines() if "TLS1.0" in line or "TLS1.1" in line]
    assert old and all("| Recommendation (NIST" in line for line in old)  # TLS 1.0/1.1: a SHOULD NOT there
    for text in texts.values():
        _no_codes(text.split("## Annex A", 1)[1])


def test_render_stderr_names_errors_the_document_does_not_show(tmp_path: Path) -> None:
    # TLS018 (ticket lifetime beyond the TLS 1.3 limit) cites no requirement and is no baseline rule
    path = patched_profile(tmp_path, replace=("ticket_lifetime_s: ", "ticket_lifetime_s: 9999999 #"))
    done = run_cli("render", str(path), "-o", str(tmp_path / "x.md"))
    assert done.returncode == 0, done.stderr
    assert "TLS018" in done.stderr and "appear nowhere in the document" in done.stderr


def test_requirements_baseline_has_help_and_a_visible_effect(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, replace=STATIC_RSA_4TH)
    assert "security baseline" in run_cli("requirements", "--help").stdout.lower()
    rfc = run_cli("requirements", str(path), "--baseline", "rfc9325")
    none = run_cli("requirements", str(path), "--baseline", "none")
    assert rfc.returncode == none.returncode == 0
    assert rfc.stdout != none.stdout
    assert rfc.stdout.splitlines()[0].split() == ["Requirement", "Status", "Checked", "by"]
    # the alias rfc9325 is reported under the baseline's one name
    assert "\nSecurity baseline: bcp195 (BCP 195): 2 errors, 1 warning\n" in rfc.stdout
    assert "error PRC003" in rfc.stdout and "PRC003" not in none.stdout
    assert "\nSecurity baseline: none (no SEC rules ran)" in none.stdout
    # the baseline's errors are listed after the table and change no status
    table = [line for line in rfc.stdout.split("\n\n", 1)[0].splitlines()[1:]]
    assert table == [line for line in none.stdout.split("\n\n", 1)[0].splitlines()[1:]]
    assert rfc.stdout.split("\nR-7/3 ", 1)[1].lstrip().startswith("satisfied ")
    data = json.loads(run_cli("requirements", str(path), "--format", "json").stdout)
    item = next(i for i in data if i["id"] == "R-7/3")
    assert item["status"] == "satisfied" and item["baseline"] == "bcp195" and item["findings"] == []
    assert {i["status"] for i in data} <= set(STATUSES)


def _a2_descriptions(outline: Outline) -> list[str]:
    return [plain(row[1]) for table in _tables(_section(outline, "I.2")) for row in table.rows]


def _assert_prose(descriptions: list[str]) -> None:
    for text in descriptions:
        assert "`" not in text, text
        assert not re.search(r";\s+(?:state|set|use|list)\b", text), text
        assert "extensions." not in text and "extended_master_secret" not in text, text
        _no_codes(text)


def test_a2_reads_as_specification_prose_without_yaml_instructions(tmp_path: Path) -> None:
    """The review's case: without an extensions block the baseline asks for extended master secret and SNI;
    A.2 says so in words, without the validator's advice to the YAML editor, in Markdown too."""
    path = patched_profile(tmp_path, replace=(
        "      extensions:\n        extended_master_secret: required\n        encrypt_then_mac: true\n"
        "        ocsp_stapling: true\n        server_name_indication: true\n        truncated_hmac: false\n"
        "        heartbeat: false\n", ""))
    descriptions = _a2_descriptions(prepare(path).outline)
    assert any("does not state whether it uses extended master secret (RFC 7627)" in d for d in descriptions)
    _assert_prose(descriptions)
    out = tmp_path / "x.md"
    assert run_cli("render", str(path), "-o", str(out)).returncode == 0
    a2 = out.read_text(encoding="utf-8").split("### I.2", 1)[1]
    assert "`" not in a2 and "\\`" not in a2


def test_a2_reads_as_prose_for_every_sample_and_baseline(sample: Path) -> None:
    for baseline in ("bcp195", "nist-sp800-52r2", "bsi-tr02102-2", "3gpp-ts33210"):
        _assert_prose(_a2_descriptions(prepare(sample, baseline=baseline).outline))


def test_a2_prose_for_old_versions_and_cbc(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, replace=EDITOR_REPRO)
    text = path.read_text(encoding="utf-8").replace(
        "        - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n",
        "        - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n        - TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA\n"
        "        - TLS_RSA_WITH_AES_128_CBC_SHA\n", 1)
    path.write_text(text.replace("        encrypt_then_mac: true\n", ""), encoding="utf-8")
    for baseline in ("bcp195", "nist-sp800-52r2", "bsi-tr02102-2", "3gpp-ts33210"):
        descriptions = _a2_descriptions(prepare(path, baseline=baseline).outline)
        assert descriptions
        _assert_prose(descriptions)
