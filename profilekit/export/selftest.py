"""Loopback self-test: prove with real OpenSSL handshakes that each TLS domain of a profile can run.

For every domain the server on 127.0.0.1 (ephemeral port) is configured only through an openssl.cnf
holding the exported SSL_CONF section (`section_settings`, exactly what `export --format openssl` prints),
applied as system_default. Certificate domains use `profilekit.export.libssl_server` (libssl through
ctypes, SSL_CTX from TLS_server_method: the section's VerifyMode takes effect, which `openssl s_server`
would override); PSK domains use `openssl s_server -nocert -psk`. The only other inputs are the throwaway
keys, certificates and CA file made here with `cryptography`. Clients are neutral (an empty openssl.cnf)
and offer explicit suites, versions and groups: Python's `ssl` where it can, `openssl s_client` where
Python 3.11 cannot (TLS 1.3 suite selection, groups, PSK). Every check says which engine ran it and can
fail. Servers are killed in `finally`, every wait is bounded.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import socket
import ssl
import subprocess
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PY = "python ssl"
CLI = "openssl s_client"
SRV = "libssl server"
LIB = "libssl SSL_CONF_cmd"
MESSAGE = b"profilekit selftest\n"
PY_VERSIONS = {"TLS1.0": ssl.TLSVersion.TLSv1, "TLS1.1": ssl.TLSVersion.TLSv1_1, "TLS1.2": ssl.TLSVersion.TLSv1_2,
               "TLS1.3": ssl.TLSVersion.TLSv1_3}
CLI_VERSION_FLAG = {"SSL3.0": "-ssl3", "TLS1.0": "-tls1", "TLS1.1": "-tls1_1", "TLS1.2": "-tls1_2",
                    "TLS1.3": "-tls1_3"}
CLI_VERSION_NAME = {"SSLv3": "SSL3.0", "TLSv1": "TLS1.0", "TLSv1.1": "TLS1.1", "TLSv1.2": "TLS1.2",
                    "TLSv1.3": "TLS1.3"}
PY_VERSION_NAME = {"TLSv1": "TLS1.0", "TLSv1.1": "TLS1.1", "TLSv1.2": "TLS1.2", "TLSv1.3": "TLS1.3"}
CERT_METHODS = ("certificate_ca_signed", "certificate_self_signed")


class SelftestError(Exception):
    """The self-test cannot run here (no openssl tool, no libssl): a message, exit code 2."""


@dataclass
class Check:
    name: str
    engine: str
    status: str
    """`passed`, `failed` or `skipped`."""
    detail: str

    def to_record(self) -> dict[str, str]:
        return {"name": self.name, "engine": self.engine, "status": self.status, "detail": self.detail}


@dataclass
class DomainResult:
    name: str
    status: str = "passed"
    """`passed`, `failed` or `not_exercised`."""
    reason: str = ""
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, engine: str, ok: bool | None, detail: str) -> None:
        status = "skipped" if ok is None else "passed" if ok else "failed"
        self.checks.append(Check(name, engine, status, detail))
        if ok is False:
            self.status = "failed"

    def to_record(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "reason": self.reason, "notes": self.notes,
                "checks": [c.to_record() for c in self.checks]}


@dataclass
class SelftestResult:
    profile: str
    openssl: str
    python_ssl: str
    domains: list[DomainResult]

    @property
    def failed(self) -> bool:
        return any(d.status == "failed" for d in self.domains)

    def to_record(self) -> dict[str, Any]:
        return {"profile": self.profile, "openssl": self.openssl, "python_ssl": self.python_ssl,
                "passed": not self.failed, "domains": [d.to_record() for d in self.domains]}


# --- throwaway keys and certificates -----------------------------------------------------------------------


@dataclass(frozen=True)
class Credential:
    cert: Path
    key: Path
    der: bytes
    key_type: str


class Pki:
    """Makes keys and certificates in a private folder: a CA chain or self-signed leaves."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def _key(self, key_type: str, bits: int) -> Any:
        from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa

        if key_type == "rsa":
            return rsa.generate_private_key(public_exponent=65537, key_size=max(bits, 2048))
        if key_type == "ed25519":
            return ed25519.Ed25519PrivateKey.generate()
        if key_type == "ed448":
            return ed448.Ed448PrivateKey.generate()
        curve = ec.SECP256R1() if bits <= 256 else ec.SECP384R1() if bits <= 384 else ec.SECP521R1()
        return ec.generate_private_key(curve)

    def make(self, name: str, key_type: str, bits: int, *, issuer: tuple[Any, Any] | None = None,
             ca: bool = False, dns: str = "localhost") -> tuple[Credential, Any, Any]:
        """A certificate for `name`; signed by `issuer` (cert, key) or self-signed. Returns (cred, cert, key)."""
        import datetime as dt

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.x509.oid import NameOID

        key = self._key(key_type, bits)
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        issuer_name, signer = (issuer[0].subject, issuer[1]) if issuer else (subject, key)
        now = dt.datetime.now(dt.UTC)
        builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if not ca:
            builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(dns)]), critical=False)
        algorithm = None if type(signer).__name__.startswith(("Ed25519", "Ed448")) else hashes.SHA256()
        cert = builder.sign(signer, algorithm)
        self.count += 1
        cert_path = self.folder / f"{self.count:02d}-{name}.pem"
        key_path = self.folder / f"{self.count:02d}-{name}.key"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
        der = cert.public_bytes(serialization.Encoding.DER)
        return Credential(cert_path, key_path, der, key_type), cert, key


