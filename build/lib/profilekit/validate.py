"""The validate job: load each file, run the rules, collect findings (the CLI only prints them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from profilekit.findings import Finding, InputError


@dataclass
class ValidationResult:
    findings: list[Finding] = field(default_factory=list)
    input_errors: bool = False
    """True when a file could not be loaded (YAML, schema or import errors): exit code 2."""


def validate_files(paths: Sequence[str], *, baseline: str = "rfc9325") -> ValidationResult:
    from profilekit.load.profile import load_profile
    from profilekit.rules.engine import run_rules

    result = ValidationResult()
    for path in paths:
        try:
            loaded = load_profile(path)
        except InputError as exc:
            result.input_errors = True
            result.findings.extend(exc.findings)
            continue
        result.findings.extend(run_rules(loaded, baseline=baseline))
    result.findings.sort(key=Finding.sort_key)
    return result
