"""Writing output files atomically: a temporary file in the same folder, then rename; never the input."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """An output cannot be written (a message for the user, not a crash)."""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_in_the_way(folder: str | Path) -> Path | None:
    """The first of `folder` and its parents that exists but is not a folder (a file where a folder is
    needed), or None. Symbolic links are followed."""
    probe = Path(folder)
    while True:
        if probe.exists() and not probe.is_dir():
            return probe
        if probe.exists() or probe.parent == probe or str(probe) in ("", "."):
            return None
        probe = probe.parent


def not_a_folder_message(path: str | Path, folder: str | Path) -> str | None:
    """`PATH: X is a file, not a folder` when a file stands where `folder` (or one of its parents) should be."""
    blocker = file_in_the_way(folder)
    if blocker is None:
        return None
    what = "is a file, not a folder" if blocker.is_file() else "is not a folder"
    return f"{path}: {what}" if blocker == Path(path) else f"{path}: {blocker} {what}"


def write_atomic(path: str | Path, data: bytes, *, protect: Iterable[str | Path] = ()) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one, never a part.

    - The bytes go to a temporary file beside the target, are flushed and fsynced, then renamed over it;
      on any failure (or Ctrl-C) the temporary file is removed and the target is untouched.
    - A symlinked target is written through: the file it points to is replaced, the link stays.
    - Refused: overwriting any `protect` path (the input files), also through a symlink or a hard link;
      a target that exists and is not a regular file (a directory, /dev/null, a FIFO).
    - Mode: an existing target keeps its permissions; a new one gets 0666 less the umask, like any file.
    """
    target = Path(path)
    if target.is_symlink():
        try:
            target = target.resolve(strict=False)
        except (OSError, RuntimeError) as exc:  # a symlink loop
            raise OutputError(f"{path}: cannot follow the symbolic link ({exc})") from None
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(not_a_folder_message(path, target.parent) or f"{path}: {exc.strerror or exc}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{path}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"{path}: exists and is not a regular file; refusing to replace it")
        for item in protect:
            try:
                if os.path.samefile(target, item):
                    raise OutputError(f"{path}: refusing to overwrite the input file {item}")
            except OSError:  # the protected file is gone or unreadable: nothing to protect
                continue
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(not_a_folder_message(path, folder) or f"{path}: folder {folder} does not exist")
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); best effort, as some file systems refuse to fsync a folder."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic_creating_folder(path: str | Path, data: bytes, *, protect: Iterable[str | Path] = ()) -> None:
    """`write_atomic`, first creating the target's missing folders (as `profilekit build -o DIR` does).

    Folders created here are removed again when the write fails, so a failure leaves nothing behind.
    """
    folder = Path(path).parent
    blocked = not_a_folder_message(path, folder)
    if blocked is not None:
        raise OutputError(blocked)
    created: list[Path] = []
    probe = folder
    while str(probe) not in ("", ".") and not probe.exists() and not probe.is_symlink():
        created.append(probe)
        probe = probe.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _remove_empty(created)
        raise OutputError(f"{path}: cannot create the folder {folder} ({exc.strerror or exc})") from None
    try:
        write_atomic(path, data, protect=protect)
    except BaseException:
        _remove_empty(created)
        raise


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:  # deepest first
        with contextlib.suppress(OSError):
            folder.rmdir()


def regenerate(path: Path, text: str, *, check: bool, command: str) -> int:
    """Write a generated file (docs/rules.md, docs/baselines.md), or with `check` only say whether it is current:
    exit status 1, with the `command` that regenerates it, when it is stale."""
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is stale: run `{command}`", file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
    print(f"wrote {path}")
    return 0
