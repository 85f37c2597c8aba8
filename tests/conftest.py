"""Shared test fixtures: paths, the shipped samples, the reference folder; and the ways to run the CLI
(in-process `run_cli`, real process `run_cli_process`: see cli_runner.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_runner import cli_command, run_cli, run_cli_process

__all__ = ["ROOT", "SAMPLES", "cli_command", "reference", "reference_dir", "run_cli", "run_cli_process",
           "sample", "sample_loaded"]

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
REFERENCE = Path(os.environ.get("PROFILEKIT_REFERENCE") or ROOT.parent / "shared" / "reference")
"""`../shared/reference` beside the checkout; PROFILEKIT_REFERENCE overrides it (e.g. for git worktrees)."""


def reference_dir() -> Path:
    """`../shared/reference`, or skip: it exists in the developers' and CI's checkouts, not users'."""
    if not REFERENCE.is_dir():
        pytest.skip(f"{REFERENCE} is absent (reference material lives beside the repo in ../shared)")
    return REFERENCE


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (pyproject addopts): a worker per CPU for the whole suite or a marker selection; none when
    the command line names test files or tests, which then start at once in one process. Explicit `-n N`
    and PYTEST_XDIST_AUTO_NUM_WORKERS still decide (None: pytest-xdist's own count)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    here = config.invocation_params.dir
    named = [(here / arg.split("::")[0]).resolve() for arg in config.args]
    if named and all(path != TESTS for path in named):
        return 0
    return None


@pytest.fixture
def reference() -> Path:
    return reference_dir()


@pytest.fixture(params=SAMPLES, ids=[p.stem for p in SAMPLES])
def sample(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


@pytest.fixture(scope="session")
def sample_loaded() -> object:
    """The first shipped sample, loaded (for tests that need a real LoadedProfile)."""
    from profilekit.load.profile import load_profile

    return load_profile(ROOT / "samples" / "ims-msrp-tls-relay.yaml")
