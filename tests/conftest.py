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


@pytest.fixture(params=SAMPLES, ids=[p.stem for p in SAMPLES])
def sample(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


@pytest.fixture(scope="session")
def sample_loaded() -> object:
    """The first shipped sample, loaded (for tests that need a real LoadedProfile)."""
    from profilekit.load.profile import load_profile

    return load_profile(ROOT / "samples" / "ims-msrp-tls-relay.yaml")
