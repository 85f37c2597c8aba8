"""Clauses 3-13 and 15-17 of the H.248.1 profile template, plus the per-termination mode of operation."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from profilekit.model.base import Example, Identifier, Name, Strict, Text

Command = Literal["Add", "Modify", "Subtract", "Move", "AuditValue", "AuditCapabilities", "Notify",
                  "ServiceChange"]
Descriptor = Literal[
    "Modem", "Mux", "Media", "TerminationState", "Stream", "LocalControl", "Local", "Remote", "Events",
    "EventBuffer", "Signals", "Audit", "Packages", "DigitMap", "ServiceChange", "ObservedEvents",
    "Statistics", "Topology", "Error", "ContextAttribute"]
COMMANDS: tuple[str, ...] = ("Add", "Modify", "Subtract", "Move", "AuditValue", "AuditCapabilities",
                             "Notify", "ServiceChange")


class ProtocolVersion(Strict):
    """Clause 3 - Gateway control protocol version."""

    version: Annotated[int, Field(ge=1, le=3)] = 3
    """H.248.1 version the profile requires (1, 2 or 3)."""
    notes: Text | None = None
    """Further text for the clause."""


class ConnectionModel(Strict):
    """Clause 4 - Connection model."""

    max_contexts: Annotated[int, Field(ge=1)] | None = None
    """Maximum number of contexts; `null` when the profile sets no limit (left out: not specified)."""
    max_terminations_per_context: Annotated[int, Field(ge=1)]
    """Maximum number of terminations in one context."""
    topologies: list[Literal["bothway", "isolate", "oneway", "onewayexternal", "onewayboth"]] = []
    """Allowed topology descriptor values; empty when the Topology descriptor is not used."""
    tcp_mode_for_tls: Literal["proxy"] = "proxy"
    """A context with a TLS endpoint always runs the MG in TCP proxy mode (H.248.TLSPROF R-6/2)."""
    notes: Text | None = None
    """Further text for the clause."""


class ContextAttribute(Strict):
    name: Name
    """Context attribute, e.g. `Priority`, `Emergency`, `IEPSCallind`."""
    supported: bool
    """Whether the profile supports the attribute."""
    values: list[Name] = []
    """Allowed values, where restricted."""
    notes: Text | None = None
    """Further text."""


class ContextAttributes(Strict):
    """Clause 5 - Context attributes."""

    attributes: list[ContextAttribute] = []
    """The context attributes and their support."""
    notes: Text | None = None
    """Further text for the clause."""


class ModeOfOperation(Strict):
    """Guideline clause 6: how the MGC sets TCP mode, TCP role and TLS role of this termination's streams."""

    tcp_mode: Literal["proxy_application_agnostic", "proxy_application_aware", "relay"]
    """MG TCP mode for this termination's context (TLS requires a proxy mode)."""
    tcp_roles: Annotated[list[Literal["client", "server"]], Field(min_length=1)]
    """TCP connection roles the MGC may give a stream endpoint of this type."""
    tls_roles: list[Literal["client", "server"]] = []
    """TLS roles the MGC may give (empty for plain TCP); set independently of the TCP role."""
    tls_domains: list[Identifier] = []
    """TLS domains that may be selected on this termination type."""


class Stream(Strict):
    id: Annotated[int, Field(ge=1)] = 1
    """StreamID (1 for single-stream terminations)."""
    media: Literal["audio", "video", "data", "application", "message", "text", "control", "other"] = "message"
    """Media type of the stream (SDP `m=` media)."""
    bearer: Literal["udp", "tcp", "tcp_tls", "sctp", "udp_dtls", "rtp_avp", "rtp_savp"]
    """Transport of the stream: `tcp_tls` is TCP with TLS terminated in the MG."""
    application: Name | None = None
    """Application protocol carried, e.g. `MSRP`, `BFCP`."""
    sdp_protocol: Name | None = None
    """SDP `m=` proto field, e.g. `TCP/TLS/MSRP` or `TCP/MSRP`."""


class TerminationType(Strict):
    """One termination type of clause 6 - Terminations."""

    id: Identifier
    """Short name of the termination type, referenced in procedures and documents."""
    kind: Literal["physical", "ephemeral"]
    """`physical` or `ephemeral` termination."""
    naming_pattern: Name
    """TerminationID pattern; `*` and `$` are the H.248.1 wildcards (e.g. `ip/tls/$`)."""
    description: Text | None = None
    """What the termination type stands for."""
    streams: Annotated[list[Stream], Field(min_length=1)]
    """The streams of a termination of this type."""
    mode: ModeOfOperation | None = None
    """Required for termination types with a TCP or TCP/TLS stream."""


class Terminations(Strict):
    """Clause 6 - Terminations."""

    types: Annotated[list[TerminationType], Field(min_length=1)]
    """The termination types of the profile."""
    notes: Text | None = None
    """Further text for the clause."""


