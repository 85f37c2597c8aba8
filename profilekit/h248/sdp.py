"""SDP (RFC 8866) inside H.248 Local and Remote descriptors, with the wildcards H.248.1 allows there
(`$` CHOOSE, `*` ALL, clause 7.1.8): one field per line, the order of fields, and the attributes TCP/TLS
bearers use — `a=setup`/`a=connection` (RFC 4145), `a=fingerprint` (RFC 8122) and the `m=` protocol."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

HASH_BYTES: dict[str, int] = {"sha-1": 20, "sha-224": 28, "sha-256": 32, "sha-384": 48, "sha-512": 64,
                              "md5": 16, "md2": 16}
"""RFC 8122 §5 hash function textual names (IANA "Hash Function Textual Names") → digest length in bytes."""

PROTOCOLS: tuple[str, ...] = (
    "RTP/AVP", "RTP/SAVP", "RTP/AVPF", "RTP/SAVPF", "UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF", "TCP/RTP/AVP",
    "TCP/RTP/AVPF", "TCP/RTP/SAVP", "TCP/RTP/SAVPF", "TCP/TLS/RTP/SAVP", "TCP/TLS/RTP/SAVPF", "udp", "UDP", "TCP",
    "TCP/TLS", "TCP/MSRP", "TCP/TLS/MSRP", "TCP/BFCP", "TCP/TLS/BFCP", "UDP/BFCP", "UDP/TLS/BFCP", "TCP/DTLS/BFCP",
    "UDP/DTLS/SCTP", "TCP/DTLS/SCTP", "TCP/DTLS", "UDP/DTLS", "DCCP", "DCCP/TLS", "DCCP/RTP/AVP",
    "DCCP/RTP/SAVP", "DCCP/TLS/RTP/SAVP", "TCP/WS", "TCP/WSS", "TCP/TLS/WS", "udptl", "TCP/MRCPv2",
    "TCP/TLS/MRCPv2", "TCP/CFW", "TCP/TLS/CFW", "UDP/TLS/UDPTL", "$",
)
"""`m=` transport protocols registered with IANA (RFC 8866 §8.2.2 and the RFCs that register more)."""

SETUP = ("active", "passive", "actpass", "holdconn")
CONNECTION = ("new", "existing")

SESSION_ORDER = "vosiuepcbtrzka"
MEDIA_ORDER = "micbka"


@dataclass(frozen=True, slots=True)
class SdpIssue:
    """A problem at `offset` (into the SDP text) of `length` characters."""

    offset: int
    message: str
    length: int = 1


@dataclass(slots=True)
class SdpField:
    type: str
    value: str
    offset: int
    """Offset of the type letter in the SDP text."""

    @property
    def value_offset(self) -> int:
        return self.offset + 2

    @property
    def attribute(self) -> tuple[str, str]:
        """For `a=name:value`, (name, value); (name, "") for a property attribute."""
        name, _, value = self.value.partition(":")
        return name, value


@dataclass(slots=True)
class Sdp:
    """The fields of one Local/Remote octet string, in order (all property groups together)."""

    fields: list[SdpField] = field(default_factory=list)
    issues: list[SdpIssue] = field(default_factory=list)

    def attributes(self, name: str) -> list[SdpField]:
        """The `a=name…` fields."""
        return [f for f in self.fields if f.type == "a" and f.attribute[0].lower() == name]


_FIELD_START = re.compile(r"(?<=\s)([a-z])=")
_TOKEN = re.compile(r"^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$")
_WILD = ("$", "*")


def parse_sdp(text: str) -> Sdp:
    """The fields of `text` and every problem found (offsets into `text`)."""
    sdp = Sdp()
    offset = 0
    lines = text.split("\n")
    order: list[str] = []
    for index, raw in enumerate(lines):
        line = raw[:-1] if raw.endswith("\r") else raw
        if index == len(lines) - 1:
            line = line.rstrip(" \t")  # the blanks before the closing brace
        start = offset
        offset += len(raw) + 1
        if not line.strip():
            if index not in (0, len(lines) - 1) and sdp.fields:
                sdp.issues.append(SdpIssue(start, "an empty line inside SDP: RFC 8866 has no blank lines "
                                                  "between fields"))
            continue
        stripped = line.lstrip(" \t")
        if len(stripped) != len(line) and index > 0:
            blanks = len(line) - len(stripped)
            what = "a continuation of the line above" if not re.match(r"^[a-z]=", stripped) else "indented"
            sdp.issues.append(SdpIssue(start, f"this SDP line starts with blanks ({what}); every SDP field is a "
                                              "line of its own that starts with its type letter in the first "
                                              "column (RFC 8866 §5)", blanks))
        at = start + len(line) - len(stripped)  # blanks after the opening brace are separators
        if len(stripped) < 2 or stripped[1] != "=" or not ("a" <= stripped[0] <= "z"):
            sdp.issues.append(SdpIssue(at, f"`{stripped[:20]}` is not an SDP field: a field is `<type>=<value>` "
                                           "with a lower-case letter as type (RFC 8866 §5)", len(stripped)))
            continue
        kind, value = stripped[0], stripped[2:]
        more = _FIELD_START.search(value)
        if more is not None and not (kind == "a" and _long_value(value)):
            sdp.issues.append(SdpIssue(at + 2 + more.start(), f"`{more.group(0)}` starts a new SDP field on the "
                                                               f"line of `{kind}=`: put each field on a line of "
                                                               "its own (RFC 8866 §5)", 2))
            value = value[:more.start()].rstrip()
        item = SdpField(kind, value, at)
        sdp.fields.append(item)
        order.append(kind)
        _check_field(item, sdp.issues)
    _check_order(sdp)
    return sdp


def _long_value(value: str) -> bool:
    """Attribute values that may contain ` x=` legitimately (fmtp parameters, e.g. `a=fmtp:96 mode=1`)."""
    return value.lower().startswith(("fmtp:", "rtcp-fb:", "ssrc:", "extmap:", "crypto:"))


def _check_order(sdp: Sdp) -> None:
    """RFC 8866 §5 order: session fields v o s i u e p c b t r z k a, then media sections m i c b k a;
    each property group starts with v= (H.248.1 7.1.8: o=, s= and t= may be left out)."""
    stage = "session"
    last = -1
    seen_v = False
    for item in sdp.fields:
        kind = item.type
        if kind == "v":
            stage, last, seen_v = "session", 0, True
            continue
        if not seen_v:
            sdp.issues.append(SdpIssue(item.offset, "SDP starts with `v=0` (RFC 8866 §5.1)"))
            seen_v = True
        if kind == "m":
            stage, last = "media", 0
            continue
        order = SESSION_ORDER if stage == "session" else MEDIA_ORDER
        place = order.find(kind)
        if place < 0:
            where = "in a media section (after m=)" if stage == "media" else "at session level"
            sdp.issues.append(SdpIssue(item.offset, f"`{kind}=` is not an SDP field {where} (RFC 8866 §5)"))
            continue
        repeat_ok = kind in "abcrt" or (kind == "z" and stage == "session")
        if place < last or (place == last and not repeat_ok):
            before = order[place + 1:]
            follower = next((f.type for f in sdp.fields if f.type in before and f.offset < item.offset
                             and f.offset > _group_start(sdp, item)), None)
            reason = f"after `{follower}=`" if follower else "here"
            sdp.issues.append(SdpIssue(item.offset, f"`{kind}=` is out of order {reason}: RFC 8866 §5 orders "
                                                    f"{'session' if stage == 'session' else 'media'} fields "
                                                    + " ".join(f"{c}=" for c in order)))
        last = max(last, place)


def _group_start(sdp: Sdp, item: SdpField) -> int:
    start = -1
    for f in sdp.fields:
        if f.offset >= item.offset:
            break
        if f.type in "vm":
            start = f.offset
    return start


def _check_field(item: SdpField, issues: list[SdpIssue]) -> None:
    value, at = item.value, item.value_offset
    kind = item.type
    if not value and kind != "s":
        issues.append(SdpIssue(item.offset, f"`{kind}=` has no value"))
        return
    if kind == "v" and value != "0":
        issues.append(SdpIssue(at, f"the SDP version is 0 (`v=0`), not `{value}` (RFC 8866 §5.1)", len(value)))
    elif kind == "o" and len(value.split()) != 6:
        issues.append(SdpIssue(at, "`o=` has six fields: username sess-id sess-version nettype addrtype "
                                   "unicast-address (RFC 8866 §5.2)", len(value)))
    elif kind == "c":
        _check_connection(value, at, issues)
    elif kind == "t":
        parts = value.split()
        if len(parts) != 2 or not all(p.isdigit() or p in _WILD for p in parts):
            issues.append(SdpIssue(at, "`t=` is `<start-time> <stop-time>`, two numbers (RFC 8866 §5.9)",
                                   len(value)))
    elif kind == "m":
        _check_media(value, at, issues)
    elif kind == "a":
        _check_attribute(item, issues)


def _check_connection(value: str, at: int, issues: list[SdpIssue]) -> None:
    parts = value.split(" ")
    if len(parts) != 3 or parts[0] not in ("IN", "$") or parts[1] not in ("IP4", "IP6", "$"):
        issues.append(SdpIssue(at, "`c=` is `IN IP4 <address>` or `IN IP6 <address>` (RFC 8866 §5.7); H.248 "
                                   "allows `$` for an address the MG chooses", len(value)))
        return
    address = parts[2].split("/")[0]
    if address in _WILD:
        return
    if parts[1] == "IP4" and not re.match(r"^(\d{1,3}\.){3}\d{1,3}$|^[A-Za-z0-9.\-]+$", address):
        issues.append(SdpIssue(at + len(parts[0]) + len(parts[1]) + 2, f"`{address}` is not an IPv4 address",
                               len(address)))
    if parts[1] == "IP6" and not re.match(r"^[0-9A-Fa-f:.]+$|^[A-Za-z0-9.\-]+$", address):
        issues.append(SdpIssue(at + len(parts[0]) + len(parts[1]) + 2, f"`{address}` is not an IPv6 address",
                               len(address)))
    if parts[1] == "IP4" and ":" in address:
        issues.append(SdpIssue(at, f"`{address}` is an IPv6 address but the line says IP4", len(value)))


def _check_media(value: str, at: int, issues: list[SdpIssue]) -> None:
    parts = value.split(" ")
    if len(parts) < 4 or "" in parts:
        issues.append(SdpIssue(at, "`m=` is `<media> <port> <proto> <fmt> …`, fields separated by single "
                                   "spaces (RFC 8866 §5.14)", len(value)))
        return
    media, port, proto = parts[0], parts[1], parts[2]
    if not _TOKEN.match(media):
        issues.append(SdpIssue(at, f"`{media}` is not a media type token", len(media)))
    port_at = at + len(media) + 1
    if not (port in _WILD or re.match(r"^\d{1,5}(/\d+)?$", port)):
        issues.append(SdpIssue(port_at, f"`{port}` is not a port (a number, or `$` for one the MG chooses)",
                               len(port)))
    elif port.split("/")[0].isdigit() and int(port.split("/")[0]) > 65535:
        issues.append(SdpIssue(port_at, f"port {port} is above 65535", len(port)))
    proto_at = port_at + len(port) + 1
    if proto not in PROTOCOLS:
        close = difflib.get_close_matches(proto, PROTOCOLS, n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        issues.append(SdpIssue(proto_at, f"`{proto}` is not a registered SDP transport protocol{hint}",
                               len(proto)))


def _check_attribute(item: SdpField, issues: list[SdpIssue]) -> None:
    name, value = item.attribute
    at = item.value_offset + len(name) + 1
    if not _TOKEN.match(name):
        issues.append(SdpIssue(item.value_offset, f"`{name}` is not an attribute name", len(name) or 1))
        return
    lower = name.lower()
    if lower == "setup" and value not in (*SETUP, "$"):
        issues.append(SdpIssue(at, f"a=setup is one of {', '.join(SETUP)} (RFC 4145 §4), not `{value}`",
                               len(value) or 1))
    elif lower == "connection" and value not in (*CONNECTION, "$"):
        issues.append(SdpIssue(at, f"a=connection is `new` or `existing` (RFC 4145 §5), not `{value}`",
                               len(value) or 1))
    elif lower == "fingerprint":
        for offset, message, length in fingerprint_problems(value):
            issues.append(SdpIssue(at + offset, message, length))


def fingerprint_problems(value: str) -> list[tuple[int, str, int]]:
    """Problems of an RFC 8122 fingerprint `sha-256 AB:CD:…`: (offset into value, message, length)."""
    hash_name, _, digest = value.partition(" ")
    if value in _WILD:
        return []
    if not digest:
        return [(0, "a fingerprint is `<hash> <hex pairs>`, e.g. `sha-256 AB:CD:…` (RFC 8122 §5)", len(value) or 1)]
    if hash_name.lower() not in HASH_BYTES:
        close = difflib.get_close_matches(hash_name.lower(), list(HASH_BYTES), n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        return [(0, f"`{hash_name}` is not a hash function name of RFC 8122 ({', '.join(HASH_BYTES)}){hint}",
                 len(hash_name))]
    at = len(hash_name) + 1
    pairs = digest.split(":")
    bad = next((i for i, p in enumerate(pairs) if not re.match(r"^[0-9A-Fa-f]{2}$", p)), None)
    if bad is not None:
        offset = at + sum(len(p) + 1 for p in pairs[:bad])
        return [(offset, f"`{pairs[bad]}` is not a pair of hex digits: the fingerprint is hex pairs joined by "
                         "`:` (RFC 8122 §5)", max(len(pairs[bad]), 1))]
    problems: list[tuple[int, str, int]] = []
    if digest != digest.upper():
        problems.append((at, "the fingerprint's hex digits are upper case (RFC 8122 §5: UHEX)", len(digest)))
    want = HASH_BYTES[hash_name.lower()]
    if len(pairs) != want:
        problems.append((at, f"a {hash_name} fingerprint has {want} bytes, this one has {len(pairs)}",
                         len(digest)))
    return problems
