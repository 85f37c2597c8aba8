"""`profilekit diff`: what changed between two versions of a profile."""

from __future__ import annotations

import sys

import click

from profilekit.cli.output import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, emit, say
from profilekit.findings import InputError
from profilekit.report.text import render as report
from profilekit.revisions.diff import diff_files
from profilekit.revisions.report import REPORTS


@click.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(list(REPORTS)), default="text", show_default=True,
              help="text for the terminal, md for a pull request, json (a list of changes), json-patch "
              "(RFC 6902, from OLD's model dump to NEW's).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write (atomically); default standard output.")
def diff(old: str, new: str, fmt: str, output: str | None) -> None:
    """Compare what two profiles specify (imports resolved), item by item, matched by identity.

    Comments, key order, quoting and YAML style do not count. Each change names the document clause
    (and table) it lands in and its line in both files. Exit 0 same, 1 different, 2 bad input.
    """
    try:
        result = diff_files(old, new)
    except InputError as exc:
        click.echo(report(exc.findings, [old, new]), nl=False, err=True)
        sys.exit(EXIT_INPUT)
    for warning in result.warnings:
        say("warning", warning)
    emit(REPORTS[fmt](result).encode("utf-8"), output,
         protect=(old, new, *result.old.libraries, *result.new.libraries))
    sys.exit(EXIT_CLEAN if result.same else EXIT_FINDINGS)

