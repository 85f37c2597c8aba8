"""Findings: what every check (loader, model, rule) reports, in one frozen shape; and what each code that
no rule owns (LD, SC, SP) means."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that `>=` compares strictness (error is the most severe)."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True, kw_only=True, order=False)
class Finding:
    """One problem at one place. Keyword-only so that two fields can never be swapped silently."""

    code: str
    severity: Severity
    message: str
    file: str
    line: int = 0
    column: int = 0
    yaml_path: str = ""
    refs: tuple[str, ...] = ()
    suppressed: str | None = field(default=None, compare=False)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file

    def to_record(self) -> dict[str, Any]:
        """The one dictionary every machine-readable format is built from."""
        return {
            "code": self.code,
            "severity": self.severity.label,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "yaml_path": self.yaml_path,
            "refs": list(self.refs),
        }


@dataclass(frozen=True, kw_only=True)
class NonRuleCode:
    """A code that findings carry but no rule owns: loading (LD), the profile format (SC) or suppression
    comments (SP). Declared beside the code that raises it; profilekit.load.codes collects them for the
    rules documentation, `profilekit rules` and SARIF."""

    code: str
    title: str
    description: str
    """What it means, and what to do about it."""
    severity: Severity = Severity.ERROR


class InputError(Exception):
    """A problem with the user's input that stops loading; carries ready-made findings."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f"{f.location()}: {f.message}" for f in findings))
        self.findings = findings