def fingerprint(der: bytes, hash_name: str) -> str:
    """RFC 8122 fingerprint: the hash function's name, a space, upper-case hex pairs joined by ':'."""
    import hashlib

    digest = hashlib.new(hash_name.replace("-", ""), der).hexdigest().upper()
    return f"{hash_name} " + ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


# --- servers -----------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _server(argv: list[str], conf: Path, folder: Path, timeout: float) -> Iterator[tuple[int, Path]]:
    """Run `argv` with OPENSSL_CONF=conf until it prints `ACCEPT 127.0.0.1:<port>`; yield (port, log)."""
    log = folder / f"server-{time.monotonic_ns()}.log"
    env = dict(os.environ, OPENSSL_CONF=str(conf))
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + timeout
        port = None
        while port is None:
            match = re.search(r"ACCEPT 127\.0\.0\.1:(\d+)", log.read_text(errors="replace"))
            if match:
                port = int(match[1])
            elif proc.poll() is not None or time.monotonic() > deadline:
                raise SelftestError(f"{Path(argv[0]).name} {argv[1]} did not start: "
                                    + log.read_text(errors="replace").strip()[-400:])
            else:
                time.sleep(0.01)
        yield port, log
    finally:
        proc.kill()
        proc.wait(timeout=timeout)


@contextlib.contextmanager
def openssl_server(conf: Path, args: list[str], folder: Path, timeout: float) -> Iterator[int]:
    """Run `openssl s_server -rev` on 127.0.0.1 with OPENSSL_CONF=conf; yield its port; always kill it."""
    from profilekit.export.openssl import openssl_cli

    with _server([openssl_cli(), "s_server", "-accept", "127.0.0.1:0", "-rev", *args], conf, folder,
                 timeout) as (port, _):
        yield port


@dataclass(frozen=True)
class Listening:
    """A running libssl server: its port and the log where it writes `OK …` / `FAIL <reason>` per connection."""

    port: int
    log: Path


@contextlib.contextmanager
def libssl_server(conf: Path, creds: list[Credential], folder: Path, timeout: float, *, cafile: Path | None = None,
                  client_fingerprint: str | None = None) -> Iterator[Listening]:
    """Run profilekit.export.libssl_server (configured by `conf` only, plus certificates); yield where."""
    import sys

    argv = [sys.executable, "-m", "profilekit.export.libssl_server", "--timeout", f"{timeout:g}"]
    for cred in creds:
        argv += ["--cert", str(cred.cert), "--key", str(cred.key)]
    if cafile is not None:
        argv += ["--cafile", str(cafile)]
    if client_fingerprint is not None:
        argv += ["--client-fingerprint", client_fingerprint]
    with _server(argv, conf, folder, timeout) as (port, log):
        yield Listening(port, log)


