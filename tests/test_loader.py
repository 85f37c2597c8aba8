"""The YAML 1.2 loader: positions of keys and values, scalar resolution, tags, and errors at file:line:col."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from pydantic import BaseModel

from profilekit.findings import Finding, InputError
from profilekit.load.profile import load_profile
from profilekit.load.skeleton import field_yaml
from profilekit.load.source import Pos
from profilekit.load.yaml12 import load_text
from profilekit.model.profile import TEMPLATE_CLAUSES, Profile
from profilekit.newprofile import new_profile_text

IMS = ROOT / "samples" / "ims-msrp-tls-relay.yaml"


def _where(text: str, needle: str, *, occurrence: int = 0) -> Pos:
    """1-based line/column of `needle` in `text`: expected positions come from the text, not constants."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return Pos(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _at(finding: Finding) -> Pos:
    return Pos(finding.line, finding.column)


def _errors(text: str) -> list[Finding]:
    with pytest.raises(InputError) as info:
        load_text(text, "doc.yaml")
    return info.value.findings


# --- positions -------------------------------------------------------------------------------------

BLOCK = """\
identification:
  name: ETSIprof_X
  editors:
    - name: A. Editor
      email: a@example.org
    - name: B. Editor
tls:
  profiles:
    - id: p1
      versions: [TLS1.2, TLS1.3]
"""


def test_block_style_key_and_value_positions() -> None:
    data, doc = load_text(BLOCK, "doc.yaml")
    assert data["identification"]["editors"][1]["name"] == "B. Editor"
    assert doc.key_pos[("identification", "name")] == _where(BLOCK, "name: ETSIprof_X")
    assert doc.value_pos[("identification", "name")] == _where(BLOCK, "ETSIprof_X")
    assert doc.key_pos[("identification", "editors", 1, "name")] == _where(BLOCK, "name: B. Editor")
    assert doc.value_pos[("identification", "editors", 1, "name")] == _where(BLOCK, "B. Editor")
    # a sequence item's value starts at its first key (after "- ")
    assert doc.value_pos[("identification", "editors", 0)] == _where(BLOCK, "name: A. Editor")
    assert doc.value_pos[("tls", "profiles", 0, "versions", 1)] == _where(BLOCK, "TLS1.3")
    assert doc.value_pos[()] == Pos(1, 1)


FLOW = """\
references:
  - {id: RFC8446, kind: normative, title: "TLS 1.3"}
  - {id: RFC5246, kind: informative,
     title: TLS 1.2}
bindings: {tls_role: {element: tlsbsc/role, values: {client: c, server: s}}}
"""


def test_flow_style_key_and_value_positions() -> None:
    data, doc = load_text(FLOW, "doc.yaml")
    assert data["bindings"]["tls_role"]["values"] == {"client": "c", "server": "s"}
    assert doc.key_pos[("references", 1, "kind")] == _where(FLOW, "kind: informative")
    assert doc.value_pos[("references", 1, "kind")] == _where(FLOW, "informative")
    assert doc.key_pos[("references", 1, "title")] == _where(FLOW, "title: TLS 1.2")
    assert doc.value_pos[("references", 0, "title")] == _where(FLOW, '"TLS 1.3"')
    assert doc.key_pos[("bindings", "tls_role", "values", "server")] == _where(FLOW, "server: s")
    assert doc.value_pos[("bindings", "tls_role", "values", "server")] == _where(FLOW, "s}}}")


MULTILINE = """\
summary: >-
  First line
  second line.
notes: |
  keep
    indented
plain: a plain scalar
  continued on the next line
after: 1
"""


def test_multiline_scalars_values_and_positions() -> None:
    data, doc = load_text(MULTILINE, "doc.yaml")
    assert data["summary"] == "First line second line."
    assert data["notes"] == "keep\n  indented\n"
    assert data["plain"] == "a plain scalar continued on the next line"
    assert doc.value_pos[("summary",)] == _where(MULTILINE, ">-")
    assert doc.value_pos[("notes",)] == _where(MULTILINE, "|")
    assert doc.key_pos[("after",)] == _where(MULTILINE, "after")


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    _, doc = load_text(BLOCK, "doc.yaml")
    assert doc.locate(("identification", "editors", 1, "organization"), key=True) == \
        _where(BLOCK, "name: B. Editor")
    assert doc.locate(("nowhere", "deeper")) == Pos(1, 1)


