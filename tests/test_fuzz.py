"""Fuzzing: mutated samples must validate, export (and render) cleanly or fail with positioned findings.

"Cleanly" means: the library returns a result, or raises InputError whose findings all carry a file
(and, for content problems, a line) — never another exception. Structure mutations (drop, duplicate,
swap keys, change types, hostile strings, deep fragments, aliases) and text mutations (byte flips,
truncation, inserted tabs/NULs/BOMs/unicode) both start from the shipped samples.

CI runs a bounded number of examples (FUZZ_EXAMPLES, default 150 per test; marked slow); `scripts/fuzz.py
--examples 10000` runs the long campaign. Each example has a deadline (hypothesis settings) and a
SIGALRM guard that turns a hang into a failure with the offending example.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profilekit.findings import InputError
from profilekit.load.yaml12 import load_text
from profilekit.render.outline import OutlineError
from profilekit.render.pipeline import prepare, render_bytes
from profilekit.validate import validate_files

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
HANG_SECONDS = 30
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))  # (every sample imports from samples/lib)
LIBRARY = ROOT / "samples" / "lib"
SETTINGS = settings(max_examples=EXAMPLES, deadline=dt.timedelta(seconds=10), derandomize="CI" in os.environ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture], database=None)

HOSTILE_STRINGS = [
    "", " ", "~", "null", "no", "on", "yes", "off", "y", "n", "0o17", "0x1F", "1e9999", ".nan", "-.inf",
    "12345678901234567890123456789", "1" * 5000, "é" * 300, "\u202e\u2066evil", "\ufeffbom", "\x00", "\t",
    "line\nbreak", "a: b", "- x", "[", "{", "*alias", "&anchor x", "!!python/object:os.system", "%TAG", "---",
    "...", "#", "@", "`", "|", ">", "'", '"', "\\", "<<", "ETSIprof_" + "x" * 80, "TLS1.9", "tlsv1.2",
    "TLS_FAKE_WITH_NOTHING", "ECDHE-RSA-AES128-GCM-SHA256", "0x13,0x01", "a/b", "../../../etc/passwd",
    "/dev/zero", "lib/../lib/tls-tcp-packages.yaml", "-----BEGIN CERTIFICATE-----", "3f" * 32, "🙂" * 10,
]

_SAMPLE_DATA = [load_text(p.read_text(encoding="utf-8"), str(p))[0] for p in SAMPLES]


@contextmanager
def _hang_guard(seconds: int) -> Iterator[None]:
    def alarm(signum: int, frame: Any) -> None:
        raise TimeoutError(f"example still running after {seconds} s (a hang?)")

    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _check_input_error(exc: InputError) -> None:
    assert exc.findings, "InputError without findings"
    for finding in exc.findings:
        assert finding.file, finding
        assert finding.code and finding.message, finding


def _renders(path: str) -> None:
    """Markdown and DOCX through the render library (profilekit.render.pipeline)."""
    try:
        prepared = prepare(path)
        for fmt in ("md", "docx"):
            assert render_bytes(prepared, fmt)
    except InputError as exc:
        _check_input_error(exc)
    except OutlineError:
        pass  # a user-level message the CLI prints (exit 2)


def exercise(text: bytes, name: str = "fuzz.yaml", *, render: bool = False) -> None:
    """Run every library entry point on one input; anything but a result or a clean InputError fails."""
    folder = Path(tempfile.mkdtemp(prefix="pk-fuzz-"))
    try:
        shutil.copytree(LIBRARY, folder / "lib")
        path = folder / name
        path.write_bytes(text)
        with _hang_guard(HANG_SECONDS):
            result = validate_files([str(path)])
            for finding in result.findings:
                assert finding.file and finding.code, finding
                if result.input_errors and finding.code.startswith(("SC", "LD")) and finding.code != "LD007":
                    assert finding.line >= 0
            if not result.input_errors:
                _exports(str(path))
                if render:
                    _renders(str(path))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _exports(path: str) -> None:
    from profilekit.export.run import ExportUsageError, export_profile

    for fmt in ("gateway", "openssl", "mozilla"):
        try:
            export_profile(path, fmt)
        except InputError as exc:
            _check_input_error(exc)
        except ExportUsageError:
            pass  # e.g. mozilla export of a profile with several domains: a usage message, not a crash


# --- structure mutations ------------------------------------------------------------------------------

def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _paths(value, (*prefix, i))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


scalars = st.one_of(st.sampled_from(HOSTILE_STRINGS), st.text(max_size=40), st.integers(), st.booleans(),
                    st.none(), st.floats(allow_nan=True), st.binary(max_size=20).map(lambda b: b.hex()))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                      max_leaves=12)


@st.composite
def mutated_structure(draw: st.DrawFn) -> bytes:
    data = copy.deepcopy(draw(st.sampled_from(_SAMPLE_DATA)))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        parent_path, last = path[:-1], path[-1] if path else None
        parent = _get(data, parent_path) if path else None
        action = draw(st.sampled_from(["drop", "retype", "hostile", "deep", "alias", "swap", "add"]))
        if parent is None or last is None:
            continue
        if action == "drop":
            del parent[last]
        elif action == "retype":
            parent[last] = draw(values)
        elif action == "hostile":
            parent[last] = draw(st.sampled_from(HOSTILE_STRINGS))
        elif action == "deep":
            depth = draw(st.integers(1, 80))
            node: Any = draw(scalars)
            for _ in range(depth):
                node = [node] if draw(st.booleans()) else {"k": node}
            parent[last] = node
        elif action == "alias":  # share one object: the dumper writes an anchor and aliases
            other = _get(data, draw(st.sampled_from(paths)))
            if other is not data and not _contains(other, parent):
                parent[last] = other
        elif action == "swap" and isinstance(parent, dict) and len(parent) > 1:
            keys = list(parent)
            a, b = draw(st.sampled_from(keys)), draw(st.sampled_from(keys))
            parent[a], parent[b] = parent[b], parent[a]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from([*HOSTILE_STRINGS[:20], "psk", "password", "nmae", "tls_"]))] = draw(values)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if draw(st.booleans()):  # duplicate a top-level key by repeating a line
        lines = text.splitlines(keepends=True)
        tops = [line for line in lines if line and not line[0].isspace() and ":" in line]
        if tops:
            text += draw(st.sampled_from(tops))
    return text.encode("utf-8")


def _contains(container: Any, item: Any) -> bool:
    if container is item:
        return True
    if isinstance(container, dict):
        return any(_contains(v, item) for v in container.values())
    if isinstance(container, list):
        return any(_contains(v, item) for v in container)
    return False


# --- text mutations -----------------------------------------------------------------------------------

INSERTS = [b"\t", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\r", b"\r\n", b": ", b"- ", b"&a ", b"*a", b"!!str ",
           b"{", b"]", b"'", b'"', b"#", b"\xe2\x80\xae", b"\xc3", b"\xed\xa0\x80", b"---\n", b"%YAML 1.1\n",
           b"<<: *a\n", "üñî©ødé".encode(), b"\x1b[31m", b"\x85", b"\xc2\x85"]


@st.composite
def mutated_text(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SAMPLES)).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "truncate", "insert", "unicode", "delete", "repeat"]))
        if action == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "truncate":
            del data[at:]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(INSERTS))
        elif action == "unicode":
            data[at:at] = draw(st.text(min_size=1, max_size=8)).encode("utf-8", "surrogatepass")
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        else:
            end = min(len(data), at + draw(st.integers(1, 200)))
            data[at:at] = data[at:end] * draw(st.integers(1, 5))
    return bytes(data)


@pytest.mark.slow
@SETTINGS
@given(mutated_structure())
def test_structure_mutations(text: bytes) -> None:
    exercise(text)


@pytest.mark.slow
@SETTINGS
@given(mutated_text())
def test_text_mutations(text: bytes) -> None:
    exercise(text)


# Rendering a DOCX costs ~0.1 s, so fewer examples go all the way through render.
@pytest.mark.slow
@settings(SETTINGS, max_examples=max(10, EXAMPLES // 5))
@given(st.one_of(mutated_structure(), mutated_text()))
def test_mutations_through_render(text: bytes) -> None:
    exercise(text, render=True)


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_unmutated_samples_pass_through_every_entry_point(sample: Path) -> None:
    exercise(sample.read_bytes(), sample.name, render=True)


# Found by the long fuzz run (scripts/fuzz.py): export/mozilla.py derived certificate signature hashes by
# splitting signature algorithm names at '_', which `ed25519` has not (IndexError, an internal error).
def test_found_by_fuzzing_mozilla_export_with_ed25519_and_no_signature_hashes() -> None:
    sample = ROOT / "samples" / "ims-msrp-tls-relay.yaml"
    text = sample.read_text(encoding="utf-8").replace("        signature_hashes: [sha256, sha384]\n", "")
    text = text.replace("signature_algorithms: [ecdsa_secp256r1_sha256,", "signature_algorithms: [ed25519,", 1)
    exercise(text.encode("utf-8"), "mozilla-ed25519.yaml")
