"""GL5xx guideline clauses 8.4-8.10: renegotiation trigger, termination event and reasons, statistics,
capability audit and performance."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from profilekit.load.loaded import LoadedProfile
from profilekit.load.source import YamlPath
from profilekit.rules import facts
from profilekit.rules.base import ERROR, INFO, WARNING, Issue, Rule, rule
from profilekit.rules.facts import Element, resolve
from profilekit.rules.guideline.bindings import BINDINGS, binding_issues, check_binding


def _when_renegotiation(loaded: LoadedProfile) -> str | None:
    ids = [p.id for p in loaded.profile.tls.profiles if p.renegotiates]
    return f"TLS profile {', '.join(ids)} supports renegotiation" if ids else None


@rule(code="GL501", title="The renegotiation trigger is bound to a package signal or property", severity=ERROR,
      refs=("R-8.4/2",),
      rationale="The MGC must be able to tell the MG whether and when to start a renegotiation, with a signal or "
                "property.",
      fix="Bind `tls.bindings.renegotiation_trigger` (e.g. `tlsbsc/reneg`), or set `renegotiation.supported: false`.",
      passing="renegotiation_trigger: tlsbsc/reneg\n",
      failing="# renegotiation: {supported: true}, and no renegotiation_trigger binding\n")
def renegotiation_trigger_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "renegotiation_trigger", capability="the renegotiation trigger",
                              kinds=("signal", "property"), required=_when_renegotiation)


@rule(code="GL502", title="An MGC renegotiation trigger needs renegotiation support", severity=ERROR,
      refs=("R-8.4/2",),
      rationale="`mgc_trigger: true` says the MGC instructs the MG to renegotiate, which contradicts "
                "`supported: false`.",
      fix="Set `renegotiation.supported: true`, or `mgc_trigger: false`.",
      passing="renegotiation: {supported: true, mgc_trigger: true}\n",
      failing="renegotiation: {supported: false, mgc_trigger: true}\n")
def trigger_needs_renegotiation(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if tp.renegotiation is not None and tp.renegotiation.mgc_trigger and not tp.renegotiation.supported:
            yield Issue(message=f"TLS profile {tp.id!r}: `mgc_trigger: true` but renegotiation is not supported",
                        path=facts.tls_profile_path(i, "renegotiation", "mgc_trigger"))


_TERMINATION = ("R-8.5.1/1", "R-8.5.2/1", "R-8.5.3/1", "R-8.6/1", "R-8.4/4")

_REASONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("close_notify", ("R-8.5.1/1",)),
    ("fatal_alert", ("R-8.5.2/1",)),
    ("local_termination", ("R-8.5.3/1", "R-8.4/4")),
    ("handshake_failure", ("R-8.6/1",)),
)

_EVENT: YamlPath = (*BINDINGS, "tls_termination_event")


def _reason_parameter(found: Element, name: str) -> tuple[int, Any] | None:
    for i, param in enumerate(found.item.observed_parameters):
        if param.id == name:
            return i, param
    return None


@rule(code="GL510", title="The TLS termination event is bound with its reason parameter", severity=ERROR,
      refs=_TERMINATION,
      rationale="The MG notifies the MGC of every TLS session termination, with the reason, in an H.248 event "
                "whose ObservedEvents parameter carries the reason.",
      fix="Bind `tls.bindings.tls_termination_event: {element: <pkg/event>, reason_parameter: <param>, "
          "reasons: {...}}`.",
      passing="tls_termination_event: {element: tlsbsc/term, reason_parameter: reason, reasons: {...}}\n",
      failing="tls_termination_event: {element: tlsbsc/term, reason_parameter: cause, reasons: {...}}\n")
def termination_event_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    binding = loaded.profile.tls.bindings.tls_termination_event
    if binding is None:
        if facts.tls_terminations(loaded):
            yield Issue(message="no binding for the TLS termination event; add `tls.bindings.tls_termination_event`",
                        path=BINDINGS, key=True)
        return
    issues = list(check_binding(loaded, _EVENT, binding, "the TLS termination event", ("event",)))
    yield from issues
    if issues:
        return
    found = resolve(loaded, binding.element)
    assert isinstance(found, Element)
    if _reason_parameter(found, binding.reason_parameter) is None:
        names = [p.id for p in found.item.observed_parameters]
        yield Issue(message=f"{found.ref} has no ObservedEvents parameter {binding.reason_parameter!r} "
                            f"(it has: {', '.join(names) or 'none'})", path=(*_EVENT, "reason_parameter"))


@rule(code="GL511", title="Termination reasons cover close_notify, fatal alert, local end and handshake failure",
      severity=ERROR, refs=_TERMINATION,
      rationale="The guideline requires the MGC to learn why a session ended: a close_notify (8.5.1), a fatal "
                "alert (8.5.2), a local decision (8.5.3, also after a failed renegotiation) or a failed "
                "handshake (8.6).",
      fix="Map each reason class to a value of the reason parameter under `reasons:`.",
      passing="reasons: {close_notify: close_notify, fatal_alert: fatal_alert, local_termination: local, "
              "handshake_failure: handshake}\n",
      failing="reasons: {close_notify: close_notify, fatal_alert: fatal_alert}\n")
def termination_reasons_cover(loaded: LoadedProfile) -> Iterator[Issue]:
    binding = loaded.profile.tls.bindings.tls_termination_event
    if binding is None:
        return
    for reason, refs in _REASONS:
        if reason not in binding.reasons:
            yield Issue(message=f"the TLS termination event reports no reason for {reason.replace('_', ' ')} "
                                f"(add `{reason}: <value>`)", path=(*_EVENT, "reasons"), key=True, refs=refs)


@rule(code="GL512", title="Termination reasons are values of the reason parameter", severity=ERROR,
      refs=_TERMINATION,
      rationale="The MGC recognises a reason by the value the MG reports; a value the parameter cannot take "
                "is never reported.",
      fix="Use one of the reason parameter's values, or add the value to the package's parameter.",
      passing="reasons: {fatal_alert: fatal_alert}   # reason values: [close_notify, fatal_alert, ...]\n",
      failing="reasons: {fatal_alert: alert}   # reason values: [close_notify, fatal_alert, ...]\n")
def termination_reason_values(loaded: LoadedProfile) -> Iterator[Issue]:
    binding = loaded.profile.tls.bindings.tls_termination_event
    if binding is None:
        return
    found = resolve(loaded, binding.element)
    if not isinstance(found, Element) or found.kind != "event":
        return
    hit = _reason_parameter(found, binding.reason_parameter)
    if hit is None or not hit[1].values:
        return
    allowed = [str(v) for v in hit[1].values]
    refs_of = dict(_REASONS)
    for reason, value in binding.reasons.items():
        if str(value) not in allowed:
            yield Issue(message=f"reason {reason}: {value!r} is not a value of {found.ref} parameter "
                                f"{binding.reason_parameter!r} (values: {', '.join(allowed)})",
                        path=(*_EVENT, "reasons", reason), refs=refs_of.get(reason, _TERMINATION))


@rule(code="GL520", title="TLS statistics are bound to package statistics", severity=ERROR, refs=("R-8.7/1",),
      rationale="The MG collects TLS statistics; the profile lists which package statistics they are.",
      fix="List the statistics under `tls.bindings.statistics`, e.g. `[tlsbsc/hsok, tlsbsc/hsfail]`.",
      passing="statistics: [tlsbsc/hsok, tlsbsc/hsfail]\n",
      failing="statistics: [tlsbsc/hsok, tlsbsc/term]   # term is an event\n")
def statistics_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    stats = loaded.profile.tls.bindings.statistics
    if not stats:
        if facts.tls_terminations(loaded):
            stated = facts.stated(loaded, (*BINDINGS, "statistics"))
            yield Issue(message="no TLS statistics are listed (`tls.bindings.statistics`)",
                        path=(*BINDINGS, "statistics") if stated else BINDINGS, key=True)
        return
    for i, binding in enumerate(stats):
        yield from check_binding(loaded, (*BINDINGS, "statistics", i), binding, "a TLS statistic", ("statistic",))


@rule(code="GL521", title="The MGC can retrieve the TLS statistics", severity=ERROR, refs=("R-8.7/2",),
      rationale="Statistics are retrieved in the Statistics descriptor (AuditValue, or the reply to Subtract); "
                "a profile that does not use that descriptor, or neither command, cannot deliver them.",
      fix="Support the Statistics descriptor and use Subtract or AuditValue with the Audit descriptor.",
      passing="descriptors: [{descriptor: Statistics, support: mandatory}]\n"
              "commands: [{command: Subtract, used: true, descriptors: [Audit]}]\n",
      failing="descriptors: [{descriptor: Statistics, support: not_used}]\n")
def statistics_retrievable(loaded: LoadedProfile) -> Iterator[Issue]:
    if not loaded.profile.tls.bindings.statistics:
        return
    for i, desc in enumerate(loaded.profile.descriptors):
        if desc.descriptor == "Statistics" and desc.support == "not_used":
            yield Issue(message="TLS statistics are listed but the Statistics descriptor is `not_used`",
                        path=("descriptors", i, "support"))
    usable = [c for c in loaded.profile.commands if c.used and c.command in ("Subtract", "AuditValue")]
    if not usable:
        yield Issue(message="neither Subtract nor AuditValue is used, so the MGC cannot retrieve statistics",
                    path=("commands",), key=True)


_AUDITED = (("versions", "TLS versions", ("R-8.9/1",)), ("cipher_suites", "cipher suites", ("R-8.9/1",)),
            ("compression", "compression methods", ("R-8.9/1",)), ("resumption", "resumption support", ("R-8.9/1",)),
            ("renegotiation", "renegotiation support", ("R-8.9/1", "R-8.4/1")))

_AUDIT: YamlPath = (*BINDINGS, "capability_audit")


@rule(code="GL530", title="TLS capabilities are auditable properties", severity=ERROR,
      refs=("R-8.9/1", "R-8.4/1"),
      rationale="The MGC audits the MG's TLS capabilities: supported versions, cipher suites, compression "
                "methods, resumption and renegotiation support, each a (read-only) property. Renegotiation "
                "support is left out when every TLS profile is TLS 1.3-only: TLS 1.3 has no renegotiation "
                "(KeyUpdate instead), so there is nothing to audit.",
      fix="Bind each item of `tls.bindings.capability_audit` to a capability property, e.g. `tlscap/versions`.",
      passing="capability_audit: {versions: tlscap/versions, cipher_suites: tlscap/suites, compression: "
              "tlscap/compr, resumption: tlscap/resum, renegotiation: tlscap/reneg}\n",
      failing="capability_audit: {versions: tlscap/versions}\n")
def capabilities_auditable(loaded: LoadedProfile) -> Iterator[Issue]:
    audit = loaded.profile.tls.bindings.capability_audit
    if audit is None:
        yield Issue(message="no TLS capability audit properties (`tls.bindings.capability_audit`)",
                    path=BINDINGS, key=True)
        return
    tls13_only = not facts.any_profile(loaded, facts.offers_pre_tls13)
    for name, what, refs in _AUDITED:
        binding = getattr(audit, name)
        if binding is None and name == "renegotiation" and tls13_only:
            continue
        if binding is None:
            yield Issue(message=f"the MGC cannot audit {what}: add `capability_audit.{name}`", path=_AUDIT,
                        key=True, refs=refs)
            continue
        for issue in check_binding(loaded, (*_AUDIT, name), binding, f"audit of {what}", ("property",)):
            yield Issue(message=issue.message, path=issue.path, key=issue.key, package=issue.package, refs=refs)


@rule(code="GL531", title="Capability properties are read-only", severity=WARNING, refs=("R-8.9/1",),
      rationale="Capabilities describe the MG; the MGC audits them and cannot set them, so the package "
                "defines them read-only.",
      fix="Mark the property `readonly: true` in its package.",
      passing="properties: [{id: versions, type: sub_list, readonly: true}]\n",
      failing="properties: [{id: versions, type: sub_list}]\n")
def capabilities_read_only(loaded: LoadedProfile) -> Iterator[Issue]:
    audit = loaded.profile.tls.bindings.capability_audit
    if audit is None:
        return
    seen: set[str] = set()
    for name, _, _ in _AUDITED:
        binding = getattr(audit, name)
        found = resolve(loaded, binding.element) if binding is not None else None
        if isinstance(found, Element) and found.kind == "property" and not found.item.readonly \
                and found.ref not in seen:
            seen.add(found.ref)
            yield Issue(message=f"{found.ref} is audited as a capability but is not `readonly: true`",
                        path=(*found.path, "id"), package=found.package)


def _command(loaded: LoadedProfile, name: str) -> tuple[int, Any] | None:
    return next(((i, c) for i, c in enumerate(loaded.profile.commands) if c.command == name), None)


@rule(code="GL532", title="Capabilities can be audited with AuditCapabilities or AuditValue", severity=ERROR,
      refs=("R-8.9/1", "R-8.4/1"),
      rationale="Binding capability properties is not enough: the profile must use a command that audits them.",
      fix="Set `used: true` on AuditCapabilities (or AuditValue) with the Audit descriptor.",
      passing="commands: [{command: AuditCapabilities, used: true, descriptors: [Audit]}]\n",
      failing="commands: [{command: AuditCapabilities, used: false}, {command: AuditValue, used: false}]\n")
def audit_command_available(loaded: LoadedProfile) -> Iterator[Issue]:
    if loaded.profile.tls.bindings.capability_audit is None:
        return
    used = [c for c in loaded.profile.commands if c.used and c.command in ("AuditCapabilities", "AuditValue")]
    if not used:
        hit = _command(loaded, "AuditCapabilities")
        path: YamlPath = ("commands", hit[0], "used") if hit else ("commands",)
        yield Issue(message="TLS capabilities are bound but neither AuditCapabilities nor AuditValue is used",
                    path=path, key=hit is None)


@rule(code="GL540", title="TLS profiles state the performance they are dimensioned for", severity=INFO,
      refs=("R-8.10/1",),
      rationale="Key exchange, compression and resumption drive the per-session cost in the MG; the guideline "
                "recommends that a TLS profile takes it into account.",
      fix="Add `performance: {max_handshakes_per_second: ..., notes: ...}` to the TLS profile.",
      passing="performance: {max_handshakes_per_second: 500}\n",
      failing="# no performance section\n")
def performance_stated(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if tp.performance is None:
            yield Issue(message=f"TLS profile {tp.id!r} states no performance expectations (handshakes per "
                                "second, sessions)", path=facts.tls_profile_path(i, "id"))


RULES: tuple[Rule, ...] = (
    renegotiation_trigger_bound, trigger_needs_renegotiation, termination_event_bound, termination_reasons_cover,
    termination_reason_values, statistics_bound, statistics_retrievable, capabilities_auditable,
    capabilities_read_only, audit_command_available, performance_stated,
)
"""Every rule this module declares, for the registry."""
