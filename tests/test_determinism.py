"""Same input → same bytes: every output, produced twice under different working directories, time zones,
locales and hash seeds, is byte-identical (Markdown and DOCX too, once `render` is on this branch)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, cli_command

pytestmark = pytest.mark.slow  # real processes (hash seeds, time zones, locales differ per run)

LARGEST = max(SAMPLES, key=lambda p: p.stat().st_size)
WORLDS = [
    {"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1"},
    {"TZ": "Pacific/Kiritimati", "LANG": "de_DE.UTF-8", "LC_ALL": "", "PYTHONHASHSEED": "4242"},
]


def _run(args: list[str], world: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **world}
    return subprocess.run([*cli_command(), *args], cwd=cwd, env=env, capture_output=True, timeout=120, check=False)


def _twice(tmp_path: Path, make_args: Callable[[Path], list[str]], output: str | None) -> list[bytes]:
    results = []
    for i, world in enumerate(WORLDS):
        cwd = tmp_path / f"run{i}" / ("deeper" * i)
        cwd.mkdir(parents=True)
        result = _run(make_args(cwd), world, cwd)
        assert result.returncode in (0, 1), result.stderr.decode()
        results.append((cwd / output).read_bytes() if output else result.stdout)
    return results


@pytest.mark.parametrize("fmt", ["json", "sarif", "text"])
def test_validate_reports_are_deterministic(fmt: str, tmp_path: Path) -> None:
    first, second = _twice(tmp_path, lambda cwd: ["validate", "--format", fmt, *(str(p) for p in SAMPLES)], None)
    assert first and first == second


@pytest.mark.parametrize(("sample", "fmt"), [*((s, "gateway") for s in SAMPLES), (LARGEST, "openssl"),
                                             (LARGEST, "mozilla")], ids=lambda v: getattr(v, "stem", v))
def test_exports_are_deterministic(sample: Path, fmt: str, tmp_path: Path) -> None:
    first, second = _twice(tmp_path, lambda cwd: ["export", str(sample), "--format", fmt, "-o", "out"], "out")
    assert first and first == second


def _render_available() -> bool:
    return _run(["render", "--help"], WORLDS[0], ROOT).returncode == 0


@pytest.mark.skipif(not _render_available(), reason="the render command is not on this branch yet")
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_renders_are_deterministic(fmt: str, tmp_path: Path) -> None:
    first, second = _twice(tmp_path, lambda cwd: ["render", str(LARGEST), "--format", fmt, "-o", f"out.{fmt}"],
                           f"out.{fmt}")
    assert first and first == second
