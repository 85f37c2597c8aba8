"""What a rule is: one small object with a code, default severity, references, docs and a check."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from profilekit.catalog.baselines import canonical
from profilekit.findings import Finding, Severity
from profilekit.load.scalars import position_in_value

if TYPE_CHECKING:
    from profilekit.load.loaded import LoadedProfile
    from profilekit.load.source import Document

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
"""Short names for the severities rule declarations use."""

CODE = re.compile(r"^(GL|TLS|SEC|PRC)\d{3}$")
"""GL guideline, TLS consistency, SEC security baseline, PRC cipher precedence."""

REQUIREMENT = re.compile(r"^R-\d+(\.\d+)*/\d+$")
"""A guideline requirement id as in the requirement catalogue, e.g. `R-8.3.2.2.2/1`."""


@dataclass(frozen=True, kw_only=True)
class Issue:
    """What a check yields: a message at a YAML path; the engine adds code, severity and position."""

    message: str
    path: tuple[str | int, ...]
    key: bool = False
    """Point at the key rather than the value (e.g. for a missing sub-key)."""
    package: str | None = None
    """Set when `path` is inside the definition of this package (possibly in an imported file)."""
    refs: tuple[str, ...] | None = None
    """The subset of the rule's refs this issue violates (e.g. only R-8.5.2/1); None means all."""
    near: str | None = None
    """Text inside the value at `path` to point at (e.g. a misspelt name in a command example): the finding
    gets the line and column where it is written, when it can be found there."""
    offset: int | None = None
    """Offset into the text value at `path` to point at (e.g. a token inside an H.248 example written as a
    block scalar): mapped to its exact line and column where the YAML form allows, else `near` is searched."""


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
        """The severity under `baseline` (or the baseline it is an alias of): its own where the baseline sets
        one, else the default."""
        return self.baseline_severity.get(canonical(baseline), self.severity)

    @property
    def name(self) -> str:
        """A PascalCase name from the title (SARIF `reportingDescriptor.name`)."""
        words = re.findall(r"[A-Za-z0-9]+", self.title)
        name = "".join(w if w.isupper() else w[:1].upper() + w[1:] for w in words)
        return name if name[:1].isalpha() else f"Rule{name}"  # e.g. "3GPP ..." titles

    @property
    def anchor(self) -> str:
        """The anchor of this rule's section in docs/rules.md (GitHub lower-cases heading ids)."""
        return self.code.lower()

    @property
    def requirements(self) -> tuple[str, ...]:
        """The guideline requirement ids among the refs."""
        return tuple(ref for ref in self.refs if REQUIREMENT.match(ref))

    def run(self, loaded: LoadedProfile, severity: Severity | None = None) -> Iterator[Finding]:
        """The rule's findings on `loaded`: each issue placed at its line and column, with code, severity and refs."""
        for issue in self.check(loaded):
            doc = loaded.doc
            if issue.package is not None and issue.package in loaded.packages:
                doc = loaded.packages[issue.package].doc
            refs = self.refs
            if issue.refs is not None:
                stray = set(issue.refs) - set(self.refs)
                if stray:
                    raise ValueError(f"rule {self.code} reports refs it does not declare: {sorted(stray)}")
                refs = issue.refs
            finding = loaded.finding(code=self.code, severity=severity or self.severity, message=issue.message,
                                     path=issue.path, refs=refs, key=issue.key, doc=doc)
            pos = None if issue.offset is None else position_in_value(doc, issue.path, issue.offset, issue.near or "")
            if pos is not None:
                finding = replace(finding, line=pos.line, column=pos.column)
            elif issue.near:
                finding = _moved_to(finding, doc, issue.near)
            yield finding


def _moved_to(finding: Finding, doc: Document, near: str) -> Finding:
    """The finding at the first place after its position where `near` is written (line breaks and
    indentation between its words allowed, as in folded scalars); unchanged if it is not found nearby."""
    lines = doc.text.splitlines(keepends=True)
    if not 1 <= finding.line <= len(lines):
        return finding
    start = sum(len(line) for line in lines[:finding.line - 1]) + finding.column - 1
    pattern = re.compile(r"\s+".join(re.escape(word) for word in near.split()))
    match = pattern.search(doc.text, start, start + 20_000)
    if match is None:
        return finding
    line = doc.text.count("\n", 0, match.start()) + 1
    column = match.start() - (doc.text.rfind("\n", 0, match.start()) + 1) + 1
    return replace(finding, line=line, column=column)


def rule(*, code: str, title: str, refs: tuple[str, ...], rationale: str, fix: str, passing: str = "",
         failing: str = "", severity: Severity | None = None, baselines: frozenset[str] = frozenset(),
         baseline_severity: Mapping[str, Severity] | None = None) -> Callable[[Check], Rule]:
    """Declare a rule right above its check: the decorated function becomes the Rule's `check`.

    A rule given `baseline_severity` runs under those baselines only, with the first one's severity as
    its default; `baselines` alone (without per-baseline severities) limits a rule to those baselines.
    """
    if baseline_severity:
        severity = severity or next(iter(baseline_severity.values()))
        baselines = baselines or frozenset(baseline_severity)
    if severity is None:
        raise ValueError(f"rule {code} has no severity")
    default: Severity = severity

    def declare(check: Check) -> Rule:
        return Rule(code=code, title=title, severity=default, refs=refs, rationale=rationale, fix=fix,
                    check=check, baselines=baselines, baseline_severity=dict(baseline_severity or {}),
                    passing=passing, failing=failing)

    return declare


class Registry:
    """The explicit list of rules; rejects malformed and duplicate codes when a rule is added."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def add(self, rule: Rule) -> Rule:
        """Register `rule`; raises ValueError for a malformed or duplicate code or malformed references."""
        if not CODE.match(rule.code):
            raise ValueError(f"malformed rule code {rule.code!r} (expected e.g. GL101, TLS003, SEC010)")
        if rule.code in self._rules:
            raise ValueError(f"duplicate rule code {rule.code}")
        if not rule.refs:
            raise ValueError(f"rule {rule.code} has no references")
        bad = [ref for ref in rule.refs if ref.startswith("R-") and not REQUIREMENT.match(ref)]
        if bad:
            raise ValueError(f"rule {rule.code} has malformed requirement ids {bad} (expected e.g. R-8.3/2)")
        self._rules[rule.code] = rule
        return rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, code: str) -> Rule | None:
        """The rule with `code`, if any."""
        return self._rules.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def citing(self, requirement: str) -> tuple[str, ...]:
        """Codes of the rules whose refs name `requirement`, sorted."""
        return tuple(rule.code for rule in self if requirement in rule.refs)