@dataclass
class Outcome:
    ok: bool
    """The handshake completed and application data went both ways."""
    version: str | None = None
    cipher: str | None = None
    der: bytes | None = None
    error: str = ""
    reached: bool = True
    """The TCP connection was made (False: nothing listened, or the connection itself failed)."""

    @property
    def alert(self) -> str | None:
        """The TLS alert the client received (`handshake_failure`, `protocol_version`, ...), if any."""
        match = re.search(r"(?:SSLV3|TLSV1|TLSV13)_ALERT_([A-Z_]+)", self.error) or \
            re.search(r"(?:sslv3|tlsv1|tlsv13) alert ([a-z ]+)", self.error)
        return match[1].strip().lower().replace(" ", "_") if match else None


def cli_client(port: int, conf: Path, args: list[str], timeout: float) -> Outcome:
    """`openssl s_client` with OPENSSL_CONF=conf; version and suite from its SSL-Session block."""
    from profilekit.export.openssl import openssl_cli

    env = dict(os.environ, OPENSSL_CONF=str(conf))
    try:
        done = subprocess.run([openssl_cli(), "s_client", "-connect", f"127.0.0.1:{port}", "-ign_eof", *args],
                              input=MESSAGE + b"CLOSE\n", capture_output=True, env=env, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        return Outcome(False, error=f"s_client timed out after {timeout:g} s")
    text = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
    # "New, TLSv1.0, Cipher is X" names the version that defined X, not the negotiated one: read the session
    protocol = re.search(r"^\s+Protocol\s+:\s+(\S+)", text, re.MULTILINE)
    suite = re.search(r"^\s+Cipher\s+:\s+(\S+)", text, re.MULTILINE)
    cipher = suite[1] if suite and suite[1] not in ("0000", "(NONE)") else None
    version = CLI_VERSION_NAME.get(protocol[1]) if protocol and cipher else None
    echoed = MESSAGE.strip()[::-1].decode() in text
    errors = [line for line in text.splitlines() if ":error:" in line]
    error = re.sub(r"^[0-9A-F]+:error:[0-9A-F]+:", "", errors[0]) if errors else ""
    reached = "CONNECTED(" in text
    if not reached:
        error = "no connection: " + (error or text.strip().splitlines()[-1] if text.strip() else "no output")
    return Outcome(echoed and cipher is not None, version, cipher, error=error or ("" if echoed else "no reply"),
                   reached=reached)


def py_client(port: int, *, versions: tuple[str, str], ciphers: str | None, timeout: float,
              cafile: Path | None = None, server_name: str | None = None, client: Credential | None = None,
              options: str = "") -> Outcome:
    """A Python ssl client offering `versions` and `ciphers` (OpenSSL cipher string)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.minimum_version = PY_VERSIONS[versions[0]]
        ctx.maximum_version = PY_VERSIONS[versions[1]]
    if cafile is not None:
        ctx.load_verify_locations(cafile=str(cafile))
        ctx.check_hostname = server_name is not None
    else:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    if ciphers:
        ctx.set_ciphers(ciphers)
    for name, flag in (("-Compression", ssl.OP_NO_COMPRESSION), ("NoRenegotiation", ssl.OP_NO_RENEGOTIATION),
                       ("-SessionTicket", ssl.OP_NO_TICKET)):
        if name in options.split(", "):
            ctx.options |= flag
    if client is not None:
        ctx.load_cert_chain(str(client.cert), str(client.key))
    try:
        raw = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    except OSError as exc:
        return Outcome(False, error=f"no connection: {type(exc).__name__}: {exc}", reached=False)
    try:
        with raw, ctx.wrap_socket(raw, server_hostname=server_name) as tls:
            version, cipher = tls.version(), (tls.cipher() or (None,))[0]
            der = tls.getpeercert(binary_form=True)
            tls.sendall(MESSAGE)
            reply = b""
            while not reply.endswith(b"\n"):
                chunk = tls.recv(256)
                if not chunk:
                    break
                reply += chunk
            ok = reply.strip() == MESSAGE.strip()[::-1]
            return Outcome(ok, PY_VERSION_NAME.get(version or ""), cipher, der,
                           "" if ok else "no reply: the server closed the session")
    except (ssl.SSLError, OSError) as exc:
        return Outcome(False, error=f"{type(exc).__name__}: {getattr(exc, 'reason', None) or exc}")


# --- the checks ---------------------------------------------------------------------------------------------


def _vidx(name: str) -> int:
    from profilekit.catalog.ciphers import version_index

    return version_index(name)


LEVEL0 = ":@SECLEVEL=0"  # clients offer what they are told; the server's section decides


@dataclass
class Plan:
    """What one domain's export lets us expect, given this OpenSSL build."""

    dom: dict[str, Any]
    settings: dict[str, str]
    """The exported SSL_CONF section, untouched: the server's only configuration."""
    suites: list[dict[str, Any]]
    """The profile's suites in precedence order that this OpenSSL provides."""
    versions: list[str]
    """The versions the section enables (the profile's, less those it leaves out), without SSL 3.0."""
    conf: Path = Path()
    """The server's openssl.cnf."""
    neutral: Path = Path()
    """An empty openssl.cnf for the clients (no system policy, no section)."""

    @property
    def tls(self) -> dict[str, Any]:
        tls: dict[str, Any] = self.dom["tls"]
        return tls

    @property
    def prefer_server(self) -> bool:
        return bool(self.tls["server_preference"])

    def compatible(self, suite: dict[str, Any], auth: set[str]) -> bool:
        return suite["authentication"] in auth or suite["authentication"] == "any"

    def usable(self, suite: dict[str, Any], version: str) -> bool:
        return _vidx(suite["min_version"]) <= _vidx(version) <= _vidx(suite["max_version"])

    def pool(self, auth: set[str], version: str) -> list[dict[str, Any]]:
        return [s for s in self.suites if self.compatible(s, auth) and self.usable(s, version)]

    def first(self, auth: set[str], version: str | None = None, *, last: bool = False) -> dict[str, Any] | None:
        pool = [s for s in self.suites if self.compatible(s, auth)
                and any(self.usable(s, v) for v in ([version] if version else self.versions))]
        return (pool[-1] if last else pool[0]) if pool else None


def _local_plan(dom: dict[str, Any], result: DomainResult, folder: Path) -> Plan:
    from profilekit.export.openssl import OPENSSL_PROTOCOL, local_suites, openssl_conf_text, section_settings

    local = local_suites()
    settings = section_settings(dom)
    for u in dom["openssl"]["unavailable_in_openssl"]:
        result.notes.append(f"{u['iana']} is left out: {u['detail']}")
    suites = []
    for s in [*dom["tls"]["cipher_suites"]["tls13"], *dom["tls"]["cipher_suites"]["tls12_and_earlier"]]:
        if s["openssl"] is None:
            continue
        if s["openssl"] not in local:
            result.notes.append(f"{s['iana']} ({s['openssl']}) is not available in this OpenSSL build; not expected")
            continue
        suites.append(s)
    suites.sort(key=lambda s: s["precedence"])
    by_openssl = {v: k for k, v in OPENSSL_PROTOCOL.items()}
    if settings.get("Protocol") and settings["Protocol"] != "-ALL":
        enabled = [by_openssl[v.strip()] for v in settings["Protocol"].split(",")[1:]]
    else:
        low, high = _vidx(by_openssl[settings["MinProtocol"]]), _vidx(by_openssl[settings["MaxProtocol"]])
        enabled = [v["name"] for v in dom["tls"]["versions"] if low <= _vidx(v["name"]) <= high]
    versions = [v for v in enabled if v != "SSL3.0"]
    if "SSL3.0" in enabled:
        result.notes.append("SSL 3.0 cannot be exercised: OpenSSL 3 no longer implements it")
    for note in dom["openssl"]["notes"]:
        if note["setting"] in ("versions", "Protocol"):
            result.notes.append(note["detail"])
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "server.cnf"
    conf.write_text(openssl_conf_text(settings), encoding="utf-8")
    neutral = folder / "client.cnf"
    neutral.write_text("", encoding="utf-8")
    return Plan(dom, settings, suites, versions, conf, neutral)


def _suite_name(plan: Plan, openssl_name: str | None) -> str:
    for s in plan.suites:
        if s["openssl"] == openssl_name:
            return str(s["iana"])
    return str(openssl_name)


def _explain_suite(plan: Plan, expected: dict[str, Any], got: Outcome) -> str:
    if expected["min_version"] != "TLS1.3" and got.version == "TLS1.3":
        return (f"the profile prefers {expected['iana']} (TLS ≤ 1.2) to its TLS 1.3 suites, but OpenSSL negotiates "
                f"the highest shared version first and chose {_suite_name(plan, got.cipher)}: OpenSSL cannot honour "
                "this order (list TLS 1.3 suites first, or drop TLS 1.3)")
    return f"expected {expected['iana']}, negotiated {_suite_name(plan, got.cipher) if got.cipher else got.error}"


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
            return False, f"the server accepted it: {_suite_name(self.plan, out.cipher)} at {out.version}", engine
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


def _overall(s: Session, result: DomainResult, auth_kinds: set[str]) -> None:
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
               f"{expected['iana']} ({how})" if ok else _explain_suite(plan, expected, out))


