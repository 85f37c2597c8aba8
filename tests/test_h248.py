"""The H.248 text parser, fragment completion, SDP checks, positions inside block scalars, the message
commands, and the samples' examples through every message rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_cli

from profilekit.h248 import complete, parse_example, parse_message
from profilekit.h248.parser import ParseError
from profilekit.h248.sdp import parse_sdp
from profilekit.load.scalars import position_in_value
from profilekit.load.yaml12 import load_text
from profilekit.rules.engine import run_rules
from profilekit.validate import validate_files

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
MESSAGE_RULES = {"GL303", "GL310", "GL311", "GL312", "GL313", "GL314", "GL315", "GL316", "GL317"}


def test_pretty_and_compact_give_the_same_tree() -> None:
    pretty = parse_message('MEGACO/3 [192.0.2.1]:2944\nTransaction = 1 { Context = 17 { Modify = tls/1 { Media '
                           '{ Stream = 1 { LocalControl { Mode = SendReceive, tlsbsc/role = server } } } } } }')
    compact = parse_message("!/3 [192.0.2.1]:2944 T=1{C=17{MF=tls/1{M{ST=1{O{MO=SR,tlsbsc/role=server}}}}}}")
    shape = [[(n.kind, n.name, tuple(n.values)) for n in m.walk()] for m in (pretty, compact)]
    assert shape[0] == shape[1]
    assert ("Property", "tlsbsc/role", ("server",)) in shape[0]


def test_keywords_are_case_insensitive() -> None:
    message = parse_message("megaco/3 [192.0.2.1] transaction = 1 { context = - { notify = tls/1 { "
                            "observedevents = 1 { tlsbsc/term } } } }")
    assert [n.kind for n in message.walk()][:3] == ["Transaction", "Context", "Notify"]


@pytest.mark.parametrize(("text", "reply", "added"), [
    ("Add = tls/$ { Media { Stream = 1 { LocalControl { tlsbsc/role = server } } } }", False,
     "`Transaction = 1 { … }` and `Context = $ { … }`"),
    ("Modify = tls/1 { Events = 2 { tlsbsc/term } }", False, "`Context = - { … }`"),
    ("Context = 17 { Add = tls/17 }", True, "`Reply = 1 { … }`"),
    ("Reply = 3 { Context = 17 { Add = tls/17 } }", True, "added the message header `MEGACO/3 [192.0.2.1]:2944`"),
    ("Add = tls/17", True, "`Reply = 1 { … }` and `Context = - { … }`"),
])
def test_fragments_are_completed(text: str, reply: bool, added: str) -> None:
    done = parse_example(text, reply=reply)
    assert done.problems == () and done.message is not None
    assert added in done.completion
    assert done.text[done.offset:done.offset + len(text)] == text


def test_whole_message_is_not_completed() -> None:
    text = "MEGACO/3 <mgc.example.net>:2944\nPending = 4 { }\n"
    done = complete(text)
    assert (done.text, done.offset, done.completion) == (text, 0, "")


@pytest.mark.parametrize(("text", "reply", "offset", "words"), [
    ("Reply { Add = tls/17 }", True, 6, "`Reply` needs a transaction id: `Reply = 1 { Context = 17 { … } }`"),
    ("AuditCapabilities = ROOT { Audit { Media } }", False, 0,
     "`AuditCapabilities` is not an H.248 command; did you mean `AuditCapability` (AC)?"),
    ("AC = ROOT { Audit { TerminationState } }", False, 20, "it is audited inside Media"),
    ("Add = tls/$ { Media { Stream = 1 { LocalControl { Mode = SendRecieve } } } }", False, 57,
     "did you mean `SendReceive` (SR)?"),
    ("Add = tls/$ { Media { Stream = 1 { Local { v=0 } }", False, 50, "a closing brace `}` is missing"),
])
def test_errors_say_where_what_and_what_was_expected(text: str, reply: bool, offset: int, words: str) -> None:
    (problem,) = parse_example(text, reply=reply).problems
    assert problem.kind == "syntax" and problem.offset == offset and words in problem.message, problem


def test_version_3_tokens_need_version_3() -> None:
    v3 = "MEGACO/3 [192.0.2.1] Transaction = 1 { Context = 1 { ContextAttr { tlsbsc/x = 1 }, Modify = a/1 } }"
    parse_message(v3)
    with pytest.raises(ParseError):
        parse_message(v3.replace("MEGACO/3", "MEGACO/1"))


def test_servicechange_request_needs_method_and_reason() -> None:
    with pytest.raises(ParseError, match="needs Reason"):
        parse_message("!/3 [192.0.2.2] T=1{C=-{SC=ROOT{SV{MT=RS}}}}")
    parse_message("!/3 [192.0.2.2] T=1{C=-{SC=ROOT{SV{MT=RS,RE=901}}}}")


def test_sdp_wildcards_and_attributes() -> None:
    sdp = parse_sdp("\nv=0\nc=IN IP4 $\nm=message $ TCP/TLS/MSRP *\na=setup:actpass\na=connection:new\n"
                    "a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB\n  ")
    assert sdp.issues == []
    assert [f.type for f in sdp.fields] == ["v", "c", "m", "a", "a", "a"]


@pytest.mark.parametrize(("text", "words"), [
    ("v=0\nm=message $ TCP/TLS/MSRP *\na=setup:client", "a=setup is one of"),
    ("v=0\nm=message $ TCP/TLS/MSRP *\na=connection:old", "a=connection is `new` or `existing`"),
    ("v=0\nm=message $ TCP/TLS/MSRP *\na=fingerprint:sha-257 AA:BB", "not a hash function name"),
    ("v=0\nm=message $ TCP/TLS/MSRP *\na=fingerprint:sha-1 AA:BB", "a sha-1 fingerprint has 20 bytes"),
    ("v=0\nm=message $ TCP/TLS/MSRP *\na=fingerprint:sha-1 AABB", "not a pair of hex digits"),
    ("v=0\nm=message 70000 TCP/TLS/MSRP *", "above 65535"),
    ("v=1\nm=message $ TCP/TLS/MSRP *", "version is 0"),
    ("v=0\nm=message $ TCP/TLS/MSRP *\nc=IN IP4 $\nb=AS:64\nc=IN IP4 $", "out of order"),
    ("c=IN IP4 $\nv=0", "starts with `v=0`"),
])
def test_sdp_problems(text: str, words: str) -> None:
    issues = parse_sdp(text).issues
    assert any(words in issue.message for issue in issues), issues


def test_position_in_literal_block_scalar() -> None:
    text = "a:\n  command: |\n    Add = tls/$ {\n      Media }\n  other: 'x = yz'\n"
    _, doc = load_text(text, "t.yaml")
    value = "Add = tls/$ {\n  Media }\n"
    offset = value.index("Media")
    pos = position_in_value(doc, ("a", "command"), offset, "Media")
    assert pos is not None and (pos.line, pos.column) == (4, 7)
    quoted = position_in_value(doc, ("a", "other"), 4, "yz")
    assert quoted is not None and (quoted.line, quoted.column) == (5, 15)
    assert position_in_value(doc, ("a", "command"), offset, "Events") is None  # guarded: not written there


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_example_passes_the_message_rules(sample: Path) -> None:
    from profilekit.load.profile import load_profile

    loaded = load_profile(sample)
    findings = [f for f in run_rules(loaded, baseline="none") if f.code in MESSAGE_RULES]
    assert findings == [], [f"{f.location()} {f.code} {f.message}" for f in findings]
    assert loaded.profile.procedures, "the sample shows procedures"


def test_findings_point_inside_the_block_scalar(tmp_path: Path) -> None:
    source = (ROOT / "samples" / "ims-msrp-tls-relay.yaml").read_text(encoding="utf-8")
    broken = source.replace("a=setup:passive\n            } } },", "a=setup:pasive\n            } } },", 1)
    assert broken != source
    target = tmp_path / "p.yaml"
    target.write_text(broken, encoding="utf-8")
    (tmp_path / "lib").symlink_to(ROOT / "samples" / "lib")
    result = validate_files([str(target)], baseline="none")
    (finding,) = [f for f in result.findings if f.code == "GL311"]
    line = broken.split("\n")[finding.line - 1]
    assert line[finding.column - 1:].startswith("pasive"), (finding, line)


MESSAGE = "MEGACO/3 [192.0.2.1]:2944\nTransaction = 1 { Context = 17 { Modify = tls/1 } }\n"


def test_message_check_valid_and_stdin(tmp_path: Path) -> None:
    file = tmp_path / "m.txt"
    file.write_text(MESSAGE + MESSAGE.replace("MEGACO/3", "!/3"), encoding="utf-8")
    result = run_cli("message", "check", str(file))
    assert result.returncode == 0 and "0 error(s)" in result.stdout
    result = run_cli("message", "check", "-", input=MESSAGE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_message_check_findings_in_every_format(tmp_path: Path) -> None:
    file = tmp_path / "m.txt"
    file.write_text(MESSAGE + "MEGACO/3 [192.0.2.1]:2944\nReply { }\n", encoding="utf-8")
    result = run_cli("message", "check", str(file))
    assert result.returncode == 1
    assert f"{file}:4:7: error GL310" in result.stdout and "`Reply` needs a transaction id" in result.stdout
    records = json.loads(run_cli("message", "check", "--format", "json", str(file)).stdout)
    assert "GL310" in json.dumps(records)
    sarif = json.loads(run_cli("message", "check", "--format", "sarif", str(file)).stdout)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "GL310"
    assert "::error file=" in run_cli("message", "check", "--format", "github", str(file)).stdout


def test_message_check_bad_input(tmp_path: Path) -> None:
    result = run_cli("message", "check", str(tmp_path / "missing.txt"))
    assert result.returncode == 2 and "cannot read" in result.stdout and "Traceback" not in result.stderr
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00")
    assert run_cli("message", "check", str(binary)).returncode == 2


def test_message_extract_is_complete_and_deterministic(tmp_path: Path) -> None:
    sample = str(ROOT / "samples" / "ipip-bfcp-tls-gateway.yaml")
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_cli("message", "extract", sample, "-o", str(first)).returncode == 0
    assert run_cli("message", "extract", sample, "-o", str(second)).returncode == 0
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)
    assert "capability_audit-01-command.txt" in names and "enterprise_leg_setup-01-reply.txt" in names
    reply = (first / "enterprise_leg_setup-01-reply.txt").read_text(encoding="utf-8")
    assert reply.startswith("MEGACO/3 [192.0.2.1]:2944\nReply = 1 {\n  Context = 311 {")
    assert run_cli("message", "check", *(str(first / n) for n in names)).returncode == 0


def test_message_extract_bad_input(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    sample = str(ROOT / "samples" / "ipip-bfcp-tls-gateway.yaml")
    result = run_cli("message", "extract", sample, "-o", str(blocker / "out"))
    assert result.returncode == 2 and "is a file, not a folder" in result.stderr
    result = run_cli("message", "extract", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "o"))
    assert result.returncode == 2 and not (tmp_path / "o").exists()


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    (problem,) = parse_example("AuditValue = ROOT { Audit { Media { " + "TerminationState { " * 2000).problems
    assert "nested more than 64 deep" in problem.message


@pytest.mark.parametrize("style", ["folded", "double-quoted"])
def test_findings_inside_other_scalar_styles_are_found_by_their_text(tmp_path: Path, style: str) -> None:
    source = (ROOT / "samples" / "ims-msrp-tls-relay.yaml").read_text(encoding="utf-8")
    old = '''        command: "Modify = msrp/tls/17 { Media { Stream = 1 { LocalControl { tcpbcc/estab = ON } } } }"'''
    assert old in source
    new = ('        command: >-\n          Modify = msrp/tls/17 { Media { Stream = 1 {\n          LocalControl { '
           'tcpbcc/estab = maybe } } } }' if style == "folded" else
           '        command: "Modify = msrp/tls/17 { Media { Stream = 1 {\\n  LocalControl {\n'
           '          tcpbcc/estab = maybe } } } }"')
    target = tmp_path / "p.yaml"
    target.write_text(source.replace(old, new), encoding="utf-8")
    (tmp_path / "lib").symlink_to(ROOT / "samples" / "lib")
    (finding,) = [f for f in validate_files([str(target)], baseline="none").findings if f.code == "GL312"]
    line = target.read_text(encoding="utf-8").split("\n")[finding.line - 1]
    assert line[finding.column - 1:].startswith("maybe"), (finding, line)


def test_reindent_keeps_the_message_and_the_sdp_lines() -> None:
    from profilekit.h248 import reindent

    text = ("Context = 5 { Add = tls/7 {\n        Media { Stream = 1 {\n LocalControl { tlsbsc/role = server },\n"
            "      Local {\nv=0\nc=IN IP4 192.0.2.7\n     } } } } }   ")
    tidy = reindent(text)
    assert tidy.split("\n") == ["Context = 5 { Add = tls/7 {", "  Media { Stream = 1 {",
                                "    LocalControl { tlsbsc/role = server },", "    Local {", "v=0",
                                "c=IN IP4 192.0.2.7", "} } } } }"]
    assert reindent(tidy) == tidy
    shape = [[(n.kind, n.name, tuple(n.values)) for n in parse_example(t, reply=True).message.walk()]  # type: ignore[union-attr]
             for t in (text, tidy)]
    assert shape[0] == shape[1]
    assert reindent("Reply { broken") == "Reply { broken"


def test_documents_show_examples_with_consistent_indentation(tmp_path: Path) -> None:
    from render_helpers import patched_profile

    from profilekit.render.pipeline import prepare, render_bytes

    messy = ('        command: "Modify = msrp/tls/17 { Media {\\n        Stream = 1 {\\n LocalControl { '
             'tcpbcc/estab = ON } } } }"')
    path = patched_profile(tmp_path, replace=(
        '        command: "Modify = msrp/tls/17 { Media { Stream = 1 { LocalControl { tcpbcc/estab = ON } } } }"',
        messy))
    markdown = render_bytes(prepare(path), "md").decode("utf-8")
    assert "Modify = msrp/tls/17 { Media {\n  Stream = 1 {\n    LocalControl { tcpbcc/estab = ON } } } }" in markdown


def test_message_files_with_crlf_comments_only_or_nothing(tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbfMEGACO/3 [192.0.2.1]:2944\r\nTransaction = 1 { Context = $ { Add = a/$ { Media {"
                     b" Stream = 1 { Local {\r\nv=0\r\nc=IN IP4 $\r\n} } } } } }\r\n")
    comments = tmp_path / "comments.txt"
    comments.write_text("; nothing but a comment\n\n", encoding="utf-8")
    result = run_cli("message", "check", str(crlf), str(comments))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"{comments}:1:1: error GL310 the file holds no H.248 message"
    assert str(crlf) not in result.stdout
    (problem,) = parse_example("; only a comment\n").problems
    assert "no H.248 text here" in problem.message
