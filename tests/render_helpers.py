"""Helpers shared by the rendering tests: prepared samples and a profile patched with extra YAML."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

from conftest import ROOT

from profilekit.render.pipeline import Prepared, prepare

CONTRIBUTION = """
contribution:
  question: Q3/16
  study_group: SG16
  meeting: Geneva, 2027-01-20/31
  number: C 1234
  source: Example Networks
  purpose: proposal
  contacts:
    - {name: A. Editor, organization: Example Networks, email: a.editor@example.org}
  abstract: Proposes the profile ETSIprof_IMS_MSRP_TLS | with a pipe in the abstract.
"""


def patched_profile(tmp_path: Path, extra: str = "", *, replace: tuple[str, str] | None = None,
                    sample: str = "ims-msrp-tls-relay.yaml") -> Path:
    """A copy of a sample (with its libraries) in tmp_path, with `extra` YAML appended at top level."""
    shutil.copytree(ROOT / "samples" / "lib", tmp_path / "lib", dirs_exist_ok=True)
    text = (ROOT / "samples" / sample).read_text(encoding="utf-8")
    if replace is not None:
        assert replace[0] in text, f"{replace[0]!r} not in {sample}"
        text = text.replace(replace[0], replace[1], 1)
    target = tmp_path / sample
    target.write_text(text + extra, encoding="utf-8")
    return target


@functools.cache
def rendered_docx(path: Path) -> tuple[Prepared, bytes]:
    """A sample's prepared outline and DOCX bytes, rendered once per test session (read-only use)."""
    from profilekit.render.docx import render_docx

    prepared = prepare(path)
    return prepared, render_docx(prepared.outline)
