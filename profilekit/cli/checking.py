"""`profilekit validate`, `requirements` and `rules`: check profiles, trace the guideline's requirements,
list the rules. These load no renderer or exporter."""

from __future__ import annotations

import sys
from typing import Any

import click

from profilekit.cli.common import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, baseline_option, fail
from profilekit.findings import InputError, Severity
from profilekit.load.profile import load_profile
from profilekit.report import REPORTERS
from profilekit.report import requirements as requirement_report
from profilekit.report.sarif import report as sarif_report
from profilekit.rules import docs as rule_docs
from profilekit.trace import requirement_catalogue, trace
from profilekit.validate import check_loaded, validate_files

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


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True,
              help="`md` prints docs/rules.md.")
def rules(fmt: str) -> None:
    """List the rules: code, severity, title and references."""
    renderers = {"text": rule_docs.render_text, "json": rule_docs.render_json, "md": rule_docs.render_markdown}
    click.echo(renderers[fmt](), nl=False)


@click.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@baseline_option("With FILE: security baseline whose rules run. Baseline findings never change a requirement's "
                 "status; they are listed after the table (`none`: guideline and TLS rules only).")
def requirements(file: str | None, fmt: str, baseline: str) -> None:
    """Trace the 56 H.248.TLSPROF requirements: how each is covered, and with FILE its status there.

    Statuses: satisfied; remarks (met, but warnings cite it); deviation (only suppressed findings, with
    the editor's reason); violated (an error cites it); not_applicable; implementation_only.
    Exit 0 (it is a report; `validate` decides pass/fail), 2 when FILE cannot be loaded.
    """
    findings: list[Any] = []
    if file is None:
        items = requirement_catalogue()
    else:
        try:
            loaded = load_profile(file)
        except InputError as exc:
            for finding in exc.findings:
                click.echo(f"{finding.location()}: {finding.severity.label} {finding.code} {finding.message}",
                           err=True)
            sys.exit(EXIT_INPUT)
        findings = check_loaded(loaded, baseline=baseline)
        items = trace(loaded, findings, baseline=baseline)
    render = requirement_report.render_json if fmt == "json" else requirement_report.render_text
    click.echo(render(items, file, baseline=baseline, findings=findings), nl=False)
