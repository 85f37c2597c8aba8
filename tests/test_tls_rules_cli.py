"""End to end: TLS, baseline and precedence findings come out of `profilekit validate` at file:line:col."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, run_cli

SAMPLE = ROOT / "samples" / "ims-msrp-tls-relay.yaml"


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"sample changed: {old!r} no longer occurs once"
    return text.replace(old, new)


def _write_profile(tmp_path: Path) -> Path:
    """The IMS sample with TLS 1.0/1.1 enabled, a CBC suite above the ECDHE-GCM suites and SHA-1 fingerprints."""
    shutil.copytree(ROOT / "samples" / "lib", tmp_path / "lib")
    text = SAMPLE.read_text(encoding="utf-8")
    text = _edit(text, "versions: [TLS1.2, TLS1.3]", "versions: [TLS1.0, TLS1.1, TLS1.2, TLS1.3]")
    text = _edit(text, "        - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\n",
                 "        - ECDHE-RSA-AES128-SHA\n        - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\n")
    text = _edit(text, "        on_failure: terminate\n",
                 "        on_failure: terminate\n        fingerprint_hash: sha-1\n")
    target = tmp_path / "weak.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def _position(path: Path, line_text: str, token: str) -> tuple[int, int]:
    """1-based line and column of `token` on the only line containing `line_text`, found by reading the file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines) if line_text in line]
    assert len(found) == 1, line_text
    return found[0] + 1, lines[found[0]].index(token) + 1


def test_validate_reports_each_problem_at_its_position(tmp_path: Path) -> None:
    profile = _write_profile(tmp_path)
    result = run_cli("validate", str(profile))
    assert result.returncode == 1, result.stdout + result.stderr
    findings = re.findall(r"^(.+?):(\d+):(\d+): (error|warning|info) ([A-Z]+\d{3}) (.*)$", result.stdout, re.M)
    got = {(code, int(line), int(col), severity) for _, line, col, severity, code, _ in findings}
    assert all(file == str(profile) for file, *_ in findings)

    versions = "versions: [TLS1.0, TLS1.1"
    cbc = _position(profile, "- ECDHE-RSA-AES128-SHA", "ECDHE")
    expected = {
        ("SEC002", *_position(profile, versions, "TLS1.0"), "error"),
        ("SEC002", *_position(profile, versions, "TLS1.1"), "error"),
        ("PRC002", *cbc, "warning"),
        ("PRC003", *cbc, "error"),
        ("SEC025", *_position(profile, "fingerprint_hash: sha-1", "sha-1"), "warning"),
    }
    assert expected <= got, result.stdout
    messages = [m for *_, code, m in findings if code == "PRC003"]
    assert messages and "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (#4)" in messages[0]
    assert "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (#6)" in messages[0]
    # the CBC suite stands above four AEAD suites: four PRC002 pairs, all at the CBC suite
    assert sum(1 for *_, code, _ in findings if code == "PRC002") == 4


def test_shipped_sample_is_clean_of_tls_findings() -> None:
    result = run_cli("validate", str(SAMPLE))
    assert not re.search(r" (TLS|SEC|PRC)\d{3} ", result.stdout), result.stdout
