"""`profilekit export` and `selftest`: what a gateway team takes into its build, and real TLS handshakes over
loopback. Both validate first and stop on error findings unless --force."""

from __future__ import annotations

import json
import sys

import click

from profilekit.cli.common import baseline_option, exit_on_input_errors, validate_hint
from profilekit.cli.output import EXIT_CLEAN, EXIT_FINDINGS, emit, fail, say
from profilekit.export.run import FORMATS, Checked, ExportUsageError, export_profile, selftest_profile
from profilekit.export.selftest import SelftestError, render_text
from profilekit.findings import InputError
from profilekit.probe import ProbeUsageError
from profilekit.probe import render_text as probe_text
from profilekit.probe.loopback import probe_loopback
from profilekit.probe.run import to_record as probe_record
from profilekit.report.text import render as report


def gate(file: str, checked: Checked, force: bool, verb: str, baseline: str) -> None:
    """Before an export or self-test: error findings (not suppressed) are printed on stderr and stop the
    command with exit 1, unless --force (then a warning)."""
    active, errors = checked.active, checked.errors
    if errors:
        click.echo(report(active, [file], len(checked.findings) - len(active)), nl=False, err=True)
        if checked.refused:
            say("error", f"not {verb}ing: {file} has {len(errors)} error finding(s); fix them or accept each "
                "with the comment shown under it (see "
                f"{validate_hint(file, baseline)}), or use --force to {verb} anyway")
            sys.exit(EXIT_FINDINGS)
        say("warning", f"{file} has {len(errors)} error finding(s); {verb}ing anyway (--force)")
    elif active:
        say("note", f"{file} has {len(active)} finding(s) below error; see {validate_hint(file, baseline)}")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="gateway",
              show_default=True, help="gateway: JSON for gateway builds; openssl: openssl.cnf SSL_CONF fragment; "
              "mozilla: Mozilla server-side TLS 5.7 layout.")
@click.option("--domain", metavar="NAME", help="Only this TLS domain (mozilla: its single configuration object).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to this file (atomically; missing folders are created); - or none: standard output.")
@click.option("--force", is_flag=True, help="Export even when the profile has error findings (exit status 1).")
@baseline_option("Security baseline to validate against before exporting.")
def export(file: str, fmt: str, domain: str | None, output: str | None, force: bool, baseline: str) -> None:
    """Validate FILE, then export it for gateway builds and TLS checkers.

    With error findings (not suppressed) the findings go to stderr and nothing is exported unless --force.
    Exit 0 exported, 1 error findings (exported only with --force), 2 input, usage or output error.
    """
    try:
        result = export_profile(file, fmt, domain=domain, baseline=baseline, force=force)
    except InputError as exc:
        exit_on_input_errors(exc, file)
    except ExportUsageError as exc:
        fail(str(exc))
    gate(file, result.checked, force, "export", baseline)
    for note in result.notes:
        say("note", note)
    emit(result.text.encode("utf-8"), output, result.inputs)
    sys.exit(EXIT_FINDINGS if result.checked.errors else EXIT_CLEAN)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--domain", metavar="NAME", help="Only this TLS domain.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--timeout", type=click.FloatRange(0.5, 60), default=5.0, show_default=True,
              help="Seconds any single server start or handshake may take.")
@click.option("--force", is_flag=True, help="Test even when the profile has error findings (exit status 1).")
@click.option("--probe", "with_probe", is_flag=True,
              help="Also run `profilekit probe` against each certificate domain's loopback server: the export and "
              "the probe check each other.")
@baseline_option("Security baseline to validate against before testing.")
def selftest(file: str, domain: str | None, fmt: str, timeout: float, force: bool, with_probe: bool,
             baseline: str) -> None:
    """Validate FILE, then run each TLS domain over loopback with real OpenSSL.

    With error findings (not suppressed) the findings go to stderr and nothing is tested unless --force.
    With --probe, each certificate domain is also probed; a deviation fails the self-test.
    Exit 0 passed, 1 failed or error findings, 2 input error.
    """
    try:
        run = selftest_profile(file, domain=domain, timeout=timeout, baseline=baseline, force=force)
    except InputError as exc:
        exit_on_input_errors(exc, file)
    except (ExportUsageError, SelftestError) as exc:
        fail(str(exc))
    gate(file, run.checked, force, "test", baseline)
    result = run.result
    assert result is not None  # refused runs have exited in gate
    probes = []
    if with_probe:
        try:
            probes = probe_loopback(file, domain=domain, timeout=timeout)
        except ProbeUsageError as exc:
            say("note", f"--probe: {exc}")
    if fmt == "json":
        record = result.to_record()
        if with_probe:
            record["probe"] = [probe_record(p) for p in probes]
        click.echo(json.dumps(record, indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(result), nl=False)
        for probed in probes:
            click.echo("\n" + probe_text(probed), nl=False)
    failed = result.failed or any(not p.conforms for p in probes)
    sys.exit(EXIT_FINDINGS if failed or run.checked.errors else EXIT_CLEAN)
