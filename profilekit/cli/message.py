"""`profilekit message check` and `profilekit message extract`: H.248 text messages outside a profile."""

from __future__ import annotations

import sys

import click

from profilekit.cli.common import exit_on_input_errors
from profilekit.cli.output import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, fail
from profilekit.findings import InputError
from profilekit.messages import check_files, extract, report_text
from profilekit.outputs import OutputError
from profilekit.report import REPORTERS

FORMATS = tuple(REPORTERS)


@click.group()
def message() -> None:
    """Check H.248 text messages, or write a profile's examples as message files."""


@message.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format: text, JSON, SARIF 2.1.0, or GitHub workflow annotations.")
def check(files: tuple[str, ...], fmt: str) -> None:
    """Check H.248.1 text-encoded messages (pretty or compact, one or more per file, `-` for standard input)
    and the SDP in their Local and Remote descriptors. Exit 0 valid, 1 findings, 2 unreadable input."""
    result = check_files(files)
    click.echo(report_text(result) if fmt == "text" else REPORTERS[fmt](result), nl=False)
    if result.input_errors:
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_FINDINGS if result.findings else EXIT_CLEAN)


@message.command("extract")
@click.argument("profile", type=click.Path(dir_okay=False))
@click.option("-o", "--output-dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the message files (created if needed).")
def extract_command(profile: str, output_dir: str) -> None:
    """Write every procedure example of PROFILE as a complete H.248 message (header, transaction and context
    added where the example is a fragment), one file per example: <procedure>-<step>-<command|reply>.txt.
    Exit 0 written, 1 some examples are not valid H.248 (written all the same), 2 input error."""
    try:
        result = extract(profile, output_dir)
    except InputError as exc:
        exit_on_input_errors(exc, profile)
    except (OutputError, ValueError) as exc:
        fail(str(exc))
    for path in result.written:
        click.echo(f"wrote {path}")
    for finding in result.findings:
        click.echo(f"{finding.location()}: {finding.severity.label} {finding.code} {finding.message}", err=True)
    sys.exit(EXIT_FINDINGS if result.findings else EXIT_CLEAN)


__all__ = ["EXIT_INPUT", "message"]
