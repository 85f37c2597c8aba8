"""Cipher-suite precedence rules (PRC): order matters, not just the set."""

from __future__ import annotations

from profilekit.rules.base import Rule

RULES: list[Rule] = []
