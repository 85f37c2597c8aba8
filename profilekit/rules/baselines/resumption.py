"""SEC rules on resumption: ticket key rotation and lifetime, TLS 1.3 PSK modes, 0-RTT early data."""

from __future__ import annotations

from collections.abc import Iterator

from profilekit.catalog.baselines import BCP195, SP800_52R2, TR02102_2
from profilekit.load.loaded import LoadedProfile
from profilekit.rules import tls_facts as facts
from profilekit.rules.base import ERROR, WARNING, Issue, Rule, rule

_WEEK_S = 7 * 86400


@rule(code="SEC017", title="Ticket keys are rotated at least weekly",
      baseline_severity={BCP195: ERROR},
      refs=("RFC 9325 §3.4",),
      rationale="RFC 9325 §3.4: session ticket keys are changed regularly, e.g. once a week, so that tickets do not "
                "undo forward secrecy: a MUST (\"Ticket-encryption keys MUST be changed regularly, e.g., once every "
                "week\"), hence an error. The week is RFC 9325's example; a longer period is flagged as well.",
      fix="State resumption.ticket_key_rotation_s (604800 or less).",
      passing="resumption: {session_tickets: true, ticket_key_rotation_s: 86400}",
      failing="resumption: {session_tickets: true, ticket_key_rotation_s: 2592000}")
def weekly_ticket_key_rotation(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        res = view.profile.resumption
        if not res.session_tickets:
            continue
        if res.ticket_key_rotation_s is None:
            yield Issue(message="session tickets are enabled but ticket_key_rotation_s is not stated: ticket "
                                "keys must be rotated regularly, e.g. weekly (RFC 9325 §3.4)",
                        path=view.at("resumption", "session_tickets"))
        elif res.ticket_key_rotation_s > _WEEK_S:
            yield Issue(message=f"ticket keys are rotated every {res.ticket_key_rotation_s} s, less often than "
                                "weekly: a stolen ticket key exposes every session of that period "
                                "(RFC 9325 §3.4)", path=view.at("resumption", "ticket_key_rotation_s"))


@rule(code="SEC018", title="Ticket lifetime is limited",
      baseline_severity={BCP195: ERROR},
      refs=("RFC 9325 §3.4",),
      rationale="RFC 9325 §3.4: session ticket validity MUST be limited to a reasonable duration, e.g. half the "
                "ticket key lifetime (a MUST, hence an error). Flagged: no lifetime stated, or a lifetime "
                "longer than the key rotation period.",
      fix="State resumption.ticket_lifetime_s, at most half of ticket_key_rotation_s.",
      passing="resumption: {session_tickets: true, ticket_lifetime_s: 43200, ticket_key_rotation_s: 86400}",
      failing="resumption: {session_tickets: true, ticket_lifetime_s: 172800, ticket_key_rotation_s: 86400}")
def ticket_lifetime_limited(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        res = view.profile.resumption
        if not res.session_tickets:
            continue
        if res.ticket_lifetime_s is None:
            yield Issue(message="session tickets are enabled but ticket_lifetime_s is not stated: limit it, "
                                "e.g. to half the ticket key rotation period (RFC 9325 §3.4)",
                        path=view.at("resumption", "session_tickets"))
        elif res.ticket_key_rotation_s is not None and res.ticket_lifetime_s > res.ticket_key_rotation_s:
            yield Issue(message=f"ticket_lifetime_s {res.ticket_lifetime_s} exceeds the ticket key rotation "
                                f"period ({res.ticket_key_rotation_s} s): tickets outlive their key; RFC 9325 "
                                "§3.4 suggests half the rotation period",
                        path=view.at("resumption", "ticket_lifetime_s"))


@rule(code="SEC019", title="TLS 1.3 resumption keeps forward secrecy (no psk_ke)",
      baseline_severity={BCP195: WARNING, TR02102_2: WARNING},
      refs=("RFC 9325 §3.4", "BSI TR-02102-2 (TLS 1.3 PSK modes)"),
      rationale="RFC 9325 §3.4: TLS 1.3 resumption SHOULD use psk_dhe_ke; BSI: psk_ke only in special cases.",
      fix="Set resumption.tls13_psk_modes: [psk_dhe_ke].",
      passing="resumption: {tls13_psk_modes: [psk_dhe_ke]}",
      failing="resumption: {tls13_psk_modes: [psk_ke]}")
def no_psk_ke(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        modes = view.profile.resumption.tls13_psk_modes
        if view.has("TLS1.3") and "psk_ke" in modes:
            yield Issue(message="TLS 1.3 psk_ke resumes without a fresh (EC)DHE exchange, so it has no "
                                "forward secrecy: use psk_dhe_ke",
                        path=view.at("resumption", "tls13_psk_modes", modes.index("psk_ke")))


@rule(code="SEC026", title="No 0-RTT early data",
      baseline_severity={BCP195: ERROR, SP800_52R2: WARNING, TR02102_2: WARNING},
      refs=("RFC 9325 §3.10", "NIST SP 800-52r2 (session resumption and early data)", "BSI TR-02102-2 (0-RTT)",
            "RFC 8446 §8"),
      rationale="RFC 9325 §3.10: applications MUST avoid 0-RTT unless their protocol's specification says when it "
                "is safe against replay, and no H.248 bearer protocol (MSRP, BFCP, ...) does: an error under "
                "BCP 195. NIST: 0-RTT data should not be processed; BSI: 0-RTT not recommended (replay, no "
                "forward secrecy): warnings there.",
      fix="Set early_data: false.",
      passing="early_data: false",
      failing="early_data: true")
def no_early_data(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if view.profile.early_data and view.has("TLS1.3"):
            yield Issue(message="early_data (0-RTT) is accepted: 0-RTT data can be replayed and has no "
                                "forward secrecy (RFC 8446 §8)", path=view.at("early_data"))


RULES: tuple[Rule, ...] = (
    weekly_ticket_key_rotation, ticket_lifetime_limited, no_psk_ke, no_early_data,
)
"""Every rule this module declares, for the registry."""
