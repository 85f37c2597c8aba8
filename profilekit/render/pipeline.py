"""The render job behind `profilekit render`: load → rules → trace → outline → Markdown, DOCX or PDF, in memory,
then written atomically (never over the profile or one of its imported libraries). `profilekit build`
(profilekit.build) runs the same steps and adds the gateway JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from profilekit.catalog.baselines import canonical
from profilekit.findings import Finding, Severity
from profilekit.load.loaded import LoadedProfile
from profilekit.load.profile import load_profile
from profilekit.outputs import write_atomic_creating_folder
from profilekit.render.docx import render_docx
from profilekit.render.docx.house import DEFAULT_STYLE
from profilekit.render.markdown import render_markdown
from profilekit.render.outline import Outline, build_outline
from profilekit.render.pdf import PdfUnavailable, docx_to_pdf, pdf_available
from profilekit.trace import is_baseline_finding, trace
from profilekit.validate import DEFAULT_BASELINE, check_loaded

FORMATS: tuple[str, ...] = ("md", "docx", "pdf")
Warn = Callable[[str], None]


@dataclass
class Prepared:
    loaded: LoadedProfile
    findings: list[Finding]
    outline: Outline
    data: bytes = b""
    """The rendered document, once `render_file` has made it."""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity >= Severity.ERROR and f.suppressed is None]

    def errors_in_document(self) -> str:
        """Where the document shows the error findings (for the `render` warning): Appendix I.1 marks the
        requirements they cite as not met, Appendix I.2 lists the security-baseline ones; others (TLS
        consistency rules, for instance) appear nowhere in it."""
        errors = self.errors
        cite = [f for f in errors if any(ref.startswith("R-") for ref in f.refs)]
        baseline = [f for f in errors if is_baseline_finding(f)]
        elsewhere = [f for f in errors if f not in cite and f not in baseline]
        parts = []
        if cite:
            requirements = sorted({ref for f in cite for ref in f.refs if ref.startswith("R-")})
            parts.append(f"Appendix I.1 marks {len(requirements)} requirement(s) they break as not met "
                         f"({', '.join(requirements)})")
        if baseline:
            parts.append(f"Appendix I.2 lists {len(baseline)} as security-baseline finding(s)")
        if elsewhere:
            parts.append(f"{len(elsewhere)} ({', '.join(sorted({f.code for f in elsewhere}))}) "
                         "appear nowhere in the document")
        return "; ".join(parts)


def prepare(path: str | Path, *, baseline: str | None = None, contribution: bool = False) -> Prepared:
    """Load and check one profile and build its outline (raises InputError / OutlineError)."""
    loaded = load_profile(path)
    baseline = canonical(baseline or DEFAULT_BASELINE)
    findings = check_loaded(loaded, baseline=baseline)
    traces = trace(loaded, findings, baseline=baseline)
    outline = build_outline(loaded, traces=traces, contribution=contribution, findings=findings,
                            baseline=baseline)
    return Prepared(loaded=loaded, findings=findings, outline=outline)


def render_bytes(prepared: Prepared, fmt: str, *, reference_doc: str | Path | None = None,
                 warn: Warn | None = None, style: str = DEFAULT_STYLE) -> bytes:
    """The document in `fmt`; `pdf` is the DOCX laid out by LibreOffice (PdfUnavailable without it)."""
    if fmt == "md":
        return render_markdown(prepared.outline).encode("utf-8")
    if fmt == "docx":
        return render_docx(prepared.outline, reference_doc=reference_doc, warn=warn, style=style)
    if fmt == "pdf":
        why = pdf_available()  # before the DOCX is made: a missing LibreOffice costs nothing
        if why is not None:
            raise PdfUnavailable(why)
        return docx_to_pdf(render_docx(prepared.outline, reference_doc=reference_doc, warn=warn, style=style))
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def inputs_of(loaded: LoadedProfile) -> list[str]:
    """The files an output must never replace: the profile and every library it imports."""
    return [loaded.path, *loaded.libraries]


def render_file(path: str | Path, out: str | Path | None, *, fmt: str, reference_doc: str | Path | None = None,
                contribution: bool = False, baseline: str | None = None, warn: Warn | None = None,
                style: str = DEFAULT_STYLE) -> Prepared:
    """`profilekit render`: one document, written atomically to `out`, its missing folders created
    (findings do not stop it).

    With `out` None nothing is written; the caller takes the bytes from `Prepared.data`.
    """
    if fmt == "pdf":
        why = pdf_available()
        if why is not None:
            raise PdfUnavailable(why)
    prepared = prepare(path, baseline=baseline, contribution=contribution)
    prepared.data = render_bytes(prepared, fmt, reference_doc=reference_doc, warn=warn, style=style)
    if out is not None:  # missing folders are created, as export and build do
        write_atomic_creating_folder(out, prepared.data, protect=inputs_of(prepared.loaded))
    return prepared
