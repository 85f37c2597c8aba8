"""Hostile input, one case per class: a clear positioned (or file-level) error, exit 2, nothing written.

Every case runs the CLI (`validate`, and `export -o` / `render -o` where they exist) with a timeout that
turns a hang into a failure; the output path must not exist afterwards. Cases whose regression would be a
hang on a device or FIFO, or unbounded memory, or that set a limit in the environment (read at import
time), run as a real process (REAL_PROCESS), which the timeout kills without taking pytest down with it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, run_cli, run_cli_process

from profilekit.load.yaml12 import ALIAS_BUDGET, MAX_DEPTH, MAX_FILE_BYTES

SAMPLE = ROOT / "samples" / "ims-msrp-tls-relay.yaml"
LIBRARY = ROOT / "samples" / "lib" / "tls-tcp-packages.yaml"
HANG_GUARD = 60  # seconds; a hang fails the test instead of blocking CI (not a speed assertion)


def _sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def _with_import(folder: Path, entry: str) -> Path:
    """The sample profile with its one import replaced by `entry`."""
    path = folder / "profile.yaml"
    text = _sample_text().replace("  - lib/tls-tcp-packages.yaml", f"  - {entry}")
    path.write_text(text, encoding="utf-8")
    return path


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    """`data` as folder/name, beside a copy of the sample package library (so the sample's import resolves)."""
    (folder / "lib").mkdir(exist_ok=True)
    shutil.copy(LIBRARY, folder / "lib" / LIBRARY.name)
    path = folder / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]
    code: str
    fragment: str
    where: tuple[int, int] | None  # (line, column) or None for a file-level finding
    env: tuple[tuple[str, str], ...] = ()


def _bomb(tmp: Path) -> Path:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return _write(tmp, "bomb.yaml", "\n".join(lines) + "\n")


