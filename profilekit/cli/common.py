"""What several commands share beyond output: the --baseline option, the validate command to point users at,
and the report of a profile that could not be loaded."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn, TypeVar

import click

from profilekit.catalog.baselines import ALIASES, CHOICES, DEFAULT_BASELINE, canonical
from profilekit.cli.output import EXIT_INPUT
from profilekit.findings import InputError
from profilekit.report.text import render as report

F = TypeVar("F", bound=Callable[..., object])


def baseline_option(help: str) -> Callable[[F], F]:
    """The `--baseline` option: one of the catalogue's baselines or an alias of one, its default shown.

    An alias is resolved as it is parsed, so commands, reports and documents see one name per baseline
    (`--baseline rfc9325` runs, reports and titles exactly as `--baseline bcp195`)."""
    aliases = "; ".join(f"`{alias}` is an alias of `{name}`" for alias, name in ALIASES.items())
    return click.option("--baseline", type=click.Choice(CHOICES), default=DEFAULT_BASELINE, show_default=True,
                        callback=lambda _ctx, _param, value: canonical(value),
                        help=f"{help} ({aliases}.)" if aliases else help)


def exit_on_input_errors(exc: InputError, file: str) -> NoReturn:
    """FILE could not be loaded: its findings on stderr, exit 2."""
    click.echo(report(exc.findings, [file]), nl=False, err=True)
    sys.exit(EXIT_INPUT)


def validate_hint(file: str, baseline: str) -> str:
    """The validate command that reports the same findings: with --baseline when it is not the default."""
    return f"`profilekit validate {file}" + ("`" if baseline == DEFAULT_BASELINE else f" --baseline {baseline}`")