# --- YAML 1.2 scalars --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("no", "no"), ("on", "on"), ("yes", "yes"), ("off", "off"), ("Y", "Y"),
    ("true", True), ("False", False),
    ("0o17", 15), ("0x1F", 31), ("012", 12), ("-7", -7), ("+3", 3),
    ("1.5", 1.5), ("1e3", 1000.0), (".5", 0.5),
    ("~", None), ("null", None), ("", None),
    ("2026-11-26", "2026-11-26"), ("12:30", "12:30"), ("0b101", "0b101"),
    ("TLS1.2", "TLS1.2"), ("'yes'", "yes"), ('"0x10"', "0x10"),
])
def test_yaml12_core_schema_scalars(text: str, expected: object) -> None:
    data, _ = load_text(f"v: {text}\n", "doc.yaml")
    assert data["v"] == expected
    assert type(data["v"]) is type(expected)


@pytest.mark.parametrize(("text", "sign"), [(".inf", 1), ("+.inf", 1), ("-.inf", -1), (".Inf", 1)])
def test_infinities(text: str, sign: int) -> None:
    data, _ = load_text(f"v: {text}\n", "doc.yaml")
    assert data["v"] == sign * math.inf


def test_nan() -> None:
    data, _ = load_text("v: .nan\n", "doc.yaml")
    assert math.isnan(data["v"])


@pytest.mark.parametrize(("text", "expected"), [
    ("!!str 5", "5"), ("!!str yes", "yes"), ("!!int 0x10", 16), ("!!int '42'", 42), ("!!float 1", 1.0),
    ("!!bool true", True), ("!!null ~", None), ('! "x"', "x"),
])
def test_explicit_core_tags(text: str, expected: object) -> None:
    data, _ = load_text(f"v: {text}\n", "doc.yaml")
    assert data["v"] == expected
    assert type(data["v"]) is type(expected)


@pytest.mark.parametrize(("text", "fragment"), [
    ("!!int x", "'x' is not a valid int"),
    ("!!bool yes", "'yes' is not a valid bool"),
    ("!!float abc", "not a valid float"),
])
def test_explicit_tag_with_wrong_value(text: str, fragment: str) -> None:
    source = f"first: 1\nv: {text}\n"
    [finding] = _errors(source)
    assert finding.code == "LD006"
    assert fragment in finding.message
    assert _at(finding) == _where(source, text)


@pytest.mark.parametrize("text", ["!foo 1", "!!binary aGk=", "!!python/object:os.system x", "!!set {a, b}",
                                  "!custom [1, 2]", "!!omap [a: 1]"])
def test_unsupported_tags_are_errors_at_the_tag(text: str) -> None:
    source = f"ok: 1\nbad: {text}\n"
    [finding] = _errors(source)
    assert finding.code == "LD006"
    assert "unsupported tag" in finding.message
    assert (finding.line, finding.column) == (2, 6)
    assert finding.yaml_path == "bad"


def test_anchors_and_aliases_share_values() -> None:
    data, doc = load_text("base: &b {a: 1}\ncopy: *b\n", "doc.yaml")
    assert data["copy"] == {"a": 1}
    # libyaml hands back the anchored node for an alias: a problem in the shared value points at
    # its definition, where the user has to fix it
    assert doc.value_pos[("copy",)] == Pos(1, 7)
    assert doc.key_pos[("copy",)] == Pos(2, 1)


# --- duplicate keys, syntax errors ----------------------------------------------------------------------

def test_duplicate_key_reports_both_positions() -> None:
    source = "identification:\n  name: A\n  version: 1\n  name: B\n"
    [finding] = _errors(source)
    assert finding.code == "LD002"
    assert (finding.line, finding.column) == (4, 3)
    assert "duplicate key 'name'" in finding.message
    assert "first defined at line 2, column 3" in finding.message
    assert finding.yaml_path == "identification.name"


def test_duplicate_key_in_flow_mapping() -> None:
    source = "values: {client: c, server: s, client: x}\n"
    [finding] = _errors(source)
    assert (finding.line, finding.column) == (1, 32)
    assert "first defined at line 1, column 10" in finding.message


def test_duplicate_keys_that_differ_only_in_spelling_of_the_same_value() -> None:
    """`1` and `0x1` are the same integer key in YAML 1.2, so the mapping holds a duplicate."""
    [finding] = _errors("1: a\n0x1: b\n")
    assert finding.code == "LD002"
    assert finding.line == 2


