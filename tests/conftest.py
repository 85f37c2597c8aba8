"""Shared test fixtures: paths, the shipped samples, the reference folder, and running the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
REFERENCE = Path(os.environ.get("PROFILEKIT_REFERENCE") or ROOT.parent / "shared" / "reference")
"""`../shared/reference` beside the checkout; PROFILEKIT_REFERENCE overrides it (e.g. for git worktrees)."""


def reference_dir() -> Path:
    """`../shared/reference`, or skip: it exists in the developers' and CI's checkouts, not users'."""
    if not REFERENCE.is_dir():
        pytest.skip(f"{REFERENCE} is absent (reference material lives beside the repo in ../shared)")
    return REFERENCE


@pytest.fixture
def reference() -> Path:
    return reference_dir()


def cli_command() -> list[str]:
    """The installed `profilekit` entry point beside this Python, else `python -m profilekit`."""
    script = Path(sys.executable).with_name("profilekit")
    if script.exists():
        return [str(script)]
    found = shutil.which("profilekit")
    if found and Path(found).parent == Path(sys.executable).parent:
        return [found]
    return [sys.executable, "-m", "profilekit"]


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None, timeout: float = 120,
            stdout: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI; output is captured, unless `stdout` (a file descriptor) takes standard output."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")
    if stdout is not None:
        return subprocess.run([*cli_command(), *args], cwd=cwd or ROOT, stdout=stdout, stderr=subprocess.PIPE,
                              text=True, env=env, input=input, timeout=timeout, check=False)
    return subprocess.run([*cli_command(), *args], cwd=cwd or ROOT, capture_output=True, text=True,
                          env=env, input=input, timeout=timeout, check=False)


@pytest.fixture(params=SAMPLES, ids=[p.stem for p in SAMPLES])
def sample(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


@pytest.fixture(scope="session")
def sample_loaded() -> object:
    """The first shipped sample, loaded (for tests that need a real LoadedProfile)."""
    from profilekit.load.profile import load_profile

    return load_profile(ROOT / "samples" / "ims-msrp-tls-relay.yaml")
