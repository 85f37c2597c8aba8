"""`profilekit export`, `selftest` and `schema` end to end: the validation gate, -o, standard output errors."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli, run_cli_process

IMS = ROOT / "samples" / "ims-msrp-tls-relay.yaml"
M2M = ROOT / "samples" / "m2m-psk-telemetry-gateway.yaml"
TLS12_SUITES = """        - TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
        - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
        - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
        - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
"""


def _copy(tmp_path: Path, text: str) -> Path:
    shutil.copytree(ROOT / "samples" / "lib", tmp_path / "lib", dirs_exist_ok=True)
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _without_tls12_suites(tmp_path: Path, suppress: bool = False) -> Path:
    """The IMS sample allowing TLS 1.2 but listing only TLS 1.3 suites: TLS003 (an error)."""
    text = IMS.read_text(encoding="utf-8")
    assert TLS12_SUITES in text
    text = text.replace(TLS12_SUITES, "")
    if suppress:
        text = text.replace("      versions: [TLS1.2, TLS1.3]\n",
                            "      # profilekit: disable=TLS003 reason=\"test: accepted on purpose\"\n"
                            "      versions: [TLS1.2, TLS1.3]\n", 1)
    return _copy(tmp_path, text)


@pytest.mark.parametrize("fmt", ["gateway", "openssl", "mozilla"])
def test_export_refuses_a_profile_with_errors(tmp_path: Path, fmt: str) -> None:
    path = _without_tls12_suites(tmp_path)
    out = tmp_path / "out" / "x.json"
    result = run_cli("export", str(path), "--format", fmt, "-o", str(out))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "error TLS003" in result.stderr and "1 error(s)" in result.stderr
    assert "not exporting" in result.stderr and "--force" in result.stderr
    assert not out.exists() and not out.parent.exists()
    to_stdout = run_cli("export", str(path), "--format", fmt)
    assert to_stdout.returncode == 1 and to_stdout.stdout == ""


def test_export_force_writes_with_a_warning(tmp_path: Path) -> None:
    path = _without_tls12_suites(tmp_path)
    result = run_cli("export", str(path), "--force")
    assert result.returncode == 1
    assert "error TLS003" in result.stderr and "exporting anyway (--force)" in result.stderr
    data = json.loads(result.stdout)
    assert data["domains"][0]["tls"]["cipher_suites"]["tls12_and_earlier"] == []


def test_suppressed_errors_do_not_stop_the_export(tmp_path: Path) -> None:
    path = _without_tls12_suites(tmp_path, suppress=True)
    assert run_cli("validate", str(path)).returncode == 0
    result = run_cli("export", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and json.loads(result.stdout)["kind"] == "profilekit-gateway-profile"


def test_export_gate_uses_the_baseline(tmp_path: Path) -> None:
    # TLS 1.0 is a baseline (SEC) error under bcp195 and none under --baseline none
    text = IMS.read_text(encoding="utf-8").replace("      versions: [TLS1.2, TLS1.3]\n",
                                                    "      versions: [TLS1.0, TLS1.1, TLS1.2, TLS1.3]\n", 1)
    text = text.replace(TLS12_SUITES, TLS12_SUITES + "        - TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA\n", 1)
    path = _copy(tmp_path, text)
    strict = run_cli("export", str(path), "--format", "openssl")
    assert strict.returncode == 1 and " error SEC" in strict.stderr and strict.stdout == ""
    lax = run_cli("export", str(path), "--format", "openssl", "--baseline", "none")
    assert lax.returncode == 0, lax.stderr
    assert "MinProtocol = TLSv1\n" in lax.stdout


def test_selftest_refuses_a_profile_with_errors(tmp_path: Path) -> None:
    path = _without_tls12_suites(tmp_path)
    result = run_cli("selftest", str(path), "--format", "json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "error TLS003" in result.stderr and "not testing" in result.stderr


def test_export_dash_means_standard_output(tmp_path: Path) -> None:
    plain = run_cli("export", str(M2M))
    dash = run_cli("export", str(M2M), "-o", "-", cwd=tmp_path)
    assert plain.returncode == dash.returncode == 0
    assert dash.stdout == plain.stdout and json.loads(dash.stdout)["kind"] == "profilekit-gateway-profile"
    assert not (tmp_path / "-").exists()


def test_export_to_a_full_device_is_a_one_line_error() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = run_cli_process("export", str(M2M), stdout=full.fileno())
    assert result.returncode == 2
    assert result.stderr == "profilekit: cannot write to standard output: No space left on device\n"


def test_export_to_a_closed_pipe_ends_quietly() -> None:
    read, write = os.pipe()
    os.close(read)  # nobody reads: the first write fails with EPIPE
    try:
        result = run_cli_process("export", str(M2M), stdout=write)
    finally:
        os.close(write)
    assert result.returncode == 2
    assert result.stderr == ""


def test_export_creates_missing_folders(tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "m2m.json"
    result = run_cli("export", str(M2M), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8") == run_cli("export", str(M2M)).stdout


def test_export_folder_creation_failure_leaves_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("export", str(M2M), "-o", str(blocker / "sub" / "x.json"))
    assert result.returncode == 2 and f"{blocker} is a file, not a folder" in result.stderr
    assert "internal error" not in result.stderr
    target = tmp_path / "made" / "x.json"
    target.mkdir(parents=True)
    result = run_cli("export", str(M2M), "-o", str(target))
    assert result.returncode == 2 and "is a directory" in result.stderr


def test_schema_output_option(tmp_path: Path) -> None:
    printed = run_cli("schema", "--kind", "gateway")
    out = tmp_path / "schemas" / "gateway.json"
    written = run_cli("schema", "--kind", "gateway", "-o", str(out))
    assert written.returncode == 0 and written.stdout == ""
    assert out.read_text(encoding="utf-8") == printed.stdout
    dash = run_cli("schema", "--kind", "gateway", "-o", "-")
    assert dash.stdout == printed.stdout
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w", encoding="utf-8") as full:
            result = run_cli_process("schema", stdout=full.fileno())
        assert result.returncode == 2 and "cannot write to standard output" in result.stderr


@pytest.mark.parametrize("args", [("validate",), ("render", "--format", "md", "-o", "-"), ("requirements",)],
                         ids=["validate", "render", "requirements"])
def test_every_command_reports_a_full_standard_output_in_one_line(args: tuple[str, ...]) -> None:
    """Not only export: any command whose output cannot be written says so, without 'internal error'."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = run_cli_process(*args[:1], str(M2M), *args[1:], stdout=full.fileno())
    assert result.returncode == 2
    assert result.stderr.endswith("profilekit: cannot write to standard output: No space left on device\n")
    assert "internal error" not in result.stderr


