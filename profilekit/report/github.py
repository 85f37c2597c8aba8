"""GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`."""

from __future__ import annotations

from profilekit.findings import Severity
from profilekit.report.text import acceptance_hint
from profilekit.validate import ValidationResult

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(result: ValidationResult) -> str:
    """One annotation per finding that counts (suppressed findings are not annotated); an error's annotation
    ends with a second line saying how to accept it, as in the text output (annotations are read by people)."""
    lines = []
    for f in result.active():
        props = [f"file={escape_property(f.file)}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={escape_property(f.code)}")
        hint = acceptance_hint(f)
        message = f.message if hint is None else f"{f.message}\n{hint.strip()}"
        lines.append(f"::{LEVELS[f.severity]} {','.join(props)}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
