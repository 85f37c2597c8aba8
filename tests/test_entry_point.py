"""Smoke tests through the installed `profilekit` entry point, as real processes: the few checks that the
command a user types works, and that the in-process runner (run_cli) the other CLI tests use prints what
the real command prints, byte for byte, with the same exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, cli_command, run_cli, run_cli_process

from profilekit import __version__

INVOCATIONS = {
    "version": ("--version",),
    "help": ("--help",),
    "validate help (wrapped at COLUMNS)": ("validate", "--help"),
    "unknown command (usage error)": ("frobnicate",),
    "validate the samples": ("validate", *(str(p.relative_to(ROOT)) for p in SAMPLES)),
    "validate a missing file": ("validate", "no-such-profile.yaml"),
    "new to standard output": ("new", "-", "--name", "ETSIprof_Smoke_TLS"),
    "export openssl": ("export", str(SAMPLES[0]), "--format", "openssl"),
}


def test_entry_point_is_the_installed_script() -> None:
    """The smoke tests run the console script pip installed from [project.scripts], not `python -m`."""
    [script] = cli_command()
    assert Path(script).name == "profilekit" and Path(script).parent == Path(sys.executable).parent
    assert "profilekit.cli" in Path(script).read_text(encoding="utf-8")


@pytest.mark.parametrize("args", list(INVOCATIONS.values()), ids=list(INVOCATIONS))
def test_entry_point_matches_in_process(args: tuple[str, ...]) -> None:
    real = run_cli_process(*args)
    assert real.returncode in (0, 1, 2), real.stderr
    assert "Traceback" not in real.stderr
    in_process = run_cli(*args)
    assert (in_process.returncode, in_process.stdout, in_process.stderr) == (real.returncode, real.stdout,
                                                                             real.stderr)


def test_entry_point_new_then_validate_in_a_folder(tmp_path: Path) -> None:
    made = run_cli_process("new", "p.yaml", "--name", "ETSIprof_Smoke_TLS", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stderr == "wrote p.yaml; next: profilekit validate p.yaml\n"
    checked = run_cli_process("validate", "p.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 file checked: 0 error(s)" in checked.stdout


def test_entry_point_python_dash_m() -> None:
    """`python -m profilekit` is the same command (profilekit/__main__.py)."""
    result = subprocess.run([sys.executable, "-m", "profilekit", "--version"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"profilekit, version {__version__}\n"
