"""The build job behind `profilekit build`: validate, then the Markdown, the DOCX and the gateway JSON of a
profile, all made in memory before any is written, so a failure never leaves a half-written file, and no
output ever replaces the profile or one of its imported libraries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from profilekit.export.gateway import build_gateway, dumps_gateway
from profilekit.findings import Finding, InputError
from profilekit.outputs import OutputError, not_a_folder_message, write_atomic
from profilekit.render.docx.house import DEFAULT_STYLE
from profilekit.render.pdf import PdfUnavailable, docx_to_pdf, pdf_available
from profilekit.render.pipeline import Warn, inputs_of, prepare, render_bytes
from profilekit.revisions.job import mark_against


@dataclass
class BuildResult:
    findings: list[Finding] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    refused: bool = False
    """True when error findings stopped the build (no --force)."""
    notices: list[str] = field(default_factory=list)
    skipped: dict[str, list[Finding]] = field(default_factory=dict)
    """Outputs not written with --force because the profile is too broken for them (name → why)."""


def output_names(name: str) -> dict[str, str]:
    return {"md": f"{name}.md", "docx": f"{name}.docx", "pdf": f"{name}.pdf", "gateway": f"{name}.gateway.json",
            "changes": f"{name}.changes.docx"}


def build(path: str | Path, out_dir: str | Path, *, force: bool = False, baseline: str | None = None,
          reference_doc: str | Path | None = None, contribution: bool = False,
          warn: Warn | None = None, style: str = DEFAULT_STYLE, pdf: bool | None = None,
          changes_from: str | Path | None = None) -> BuildResult:
    """`profilekit build`: validate, then write <name>.md, <name>.docx and <name>.gateway.json into out_dir
    (created when missing).

    The files are named after the profile (`identification.name`). With error findings nothing is
    written unless `force`. `contribution` puts the ITU-T cover on the documents (raises OutlineError
    without a `contribution:` section). `pdf`: True writes <name>.pdf too (PdfUnavailable without
    LibreOffice), False never, None (the default) when LibreOffice is installed, with a notice when not.
    `changes_from` (an older version of the profile) adds <name>.changes.docx: the DOCX with the changes
    from it as Word tracked changes.
    """
    folder = Path(out_dir)
    blocked = not_a_folder_message(out_dir, folder)
    if blocked is not None:
        raise OutputError(blocked)
    prepared = prepare(path, baseline=baseline, contribution=contribution)
    result = BuildResult(findings=prepared.findings, notices=list(prepared.outline.notices))
    if prepared.errors and not force:
        result.refused = True
        return result
    names = output_names(prepared.loaded.profile.identification.name)
    docx = render_bytes(prepared, "docx", reference_doc=reference_doc, warn=warn, style=style)
    outputs: list[tuple[str, bytes]] = [(names["md"], render_bytes(prepared, "md")), (names["docx"], docx)]
    if changes_from is not None:
        marked = mark_against(prepared, docx, changes_from, fmt="docx", reference_doc=reference_doc,
                              contribution=contribution, baseline=baseline, style=style)
        outputs.append((names["changes"], marked.data))
        result.notices += marked.diff.warnings
    if pdf is not False:
        why = pdf_available()
        if why is None:
            outputs.append((names["pdf"], docx_to_pdf(docx)))
        elif pdf:
            raise PdfUnavailable(why)
        else:
            result.notices.append(f"not writing {names['pdf']}: {why}")
    try:
        outputs.append((names["gateway"], dumps_gateway(build_gateway(prepared.loaded)).encode("utf-8")))
    except InputError as exc:
        if not force:
            raise
        # a gateway cannot be configured from an inconsistent profile; the forced documents still are written
        result.skipped[names["gateway"]] = list(exc.findings)
    protect = inputs_of(prepared.loaded) + ([str(changes_from)] if changes_from is not None else [])
    try:  # created only now, so a refused or failed build leaves no empty folder behind
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({exc.strerror or exc})") from exc
    for name, data in outputs:
        target = folder / name
        write_atomic(target, data, protect=protect)
        result.written.append(target)
    return result
