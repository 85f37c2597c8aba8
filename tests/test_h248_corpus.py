"""The H.248 text corpus (tests/h248_corpus): valid messages parse without findings, each invalid one gets
the findings its `; expect CODE at LINE:COL: words` comments name; where Erlang's megaco is installed, it
agrees on every corpus message and on every sample example completed into a message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from megaco_check import decode, unavailable

from profilekit.h248 import split_messages
from profilekit.messages import check_text, extract

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "h248_corpus"
VALID = sorted((CORPUS / "valid").glob("*.txt"))
INVALID = sorted((CORPUS / "invalid").glob("*.txt"))
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
_EXPECT = re.compile(r"^; expect (GL\d{3}) at (\d+):(\d+): (.+)$", re.MULTILINE)

KNOWN_DISAGREEMENTS = {
    "rfc3525-a21.txt": "megaco refuses the empty `Signals { }` of RFC 3525's own example, which the ABNF allows "
                       "(signalsDescriptor = SignalsToken LBRKT [signalParm *(COMMA signalParm)] RBRKT)",
}
"""Valid messages megaco refuses, with the reason the parser is right."""

KNOWN_LAX = {
    "termination-id-starts-with-digit.txt": "megaco accepts a termination id that starts with a digit; the ABNF's "
                                            "pathNAME starts with a letter (NAME = ALPHA *63(ALPHA / DIGIT / \"_\"))",
    "auditvalue-without-audit-descriptor.txt": "megaco accepts AuditValue without braces; the ABNF requires them "
                                               "(auditRequest = … EQUAL TerminationID LBRKT auditDescriptor RBRKT)",
}
"""Invalid messages megaco accepts, with the reason the parser is right."""


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_message(path: Path) -> None:
    findings = check_text(path.read_text(encoding="utf-8"), path.name)
    assert findings == [], [f"{f.location()} {f.message}" for f in findings]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_message(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = _EXPECT.findall(text)
    assert expected, f"{path.name} says what it expects in a `; expect CODE at LINE:COL: words` comment"
    findings = check_text(text, path.name)
    for code, line, column, words in expected:
        assert any(f.code == code and (f.line, f.column) == (int(line), int(column)) and words in f.message
                   for f in findings), (code, line, column, words, [f"{f.location()} {f.code} {f.message}"
                                                                     for f in findings])
    assert {f.code for f in findings} == {code for code, *_ in expected}


def test_corpus_covers_both_encodings() -> None:
    texts = [p.read_text(encoding="utf-8") for p in VALID + INVALID]
    assert any(re.search(r"(?m)^!/3", t) for t in texts) and any(re.search(r"(?m)^MEGACO/3", t) for t in texts)


def _one_message_files(paths: list[Path], tmp: Path) -> dict[Path, Path]:
    """Each message of each file in a file of its own (megaco decodes one message at a time)."""
    out: dict[Path, Path] = {}
    for path in paths:
        for index, (_, chunk) in enumerate(split_messages(path.read_text(encoding="utf-8"))):
            target = tmp / f"{path.stem}-{index}.txt"
            target.write_text(chunk, encoding="utf-8")
            out[target] = path
    return out


@pytest.mark.slow
def test_megaco_agrees_on_the_corpus(tmp_path: Path) -> None:
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    syntax_invalid = [p for p in INVALID if "GL310" in p.read_text(encoding="utf-8")]
    files = _one_message_files(VALID + syntax_invalid, tmp_path)
    decoded = decode(list(files), tmp_path)
    disagree = []
    for file, accepted in decoded.items():
        source = files[file]
        valid = source in VALID
        known = KNOWN_DISAGREEMENTS if valid else KNOWN_LAX
        if accepted != valid and source.name not in known:
            disagree.append(f"{source.name}: parser says {'valid' if valid else 'invalid'}, megaco "
                            f"{'accepts' if accepted else 'refuses'}")
    assert disagree == []


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_megaco_decodes_every_extracted_sample_message(sample: Path, tmp_path: Path) -> None:
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    result = extract(str(sample), str(tmp_path / "out"))
    assert result.findings == [] and result.written
    for path in result.written:
        assert check_text(path.read_text(encoding="utf-8"), path.name) == []
    decoded = decode(result.written, tmp_path)
    assert [p.name for p, ok in decoded.items() if not ok] == []
