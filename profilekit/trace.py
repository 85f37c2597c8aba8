"""Traceability: for each H.248.TLSPROF requirement, how profilekit covers it and whether a profile meets it.

Coverage comes from the rules' `refs` (so it never goes stale); the requirement catalogue
(profilekit/catalog/requirements.yaml, read by profilekit.catalog.requirements) adds only what rules cannot
know: why an item is implementation-only, and when an item applies to a profile at all
(profilekit.applicability evaluates that).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from profilekit.applicability import applies
from profilekit.catalog.requirements import requirements
from profilekit.findings import Finding, Severity
from profilekit.rules.registry import REGISTRY

if TYPE_CHECKING:
    from profilekit.load.loaded import LoadedProfile

COVERAGE_RULES = "rules"
COVERAGE_IMPLEMENTATION = "implementation-only"
STATUSES = ("satisfied", "remarks", "deviation", "violated", "not_applicable", "implementation_only")
"""`violated`: an error finding (not suppressed) cites the item. `deviation`: suppressed findings (the editor
recorded why the profile departs from the item) and no active error. `remarks`: met, but warnings or info
findings cite the item (e.g. TLS004 on R-7/3: a suite listed twice). Only findings of rules that run under
every baseline count, so a profile's statuses are the same whichever `--baseline` it is checked against."""

BASELINE_FAMILIES = ("SEC", "PRC")
"""Rule families that check a security baseline (SEC) or cipher-suite precedence (PRC)."""



def is_baseline_finding(finding: Finding) -> bool:
    """True for findings of the security-baseline (SEC) and cipher-suite precedence (PRC) rules."""
    return finding.code[:3] in BASELINE_FAMILIES


def baseline_findings(findings: Sequence[Finding]) -> list[Finding]:
    """The SEC and PRC findings, suppressed ones included, in their given order."""
    return [f for f in findings if is_baseline_finding(f)]


@dataclass(frozen=True, kw_only=True)
class RequirementTrace:
    id: str
    clause: str
    actor: str
    level: str
    summary: str
    in_profile: str
    coverage: str
    """"rules" | "implementation-only"."""
    rules: tuple[str, ...]
    """Codes of the rules citing this id."""
    reason: str | None
    """Why the item is implementation-only."""
    status: str | None = None
    """None without a profile; else one of STATUSES."""
    findings: tuple[Finding, ...] = ()
    """Every finding that cites the item: active ones first, then the suppressed (accepted) ones."""
    applies_when: str = "always"
    baseline: str | None = None
    """The `--baseline` the statuses were assessed under (None without a profile)."""

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id, "clause": self.clause, "actor": self.actor, "level": self.level,
            "summary": self.summary, "in_profile": self.in_profile, "coverage": self.coverage,
            "rules": list(self.rules), "reason": self.reason, "applies_when": self.applies_when,
            "status": self.status, "baseline": self.baseline,
            "findings": [{**f.to_record(), "suppressed": f.suppressed is not None, "justification": f.suppressed}
                         for f in self.findings],
        }


def requirement_catalogue() -> list[RequirementTrace]:
    """Every requirement id with its coverage (status None): what `profilekit requirements` prints."""
    out = []
    for entry in requirements():
        rules = REGISTRY.citing(entry.id)
        reason = entry.implementation_only
        coverage = COVERAGE_RULES if rules else COVERAGE_IMPLEMENTATION if reason else "uncovered"
        out.append(RequirementTrace(
            id=entry.id, clause=entry.clause, actor=entry.actor, level=entry.level,
            summary=entry.summary, in_profile=entry.in_profile, coverage=coverage, rules=rules,
            reason=reason if not rules else None, applies_when=entry.applies_when))
    return out


def trace(loaded: LoadedProfile, findings: Sequence[Finding], *,
          baseline: str | None = None) -> list[RequirementTrace]:
    """The catalogue with each item's status for one profile, given that profile's findings (run under
    `baseline`, which the items record).

    Findings of baseline rules (those that run under some baselines only: SEC, PRC) never change a status:
    they belong to the baseline report (Appendix I.2), and a guideline status must not depend on the baseline.
    Only an active error breaks a requirement (`violated`). Suppressed findings do not: the editor
    recorded a justified deviation, and the item's status says so (`deviation`, with those findings and
    their reasons). Active warnings and info leave the item met, with remarks (`remarks`).
    """
    baseline_only = {rule.code for rule in REGISTRY if rule.baselines}
    findings = [f for f in findings if f.code not in baseline_only]
    out = []
    for item in requirement_catalogue():
        active = tuple(f for f in findings if item.id in f.refs and f.suppressed is None)
        accepted = tuple(f for f in findings if item.id in f.refs and f.suppressed is not None)
        if item.coverage == COVERAGE_IMPLEMENTATION:
            status = "implementation_only"
        elif any(f.severity >= Severity.ERROR for f in active):
            status = "violated"
        elif accepted:
            status = "deviation"
        elif active:
            status = "remarks"
        elif not applies(item.applies_when, loaded):
            status = "not_applicable"
        else:
            status = "satisfied"
        out.append(replace(item, status=status, findings=active + accepted, baseline=baseline))
    return out
