"""How commands end and write: exit codes, one-line messages on stderr, output to a file or standard output.
Light on purpose: the entry point imports it before any command is chosen."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from profilekit.outputs import OutputError, write_atomic_creating_folder

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def fail(message: str) -> NoReturn:
    """A usage, input or output error: one line on stderr and exit 2."""
    click.echo(f"profilekit: {message}", err=True)
    sys.exit(EXIT_INPUT)


def say(kind: str, message: str) -> None:
    """A `profilekit: note|warning|error: …` line on stderr."""
    click.echo(f"profilekit: {kind}: {message}", err=True)


def emit(data: bytes, output: str | None, protect: tuple[str, ...] = ()) -> None:
    """Write a command's output to `output` (atomically, creating missing folders) or, for None or `-`, to
    standard output. Any failure is a one-line message and exit 2."""
    if output is None or output == "-":
        write_stdout(data)
        return
    try:
        write_atomic_creating_folder(output, data, protect=protect)
    except OutputError as exc:
        fail(str(exc))
    click.echo(f"wrote {output}", err=True)


def write_stdout(data: bytes) -> None:
    """A full disk (`> /dev/full`) is a one-line error; a reader that went away (`| head`) ends quietly.

    Both exit 2, and standard output is pointed at /dev/null so Python's own flush at exit stays silent.
    """
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        silence_stdout()
        if isinstance(exc, BrokenPipeError):
            sys.exit(EXIT_INPUT)
        fail(f"cannot write to standard output: {exc.strerror or exc}")


def silence_stdout() -> None:
    """Point standard output at /dev/null, so Python's own flush at exit stays silent."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
