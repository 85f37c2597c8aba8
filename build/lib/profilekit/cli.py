"""The `profilekit` command: thin click commands that call one library function and pick a reporter."""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

import click

from profilekit import __version__

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


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def validate(files: tuple[str, ...]) -> None:
    """Check profile FILES: YAML, structure, imports. Exit 0 clean, 1 findings, 2 input errors."""
    from profilekit.report.text import render
    from profilekit.validate import validate_files

    result = validate_files(files)
    click.echo(render(result.findings, files), nl=False)
    if result.input_errors:
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_FINDINGS if result.findings else EXIT_CLEAN)


@cli.command()
@click.option("--kind", type=click.Choice(["profile", "package-library"]), default="profile",
              show_default=True, help="Which document's schema to print.")
def schema(kind: str) -> None:
    """Print the JSON Schema of profile files (for editors and third-party validators)."""
    from profilekit.model.schema import dumps, schema_for

    click.echo(dumps(schema_for(kind)), nl=False)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--name", default="ETSIprof_Example_TLS", show_default=True, help="Profile name.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def new(file: str, name: str, force: bool) -> None:
    """Write a commented starting profile to FILE that validates as it is."""
    from profilekit.newprofile import write_new_profile
    from profilekit.outputs import OutputError

    if os.path.exists(file) and not force:
        _fail(f"{file}: already exists (use --force to overwrite)")
    try:
        write_new_profile(file, name=name)
    except (OutputError, ValueError) as exc:
        _fail(str(exc))
    click.echo(f"wrote {file}; next: profilekit validate {file}")


def _check_baseline(baseline: str | None) -> None:
    if baseline is None:
        return
    from profilekit.rules.registry import BASELINES

    if baseline not in BASELINES:
        _fail(f"unknown baseline {baseline!r}; choose one of {', '.join(BASELINES)}")


def _stderr(kind: str, message: str) -> None:
    click.echo(f"profilekit: {kind}: {message}", err=True)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["md", "docx"]),
              help="Output format (default: from the extension of OUTPUT).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--reference-doc", type=click.Path(dir_okay=False),
              help="SDO Word template (.docx) whose styles and page set-up the DOCX uses.")
@click.option("--contribution", is_flag=True,
              help="Add the ITU-T contribution cover from the profile's `contribution:` section.")
@click.option("--baseline", help="Security baseline whose findings Annex A reports (default rfc9325).")
def render(file: str, fmt: str | None, output: str, reference_doc: str | None, contribution: bool,
           baseline: str | None) -> None:
    """Write the profile specification of FILE as Markdown or Word (DOCX) to OUTPUT.

    Findings do not stop rendering (Annex A shows each requirement's status); `profilekit build`
    refuses to write documents for a profile with errors. Exit 0 written, 2 input or usage error.
    """
    from profilekit.build import render_file
    from profilekit.findings import InputError, Severity
    from profilekit.outputs import OutputError
    from profilekit.render.docx import RenderError
    from profilekit.render.outline import OutlineError
    from profilekit.report.text import render as report

    if fmt is None:
        suffix = os.path.splitext(output)[1].lower().lstrip(".")
        if suffix not in ("md", "docx"):
            _fail(f"{output}: cannot tell the format from the extension; use --format md or --format docx")
        fmt = suffix
    if reference_doc is not None and fmt != "docx":
        _fail("--reference-doc applies to --format docx only")
    _check_baseline(baseline)
    try:
        prepared = render_file(file, output, fmt=fmt, reference_doc=reference_doc, contribution=contribution,
                               baseline=baseline, warn=lambda m: _stderr("warning", m))
    except InputError as exc:
        click.echo(report(exc.findings, [file]), nl=False, err=True)
        sys.exit(EXIT_INPUT)
    except (OutlineError, RenderError, OutputError) as exc:
        _fail(str(exc))
    for notice in prepared.outline.notices:
        _stderr("note", notice)
    errors = [f for f in prepared.findings if f.severity >= Severity.ERROR and f.suppressed is None]
    if errors:
        _stderr("warning", f"{file} has {len(errors)} error finding(s); Annex A marks the requirements they "
                f"break as not met (see `profilekit validate {file}`)")
    click.echo(f"wrote {output}")


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output-dir", "output_dir", required=True, type=click.Path(file_okay=False),
              help="Existing folder for <name>.md, <name>.docx and <name>.gateway.json.")
@click.option("--force", is_flag=True, help="Write the documents even when the profile has error findings.")
@click.option("--reference-doc", type=click.Path(dir_okay=False), help="SDO Word template for the DOCX.")
@click.option("--baseline", help="Security baseline to validate against (default rfc9325).")
def build(file: str, output_dir: str, force: bool, reference_doc: str | None, baseline: str | None) -> None:
    """Validate FILE, then write its Markdown, Word and gateway JSON files into OUTPUT_DIR.

    Files are named after the profile (identification.name). With error findings nothing is written
    unless --force. Exit 0 clean, 1 error findings (written only with --force), 2 input or usage error.
    """
    from profilekit.build import build as run_build
    from profilekit.findings import InputError, Severity
    from profilekit.outputs import OutputError
    from profilekit.render.docx import RenderError
    from profilekit.report.text import render as report

    _check_baseline(baseline)
    try:
        result = run_build(file, output_dir, force=force, baseline=baseline, reference_doc=reference_doc,
                           warn=lambda m: _stderr("warning", m))
    except InputError as exc:
        click.echo(report(exc.findings, [file]), nl=False, err=True)
        sys.exit(EXIT_INPUT)
    except (RenderError, OutputError) as exc:
        _fail(str(exc))
    if result.findings:
        click.echo(report(result.findings, [file]), nl=False)
    for notice in result.notices:
        _stderr("note", notice)
    errors = [f for f in result.findings if f.severity >= Severity.ERROR and f.suppressed is None]
    if result.refused:
        _stderr("error", f"not writing documents: {file} has {len(errors)} error finding(s); fix them, or use "
                "--force to write them anyway")
        sys.exit(EXIT_FINDINGS)
    for path in result.written:
        click.echo(f"wrote {path}")
    sys.exit(EXIT_FINDINGS if errors else EXIT_CLEAN)


def main(argv: list[str] | None = None) -> Any:
    """Entry point: user errors become messages; internal errors a one-line report (traceback with --debug)."""
    args = sys.argv[1:] if argv is None else argv
    try:
        return cli.main(args=args, prog_name="profilekit", standalone_mode=True)
    except Exception as exc:  # pragma: no cover - only on bugs
        if "--debug" in args:
            raise
        click.echo(f"profilekit: internal error: {type(exc).__name__}: {exc} (rerun with --debug for "
                   "details, and please report it)", err=True)
        sys.exit(EXIT_INPUT)
