"""What the commands share: exit codes, messages on stderr, the --baseline option and writing output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn, TypeVar

import click

from profilekit.catalog.baselines import BASELINES, DEFAULT_BASELINE
from profilekit.findings import InputError
from profilekit.outputs import OutputError, write_atomic_creating_folder
from profilekit.report.text import render as report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2

F = TypeVar("F", bound=Callable[..., object])


def baseline_option(help: str) -> Callable[[F], F]:
    """The `--baseline` option: one of the catalogue's baselines, its default shown."""
    return click.option("--baseline", type=click.Choice(BASELINES), default=DEFAULT_BASELINE, show_default=True,
                        help=help)


def fail(message: str) -> NoReturn:
    """A usage, input or output error: one line on stderr and exit 2."""
    click.echo(f"profilekit: {message}", err=True)
    sys.exit(EXIT_INPUT)


def say(kind: str, message: str) -> None:
    """A `profilekit: note|warning|error: …` line on stderr."""
    click.echo(f"profilekit: {kind}: {message}", err=True)


def exit_on_input_errors(exc: InputError, file: str) -> NoReturn:
    """FILE could not be loaded: its findings on stderr, exit 2."""
    click.echo(report(exc.findings, [file]), nl=False, err=True)
    sys.exit(EXIT_INPUT)


def validate_hint(file: str, baseline: str) -> str:
    """The validate command that reports the same findings: with --baseline when it is not the default."""
    return f"`profilekit validate {file}" + ("`" if baseline == DEFAULT_BASELINE else f" --baseline {baseline}`")


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

