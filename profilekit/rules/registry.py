"""The explicit rule registry: every rule module is listed here, nothing is discovered by magic.

To add a rule module, import it here and add it to RULE_MODULES; each module lists its rules in `RULES`.
"""

from __future__ import annotations

from types import ModuleType

from profilekit.rules import precedence, tls, tls_psk
from profilekit.rules.base import Registry
from profilekit.rules.baselines import keys, protocol_features, resumption, suites, versions
from profilekit.rules.guideline import (
    authentication,
    control_and_audit,
    identification,
    messages,
    mode_of_operation,
    references,
    selection,
    statements,
    template,
    tls_profiles,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    identification, template, statements, references, mode_of_operation, tls_profiles, selection, messages,
    authentication, control_and_audit,
    tls, tls_psk,
    versions, suites, protocol_features, resumption, keys,
    precedence,
)

REGISTRY = Registry()
for _module in RULE_MODULES:
    for _rule in _module.RULES:
        REGISTRY.add(_rule)
