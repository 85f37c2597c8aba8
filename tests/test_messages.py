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
from profilekit.load.source import Document
from profilekit.load.suppressions import read
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


# --- Word's curly quotes, bare null, invisible characters, letter case (through the CLI) -------------

CURLY = 'YAML needs straight quotes (" or \')'


def _validate(tmp_path: Path, text: str, file: str = "p.yaml") -> tuple[str, str]:
    """Run `profilekit validate` on `text`; the first finding line and the stdout, after checking exit 2
    and that no Python traceback or internals leak."""
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", "p.yaml", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    first = next(line for line in result.stdout.splitlines() if line.startswith(f"{file}:"))
    assert not PYDANTIC_WORDS.search(first), first
    return first, result.stdout


def _at(text: str, needle: str, *, after: str = "") -> str:
    line, col = _pos(text, needle, after=after)
    return f"p.yaml:{line}:{col}:"


CURLY_CASES = [
    # (old, new, the curly quote the finding points at, code, words)
    ("  title: Example H.248 profile with TLS-secured TCP bearers", "  title: “H.248 profile: BFCP over TLS”",
     "“H.248", "LD001", 'write "H.248 profile: BFCP over TLS" (the YAML parser stopped at line'),
    ('title: "ITU-T H.248.1, Gateway control protocol: Version 3"',
     "title: “ITU-T H.248.1, Gateway control protocol: Version 3”", "“ITU-T H.248.1,", "SC001",
     "without them YAML split the text at ', ' and ': ' (unknown key 'Gateway control protocol'"),
    ("  status: draft", "  “status”: draft", "“status”", "SC001",
     "it took them as part of the key (unknown key '“status”'; did you mean 'status'?); write \"status\""),
    ("  status: draft", "  status: “draft”", "“draft”", "SC003",
     "identification.status: curly quote U+201C (“) at "),
    ("  status: draft", "  status: „draft“", "„draft“", "SC003", "curly quote U+201E („)"),
    ("  status: draft", "  status: «draft»", "«draft»", "SC003", "curly quote U+00AB («)"),
    ("  status: draft", "  status: ‘draft’", "‘draft’", "SC003", "curly quote U+2018 (‘)"),
    ('compression: ["null"]', "compression: [“deflate”]", "“deflate”", "SC003",
     "tls.profiles[0].compression[0]: curly quote U+201C"),
    # free-text fields that are names, patterns or references (typed `Name` in the model), not prose
    ('naming_pattern: "ip/tls/$"', "naming_pattern: “ip/tls/$”", "“ip/tls/$”", "SC003",
     "naming_pattern: curly quote U+201C (“) at "),
    ('{element: "a=setup", values:', "{element: ‘a=setup’, values:", "‘a=setup’", "SC003",
     "sdp_mandatory[0].element: curly quote U+2018 (‘) at "),
    ("values: [active, passive, actpass]", "values: [«active», passive, actpass]", "«active»", "SC003",
     "values[0]: curly quote U+00AB («) at "),
]


@pytest.mark.parametrize(("old", "new", "at", "code", "words"), CURLY_CASES, ids=[c[1][:30] for c in CURLY_CASES])
def test_curly_quotes_used_as_yaml_quotes_are_named(tmp_path: Path, old: str, new: str, at: str, code: str,
                                                    words: str) -> None:
    text = _edit(old, new)
    first, out = _validate(tmp_path, text)
    line, col = _pos(text, at, after=new)
    assert first.startswith(f"p.yaml:{line}:{col}: error {code} "), first
    assert f"curly quote U+{ord(at[0]):04X} ({at[0]}) at {line}:{col}; {CURLY}" in first
    assert words in first
    assert out.count("curly quote") == 1, out  # one finding per curly-quoted value, not one per fragment


def test_curly_quotes_inside_straight_quotes_of_a_name_are_refused(tmp_path: Path) -> None:
    """'"“ip/tls/$”"' is a deliberate value to YAML; for a pattern matched literally it is still wrong."""
    text = _edit('naming_pattern: "ip/tls/$"', 'naming_pattern: "“ip/tls/$”"')
    first, _ = _validate(tmp_path, text)
    assert first.startswith(_at(text, '"“ip/tls')), first
    assert first == (_at(text, '"“ip/tls') + " error SC003 terminations.types[0].naming_pattern: is wrapped in "
                     f"curly quotes; remove them {NAME_WHY} (got '“ip/tls/$”')")


def test_curly_quoted_import_path_names_the_quotes(tmp_path: Path) -> None:
    text = _edit("name: ETSIprof_Msg_TLS", "name: ETSIprof_Msg_TLS")
    text = "imports:\n  - “lib/packages.yaml”\n" + text
    (tmp_path / "lib").mkdir()
    first, out = _validate(tmp_path, text)
    assert first.startswith("p.yaml:2:5: error LD007 imported file '“lib/packages.yaml”' does not exist"), first
    assert "curly quote U+201C (“) at 2:5; " + CURLY + ", so it took them as part of the path; " \
           'write "lib/packages.yaml"' in first
    assert out.count("curly quote") == 1, out  # the model's check of the same path says nothing more


