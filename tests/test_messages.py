"""Messages an editor reads when a value has the wrong type or form: plain words, where, and how to fix it.

Each case edits the starter profile the way a person would and checks the message and its position.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from profilekit.findings import Finding, InputError
from profilekit.load.errors import PATTERN_HELP
from profilekit.load.profile import load_profile
from profilekit.model.schema import schema_for
from profilekit.newprofile import new_profile_text

START = new_profile_text(name="ETSIprof_Msg_TLS")
PYDANTIC_WORDS = re.compile(r"Input should|String should|List should|valid dictionary|instance of|"
                            r"Value error|after validation|\bstr\b|\bint\b|\bdict\b")


def _edit(old: str, new: str) -> str:
    assert START.count(old) == 1, old
    return START.replace(old, new)


def _findings(tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_profile(path)
    return info.value.findings


def _pos(text: str, needle: str, *, after: str = "") -> tuple[int, int]:
    index = text.index(needle, text.index(after))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


CASES = [
    # (old text, new text, where the finding points (the new value), words it must contain)
    ("  version: 1 ", "  version: three ", "three", "identification.version: expected a whole number (got 'three')"),
    ("max_terminations_per_context: 2", "max_terminations_per_context: 2.5", "2.5",
     "expected a whole number (got 2.5)"),
    ("max_terminations_per_context: 2", "max_terminations_per_context: 0", "0\n", "must be at least 1 (got 0)"),
    ("versions: [TLS1.2, TLS1.3]", "versions: TLS1.2", "TLS1.2",
     "versions: expected a list (got 'TLS1.2'); for a single item write [TLS1.2]"),
    ("versions: [TLS1.2, TLS1.3]", "versions: []", "[]", "versions: must not be empty"),
    ("session_tickets: true", "session_tickets: yes", "yes,",
     "expected true or false (got 'yes'); YAML 1.2 reads yes/no/on/off as text"),
    ("ticket_lifetime_s: 43200", "ticket_lifetime_s: 12h", "12h", "expected a whole number (got '12h')"),
    ("  title: Example H.248 profile with TLS-secured TCP bearers", "  title: [a, b]", "[a, b]",
     "identification.title: expected text"),
    ("  date: ", "  date: 26/11/2026 #", "26/11/2026", "expected a date written YYYY-MM-DD (got '26/11/2026')"),
    ("name: ETSIprof_Msg_TLS ", "name: ETSI-prof my ", "ETSI-prof my",
     "use letters, digits and '_', starting with a letter, at most 64 characters (got 'ETSI-prof my')"),
    ("    - id: tls_side", "    - id: 1tls side", "1tls side", "starting with a letter"),
    ("    tls_domain: tlsx/domain", "    tls_domain: tlsx.domain", "tlsx.domain",
     "tls.bindings.tls_domain: write a package element as package/element, e.g. tlsx/role (got 'tlsx.domain')"),
    ("    tls_domain: tlsx/domain", "    tls_domain: 5", "5\n",
     "expected a package element written package/element (e.g. tlsx/role) or a mapping with `element:` (got 5)"),
    ("{element: tlsx/role, values: {client: client, server: server}}",
     "{element: tlsx/role, values: [client, server]}", "[client, server]",
     "tls.bindings.tls_role.values: expected a mapping (key: value lines)"),
    ("summary: >-\n  One paragraph on the use case: which gateway, which bearer is secured with TLS, towards whom.",
     'summary: ""', '""', "summary: must not be empty"),
]


@pytest.mark.parametrize(("old", "new", "at", "words"), CASES, ids=[c[3][:40] for c in CASES])
def test_value_errors_in_plain_words(tmp_path: Path, old: str, new: str, at: str, words: str) -> None:
    text = _edit(old, new)
    findings = _findings(tmp_path, text)
    assert len(findings) == 1, findings
    finding = findings[0]
    assert finding.code == "SC003"
    assert words in finding.message
    assert not PYDANTIC_WORDS.search(finding.message), finding.message
    assert (finding.line, finding.column) == _pos(text, at, after=new)


def test_value_error_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(_edit("  version: 1 ", "  version: three "), encoding="utf-8")
    result = run_cli("validate", "p.yaml", cwd=tmp_path)
    assert result.returncode == 2
    line, col = _pos((tmp_path / "p.yaml").read_text(encoding="utf-8"), "three")
    assert (f"p.yaml:{line}:{col}: error SC003 identification.version: expected a whole number (got 'three')"
            in result.stdout)


def _patterns(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return found.union(*(_patterns(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_patterns(v) for v in node))
    return set()


def test_every_identifier_pattern_is_explained_in_words() -> None:
    """A new pattern in the model needs its plain-words description, or editors see a regex."""
    patterns = _patterns(schema_for("profile")) | _patterns(schema_for("package-library"))
    assert patterns
    assert patterns <= set(PATTERN_HELP), sorted(patterns - set(PATTERN_HELP))
