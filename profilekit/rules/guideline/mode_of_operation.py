"""GL1xx guideline clause 6, mode of operation: TCP proxy mode for TLS terminations, stated TLS roles
and domains, and the bindings for TCP mode, TCP and TLS role, TCP set-up and TCP closure."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from profilekit.load.loaded import LoadedProfile
from profilekit.rules import facts
from profilekit.rules.base import ERROR, WARNING, Issue, Rule, rule
from profilekit.rules.guideline.bindings import binding_issues, when_tcp, when_tls


def _types(loaded: LoadedProfile) -> Iterator[tuple[int, Any]]:
    yield from enumerate(loaded.profile.terminations.types)


@rule(code="GL101", title="TLS termination types use a TCP proxy mode", severity=ERROR, refs=("R-6/2",),
      rationale="TLS terminates in the MG, so the MG must read the TCP byte stream: a context with a TLS "
                "endpoint runs in TCP proxy mode, never relay.",
      fix="Set `mode.tcp_mode` to `proxy_application_agnostic` or `proxy_application_aware`.",
      passing="streams: [{bearer: tcp_tls}]\nmode: {tcp_mode: proxy_application_agnostic, ...}\n",
      failing="streams: [{bearer: tcp_tls}]\nmode: {tcp_mode: relay, ...}\n")
def tls_types_use_proxy(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, ttype in _types(loaded):
        if facts.has_tls(ttype) and ttype.mode is not None and ttype.mode.tcp_mode == "relay":
            yield Issue(message=f"termination type {ttype.id!r} carries TLS but is in TCP relay mode; TLS "
                                "requires a TCP proxy mode", path=("terminations", "types", i, "mode", "tcp_mode"))


@rule(code="GL102", title="TCP termination types of a TLS profile use a proxy mode", severity=WARNING,
      refs=("R-6/2",),
      rationale="One TLS endpoint puts the whole context in TCP proxy mode; a plain TCP termination type "
                "that may share a context with a TLS one cannot be in relay mode there.",
      fix="Use a proxy mode, or say in the notes why this type never shares a context with a TLS type.",
      passing="types: [{id: tls, streams: [{bearer: tcp_tls}]}, {id: tcp, mode: {tcp_mode: "
              "proxy_application_agnostic}}]\n",
      failing="types: [{id: tls, streams: [{bearer: tcp_tls}]}, {id: tcp, mode: {tcp_mode: relay}}]\n")
def tcp_types_use_proxy(loaded: LoadedProfile) -> Iterator[Issue]:
    tls_types = [t.id for _, t in _types(loaded) if facts.has_tls(t)]
    if not tls_types:
        return
    for i, ttype in _types(loaded):
        if not facts.has_tls(ttype) and facts.has_tcp(ttype) and ttype.mode is not None \
                and ttype.mode.tcp_mode == "relay":
            yield Issue(message=f"termination type {ttype.id!r} is in TCP relay mode, but in a context with "
                                f"a TLS termination ({', '.join(tls_types)}) the MG must be a TCP proxy",
                        path=("terminations", "types", i, "mode", "tcp_mode"))


@rule(code="GL103", title="TCP and TLS termination types state their mode of operation", severity=ERROR,
      refs=("R-6/1",),
      rationale="The MGC controls TCP mode, TCP role and TLS role of every TCP/TLS stream endpoint; the "
                "profile must say which apply to each termination type.",
      fix="Add `mode: {tcp_mode: ..., tcp_roles: [...], tls_roles: [...], tls_domains: [...]}`.",
      passing="- id: access_tls\n  streams: [{bearer: tcp_tls}]\n  mode: {tcp_mode: proxy_application_agnostic, "
              "tcp_roles: [client, server], tls_roles: [client, server], tls_domains: [access]}\n",
      failing="- id: access_tls\n  streams: [{bearer: tcp_tls}]\n")
def mode_stated(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, ttype in _types(loaded):
        if facts.has_tcp(ttype) and ttype.mode is None:
            yield Issue(message=f"termination type {ttype.id!r} has a TCP/TLS stream but no `mode` (TCP mode, "
                                "TCP roles, TLS roles)", path=("terminations", "types", i, "id"))


@rule(code="GL104", title="TLS termination types state TLS roles and TLS domains", severity=ERROR,
      refs=("R-6/1", "R-8.1/1", "R-8.2/1"),
      rationale="For each TLS stream endpoint the MGC sets a TLS role and a TLS domain; the profile says "
                "which roles and domains a termination type may get.",
      fix="List `mode.tls_roles` (client, server) and `mode.tls_domains` (names from `tls.domains`).",
      passing="mode: {tls_roles: [server, client], tls_domains: [access_ue]}\n",
      failing="mode: {tls_roles: [], tls_domains: []}\n")
def tls_roles_and_domains_stated(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, ttype in _types(loaded):
        if not facts.has_tls(ttype) or ttype.mode is None:
            continue
        base = ("terminations", "types", i, "mode")
        for field, ref in (("tls_roles", "R-8.2/1"), ("tls_domains", "R-8.1/1")):
            if not getattr(ttype.mode, field):
                stated = facts.stated(loaded, (*base, field))
                yield Issue(message=f"termination type {ttype.id!r} carries TLS but lists no {field}",
                            path=(*base, field) if stated else base, key=not stated, refs=("R-6/1", ref))


@rule(code="GL105", title="Termination types name TLS domains that exist", severity=ERROR,
      refs=("R-8.1/1", "R-8.1/2"),
      rationale="The MGC selects a TLS domain of `tls.domains` for the endpoint; a name that is not "
                "defined there selects no TLS profile.",
      fix="Use a name from `tls.domains`, or define the domain.",
      passing="terminations: {types: [{mode: {tls_domains: [access_ue]}}]}\ntls: {domains: [{name: access_ue}]}\n",
      failing="terminations: {types: [{mode: {tls_domains: [acces_ue]}}]}\ntls: {domains: [{name: access_ue}]}\n")
def named_domains_exist(loaded: LoadedProfile) -> Iterator[Issue]:

    names = [d.name for d in loaded.profile.tls.domains]
    for i, ttype in _types(loaded):
        for j, name in enumerate(ttype.mode.tls_domains if ttype.mode else []):
            if name not in names:
                hint = difflib.get_close_matches(name, names, n=1)
                yield Issue(message=f"termination type {ttype.id!r} names TLS domain {name!r}, which "
                                    "`tls.domains` does not define" + (f"; did you mean {hint[0]!r}?" if hint else ""),
                            path=("terminations", "types", i, "mode", "tls_domains", j))


@rule(code="GL106", title="The TCP mode property is bound to a package property", severity=ERROR,
      refs=("R-6/1", "R-6/2"),
      rationale="The MGC sets the MG's TCP proxy/relay mode with an H.248 property; with TLS it must be able to "
                "select proxy.",
      fix="Bind `tls.bindings.tcp_mode` to the TCP mode property, e.g. `{element: tcpbcc/mode, values: {proxy: "
          "proxy}}`.",
      passing="tcp_mode: {element: tcpbcc/mode, values: {proxy: proxy, relay: relay}}\n",
      failing="tcp_mode: {element: tcpbcc/mode, values: {relay: relay}}\n")
def tcp_mode_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "tcp_mode", capability="the TCP mode property", kinds=("property",),
                              needs=("proxy",), required=when_tcp)


@rule(code="GL107", title="The TCP role property is bound to a package property", severity=ERROR,
      refs=("R-6/1",),
      rationale="The MGC sets the TCP client/server role of every TCP stream endpoint.",
      fix="Bind `tls.bindings.tcp_role` to the TCP role property with values for client and server.",
      passing="tcp_role: {element: tcpbcc/role, values: {client: client, server: server}}\n",
      failing="tcp_role: tcpbcc/closed   # an event, not a property\n")
def tcp_role_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "tcp_role", capability="the TCP role property", kinds=("property",),
                              needs=("client", "server"), required=when_tcp)


@rule(code="GL108", title="The TLS role property is bound to a package property", severity=ERROR,
      refs=("R-6/1", "R-8.2/1", "R-8.2/2", "R-8.2/3"),
      rationale="The MG takes its TLS client or server role from an H.248 property set by the MGC, independently of "
                "the TCP role and of SDP a=setup; both roles must be selectable.",
      fix="Bind `tls.bindings.tls_role` to the TLS role property and map `client` and `server` to its values.",
      passing="tls_role: {element: tlsbsc/role, values: {client: client, server: server}}\n",
      failing="tls_role: {element: tlsbsc/role, values: {server: server}}\n")
def tls_role_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "tls_role", capability="the TLS role property", kinds=("property",),
                              needs=("client", "server"), required=when_tls)


@rule(code="GL109", title="TCP connection set-up control is bound to a package signal or property", severity=ERROR,
      refs=("R-6/3",),
      rationale="The MGC controls when the MG opens or accepts the TCP connection.",
      fix="Bind `tls.bindings.tcp_setup` to the signal or property that triggers or permits set-up.",
      passing="tcp_setup: tcpbcc/estab\n",
      failing="tcp_setup: tcpbcc/octsent   # a statistic\n")
def tcp_setup_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "tcp_setup", capability="TCP connection set-up control",
                              kinds=("signal", "property"), required=when_tcp)


@rule(code="GL110", title="The TCP closure event is bound to a package event", severity=ERROR,
      refs=("R-6/5",),
      rationale="The MG reports TCP connection closure (e.g. a received FIN) to the MGC with an H.248 event.",
      fix="Bind `tls.bindings.tcp_closure_event` to the event that reports TCP closure, e.g. `tcpbcc/closed`.",
      passing="tcp_closure_event: tcpbcc/closed\n",
      failing="tcp_closure_event: tcpbcc/close\n")
def tcp_closure_event_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "tcp_closure_event", capability="the TCP closure event", kinds=("event",),
                              required=when_tcp)


RULES: tuple[Rule, ...] = (
    tls_types_use_proxy, tcp_types_use_proxy, mode_stated, tls_roles_and_domains_stated, named_domains_exist,
    tcp_mode_bound, tcp_role_bound, tls_role_bound, tcp_setup_bound, tcp_closure_event_bound,
)
"""Every rule this module declares, for the registry."""
