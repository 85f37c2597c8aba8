"""`profilekit new`, `schema` and `ciphers`: a starting profile, the JSON Schemas, the cipher-suite catalogue."""

from __future__ import annotations

import contextlib
import os

import click

from profilekit.catalog.listing import RENDERERS, FilterError, select
from profilekit.cli.common import emit, fail, write_stdout
from profilekit.export.gateway_schema import gateway_schema
from profilekit.model.schema import dumps, schema_for
from profilekit.newprofile import new_profile_text
from profilekit.outputs import OutputError, write_atomic


@click.command()
@click.option("--kind", type=click.Choice(["profile", "package-library", "gateway"]), default="profile",
              show_default=True, help="Which document's schema to print.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to this file (atomically; missing folders are created); - or none: standard output.")
def schema(kind: str, output: str | None) -> None:
    """Print a JSON Schema: of profile files, package libraries, or the gateway export."""
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
