"""Traceability: for each H.248.TLSPROF requirement, how profilekit covers it and whether a profile meets it.

Coverage comes from the rules' `refs` (so it never goes stale); the package catalogue
(profilekit/catalog/requirements.yaml) adds only what rules cannot know: why an item is
implementation-only, and when an item applies to a profile at all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from profilekit.findings import Finding

if TYPE_CHECKING:
    from profilekit.load.loaded import LoadedProfile

COVERAGE_RULES = "rules"
COVERAGE_IMPLEMENTATION = "implementation-only"
STATUSES = ("satisfied", "deviation", "violated", "not_applicable", "implementation_only")
"""`deviation`: only suppressed findings (the editor recorded why the profile departs from the item)."""


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
    """The findings behind a `violated` status, or the suppressed ones behind a `deviation`."""
    applies_when: str = "always"

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id, "clause": self.clause, "actor": self.actor, "level": self.level,
            "summary": self.summary, "in_profile": self.in_profile, "coverage": self.coverage,
            "rules": list(self.rules), "reason": self.reason, "applies_when": self.applies_when,
            "status": self.status, "findings": [f.to_record() for f in self.findings],
        }


def _applicability() -> dict[str, Callable[[LoadedProfile], bool]]:
    from profilekit.rules import facts

    def any_of(test: Callable[[Any], bool]) -> Callable[[LoadedProfile], bool]:
        return lambda loaded: facts.any_profile(loaded, test)

    return {
        "always": lambda loaded: True,
        "psk": any_of(facts.uses_psk),
        "ttp": any_of(facts.uses_ttp),
        "self_signed": any_of(facts.uses_self_signed),
        "ca_signed": any_of(facts.uses_ca_signed),
        "certificates": any_of(facts.uses_certificates),
        "renegotiation": any_of(facts.renegotiates),
    }


APPLIES_WHEN: tuple[str, ...] = ("always", "psk", "ttp", "self_signed", "ca_signed", "certificates",
                                 "renegotiation")


@functools.cache
def _entries() -> tuple[dict[str, Any], ...]:
    import yaml

    text = files("profilekit.catalog").joinpath("requirements.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return tuple(yaml.load(text, Loader=loader))


def requirement_catalogue() -> list[RequirementTrace]:
    """Every requirement id with its coverage (status None): what `profilekit requirements` prints."""
    from profilekit.rules.registry import REGISTRY

    out = []
    for entry in _entries():
        rules = REGISTRY.citing(entry["id"])
        reason = entry.get("implementation_only")
        coverage = COVERAGE_RULES if rules else COVERAGE_IMPLEMENTATION if reason else "uncovered"
        out.append(RequirementTrace(
            id=entry["id"], clause=str(entry["clause"]), actor=entry["actor"], level=entry["level"],
            summary=entry["summary"], in_profile=entry["in_profile"], coverage=coverage, rules=rules,
            reason=reason if not rules else None, applies_when=entry.get("applies_when", "always")))
    return out


def trace(loaded: LoadedProfile, findings: Sequence[Finding]) -> list[RequirementTrace]:
    """The catalogue with each item's status for one profile, given that profile's findings.

    Suppressed findings do not violate a requirement: the editor recorded a justified deviation, and
    the item's status says so (`deviation`, with those findings and their reasons).
    """
    tests = _applicability()
    out = []
    for item in requirement_catalogue():
        hits = tuple(f for f in findings if item.id in f.refs and f.suppressed is None)
        accepted = tuple(f for f in findings if item.id in f.refs and f.suppressed is not None)
        if item.coverage == COVERAGE_IMPLEMENTATION:
            status = "implementation_only"
        elif hits:
            status = "violated"
        elif accepted:
            status, hits = "deviation", accepted
        elif not tests[item.applies_when](loaded):
            status = "not_applicable"
        else:
            status = "satisfied"
        out.append(replace(item, status=status, findings=hits))
    return out
