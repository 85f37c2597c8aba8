"""Every rule is declared one way (@rule above its check) and listed in its module's RULES."""

from __future__ import annotations

from profilekit.rules.base import Rule
from profilekit.rules.registry import REGISTRY, RULE_MODULES


def test_every_declared_rule_is_listed_in_its_module() -> None:
    for module in RULE_MODULES:
        declared = {name for name, value in vars(module).items()
                    if isinstance(value, Rule) and value.check.__module__ == module.__name__}
        listed = {name for name, value in vars(module).items() if isinstance(value, Rule) and value in module.RULES}
        assert declared == listed, f"{module.__name__}: declared but not in RULES: {sorted(declared - listed)}"


def test_registry_holds_every_listed_rule() -> None:
    listed = [rule.code for module in RULE_MODULES for rule in module.RULES]
    assert sorted(listed) == [rule.code for rule in REGISTRY]
