"""`profilekit render`: the specification of a profile as Markdown, Word or PDF."""

from __future__ import annotations

import os
import sys

import click

from profilekit.cli.common import baseline_option, exit_on_input_errors, validate_hint
from profilekit.cli.output import EXIT_INPUT, fail, say, write_stdout
from profilekit.findings import InputError
from profilekit.outputs import OutputError
from profilekit.render.docx import RenderError
from profilekit.render.docx.house import DEFAULT_STYLE, STYLE_NAMES
from profilekit.render.outline import OutlineError
from profilekit.render.pdf import PdfError, PdfUnavailable
from profilekit.render.pipeline import render_file
from profilekit.report.text import render as report
from profilekit.revisions.job import RevisionError, render_changes

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
@click.option("--changes-from", "changes_from", type=click.Path(dir_okay=False), metavar="OLD.yaml",
              help="Mark the changes from OLD as revisions: Word tracked changes (DOCX), CriticMarkup (md).")
@click.option("--changes-only", is_flag=True,
              help="With --changes-from: only the clauses that hold changes, separated by \"*** Next change ***\".")
@click.option("--cr", "cr", type=click.Path(dir_okay=False), metavar="CR.yaml",
              help="With --changes-from: a 3GPP change-request cover page first, from CR.yaml and the diff.")
@click.option("--author", help="Author of the revision marks (default: the profile's first editor).")
@click.option("--date", "revision_date", metavar="DATE",
              help="Date of the revision marks, YYYY-MM-DD or ISO date-time (default: the profile's date).")
@baseline_option("Security baseline to check the TLS profiles against; Appendix I.2 reports it "
                 "(`none`: no baseline).")
def render(file: str, fmt: str | None, output: str, reference_doc: str | None, contribution: bool,
           style: str | None, changes_from: str | None, changes_only: bool, cr: str | None, author: str | None,
           revision_date: str | None, baseline: str) -> None:
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
    if changes_from is None and (author is not None or revision_date is not None or changes_only or cr):
        fail("--author, --date, --changes-only and --cr apply to --changes-from only")
    if changes_from is not None:
        if fmt == "pdf":
            fail("--changes-from writes Word (docx) or Markdown (md) revision marks; a PDF cannot carry them")
        render_marked(file, changes_from, output, fmt=fmt, reference_doc=reference_doc, contribution=contribution,
                      author=author, date=revision_date, baseline=baseline, changes_only=changes_only, cr=cr,
                      style=style)
        return
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


def render_marked(new: str, old: str, output: str, *, fmt: str, reference_doc: str | None, contribution: bool,
                  author: str | None, date: str | None, baseline: str, changes_only: bool = False,
                  cr: str | None = None, style: str | None = None) -> None:
    """`render NEW --changes-from OLD`: NEW's document with the changes from OLD marked."""
    to_stdout = output == "-"
    try:
        marked = render_changes(new, old, None if to_stdout else output, fmt=fmt, author=author, date=date,
                                reference_doc=reference_doc, contribution=contribution, baseline=baseline,
                                warn=lambda m: say("warning", m), changes_only=changes_only, cr=cr, style=style)
    except InputError as exc:
        click.echo(report(exc.findings, [new, old, *([cr] if cr else [])]), nl=False, err=True)
        sys.exit(EXIT_INPUT)
    except (OutlineError, RenderError, OutputError, RevisionError) as exc:
        fail(str(exc))
    for warning in marked.diff.warnings:
        say("warning", warning)
    if marked.diff.same:
        say("note", f"{new} specifies the same as {old}: no revision marks")
    if to_stdout:
        write_stdout(marked.data)
    else:
        click.echo(f"wrote {output} ({len(marked.diff.changes)} change(s), {marked.revisions} revision mark(s))")