INVISIBLE_CASES = [
    # (old, new, the character, where it is in `new`)
    ("  version: 1 ", "\u00a0 version: 1 ", "\u00a0", "\u00a0 version"),
    ("  version: 1 ", "  version:\u00a01 ", "\u00a0", "\u00a01"),
    ("  version: 1 ", "  version:\u202f1 ", "\u202f", "\u202f1"),
    ("  version: 1 ", "\u3000 version: 1 ", "\u3000", "\u3000 version"),
    ("  status: draft", "\ufeff  status: draft", "\ufeff", "\ufeff  status"),
]


@pytest.mark.parametrize(("old", "new", "char", "at"), INVISIBLE_CASES, ids=[repr(c[1][:12]) for c in INVISIBLE_CASES])
def test_invisible_character_in_yaml_structure_is_named_where_it_is(tmp_path: Path, old: str, new: str, char: str,
                                                                   at: str) -> None:
    text = _edit(old, new)
    first, _ = _validate(tmp_path, text)
    line, col = _pos(text, at)
    assert first.startswith(f"p.yaml:{line}:{col}: error LD001 YAML syntax: "), first
    assert f"(U+{ord(char):04X}) at {line}:{col}" in first, first
    if char == "\ufeff":
        assert "a byte-order mark (U+FEFF)" in first and "only at the very start of the file" in first
    else:
        assert "where YAML needs an ordinary space" in first


@pytest.mark.parametrize(("date", "words"), [
    ("2026-02-30", "2026-02-30 is not a date: February 2026 has 28 days"),
    ("2028-02-30", "2028-02-30 is not a date: February 2028 has 29 days"),
    ("2026-04-31", "2026-04-31 is not a date: April 2026 has 30 days"),
    ("2026-13-01", "2026-13-01 is not a date: there is no month 13"),
    ("2026-4-3", "expected a date written YYYY-MM-DD (got '2026-4-3')"),
])
def test_impossible_date_says_the_day_does_not_exist(tmp_path: Path, date: str, words: str) -> None:
    old = next(line for line in START.splitlines() if line.startswith("  date: "))
    text = _edit(old, f"  date: {date}")
    first, _ = _validate(tmp_path, text)
    assert first.startswith(_at(text, date) + f" error SC003 identification.date: {words}"), first


def test_curly_quoted_status_says_what_to_write(tmp_path: Path) -> None:
    first, _ = _validate(tmp_path, _edit("  status: draft", "  status: “draft”"))
    assert "it took them as part of the value '“draft”'; write \"draft\"" in first


