"""The wheel carries everything profilekit needs: build it, install it outside the checkout, use it.

Marked `packaging` and `slow` (deselect with `-m "not packaging"` or `-m "not slow"`); it runs by default
and in CI. It builds from a
copy of the sources (so stale build/ folders cannot leak into the wheel), installs the wheel with
`pip install --no-deps --target`, and runs the installed entry point with only that folder and the
interpreter's own site-packages (for pydantic & co.) on the path: not the checkout.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

pytestmark = [pytest.mark.packaging, pytest.mark.slow, pytest.mark.xdist_group("wheel")]  # one build per run

APACHE_2_0_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"
"""apache.org/licenses/LICENSE-2.0.txt, byte for byte (also Debian's /usr/share/common-licenses/Apache-2.0)."""
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "profilekit", "templates", "schemas")


def _run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None,
         timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("packaging")
    src = base / "src"
    src.mkdir()
    for name in SOURCES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(origin, src / name)
    dist = base / "dist"
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)],
                 cwd=base, env=env)
    assert built.returncode == 0, f"wheel build failed:\n{built.stdout}\n{built.stderr}"
    [wheel] = dist.glob("profilekit-*.whl")
    site = base / "site"
    done = _run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                cwd=base, env=env)
    assert done.returncode == 0, f"wheel install failed:\n{done.stdout}\n{done.stderr}"
    work = base / "work"
    work.mkdir()
    return {"wheel": wheel, "site": site, "work": work}


def _env(site: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env["PYTHONPATH"] = str(site)  # the installed wheel first; dependencies from the interpreter's site-packages
    return env


def _profilekit(installed: dict[str, Path], *args: str) -> subprocess.CompletedProcess[str]:
    script = installed["site"] / "bin" / "profilekit"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "profilekit"]
    return _run([*command, *args], cwd=installed["work"], env=_env(installed["site"]), timeout=120)


def test_wheel_contents(installed: dict[str, Path]) -> None:
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for needed in ("profilekit/py.typed", "profilekit/_templates/new-profile.yaml",
                   "profilekit/_schemas/profile.schema.json", "profilekit/_schemas/package-library.schema.json",
                   "profilekit/catalog/cipher_suites.json", "profilekit/cli/__init__.py", "profilekit/load/yaml12.py"):
        assert needed in names, f"{needed} missing from the wheel"
    assert not [n for n in names if n.startswith(("tests/", "samples/")) or "__pycache__" in n]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "profilekit = profilekit.cli:main" in zipfile.ZipFile(installed["wheel"]).read(entry_points).decode()


def test_wheel_holds_every_module_and_template_of_the_checkout(installed: dict[str, Path]) -> None:
    """Packages are discovered (pyproject.toml), not listed: a new subpackage ships without a config edit."""
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "profilekit").rglob("*.py")
               if "__pycache__" not in p.parts}
    missing = sorted(modules - names)
    assert not missing, missing
    for folder, package in (("templates", "_templates"), ("schemas", "_schemas")):
        shipped = {f"profilekit/{package}/{p.relative_to(ROOT / folder).as_posix()}"
                   for p in (ROOT / folder).rglob("*") if p.is_file()}
        assert shipped <= names, sorted(shipped - names)


def test_wheel_carries_the_licence(installed: dict[str, Path]) -> None:
    """PEP 639: `license-files` puts the full Apache-2.0 text beside the metadata, which names it."""
    wheel = zipfile.ZipFile(installed["wheel"])
    [licence] = [n for n in wheel.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    assert wheel.read(licence) == (ROOT / "LICENSE").read_bytes()
    metadata = wheel.read(next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: Apache-2.0" in metadata and "License-File: LICENSE" in metadata


def test_sdist_carries_the_licence_and_the_folders_the_wheel_maps(installed: dict[str, Path]) -> None:
    src = installed["wheel"].parent.parent / "src"
    dist = installed["wheel"].parent
    built = _run([sys.executable, "-m", "build", "--sdist", "-o", str(dist), str(src)], cwd=src,
                 env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    if built.returncode != 0 and "No module named build" in built.stderr:
        pytest.skip("the `build` package is not installed (it comes with `pip install '.[dev]'`)")
    assert built.returncode == 0, built.stdout + built.stderr
    [sdist] = dist.glob("profilekit-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "pyproject.toml", "templates/new-profile.yaml", "schemas/profile.schema.json",
            "profilekit/__init__.py"} <= names


def test_licence_is_the_whole_apache_2_0_text() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("Apache License\n                           Version 2.0, January 2004")
    for section in ("1. Definitions.", "4. Redistribution.", "9. Accepting Warranty or Additional Liability.",
                    "END OF TERMS AND CONDITIONS", "APPENDIX: How to apply the Apache License to your work."):
        assert section in text, section
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == APACHE_2_0_SHA256


def test_installed_package_is_the_wheel_not_the_checkout(installed: dict[str, Path]) -> None:
    probe = _run([sys.executable, "-c", "import profilekit, profilekit.resources as r; print(profilekit.__file__);"
                  "print(r.resource('templates', 'new-profile.yaml'))"],
                 cwd=installed["work"], env=_env(installed["site"]))
    assert probe.returncode == 0, probe.stderr
    module, template = probe.stdout.split()
    assert Path(module).is_relative_to(installed["site"]), module
    assert Path(template).is_relative_to(installed["site"]), template
    assert not Path(module).is_relative_to(ROOT)


def test_installed_schema_matches_checked_in(installed: dict[str, Path]) -> None:
    for kind, name in (("profile", "profile.schema.json"), ("package-library", "package-library.schema.json")):
        result = _profilekit(installed, "schema", "--kind", kind)
        assert result.returncode == 0, result.stderr
        assert result.stdout == (ROOT / "schemas" / name).read_text(encoding="utf-8")
        json.loads(result.stdout)


def test_installed_validate_copied_samples(installed: dict[str, Path]) -> None:
    work = installed["work"] / "samples"
    shutil.copytree(ROOT / "samples", work)
    result = _profilekit(installed, "validate", *[f"samples/{p.name}" for p in SAMPLES])
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(SAMPLES)} files checked: 0 error(s)" in result.stdout
    broken = work / "broken.yaml"
    broken.write_text(SAMPLES[0].read_text(encoding="utf-8").replace("cipher_suites:", "cipher_suite:", 1))
    bad = _profilekit(installed, "validate", "samples/broken.yaml")
    assert bad.returncode == 2
    assert "did you mean 'cipher_suites'?" in bad.stdout


def test_installed_new_then_validate(installed: dict[str, Path]) -> None:
    made = _profilekit(installed, "new", "x.yaml", "--name", "ETSIprof_Wheel_TLS")
    assert made.returncode == 0, made.stderr
    assert "ETSIprof_Wheel_TLS" in (installed["work"] / "x.yaml").read_text(encoding="utf-8")
    checked = _profilekit(installed, "validate", "x.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_installed_version(installed: dict[str, Path]) -> None:
    from profilekit import __version__

    result = _profilekit(installed, "--version")
    assert result.returncode == 0 and __version__ in result.stdout
    assert installed["wheel"].name.startswith(f"profilekit-{__version__}-")


def test_no_build_output_is_committed() -> None:
    """build/lib, *.egg-info and __pycache__ are in .gitignore; once committed anyway, setuptools copies a
    stale build/lib file into the wheel whenever its mtime is newer than the source's."""
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run([git, "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    stray = [p for p in tracked.splitlines()
             if p.startswith(("build/", "dist/")) or ".egg-info/" in p or "__pycache__/" in p or p.endswith(".pyc")]
    assert not stray, stray[:10]
