"""`history:` (version, date, summary, contribution) in the model, rendered as the History table of 5.1,
and compared by version in `profilekit diff`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import run_cli
from revision_helpers import ROOT, edited, sample_data, write_profile
from wordml_review import body, paragraph, text_items, w

from profilekit.load.profile import load_profile
from profilekit.render.pipeline import render_file
from profilekit.revisions.diff import diff_files

BFCP = ROOT / "samples" / "ipip-bfcp-tls-gateway.yaml"
HISTORY = [
    {"version": 1, "date": "2026-06-01", "summary": "First version.", "contribution": "C 1001"},
    {"version": 2, "date": "2026-11-26", "summary": "AES-128 preferred on the provider side."},
]


def _with_history(data: dict[str, Any]) -> None:
    data["identification"]["version"] = 2
    data["history"] = [dict(entry) for entry in HISTORY]


def test_history_table_in_both_documents(tmp_path: Path) -> None:
    path = edited(tmp_path, BFCP, _with_history)
    assert [e.version for e in load_profile(path).profile.history] == [1, 2]
    markdown = render_file(path, None, fmt="md").data.decode("utf-8")
    assert "– History**" in markdown
    assert "| 1 | 2026-06-01 | First version. | C 1001 |" in markdown
    assert "| 2 | 2026-11-26 | AES-128 preferred on the provider side. | – |" in markdown
    items = text_items(body(render_file(path, None, fmt="docx").data))
    index = next(i for i, item in enumerate(items) if isinstance(item, str) and item.endswith("– History"))
    table = items[index + 1]
    assert table[0] == [["Version"], ["Date"], ["Summary of changes"], ["Contribution"]]
    assert table[1] == [["1"], ["2026-06-01"], ["First version."], ["C 1001"]]


def test_history_errors_have_positions(tmp_path: Path) -> None:
    data = sample_data(BFCP)
    data["history"] = [{"version": 0, "date": "June", "summary": ""}]
    path = write_profile(tmp_path, "bad.yaml", data)
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    for field in ("history[0].version", "history[0].date", "history[0].summary"):
        assert field in result.stderr or field in result.stdout


def test_diff_reports_a_new_history_entry(tmp_path: Path) -> None:
    old_data = sample_data(BFCP)
    old_data["history"] = [dict(HISTORY[0])]
    old = write_profile(tmp_path, "old.yaml", old_data)
    new = edited(tmp_path, BFCP, _with_history)
    changes = diff_files(old, new).changes
    added = [c for c in changes if c.kind == "added"]
    assert [c.path for c in added] == ["history[2]"]
    assert added[0].clause.startswith("5.1, Table ")
    assert any(c.path == "identification.version" for c in changes)


def test_docx_history_caption_is_a_table_caption(tmp_path: Path) -> None:
    path = edited(tmp_path, BFCP, _with_history)
    captions = [paragraph(p) for p in body(render_file(path, None, fmt="docx").data).iter(w("p"))
                if paragraph(p).startswith("Table ") and "History" in paragraph(p)]
    assert captions == ["Table 2 – History"]  # Table 1 is Profile identification
