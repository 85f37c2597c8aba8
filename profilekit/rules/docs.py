"""Rule documentation generated from the registry: docs/rules.md, `profilekit rules` (text, json, md).

    python -m profilekit.rules.docs            # rewrite docs/rules.md
    python -m profilekit.rules.docs --check    # exit 1 when docs/rules.md is stale
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from profilekit.catalog.baselines import ALIASES, BASELINES, DEFAULT_BASELINE
from profilekit.load.codes import NON_RULE_CODES
from profilekit.outputs import regenerate
from profilekit.rules.base import Rule
from profilekit.rules.baseline_docs import statement_anchor, statements_of
from profilekit.rules.registry import REGISTRY

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
FAMILIES = (("GL", "Guideline rules (H.248.TLSPROF)"), ("TLS", "TLS consistency rules"),
            ("SEC", "Security baseline rules"), ("PRC", "Cipher-suite precedence rules"))


_ALIASES = "".join(f"; `{alias}` is an alias of `{name}`" for alias, name in ALIASES.items())
"""What the docs say of the baselines' other names (`--baseline rfc9325` runs exactly as bcp195)."""


def _runs(rule: Rule) -> str:
    if not rule.baselines:
        return "always"
    def named(baseline: str) -> str:
        aliases = [alias for alias, name in ALIASES.items() if name == baseline]
        return f"`{baseline}`" + (f" (alias {', '.join(f'`{a}`' for a in aliases)})" if aliases else "")
    return "with `--baseline` " + ", ".join(named(b) for b in BASELINES if b in rule.baselines)


def _severity(rule: Rule) -> str:
    text = rule.severity.label
    overrides = [f"{rule.baseline_severity[b].label} under `{b}`" for b in BASELINES if b in rule.baseline_severity]
    return text + (f" ({'; '.join(overrides)})" if overrides else "")


def rule_record(rule: Rule) -> dict[str, Any]:
    """One rule as a JSON record (`profilekit rules --format json`)."""
    return {
        "code": rule.code, "name": rule.name, "title": rule.title, "severity": rule.severity.label,
        "baseline_severity": {b: s.label for b, s in sorted(rule.baseline_severity.items())},
        "baselines": sorted(rule.baselines), "refs": list(rule.refs), "rationale": rule.rationale,
        "fix": rule.fix, "passing": rule.passing, "failing": rule.failing,
        "statements": [statement.id for statement in statements_of(rule.code)],
    }


def other_record(code: str) -> dict[str, Any]:
    """An input (LD), schema (SC), suppression (SP) or probe (PRB) code: not a rule, but a code findings carry."""
    entry = NON_RULE_CODES[code]
    return {"code": code, "title": entry.title, "severity": entry.severity.label,
            "description": entry.description,
            "kind": {"LD": "input", "SC": "schema", "SP": "suppression", "PR": "probe"}[code[:2]]}


def render_json() -> str:
    """Every code a finding can carry: the rules, then the input, schema and suppression codes."""
    records = [rule_record(rule) for rule in REGISTRY] + [other_record(code) for code in NON_RULE_CODES]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def render_text() -> str:
    """`profilekit rules`: one line per code."""
    lines = [f"{rule.code:<7} {rule.severity.label:<8} {rule.title}  [{'; '.join(rule.refs)}]" for rule in REGISTRY]
    lines += [f"{code:<7} {entry.severity.label:<8} {entry.title}  [{entry.description}]"
              for code, entry in NON_RULE_CODES.items()]
    summary = (f"{len(REGISTRY)} rules, and {len(NON_RULE_CODES)} input (LD), schema (SC), suppression (SP) and "
               "probe (PRB) codes")
    return "\n".join([*lines, summary]) + "\n"


def _statement_lines(rule: Rule) -> list[str]:
    """The baseline statements the rule checks, linked to docs/baselines.md (none for most GL/TLS rules)."""
    checked = statements_of(rule.code)
    if not checked:
        return []
    links = ", ".join(f"[{s.id}](baselines.md#{statement_anchor(s.id)}) ({s.keyword})" for s in checked)
    return [f"- **Checks the statements:** {links}"]


def _example(title: str, text: str) -> list[str]:
    if not text.strip():
        return [f"*{title}:* none given.", ""]
    return [f"*{title}:*", "", "```yaml", text.rstrip("\n"), "```", ""]


def render_markdown() -> str:
    """docs/rules.md: one section per rule, anchored by its lower-case code."""
    out = ["# profilekit rules", "",
           "<!-- Generated from the rule registry by `python -m profilekit.rules.docs`; do not edit by hand. -->",
           "",
           f"`profilekit validate` runs the rules below ({len(REGISTRY)} in all). Rules marked *always* run "
           f"under every baseline; security-baseline rules run under the `--baseline` they belong to "
           f"(default `{DEFAULT_BASELINE}`{_ALIASES}). A finding can be suppressed by a comment at the end of its "
           "line, "
           "or in a comment line of its own just before it, "
           'with `# profilekit: disable=CODE reason="why"`; the reason is mandatory.', ""]
    rules = list(REGISTRY)
    for prefix, heading in FAMILIES:
        family = [r for r in rules if r.code.startswith(prefix) and r.code[len(prefix):].isdigit()]
        if not family:
            continue
        out += [f"## {heading}", "", "| Code | Severity | Title |", "|---|---|---|"]
        out += [f"| [{r.code}](#{r.anchor}) | {r.severity.label} | {r.title} |" for r in family]
        out.append("")
        for rule in family:
            out += [f'<a id="{rule.anchor}"></a>', "", f"### {rule.code}: {rule.title}", "",
                    f"- **Severity:** {_severity(rule)}",
                    f"- **Runs:** {_runs(rule)}",
                    f"- **References:** {'; '.join(rule.refs)}",
                    *_statement_lines(rule), "",
                    rule.rationale, "",
                    f"**Fix:** {rule.fix}", ""]
            out += _example("Passing", rule.passing)
            out += _example("Failing", rule.failing)
    out += ["## Input, schema, suppression and probe codes", "",
            "These findings come from loading the file (LD), checking it against the profile format (SC), "
            "reading suppression comments (SP), and `profilekit probe` comparing a live TLS endpoint with a TLS "
            "domain of the profile (PRB, at the profile element the deviation concerns). LD and SC findings stop "
            "validation: exit code 2.", ""]
    for code, entry in NON_RULE_CODES.items():
        out += [f'<a id="{code.lower()}"></a>', "", f"### {code}: {entry.title}", "", entry.description, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    """Rewrite docs/rules.md, or with --check exit 1 when it is stale."""
    return regenerate(DOC_PATH, render_markdown(), check="--check" in argv, command="python -m profilekit.rules.docs")

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
