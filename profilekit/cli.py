"""The `profilekit` command: thin click commands that call one library function and pick a reporter."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any, NoReturn

import click

from profilekit import __version__
from profilekit.catalog.baselines import BASELINES, DEFAULT_BASELINE

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _fail(message: str) -> NoReturn:
    click.echo(f"profilekit: {message}", err=True)
    sys.exit(EXIT_INPUT)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="profilekit")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Write, check and publish ITU-T H.248 profiles that secure TCP bearers with TLS."""
    ctx.obj = {"debug": debug}


FORMATS = ("text", "json", "sarif", "github")
"""Must equal the keys of profilekit.report.REPORTERS (a test checks); literal here to keep start-up light."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format: text, JSON, SARIF 2.1.0, or GitHub workflow annotations.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding (not suppressed) has this severity or worse.")
@click.option("--baseline", type=click.Choice(BASELINES), default=DEFAULT_BASELINE, show_default=True,
              help="Security baseline whose SEC and PRC rules run (`none`: guideline and TLS rules only).")
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
    from profilekit.findings import Severity
    from profilekit.report import REPORTERS
    from profilekit.validate import validate_files

    if rules_url and "://" not in rules_url:
        _fail(f"--rules-url {rules_url}: expected an absolute URL such as https://example.org/docs/rules.md")
    result = validate_files(files, baseline=baseline)
    if fmt == "sarif":
        from profilekit.report.sarif import report as sarif

        click.echo(sarif(result, rules_url=rules_url), nl=False)
    else:
        click.echo(REPORTERS[fmt](result), nl=False)
    if result.input_errors:
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_FINDINGS if result.fails(Severity.parse(fail_on)) else EXIT_CLEAN)


@cli.command()
@click.option("--kind", type=click.Choice(["profile", "package-library", "gateway"]), default="profile",
              show_default=True, help="Which document's schema to print.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to this file (atomically; missing folders are created); - or none: standard output.")
def schema(kind: str, output: str | None) -> None:
    """Print a JSON Schema: of profile files, package libraries, or the gateway export."""
    from profilekit.export.gateway_schema import gateway_schema
    from profilekit.model.schema import dumps, schema_for

    _emit(dumps(gateway_schema() if kind == "gateway" else schema_for(kind)).encode("utf-8"), output)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--name", default="ETSIprof_Example_TLS", show_default=True, help="Profile name.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def new(file: str, name: str, force: bool) -> None:
    """Write a commented starting profile to FILE (- for standard output) that validates as it is."""
    from profilekit.newprofile import new_profile_text
    from profilekit.outputs import OutputError, write_atomic

    if file != "-" and os.path.exists(file) and not force:
        _fail(f"{file}: already exists (use --force to overwrite)")
    try:
        data = new_profile_text(name=name).encode("utf-8")
    except ValueError as exc:
        _fail(str(exc))
    if file == "-":
        _write_stdout(data)
        return
    try:
        write_atomic(file, data)
    except OutputError as exc:
        _fail(str(exc))
    with contextlib.suppress(OSError):  # the file is written: a confirmation that cannot be shown is no failure
        click.echo(f"wrote {file}; next: profilekit validate {file}", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True,
              help="`md` prints docs/rules.md.")
def rules(fmt: str) -> None:
    """List the rules: code, severity, title and references."""
    from profilekit.rules.docs import render_json, render_markdown, render_text

    click.echo({"text": render_text, "json": render_json, "md": render_markdown}[fmt](), nl=False)


@cli.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--baseline", type=click.Choice(BASELINES), default=DEFAULT_BASELINE, show_default=True,
              help="With FILE: security baseline whose rules run. Baseline findings never change a requirement's "
              "status; they are listed after the table (`none`: guideline and TLS rules only).")
def requirements(file: str | None, fmt: str, baseline: str) -> None:
    """Trace the 56 H.248.TLSPROF requirements: how each is covered, and with FILE its status there.

    Statuses: satisfied; remarks (met, but warnings cite it); deviation (only suppressed findings, with
    the editor's reason); violated (an error cites it); not_applicable; implementation_only.
    Exit 0 (it is a report; `validate` decides pass/fail), 2 when FILE cannot be loaded.
    """
    from profilekit.findings import InputError
    from profilekit.report.requirements import render_json, render_text
    from profilekit.trace import requirement_catalogue, trace

    findings: list[Any] = []
    if file is None:
        items = requirement_catalogue()
    else:
        from profilekit.load.profile import load_profile
        from profilekit.validate import check_loaded

        try:
            loaded = load_profile(file)
        except InputError as exc:
            for finding in exc.findings:
                click.echo(f"{finding.location()}: {finding.severity.label} {finding.code} {finding.message}",
                           err=True)
            sys.exit(EXIT_INPUT)
        findings = check_loaded(loaded, baseline=baseline)
        items = trace(loaded, findings, baseline=baseline)
    click.echo((render_json if fmt == "json" else render_text)(items, file, baseline=baseline, findings=findings),
               nl=False)


def _stderr(kind: str, message: str) -> None:
    click.echo(f"profilekit: {kind}: {message}", err=True)


def _validate_hint(file: str, baseline: str) -> str:
    """The validate command that reports the same findings: with --baseline when it is not the default."""
    return f"`profilekit validate {file}" + ("`" if baseline == DEFAULT_BASELINE else f" --baseline {baseline}`")


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["md", "docx"]),
              help="Output format (default: from the extension of OUTPUT).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write (atomically; missing folders are created); - writes to standard output "
              "(needs --format).")
@click.option("--reference-doc", type=click.Path(dir_okay=False),
              help="SDO Word template (.docx) whose styles and page set-up the DOCX uses.")
@click.option("--contribution", is_flag=True,
              help="Add the ITU-T contribution cover from the profile's `contribution:` section.")
@click.option("--baseline", type=click.Choice(BASELINES), default=DEFAULT_BASELINE, show_default=True,
              help="Security baseline to check the TLS profiles against; Annex A.2 lists its findings "
              "(`none`: no baseline).")
def render(file: str, fmt: str | None, output: str, reference_doc: str | None, contribution: bool,
           baseline: str) -> None:
    """Write the profile specification of FILE as Markdown or Word (DOCX) to OUTPUT.

    Findings do not stop rendering (Annex A shows each requirement's status); `profilekit build`
    refuses to write documents for a profile with errors. Exit 0 written, 2 input or usage error.
    """
    from profilekit.build import render_file
    from profilekit.findings import InputError
    from profilekit.outputs import OutputError
    from profilekit.render.docx import RenderError
    from profilekit.render.outline import OutlineError
    from profilekit.report.text import render as report

    to_stdout = output == "-"
    if fmt is None:
        suffix = os.path.splitext(output)[1].lower().lstrip(".")
        if suffix not in ("md", "docx"):
            where = "standard output" if to_stdout else output
            _fail(f"{where}: cannot tell the format from the extension; use --format md or --format docx")
        fmt = suffix
    if reference_doc is not None and fmt != "docx":
        _fail("--reference-doc applies to --format docx only")
    if to_stdout and fmt == "docx" and sys.stdout.isatty():
        _fail("not writing a Word file to the terminal; use -o FILE.docx or redirect standard output")
    try:
        prepared = render_file(file, None if to_stdout else output, fmt=fmt, reference_doc=reference_doc,
                               contribution=contribution, baseline=baseline, warn=lambda m: _stderr("warning", m))
    except InputError as exc:
        click.echo(report(exc.findings, [file]), nl=False, err=True)
        sys.exit(EXIT_INPUT)
    except (OutlineError, RenderError, OutputError) as exc:
        _fail(str(exc))
    for notice in prepared.outline.notices:
        _stderr("note", notice)
    if prepared.errors:
        _stderr("warning", f"{file} has {len(prepared.errors)} error finding(s): "
                f"{prepared.errors_in_document()} (see {_validate_hint(file, baseline)})")
    if to_stdout:
        _write_stdout(prepared.data)
    else:
        click.echo(f"wrote {output}")


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output-dir", "output_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for <name>.md, <name>.docx and <name>.gateway.json (created when missing).")
@click.option("--force", is_flag=True, help="Write the documents even when the profile has error findings.")
@click.option("--reference-doc", type=click.Path(dir_okay=False), help="SDO Word template for the DOCX.")
@click.option("--contribution", is_flag=True,
              help="Add the ITU-T contribution cover from the profile's `contribution:` section.")
@click.option("--baseline", type=click.Choice(BASELINES), default=DEFAULT_BASELINE, show_default=True,
              help="Security baseline to validate against.")
def build(file: str, output_dir: str, force: bool, reference_doc: str | None, contribution: bool,
          baseline: str) -> None:
    """Validate FILE, then write its Markdown, Word and gateway JSON files into OUTPUT_DIR.

    Files are named after the profile (identification.name). With error findings nothing is written
    unless --force. Exit 0 clean, 1 error findings (written only with --force), 2 input or usage error.
    """
    from profilekit.build import build as run_build
    from profilekit.findings import InputError, Severity
    from profilekit.outputs import OutputError
    from profilekit.render.docx import RenderError
    from profilekit.render.outline import OutlineError
    from profilekit.report.text import render as report

    try:
        result = run_build(file, output_dir, force=force, baseline=baseline, reference_doc=reference_doc,
                           contribution=contribution, warn=lambda m: _stderr("warning", m))
    except InputError as exc:
        click.echo(report(exc.findings, [file]), nl=False, err=True)
        sys.exit(EXIT_INPUT)
    except (OutlineError, RenderError, OutputError) as exc:
        _fail(str(exc))
    if result.findings:
        active = [f for f in result.findings if f.suppressed is None]
        click.echo(report(active, [file], len(result.findings) - len(active)), nl=False)
    for notice in result.notices:
        _stderr("note", notice)
    errors = [f for f in result.findings if f.severity >= Severity.ERROR and f.suppressed is None]
    if result.refused:
        _stderr("error", f"not writing documents: {file} has {len(errors)} error finding(s); fix them (see "
                f"{_validate_hint(file, baseline)}), or use --force to write them anyway")
        sys.exit(EXIT_FINDINGS)
    for path in result.written:
        click.echo(f"wrote {path}")
    for name, why in result.skipped.items():
        _stderr("error", f"not writing {name}: " + "; ".join(f"{f.location()}: {f.message}" for f in why))
    sys.exit(EXIT_FINDINGS if errors else EXIT_CLEAN)


@cli.command()
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
    from profilekit.catalog.listing import RENDERERS, FilterError, select

    try:
        suites = select(filters, recommended=recommended, tls13=tls13)
    except FilterError as exc:
        raise click.BadParameter(str(exc), param_hint="--filter") from None
    click.echo(RENDERERS[fmt](suites), nl=False)


def _emit(data: bytes, output: str | None, protect: tuple[str, ...] = ()) -> None:
    """Write a command's output to `output` (atomically, creating missing folders) or, for None or `-`, to
    standard output. Any failure is a one-line message and exit 2."""
    if output is None or output == "-":
        _write_stdout(data)
        return
    from profilekit.outputs import OutputError, write_atomic_creating_folder

    try:
        write_atomic_creating_folder(output, data, protect=protect)
    except OutputError as exc:
        _fail(str(exc))
    click.echo(f"wrote {output}", err=True)


def _write_stdout(data: bytes) -> None:
    """A full disk (`> /dev/full`) is a one-line error; a reader that went away (`| head`) ends quietly.

    Both exit 2, and standard output is pointed at /dev/null so Python's own flush at exit stays silent.
    """
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        _silence_stdout()
        if isinstance(exc, BrokenPipeError):
            sys.exit(EXIT_INPUT)
        _fail(f"cannot write to standard output: {exc.strerror or exc}")


def _gate(file: str, checked: Any, force: bool, verb: str, baseline: str) -> None:
    """Before an export or self-test: error findings (not suppressed) are printed on stderr and stop the
    command with exit 1, unless --force (then a warning)."""
    from profilekit.report.text import render as report

    active, errors = checked.active, checked.errors
    if errors:
        click.echo(report(active, [file], len(checked.findings) - len(active)), nl=False, err=True)
        if checked.refused:
            _stderr("error", f"not {verb}ing: {file} has {len(errors)} error finding(s); fix them (see "
                    f"{_validate_hint(file, baseline)}), or use --force to {verb} anyway")
            sys.exit(EXIT_FINDINGS)
        _stderr("warning", f"{file} has {len(errors)} error finding(s); {verb}ing anyway (--force)")
    elif active:
        _stderr("note", f"{file} has {len(active)} finding(s) below error; see {_validate_hint(file, baseline)}")


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["gateway", "openssl", "mozilla"]), default="gateway",
              show_default=True, help="gateway: JSON for gateway builds; openssl: openssl.cnf SSL_CONF fragment; "
              "mozilla: Mozilla server-side TLS 5.7 layout.")
@click.option("--domain", metavar="NAME", help="Only this TLS domain (mozilla: its single configuration object).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to this file (atomically; missing folders are created); - or none: standard output.")
@click.option("--force", is_flag=True, help="Export even when the profile has error findings (exit status 1).")
@click.option("--baseline", type=click.Choice(BASELINES), default=DEFAULT_BASELINE, show_default=True,
              help="Security baseline to validate against before exporting.")
def export(file: str, fmt: str, domain: str | None, output: str | None, force: bool, baseline: str) -> None:
    """Validate FILE, then export it for gateway builds and TLS checkers.

    With error findings (not suppressed) the findings go to stderr and nothing is exported unless --force.
    Exit 0 exported, 1 error findings (exported only with --force), 2 input, usage or output error.
    """
    from profilekit.export.run import ExportUsageError, export_profile
    from profilekit.findings import InputError
    from profilekit.report.text import render

    try:
        result = export_profile(file, fmt, domain=domain, baseline=baseline, force=force)
    except InputError as exc:
        click.echo(render(exc.findings, [file]), nl=False, err=True)
        sys.exit(EXIT_INPUT)
    except ExportUsageError as exc:
        _fail(str(exc))
    _gate(file, result.checked, force, "export", baseline)
    _emit(result.text.encode("utf-8"), output, result.inputs)
    sys.exit(EXIT_FINDINGS if result.checked.errors else EXIT_CLEAN)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--domain", metavar="NAME", help="Only this TLS domain.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--timeout", type=click.FloatRange(0.5, 60), default=5.0, show_default=True,
              help="Seconds any single server start or handshake may take.")
@click.option("--force", is_flag=True, help="Test even when the profile has error findings (exit status 1).")
@click.option("--baseline", type=click.Choice(BASELINES), default=DEFAULT_BASELINE, show_default=True,
              help="Security baseline to validate against before testing.")
def selftest(file: str, domain: str | None, fmt: str, timeout: float, force: bool, baseline: str) -> None:
    """Validate FILE, then run each TLS domain over loopback with real OpenSSL.

    With error findings (not suppressed) the findings go to stderr and nothing is tested unless --force.
    Exit 0 passed, 1 failed or error findings, 2 input error.
    """
    import json

    from profilekit.export.run import ExportUsageError, selftest_profile
    from profilekit.export.selftest import SelftestError, render_text
    from profilekit.findings import InputError
    from profilekit.report.text import render

    try:
        run = selftest_profile(file, domain=domain, timeout=timeout, baseline=baseline, force=force)
    except InputError as exc:
        click.echo(render(exc.findings, [file]), nl=False, err=True)
        sys.exit(EXIT_INPUT)
    except (ExportUsageError, SelftestError) as exc:
        _fail(str(exc))
    _gate(file, run.checked, force, "test", baseline)
    result = run.result
    assert result is not None  # refused runs have exited in _gate
    if fmt == "json":
        click.echo(json.dumps(result.to_record(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(result), nl=False)
    sys.exit(EXIT_FINDINGS if result.failed or run.checked.errors else EXIT_CLEAN)


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
        _silence_stdout()
        if isinstance(exc, BrokenPipeError):  # the reader went away (`| head`): nothing to say
            sys.exit(EXIT_INPUT)
        _fail(f"cannot write to standard output: {exc.strerror or exc}")
    except Exception as exc:  # pragma: no cover - only on bugs
        raise_or_report(exc, args)


def _stdout_broken(exc: OSError) -> bool:
    """Whether `exc` is a failed write to standard output (full disk, closed pipe): files profilekit writes
    go through profilekit.outputs and become OutputError; a write error without a file name is stdout's."""
    import errno

    return exc.filename is None and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EPIPE, errno.EFBIG)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so Python's own flush at exit stays silent."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def raise_or_report(exc: Exception, args: list[str]) -> NoReturn:
    """An internal error: the traceback with --debug, else one line asking for a report."""
    if "--debug" in args:
        raise exc
    click.echo(f"profilekit: internal error: {type(exc).__name__}: {exc} (rerun with --debug for "
               "details, and please report it)", err=True)
    sys.exit(EXIT_INPUT)