def _order(s: Session, result: DomainResult, auth_kinds: set[str]) -> None:
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
                    failure = f"offering {', '.join(map(lambda n: _suite_name(plan, n), pool[i:][::-1]))}: " \
                              + (f"got {out.version}" if out.ok else out.error or "refused")
                    break
                got.append(out.cipher or "")
        else:
            name = f"{version}: every suite accepted, server follows the client's order"
            for suite in pool:
                out, engine = s.hello(version, [suite])
                if not (out.ok and out.version == version and out.cipher == suite):
                    failure = f"{_suite_name(plan, suite)} alone: " + (f"got {out.cipher} at {out.version}"
                                                                      if out.ok else out.error or "refused")
                    break
                got.append(suite)
            if not failure and len(pool) > 1:
                out, engine = s.hello(version, pool[::-1])
                if out.cipher != pool[-1]:
                    failure = f"offered {', '.join(pool[::-1])}: server chose {out.cipher or out.error}"
        ok = not failure and got == pool
        detail = " > ".join(_suite_name(plan, n) for n in pool) if ok else failure or (
            "got " + " > ".join(_suite_name(plan, n) for n in got) + ", expected "
            + " > ".join(_suite_name(plan, n) for n in pool))
        result.add(name, engine, ok, detail)


def _outside(s: Session, result: DomainResult) -> None:
    """A suite the profile does not list is refused, per enabled version; a group it does not list too."""
    from profilekit.export.openssl import local_suites

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
        others = [g for g in ("X25519", "P-256", "P-384", "P-521", "X448", "ffdhe2048", "ffdhe3072") if g not in mine]
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


