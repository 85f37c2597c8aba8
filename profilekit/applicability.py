"""When a requirement applies to a profile: the `applies_when` conditions of the requirement catalogue
(profilekit/catalog/requirements.yaml), each with its test and the words a document uses when it fails.

The one place these conditions are evaluated: profilekit.trace uses the tests (status `not_applicable`),
the outline's Appendix I the wording.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from profilekit.rules import facts

if TYPE_CHECKING:
    from profilekit.load.loaded import LoadedProfile
    from profilekit.model.tls import TlsProfile


@dataclass(frozen=True, kw_only=True)
class Condition:
    """One `applies_when` value: which TLS profiles make the item apply, and why it does not otherwise."""

    name: str
    uses: Callable[[TlsProfile], bool] | None
    """The item applies when some TLS profile passes this test; None: it always applies."""
    not_applicable: str | None
    """Why the item does not apply, as Appendix I.1 says it ("no TLS profile uses pre-shared keys")."""

    def holds(self, loaded: LoadedProfile) -> bool:
        """Whether the item applies to `loaded`."""
        return self.uses is None or facts.any_profile(loaded, self.uses)


CONDITIONS: dict[str, Condition] = {condition.name: condition for condition in (
    Condition(name="always", uses=None, not_applicable=None),
    Condition(name="psk", uses=facts.uses_psk, not_applicable="no TLS profile uses pre-shared keys"),
    Condition(name="ttp", uses=facts.uses_ttp, not_applicable="no TLS profile uses a trusted third party"),
    Condition(name="self_signed", uses=facts.uses_self_signed,
              not_applicable="no TLS profile uses self-signed certificates"),
    Condition(name="ca_signed", uses=facts.uses_ca_signed,
              not_applicable="no TLS profile uses CA-signed certificates"),
    Condition(name="certificates", uses=facts.uses_certificates,
              not_applicable="no TLS profile uses certificates"),
    Condition(name="renegotiation", uses=facts.renegotiates,
              not_applicable="no TLS profile supports renegotiation"),
    Condition(name="pre_tls13", uses=facts.offers_pre_tls13,
              not_applicable="every TLS profile offers TLS 1.3 only, which has no renegotiation (RFC 8446 "
                             "§4.6.3: KeyUpdate renews keys)"),
)}

APPLIES_WHEN: tuple[str, ...] = tuple(CONDITIONS)
"""The values `applies_when` may take in the catalogue."""


def applies(condition: str, loaded: LoadedProfile) -> bool:
    """Whether an item with `applies_when: <condition>` applies to `loaded`."""
    return CONDITIONS[condition].holds(loaded)


def not_applicable_reason(condition: str) -> str | None:
    """Why an item with `applies_when: <condition>` does not apply; None for an unknown or `always` condition."""
    found = CONDITIONS.get(condition)
    return found.not_applicable if found is not None else None
