"""Negotiation checks against a running server: the highest version and the most preferred suite, the
whole suite order per version, suites and groups outside the profile refused, versions left out refused.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from profilekit.catalog.groups import GROUPS
from profilekit.export.openssl.local import local_suites
from profilekit.export.selftest.peers import CLI_VERSION_FLAG, LEVEL0, Outcome, cli_client, py_client
from profilekit.export.selftest.plan import Plan, explain_suite, suite_name
from profilekit.export.selftest.results import CLI, PY, DomainResult

#: Groups (OpenSSL names) a client offers to see groups outside the profile refused.
PROBE_GROUPS: tuple[str, ...] = tuple(GROUPS[name].openssl for name in (
    "x25519", "secp256r1", "secp384r1", "secp521r1", "x448", "ffdhe2048", "ffdhe3072"))


@dataclass
class Session:
    """One running server and how to reach it: `hello(version, suites, ...)` runs one handshake."""

    plan: Plan
    port: int
    timeout: float
    cli_auth: list[str]
    py_kw: dict[str, Any]
    log: Path | None = None
    """The libssl server's log (None for `openssl s_server`): its `FAIL <reason>` lines say why it refused."""

    def __post_init__(self) -> None:
        self.good_auth = list(self.cli_auth)

    def refused(self, attempt: Callable[[], tuple[Outcome, str]], *, alerts: tuple[str, ...],
                server: tuple[str, ...] = ()) -> tuple[bool, str, str]:
        """Run `attempt` and judge whether the server refused it as expected: (ok, detail, engine).

        A refusal counts only when the connection was made and the TLS handshake failed at the server's
        hand — the client got one of the `alerts`, or (libssl server) the server logged a failure whose
        reason contains one of `server` — and the server still completes a handshake with a correct client
        right after. A dead server, a closed port or a timeout is not a refusal.
        """
        mark = self.log.stat().st_size if self.log is not None else 0
        out, engine = attempt()
        if out.ok:
            return False, f"the server accepted it: {suite_name(self.plan, out.cipher)} at {out.version}", engine
        if not out.reached or "timed out" in out.error:
            return False, f"not a refusal: {out.error or 'no answer'}", engine
        why = f"alert {out.alert}" if out.alert else ""
        if out.alert is not None and out.alert not in alerts:
            return False, (f"unexpected refusal: alert {out.alert}, expected "
                           + " or ".join(alerts) + f" ({out.error})"), engine
        if self.log is not None:
            time.sleep(0.05)  # the server writes its line once the client has gone
            logged = [line[5:] for line in self.log.read_bytes()[mark:].decode(errors="replace").splitlines()
                      if line.startswith("FAIL ")]
            match = [line for line in logged if any(p in line for p in server)] if server else logged
            if not match:
                return False, ("the server logged no " + (" or ".join(repr(p) for p in server) if server else "failure")
                               + f" for the attempt (client: {out.error}; server: {'; '.join(logged) or 'nothing'})"
                               ), engine
            why = (why + "; " if why else "") + f"server: {match[0]}"
        elif out.alert is None:
            return False, f"no TLS alert from the server ({out.error})", engine
        self.cli_auth, saved = self.good_auth, self.cli_auth
        try:
            probe, _ = self.hello(None, [x["openssl"] for x in self.plan.suites],
                                  force_cli=self.log is None)
        finally:
            self.cli_auth = saved
        if not probe.ok:
            return False, f"refused ({why}), but the server no longer answers a correct client: {probe.error}", engine
        return True, f"refused ({why}); a correct client still connects", engine

    def hello(self, version: str | None, suites: list[str], *, extra: list[str] | None = None,
              force_cli: bool = False) -> tuple[Outcome, str]:
        """A handshake offering exactly `suites` (OpenSSL names, in this order) at `version` (None: all)."""
        tls13 = [s for s in suites if s.startswith("TLS_")]
        tls12 = [s for s in suites if not s.startswith("TLS_")]
        if version is not None and version != "TLS1.3" and tls12 and not force_cli and not extra:
            out = py_client(self.port, **self.py_kw, versions=(version, version), ciphers=":".join(tls12) + LEVEL0)
            return out, PY
        # s_client refuses a -cipher that matches nothing; without TLS 1.2 suites only TLS 1.3 is at stake
        args = [*self.cli_auth, *(["-cipher", ":".join(tls12) + LEVEL0] if tls12 else []),
                "-ciphersuites", ":".join(tls13)]
        if version is not None:
            args.append(CLI_VERSION_FLAG[version])
        return cli_client(self.port, self.plan.neutral, [*args, *(extra or [])], self.timeout), CLI


def check_overall(s: Session, result: DomainResult, auth_kinds: set[str]) -> None:
    """One handshake with every suite offered: the highest version and the most preferred suite win."""
    plan = s.plan
    top_version = plan.versions[-1]
    offered = [x["openssl"] for x in plan.suites]
    out, engine = s.hello(None, offered[::-1] if plan.prefer_server else offered)
    if not out.ok:
        why = out.error or "no application data"
        if not plan.first(auth_kinds):
            why = (f"no cipher suite of the profile is usable with its versions ({', '.join(plan.versions)}) and "
                   f"its certificates here ({out.error or 'handshake failed'})")
        result.add("handshake with the profile's settings", engine, False, why)
        return
    version_ok = out.version == top_version
    detail = f"negotiated {out.version}"
    if not version_ok:
        lacking = not plan.pool(auth_kinds, top_version)
        detail += (f", expected {top_version}"
                   + (f": the profile lists no {top_version} suite this OpenSSL provides" if lacking else ""))
    result.add("negotiates the highest version the profile allows", engine, version_ok, detail)
    expected = plan.first(auth_kinds)
    if expected is None:
        result.add("negotiates the most preferred shared suite", engine, False, "no usable suite")
        return
    how = "client offered the reverse order; server preference" if plan.prefer_server else "client order"
    ok = out.cipher == expected["openssl"]
    result.add("negotiates the most preferred shared suite", engine, ok,
               f"{expected['iana']} ({how})" if ok else explain_suite(plan, expected, out))


