"""`profilekit render` and `build`: the specification as Markdown and Word, and the whole set of outputs."""

from __future__ import annotations

import os
import sys

import click

from profilekit.build import build as build_outputs
from profilekit.build import render_file
from profilekit.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    baseline_option,
    exit_on_input_errors,
    fail,
    say,
    validate_hint,
    write_stdout,
)
from profilekit.findings import InputError, Severity
from profilekit.outputs import OutputError
from profilekit.render.docx import RenderError
from profilekit.render.outline import OutlineError
from profilekit.report.text import render as report


@click.command()
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
@baseline_option("Security baseline to check the TLS profiles against; Annex A.2 lists its findings "
                 "(`none`: no baseline).")
def render(file: str, fmt: str | None, output: str, reference_doc: str | None, contribution: bool,
           baseline: str) -> None:
    """Write the profile specification of FILE as Markdown or Word (DOCX) to OUTPUT.

    Findings do not stop rendering (Annex A shows each requirement's status); `profilekit build`
    refuses to write documents for a profile with errors. Exit 0 written, 2 input or usage error.
    """
    to_stdout = output == "-"
    if fmt is None:
        suffix = os.path.splitext(output)[1].lower().lstrip(".")
        if suffix not in ("md", "docx"):
            where = "standard output" if to_stdout else output
            fail(f"{where}: cannot tell the format from the extension; use --format md or --format docx")
        fmt = suffix
    if reference_doc is not None and fmt != "docx":
        fail("--reference-doc applies to --format docx only")
    if to_stdout and fmt == "docx" and sys.stdout.isatty():
        fail("not writing a Word file to the terminal; use -o FILE.docx or redirect standard output")
    try:
        prepared = render_file(file, None if to_stdout else output, fmt=fmt, reference_doc=reference_doc,
                               contribution=contribution, baseline=baseline, warn=lambda m: say("warning", m))
    except InputError as exc:
        exit_on_input_errors(exc, file)
    except (OutlineError, RenderError, OutputError) as exc:
        fail(str(exc))
    for notice in prepared.outline.notices:
        say("note", notice)
    if prepared.errors:
        say("warning", f"{file} has {len(prepared.errors)} error finding(s): "
            f"{prepared.errors_in_document()} (see {validate_hint(file, baseline)})")
    if to_stdout:
        write_stdout(prepared.data)
    else:
        click.echo(f"wrote {output}")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output-dir", "output_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for <name>.md, <name>.docx and <name>.gateway.json (created when missing).")
@click.option("--force", is_flag=True, help="Write the documents even when the profile has error findings.")
@click.option("--reference-doc", type=click.Path(dir_okay=False), help="SDO Word template for the DOCX.")
@click.option("--contribution", is_flag=True,
              help="Add the ITU-T contribution cover from the profile's `contribution:` section.")
@baseline_option("Security baseline to validate against.")
def build(file: str, output_dir: str, force: bool, reference_doc: str | None, contribution: bool,
          baseline: str) -> None:
    """Validate FILE, then write its Markdown, Word and gateway JSON files into OUTPUT_DIR.

    Files are named after the profile (identification.name). With error findings nothing is written
    unless --force. Exit 0 clean, 1 error findings (written only with --force), 2 input or usage error.
    """
    try:
        result = build_outputs(file, output_dir, force=force, baseline=baseline, reference_doc=reference_doc,
                               contribution=contribution, warn=lambda m: say("warning", m))
    except InputError as exc:
        exit_on_input_errors(exc, file)
    except (OutlineError, RenderError, OutputError) as exc:
        fail(str(exc))
    if result.findings:
        active = [f for f in result.findings if f.suppressed is None]
        click.echo(report(active, [file], len(result.findings) - len(active)), nl=False)
    for notice in result.notices:
        say("note", notice)
    errors = [f for f in result.findings if f.severity >= Severity.ERROR and f.suppressed is None]
    if result.refused:
        say("error", f"not writing documents: {file} has {len(errors)} error finding(s); fix them (see "
            f"{validate_hint(file, baseline)}), or use --force to write them anyway")
        sys.exit(EXIT_FINDINGS)
    for path in result.written:
        click.echo(f"wrote {path}")
    for name, why in result.skipped.items():
        say("error", f"not writing {name}: " + "; ".join(f"{f.location()}: {f.message}" for f in why))
    sys.exit(EXIT_FINDINGS if errors else EXIT_CLEAN)
