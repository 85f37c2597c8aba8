"""Stated versus defaulted: the document says "not specified" for what the editor did not write, and the
`profilekit new` template states what every baseline asks for; did-you-mean hints; `profilekit rules`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from rule_harness import build_case

from profilekit.catalog.baselines import BASELINES
from profilekit.findings import Severity
from profilekit.load.codes import NON_RULE_CODES as OTHER_CODES
from profilekit.load.profile import load_profile
from profilekit.newprofile import new_profile_text
from profilekit.render.outline import Outline, Table, build_outline, plain
from profilekit.rules.registry import REGISTRY
from profilekit.validate import check_loaded

TEMPLATE = "templates/new-profile.yaml"
PLACEHOLDER_CODES = {"GL014"}
"""The only findings a fresh template may have: the placeholders it asks the editor to replace."""


def _rows(outline: Outline) -> dict[str, str]:
    """Every two-column (item, value) row of the document, by item."""
    out: dict[str, str] = {}
    for section in outline.walk():
        for block in section.blocks:
            if isinstance(block, Table) and len(block.header) == 2:
                for row in block.rows:
                    out[plain(row[0])] = plain(row[1])
    return out


def _paragraphs(outline: Outline) -> str:
    return "\n".join(plain(b.runs) for s in outline.walk() for b in s.blocks if hasattr(b, "runs"))


def _case(tmp_path: Path, *patch: dict[str, Any]) -> Outline:
    target = build_case({"name": "stated", "base": TEMPLATE, "patch": list(patch)}, tmp_path)
    return build_outline(load_profile(target))


def test_unstated_values_render_as_not_specified(tmp_path: Path) -> None:
    ext = "tls.profiles[0]"
    outline = _case(tmp_path, {"path": f"{ext}.extensions", "delete": True},
                    {"path": f"{ext}.server_preference", "delete": True},
                    {"path": f"{ext}.early_data", "delete": True},
                    {"path": "transport.segmentation", "delete": True},
                    {"path": "connection_model.max_contexts", "delete": True},
                    {"path": "transactions", "delete": True},
                    {"path": "messages.max_size_octets", "delete": True},
                    {"path": "descriptors", "delete": True})
    rows = _rows(outline)
    assert rows["Extensions"] == ("extended master secret: not specified; encrypt-then-MAC: not specified; "
                                  "OCSP stapling: not specified; server name indication: not specified; "
                                  "truncated HMAC: not specified; heartbeat: not specified")
    assert rows["Server applies its own cipher-suite order"] == "Not specified"
    assert rows["TLS 1.3 early data (0-RTT)"] == "Not specified"
    text = _paragraphs(outline)
    for sentence in ("The maximum number of contexts is not specified.",  # H.248: unspecified is not "not limited"
                     "The maximum number of commands in a transaction is not specified.",
                     "The maximum number of transactions in a message is not specified."):
        assert sentence in text, sentence
    assert "Support of segmentation (H.248.1 Annex D) is not specified." in text
    assert "The maximum size of a message is not specified." in text
    assert "\nNot specified.\n" in text  # 5.7: no descriptor support stated
    # nothing unstated becomes a requirement
    assert "shall not accept TLS 1.3 early data" not in text
    assert "No transaction timers are stated" in text


def test_stated_values_render_as_written(tmp_path: Path) -> None:
    outline = _case(tmp_path, {"path": "connection_model.max_contexts", "value": None},
                    {"path": "messages.max_size_octets", "value": 4096},
                    {"path": "descriptors", "value": []})
    rows = _rows(outline)
    assert "This profile does not limit the number of contexts." in _paragraphs(outline)
    assert rows["Extensions"].startswith("extended master secret: required; encrypt-then-MAC: yes; "
                                         "OCSP stapling: yes")
    assert rows["Server applies its own cipher-suite order"] == "Yes"
    assert rows["TLS 1.3 early data (0-RTT)"] == "not accepted"
    text = _paragraphs(outline)
    assert "The MG and the MGC shall not send messages longer than 4096 octets." in text
    assert "Segmentation (H.248.1 Annex D) is not used in this profile." in text
    assert "This profile does not restrict the use of descriptors beyond H.248.1." in text
    assert "The MG shall not accept TLS 1.3 early data (0-RTT)." in text


def test_a_duplicate_command_loses_nothing_in_the_document(tmp_path: Path) -> None:
    outline = _case(tmp_path, {"path": "commands", "append": {"command": "Add", "used": True}})
    table = next(b for s in outline.walk() for b in s.blocks
                 if isinstance(b, Table) and b.caption == "Commands")
    adds = [tuple(plain(cell) for cell in row) for row in table.rows if plain(row[0]) == "Add"]
    assert len(adds) == 2
    assert adds[0][3] == "Media, Events, Audit"  # the first entry is still there


@pytest.mark.parametrize("baseline", BASELINES)
def test_new_template_is_clean_under_every_baseline(baseline: str, tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    target.write_text(new_profile_text(name="ETSIprof_Example_TLS"), encoding="utf-8")
    findings = [f for f in check_loaded(load_profile(target), baseline=baseline) if f.suppressed is None]
    unexpected = [f"{f.location()} {f.code} {f.message}" for f in findings if f.code not in PLACEHOLDER_CODES]
    assert unexpected == []
    assert findings and all(f.severity == Severity.WARNING for f in findings)  # the editor sees them


def test_binding_and_example_typos_get_a_did_you_mean(tmp_path: Path) -> None:
    """GL530 suggests the same element in another package (as GL301 does within one); GL303 checks names
    inside example commands."""
    target = build_case({"name": "typos", "base": "samples/ipip-bfcp-tls-gateway.yaml", "patch": [
        {"path": "tls.bindings.capability_audit.versions", "value": "tlsbsc/versions"}]}, tmp_path)
    messages = {f.code: f.message for f in check_loaded(load_profile(target))}
    assert messages["GL530"].endswith("did you mean tlscap/versions?"), messages["GL530"]
    target = build_case({"name": "example", "base": TEMPLATE, "patch": [
        {"path": "procedures[0].steps[0].command",
         "value": 'Add = $ { Media { Stream = 1 { LocalControl { tlsx/domian = "default" } } } }'}]},
        tmp_path / "2")
    messages = {f.code: f.message for f in check_loaded(load_profile(target))}
    assert messages["GL303"].endswith("did you mean tlsx/domain?"), messages["GL303"]


def test_rules_command_lists_every_code() -> None:
    """`profilekit rules` lists the LD/SC/SP codes too, as docs/rules.md and SARIF document them."""
    data = json.loads(run_cli("rules", "--format", "json").stdout)
    others = [r for r in data if "kind" in r]
    assert [r["code"] for r in others] == list(OTHER_CODES)
    assert {r["kind"] for r in others} == {"input", "schema", "suppression", "probe"}
    text = run_cli("rules").stdout.splitlines()
    assert {line.split()[0] for line in text[:-1]} == {r.code for r in REGISTRY} | set(OTHER_CODES)
    assert any(line.startswith("SP002   warning  Unused suppression") for line in text)
    assert any(line.startswith("LD002   error    Duplicate key") for line in text)
    assert text[-1] == (f"{len(REGISTRY)} rules, and {len(OTHER_CODES)} input (LD), schema (SC), suppression (SP) "
                        "and probe (PRB) codes")