def check_order(s: Session, result: DomainResult, auth_kinds: set[str]) -> None:
    """Per version, the whole order: with server preference the client offers the remaining suites in
    reverse and must get the next one of the profile's order; without, each suite alone must be accepted
    and the server must take the client's first."""
    plan = s.plan
    for version in plan.versions:
        pool = [x["openssl"] for x in plan.pool(auth_kinds, version)]
        if not pool:
            result.add(f"{version} handshake", PY, False,
                       f"the profile allows {version} but none of its suites can be negotiated with it here")
            continue
        got: list[str] = []
        engine = PY
        failure = ""
        if plan.prefer_server:
            name = f"{version}: server applies the profile's whole suite order"
            for i in range(len(pool)):
                out, engine = s.hello(version, pool[i:][::-1])
                if not (out.ok and out.version == version):
                    failure = f"offering {', '.join(map(lambda n: suite_name(plan, n), pool[i:][::-1]))}: " \
                              + (f"got {out.version}" if out.ok else out.error or "refused")
                    break
                got.append(out.cipher or "")
        else:
            name = f"{version}: every suite accepted, server follows the client's order"
            for suite in pool:
                out, engine = s.hello(version, [suite])
                if not (out.ok and out.version == version and out.cipher == suite):
                    failure = f"{suite_name(plan, suite)} alone: " + (f"got {out.cipher} at {out.version}"
                                                                      if out.ok else out.error or "refused")
                    break
                got.append(suite)
            if not failure and len(pool) > 1:
                out, engine = s.hello(version, pool[::-1])
                if out.cipher != pool[-1]:
                    failure = f"offered {', '.join(pool[::-1])}: server chose {out.cipher or out.error}"
        ok = not failure and got == pool
        detail = " > ".join(suite_name(plan, n) for n in pool) if ok else failure or (
            "got " + " > ".join(suite_name(plan, n) for n in got) + ", expected "
            + " > ".join(suite_name(plan, n) for n in pool))
        result.add(name, engine, ok, detail)


def check_outside(s: Session, result: DomainResult) -> None:
    """A suite the profile does not list is refused, per enabled version; a group it does not list too."""
    plan = s.plan
    listed = {x["openssl"] for x in plan.dom["tls"]["cipher_suites"]["tls13"]} | \
        {x["openssl"] for x in plan.dom["tls"]["cipher_suites"]["tls12_and_earlier"]}
    local = local_suites()
    for version in plan.versions:
        if version == "TLS1.3":
            others = sorted(n for n in local if n.startswith("TLS_") and n not in listed)
        else:
            others = sorted(n for n in local if not n.startswith("TLS_") and n not in listed
                            and "PSK" not in n and "SRP" not in n)
        if not others:
            result.add(f"{version}: suites outside the profile refused", PY, None, "this OpenSSL has no other suite")
            continue
        ok, detail, engine = s.refused(functools.partial(s.hello, version, others), alerts=("handshake_failure",),
                                       server=("no shared cipher",))
        result.add(f"{version}: suites outside the profile refused", engine, ok,
                   f"{len(others)} suites offered: {detail}")
    if plan.tls["groups"]:  # what the profile lists, not what the section says
        mine = {g["openssl"] or g["name"] for g in plan.tls["groups"]}
        others = [g for g in PROBE_GROUPS if g not in mine]
        version = "TLS1.3" if "TLS1.3" in plan.versions else plan.versions[-1]
        suites = [x["openssl"] for x in plan.suites if plan.usable(x, version)
                  and (version == "TLS1.3" or x["key_exchange"] == "ecdhe")]
        if not others or not suites:
            result.add("groups outside the profile refused", CLI, None,
                       "no other group to offer" if not others else f"no ECDHE suite at {version}")
            return
        ok, detail, engine = s.refused(lambda: s.hello(version, suites, extra=["-groups", ":".join(others)]),
                                       alerts=("handshake_failure",), server=("no suitable key share", "no shared"))
        result.add("groups outside the profile refused", engine, ok, f"{', '.join(others)} at {version}: {detail}")


def check_excluded(s: Session, result: DomainResult) -> None:
    """Each TLS version the profile leaves out is refused."""
    for version in ("TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"):
        if version in s.plan.versions:
            continue
        def attempt(v: str = version) -> tuple[Outcome, str]:
            return py_client(s.port, **s.py_kw, versions=(v, v),
                             ciphers=None if v == "TLS1.3" else "ALL" + LEVEL0), PY

        out, _ = attempt()
        local = any(x in out.error for x in ("NO_PROTOCOLS_AVAILABLE", "NO_CIPHERS_AVAILABLE",
                                             "no protocols available"))
        if local:
            result.add(f"{version} refused", PY, None, f"this Python/OpenSSL cannot offer {version}")
        else:
            ok, detail, engine = s.refused(attempt, alerts=("protocol_version",),
                                           server=("unsupported protocol", "version too low", "wrong version"))
            result.add(f"{version} refused", engine, ok, detail)
