"""Markdown rendering: golden files for every sample, escaping, anchors, determinism.

Regenerate the golden files after an intended change of the output (then review the diff in git):

    PROFILEKIT_REGEN_GOLDEN=1 python -m pytest -q tests/test_render_markdown.py
    git diff tests/golden/*.md

The golden files include Annex A, so a change in the rules (a requirement's status) changes them too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from render_helpers import patched_profile

from profilekit.render.markdown import escape, inline
from profilekit.render.outline import Run, Table, plain
from profilekit.render.pipeline import prepare, render_bytes

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PROFILEKIT_REGEN_GOLDEN") == "1"
"""The same switch as the export goldens (tests/golden/README.md)."""


def _markdown(path: Path) -> str:
    return render_bytes(prepare(path), "md").decode("utf-8")


def test_golden(sample: Path) -> None:
    text = _markdown(sample)
    golden = GOLDEN / f"{sample.stem}.md"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"{golden} is missing: run PROFILEKIT_REGEN_GOLDEN=1 pytest {__file__}")
    assert text == golden.read_text(encoding="utf-8"), (
        f"{sample.name}: Markdown differs from {golden.name}; if intended, regenerate (see module docstring)")


def test_every_golden_file_has_a_sample() -> None:
    from conftest import SAMPLES

    stems = {p.stem for p in SAMPLES}
    stale = [p.name for p in GOLDEN.glob("*.md") if p.stem not in stems and p.name != "README.md"]
    assert not stale, f"golden files without a sample: {stale}"


def test_rendering_twice_gives_identical_text(sample: Path) -> None:
    assert _markdown(sample) == _markdown(sample)


def _md_cells(line: str) -> list[str]:
    """Split a GFM table row on unescaped pipes and strip the Markdown back to the reader's text."""
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    out = []
    for cell in cells:
        text = cell.strip()
        text = re.sub(r"\[([^\]]*)\]\(#[^)]*\)", r"\1", text)
        text = text.replace("**", "").replace("<br>", "\n")
        out.append(_unmark(text))
    return out


def _unmark(text: str) -> str:
    """Backslash escapes and code spans back to plain text (inside a code span only `\\|` is special)."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        elif ch == "`":
            fence = re.match(r"`+", text[i:]).group(0)  # type: ignore[union-attr]
            end = text.index(fence, i + len(fence))
            body = text[i + len(fence):end].replace("\\|", "|")
            if body.startswith(" ") and body.endswith(" ") and body.strip():
                body = body[1:-1]
            out.append(body)
            i = end + len(fence)
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def test_tables_and_headings_carry_the_outline_text(sample: Path) -> None:
    prepared = prepare(sample)
    text = render_bytes(prepared, "md").decode("utf-8")
    lines = text.splitlines()
    for section in prepared.outline.walk():
        assert f'<a id="{section.anchor}"></a>' in lines
        assert "#" * (section.level + 1) + " " + escape(section.heading) in lines
    for table in prepared.outline.tables():
        start = lines.index(f'<a id="{table.anchor}"></a>')
        assert lines[start + 1] == f"**{escape(table.full_caption)}**"
        head = start + 3
        assert _md_cells(lines[head]) == list(table.header)
        for i, row in enumerate(table.rows):
            assert _md_cells(lines[head + 2 + i]) == [plain(cell) or "" for cell in row], table.caption


def test_cells_escape_pipes_newlines_and_markup() -> None:
    cell = (Run("a|b\nc *d* "), Run("x|y", code=True))
    md = inline(cell, cell=True)
    assert md == r"a\|b<br>c \*d\* `x\|y`"
    assert _md_cells(f"| {md} |") == ["a|b\nc *d* x|y"]
    assert escape("access_ue and _emph_ <b>") == r"access_ue and \_emph\_ \<b\>"


def test_table_with_hostile_text_stays_one_table(tmp_path: Path) -> None:
    path = patched_profile(tmp_path, replace=(
        "description: UEs in the operator's access network.",
        'description: "UEs | with a pipe\\nand a newline, *stars* and `ticks`"'))
    prepared = prepare(path)
    text = render_bytes(prepared, "md").decode("utf-8")
    [table] = [t for t in prepared.outline.tables() if isinstance(t, Table) and t.caption == "TLS domains"]
    lines = text.splitlines()
    start = lines.index(f'<a id="{table.anchor}"></a>')
    row = lines[start + 5]
    assert len(_md_cells(row)) == len(table.header)
    assert _md_cells(row)[-1] == "UEs | with a pipe\nand a newline, *stars* and `ticks`"


def test_contribution_cover(tmp_path: Path) -> None:
    """The cover as Word lays it out, as far as Markdown allows: masthead lines as text, then the fields as
    "**Label:** value" lines joined by hard line breaks (no table, so no "| Field | Value |" header row)."""
    from render_helpers import CONTRIBUTION

    path = patched_profile(tmp_path, CONTRIBUTION)
    prepared = prepare(path, contribution=True)
    text = render_bytes(prepared, "md").decode("utf-8")
    cover, _, rest = text.partition("\n# ")
    assert rest and not any(line.startswith("|") for line in cover.splitlines())  # no table
    paragraphs = [p.split("\\\n") for p in cover.strip().split("\n\n")[1:]]
    assert paragraphs[0] == ["**INTERNATIONAL TELECOMMUNICATION UNION**",
                             "**TELECOMMUNICATION STANDARDIZATION SECTOR**", "STUDY PERIOD 2025-2028"]
    assert paragraphs[1] == ["**C 1234**", "**STUDY GROUP 16**", "Original: English"]
    assert paragraphs[2] == ["**CONTRIBUTION**"]
    fields = dict(line.split(":** ", 1) for line in paragraphs[3])
    assert list(fields) == ["**Question(s)", "**Meeting", "**Source", "**Title", "**Purpose", "**Contact",
                            "**Abstract"]
    assert fields["**Question(s)"] == "Q3/16" and fields["**Purpose"] == "Proposal"
    assert fields["**Abstract"].endswith(r"with a pipe in the abstract.")
    assert paragraphs[4] == ["---"]


MANGLED_ACRONYM = re.compile(r"\b(?:Tcp|Tls|Ipv[46]|Mgc|Mg|Psk|Sdp|Ocsp|Mtp|Sni|Ttp)\b")


def test_prose_keeps_acronyms_and_uses_no_yaml_keys(sample: Path) -> None:
    """Values turned into words read as a specification ("TCP closure", "IPv4"), not "Tcp closure", and the
    TLS parameter table says "extended master secret", not the YAML key `extended_master_secret`."""
    text = _markdown(sample)
    outside_code = re.sub(r"`[^`]*`|```.*?```|<a id=\"[^\"]*\"></a>|\(#[^)]*\)", "", text, flags=re.S)
    assert not MANGLED_ACRONYM.findall(outside_code)
    extensions = [line for line in text.splitlines() if line.startswith("| Extensions |")]
    assert extensions
    assert not [line for line in extensions if re.search(r"[a-z]+_[a-z_]+:", line)], extensions


def test_performance_with_notes_only_reads_as_a_sentence(tmp_path: Path) -> None:
    profile = patched_profile(tmp_path, replace=("        max_handshakes_per_second: 500\n", ""))
    row = [line for line in _markdown(profile).splitlines() if line.startswith("| Performance and resources |")]
    assert row and row[0].startswith("| Performance and resources | ECDHE with X25519"), row
