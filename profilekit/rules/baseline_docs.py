"""The statement catalogue as documents: docs/baselines.md and `profilekit baselines` (text, json, md).

Each baseline lists its normative statements with the keyword, the severity a finding carries, and the rules
that check the statement (with their severity under that baseline) or why a profile cannot decide it.

    python -m profilekit.rules.baseline_docs            # rewrite docs/baselines.md
    python -m profilekit.rules.baseline_docs --check    # exit 1 when docs/baselines.md is stale
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from profilekit.catalog.baselines import ALIASES, CATALOGUE, NONE, Baseline, canonical
from profilekit.catalog.statements import Statement, for_baseline, statements
from profilekit.load.codes import NON_RULE_CODES
from profilekit.outputs import regenerate
from profilekit.rules.registry import REGISTRY

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "baselines.md"


def _baseline_name(baseline: Baseline) -> str:
    return baseline.title or "No baseline"


def _chosen(baseline: str | None) -> list[Baseline]:
    """The baselines to show: the one asked for (an alias resolved), else all of them."""
    if baseline is None:
        return list(CATALOGUE)
    return [entry for entry in CATALOGUE if entry.id == canonical(baseline)]


def _rule_severity(code: str, baseline: str) -> str:
    if code in NON_RULE_CODES:
        return NON_RULE_CODES[code].severity.label
    rule = REGISTRY.get(code)
    return rule.severity_for(baseline).label if rule is not None else "unknown"


def _rule_title(code: str) -> str:
    if code in NON_RULE_CODES:
        return NON_RULE_CODES[code].title
    rule = REGISTRY.get(code)
    return rule.title if rule is not None else ""


def _counts(entries: Iterable[Statement]) -> dict[str, int]:
    counts = {"checked": 0, "not decidable": 0, "superseded": 0}
    for statement in entries:
        counts[statement.disposition] += 1
    return counts


def _summary(baseline: Baseline, entries: tuple[Statement, ...]) -> str:
    counts = _counts(entries)
    what = f"{_baseline_name(baseline)} (`--baseline {baseline.id}`"
    what += ", the default)" if baseline.default else ")"
    return (f"{what}: {len(entries)} statements — {counts['checked']} checked by rules, "
            f"{counts['not decidable']} not decidable from a profile, {counts['superseded']} superseded")


def statement_record(statement: Statement, baseline: str) -> dict[str, Any]:
    """One statement as JSON, with its rules' severities under `baseline`."""
    return {
        "id": statement.id, "source": statement.source, "keyword": statement.keyword,
        "severity": statement.severity.label, "text": statement.text, "disposition": statement.disposition,
        "rules": [{"code": code, "title": _rule_title(code), "severity": _rule_severity(code, baseline)}
                  for code in statement.rules],
        "not_decidable": statement.not_decidable or None, "superseded_by": statement.superseded_by or None,
        "note": statement.note or None,
    }


def render_json(baseline: str | None = None) -> str:
    """`profilekit baselines --format json`: each baseline with its statements."""
    records = []
    for entry in _chosen(baseline):
        chosen = for_baseline(entry.id)
        records.append({"id": entry.id, "title": entry.title or None, "document": entry.document or None,
                        "default": entry.default, "aliases": list(entry.aliases), "counts": _counts(chosen),
                        "statements": [statement_record(s, entry.id) for s in chosen]})
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _settled(statement: Statement, baseline: str) -> str:
    if statement.rules:
        return "checked by " + ", ".join(f"{code} ({_rule_severity(code, baseline)})" for code in statement.rules)
    if statement.superseded_by:
        return f"superseded by {statement.superseded_by}"
    return f"not decidable from a profile: {statement.not_decidable}"


def render_text(baseline: str | None = None) -> str:
    """`profilekit baselines`: per baseline, one block per statement."""
    out: list[str] = []
    for entry in _chosen(baseline):
        chosen = for_baseline(entry.id)
        out += [_summary(entry, chosen).replace("`", ""), ""]
        for statement in chosen:
            out.append(f"  {statement.id:<20} {statement.keyword:<13} {statement.source}")
            out.append(f"      {statement.text}")
            out.append(f"      → {_settled(statement, entry.id)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _settled_markdown(statement: Statement, baseline: str) -> str:
    if statement.rules:
        return ", ".join(f"[{code}](rules.md#{code.lower()}) ({_rule_severity(code, baseline)})"
                         for code in statement.rules)
    if statement.superseded_by:
        return f"superseded by [{statement.superseded_by}](#{statement_anchor(statement.superseded_by)})"
    return f"*not decidable from a profile:* {_cell(statement.not_decidable)}"


def statement_anchor(statement_id: str) -> str:
    """The id of a statement's row in docs/baselines.md (under the first baseline that lists it)."""
    return "s-" + "".join(ch if ch.isalnum() else "-" for ch in statement_id.lower())


def render_markdown(baseline: str | None = None) -> str:
    """docs/baselines.md: per baseline, a table of its statements."""
    aliases = "".join(f" `{alias}` is an alias of `{name}`." for alias, name in ALIASES.items())
    out = ["# Security baselines, statement by statement", "",
           "<!-- Generated from profilekit/catalog/statements.yaml by `python -m profilekit.rules.baseline_docs`; "
           "do not edit by hand. -->", "",
           "Every normative statement of each baseline that a TLS profile decides, with the keyword and what "
           "profilekit does with it: the rules that check it (with their severity under that baseline), or why a "
           "profile cannot decide it. Severity follows the keyword: MUST/SHALL/REQUIRED → error, "
           "SHOULD/RECOMMENDED → warning, MAY/best practice → info; `tests/test_statements.py` fails when a rule "
           "contradicts its statement." + aliases, ""]
    for entry in _chosen(baseline):
        chosen = for_baseline(entry.id)
        out += [f"## {_baseline_name(entry)} (`{entry.id}`)", ""]
        if entry.document:
            out += [entry.document, ""]
        elif entry.id == NONE:
            out += ["No security baseline: only the TLS protocol facts below, which hold for every profile.", ""]
        out += [_summary(entry, chosen) + ".", "",
                "| Statement | Source | Keyword | Statement text | Checked by |", "|---|---|---|---|---|"]
        for statement in chosen:
            anchor = f'<a id="{statement_anchor(statement.id)}"></a>' if entry.id in statement.baselines[:1] else ""
            text = statement.text + (f" *Note:* {statement.note}" if statement.note else "")
            out.append(f"| {anchor}{statement.id} | {_cell(statement.source)} | {statement.keyword} | "
                       f"{_cell(text)} | {_settled_markdown(statement, entry.id)} |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def statements_of(code: str) -> list[Statement]:
    """The statements a rule checks (docs/rules.md lists them under the rule)."""
    return [statement for statement in statements() if code in statement.rules]


def main(argv: list[str]) -> int:
    """Rewrite docs/baselines.md, or with --check exit 1 when it is stale."""
    return regenerate(DOC_PATH, render_markdown(), check="--check" in argv,
                      command="python -m profilekit.rules.baseline_docs")

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