def _bomb_in_profile(tmp: Path) -> Path:
    """Aliases inside a valid-looking profile: the shared value would be validated once per use."""
    text = _sample_text().replace("sdp_optional:\n", "x_values: &v [" + ", ".join(["v"] * 1000) + "]\n"
                                  + "sdp_optional:\n" + "".join(f"  - {{element: e{i}, values: *v}}\n"
                                                                for i in range(ALIAS_BUDGET // 1000 + 5)), 1)
    return _write(tmp, "alias-profile.yaml", text)


def _deep_block(tmp: Path) -> Path:
    text = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "v\n"
    return _write(tmp, "deep.yaml", text)


def _deep_alias(tmp: Path) -> Path:
    half = MAX_DEPTH // 2 + 4
    inner = "[" * half + "x" + "]" * half
    return _write(tmp, "deep-alias.yaml", f"a: &a {inner}\nb: &b {'[' * half}*a{']' * half}\n")


def _sparse_large(tmp: Path) -> Path:
    path = tmp / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used, refused before reading
    return path


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.yaml"
    os.mkfifo(path)
    return path


def _fifo_import(tmp: Path) -> Path:
    os.mkfifo(tmp / "lib.yaml")
    return _with_import(tmp, "lib.yaml")


def _import_loop(tmp: Path) -> Path:
    (tmp / "a.yaml").write_text("kind: package_library\nimports: [b.yaml]\npackages: []\n", encoding="utf-8")
    (tmp / "b.yaml").write_text("kind: package_library\nimports: [a.yaml]\npackages: []\n", encoding="utf-8")
    return _with_import(tmp, "a.yaml")


def _import_too_large(tmp: Path) -> Path:
    with (tmp / "big.yaml").open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES)  # alone within the limit, with the profile beyond it
    return _with_import(tmp, "big.yaml")


CASES: dict[str, Case] = {
    "alias bomb": Case(_bomb, "LD005", "aliases expand the document too much", (5, 45)),
    "aliases expanding a profile": Case(_bomb_in_profile, "LD005", "aliases expand the document too much", None),
    "recursive alias": Case(lambda t: _write(t, "rec.yaml", "a: &a {b: [*a]}\n"), "LD005",
                            "refers to a collection that contains it", (1, 12)),
    "deep block nesting": Case(_deep_block, "LD005", f"nesting deeper than {MAX_DEPTH} levels", None),
    "deep flow nesting": Case(lambda t: _write(t, "flow.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n"), "LD005",
                              f"nesting deeper than {MAX_DEPTH} levels", None),
    "depth through an alias": Case(_deep_alias, "LD005", "through alias *a", (2, 43)),
    "file over the size limit": Case(_sparse_large, "LD005", f"the limit is {MAX_FILE_BYTES:,}", None),
    "too many nodes (default limit)": Case(
        lambda t: _write(t, "many.yaml", "a: [" + "1," * 600_000 + "1]\n"), "LD005",
        "more than 500,000 keys and values", None),
    "too many nodes (limit from the environment)": Case(
        lambda t: _write(t, "many.yaml", "a: [" + "1," * 2000 + "1]\n"), "LD005", "more than 1,000 keys and values",
        (1, 1999), env=(("PROFILEKIT_MAX_NODES", "1000"),)),
    "NUL byte": Case(lambda t: _write(t, "nul.yaml", b"identification:\n  name: A\x00B\n"), "LD003",
                     "NUL byte", (2, 10)),
    "Windows-1252 text": Case(
        lambda t: _write(t, "cp1252.yaml", "summary: caf\u00e9 \u201cquoted\u201d\n".encode("cp1252")),
        "LD003", "not UTF-8: byte 0xe9", (1, 13)),
    "UTF-16 with BOM": Case(lambda t: _write(t, "utf16.yaml", "summary: x\n".encode("utf-16")), "LD003",
                            "UTF-16 (little-endian) text with a byte-order mark", None),
    "UTF-16 without BOM": Case(lambda t: _write(t, "utf16be.yaml", "summary: x\n".encode("utf-16-be")), "LD003",
                               "looks like UTF-16", None),
    "tab indentation": Case(lambda t: _write(t, "tab.yaml", "identification:\n\tname: A\n"), "LD001",
                            "tab: YAML does not allow tabs", (2, 1)),
    "duplicate key": Case(lambda t: _write(t, "dup.yaml", "summary: a\nscope: b\nsummary: c\n"), "LD002",
                          "duplicate key 'summary' (first defined at line 1, column 1)", (3, 1)),
    "second document": Case(lambda t: _write(t, "two.yaml", "summary: a\n---\nsummary: b\n"), "LD001",
                            "found another document", (2, 1)),
    "merge key": Case(lambda t: _write(t, "merge.yaml", "a: &a {x: 1}\nb:\n  <<: *a\n"), "LD004",
                      "merge keys", (3, 3)),
    "python tag": Case(lambda t: _write(t, "tag.yaml", "summary: !!python/object:os.system [echo]\n"), "LD006",
                       "unsupported tag", (1, 10)),
    "profile is a FIFO": Case(_fifo, "LD007", "is a FIFO (named pipe), not a regular file", None),
    "profile is a device": Case(lambda t: Path("/dev/zero"), "LD007", "is a character device", None),
    "profile is missing": Case(lambda t: t / "nope.yaml", "LD007", "no such file", None),
    "import of /dev/zero": Case(lambda t: _with_import(t, "/dev/zero"), "LD007",
                                "imported file '/dev/zero' is a character device", (8, 5)),
    "import of a FIFO": Case(_fifo_import, "LD007", "imported file 'lib.yaml' is a FIFO", (8, 5)),
    "import of a directory": Case(lambda t: (t / "lib").mkdir() or _with_import(t, "lib"), "LD007",
                                  "imported file 'lib' is a directory", (8, 5)),
    "import of a missing file": Case(lambda t: _with_import(t, "lib/nope.yaml"), "LD007",
                                     "imported file 'lib/nope.yaml' does not exist", (8, 5)),
    "import of itself": Case(lambda t: _with_import(t, "profile.yaml"), "LD008", "import cycle", (8, 5)),
    "import loop": Case(_import_loop, "LD008", "import cycle", (2, 11)),
    "imports over the size budget": Case(_import_too_large, "LD005", "is too large", (8, 5)),
    "import path with NUL": Case(lambda t: _with_import(t, '"lib\\0.yaml"'), "LD003", "control character U+0000",
                                 (8, 5)),
}


REAL_PROCESS = frozenset({"alias bomb", "aliases expanding a profile", "deep flow nesting",
                          "too many nodes (default limit)", "too many nodes (limit from the environment)",
                          "profile is a FIFO", "profile is a device", "import of /dev/zero", "import of a FIFO"})


def _runner(name: str) -> Callable[..., subprocess.CompletedProcess[str]]:
    """A real process for the cases in REAL_PROCESS, in-process for the others."""
    return run_cli_process if name in REAL_PROCESS else run_cli


def _pick(result_stdout: str, code: str) -> list[dict[str, object]]:
    report = json.loads(result_stdout)
    return [f for f in report["findings"] if f["code"] == code]


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_is_a_clean_error(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    for key, value in case.env:
        monkeypatch.setenv(key, value)
    target = case.make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = _runner(name)("validate", "--format", "json", str(target), timeout=HANG_GUARD)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    findings = _pick(result.stdout, case.code)
    assert findings, result.stdout
    matching = [f for f in findings if case.fragment in str(f["message"])]
    assert matching, [f["message"] for f in findings]
    if case.where is not None:
        assert (matching[0]["line"], matching[0]["column"]) == case.where, matching[0]
    else:
        assert matching[0]["file"], matching[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # validate writes nothing


def test_profile_that_is_a_directory(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path), timeout=HANG_GUARD)  # click refuses it as a usage error
    assert result.returncode == 2 and "is a directory" in result.stderr


# The text format names the file and position the way editors jump to them.
def test_text_report_is_compiler_style(tmp_path: Path) -> None:
    target = _write(tmp_path, "dup.yaml", "summary: a\nsummary: b\n")
    result = run_cli("validate", str(target), timeout=HANG_GUARD)
    assert result.returncode == 2
    assert re.search(rf"{re.escape(str(target))}:2:1: error LD002 duplicate key 'summary'", result.stdout)


OUTPUT_CASES = ["alias bomb", "deep flow nesting", "NUL byte", "UTF-16 with BOM", "profile is a FIFO",
                "import of /dev/zero", "import loop", "tab indentation"]


@pytest.mark.parametrize("name", OUTPUT_CASES)
def test_failed_export_writes_nothing(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    target = case.make(tmp_path)
    out = tmp_path / "out" / "gateway.json"
    out.parent.mkdir()
    result = _runner(name)("export", str(target), "-o", str(out), timeout=HANG_GUARD)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert case.code in result.stderr and "Traceback" not in result.stderr
    assert list(out.parent.iterdir()) == []


@pytest.mark.skipif(importlib.util.find_spec("profilekit.render") is None, reason="render is not on this branch")
@pytest.mark.parametrize("name", OUTPUT_CASES[:2])
@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_failed_render_writes_nothing(name: str, suffix: str, tmp_path: Path) -> None:
    case = CASES[name]
    target = case.make(tmp_path)
    out = tmp_path / "out" / f"profile{suffix}"
    out.parent.mkdir()
    result = _runner(name)("render", str(target), "-o", str(out), timeout=HANG_GUARD)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert list(out.parent.iterdir()) == []


def test_yaml11_words_stay_strings_where_text_is_expected(tmp_path: Path) -> None:
    text = _sample_text().replace("  - {abbreviation: TLS, expansion: Transport Layer Security}",
                                  "  - {abbreviation: TLS, expansion: Transport Layer Security}\n"
                                  "  - {abbreviation: NO, expansion: on}\n  - {abbreviation: Y, expansion: off}")
    target = _write(tmp_path, "words.yaml", text)
    result = run_cli("validate", "--format", "json", str(target), timeout=HANG_GUARD)
    assert result.returncode == 0, result.stdout
    from profilekit.load.profile import load_profile

    loaded = load_profile(target)
    pairs = {(a.abbreviation, a.expansion) for a in loaded.profile.abbreviations}
    assert {("NO", "on"), ("Y", "off")} <= pairs


def test_yaml11_boolean_where_a_boolean_is_expected(tmp_path: Path) -> None:
    text = _sample_text().replace("  segmentation: false", "  segmentation: no")
    target = _write(tmp_path, "bool.yaml", text)
    result = run_cli("validate", str(target), timeout=HANG_GUARD)
    assert result.returncode == 2
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t == "  segmentation: no")
    assert f"bool.yaml:{line}:17: error SC003 transport.segmentation: " in result.stdout
    assert "YAML 1.2 reads yes/no/on/off as text, so write true or false" in result.stdout


def test_unreadable_file(tmp_path: Path) -> None:
    target = _write(tmp_path, "secret.yaml", "summary: x\n")
    target.chmod(0)
    if os.access(target, os.R_OK):
        pytest.skip("running as root: file permissions are not enforced")
    result = run_cli("validate", str(target), timeout=HANG_GUARD)
    assert result.returncode == 2 and "permission denied" in result.stdout


def test_dev_stdin_from_a_pipe_is_refused() -> None:
    result = run_cli_process("validate", "/dev/stdin", input="summary: x\n", timeout=HANG_GUARD)  # fd 0: a pipe
    assert result.returncode == 2
    assert "/dev/stdin: error LD007 is a FIFO (named pipe), not a regular file" in result.stdout


def test_control_character_escape_in_a_quoted_value(tmp_path: Path) -> None:
    # YAML lets "\x01" through as an escape; Word documents (XML) cannot carry it: refused at load time,
    # not an internal error in the DOCX renderer.
    text = _sample_text().replace("  title: H.248 profile for an IMS access gateway",
                                  '  title: "H.248 profile \\x01 for an IMS access gateway', 1)
    text = text.replace("relaying MSRP over TLS to MSRP over TCP\n", 'relaying MSRP over TLS to MSRP over TCP"\n', 1)
    target = _write(tmp_path, "ctrl.yaml", text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "\\x01" in t)
    out = tmp_path / "out.docx"
    for args in (("validate", str(target)), ("render", str(target), "-o", str(out))):
        result = run_cli(*args, timeout=HANG_GUARD)
        assert result.returncode == 2, result.stdout + result.stderr
        assert f"ctrl.yaml:{line}:10: error LD003 control character U+0001" in result.stdout + result.stderr
        assert "internal error" not in result.stderr
    assert not out.exists()
