"""The explicit rule registry: every rule module is listed here, nothing is discovered by magic."""

from __future__ import annotations

from profilekit.rules import baselines, guideline, precedence, tls
from profilekit.rules.base import Registry

BASELINES: tuple[str, ...] = ("rfc9325", "3gpp-ts33210", "nist-sp800-52r2", "bsi-tr02102-2", "none")
DEFAULT_BASELINE = "rfc9325"

REGISTRY = Registry()
for _module in (guideline, tls, baselines, precedence):
    for _rule in _module.RULES:
        REGISTRY.add(_rule)