def _excluded(s: Session, result: DomainResult) -> None:
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


def _cert_checks(plan: Plan, result: DomainResult, pki: Pki, timeout: float) -> None:
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
        _overall(session, result, auth_kinds)
        _order(session, result, auth_kinds)
        _outside(session, result)
        _excluded(session, result)
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


def _psk_checks(plan: Plan, result: DomainResult, folder: Path, timeout: float) -> None:
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
                   f"{out.version}, {_suite_name(plan, out.cipher)}" if ok else
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
                       " > ".join(_suite_name(plan, n) for n in want) if ok else failure or
                       "got " + " > ".join(_suite_name(plan, n) for n in got))
            listed = {x["openssl"] for x in plan.dom["tls"]["cipher_suites"]["tls12_and_earlier"]}
            from profilekit.export.openssl import local_suites

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


def _missing_here(dom: dict[str, Any]) -> frozenset[str]:
    """OpenSSL names of the domain that are real but missing from this OpenSSL build (noted, not failed)."""
    from profilekit.export.openssl import local_suites, newer_than_cli

    tls = dom["tls"]
    suites = {s["openssl"] for k in ("tls13", "tls12_and_earlier") for s in tls["cipher_suites"][k]
              if s["openssl"] and s["openssl"] not in local_suites()}
    newer = {i["openssl"] for i in [*tls["groups"], *tls["signature_algorithms"]]
             if i["openssl"] and newer_than_cli(i["openssl_since"])}
    return frozenset(suites | newer)