def test_refusal_hint_names_a_non_default_baseline(tmp_path: Path) -> None:
    """The sample is clean under the default baseline but has an error under nist-sp800-52r2: every command
    that refuses (or render, which warns) must point at the validate command that shows that error."""
    path = _copy(tmp_path, IMS.read_text(encoding="utf-8"))
    hint = f"see `profilekit validate {path} --baseline nist-sp800-52r2`"
    runs = {"export": run_cli("export", str(path), "--baseline", "nist-sp800-52r2"),
            "selftest": run_cli("selftest", str(path), "--baseline", "nist-sp800-52r2", timeout=120),
            "build": run_cli("build", str(path), "-o", str(tmp_path / "out"), "--baseline", "nist-sp800-52r2",
                           "--no-pdf"),
            "render": run_cli("render", str(path), "-o", str(tmp_path / "x.md"), "--baseline", "nist-sp800-52r2")}
    for command, result in runs.items():
        assert result.returncode == (0 if command == "render" else 1), (command, result.stderr)
        assert hint in result.stderr, (command, result.stderr)
    shown = run_cli("validate", str(path), "--baseline", "nist-sp800-52r2")  # the hint's command shows the error
    assert shown.returncode == 1 and " error " in shown.stdout
    assert run_cli("validate", str(path)).returncode == 0
    default = run_cli("export", str(_without_tls12_suites(tmp_path)))
    assert default.returncode == 1 and "(see `profilekit validate " in default.stderr
    assert "--baseline" not in default.stderr.split("(see ")[1].split(")")[0]
