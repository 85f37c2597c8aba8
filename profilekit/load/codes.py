"""Every code findings carry that is not a rule's (LD loading, SC profile format, SP suppressions, PRB probe), collected
from the modules that raise them, for the rules documentation, `profilekit rules` and SARIF."""

from __future__ import annotations

from collections.abc import Iterable

from profilekit.catalog import probe_codes
from profilekit.findings import NonRuleCode
from profilekit.load import errors, profile, secrets, suppressions, yaml12


def _by_code(entries: Iterable[NonRuleCode]) -> dict[str, NonRuleCode]:
    """The entries sorted by code; a code declared twice is a programming error."""
    by_code: dict[str, NonRuleCode] = {}
    for entry in entries:
        if entry.code in by_code:
            raise ValueError(f"non-rule code {entry.code} is declared twice")
        by_code[entry.code] = entry
    return dict(sorted(by_code.items()))


NON_RULE_CODES = _by_code((*yaml12.CODES, *secrets.CODES, *profile.CODES, *errors.CODES, *suppressions.CODES,
                         *probe_codes.CODES))
"""code → its catalogue entry, in code order (LD001 … SP003)."""
