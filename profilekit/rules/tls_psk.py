"""TLS rules on pre-shared keys that hold under every baseline: what RFC 4279 makes every PSK stack accept."""

from __future__ import annotations

from collections.abc import Iterator

from profilekit.load.loaded import LoadedProfile
from profilekit.rules import tls_facts as facts
from profilekit.rules.base import ERROR, Issue, Rule, rule

IDENTITY_OCTETS = 128
"""RFC 4279 §5.3: every PSK implementation supports identities of up to this many octets."""
KEY_OCTETS = 64
"""RFC 4279 §5.3: every PSK implementation supports keys of up to this many octets."""


@rule(code="TLS021", title="PSK identity and key sizes stay within what every PSK stack supports",
      severity=ERROR, refs=("RFC 4279 §5.3", "R-8.3.3/1"),
      rationale="RFC 4279 §5.3: implementations MUST support PSK identities of up to 128 octets and keys of up to "
                "64 octets; longer ones are only RECOMMENDED. A profile that limits identities to fewer than 128 "
                "octets breaks peers that use the length every stack accepts, and one that requires keys longer "
                "than 64 octets asks for keys a conforming peer may not take.",
      fix=f"Set psk.identity_max_octets to at least {IDENTITY_OCTETS} and psk.min_key_octets to at most "
          f"{KEY_OCTETS} (16 or 32 are usual).",
      passing="authentication: {methods: [psk], psk: {identity_max_octets: 128, min_key_octets: 32}}",
      failing="authentication: {methods: [psk], psk: {identity_max_octets: 64, min_key_octets: 128}}")
def psk_sizes(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        psk = view.profile.authentication.psk
        if psk is None:
            continue
        if psk.identity_max_octets < IDENTITY_OCTETS:
            yield Issue(message=f"PSK identities are limited to {psk.identity_max_octets} octets: every PSK stack "
                                f"accepts up to {IDENTITY_OCTETS} (RFC 4279 §5.3), and peers may use that length",
                        path=view.at("authentication", "psk", "identity_max_octets"))
        if psk.min_key_octets is not None and psk.min_key_octets > KEY_OCTETS:
            yield Issue(message=f"PSKs of at least {psk.min_key_octets} octets are required, more than the "
                                f"{KEY_OCTETS} octets every PSK stack must support (RFC 4279 §5.3)",
                        path=view.at("authentication", "psk", "min_key_octets"))


RULES: tuple[Rule, ...] = (psk_sizes,)
"""Every rule this module declares, for the registry."""
