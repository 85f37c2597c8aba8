"""The rule engine: registry integrity, rule metadata, and refs that point at real requirement ids."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest

from profilekit.catalog.baselines import ALIASES, BASELINES, CHOICES
from profilekit.cli.checking import validate
from profilekit.findings import Severity
from profilekit.report import REPORTERS
from profilekit.rules.base import Issue, Registry, Rule
from profilekit.rules.registry import REGISTRY


def _rule(code: str, refs: tuple[str, ...] = ("R-6/1",)) -> Rule:
    def check(loaded: object) -> Iterator[Issue]:
        yield from ()

    return Rule(code=code, title="t", severity=Severity.ERROR, refs=refs, rationale="r", fix="f", check=check)


def test_registry_rejects_duplicate_codes() -> None:
    registry = Registry()
    registry.add(_rule("GL999"))
    with pytest.raises(ValueError, match="duplicate rule code GL999"):
        registry.add(_rule("GL999"))


@pytest.mark.parametrize("code", ["GL1", "gl101", "XX101", "GL1011", "SEC01", "TLS-001", ""])
def test_registry_rejects_malformed_codes(code: str) -> None:
    with pytest.raises(ValueError, match="malformed rule code"):
        Registry().add(_rule(code))


def test_registry_rejects_rules_without_refs_or_with_malformed_requirement_ids() -> None:
    with pytest.raises(ValueError, match="no references"):
        Registry().add(_rule("GL998", refs=()))
    with pytest.raises(ValueError, match="malformed requirement ids"):
        Registry().add(_rule("GL998", refs=("R-8.3-2",)))


def test_issue_refs_must_be_declared_by_the_rule(sample_loaded: object) -> None:
    def check(loaded: object) -> Iterator[Issue]:
        yield Issue(message="m", path=("tls",), refs=("R-8.7/1",))

    rule = Rule(code="GL997", title="t", severity=Severity.ERROR, refs=("R-6/1",), rationale="r", fix="f",
                check=check)
    with pytest.raises(ValueError, match="does not declare"):
        list(rule.run(sample_loaded))  # type: ignore[arg-type]


def test_issue_refs_narrow_the_finding_refs(sample_loaded: object) -> None:
    def check(loaded: object) -> Iterator[Issue]:
        yield Issue(message="m", path=("tls", "bindings"), refs=("R-8.5.2/1",))

    rule = Rule(code="GL996", title="t", severity=Severity.WARNING, refs=("R-8.5.1/1", "R-8.5.2/1"),
                rationale="r", fix="f", check=check)
    (finding,) = rule.run(sample_loaded)  # type: ignore[arg-type]
    assert finding.refs == ("R-8.5.2/1",)
    assert finding.severity is Severity.WARNING and finding.line > 0


def test_every_requirement_ref_of_a_rule_is_in_the_catalogue() -> None:
    from profilekit.trace import requirement_catalogue

    ids = {item.id for item in requirement_catalogue()}
    unknown = {(rule.code, ref) for rule in REGISTRY for ref in rule.requirements if ref not in ids}
    assert unknown == set()


def test_every_rule_has_doc_examples_and_a_sarif_name() -> None:
    for rule in REGISTRY:
        assert rule.passing.strip() and rule.failing.strip(), rule.code
        assert rule.name.isidentifier(), (rule.code, rule.name)


def test_cli_choices_match_the_baselines_and_reporters() -> None:
    choices = {p.name: p.type.choices for p in validate.params if isinstance(p.type, click.Choice)}
    assert tuple(choices["baseline"]) == CHOICES  # the baselines, each followed by its aliases
    assert [c for c in CHOICES if c not in ALIASES] == list(BASELINES)
    assert set(choices["fmt"]) == set(REPORTERS)


def test_sarif_name_is_an_identifier_even_for_titles_starting_with_a_digit() -> None:
    rule = Rule(code="SEC999", title="3GPP TLS 1.2 suites are AEAD", severity=Severity.ERROR, refs=("x",),
                rationale="r", fix="f", check=lambda loaded: iter(()))
    assert rule.name == "Rule3GPPTLS12SuitesAreAEAD"
