"""Authentication checks: server certificates (trust anchor, RFC 8122 fingerprint), the section's client
certificate policy (VerifyMode), and PSK domains (right key, wrong key, PSK suite order).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from profilekit.export.openssl.local import local_suites
from profilekit.export.selftest.negotiation import (
    Session,
    check_excluded,
    check_order,
    check_outside,
    check_overall,
)
from profilekit.export.selftest.peers import LEVEL0, libssl_server, openssl_server, py_client
from profilekit.export.selftest.pki import Credential, Pki, fingerprint
from profilekit.export.selftest.plan import Plan, suite_name
from profilekit.export.selftest.results import CLI, PY, SRV, DomainResult


def check_server_fingerprint(port: int, expected: str, *, versions: tuple[str, str], timeout: float,
                             client: Credential | None = None) -> tuple[bool, str]:
    """Whether the certificate the server presents in a live handshake has the `expected` RFC 8122
    fingerprint (what the MG's peer checks against the fingerprint from SDP)."""
    hash_name = expected.split(" ", 1)[0]
    out = py_client(port, versions=versions, ciphers="ALL" + LEVEL0, timeout=timeout, client=client)
    if out.der is None:
        return False, f"no server certificate: {out.error}"
    seen = fingerprint(out.der, hash_name)
    return seen == expected, f"presented {seen[:len(hash_name) + 24]}…, expected {expected[:len(hash_name) + 24]}…"


def check_server_trust(port: int, ca_file: Path, other_ca: Path, server_name: str, *, versions: tuple[str, str],
                       timeout: float, client: Credential | None = None) -> list[tuple[str, bool, str]]:
    """The server's certificate chain verifies against `ca_file` for `server_name`, and a client trusting
    only `other_ca` refuses it."""
    kw: dict[str, Any] = {"versions": versions, "ciphers": "ALL" + LEVEL0, "timeout": timeout, "client": client,
                          "server_name": server_name}
    good = py_client(port, **kw, cafile=ca_file)
    other = py_client(port, **kw, cafile=other_ca)
    return [("server certificate verifies against the trust anchor", good.ok,
             f"verified for {server_name}" if good.ok else good.error),
            ("server certificate from an unknown CA rejected", "CERTIFICATE_VERIFY_FAILED" in other.error,
             other.error if not other.ok else "a client trusting another CA accepted the server")]


def _client_auth(s: Session, result: DomainResult, auth: dict[str, Any], pki: Pki, issuer: tuple[Any, Any] | None,
                 key_type: tuple[str, int]) -> None:
    """What the section's VerifyMode must do to clients without, or with the wrong, certificate."""
    plan = s.plan
    versions = (plan.versions[0], plan.versions[-1])
    base = {**s.py_kw, "versions": versions, "ciphers": "ALL" + LEVEL0}
    if auth["client"] == "none":
        return
    if auth["client"] == "required":
        ok, detail, _ = s.refused(lambda: (py_client(s.port, **{**base, "client": None}), PY),
                                  alerts=("certificate_required", "handshake_failure"),
                                  server=("peer did not return a certificate",))
        result.add("client without certificate refused", SRV, ok, detail)
    else:
        bare = py_client(s.port, **{**base, "client": None})
        result.add("client without certificate accepted (optional)", SRV, bare.ok,
                   "accepted" if bare.ok else f"refused: {bare.error}")
    if issuer is not None:
        _, other_cert, other_key = pki.make("unknown-ca", "ecdsa", 256, ca=True)
        stranger = pki.make("stranger", key_type[0], key_type[1], issuer=(other_cert, other_key), dns="client")[0]
        ok, detail, _ = s.refused(lambda: (py_client(s.port, **{**base, "client": stranger}), PY),
                                  alerts=("unknown_ca", "certificate_unknown", "bad_certificate"),
                                  server=("certificate verify failed",))
        result.add("client certificate from an unknown CA refused", SRV, ok, detail)
    else:
        impostor = pki.make("client-impostor", key_type[0], key_type[1], dns="client")[0]
        ok, detail, _ = s.refused(lambda: (py_client(s.port, **{**base, "client": impostor}), PY),
                                  alerts=("certificate_unknown", "bad_certificate", "unsupported_certificate"),
                                  server=("client certificate fingerprint",))
        result.add("client certificate with a wrong fingerprint refused", SRV, ok, detail)


def certificate_checks(plan: Plan, result: DomainResult, pki: Pki, timeout: float) -> None:
    """The checks of a certificate domain, against the libssl server with throwaway certificates."""
    tls = plan.tls
    auth = tls["authentication"]
    methods = auth["methods"]
    ca_mode = "certificate_ca_signed" in methods
    key_types = [k for k in (tls["certificates"] or {"key_types": []})["key_types"] if k["type"] != "dsa"]
    if not key_types:
        key_types = [{"type": "ecdsa", "min_bits": 256}]
        result.notes.append("certificate key type: ecdsa P-256 (the profile names none usable)")
    key_types = key_types[:2]
    server_name = plan.dom["server_name"] or "localhost"
    issuer: tuple[Any, Any] | None = None
    ca_file = None
    if ca_mode:
        ca, ca_cert, ca_key = pki.make("profilekit-test-ca", "ecdsa", 256, ca=True)
        ca_file, issuer = ca.cert, (ca_cert, ca_key)
    servers = [pki.make(f"server-{k['type']}", k["type"], k["min_bits"], issuer=issuer, dns=server_name)[0]
               for k in key_types]
    first_key = (key_types[0]["type"], key_types[0]["min_bits"])
    client = pki.make("client", *first_key, issuer=issuer, dns="client")[0]
    hash_name = auth["fingerprint_hash"] or "sha-256"
    client_fp = fingerprint(client.der, hash_name) if not ca_mode and auth["client"] != "none" else None
    auth_kinds = {{"ed25519": "ecdsa", "ed448": "ecdsa"}.get(c.key_type, c.key_type) for c in servers}
    result.notes.append("server certificates: " + ", ".join(c.key_type for c in servers)
                        + (" signed by a throwaway CA" if ca_mode else " self-signed")
                        + ("; the server checks the client certificate's fingerprint in a verify callback"
                           if client_fp else ""))
    versions = (plan.versions[0], plan.versions[-1])
    with libssl_server(plan.conf, servers, pki.folder, timeout, cafile=ca_file,
                       client_fingerprint=client_fp) as served:
        port = served.port
        cli_auth = ["-cert", str(client.cert), "-key", str(client.key)]
        py_kw: dict[str, Any] = {"timeout": timeout, "client": client}
        session = Session(plan, port, timeout, cli_auth, py_kw, served.log)
        check_overall(session, result, auth_kinds)
        check_order(session, result, auth_kinds)
        check_outside(session, result)
        check_excluded(session, result)
        _client_auth(session, result, auth, pki, issuer, first_key)
        if ca_file is not None:
            other_ca = pki.make("other-ca", "ecdsa", 256, ca=True)[0]
            for name, ok, detail in check_server_trust(port, ca_file, other_ca.cert, server_name,
                                                       versions=versions, timeout=timeout, client=client):
                result.add(name, PY, ok, detail)
        if "certificate_self_signed" in methods:
            expected = fingerprint(servers[0].der, hash_name)
            ok, detail = check_server_fingerprint(port, expected, versions=versions, timeout=timeout, client=client)
            result.add("server presents the certificate with the expected fingerprint", PY, ok, detail)
    if "certificate_self_signed" in methods:
        impostor = pki.make("server-impostor", *first_key, dns=server_name)[0]
        with libssl_server(plan.conf, [impostor], pki.folder, timeout, client_fingerprint=client_fp) as served:
            ok, detail = check_server_fingerprint(served.port, expected, versions=versions, timeout=timeout,
                                                  client=client)
            result.add("server presenting another certificate detected", PY, not ok,
                       detail if not ok else "the fingerprint check accepted another server's certificate")


def psk_checks(plan: Plan, result: DomainResult, folder: Path, timeout: float) -> None:
    """The checks of a PSK domain, against `openssl s_server -psk` with a random key."""
    psk = plan.tls["authentication"]["psk"] or {}
    key = os.urandom(max(int(psk.get("min_key_octets") or 32), 16)).hex()
    identity = "profilekit-selftest"
    creds = ["-psk", key, "-psk_identity", identity]
    with openssl_server(plan.conf, ["-nocert", *creds], folder, timeout) as port:
        session = Session(plan, port, timeout, creds, {})
        in_profile = [s["openssl"] for s in plan.suites]
        out, _ = session.hello(None, in_profile[::-1] if plan.prefer_server else in_profile, force_cli=True)
        ok = out.ok and out.cipher in in_profile and out.version == plan.versions[-1]
        result.add("PSK handshake with the right key", CLI, ok,
                   f"{out.version}, {suite_name(plan, out.cipher)}" if ok else
                   (f"negotiated {out.cipher} at {out.version}, expected a suite of the profile at "
                    f"{plan.versions[-1]}" if out.ok else
                    f"failed: {out.error or 'no application data'} (a TLS 1.3 PSK needs TLS_AES_128_GCM_SHA256 "
                    "in openssl s_server; TLS ≤ 1.2 needs a PSK suite)"))
        for version in [v for v in plan.versions if v != "TLS1.3"]:
            pool = [s["openssl"] for s in plan.suites if plan.usable(s, version) and s["authentication"] == "psk"]
            if not pool:
                continue
            got: list[str] = []
            failure = ""
            for i in range(len(pool) if plan.prefer_server else 1):
                offered = pool[i:][::-1]
                got_out, _ = session.hello(version, offered, force_cli=True)
                if not (got_out.ok and got_out.version == version):
                    failure = got_out.error or f"got {got_out.version}"
                    break
                got.append(got_out.cipher or "")
            want = pool if plan.prefer_server else [pool[-1]]
            ok = not failure and got == want
            result.add(f"{version} PSK: server applies the profile's whole suite order" if plan.prefer_server else
                       f"{version} PSK: server follows the client's order", CLI, ok,
                       " > ".join(suite_name(plan, n) for n in want) if ok else failure or
                       "got " + " > ".join(suite_name(plan, n) for n in got))
            listed = {x["openssl"] for x in plan.dom["tls"]["cipher_suites"]["tls12_and_earlier"]}
            others = sorted(n for n in local_suites() if "PSK" in n and n not in listed)
            if others:
                ok, detail, _ = session.refused(functools.partial(session.hello, version, others, force_cli=True),
                                                alerts=("handshake_failure",))
                result.add(f"{version} PSK: suites outside the profile refused", CLI, ok,
                           f"{len(others)} PSK suites offered: {detail}")
        for version in ("TLS1.2", "TLS1.3"):
            if version in plan.versions:
                continue
            pool = [n for n in ("PSK-AES128-GCM-SHA256", "ECDHE-PSK-AES128-CBC-SHA256", "TLS_AES_128_GCM_SHA256")
                    if (n.startswith("TLS_") == (version == "TLS1.3"))]
            ok, detail, _ = session.refused(functools.partial(session.hello, version, pool, force_cli=True),
                                            alerts=("protocol_version", "handshake_failure"))
            result.add(f"{version} refused", CLI, ok, detail)
        wrong_key = "00" + key[2:] if key[:2] != "00" else "11" + key[2:]
        session.cli_auth = ["-psk", wrong_key, "-psk_identity", identity]
        ok, detail, _ = session.refused(lambda: session.hello(None, in_profile, force_cli=True),
                                        alerts=("illegal_parameter", "decrypt_error", "bad_record_mac",
                                                "handshake_failure"))
        result.add("PSK handshake with a wrong key refused", CLI, ok, detail)
