"""What a rule is: one small object with a code, default severity, references, docs and a check."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from profilekit.findings import Finding, Severity

if TYPE_CHECKING:
    from profilekit.load.loaded import LoadedProfile

CODE = re.compile(r"^(GL|TLS|SEC|PRC)\d{3}$")
"""GL guideline, TLS consistency, SEC security baseline, PRC cipher precedence."""


@dataclass(frozen=True, kw_only=True)
class Issue:
    """What a check yields: a message at a YAML path; the engine adds code, severity and position."""

    message: str
    path: tuple[str | int, ...]
    key: bool = False
    """Point at the key rather than the value (e.g. for a missing sub-key)."""
    package: str | None = None
    """Set when `path` is inside the definition of this package (possibly in an imported file)."""


Check = Callable[["LoadedProfile"], Iterable[Issue]]


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One rule. Severity is the default; the engine stamps the configured one on each finding."""

    code: str
    title: str
    severity: Severity
    refs: tuple[str, ...]
    """Guideline requirement ids (R-…) or spec sections (e.g. `RFC 9325 §4.1`)."""
    rationale: str
    fix: str
    check: Check
    baselines: frozenset[str] = field(default_factory=frozenset)
    """Empty for rules that always run; else the `--baseline` names that enable the rule."""
    baseline_severity: Mapping[str, Severity] = field(default_factory=dict)
    """Per-baseline severity where a baseline says MUST (error) and another SHOULD (warning)."""
    passing: str = ""
    """YAML fragment (docs) that satisfies the rule."""
    failing: str = ""
    """YAML fragment (docs) that violates the rule."""

    def severity_for(self, baseline: str) -> Severity:
        return self.baseline_severity.get(baseline, self.severity)

    def run(self, loaded: LoadedProfile, severity: Severity | None = None) -> Iterator[Finding]:
        for issue in self.check(loaded):
            doc = loaded.doc
            if issue.package is not None and issue.package in loaded.packages:
                doc = loaded.packages[issue.package].doc
            yield loaded.finding(code=self.code, severity=severity or self.severity, message=issue.message,
                                 path=issue.path, refs=self.refs, key=issue.key, doc=doc)


class Registry:
    """The explicit list of rules; rejects malformed and duplicate codes when a rule is added."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def add(self, rule: Rule) -> Rule:
        if not CODE.match(rule.code):
            raise ValueError(f"malformed rule code {rule.code!r} (expected e.g. GL101, TLS003, SEC010)")
        if rule.code in self._rules:
            raise ValueError(f"duplicate rule code {rule.code}")
        if not rule.refs:
            raise ValueError(f"rule {rule.code} has no references")
        self._rules[rule.code] = rule
        return rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, code: str) -> Rule | None:
        return self._rules.get(code)
