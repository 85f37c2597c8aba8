"""Runs the registered rules on a loaded profile and returns sorted findings."""

from __future__ import annotations

from profilekit.catalog.baselines import DEFAULT_BASELINE, canonical
from profilekit.findings import Finding
from profilekit.load.loaded import LoadedProfile
from profilekit.rules.base import Rule
from profilekit.rules.registry import REGISTRY


def applicable(rule: Rule, baseline: str) -> bool:
    """Rules without baselines always run; baseline rules run when their baseline (or an alias of it) is
    selected."""
    return not rule.baselines or canonical(baseline) in rule.baselines


def run_rules(loaded: LoadedProfile, *, baseline: str = DEFAULT_BASELINE) -> list[Finding]:
    """The findings of every rule that runs under `baseline` (an alias runs as its baseline), sorted and
    without repeats."""
    baseline = canonical(baseline)
    findings = [finding for rule in REGISTRY if applicable(rule, baseline)
                for finding in rule.run(loaded, rule.severity_for(baseline))]
    return sorted(set(findings), key=Finding.sort_key)
