"""`profilekit diff`: changes matched by identity, moves with both positions, clause and lines, exit codes,
and the JSON patch that turns OLD's dump into NEW's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from revision_helpers import EDITS, ROOT, SAMPLES, bump_version, edited, sample_data, write_profile

from profilekit.load.profile import load_profile
from profilekit.revisions.diff import diff_files
from profilekit.revisions.patch import apply_patch, json_patch
from profilekit.revisions.spec import spec_dump

BFCP = ROOT / "samples" / "ipip-bfcp-tls-gateway.yaml"


def _copy(tmp_path: Path, sample: Path = BFCP) -> Path:
    shutil.copytree(ROOT / "samples" / "lib", tmp_path / "lib", dirs_exist_ok=True)
    target = tmp_path / "old.yaml"
    shutil.copy(sample, target)
    return target


def test_style_only_edits_are_no_change(tmp_path: Path) -> None:
    """Comments, key order, quoting and flow style do not count: the same spec written as JSON, with
    `identification`'s keys reversed, diffs empty and exits 0."""
    old = _copy(tmp_path)
    data = sample_data(BFCP)
    data["identification"] = dict(reversed(list(data["identification"].items())))
    new = write_profile(tmp_path, "new.yaml", data)
    result = run_cli("diff", str(old), str(new))
    assert result.returncode == 0, result.stderr
    assert "no changes" in result.stdout
    commented = tmp_path / "commented.yaml"
    commented.write_text(old.read_text(encoding="utf-8").replace("  version: 1\n", "  version: '1'  # v\n")
                         .replace("  status: draft\n", '  status: "draft"   # still\n'), encoding="utf-8")
    commented.write_text("# leading comment\n" + old.read_text(encoding="utf-8")
                         .replace("  status: draft\n", '  status: "draft"   # still\n'), encoding="utf-8")
    assert run_cli("diff", str(old), str(commented)).returncode == 0


