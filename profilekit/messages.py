"""H.248 messages outside a profile: check standalone message files (`profilekit message check`) and write
every procedure example of a profile as a complete message file (`profilekit message extract`)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from profilekit.findings import Finding, Severity
from profilekit.h248 import H248Problem, complete, line_col, parse_example, reindent, split_messages
from profilekit.h248.lexer import skip_space
from profilekit.load.profile import load_profile
from profilekit.outputs import not_a_folder_message, write_atomic_creating_folder
from profilekit.rules.guideline.messages import examples
from profilekit.validate import ValidationResult

MAX_BYTES = 4 * 1024 * 1024
"""Largest message file read (H.248 messages are a few kilobytes; a larger file is not one)."""

CODES = {"syntax": "GL310", "sdp": "GL311"}
"""The rule codes whose checks a standalone message gets: text encoding (GL310) and SDP (GL311)."""


class MessageInputError(Exception):
    """A file that cannot be read: missing, unreadable (LD007), too large (LD005) or not UTF-8 (LD003) — the
    loader's codes for the same problems with a profile."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def _read(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise MessageInputError(f"{path}: cannot read: {exc.strerror or exc}", "LD007") from None
    if len(data) > MAX_BYTES:
        raise MessageInputError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MiB; not an H.248 message file",
                                "LD005")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MessageInputError(f"{path}: not UTF-8 text (byte {exc.start})", "LD003") from None


def check_text(text: str, shown: str) -> list[Finding]:
    """Findings for every message in `text` (one or more, each from `MEGACO/` or `!/`, pretty or compact)."""
    findings: list[Finding] = []
    for start, chunk in split_messages(text):
        if skip_space(chunk, 0) >= len(chunk):
            continue
        done = parse_example(chunk)
        for problem in done.problems:
            findings.append(_finding(problem, text, start, shown, done.completion))
    if skip_space(text, 0) >= len(text):
        findings.append(Finding(code="GL310", severity=Severity.ERROR, message="the file holds no H.248 message",
                                file=shown, line=1, column=1))
    return findings


def _finding(problem: H248Problem, text: str, start: int, shown: str, completion: str) -> Finding:
    line, column = line_col(text, start + problem.offset)
    message = problem.message if problem.kind == "sdp" else f"not H.248 text encoding: {problem.message}"
    if completion:
        message += f" (read as a fragment: {completion})"
    return Finding(code=CODES[problem.kind], severity=Severity.ERROR, message=message, file=shown, line=line,
                   column=column)


def check_files(paths: tuple[str, ...]) -> ValidationResult:
    """Check message files (`-` is standard input); unreadable files are input errors (exit 2)."""
    result = ValidationResult(files=["<stdin>" if p == "-" else p for p in paths])
    for path in paths:
        shown = "<stdin>" if path == "-" else path
        try:
            text = _read(path)
        except MessageInputError as exc:
            result.input_errors = True
            result.findings.append(Finding(code=exc.code, severity=Severity.ERROR, message=str(exc).split(": ", 1)[1],
                                           file=shown))
            continue
        result.findings += check_text(text, shown)
    result.findings.sort(key=Finding.sort_key)
    return result


def report_text(result: ValidationResult) -> str:
    """Compiler-style lines and a summary (no suppression hints: a message file has no YAML comments)."""
    lines = [f"{f.location()}: {f.severity.label} {f.code} {f.message}" for f in result.findings]
    count = len(result.files)
    lines.append(f"{count} file{'s' if count != 1 else ''} checked: {len(result.findings)} error(s)")
    return "\n".join(lines) + "\n"


@dataclass
class Extracted:
    """What `message extract` wrote, and the examples that are not valid H.248 (written all the same)."""

    written: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def extract(profile_path: str, out_dir: str) -> Extracted:
    """Write every procedure example of the profile as a complete message, `<procedure>-<step>-<field>.txt`
    (step numbered from 1), in procedure and step order. Raises InputError for a profile that does not load,
    OutputError/ValueError for an output folder that cannot be written."""
    loaded = load_profile(profile_path)
    problem = not_a_folder_message(out_dir, out_dir)
    if problem:
        raise ValueError(problem)
    version = loaded.profile.protocol_version.version
    out = Extracted()
    folder = Path(out_dir)
    for example in examples(loaded):
        _, i, _, j, field_name = example.path
        procedure = loaded.profile.procedures[int(i)]
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{procedure.id}-{int(j) + 1:02d}-{field_name}") + ".txt"
        done = complete(example.text, reply=example.reply, version=version)
        text = reindent(done.text).rstrip("\n") + "\n"
        target = folder / name
        write_atomic_creating_folder(target, text.encode("utf-8"), protect=[profile_path])
        out.written.append(target)
        for problem_ in example.parsed.problems:
            finding = loaded.finding(code=CODES[problem_.kind], severity=Severity.ERROR, message=problem_.message,
                                     path=example.path)
            out.findings.append(finding)
    return out
