"""Render and build jobs: load → rules → trace → outline → Markdown/DOCX (and the gateway JSON), in memory.

Nothing is written until every output is ready, so a failure never leaves a half-written file, and no
output ever replaces the profile or one of its imported libraries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from profilekit.export.gateway import build_gateway, dumps_gateway
from profilekit.findings import Finding, InputError, Severity
from profilekit.load.loaded import LoadedProfile
from profilekit.load.profile import load_profile
from profilekit.outputs import OutputError, not_a_folder_message, write_atomic, write_atomic_creating_folder
from profilekit.render.docx import render_docx
from profilekit.render.markdown import render_markdown
from profilekit.render.outline import Outline, build_outline
from profilekit.trace import is_baseline_finding, trace
from profilekit.validate import DEFAULT_BASELINE, check_loaded

FORMATS: tuple[str, ...] = ("md", "docx")
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
        """Where the document shows the error findings (for the `render` warning): Annex A.1 marks the
        requirements they cite as not met, Annex A.2 lists the security-baseline ones; others (TLS
        consistency rules, for instance) appear nowhere in it."""
        errors = self.errors
        cite = [f for f in errors if any(ref.startswith("R-") for ref in f.refs)]
        baseline = [f for f in errors if is_baseline_finding(f)]
        elsewhere = [f for f in errors if f not in cite and f not in baseline]
        parts = []
        if cite:
            requirements = sorted({ref for f in cite for ref in f.refs if ref.startswith("R-")})
            parts.append(f"Annex A.1 marks {len(requirements)} requirement(s) they break as not met "
                         f"({', '.join(requirements)})")
        if baseline:
            parts.append(f"Annex A.2 lists {len(baseline)} as security-baseline finding(s)")
        if elsewhere:
            parts.append(f"{len(elsewhere)} ({', '.join(sorted({f.code for f in elsewhere}))}) "
                         "appear nowhere in the document")
        return "; ".join(parts)


@dataclass
class BuildResult:
    findings: list[Finding] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    refused: bool = False
    """True when error findings stopped the build (no --force)."""
    notices: list[str] = field(default_factory=list)
    skipped: dict[str, list[Finding]] = field(default_factory=dict)
    """Outputs not written with --force because the profile is too broken for them (name → why)."""


def prepare(path: str | Path, *, baseline: str | None = None, contribution: bool = False) -> Prepared:
    """Load and check one profile and build its outline (raises InputError / OutlineError)."""
    loaded = load_profile(path)
    baseline = baseline or DEFAULT_BASELINE
    findings = check_loaded(loaded, baseline=baseline)
    traces = trace(loaded, findings, baseline=baseline)
    outline = build_outline(loaded, traces=traces, contribution=contribution, findings=findings,
                            baseline=baseline)
    return Prepared(loaded=loaded, findings=findings, outline=outline)


def render_bytes(prepared: Prepared, fmt: str, *, reference_doc: str | Path | None = None,
                 warn: Warn | None = None) -> bytes:
    if fmt == "md":
        return render_markdown(prepared.outline).encode("utf-8")
    if fmt == "docx":
        return render_docx(prepared.outline, reference_doc=reference_doc, warn=warn)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def inputs_of(loaded: LoadedProfile) -> list[str]:
    """The files an output must never replace: the profile and every library it imports."""
    return [loaded.path, *loaded.libraries]


def render_file(path: str | Path, out: str | Path | None, *, fmt: str, reference_doc: str | Path | None = None,
                contribution: bool = False, baseline: str | None = None, warn: Warn | None = None) -> Prepared:
    """`profilekit render`: one document, written atomically to `out`, its missing folders created
    (findings do not stop it).

    With `out` None nothing is written; the caller takes the bytes from `Prepared.data`.
    """
    prepared = prepare(path, baseline=baseline, contribution=contribution)
    prepared.data = render_bytes(prepared, fmt, reference_doc=reference_doc, warn=warn)
    if out is not None:  # missing folders are created, as export and build do
        write_atomic_creating_folder(out, prepared.data, protect=inputs_of(prepared.loaded))
    return prepared


def output_names(name: str) -> dict[str, str]:
    return {"md": f"{name}.md", "docx": f"{name}.docx", "gateway": f"{name}.gateway.json"}


def build(path: str | Path, out_dir: str | Path, *, force: bool = False, baseline: str | None = None,
          reference_doc: str | Path | None = None, contribution: bool = False,
          warn: Warn | None = None) -> BuildResult:
    """`profilekit build`: validate, then write <name>.md, <name>.docx and <name>.gateway.json into out_dir
    (created when missing).

    The files are named after the profile (`identification.name`). With error findings nothing is
    written unless `force`. `contribution` puts the ITU-T cover on the documents (raises OutlineError
    without a `contribution:` section).
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
    outputs: list[tuple[str, bytes]] = [
        (names["md"], render_bytes(prepared, "md")),
        (names["docx"], render_bytes(prepared, "docx", reference_doc=reference_doc, warn=warn)),
    ]
    try:
        outputs.append((names["gateway"], dumps_gateway(build_gateway(prepared.loaded)).encode("utf-8")))
    except InputError as exc:
        if not force:
            raise
        # a gateway cannot be configured from an inconsistent profile; the forced documents still are written
        result.skipped[names["gateway"]] = list(exc.findings)
    protect = inputs_of(prepared.loaded)
    try:  # created only now, so a refused or failed build leaves no empty folder behind
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder ({exc.strerror or exc})") from exc
    for name, data in outputs:
        target = folder / name
        write_atomic(target, data, protect=protect)
        result.written.append(target)
    return result