def test_move_of_a_cipher_suite_names_both_positions_clause_and_lines(tmp_path: Path) -> None:
    old = _copy(tmp_path)
    text = old.read_text(encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(text.replace("        - TLS_AES_256_GCM_SHA384\n        - TLS_AES_128_GCM_SHA256\n",
                                "        - TLS_AES_128_GCM_SHA256\n        - TLS_AES_256_GCM_SHA384\n")
                   .replace("  version: 1\n", "  version: 2\n", 1), encoding="utf-8")
    result = diff_files(old, new)
    moves = [c for c in result.changes if c.kind == "moved"]
    assert len(moves) == 1
    move = moves[0]
    assert move.message == "TLS_AES_128_GCM_SHA256 moved from 2 to 1 in TLS profile provider_tls"
    assert (move.old_position, move.new_position) == (2, 1)
    lines = text.splitlines()
    provider = lines.index("    - id: provider_tls")
    old_line = lines.index("        - TLS_AES_128_GCM_SHA256", provider) + 1
    assert move.old_place is not None and move.old_place.line == old_line
    assert move.new_place is not None and move.new_place.line == old_line - 1
    assert move.clause.startswith("6.2.2, Table ")
    # the table named is the one that lists the suites
    from profilekit.render.outline import build_outline
    outline = build_outline(load_profile(new))
    table = next(t for t in outline.tables() if move.clause.endswith(t.label))
    assert "cipher suites" in table.caption
    cli = run_cli("diff", str(old), str(new), "--format", "json")
    assert cli.returncode == 1
    record = json.loads(cli.stdout)
    (moved,) = [c for c in record["changes"] if c["kind"] == "moved"]
    assert moved["positions"] == {"old": 2, "new": 1}
    assert moved["lines"]["old"]["line"] == old_line
    assert moved["path"] == "tls.profiles[provider_tls].cipher_suites[TLS_AES_128_GCM_SHA256]"


def test_renamed_domain_is_one_change(tmp_path: Path) -> None:
    old = _copy(tmp_path)
    new = edited(tmp_path, BFCP, EDITS["rename-domain"])
    changes = diff_files(old, new).changes
    renames = [c for c in changes if c.message.startswith("TLS domain ") and " renamed to " in c.message]
    assert [c.message for c in renames] == ["TLS domain enterprise_endpoints renamed to enterprise_endpoints_renamed"]
    assert renames[0].clause.startswith("6.3")
    assert not [c for c in changes if c.kind in ("added", "removed") and c.path.startswith("tls.domains[")]


def test_added_and_removed_package_elements_and_a_changed_library(tmp_path: Path) -> None:
    """A package element added in the imported library shows as a change of the profile (imports are
    resolved), located in the package's clause and at its line in the library file."""
    old = _copy(tmp_path)
    newdir = tmp_path / "v2"
    shutil.copytree(tmp_path / "lib", newdir / "lib")
    shutil.copy(old, newdir / "new.yaml")
    lib = newdir / "lib" / "tls-tcp-packages.yaml"
    text = lib.read_text(encoding="utf-8")
    assert "    statistics:\n" in text
    lib.write_text(text.replace("    statistics:\n", "    statistics:\n      - id: extra\n        name: Extra count\n"
                                "        type: integer\n", 1), encoding="utf-8")
    result = diff_files(old, newdir / "new.yaml")
    (added,) = result.changes
    assert added.kind == "added" and added.path.endswith(".statistics[extra]")
    assert added.new_place is not None and added.new_place.file.endswith("tls-tcp-packages.yaml")
    assert added.clause.startswith("5.14.")
    assert apply_patch(result.old_dump, json_patch(result.old_dump, result.new_dump)) == result.new_dump


def test_reference_removed_and_added(tmp_path: Path) -> None:
    old = _copy(tmp_path)

    def edit(data: dict[str, Any]) -> None:
        data["references"].pop(0)
        data["references"].append({"id": "RFC9999", "kind": "informative", "title": "A future RFC"})

    new = edited(tmp_path, BFCP, edit)
    changes = diff_files(old, new).changes
    kinds = {(c.kind, c.path.split("]")[0] + "]") for c in changes}
    assert ("added", "references[RFC9999]") in kinds
    assert any(c.kind == "removed" and c.path.startswith("references[") for c in changes)
    assert all(c.clause.startswith("2") for c in changes if c.path.startswith("references"))


def test_exit_codes_and_warnings(tmp_path: Path) -> None:
    old = _copy(tmp_path)
    new = edited(tmp_path, BFCP, EDITS["summary"])
    result = run_cli("diff", str(old), str(new))
    assert result.returncode == 1
    assert "version 1 is not greater than" in result.stderr
    bumped = edited(tmp_path, BFCP, lambda d: (EDITS["summary"](d), bump_version(d), d["identification"]
                                               .update(name="OTHER_NAME")), "bumped.yaml")
    result = run_cli("diff", str(old), str(bumped))
    assert result.returncode == 1
    assert "not greater" not in result.stderr
    assert "profile name OTHER_NAME differs" in result.stderr
    missing = run_cli("diff", str(old), str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2 and "missing.yaml" in missing.stderr and "Traceback" not in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text(old.read_text(encoding="utf-8").replace("  status: draft", "  status: [draft"),
                      encoding="utf-8")
    result = run_cli("diff", str(old), str(broken), "-o", str(tmp_path / "out.json"))
    assert result.returncode == 2 and "broken.yaml:" in result.stderr
    assert not (tmp_path / "out.json").exists()


def test_old_with_rule_errors_still_diffs(tmp_path: Path) -> None:
    old = edited(tmp_path, BFCP, lambda d: d["tls"]["profiles"][0]["versions"].insert(0, "SSLv3"), "old.yaml")
    new = _copy(tmp_path / "n")
    validate = run_cli("validate", str(old))
    assert validate.returncode == 1
    result = run_cli("diff", str(old), str(new), "--format", "md")
    assert result.returncode == 1
    assert "SSL3.0 removed from versions of TLS profile" in result.stdout, result.stdout


def test_md_and_output_file(tmp_path: Path) -> None:
    old = _copy(tmp_path)
    new = edited(tmp_path, BFCP, EDITS["move-suite"])
    out = tmp_path / "changes.md"
    result = run_cli("diff", str(old), str(new), "--format", "md", "-o", str(out))
    assert result.returncode == 1
    text = out.read_text(encoding="utf-8")
    assert text.startswith("### Changes from BFCP_TLS_IPIP_GW version 1")
    assert "moved from 1 to 2 in TLS profile" in text or "moved from 2 to 1 in TLS profile" in text


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_json_patch_turns_old_dump_into_new(tmp_path: Path, sample: Path, edit: str) -> None:
    new = edited(tmp_path, sample, EDITS[edit])
    shutil.copy(sample, tmp_path / "old.yaml")
    result = run_cli("diff", str(tmp_path / "old.yaml"), str(new), "--format", "json-patch")
    assert result.returncode == 1, result.stderr
    ops = json.loads(result.stdout)
    old_dump = spec_dump(load_profile(tmp_path / "old.yaml"))
    assert apply_patch(old_dump, ops) == spec_dump(load_profile(new))
    assert ops  # a real change gives operations


def test_every_change_has_lines_and_a_clause(tmp_path: Path) -> None:
    old = _copy(tmp_path)

    def edit(data: dict[str, Any]) -> None:
        for name in EDITS:
            EDITS[name](data)

    new = edited(tmp_path, BFCP, edit)
    changes = diff_files(old, new).changes
    assert len(changes) >= 4
    for change in changes:
        assert change.old_place is not None and change.new_place is not None
        assert change.clause, change


def test_procedure_steps_by_position_and_long_texts_show_the_difference(tmp_path: Path) -> None:
    """Steps have no identity (their H.248 command is text, not a name): they are compared by position;
    a long text change shows the part that differs."""
    sample = ROOT / "samples" / "ims-msrp-tls-relay.yaml"
    old = _copy(tmp_path, sample)

    def edit(data: dict[str, Any]) -> None:
        step = data["procedures"][0]["steps"][0]
        step["step"] = step["step"].rstrip(".") + ", then waits."

    new = edited(tmp_path, sample, edit)
    (change,) = diff_files(old, new).changes
    assert change.path.endswith(".steps[1].step")
    assert change.message.endswith('to "…server and TCP role server, then waits."')
    assert change.clause.startswith("5.17.1")