@pytest.mark.parametrize(("source", "line", "column", "fragment"), [
    ("a: [1, 2\n", 2, 1, "expected ',' or ']'"),
    ("a:\n\tb: 1\n", 2, 1, "use spaces"),
    ("a: 1\n b: 2\n", 2, 3, "mapping values are not allowed"),
    ("a: 'open\n", 2, 1, "found unexpected end of stream"),
    ("a: 1\n---\nb: 2\n", 2, 1, "found another document"),
    ("- a\nb: 1\n", 2, 1, "did not find expected '-' indicator"),  # libyaml's wording
])
def test_syntax_errors_have_positions(source: str, line: int, column: int, fragment: str) -> None:
    [finding] = _errors(source)
    assert finding.code == "LD001"
    assert finding.message.startswith("YAML syntax: ")
    assert fragment in finding.message
    assert (finding.line, finding.column) == (line, column)


FOLDED = ("this line is indented as a continuation of the line above; align the '-' with it (YAML reads the "
          "two lines as one item, ")


@pytest.mark.parametrize(("source", "line", "column", "value"), [
    ("a:\n  - A\n    - B\n  - C\n", 3, 5, "'A - B'"),
    ("- A\n  - B\n", 2, 3, "'A - B'"),
    ("- A\n  more words\n   -\n", 3, 4, "'A more words -'"),
])
def test_a_list_item_folded_into_the_item_above_is_reported_once_at_its_dash(
        source: str, line: int, column: int, value: str) -> None:
    [finding] = _errors(source)
    assert (finding.code, finding.line, finding.column) == ("LD011", line, column)
    assert finding.message == FOLDED + value + ")"


@pytest.mark.parametrize("source", [
    "- A\n  continued prose\n- B\n",  # a plain value that runs on: not a list item
    "- 'A\n  - B'\n",  # quoted: the dash is the author's text
    "- >\n  A\n  - B\n",  # a block scalar keeps its lines
    "a: A\n  continued prose\n",  # a mapping value that runs on
    "a: 'A\n  - B'\n",  # quoted
])
def test_multi_line_values_that_are_not_folded_items_load(source: str) -> None:
    load_text(source, "doc.yaml")


@pytest.mark.parametrize(("source", "line", "column"), [
    ("groups: x25519\n  - secp256r1\n", 2, 3),
    ("tls:\n  groups: x25519\n    prose\n    - secp256r1\n", 4, 5),
])
def test_a_list_begun_on_the_key_line_is_reported_at_its_dash(source: str, line: int, column: int) -> None:
    [finding] = _errors(source)
    assert (finding.code, finding.line, finding.column) == ("LD011", line, column)
    assert "continues the value of 'groups' on the line above" in finding.message
    assert "put every item on its own '- ' line under 'groups:'" in finding.message