@pytest.mark.parametrize("title", [
    "  title: Example ‘quoted’ profile with “TLS” bearers",
    '  title: "H.248 profile with ‘quoted’ words: TLS"',
    "  title: 'The “BFCP” gateway: profile'",
])
def test_curly_quotes_inside_prose_are_accepted(tmp_path: Path, title: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(_edit("  title: Example H.248 profile with TLS-secured TCP bearers", title), encoding="utf-8")
    result = run_cli("validate", "p.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    loaded = load_profile(path)
    assert any(ch in loaded.profile.identification.title for ch in "‘“")


def test_curly_quote_next_to_an_unrelated_error_is_not_blamed(tmp_path: Path) -> None:
    """A curly-quoted title in a flow mapping does not take over a misspelt `kind` after it."""
    text = _edit('{id: H.248.1, kind: normative, title: "ITU-T H.248.1, Gateway control protocol: Version 3"}',
                 "{id: H.248.1, title: ‘H.248.1’, kind: normtive}")
    first, _ = _validate(tmp_path, text)
    assert first.startswith(_at(text, "normtive}")), first
    assert "curly" not in first and "did you mean 'normative'?" in first


REASON = 'reason="TLS 1.2 renegotiation refused (RFC 9325 practice); TLS 1.3 uses KeyUpdate"'


@pytest.mark.parametrize("reason", ["reason=“legacy peers”", "reason=„legacy peers“", "reason=«legacy peers»",
                                    "reason=‘legacy peers’", 'reason=“legacy peers"'])
def test_suppression_reason_in_curly_quotes_is_accepted(tmp_path: Path, reason: str) -> None:
    (tmp_path / "p.yaml").write_text(_edit(REASON, reason), encoding="utf-8")
    result = run_cli("validate", "p.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "(1 suppressed)" in result.stdout and "SP001" not in result.stdout
    [sup], _ = read(Document(path="p.yaml", text=(tmp_path / "p.yaml").read_text(encoding="utf-8")))
    assert sup.reason == "legacy peers"  # the reason Annex A shows, without its quotes


def test_bare_null_enum_value_says_to_quote_it(tmp_path: Path) -> None:
    text = _edit('compression: ["null"]', "compression: [null]")
    first, _ = _validate(tmp_path, text)
    assert first.startswith(_at(text, "null]") + " error SC003 "), first
    assert ('tls.profiles[0].compression[0]: YAML reads a bare null as "no value"; to name the option null, '
            'put it in quotes: "null"') in first
    assert "None" not in first


@pytest.mark.parametrize(("invisible", "words"), [
    ("draft\u00a0", "'draft' followed by a non-breaking space (U+00A0) is not one of"),
    ("dr\u200baft", "'dr', a zero-width space (U+200B), then 'aft' is not one of"),
    ("draft\ufeff", "'draft' followed by a byte-order mark (U+FEFF) is not one of"),
])
def test_invisible_characters_are_named_not_escaped(tmp_path: Path, invisible: str, words: str) -> None:
    text = _edit("  status: draft", f"  status: {invisible}")
    first, _ = _validate(tmp_path, text)
    assert first.startswith(_at(text, invisible) + " error SC003 identification.status: "), first
    assert words in first
    assert "did you mean 'draft'? (remove the " in first
    assert "\\x" not in first and "\\u" not in first


def test_enum_did_you_mean_ignores_letter_case(tmp_path: Path) -> None:
    text = _edit('compression: ["null"]', "compression: [DEFLATE]")
    first, _ = _validate(tmp_path, text)
    assert first.startswith(_at(text, "DEFLATE") + " error SC003 "), first
    assert "'DEFLATE' is not one of 'null', 'deflate' or 'lzs'; did you mean 'deflate'?" in first


def test_import_that_is_not_a_library_says_what_it_holds_in_words(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("just a line of text\n", encoding="utf-8")
    text = _edit("format_version: 1\n", "format_version: 1\nimports: [notes.txt]\n")
    first, _ = _validate(tmp_path, text, "notes.txt")
    assert first.startswith("notes.txt:1:1: error SC003 the file must hold a mapping of key: value lines"), first
    assert first.endswith("but it holds a text")


def test_invisible_character_in_a_key_is_named(tmp_path: Path) -> None:
    text = _edit("  status: draft", "  status\u00a0: draft")
    first, _ = _validate(tmp_path, text)
    assert first.startswith(_at(text, "status\u00a0") + " error SC001 "), first
    assert "unknown key 'status' followed by a non-breaking space (U+00A0); did you mean 'status'?" in first


# --- one rule for curly quotes: prose keeps them, a name refuses them and says why ------------------------

NAME_WHY = ("(this field is a name, identifier, option or reference, matched literally, so quotes around it would "
            "become part of it; only prose (titles, descriptions, notes) keeps them)")


@pytest.mark.parametrize(("old", "new", "path", "value", "meant"), [
    ("trust_anchors: [Your Root CA]", "trust_anchors: [“Your Root CA”]",
     "tls.profiles[0].authentication.trust_anchors[0]", "“Your Root CA”", "Your Root CA"),
    ("        - TLS_AES_128_GCM_SHA256", "        - “TLS_AES_128_GCM_SHA256”",
     "tls.profiles[0].cipher_suites[0]", "“TLS_AES_128_GCM_SHA256”", "TLS_AES_128_GCM_SHA256"),
    ("  status: draft", "  status: ‘draft’", "identification.status", "‘draft’", "draft"),
])
def test_curly_quotes_around_a_name_are_one_error_that_says_what_kind_of_field_it_is(
        tmp_path: Path, old: str, new: str, path: str, value: str, meant: str) -> None:
    """Before, a curly-quoted suite passed the model and came back as an unknown cipher suite."""
    text = _edit(old, new)
    line, col = _pos(text, value[0], after=new)
    _, out = _validate(tmp_path, text)
    assert out.splitlines() == [
        f"p.yaml:{line}:{col}: error SC003 {path}: curly quote U+{ord(value[0]):04X} ({value[0]}) at {line}:{col}; "
        f"{CURLY}: it took them as part of the value '{value}'; write \"{meant}\" {NAME_WHY}",
        "1 file checked: 1 error(s), 0 warning(s), 0 info",
    ]


@pytest.mark.parametrize(("old", "new", "field"), [
    ("  title: Example H.248 profile with TLS-secured TCP bearers",
     "  title: “Example H.248 profile with TLS-secured TCP bearers”", ("identification", "title")),
    ("        notes: Placeholder figures; replace them with what the MG is dimensioned for.",
     "        notes: “Placeholder figures”", None),
])
def test_curly_quotes_around_prose_are_kept(tmp_path: Path, old: str, new: str, field: Any) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(_edit(old, new), encoding="utf-8")
    result = run_cli("validate", "p.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    if field is not None:
        assert getattr(getattr(load_profile(path).profile, field[0]), field[1]).startswith("“")
