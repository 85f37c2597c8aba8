"""The `profilekit` command end to end: in-process through profilekit.cli.main (run_cli), and through the real
entry point where only a process shows the behaviour (a full standard output or error: run_cli_process)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, run_cli, run_cli_process

from profilekit import __version__
from profilekit.load.profile import load_profile

IMS = ROOT / "samples" / "ims-msrp-tls-relay.yaml"
TEMPLATE = ROOT / "templates" / "new-profile.yaml"
LOCATION = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) "
                      r"(?P<code>[A-Z]+\d+) (?P<msg>.+)$", re.MULTILINE)


def _copy_sample(tmp_path: Path, old: str = "", new: str = "") -> Path:
    shutil.copytree(ROOT / "samples" / "lib", tmp_path / "lib")
    text = IMS.read_text(encoding="utf-8")
    if old:
        assert text.count(old) == 1
        text = text.replace(old, new)
    path = tmp_path / IMS.name
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(needle)) + 1


# --- validate ----------------------------------------------------------------------------------------

def test_validate_samples_clean() -> None:
    result = run_cli("validate", *[str(p.relative_to(ROOT)) for p in SAMPLES])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == \
        f"{len(SAMPLES)} files checked: 0 error(s), 0 warning(s), 0 info (4 suppressed)"  # GL207, with reasons
    assert result.stderr == ""


def test_at_least_four_samples() -> None:
    assert len(SAMPLES) >= 4
    for path in SAMPLES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/profile.schema.json", path.name
        profile = load_profile(path).profile
        assert profile.imports == ["lib/tls-tcp-packages.yaml"], path.name


def test_samples_cover_the_authentication_methods() -> None:
    methods = {m for p in SAMPLES for tp in load_profile(p).profile.tls.profiles for m in tp.authentication.methods}
    assert {"certificate_ca_signed", "certificate_self_signed", "psk"} <= methods
    assert any(load_profile(p).profile.contribution is not None for p in SAMPLES)


def test_validate_typo_key_exit_2_with_location_and_suggestion(tmp_path: Path) -> None:
    path = _copy_sample(tmp_path, "  mid_format: domain_name", "  mid_fromat: domain_name")
    result = run_cli("validate", path.name, cwd=tmp_path)
    assert result.returncode == 2
    found = [m.groupdict() for m in LOCATION.finditer(result.stdout)]
    typo = [f for f in found if f["code"] == "SC001"]
    assert len(typo) == 1
    assert typo[0]["file"] == path.name
    assert int(typo[0]["line"]) == _line_of(path, "mid_fromat") and typo[0]["col"] == "3"
    assert typo[0]["msg"] == "unknown key 'mid_fromat'; did you mean 'mid_format'?"
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_wrong_type_points_at_the_value_line(tmp_path: Path) -> None:
    path = _copy_sample(tmp_path, "  max_contexts: 20000", "  max_contexts: [20000]")
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    [found] = [m.groupdict() for m in LOCATION.finditer(result.stdout)]
    assert int(found["line"]) == _line_of(path, "[20000]")
    assert found["code"] == "SC003" and "connection_model.max_contexts" in found["msg"]


def test_validate_enum_suggests_nearest(tmp_path: Path) -> None:
    path = _copy_sample(tmp_path, "  control_link: ipsec", "  control_link: ipsek")
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert "did you mean 'ipsec'?" in result.stdout
    assert f"{path}:{_line_of(path, 'ipsek')}:17: error SC003 security.control_link" in result.stdout


def test_validate_missing_required_key_points_at_parent(tmp_path: Path) -> None:
    path = _copy_sample(tmp_path, "  mid_format: domain_name\n", "")
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert (f"{path}:{_line_of(path, 'messages:')}:1: error SC002 missing required key mid_format in messages "
            "(clause 11 Messages, 5.11 in the document); add `mid_format: <ipv4 | ipv6 | domain_name | device_name "
            "| mtp_address>`") in result.stdout


def test_validate_yaml_syntax_error(tmp_path: Path) -> None:
    path = _copy_sample(tmp_path, "  version: 3\n", "  version: [3\n")
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    [found] = [m.groupdict() for m in LOCATION.finditer(result.stdout)]
    assert found["code"] == "LD001" and found["msg"].startswith("YAML syntax: ")


def test_validate_nonexistent_file(tmp_path: Path) -> None:
    result = run_cli("validate", "no-such-profile.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "no-such-profile.yaml: error LD007 no such file" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_reports_every_file_and_keeps_going(tmp_path: Path) -> None:
    bad = _copy_sample(tmp_path, "  mid_format: domain_name", "  mid_format: x400")
    result = run_cli("validate", str(bad), str(IMS), str(tmp_path / "gone.yaml"))
    assert result.returncode == 2
    assert "3 files checked: 2 error(s)" in result.stdout
    assert str(IMS) not in result.stdout.replace(str(bad), "")


@pytest.mark.parametrize("args", [("validate",), ("validate", "/"), ("frobnicate",), ("schema", "--kind", "x")])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


# --- suppressions: where the comment goes --------------------------------------------------------------

CLIENT = "        client: none   # UEs are authenticated by IMS signalling, not by TLS (R-8.3.1/1)"
ACCEPT = '# profilekit: disable=GL402 reason="UEs use IMS AKA"'


def test_suppression_at_the_end_of_the_line_before_applies_to_that_line_only(tmp_path: Path) -> None:
    """A trailing comment on `server:` does not reach the GL402 finding of `client:` below it; SP002 says
    where the comment must go instead."""
    path = _copy_sample(tmp_path, "        server: required\n" + CLIENT,
                        f"        server: required  {ACCEPT}\n        client: optional")
    result = run_cli("validate", "--fail-on", "warning", path.name, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    server, client = _line_of(path, "server: required"), _line_of(path, "client: optional")
    column = path.read_text(encoding="utf-8").splitlines()[server - 1].index("#") + 1
    assert f"{path.name}:{client}:17: warning GL402 " in result.stdout, result.stdout
    assert (f"{path.name}:{server}:{column}: warning SP002 suppression of GL402 is unused: line {server} has no "
            f"GL402 finding; the GL402 finding is on line {client}, and a comment at the end of a line applies to "
            f"that line only: put it at the end of line {client}, or in a comment line of its own just before it"
            ) in result.stdout, result.stdout


@pytest.mark.parametrize("edit", [f"        client: optional  {ACCEPT}", f"        {ACCEPT}\n        client: optional",
                                  f"        {ACCEPT}\n\n        # a note\n        client: optional"])
def test_suppression_on_its_line_or_in_a_comment_line_just_before_it(tmp_path: Path, edit: str) -> None:
    path = _copy_sample(tmp_path, CLIENT, edit)
    result = run_cli("validate", "--fail-on", "warning", path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "GL402" not in result.stdout and "SP002" not in result.stdout


# --- new ---------------------------------------------------------------------------------------------

def test_new_writes_a_profile_that_validates(tmp_path: Path) -> None:
    result = run_cli("new", "my.yaml", "--name", "ETSIprof_My_TLS", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wrote my.yaml; next: profilekit validate my.yaml" in result.stderr
    assert result.stdout == ""  # standard output carries only what a command produces (see `new -`)
    written = tmp_path / "my.yaml"
    profile = load_profile(written).profile
    assert profile.identification.name == "ETSIprof_My_TLS"
    assert profile.identification.date == dt.date.today()
    check = run_cli("validate", "my.yaml", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    # clean but for the placeholders the editor must replace (GL014 warnings): not even an info to puzzle over
    findings = [line for line in check.stdout.splitlines() if line.startswith("my.yaml:")]
    assert findings and all(" warning GL014 placeholder " in line for line in findings), check.stdout
    assert f"0 error(s), {len(findings)} warning(s), 0 info" in check.stdout


def test_new_keeps_the_template_comments(tmp_path: Path) -> None:
    assert run_cli("new", "p.yaml", cwd=tmp_path).returncode == 0
    written = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    comments = [line.split("#", 1)[1].strip() for line in TEMPLATE.read_text(encoding="utf-8").splitlines()
                if "#" in line and not line.lstrip().startswith(("'", '"'))]
    assert len(comments) > 10
    missing = [c for c in comments if c and c not in written]
    assert not missing, missing
    assert written.startswith("# yaml-language-server: $schema=")


def test_new_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    target.write_text("mine: true\n")
    result = run_cli("new", str(target))
    assert result.returncode == 2
    assert "already exists (use --force to overwrite)" in result.stderr
    assert target.read_text() == "mine: true\n"
    forced = run_cli("new", str(target), "--force", "--name", "ETSIprof_Forced")
    assert forced.returncode == 0
    assert "ETSIprof_Forced" in target.read_text()


@pytest.mark.parametrize("name", ["bad name", "1starts_with_digit", "X" * 65, "dash-ed", ""])
def test_new_bad_name(tmp_path: Path, name: str) -> None:
    result = run_cli("new", "p.yaml", "--name", name, cwd=tmp_path)
    assert result.returncode == 2
    assert "profile name" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "p.yaml").exists()


def test_new_into_missing_folder(tmp_path: Path) -> None:
    result = run_cli("new", str(tmp_path / "a" / "b.yaml"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert not (tmp_path / "a").exists()


def test_new_dash_prints_the_profile_to_standard_output(tmp_path: Path) -> None:
    """`-` is standard output, as for every other command that writes a file."""
    result = run_cli("new", "-", "--name", "ETSIprof_Piped_TLS", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []  # no file named '-'
    assert result.stdout.startswith("# yaml-language-server: $schema=")
    (tmp_path / "piped.yaml").write_text(result.stdout, encoding="utf-8")
    assert load_profile(tmp_path / "piped.yaml").profile.identification.name == "ETSIprof_Piped_TLS"
    assert "wrote" not in result.stdout + result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to simulate a full disk")
def test_new_dash_to_a_full_disk_fails_cleanly(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = run_cli_process("new", "-", cwd=tmp_path, stdout=full.fileno())
    assert result.returncode == 2
    assert "cannot write to standard output" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to simulate a full disk")
def test_new_file_with_standard_output_on_a_full_disk_succeeds(tmp_path: Path) -> None:
    """The profile goes to the file and the confirmation to standard error: a full standard output does not
    turn a written file into exit 2."""
    with open("/dev/full", "w") as full:
        result = run_cli_process("new", "p.yaml", cwd=tmp_path, stdout=full.fileno())
    assert result.returncode == 0, result.stderr
    assert load_profile(tmp_path / "p.yaml").profile.identification.name == "ETSIprof_Example_TLS"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to simulate a full disk")
def test_new_file_when_the_confirmation_cannot_be_shown_succeeds(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = run_cli_process("new", "p.yaml", cwd=tmp_path, stderr=full.fileno())
    assert result.returncode == 0
    assert (tmp_path / "p.yaml").is_file()


# --- version, help -----------------------------------------------------------------------------------

def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"profilekit, version {__version__}"


@pytest.mark.parametrize("args", [("--help",), ("-h",), ("validate", "--help"), ("new", "--help"),
                                  ("schema", "--help")])
def test_help(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: profilekit")


def test_top_level_help_lists_the_commands() -> None:
    out = run_cli("--help").stdout
    for command in ("validate", "schema", "new"):
        assert re.search(rf"^\s+{command}\s", out, re.MULTILINE), command
