"""The validate job: load each file, run the rules, apply inline suppressions (the CLI only prints)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from profilekit.catalog.baselines import DEFAULT_BASELINE as DEFAULT_BASELINE
from profilekit.catalog.baselines import canonical
from profilekit.findings import Finding, InputError, Severity
from profilekit.load import suppressions
from profilekit.load.loaded import LoadedProfile
from profilekit.load.profile import load_profile
from profilekit.rules.engine import applicable, run_rules
from profilekit.rules.registry import REGISTRY


@dataclass
class ValidationResult:
    findings: list[Finding] = field(default_factory=list)
    """All findings, suppressed ones included (reporters decide whether to show them)."""
    files: list[str] = field(default_factory=list)
    baseline: str = DEFAULT_BASELINE
    input_errors: bool = False
    """True when a file could not be loaded (YAML, schema or import errors): exit code 2."""

    def active(self) -> list[Finding]:
        """Findings that count: not suppressed."""
        return [f for f in self.findings if f.suppressed is None]

    def fails(self, fail_on: Severity) -> bool:
        return any(f.severity >= fail_on for f in self.active())


def check_loaded(loaded: LoadedProfile, *, baseline: str = DEFAULT_BASELINE) -> list[Finding]:
    """Rule findings for one loaded profile, with inline suppressions applied and reported on."""
    findings = run_rules(loaded, baseline=baseline)
    docs = {loaded.doc.path: loaded.doc}
    for record in loaded.packages.values():
        docs.setdefault(record.doc.path, record.doc)
    known = {rule.code for rule in REGISTRY}
    active = {rule.code for rule in REGISTRY if applicable(rule, baseline)}
    return suppressions.apply(findings, docs.values(), known=known, active=active)


def validate_files(paths: Sequence[str], *, baseline: str = DEFAULT_BASELINE) -> ValidationResult:
    baseline = canonical(baseline)  # `--baseline rfc9325` reports as bcp195: one name per baseline in every output
    result = ValidationResult(files=list(paths), baseline=baseline)
    for path in paths:
        try:
            loaded = load_profile(path)
        except InputError as exc:
            result.input_errors = True
            result.findings.extend(exc.findings)
            continue
        result.findings.extend(check_loaded(loaded, baseline=baseline))
    result.findings = sorted(set(result.findings), key=Finding.sort_key)
    return result
