"""Render and build jobs: load → rules → trace → outline → Markdown/DOCX (and the gateway JSON), in memory.

Nothing is written until every output is ready, so a failure never leaves a half-written file, and no
output ever replaces the profile or one of its imported libraries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from profilekit.findings import Finding, Severity

if TYPE_CHECKING:
    from profilekit.load.loaded import LoadedProfile
    from profilekit.render.outline import Outline

FORMATS: tuple[str, ...] = ("md", "docx")
Warn = Callable[[str], None]


@dataclass
class Prepared:
    loaded: LoadedProfile
    findings: list[Finding]
    outline: Outline

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity >= Severity.ERROR and f.suppressed is None]


@dataclass
class BuildResult:
    findings: list[Finding] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    refused: bool = False
    """True when error findings stopped the build (no --force)."""
    notices: list[str] = field(default_factory=list)


def prepare(path: str | Path, *, baseline: str | None = None, contribution: bool = False) -> Prepared:
    """Load and check one profile and build its outline (raises InputError / OutlineError)."""
    from profilekit.load.profile import load_profile
    from profilekit.render.outline import build_outline
    from profilekit.rules.engine import run_rules
    from profilekit.rules.registry import DEFAULT_BASELINE

    loaded = load_profile(path)
    findings = run_rules(loaded, baseline=baseline or DEFAULT_BASELINE)
    try:  # TEMPORARY until profilekit.trace lands on main
        from profilekit.trace import trace
        traces = trace(loaded, findings)
    except ImportError:
        traces = None
    outline = build_outline(loaded, traces=traces, contribution=contribution)
    return Prepared(loaded=loaded, findings=findings, outline=outline)


def render_bytes(prepared: Prepared, fmt: str, *, reference_doc: str | Path | None = None,
                 warn: Warn | None = None) -> bytes:
    if fmt == "md":
        from profilekit.render.markdown import render_markdown

        return render_markdown(prepared.outline).encode("utf-8")
    if fmt == "docx":
        from profilekit.render.docx import render_docx

        return render_docx(prepared.outline, reference_doc=reference_doc, warn=warn)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def inputs_of(loaded: LoadedProfile) -> list[str]:
    """The files an output must never replace: the profile and every library it imports."""
    return [loaded.path, *loaded.libraries]


def render_file(path: str | Path, out: str | Path, *, fmt: str, reference_doc: str | Path | None = None,
                contribution: bool = False, baseline: str | None = None, warn: Warn | None = None) -> Prepared:
    """`profilekit render`: one document, written atomically to `out` (findings do not stop it)."""
    from profilekit.outputs import write_atomic

    prepared = prepare(path, baseline=baseline, contribution=contribution)
    data = render_bytes(prepared, fmt, reference_doc=reference_doc, warn=warn)
    write_atomic(out, data, protect=inputs_of(prepared.loaded))
    return prepared


def output_names(name: str) -> dict[str, str]:
    return {"md": f"{name}.md", "docx": f"{name}.docx", "gateway": f"{name}.gateway.json"}


def build(path: str | Path, out_dir: str | Path, *, force: bool = False, baseline: str | None = None,
          reference_doc: str | Path | None = None, warn: Warn | None = None) -> BuildResult:
    """`profilekit build`: validate, then write <name>.md, <name>.docx and <name>.gateway.json into out_dir.

    The files are named after the profile (`identification.name`). With error findings nothing is
    written unless `force`.
    """
    from profilekit.outputs import OutputError, write_atomic

    folder = Path(out_dir)
    if not folder.is_dir():
        raise OutputError(f"{out_dir}: output folder does not exist" if not folder.exists()
                          else f"{out_dir}: is not a folder")
    prepared = prepare(path, baseline=baseline)
    result = BuildResult(findings=prepared.findings, notices=list(prepared.outline.notices))
    if prepared.errors and not force:
        result.refused = True
        return result
    from profilekit.export.gateway import build_gateway, dumps_gateway

    names = output_names(prepared.loaded.profile.identification.name)
    outputs: Sequence[tuple[str, bytes]] = (
        (names["md"], render_bytes(prepared, "md")),
        (names["docx"], render_bytes(prepared, "docx", reference_doc=reference_doc, warn=warn)),
        (names["gateway"], dumps_gateway(build_gateway(prepared.loaded)).encode("utf-8")),
    )
    protect = inputs_of(prepared.loaded)
    for name, data in outputs:
        target = folder / name
        write_atomic(target, data, protect=protect)
        result.written.append(target)
    return result
