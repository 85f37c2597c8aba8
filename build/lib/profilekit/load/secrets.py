"""Refuse key material in profile files: a profile names credentials, it never carries them."""

from __future__ import annotations

import re

from profilekit.findings import Finding, InputError, Severity

_PEM_PRIVATE = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )?PRIVATE KEY-----|-----BEGIN ENCRYPTED PRIVATE KEY-----")


def scan_text(text: str, path: str) -> None:
    """Raise before parsing when the file holds a PEM private key (never echoing it)."""
    match = _PEM_PRIVATE.search(text)
    if match is None:
        return
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    raise InputError([Finding(code="LD009", severity=Severity.ERROR, file=path, line=line, column=column,
                              message="file contains a PEM private key; a profile must name the "
                                      "certificate, never carry key material (remove it)")])
