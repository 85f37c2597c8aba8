"""`profilekit render`: the specification of a profile as Markdown, Word or PDF."""

from __future__ import annotations

import os
import sys

import click

from profilekit.cli.common import baseline_option, exit_on_input_errors, validate_hint
from profilekit.cli.output import fail, say, write_stdout
from profilekit.findings import InputError
from profilekit.outputs import OutputError
from profilekit.render.docx import RenderError
from profilekit.render.docx.house import DEFAULT_STYLE, STYLE_NAMES
from profilekit.render.outline import OutlineError
from profilekit.render.pdf import PdfError, PdfUnavailable
from profilekit.render.pipeline import render_file

style_option = click.option(
    "--style", type=click.Choice(STYLE_NAMES), default=None,
    help="House style of the Word and PDF document: itu-t (Times New Roman, bold black headings, centred "
         "\"Table N – …\" titles), etsi or 3gpp (Arial headings, \"Table N: …\"), plain (python-docx's "
         "defaults). --reference-doc wins over it. Default: " + DEFAULT_STYLE + ".")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["md", "docx", "pdf"]),
              help="Output format (default: from the extension of OUTPUT); pdf needs LibreOffice.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write (atomically; missing folders are created); - writes to standard output "
              "(needs --format).")
@click.option("--reference-doc", type=click.Path(dir_okay=False),
              help="SDO Word template (.docx) whose styles and page set-up the DOCX uses.")
@click.option("--contribution", is_flag=True,
              help="Add the ITU-T contribution cover from the profile's `contribution:` section.")
@style_option
@baseline_option("Security baseline to check the TLS profiles against; Appendix I.2 reports it "
                 "(`none`: no baseline).")
def render(file: str, fmt: str | None, output: str, reference_doc: str | None, contribution: bool,
           style: str | None, baseline: str) -> None:
    """Write the profile specification of FILE as Markdown, Word (DOCX) or PDF to OUTPUT.

    Findings do not stop rendering (Appendix I gives each requirement's verdict); `profilekit build`
    refuses to write documents for a profile with errors. Exit 0 written, 2 input or usage error.
    """
    to_stdout = output == "-"
    if fmt is None:
        suffix = os.path.splitext(output)[1].lower().lstrip(".")
        if suffix not in ("md", "docx", "pdf"):
            where = "standard output" if to_stdout else output
            fail(f"{where}: cannot tell the format from the extension; use --format md, docx or pdf")
        fmt = suffix
    if reference_doc is not None and fmt == "md":
        fail("--reference-doc applies to --format docx and pdf only")
    if style is not None and fmt == "md":
        fail("--style applies to --format docx and pdf only")
    if to_stdout and fmt in ("docx", "pdf") and sys.stdout.isatty():
        fail(f"not writing a {'Word' if fmt == 'docx' else 'PDF'} file to the terminal; use -o FILE.{fmt} or "
             "redirect standard output")
    try:
        prepared = render_file(file, None if to_stdout else output, fmt=fmt, reference_doc=reference_doc,
                               contribution=contribution, baseline=baseline, warn=lambda m: say("warning", m),
                               style=style or DEFAULT_STYLE)
    except InputError as exc:
        exit_on_input_errors(exc, file)
    except (OutlineError, RenderError, OutputError, PdfUnavailable, PdfError) as exc:
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
    if fmt == "docx":
        say("note", "the contents list has no page numbers until it is updated: in Word press F9 on it (or "
            "right-click → Update Field → Update entire table); --format pdf writes a PDF with them")