class DescriptorSupport(Strict):
    descriptor: Descriptor
    """H.248.1 descriptor name."""
    support: Literal["mandatory", "optional", "not_used"]
    """`mandatory`, `optional` or `not_used` in this profile."""
    notes: Text | None = None
    """Restrictions or remarks."""


class ServiceChangeUse(Strict):
    methods: list[Literal["Graceful", "Forced", "Restart", "Disconnected", "Handoff", "Failover"]] = []
    """ServiceChangeMethods used."""
    reasons: list[Annotated[str, StringConstraints(pattern=r"^9\d\d( .*)?$")]] = []
    """ServiceChangeReason codes used, e.g. `901 Cold Boot`."""


class CommandUse(Strict):
    """Clause 8 - one entry per command."""

    command: Command
    """H.248.1 command name."""
    used: bool
    """Whether the profile uses the command."""
    direction: Literal["MGC_to_MG", "MG_to_MGC", "both"] = "MGC_to_MG"
    """Who sends the command."""
    descriptors: list[Descriptor] = []
    """Descriptors the command may carry in this profile."""
    wildcards: Literal["none", "choose", "all", "choose_and_all"] = "none"
    """Which TerminationID wildcards the command accepts: CHOOSE ($), ALL (*)."""
    service_change: ServiceChangeUse | None = None
    """ServiceChange methods and reasons (for the ServiceChange command)."""
    notes: Text | None = None
    """Restrictions or remarks."""


class Encoding(Strict):
    """Clause 9 - Generic command syntax and encoding."""

    formats: Annotated[list[Literal["text", "binary"]], Field(min_length=1)]
    """`text` (Annex B) and/or `binary` (Annex A) encoding."""
    notes: Text | None = None
    """Further text for the clause."""


class Timer(Strict):
    name: Name
    """Base Root package property, e.g. `root/normalMGExecutionTime`."""
    value_ms: Annotated[int, Field(ge=0)]
    """Timer value in milliseconds."""
    provisioned: bool = True
    """Whether the value is provisioned (true) or set by the MGC."""


class Transactions(Strict):
    """Clause 10 - Transactions."""

    max_commands_per_transaction: Annotated[int, Field(ge=1)] | None = None
    """Maximum commands in one transaction; `null` when not limited (left out: not specified)."""
    max_transactions_per_message: Annotated[int, Field(ge=1)] | None = None
    """Maximum transactions in one message; `null` when not limited (left out: not specified)."""
    timers: list[Timer] = []
    """Transaction timers and their values."""
    notes: Text | None = None
    """Further text for the clause."""


class Messages(Strict):
    """Clause 11 - Messages."""

    mid_format: Literal["ipv4", "ipv6", "domain_name", "device_name", "mtp_address"]
    """Format of the message identifier (mId)."""
    max_size_octets: Annotated[int, Field(ge=1)] | None = None
    """Maximum message size in octets; `null` when not limited (left out: not specified)."""
    notes: Text | None = None
    """Further text for the clause."""


class Transport(Strict):
    """Clause 12 - Transport of the control link."""

    protocols: Annotated[list[Literal["udp", "tcp", "sctp", "m3ua", "tls"]], Field(min_length=1)]
    """Transports of the control link (UDP, TCP, SCTP, M3UA, TLS)."""
    segmentation: bool = False
    """Whether H.248.1 Annex D segmentation (SegmentReply) is supported."""
    notes: Text | None = None
    """Further text for the clause."""


class Security(Strict):
    """Clause 13 - Security of the control link (not the bearer)."""

    control_link: Literal["none", "ipsec", "tls", "dtls"]
    """Protection of the H.248 control link: `none`, `ipsec`, `tls` or `dtls`."""
    notes: Text | None = None
    """Further text for the clause."""


class SdpElement(Strict):
    """An SDP line or Annex C information element supported by the profile (clauses 15 and 16)."""

    element: Name
    """The SDP line as written, e.g. `a=setup`, `a=fingerprint`, `m=`."""
    values: list[Name] = []
    """Allowed values or forms, e.g. `active`, `passive`, `TCP/TLS/MSRP`."""
    usage: Text | None = None
    """How the profile uses the element."""
    reference: Name | None = None
    """Reference id of the specification of the element."""


class ProcedureStep(Strict):
    step: Text
    """What happens, in one sentence."""
    command: Example | None = None
    """Example H.248 command (text encoding)."""
    reply: Example | None = None
    """Example reply."""


class Procedure(Strict):
    """Clause 17 - one procedure, as named steps with example commands and replies."""

    id: Identifier
    """Short name of the procedure."""
    title: Text
    """Title of the procedure's sub-clause."""
    description: Text | None = None
    """What the procedure achieves."""
    steps: Annotated[list[ProcedureStep], Field(min_length=1)]
    """The steps, in order."""