def test_folded_cipher_suite_is_one_finding_instead_of_an_unknown_suite(tmp_path: Path) -> None:
    path, _ = _sample_copy(tmp_path, "        - TLS_AES_128_GCM_SHA256\n        - TLS_AES_256_GCM_SHA384\n",
                           "        - TLS_AES_128_GCM_SHA256\n          - TLS_AES_256_GCM_SHA384\n")
    result = run_cli("validate", path.name, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    folded_line = path.read_text(encoding="utf-8").splitlines().index("          - TLS_AES_256_GCM_SHA384") + 1
    assert result.stdout.splitlines() == [
        f"{path.name}:{folded_line}:11: error LD011 " + FOLDED + "'TLS_AES_128_GCM_SHA256 - TLS_AES_256_GCM_SHA384')",
        "1 file checked: 1 error(s), 0 warning(s), 0 info",
    ]


def test_empty_document_is_none() -> None:
    data, doc = load_text("# only a comment\n", "doc.yaml")
    assert data is None
    assert doc.value_pos[()] == Pos(1, 1)


def test_non_scalar_key_is_an_error() -> None:
    [finding] = _errors("? [a, b]\n: 1\n")
    assert finding.code == "LD004"
    assert finding.line == 1


# --- model errors through load_profile ----------------------------------------------------------------

def _sample_copy(tmp_path: Path, old: str, new: str, *, source: Path = IMS) -> tuple[Path, str]:
    shutil.copytree(ROOT / "samples" / "lib", tmp_path / "lib")
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {source.name}"
    text = text.replace(old, new)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    return path, text


def _load_errors(path: Path) -> list[Finding]:
    with pytest.raises(InputError) as info:
        load_profile(path)
    return info.value.findings


def test_all_samples_load(sample: Path) -> None:
    loaded = load_profile(sample)
    assert loaded.profile.identification.name
    assert [Path(p).name for p in loaded.libraries] == ["tls-tcp-packages.yaml"]
    assert {"tcpbcc", "tlsbsc", "tlscap"} <= set(loaded.packages)
    assert len(loaded.source_sha256) == 64


def test_typo_key_points_at_the_key_and_suggests(tmp_path: Path) -> None:
    path, text = _sample_copy(tmp_path, "      on_failure: terminate", "      on_failure_: terminate")
    findings = _load_errors(path)
    extra = [f for f in findings if f.code == "SC001"]
    assert len(extra) == 1
    assert extra[0].message == "unknown key 'on_failure_'; did you mean 'on_failure'?"
    assert _at(extra[0]) == _where(text, "on_failure_")
    # the now-missing key is reported too, at its parent mapping
    missing = [f for f in findings if f.code == "SC002"]
    assert [m.message for m in missing] == ["missing required key on_failure in tls.profiles[0].authentication; "
                                            "add `on_failure: <terminate | continue | continue_if>`"]
    assert missing[0].line == _where(text, "authentication:").line


def test_unknown_key_without_close_match_lists_the_allowed_keys(tmp_path: Path) -> None:
    path, _ = _sample_copy(tmp_path, "  mid_format: domain_name\n", "  mid_format: domain_name\n  zzzz: 1\n")
    [finding] = _load_errors(path)
    assert finding.message.startswith("unknown key 'zzzz' (allowed here: ")
    assert "max_size_octets" in finding.message


def test_wrong_type_points_at_the_value(tmp_path: Path) -> None:
    path, text = _sample_copy(tmp_path, "max_size_octets: 65507", "max_size_octets: large")
    [finding] = _load_errors(path)
    assert finding.code == "SC003"
    assert "messages.max_size_octets" in finding.message and "expected a whole number" in finding.message
    assert "(got 'large')" in finding.message
    assert _at(finding) == _where(text, "large")


def test_invalid_enum_value_suggests_the_nearest(tmp_path: Path) -> None:
    path, text = _sample_copy(tmp_path, "tcp_mode: proxy_application_agnostic\n        tcp_roles: [client, server]\n"
                              "        tls_roles", "tcp_mode: proxy_aplication_agnostic\n        tcp_roles: "
                              "[client, server]\n        tls_roles")
    [finding] = _load_errors(path)
    assert "did you mean 'proxy_application_agnostic'?" in finding.message
    assert finding.line == _where(text, "proxy_aplication_agnostic").line
    assert finding.yaml_path == "terminations.types[0].mode.tcp_mode"


def test_missing_required_key_points_at_the_parent(tmp_path: Path) -> None:
    path, text = _sample_copy(tmp_path, "  mid_format: domain_name\n", "")
    [finding] = _load_errors(path)
    assert finding.code == "SC002"
    assert finding.message == ("missing required key mid_format in messages (clause 11 Messages, 5.11 in the "
                               "document); add `mid_format: <ipv4 | ipv6 | domain_name | device_name | mtp_address>`")
    assert _at(finding) == _where(text, "messages:")


def test_missing_top_level_key(tmp_path: Path) -> None:
    start = IMS.read_text(encoding="utf-8").index("summary: >-")
    end = IMS.read_text(encoding="utf-8").index("scope: >-")
    path, text = _sample_copy(tmp_path, IMS.read_text(encoding="utf-8")[start:end], "")
    [finding] = _load_errors(path)
    assert finding.message == ("missing required key summary: clause 2 Summary of the H.248.1 profile template "
                               "(5.2 in the document); add `summary: <text>`")
    assert _at(finding) == _where(text, "format_version")


def test_missing_template_clause_names_it_and_shows_its_required_keys(tmp_path: Path) -> None:
    path, text = _sample_copy(tmp_path, "transport:\n  protocols: [sctp]\n  segmentation: false\n", "")
    [finding] = _load_errors(path)
    assert finding.code == "SC002"
    assert finding.message == ("missing required key transport: clause 12 Transport of the H.248.1 profile "
                               "template (5.12 in the document); add `transport: {protocols: [<udp | tcp | "
                               "sctp | m3ua | tls>]}`")
    assert _at(finding) == _where(text, "format_version")


def test_missing_tls_section_names_what_it_holds(tmp_path: Path) -> None:
    original = IMS.read_text(encoding="utf-8")
    start = original.index("\ntls:\n") + 1
    end = original.index("\nprocedures:", start) + 1 if "\nprocedures:" in original[start:] else len(original)
    path, _ = _sample_copy(tmp_path, original[start:end], "")
    [finding] = [f for f in _load_errors(path) if f.code == "SC002"]
    assert finding.message.startswith("missing required key tls: TLS for TCP bearers, what H.248.TLSPROF adds to "
                                      "the template: TLS profiles, domains and bindings (clause 6 in the "
                                      "document); add `tls: {profiles: [{id: <text>")


def test_missing_nested_mapping_shows_its_required_sub_keys(tmp_path: Path) -> None:
    original = IMS.read_text(encoding="utf-8")
    start = original.index("    authentication:\n")
    end = original.index("\n", original.index("trust_anchors:", start)) + 1
    path, text = _sample_copy(tmp_path, original[start:end], "")
    [finding] = [f for f in _load_errors(path) if f.code == "SC002"]
    assert finding.message == ("missing required key authentication in tls.profiles[0]; add `authentication: "
                               "{server: <required | optional | none>, client: <required | optional | none>, "
                               "methods: [<certificate_ca_signed | certificate_self_signed | psk | "
                               "trusted_third_party | none>], on_failure: <terminate | continue | continue_if>}`")
    assert _at(finding) == _where(text, "id: access_tls\n      description")


def test_every_missing_template_clause_gets_yaml_that_loads() -> None:
    """The YAML SC002 shows for each required clause is valid YAML with exactly the clause's required keys."""
    for _, _, name in TEMPLATE_CLAUSES:
        field = Profile.model_fields[name]
        if not field.is_required():
            continue
        value = load_text(f"{name}: {field_yaml(field)}\n", "clause.yaml")[0][name]
        model = field.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):
            assert sorted(value) == sorted(k for k, f in model.model_fields.items() if f.is_required()), name
        else:
            assert isinstance(value, list if name == "commands" else str), (name, value)


