"""Reporters: turn validation results into text, JSON, SARIF or GitHub annotations.

REPORTERS is a plain dict: it picks the reporter and supplies the `--format` choices.
"""

from __future__ import annotations

from typing import Protocol

from profilekit.report import github, json_report, sarif, text
from profilekit.validate import ValidationResult


class Reporter(Protocol):
    def __call__(self, result: ValidationResult) -> str: ...


REPORTERS: dict[str, Reporter] = {
    "text": text.report,
    "json": json_report.report,
    "sarif": sarif.report,
    "github": github.report,
}
