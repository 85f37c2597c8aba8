"""Package library imports: relative paths, nesting, diamonds, cycles, missing files and package lookup."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from profilekit.findings import Finding, InputError
from profilekit.load.profile import load_profile

IMS = ROOT / "samples" / "ims-msrp-tls-relay.yaml"
SHARED_LIB = ROOT / "samples" / "lib" / "tls-tcp-packages.yaml"
IMPORTS_BLOCK = "imports:\n  - lib/tls-tcp-packages.yaml\n"
PACKAGES_BLOCK = "packages:\n  - {use: tcpbcc, support: mandatory}\n"


def _profile(path: Path, imports: list[str], uses: list[str] | None = None) -> Path:
    """The IMS sample with its `imports:` and `packages:` replaced (the rest stays a valid profile)."""
    text = IMS.read_text(encoding="utf-8")
    assert IMPORTS_BLOCK in text and PACKAGES_BLOCK in text
    text = text.replace(IMPORTS_BLOCK, "imports:\n" + "".join(f"  - {i}\n" for i in imports) if imports else "")
    start = text.index(PACKAGES_BLOCK)
    end = text.index("sdp_mandatory:")
    uses = ["tcpbcc", "tlsbsc", "tlscap"] if uses is None else uses
    listed = "".join(f"  - {{use: {u}}}\n" for u in uses)
    text = text[:start] + ("packages:\n" + listed if uses else "packages: []\n") + text[end:]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _library(path: Path, packages: list[str], imports: tuple[str, ...] = ()) -> Path:
    lines = ["kind: package_library"]
    if imports:
        lines.append("imports:")
        lines.extend(f"  - {i}" for i in imports)
    lines.append("packages:")
    for pid in packages:
        lines.append(f"  - id: {pid}")
        lines.append(f"    name: Package {pid}")
        lines.append("    illustrative: true")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _errors(path: Path) -> list[Finding]:
    with pytest.raises(InputError) as info:
        load_profile(path)
    return info.value.findings


def _line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(needle)) + 1


def test_relative_import_from_a_subfolder(tmp_path: Path) -> None:
    """Imports resolve against the importing file's folder, not the working directory."""
    shutil.copy(SHARED_LIB, tmp_path / "shared.yaml")
    profile = _profile(tmp_path / "profiles" / "ims" / "p.yaml", ["../../shared.yaml"])
    loaded = load_profile(profile)
    assert set(loaded.packages) == {"tcpbcc", "tlsbsc", "tlscap"}
    assert loaded.packages["tlsbsc"].origin.endswith("shared.yaml")
    assert loaded.packages["tlsbsc"].support == "mandatory"
    # the same from another working directory
    result = run_cli("validate", str(profile), cwd=tmp_path / "profiles")
    assert result.returncode == 0, result.stdout + result.stderr