def test_several_errors_are_reported_together_in_file_order(tmp_path: Path) -> None:
    path, _ = _sample_copy(tmp_path, "  version: 3\nconnection_model", "  version: 4\nconnection_model")
    text = path.read_text().replace("max_contexts: 20000", "max_contexts: 0")
    path.write_text(text)
    findings = _load_errors(path)
    assert {f.yaml_path for f in findings} == {"protocol_version.version", "connection_model.max_contexts"}
    assert all(f.file == str(path) and f.line > 0 for f in findings)


@pytest.mark.parametrize(("content", "fragment"), [
    ("", "it holds nothing (it is empty)"), ("- a\n- b\n", "it holds a list"), ("just text\n", "it holds a text"),
])
def test_file_that_is_not_a_mapping(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(content)
    [finding] = _load_errors(path)
    assert fragment in finding.message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    [finding] = _load_errors(tmp_path / "absent.yaml")
    assert finding.code == "LD007" and "no such file" in finding.message
    [finding] = _load_errors(tmp_path)
    assert "is a directory" in finding.message


# --- indentation and quoting hints for libyaml's structure errors (through the CLI) -----------------

STARTER = new_profile_text(name="ETSIprof_Indent_TLS")
INDENT = "check the indentation of line {line} against the lines {where} it (YAML uses spaces to nest)"


def _starter(old: str, new: str) -> str:
    assert STARTER.count(old) == 1, old
    return STARTER.replace(old, new)


def _validate_first(tmp_path: Path, text: str) -> str:
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", "p.yaml", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return next(line for line in result.stdout.splitlines() if line.startswith("p.yaml:"))


INDENT_CASES = [
    # (old, new, the text the finding points at, libyaml's problem, line at fault is that of `at`,
    #  the other line named, how each is indented)
    ("      tls_profile: default", "    tls_profile: default", "tls_profile: default",
     "did not find expected '-' indicator", "above", "- name: default", "it is indented 4 spaces, line {other} "
     "6 spaces (counting its '- ')"),
    ("  tcp_mode_for_tls: proxy", "   tcp_mode_for_tls: proxy", ": proxy",  # the first ": proxy" of the text
     "mapping values are not allowed in this context", "above", "max_terminations_per_context",
     "it is indented 3 spaces, line {other} 2 spaces"),
    ("        client: required", "       client: required", "client: required",
     "did not find expected key", "above", "server: required", "it is indented 7 spaces, line {other} 8 spaces"),
]


@pytest.mark.parametrize(("old", "new", "at", "problem", "where", "other", "indents"), INDENT_CASES,
                         ids=[c[3][:30] for c in INDENT_CASES])
def test_indentation_errors_get_a_plain_hint(tmp_path: Path, old: str, new: str, at: str, problem: str,
                                             where: str, other: str, indents: str) -> None:
    text = _starter(old, new)
    first = _validate_first(tmp_path, text)
    pos = _where(text, at)  # where libyaml noticed it: the line at fault in these cases
    other_line = _where(text, other).line
    assert first.startswith(f"p.yaml:{pos.line}:{pos.column}: error LD001 YAML syntax: {problem}; "), first
    assert INDENT.format(line=pos.line, where=where) in first
    assert indents.format(other=other_line) in first


def test_dedented_first_key_is_reported_on_its_own_line(tmp_path: Path) -> None:
    """`server:` one space left of `client:` below it: libyaml notices on the client line; the hint names
    the server line (the one to fix) and says where the parser stopped."""
    text = _starter("        server: required", "       server: required")
    first = _validate_first(tmp_path, text)
    server, client = _where(text, "server: required"), _where(text, "client: required")
    assert first.startswith(f"p.yaml:{server.line}:{server.column}: error LD001 YAML syntax: mapping values are "
                            "not allowed in this context; "), first
    assert INDENT.format(line=server.line, where="below") in first
    assert f"it is indented 7 spaces, line {client.line} 8 spaces" in first
    assert f"(the YAML parser noticed the problem at line {client.line}, column {client.column + 6})" in first


def test_colon_inside_a_plain_value_asks_for_quotes_not_indentation(tmp_path: Path) -> None:
    text = _starter("  title: Example H.248 profile with TLS-secured TCP bearers", "  title: H.248 profile: BFCP")
    first = _validate_first(tmp_path, text)
    at = _where(text, ": BFCP")
    assert first.startswith(f"p.yaml:{at.line}:{at.column}: error LD001 "), first
    assert "a value that contains ': ' must be put in quotes" in first and "indentation" not in first


def test_text_after_a_quoted_value_asks_to_quote_all_of_it(tmp_path: Path) -> None:
    text = _starter("  title: Example H.248 profile with TLS-secured TCP bearers",
                    '  title: "H.248 profile" with ‘quoted’ words')
    first = _validate_first(tmp_path, text)
    at = _where(text, "with ‘quoted’")
    assert first.startswith(f"p.yaml:{at.line}:{at.column}: error LD001 YAML syntax: did not find expected key: "
                            "text follows the closing quote of a quoted value"), first
    assert "curly" not in first


def test_missing_key_in_a_package_library_names_no_template_clause(tmp_path: Path) -> None:
    """A library's `packages` is not clause 14 of a profile: SC002 there shows the YAML alone."""
    path, _ = _sample_copy(tmp_path, "imports:", "imports:")
    library = tmp_path / "lib" / "tls-tcp-packages.yaml"
    text = library.read_text(encoding="utf-8")
    old = "    name: TCP basic connection control (illustrative)\n"
    assert text.count(old) == 1
    library.write_text(text.replace(old, ""), encoding="utf-8")
    missing = [f for f in _load_errors(path) if f.code == "SC002"]
    assert [(f.file, f.message) for f in missing] == [
        (str(library), "missing required key name in packages[0]; add `name: <text>`")]
    assert _at(missing[0]) == _where(text.replace(old, ""), "id: tcpbcc")


def test_missing_key_deeper_in_a_template_clause_names_the_clause(tmp_path: Path) -> None:
    path, text = _sample_copy(tmp_path, "  protocols: [sctp]\n", "")
    [finding] = _load_errors(path)
    assert finding.message == ("missing required key protocols in transport (clause 12 Transport, 5.12 in the "
                               "document); add `protocols: [<udp | tcp | sctp | m3ua | tls>]`")
    assert _at(finding) == _where(text, "transport:")


def test_a_package_library_given_as_a_profile_is_named_as_such() -> None:
    library = Path(__file__).resolve().parents[1] / "samples" / "lib" / "tls-tcp-packages.yaml"
    result = run_cli("validate", str(library))
    assert result.returncode == 2
    [line] = [row for row in result.stdout.splitlines() if " error " in row]
    assert " error SC003 this file is a package library (`kind: package_library`), not a profile" in line
    assert line.startswith(f"{library}:10:7:")  # at the value of `kind`
def test_a_clause_number_key_without_quotes_gets_a_hint() -> None:
    """`text: {5.3: …}` — YAML reads 5.3 as a number: the message says to quote it."""
    [finding] = _errors("text:\n  5.3: The MG shall.\n")
    assert finding.code == "LD004" and finding.line == 2
    assert 'write it in quotes ("5.3")' in finding.message
