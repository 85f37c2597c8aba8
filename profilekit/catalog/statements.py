"""The statement catalogue (statements.yaml): each security baseline's normative statements that a TLS
profile decides, with the keyword, and the rules that check each one or why a profile cannot decide it.

It makes the validator's coverage auditable: `profilekit baselines` prints it, docs/baselines.md is
generated from it, and tests/test_statements.py holds every rule's severity to its statement's keyword.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import yaml

from profilekit.catalog.baselines import BASELINES, NONE, canonical
from profilekit.findings import Severity

EVERY = "every"
"""In `baselines:`, a protocol fact that holds under every baseline (`none` included)."""

KEYWORD_SEVERITY: dict[str, Severity] = {
    **dict.fromkeys(("MUST", "MUST NOT", "SHALL", "SHALL NOT", "REQUIRED"), Severity.ERROR),
    **dict.fromkeys(("SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED"), Severity.WARNING),
    **dict.fromkeys(("MAY", "OPTIONAL", "best practice"), Severity.INFO),
}
"""The severity a finding against a statement carries: MUST/SHALL → error, SHOULD → warning, MAY → info."""


@dataclass(frozen=True, kw_only=True)
class Statement:
    """One normative statement, as written in statements.yaml."""

    id: str
    source: str
    """Document and section, e.g. `RFC 9325 §3.4`."""
    baselines: tuple[str, ...]
    """The `--baseline` ids under which the statement is normative (EVERY expanded to all of them)."""
    keyword: str
    text: str
    rules: tuple[str, ...] = ()
    """Codes of the rules (or schema code) that check the statement."""
    not_decidable: str = ""
    """Why no profile can decide the statement (empty when rules check it)."""
    superseded_by: str = ""
    """The statement that replaces this one in its baseline (RFC 9852 updating RFC 9325)."""
    note: str = ""

    @property
    def severity(self) -> Severity:
        """The severity the keyword gives a finding."""
        return KEYWORD_SEVERITY[self.keyword]

    @property
    def disposition(self) -> str:
        """How the catalogue settles the statement: `checked`, `not decidable` or `superseded`."""
        if self.rules:
            return "checked"
        return "superseded" if self.superseded_by else "not decidable"

    def applies_to(self, baseline: str) -> bool:
        """Whether the statement is normative under `baseline` (an alias resolved)."""
        return canonical(baseline) in self.baselines


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _statement(entry: dict[str, Any]) -> Statement:
    ident = entry.get("id", "?")
    keyword = entry.get("keyword")
    if keyword not in KEYWORD_SEVERITY:
        raise ValueError(f"statements.yaml: {ident}: unknown keyword {keyword!r}")
    named = tuple(entry.get("baselines") or ())
    unknown = [name for name in named if name != EVERY and name not in BASELINES]
    if not named or unknown:
        raise ValueError(f"statements.yaml: {ident}: baselines must name {', '.join(BASELINES)} or {EVERY}, "
                         f"got {list(named)}")
    baselines = BASELINES if EVERY in named else tuple(b for b in BASELINES if b in named and b != NONE)
    settled = [key for key in ("rules", "not_decidable", "superseded_by") if entry.get(key)]
    if len(settled) != 1:
        raise ValueError(f"statements.yaml: {ident}: give exactly one of rules, not_decidable, superseded_by "
                         f"(got {settled or 'none'})")
    return Statement(id=ident, source=_text(entry["source"]), baselines=baselines, keyword=keyword,
                     text=_text(entry["text"]), rules=tuple(entry.get("rules") or ()),
                     not_decidable=_text(entry.get("not_decidable")),
                     superseded_by=_text(entry.get("superseded_by")), note=_text(entry.get("note")))


@functools.cache
def statements() -> tuple[Statement, ...]:
    """Every statement, in catalogue order; ids unique and every `superseded_by` names a statement."""
    raw = yaml.safe_load(files("profilekit.catalog").joinpath("statements.yaml").read_text(encoding="utf-8"))
    result = tuple(_statement(entry) for entry in raw["statements"])
    ids = [statement.id for statement in result]
    duplicates = sorted({ident for ident in ids if ids.count(ident) > 1})
    if duplicates:
        raise ValueError(f"statements.yaml: duplicate ids {duplicates}")
    dangling = [s.id for s in result if s.superseded_by and s.superseded_by not in ids]
    if dangling:
        raise ValueError(f"statements.yaml: superseded_by names no statement in {dangling}")
    return result


def for_baseline(baseline: str) -> tuple[Statement, ...]:
    """The statements normative under `baseline` (an alias resolved): the baseline's own in catalogue order,
    then the protocol facts every baseline shares."""
    chosen = [statement for statement in statements() if statement.applies_to(baseline)]
    return tuple(sorted(chosen, key=lambda statement: statement.baselines == BASELINES))
