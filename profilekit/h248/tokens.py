"""The keywords of the H.248.1 text encoding (Annex B; RFC 3525 for version 1, version 2 and 3 additions as in
H.248.1 (2005/2013)): each canonical name with its long and short form and the version that introduced it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Keyword:
    """One text-encoding token: `Add` / `A`."""

    name: str
    """The long (pretty) form, also the canonical name used in the AST."""
    short: str | None
    """The compact form, if the token has one."""
    version: int = 1
    """The H.248.1 version that introduced the token."""

    @property
    def shown(self) -> str:
        """`AuditCapability` (AC): how messages name it to an editor."""
        return f"{self.name} ({self.short})" if self.short and self.short != self.name else self.name


_TABLE: tuple[tuple[str, str | None, int], ...] = (
    ("Add", "A", 1), ("AndLgc", None, 3), ("Audit", "AT", 1), ("AuditCapability", "AC", 1),
    ("AuditValue", "AV", 1), ("Authentication", "AU", 1), ("Both", "B", 3), ("Bothway", "BW", 1),
    ("Brief", "BR", 1), ("Buffer", "BF", 1), ("Context", "C", 1), ("ContextAttr", "CT", 3),
    ("ContextList", "CLT", 3), ("ContextAudit", "CA", 1), ("DigitMap", "DM", 1), ("SPADirection", "SPADI", 3),
    ("Direction", "DI", 3), ("Discard", "DS", 1), ("Disconnected", "DC", 1), ("Delay", "DL", 1),
    ("Delete", "DE", 1), ("Duration", "DR", 1), ("Embed", "EM", 1), ("Emergency", "EG", 1),
    ("EmergencyOff", "EGO", 2), ("EmergencyValue", "EGV", 3), ("Error", "ER", 1), ("EventBuffer", "EB", 1),
    ("Events", "E", 1), ("External", "EX", 3), ("Failover", "FL", 1), ("Forced", "FO", 1),
    ("Graceful", "GR", 1), ("H221", None, 1), ("H223", None, 1), ("H226", None, 1), ("HandOff", "HO", 1),
    ("IEPSCall", "IEPS", 2), ("ImmAckRequired", "IA", 1), ("Inactive", "IN", 1), ("Internal", "IT", 3),
    ("InService", "IV", 1), ("Intersignal", "SPAIS", 3), ("IntByEvent", "IBE", 1),
    ("IntBySigDescr", "IBS", 1), ("Isolate", "IS", 1), ("Iteration", "IR", 3), ("KeepActive", "KA", 1),
    ("Local", "L", 1), ("LocalControl", "O", 1), ("LockStep", "SP", 1), ("Loopback", "LB", 1),
    ("Media", "M", 1), ("MEGACO", "!", 1), ("Segment", "SM", 3), ("Method", "MT", 1), ("MTP", None, 1),
    ("MgcIdToTry", "MG", 1), ("Mode", "MO", 1), ("Modify", "MF", 1), ("Modem", "MD", 1), ("Move", "MV", 1),
    ("Mux", "MX", 1), ("NeverNotify", "NBNN", 3), ("Notify", "N", 1), ("NotifyCompletion", "NC", 1),
    ("ImmediateNotify", "NBIN", 3), ("RegulatedNotify", "NBRN", 3), ("Nx64Kservice", "N64", 2),
    ("ObservedEvents", "OE", 1), ("Oneway", "OW", 1), ("OnewayBoth", "OWB", 3), ("OnewayExternal", "OWE", 3),
    ("OnOff", "OO", 1), ("OrLgc", None, 3), ("OtherReason", "OR", 1), ("OutOfService", "OS", 1),
    ("Packages", "PG", 1), ("Pending", "PN", 1), ("Priority", "PR", 1), ("Profile", "PF", 1),
    ("Reason", "RE", 1), ("ReceiveOnly", "RC", 1), ("RequestID", "RQ", 3), ("Reply", "P", 1),
    ("ResetEventsDescriptor", "RSE", 3), ("TransactionResponseAck", "K", 1), ("Restart", "RS", 1),
    ("Remote", "R", 1), ("SPARequestID", "SPARQ", 3), ("ReservedGroup", "RG", 1), ("ReservedValue", "RV", 1),
    ("END", "&", 3), ("SendOnly", "SO", 1), ("SendReceive", "SR", 1), ("Services", "SV", 1),
    ("ServiceStates", "SI", 1), ("ServiceChange", "SC", 1), ("ServiceChangeAddress", "AD", 1),
    ("ServiceChangeInc", "SIC", 3), ("SignalList", "SL", 1), ("Signals", "SG", 1), ("SignalType", "SY", 1),
    ("Statistics", "SA", 1), ("Stream", "ST", 1), ("Subtract", "S", 1), ("SynchISDN", "SN", 1),
    ("TerminationState", "TS", 1), ("Test", "TE", 1), ("TimeOut", "TO", 1), ("Topology", "TP", 1),
    ("Transaction", "T", 1), ("Version", "V", 1), ("V18", None, 1), ("V22", None, 1), ("V22b", None, 1),
    ("V32", None, 1), ("V32b", None, 1), ("V34", None, 1), ("V76", None, 1), ("V90", None, 1),
    ("V91", None, 1), ("MessageSegment", None, 3),
)

KEYWORDS: dict[str, Keyword] = {name: Keyword(name, short, version) for name, short, version in _TABLE}
"""Canonical name → keyword."""

_BY_TEXT: dict[str, Keyword] = {}
for _kw in KEYWORDS.values():
    _BY_TEXT.setdefault(_kw.name.lower(), _kw)
    if _kw.short:
        _BY_TEXT.setdefault(_kw.short.lower(), _kw)


def keyword(text: str, version: int = 3) -> Keyword | None:
    """The keyword written as `text` (either form, any case) in a message of `version`, or None."""
    found = _BY_TEXT.get(text.lower())
    return found if found is not None and found.version <= version else None


def is_keyword(text: str, name: str, version: int = 3) -> bool:
    """Whether `text` is the keyword `name` (long or short form, any case)."""
    found = keyword(text, version)
    return found is not None and found.name == name


COMMANDS: tuple[str, ...] = ("Add", "Modify", "Move", "Subtract", "AuditValue", "AuditCapability", "Notify",
                             "ServiceChange")
"""The command tokens of H.248.1 text encoding."""

MODEL_COMMAND: dict[str, str] = {"AuditCapability": "AuditCapabilities"}
"""Text-encoding command token → the name clause 5.8 of a profile (and H.248.1 clause 7.2) gives it."""
