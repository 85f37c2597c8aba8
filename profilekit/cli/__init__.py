"""The `profilekit` command: thin click commands that call one library function and pick a reporter.

Each command lives in the module named in COMMANDS and is imported only when it runs (or when help lists
it), so `profilekit validate` does not load the renderers and exporters; every module imports at its top.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Any, NoReturn

import click

from profilekit import __version__
from profilekit.cli.output import EXIT_INPUT, fail, silence_stdout

COMMANDS: dict[str, str] = {
    "validate": "checking",
    "rules": "reference", "baselines": "reference", "requirements": "reference", "ciphers": "reference",
    "schema": "reference",
    "new": "reference",
    "render": "documents", "build": "building",
    "export": "gateway", "selftest": "gateway",
    "probe": "probe",
    "message": "message",
    "diff": "revisions",
}
"""Command name → the module of profilekit.cli that defines it (a click command of the same name)."""


class LazyGroup(click.Group):
    """A group whose commands are imported from their module when they are used (click's documented
    pattern for lazy subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        command = getattr(importlib.import_module(f"profilekit.cli.{COMMANDS[cmd_name]}"), cmd_name)
        if not isinstance(command, click.Command):
            raise TypeError(f"profilekit.cli.{COMMANDS[cmd_name]}.{cmd_name} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="profilekit")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Write, check and publish ITU-T H.248 profiles that secure TCP bearers with TLS."""
    ctx.obj = {"debug": debug}


def main(argv: list[str] | None = None) -> Any:
    """Entry point: user errors become messages; internal errors a one-line report (traceback with --debug)."""
    args = sys.argv[1:] if argv is None else argv
    # pydantic looks for plugins through importlib.metadata at the first model build (~20 ms of every
    # start-up); profilekit uses none. A user who sets the variable keeps their value.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        return cli.main(args=args, prog_name="profilekit", standalone_mode=True)
    except OSError as exc:
        if not _stdout_broken(exc):
            raise_or_report(exc, args)
        silence_stdout()
        if isinstance(exc, BrokenPipeError):  # the reader went away (`| head`): nothing to say
            sys.exit(EXIT_INPUT)
        fail(f"cannot write to standard output: {exc.strerror or exc}")
    except Exception as exc:  # pragma: no cover - only on bugs
        raise_or_report(exc, args)


def _stdout_broken(exc: OSError) -> bool:
    """Whether `exc` is a failed write to standard output (full disk, closed pipe): files profilekit writes
    go through profilekit.outputs and become OutputError; a write error without a file name is stdout's."""
    return exc.filename is None and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EPIPE, errno.EFBIG)


def raise_or_report(exc: Exception, args: list[str]) -> NoReturn:
    """An internal error: the traceback with --debug, else one line asking for a report."""
    if "--debug" in args:
        raise exc
    click.echo(f"profilekit: internal error: {type(exc).__name__}: {exc} (rerun with --debug for "
               "details, and please report it)", err=True)
    sys.exit(EXIT_INPUT)
