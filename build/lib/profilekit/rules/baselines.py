"""Security baseline rules (SEC): RFC 9325, 3GPP TS 33.210, NIST SP 800-52r2, BSI TR-02102-2."""

from __future__ import annotations

from profilekit.rules.base import Rule

RULES: list[Rule] = []
