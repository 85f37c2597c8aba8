""".pre-commit-hooks.yaml: a repository of profiles runs `profilekit validate` from pre-commit.

The hook definitions are read as pre-commit reads them (files/exclude are `re.search` patterns on the
path relative to the repository; `types: [yaml]` means a .yaml or .yml file), and their entry is run the
way pre-commit runs it: the words of `entry`, then `args`, then the selected file names (unless
`pass_filenames: false`), in the repository's top folder, with the installed `profilekit` found on PATH.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SAMPLES

HOOKS: dict[str, dict[str, Any]] = {
    hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
}
LIBRARY = ROOT / "samples" / "lib" / "tls-tcp-packages.yaml"


def _selected(hook: dict[str, Any], paths: list[str]) -> list[str]:
    """The paths pre-commit passes to `hook` (its file filter)."""
    assert set(hook.get("types", ["file"])) <= {"file", "yaml"}, "extend this filter for other types"
    is_yaml = "yaml" in hook.get("types", [])
    return [path for path in paths
            if re.search(hook.get("files", ""), path) and not re.search(hook.get("exclude", "^$"), path)
            and (not is_yaml or path.endswith((".yaml", ".yml")))]


def _run_hook(hook: dict[str, Any], repository: Path, filenames: list[str],
              args: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """What pre-commit does with a `language: python` hook: its entry, args and file names, the hook's
    environment's bin/ (here: this interpreter's, where pip installed the profilekit script) first on PATH."""
    command = [*shlex.split(hook["entry"]), *(args if args is not None else hook.get("args", []))]
    if hook.get("pass_filenames", True):
        command += filenames
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    assert shutil.which(command[0], path=env["PATH"]) == str(Path(sys.executable).parent / command[0])
    return subprocess.run(command, cwd=repository, env=env, capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository of profiles laid out like profilekit's samples, with the files such a repository has."""
    (tmp_path / "profiles" / "lib").mkdir(parents=True)
    for sample in SAMPLES:
        shutil.copy(sample, tmp_path / "profiles" / sample.name)
    shutil.copy(LIBRARY, tmp_path / "profiles" / "lib" / LIBRARY.name)
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("profiles\n", encoding="utf-8")
    return tmp_path


def _files(repository: Path) -> list[str]:
    return sorted(p.relative_to(repository).as_posix() for p in repository.rglob("*") if p.is_file())


def test_hooks_are_python_hooks_running_the_installed_command() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert set(HOOKS) == {"profilekit-validate", "profilekit-validate-all"}
    for hook in HOOKS.values():
        assert hook["language"] == "python" and hook["name"] and hook["description"]
        assert shlex.split(hook["entry"]) == ["profilekit", "validate"]
        assert scripts["profilekit"] == "profilekit.cli:main"


def test_validate_hook_selects_profiles_not_libraries_or_configuration(repository: Path) -> None:
    selected = _selected(HOOKS["profilekit-validate"], _files(repository))
    assert selected == sorted(f"profiles/{p.name}" for p in SAMPLES)


def test_validate_hook_passes_a_good_profile_and_fails_a_bad_one(repository: Path) -> None:
    hook = HOOKS["profilekit-validate"]
    good = _run_hook(hook, repository, _selected(hook, _files(repository)))
    assert good.returncode == 0, good.stdout + good.stderr
    assert f"{len(SAMPLES)} files checked: 0 error(s)" in good.stdout
    bad = repository / "profiles" / "broken.yaml"
    bad.write_text(SAMPLES[0].read_text(encoding="utf-8").replace("cipher_suites:", "cipher_suite:", 1),
                   encoding="utf-8")
    failed = _run_hook(hook, repository, _selected(hook, ["profiles/broken.yaml", "profiles/lib/" + LIBRARY.name]))
    assert failed.returncode != 0
    assert "profiles/broken.yaml:" in failed.stdout and "did you mean 'cipher_suites'?" in failed.stdout


def test_validate_all_hook_rechecks_listed_profiles_when_a_library_changes(repository: Path) -> None:
    hook = HOOKS["profilekit-validate-all"]
    profiles = [f"profiles/{SAMPLES[0].name}"]
    assert _selected(hook, [f"profiles/lib/{LIBRARY.name}"])  # a library change runs the hook
    clean = _run_hook(hook, repository, [f"profiles/lib/{LIBRARY.name}"], args=profiles)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    library = repository / "profiles" / "lib" / LIBRARY.name
    library.write_text(library.read_text(encoding="utf-8") + "\nnot: [valid\n", encoding="utf-8")
    broken = _run_hook(hook, repository, [f"profiles/lib/{LIBRARY.name}"], args=profiles)
    assert broken.returncode == 2
    assert "profiles/lib/" + LIBRARY.name in broken.stdout
