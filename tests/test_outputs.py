"""write_atomic: whole file or nothing, never the input, sane permissions, no temporary files left."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from profilekit.outputs import OutputError, write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_whole_file_with_umask_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    old = os.umask(0o027)
    try:
        write_atomic(target, b"{}\n")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"{}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_refuses_the_input_also_through_symlink_and_hard_link(tmp_path: Path) -> None:
    source = tmp_path / "profile.yaml"
    source.write_bytes(b"identification: {}\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(source)
    hard = tmp_path / "hard.yaml"
    os.link(source, hard)
    for target in (source, link, hard):
        with pytest.raises(OutputError, match="refusing to overwrite the input"):
            write_atomic(target, b"oops", protect=[source])
    assert source.read_bytes() == b"identification: {}\n"
    assert link.is_symlink()
    assert _leftovers(tmp_path) == []


def test_symlinked_output_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "out.md"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


@pytest.mark.parametrize("kind", ["directory", "device", "fifo"])
def test_refuses_targets_that_are_not_regular_files(tmp_path: Path, kind: str) -> None:
    if kind == "directory":
        target = tmp_path / "dir"
        target.mkdir()
    elif kind == "device":
        target = Path(os.devnull)
    else:
        target = tmp_path / "fifo"
        os.mkfifo(target)
    with pytest.raises(OutputError):
        write_atomic(target, b"x")
    assert Path(os.devnull).is_char_device()
    assert _leftovers(tmp_path) == []


def test_missing_folder_and_unwritable_folder_are_output_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.json", b"x")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root ignores folder permissions
            pytest.skip("running as root: folder permissions are not enforced")
        with pytest.raises(OutputError, match="cannot write"):
            write_atomic(locked / "out.json", b"x")
    finally:
        locked.chmod(0o700)


def test_failure_while_writing_leaves_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_a_file_where_the_folder_should_be_is_named(tmp_path: Path) -> None:
    from profilekit.outputs import write_atomic_creating_folder

    blocker = tmp_path / "afile"
    blocker.write_text("mine", encoding="utf-8")
    for target in (blocker / "x.json", blocker / "sub" / "x.json"):
        for write in (write_atomic, write_atomic_creating_folder):
            with pytest.raises(OutputError, match=f"{target}: {blocker} is a file, not a folder"):
                write(target, b"x")
    assert blocker.read_text(encoding="utf-8") == "mine" and sorted(tmp_path.iterdir()) == [blocker]
