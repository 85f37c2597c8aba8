"""Every LD/SC/SP/PRB code the source mentions is in the non-rule code catalogue (profilekit.load.codes), so
docs/rules.md, `profilekit rules` and SARIF describe every code a finding can carry."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from profilekit.load.codes import NON_RULE_CODES

PACKAGE = Path(__file__).resolve().parents[1] / "profilekit"
CODE = re.compile(r"\b(?:LD|SC|SP|PRB)\d{3}\b")


def codes_in_source() -> dict[str, list[str]]:
    """code → the places (`profilekit/…py:line`) of the string literals that contain it."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for code in CODE.findall(node.value):
                    found.setdefault(code, []).append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


def test_every_code_in_the_source_is_catalogued() -> None:
    found = codes_in_source()
    assert {"LD001", "LD010", "SC001", "SP002"} <= set(found)  # the scan sees raise sites: it is not vacuous
    missing = {code: places for code, places in sorted(found.items()) if code not in NON_RULE_CODES}
    assert not missing, f"raised but not catalogued (declare them beside the code that raises them): {missing}"


def test_catalogue_entries_are_well_formed() -> None:
    assert list(NON_RULE_CODES) == sorted(NON_RULE_CODES)
    for code, entry in NON_RULE_CODES.items():
        assert entry.code == code and CODE.fullmatch(code), code
        assert entry.title and entry.title[0].isupper() and not entry.title.endswith("."), code
        assert entry.description.endswith("."), code
