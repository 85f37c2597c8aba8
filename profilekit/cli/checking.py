"""`profilekit validate`: check profiles and report the findings. It loads no renderer, exporter or trace,
so that checking a profile on every save stays quick."""

from __future__ import annotations

import sys

import click

from profilekit.cli.common import baseline_option
from profilekit.cli.output import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, fail
from profilekit.findings import Severity
from profilekit.report import REPORTERS
from profilekit.report.sarif import report as sarif_report
from profilekit.validate import validate_files

FORMATS = tuple(REPORTERS)
"""The --format choices of validate: the reporters."""


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format: text, JSON, SARIF 2.1.0, or GitHub workflow annotations.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding (not suppressed) has this severity or worse.")
@baseline_option("Security baseline whose SEC and PRC rules run (`none`: guideline and TLS rules only).")
@click.option("--rules-url", metavar="URL", envvar="PROFILEKIT_RULES_URL",
              help="SARIF only: where your organisation publishes docs/rules.md; each rule then links to "
              "URL#code. Also read from PROFILEKIT_RULES_URL.")
def validate(files: tuple[str, ...], fmt: str, fail_on: str, baseline: str, rules_url: str | None) -> None:
    """Check profile FILES against H.248.TLSPROF. Exit 0 clean, 1 findings at or above --fail-on,
    2 input errors.

    Suppress a finding with a comment at the end of its line, or on a line of its own just before it;
    the reason is mandatory:

    \b
      # profilekit: disable=CODE reason="why it is acceptable"
    """
    if rules_url and "://" not in rules_url:
        fail(f"--rules-url {rules_url}: expected an absolute URL such as https://example.org/docs/rules.md")
    result = validate_files(files, baseline=baseline)
    if fmt == "sarif":
        click.echo(sarif_report(result, rules_url=rules_url), nl=False)
    else:
        click.echo(REPORTERS[fmt](result), nl=False)
    if result.input_errors:
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_FINDINGS if result.fails(Severity.parse(fail_on)) else EXIT_CLEAN)
