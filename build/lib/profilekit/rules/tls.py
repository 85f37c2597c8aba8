"""TLS consistency rules (TLS): settings that contradict each other or cannot be negotiated."""

from __future__ import annotations

from profilekit.rules.base import Rule

RULES: list[Rule] = []
