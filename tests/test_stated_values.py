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
    for item in ("Maximum number of contexts", "Maximum commands per transaction",
                 "Maximum transactions per message"):
        assert rows[item] == "Not specified", item  # H.248: unspecified is not "not limited"
    text = _paragraphs(outline)
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
    assert rows["Maximum number of contexts"] == "Not limited"
    assert rows["Extensions"].startswith("extended master secret: required; encrypt-then-MAC: yes; "
                                         "OCSP stapling: yes")
    assert rows["Server applies its own cipher-suite order"] == "Yes"
    assert rows["TLS 1.3 early data (0-RTT)"] == "not accepted"
    text = _paragraphs(outline)
    assert "The MG and the MGC shall not send messages longer than 4096 octets." in text
    assert "Segmentation (H.248.1 Annex D) is not used in this profile." in text
    assert "This profile does not restrict the use of descriptors beyond H.248.1." in text
    assert "The MG shall not accept TLS 1.3 early data (0-RTT)." in text
