"""`profilekit build`: validate, then the Markdown, the Word document and the gateway JSON of a profile."""

from __future__ import annotations

import sys

import click

from profilekit.build import build as build_outputs
from profilekit.cli.common import baseline_option, exit_on_input_errors, validate_hint
from profilekit.cli.documents import style_option
from profilekit.cli.output import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, fail, say
from profilekit.findings import InputError, Severity
from profilekit.outputs import OutputError
from profilekit.render.docx import RenderError
from profilekit.render.docx.house import DEFAULT_STYLE
from profilekit.render.outline import OutlineError
from profilekit.render.pdf import PdfError, PdfUnavailable
from profilekit.report.text import render as report


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output-dir", "output_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for <name>.md, <name>.docx, <name>.pdf and <name>.gateway.json (created when missing).")
@click.option("--force", is_flag=True, help="Write the documents even when the profile has error findings.")
@click.option("--reference-doc", type=click.Path(dir_okay=False), help="SDO Word template for the DOCX.")
@click.option("--contribution", is_flag=True,
              help="Add the ITU-T contribution cover from the profile's `contribution:` section.")
@style_option
@click.option("--pdf/--no-pdf", "pdf", default=None,
              help="Write <name>.pdf too (needs LibreOffice). Default: when LibreOffice is installed.")
@click.option("--changes-from", "changes_from", type=click.Path(dir_okay=False), metavar="OLD.yaml",
              help="Also write <name>.changes.docx: the DOCX with the changes from OLD as tracked changes.")
@baseline_option("Security baseline to validate against.")
def build(file: str, output_dir: str, force: bool, reference_doc: str | None, contribution: bool,
          style: str | None, pdf: bool | None, changes_from: str | None, baseline: str) -> None:
    """Validate FILE, then write its Markdown, Word, PDF (with LibreOffice) and gateway JSON files into OUTPUT_DIR.

    Files are named after the profile (identification.name). With error findings nothing is written
    unless --force. Exit 0 clean, 1 error findings (written only with --force), 2 input or usage error.
    """
    try:
        result = build_outputs(file, output_dir, force=force, baseline=baseline, reference_doc=reference_doc,
                               contribution=contribution, warn=lambda m: say("warning", m),
                               style=style or DEFAULT_STYLE, pdf=pdf, changes_from=changes_from)
    except InputError as exc:
        if changes_from is not None:  # the problem may be in either profile
            click.echo(report(exc.findings, [file, changes_from]), nl=False, err=True)
            sys.exit(EXIT_INPUT)
        exit_on_input_errors(exc, file)
    except (OutlineError, RenderError, OutputError, PdfUnavailable, PdfError) as exc:
        fail(str(exc))
    if result.findings:
        active = [f for f in result.findings if f.suppressed is None]
        click.echo(report(active, [file], len(result.findings) - len(active)), nl=False)
    for notice in result.notices:
        say("note", notice)
    errors = [f for f in result.findings if f.severity >= Severity.ERROR and f.suppressed is None]
    if result.refused:
        say("error", f"not writing documents: {file} has {len(errors)} error finding(s); fix them or accept each "
            "with the comment shown under it (see "
            f"{validate_hint(file, baseline)}), or use --force to write them anyway")
        sys.exit(EXIT_FINDINGS)
    for path in result.written:
        click.echo(f"wrote {path}")
    if any(path.suffix == ".docx" for path in result.written):
        say("note", "the Word file's contents list has no page numbers until it is updated: in Word press F9 on "
            "it (or right-click → Update Field → Update entire table)"
            + ("; the PDF has them" if any(path.suffix == ".pdf" for path in result.written) else ""))
    for name, why in result.skipped.items():
        say("error", f"not writing {name}: " + "; ".join(f"{f.location()}: {f.message}" for f in why))
    sys.exit(EXIT_FINDINGS if errors else EXIT_CLEAN)
