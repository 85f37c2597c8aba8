"""`profilekit probe`: check a live TLS endpoint against a TLS domain of its profile."""

from __future__ import annotations

import sys

import click

from profilekit.cli.common import exit_on_input_errors
from profilekit.cli.output import EXIT_CLEAN, EXIT_FINDINGS, fail, write_stdout
from profilekit.findings import InputError
from profilekit.probe import Options, ProbeUsageError, probe_endpoint, render_json, render_text
from profilekit.report import REPORTERS
from profilekit.validate import ValidationResult

FORMATS = ("text", "json", "sarif", "github")


@click.command()
@click.argument("endpoint", metavar="HOST:PORT")
@click.argument("profile", type=click.Path(dir_okay=False))
@click.option("--domain", metavar="NAME", required=True, help="The TLS domain of PROFILE the endpoint serves.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--timeout", type=click.FloatRange(0.2, 60), default=5.0, show_default=True,
              help="Seconds any single connection or handshake may take.")
@click.option("--client-cert", type=click.Path(dir_okay=False), help="PEM client certificate to present.")
@click.option("--client-key", type=click.Path(dir_okay=False), help="PEM private key of --client-cert "
              "(read, never printed).")
@click.option("--ca", type=click.Path(dir_okay=False), help="PEM CA file the server's chain must verify to.")
@click.option("--sni", metavar="NAME", help="Server name to send (default: the domain's server_name).")
@click.option("--quiet", is_flag=True, help="No progress lines on stderr.")
def probe(endpoint: str, profile: str, domain: str, fmt: str, timeout: float, client_cert: str | None,
          client_key: str | None, ca: str | None, sni: str | None, quiet: bool) -> None:
    """Probe the TLS endpoint at HOST:PORT against TLS domain NAME of PROFILE.

    Versions, cipher suites and the server's order, groups, signature schemes, certificates, client
    authentication, compression, renegotiation, extensions, tickets and 0-RTT, each against the profile.
    Only hand-built ClientHellos and handshakes: never application data. Exit 0 conforms, 1 deviations,
    2 bad input or unreachable endpoint.
    """

    def progress(message: str) -> None:
        if not quiet:
            click.echo(f"profilekit: probe: {message}", err=True)

    options = Options(timeout=timeout, client_cert=client_cert, client_key=client_key, ca=ca, sni=sni)
    try:
        result = probe_endpoint(endpoint, profile, domain, options, progress=progress)
    except InputError as exc:
        exit_on_input_errors(exc, profile)
    except ProbeUsageError as exc:
        fail(str(exc))
    progress(f"{result.handshakes} handshakes in {result.seconds:.2f} s")
    if fmt == "text":
        text = render_text(result)
    elif fmt == "json":
        text = render_json(result)
    else:
        text = REPORTERS[fmt](ValidationResult(findings=result.findings, files=[result.profile]))
    write_stdout(text.encode("utf-8"))
    sys.exit(EXIT_CLEAN if result.conforms else EXIT_FINDINGS)
