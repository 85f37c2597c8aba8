"""The requirement catalogue (requirements.yaml): profilekit's wording of each H.248.TLSPROF requirement item,
when it applies to a profile, and where a profile document shows how the profile meets it.

Which rules check an item is not catalogued here: profilekit.trace takes it from the rules' `refs`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import yaml

DOCUMENT_LOCATIONS: dict[str, str] = {
    "connection_model": "table \"Connection model\" (clause 5.4)",
    "commands": "table \"Commands\" (clause 5.8)",
    "mode_of_operation": "table \"Mode of operation per termination type\" (clause 6.1)",
    "tls_parameters": "each TLS profile's parameters table (clause 6.2.n)",
    "cipher_suites": "each TLS profile's cipher-suite table (clause 6.2.n)",
    "tls_domains": "table \"TLS domains\" (clause 6.3)",
    "authentication": "each TLS profile's authentication table (clause 6.4)",
    "capability_bindings": "table \"Capability bindings\" (clause 6.5)",
    "termination_reasons": "table of the TLS session termination reasons (clause 6.5)",
    "tls_statistics": "table \"TLS statistics\" (clause 6.6)",
    "capability_audit": "table \"Auditable TLS capabilities\" (clause 6.7)",
}
"""The names `shown_in` may use, besides `procedure:<binding>` (see PROCEDURE_LOCATION)."""

PROCEDURE_LOCATION = "procedure:"
"""`procedure:<binding>`: every procedure (clause 5.17.n) whose messages use the element bound to <binding>."""


@dataclass(frozen=True, kw_only=True)
class Requirement:
    """One catalogue entry, as written in requirements.yaml."""

    id: str
    clause: str
    actor: str
    level: str
    summary: str
    in_profile: str
    shown_in: tuple[str, ...]
    """Document locations (DOCUMENT_LOCATIONS, `procedure:<binding>`, `clause:<number>`) that show how a profile
    meets the item."""
    implementation_only: str | None = None
    """Why no profile can show the item is met (pure MG/MGC behaviour)."""
    applies_when: str = "always"
    """The condition (profilekit.applicability) under which a profile has to meet the item."""


def _requirement(entry: dict[str, Any]) -> Requirement:
    if "shown_in" not in entry:
        raise ValueError(f"requirements.yaml: {entry['id']} has no `shown_in` (write [] when nothing shows it)")
    for location in entry["shown_in"]:
        if location not in DOCUMENT_LOCATIONS and not location.startswith(PROCEDURE_LOCATION) \
                and not re.fullmatch(r"clause:[1-6](?:\.\d+)*", location):
            raise ValueError(f"requirements.yaml: {entry['id']}: unknown document location {location!r}")
    return Requirement(
        id=entry["id"], clause=str(entry["clause"]), actor=entry["actor"], level=entry["level"],
        summary=entry["summary"], in_profile=entry["in_profile"], shown_in=tuple(entry["shown_in"]),
        implementation_only=entry.get("implementation_only"), applies_when=entry.get("applies_when", "always"))


@functools.cache
def requirements() -> tuple[Requirement, ...]:
    """Every catalogue entry, in the guideline's order (read once)."""
    text = files("profilekit.catalog").joinpath("requirements.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return tuple(_requirement(entry) for entry in yaml.load(text, Loader=loader))


def document_locations() -> dict[str, tuple[str, ...]]:
    """Requirement id → where the document shows how a profile meets it (the A.1 "Where" column)."""
    return {item.id: item.shown_in for item in requirements()}
