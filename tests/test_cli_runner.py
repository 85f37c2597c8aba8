"""The in-process runner (tests/cli_runner.py) behaves like a process and leaves no state behind: what the
other CLI tests rely on when they call run_cli instead of starting the entry point."""

from __future__ import annotations

import logging
import os
import subprocess
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from conftest import ROOT, SAMPLES, run_cli

from profilekit.cli import cli

SAMPLE = str(SAMPLES[0])


def test_working_directory_environment_and_logging_are_restored(tmp_path: Path) -> None:
    before = (os.getcwd(), dict(os.environ), logging.getLogger().handlers[:])
    result = run_cli("new", "p.yaml", cwd=tmp_path)  # main() sets PYDANTIC_DISABLE_PLUGINS; the run chdirs
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "p.yaml").is_file()
    assert (os.getcwd(), dict(os.environ), logging.getLogger().handlers) == before


def test_default_working_directory_is_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # like the real runner: cwd=None means the checkout, not the test's cwd
    result = run_cli("validate", str(SAMPLES[0].relative_to(ROOT)))
    assert result.returncode == 0, result.stdout


def _with_command(monkeypatch: pytest.MonkeyPatch, name: str, callback: Callable[[], None]) -> None:
    """A throw-away `profilekit NAME` command for this test (removed afterwards by monkeypatch)."""
    monkeypatch.setitem(cli.commands, name, click.Command(name, callback=callback))


def _raise() -> None:
    raise RuntimeError("boom")


def test_internal_error_is_one_line_and_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_command(monkeypatch, "explode", _raise)
    plain = run_cli("explode")
    assert plain.returncode == 2 and plain.stdout == ""
    assert plain.stderr == ("profilekit: internal error: RuntimeError: boom (rerun with --debug for details, and "
                            "please report it)\n")
    debug = run_cli("--debug", "explode")  # main() re-raises: Python prints it and exits 1
    assert debug.returncode == 1
    assert debug.stderr.startswith("Traceback (most recent call last):\n")
    assert debug.stderr.endswith("RuntimeError: boom\n")


def test_a_run_past_its_timeout_raises_like_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_command(monkeypatch, "hang", lambda: time.sleep(30))
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        run_cli("hang", timeout=0.5)
    assert time.monotonic() - started < 10


def _noisy() -> None:
    warnings.warn("shown", UserWarning, stacklevel=1)
    warnings.warn("hidden outside __main__", DeprecationWarning, stacklevel=1)
    click.echo("done")


def test_warnings_go_to_standard_error_as_in_a_fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_command(monkeypatch, "noisy", _noisy)
    result = run_cli("noisy")
    assert (result.returncode, result.stdout) == (0, "done\n")
    assert "UserWarning: shown" in result.stderr and "DeprecationWarning" not in result.stderr


def test_limits_read_at_import_time_need_a_real_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROFILEKIT_MAX_NODES", "10")
    with pytest.raises(RuntimeError, match="PROFILEKIT_MAX_NODES is read at import time"):
        run_cli("validate", SAMPLE)
