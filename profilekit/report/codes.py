"""Codes that are not rules: loader (LD), schema (SC) and suppression (SP) findings, for docs and SARIF."""

from __future__ import annotations

OTHER_CODES: dict[str, tuple[str, str]] = {
    "LD001": ("YAML syntax error", "The file is not valid YAML; the message names the problem."),
    "LD002": ("Duplicate key", "A mapping repeats a key; YAML would silently keep only one of them."),
    "LD003": ("File encoding", "The file is not UTF-8 text (binary, UTF-16, or a stray byte)."),
    "LD004": ("Mapping key is not a name", "Keys must be plain scalars that are names."),
    "LD005": ("Input limit", "The file is too large, too deep or expands to too many nodes."),
    "LD006": ("Unsupported tag or value", "An explicit YAML tag is not supported or does not fit its value."),
    "LD007": ("File not found or unreadable", "The profile or an imported library cannot be read."),
    "LD008": ("Import cycle", "Package libraries import each other in a cycle."),
    "LD009": ("Secret in the profile", "The file contains key material or a password; reference it instead."),
    "SC001": ("Unknown key", "A key the profile format does not define (often a typo)."),
    "SC002": ("Missing required key", "A key the profile format requires is absent."),
    "SC003": ("Invalid value", "A value has the wrong type or is not one of the allowed values."),
    "SC004": ("Duplicate package", "A package is defined or listed twice."),
    "SC005": ("Unknown package", "A `use:` names a package that no imported library defines."),
    "SP001": ("Suppression without a reason", "Every `# profilekit: disable=CODE` needs `reason=\"...\"`."),
    "SP002": ("Unused suppression", "The suppression's line has no finding of that code (any more)."),
    "SP003": ("Suppression of an unknown code", "The suppression names a code that is not a rule."),
}
"""code → (title, description)."""


def other_severity(code: str) -> str:
    """The severity findings of a non-rule code carry: an unused suppression warns, the rest are errors."""
    return "warning" if code == "SP002" else "error"
