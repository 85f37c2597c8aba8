"""The reference commands: `profilekit rules`, `baselines` and `requirements` (the rules, each baseline's
statements and what checks them, and the guideline's requirements traced), `schema` (the JSON Schemas),
`ciphers` (the cipher-suite catalogue) and `new` (a starting profile)."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

import click

from profilekit.catalog.baselines import CHOICES
from profilekit.catalog.listing import RENDERERS, FilterError, select
from profilekit.cli.common import baseline_option
from profilekit.cli.output import EXIT_INPUT, emit, fail, write_stdout
from profilekit.export.gateway_schema import gateway_schema
from profilekit.findings import InputError
from profilekit.load.profile import load_profile
from profilekit.model.schema import dumps, schema_for
from profilekit.newprofile import new_profile_text
from profilekit.outputs import OutputError, write_atomic
from profilekit.report import requirements as requirement_report
from profilekit.rules import baseline_docs
from profilekit.rules import docs as rule_docs
from profilekit.trace import requirement_catalogue, trace
from profilekit.validate import check_loaded


@click.command()
@click.option("--kind", type=click.Choice(["profile", "package-library", "gateway", "change-request"]),
              default="profile", show_default=True,
              help="Which document's schema to print (change-request: the CR.yaml of `render --cr`).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to this file (atomically; missing folders are created); - or none: standard output.")
def schema(kind: str, output: str | None) -> None:
    """Print a JSON Schema: of profile files, package libraries, CR files, or the gateway export."""
    emit(dumps(gateway_schema() if kind == "gateway" else schema_for(kind)).encode("utf-8"), output)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--name", default="ETSIprof_Example_TLS", show_default=True, help="Profile name.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def new(file: str, name: str, force: bool) -> None:
    """Write a commented starting profile to FILE (- for standard output) that validates as it is."""
    if file != "-" and os.path.exists(file) and not force:
        fail(f"{file}: already exists (use --force to overwrite)")
    try:
        data = new_profile_text(name=name).encode("utf-8")
    except ValueError as exc:
        fail(str(exc))
    if file == "-":
        write_stdout(data)
        return
    try:
        write_atomic(file, data)
    except OutputError as exc:
        fail(str(exc))
    with contextlib.suppress(OSError):  # the file is written: a confirmation that cannot be shown is no failure
        click.echo(f"wrote {file}; next: profilekit validate {file}", err=True)


@click.command()
@click.option("--filter", "filters", multiple=True, metavar="TEXT",
              help="Name substring or KEY=VALUE (see above); repeat to combine.")
@click.option("--recommended", is_flag=True, help="Only suites IANA marks Recommended: Y.")
@click.option("--tls13", is_flag=True, help="Only TLS 1.3 suites.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
def ciphers(filters: tuple[str, ...], recommended: bool, tls13: bool, fmt: str) -> None:
    """List the cipher-suite catalogue: IANA name, code point, OpenSSL name, key exchange,
    authentication, cipher, mode, MAC, AEAD, forward secrecy, versions, IANA Recommended.

    \b
    --filter TEXT matches a substring of the IANA or OpenSSL name, ignoring case (GCM, ECDHE-RSA).
    --filter KEY=VALUE matches a field: kx, auth, cipher, mode, mac, bits; aead, fs, export,
    recommended, tls13 take yes/no; version=TLS1.2 keeps suites usable with that version.
    \b
    Examples:
      profilekit ciphers --filter kx=ecdhe --filter aead=yes
      profilekit ciphers --recommended --format json
    """
    try:
        suites = select(filters, recommended=recommended, tls13=tls13)
    except FilterError as exc:
        raise click.BadParameter(str(exc), param_hint="--filter") from None
    click.echo(RENDERERS[fmt](suites), nl=False)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True,
              help="`md` prints docs/rules.md.")
def rules(fmt: str) -> None:
    """List the rules: code, severity, title and references."""
    renderers = {"text": rule_docs.render_text, "json": rule_docs.render_json, "md": rule_docs.render_markdown}
    click.echo(renderers[fmt](), nl=False)


@click.command()
@click.option("--baseline", type=click.Choice(CHOICES), default=None,
              help="Only this baseline's statements (default: every baseline).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True,
              help="`md` without --baseline prints docs/baselines.md.")
def baselines(baseline: str | None, fmt: str) -> None:
    """List each security baseline's normative statements, and what checks each one.

    For every statement: its source section, keyword (MUST, SHOULD, MAY), and either the rules that check
    it, with their severity under that baseline (MUST → error, SHOULD → warning, MAY → info), or why a
    profile cannot decide it (e.g. ticket-key destruction, which happens inside the gateway).
    """
    renderers = {"text": baseline_docs.render_text, "json": baseline_docs.render_json,
                 "md": baseline_docs.render_markdown}
    click.echo(renderers[fmt](baseline), nl=False)


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