def test_nested_imports(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    shutil.copy(SHARED_LIB, tmp_path / "lib" / "base.yaml")
    _library(tmp_path / "lib" / "ext" / "extra.yaml", ["extpkg"], imports=("../base.yaml",))
    profile = _profile(tmp_path / "p.yaml", ["lib/ext/extra.yaml"], ["tcpbcc", "tlsbsc", "tlscap", "extpkg"])
    loaded = load_profile(profile)
    assert loaded.packages["extpkg"].origin.endswith("extra.yaml")
    assert loaded.packages["tlscap"].origin.endswith("base.yaml")
    # libraries are listed in load order: the nested one first
    assert [Path(p).name for p in loaded.libraries] == ["base.yaml", "extra.yaml"]


def test_diamond_import_loads_the_shared_library_once(tmp_path: Path) -> None:
    shutil.copy(SHARED_LIB, tmp_path / "common.yaml")
    _library(tmp_path / "left.yaml", ["leftpkg"], imports=("common.yaml",))
    _library(tmp_path / "right.yaml", ["rightpkg"], imports=("common.yaml",))
    profile = _profile(tmp_path / "p.yaml", ["left.yaml", "right.yaml"],
                       ["tcpbcc", "tlsbsc", "tlscap", "leftpkg", "rightpkg"])
    loaded = load_profile(profile)  # no "defined twice" error for the common packages
    assert [Path(p).name for p in loaded.libraries] == ["common.yaml", "left.yaml", "right.yaml"]
    assert loaded.packages["tcpbcc"].origin.endswith("common.yaml")


def test_same_library_imported_twice_directly(tmp_path: Path) -> None:
    shutil.copy(SHARED_LIB, tmp_path / "common.yaml")
    profile = _profile(tmp_path / "p.yaml", ["common.yaml", "./common.yaml"])
    assert set(load_profile(profile).packages) == {"tcpbcc", "tlsbsc", "tlscap"}


def test_import_cycle_shows_the_chain(tmp_path: Path) -> None:
    _library(tmp_path / "a.yaml", ["apkg"], imports=("b.yaml",))
    _library(tmp_path / "b.yaml", ["bpkg"], imports=("c.yaml",))
    _library(tmp_path / "c.yaml", ["cpkg"], imports=("a.yaml",))
    profile = _profile(tmp_path / "p.yaml", ["a.yaml"], ["apkg"])
    [finding] = _errors(profile)
    assert finding.code == "LD008"
    assert finding.file.endswith("c.yaml")
    assert finding.line == _line_of(tmp_path / "c.yaml", "- a.yaml")
    chain = finding.message.removeprefix("import cycle: ").split(" → ")
    assert [Path(p).name for p in chain] == ["a.yaml", "b.yaml", "c.yaml", "a.yaml"]


def test_profile_importing_itself(tmp_path: Path) -> None:
    profile = _profile(tmp_path / "p.yaml", ["p.yaml"], [])
    [finding] = _errors(profile)
    assert finding.code == "LD008" and "p.yaml → " in finding.message


def test_missing_import_is_reported_at_the_entry(tmp_path: Path) -> None:
    profile = _profile(tmp_path / "p.yaml", ["lib/tls-tcp-pakages.yaml"], [])
    [finding] = _errors(profile)
    assert finding.code == "LD007"
    assert finding.file == str(profile)
    assert finding.line == _line_of(profile, "- lib/tls-tcp-pakages.yaml")
    assert finding.column == 5
    assert "'lib/tls-tcp-pakages.yaml' does not exist" in finding.message
    assert str(tmp_path / "lib" / "tls-tcp-pakages.yaml") in finding.message
    assert finding.yaml_path == "imports[0]"


def test_import_of_a_directory(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    profile = _profile(tmp_path / "p.yaml", ["lib"], [])
    [finding] = _errors(profile)
    assert "'lib' is a directory" in finding.message
    assert finding.line == _line_of(profile, "- lib")


def test_broken_library_reports_inside_the_library(tmp_path: Path) -> None:
    lib = _library(tmp_path / "lib.yaml", ["okpkg"])
    lib.write_text(lib.read_text().replace("    name: Package okpkg", "    nmae: Package okpkg"))
    profile = _profile(tmp_path / "p.yaml", ["lib.yaml"], [])
    findings = _errors(profile)
    assert {f.file for f in findings} == {str(lib)}
    assert any("did you mean 'name'" in f.message and f.line == _line_of(lib, "nmae") for f in findings)


def test_profile_is_not_a_library(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "samples" / "lib", tmp_path / "lib")
    shutil.copy(IMS, tmp_path / "other.yaml")
    profile = _profile(tmp_path / "p.yaml", ["other.yaml"], [])
    findings = _errors(profile)
    assert all(f.file.endswith("other.yaml") for f in findings)
    assert any("kind" in f.message for f in findings)


def test_duplicate_package_across_libraries(tmp_path: Path) -> None:
    _library(tmp_path / "one.yaml", ["tlsbsc", "onlyone"])
    two = _library(tmp_path / "two.yaml", ["tlsbsc"])
    profile = _profile(tmp_path / "p.yaml", ["one.yaml", "two.yaml"], ["tlsbsc"])
    [finding] = _errors(profile)
    assert finding.code == "SC004"
    assert finding.file == str(two)
    assert finding.line == _line_of(two, "- id: tlsbsc")
    assert "'tlsbsc' is also defined in" in finding.message and "one.yaml" in finding.message


def test_package_listed_twice_in_the_profile(tmp_path: Path) -> None:
    shutil.copy(SHARED_LIB, tmp_path / "lib.yaml")
    profile = _profile(tmp_path / "p.yaml", ["lib.yaml"], ["tcpbcc", "tlsbsc", "tcpbcc"])
    [finding] = _errors(profile)
    assert finding.code == "SC004" and "'tcpbcc' is listed twice" in finding.message
    assert finding.yaml_path == "packages[2]"


def test_use_of_unknown_package_suggests(tmp_path: Path) -> None:
    shutil.copy(SHARED_LIB, tmp_path / "lib.yaml")
    profile = _profile(tmp_path / "p.yaml", ["lib.yaml"], ["tcpbcc", "tlsbcs"])
    [finding] = _errors(profile)
    assert finding.code == "SC005"
    assert finding.message == "package 'tlsbcs' is not defined in the imported libraries; did you mean 'tlsbsc'?"
    assert finding.line == _line_of(profile, "{use: tlsbcs}")
    assert finding.yaml_path == "packages[1].use"


def test_use_without_imports(tmp_path: Path) -> None:
    profile = _profile(tmp_path / "p.yaml", [], ["tcpbcc"])
    [finding] = _errors(profile)
    assert "is not defined in any imported file (is `imports` set?)" in finding.message


def test_inline_package_and_support_level(tmp_path: Path) -> None:
    shutil.copy(SHARED_LIB, tmp_path / "lib.yaml")
    profile = _profile(tmp_path / "p.yaml", ["lib.yaml"], ["tcpbcc", "tlsbsc"])
    text = profile.read_text().replace("  - {use: tlsbsc}\n", "  - {use: tlsbsc, support: optional}\n"
                                       "  - {id: mypkg, name: My package, illustrative: true}\n")
    profile.write_text(text)
    loaded = load_profile(profile)
    assert loaded.packages["tlsbsc"].support == "optional"
    assert loaded.packages["mypkg"].origin == "inline"
    assert loaded.packages["mypkg"].yaml_path == ("packages", 2)


def test_cli_reports_import_errors_with_exit_2(tmp_path: Path) -> None:
    profile = _profile(tmp_path / "p.yaml", ["nowhere.yaml"], [])
    result = run_cli("validate", str(profile))
    assert result.returncode == 2
    assert f"{profile}:{_line_of(profile, '- nowhere.yaml')}:5: error LD007" in result.stdout
    assert "Traceback" not in result.stderr