def _domain(dom: dict[str, Any], folder: Path, timeout: float) -> DomainResult:
    from profilekit.export.openssl import check_settings, refusal

    result = DomainResult(dom["name"])
    methods = dom["tls"]["authentication"]["methods"]
    cert = any(m in CERT_METHODS for m in methods)
    psk = "psk" in methods
    if not cert and not psk:
        result.status = "not_exercised"
        result.reason = ("trusted third-party (Kerberos) authentication: OpenSSL implements no Kerberos suites"
                         if "trusted_third_party" in methods else
                         "no authentication method a loopback test can exercise (" + ", ".join(methods) + ")")
        return result
    why = refusal(dom)
    if why is not None:
        result.add("the section allows a handshake", LIB, False, why)
        return result
    domain_dir = folder / re.sub(r"[^A-Za-z0-9_.-]", "_", dom["name"])
    plan = _local_plan(dom, result, domain_dir)
    rejected = check_settings(plan.settings, _missing_here(dom))
    result.add("OpenSSL accepts every name in the settings", LIB, not rejected,
               "; ".join(f"{k}: {v}" for k, v in rejected.items()) or "every key, option and name accepted")
    if rejected:
        return result
    if cert:
        _cert_checks(plan, result, Pki(domain_dir), timeout)
    if psk:
        _psk_checks(plan, result, domain_dir, timeout)
    if "trusted_third_party" in methods:
        result.notes.append("trusted third-party authentication not exercised: OpenSSL has no Kerberos suites")
    return result


def run_selftest(gateway: dict[str, Any], *, domain: str | None = None, timeout: float = 5.0) -> SelftestResult:
    """Run the loopback checks for every domain (or `domain`) of a gateway export."""
    from profilekit.export.openssl import OpenSslMissing, library_version, openssl_cli

    try:
        openssl_cli()
        lib = library_version()
    except OpenSslMissing as exc:
        raise SelftestError(str(exc)) from None
    prof = gateway["profile"]
    results = []
    with tempfile.TemporaryDirectory(prefix="profilekit-selftest-") as tmp:
        for dom in gateway["domains"]:
            if domain is None or dom["name"] == domain:
                results.append(_domain(dom, Path(tmp), timeout))
    return SelftestResult(f"{prof['name']} version {prof['version']}", lib, ssl.OPENSSL_VERSION, results)


def render_text(result: SelftestResult) -> str:
    """A per-domain table: domain, check, engine, result, detail; then one summary line."""
    rows = [("domain", "check", "engine", "result", "detail")]
    for dom in result.domains:
        if dom.status == "not_exercised":
            rows.append((dom.name, "-", "-", "not exercised", dom.reason))
        for check in dom.checks:
            rows.append((dom.name, check.name, check.engine, check.status.upper() if check.status == "failed"
                         else check.status, check.detail))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [f"self-test of {result.profile} with {result.openssl} (python ssl: {result.python_ssl})", ""]
    lines += ["  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4] for r in rows]
    notes = [(d.name, n) for d in result.domains for n in d.notes]
    if notes:
        lines += ["", "notes:"] + [f"  {name}: {note}" for name, note in notes]
    failed = [d.name for d in result.domains if d.status == "failed"]
    checks = sum(len(d.checks) for d in result.domains)
    lines += ["", (f"FAILED: {', '.join(failed)}" if failed else "passed")
              + f" (TLS domains: {sum(d.status == 'passed' for d in result.domains)} passed, {len(failed)} failed, "
              f"{sum(d.status == 'not_exercised' for d in result.domains)} not exercised; {checks} checks)"]
    return "\n".join(line.rstrip() for line in lines) + "\n"
