"""Guideline rules (GL): the H.248.TLSPROF requirement items a profile can show it meets."""

from __future__ import annotations

from profilekit.rules.base import Rule

RULES: list[Rule] = []
