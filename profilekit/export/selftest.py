"""Loopback self-test: prove with real OpenSSL handshakes that each TLS domain of a profile can run.

For every domain the server is `openssl s_server` on 127.0.0.1 (ephemeral port) configured only through
an openssl.cnf holding the gateway export's SSL_CONF settings (the same settings a gateway pastes); the
client is Python's `ssl` where it can do the check and `openssl s_client` (same settings) where Python
3.11 cannot (TLS 1.3 suite selection, PSK). Keys and certificates are throwaway ones made with
`cryptography`. Every check says which engine ran it. Servers are killed in `finally`, every wait is bounded.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import ssl
import subprocess
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PY = "python ssl"
CLI = "openssl s_client"
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


# --- the openssl s_server ----------------------------------------------------------------------------------


@contextlib.contextmanager
def openssl_server(conf: Path, args: list[str], folder: Path, timeout: float) -> Iterator[int]:
    """Run `openssl s_server -rev` on 127.0.0.1 with OPENSSL_CONF=conf; yield its port; always kill it."""
    from profilekit.export.openssl import openssl_cli

    log = folder / f"server-{time.monotonic_ns()}.log"
    env = dict(os.environ, OPENSSL_CONF=str(conf))
    with log.open("wb") as out:
        proc = subprocess.Popen([openssl_cli(), "s_server", "-accept", "127.0.0.1:0", "-rev", *args],
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + timeout
        port = None
        while port is None:
            match = re.search(r"ACCEPT 127\.0\.0\.1:(\d+)", log.read_text(errors="replace"))
            if match:
                port = int(match[1])
            elif proc.poll() is not None or time.monotonic() > deadline:
                raise SelftestError("openssl s_server did not start: "
                                    + log.read_text(errors="replace").strip()[-400:])
            else:
                time.sleep(0.01)
        yield port
    finally:
        proc.kill()
        proc.wait(timeout=timeout)


@dataclass
class Outcome:
    ok: bool
    """The handshake completed and application data went both ways."""
    version: str | None = None
    cipher: str | None = None
    der: bytes | None = None
    error: str = ""


def cli_client(port: int, conf: Path, args: list[str], timeout: float) -> Outcome:
    from profilekit.export.openssl import openssl_cli

    env = dict(os.environ, OPENSSL_CONF=str(conf))
    try:
        done = subprocess.run([openssl_cli(), "s_client", "-connect", f"127.0.0.1:{port}", "-ign_eof", *args],
                              input=MESSAGE + b"CLOSE\n", capture_output=True, env=env, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        return Outcome(False, error=f"s_client timed out after {timeout:g} s")
    text = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
    match = re.search(r"^(?:New|Reused), (\S+), Cipher is (\S+)", text, re.MULTILINE)
    version = CLI_VERSION_NAME.get(match[1]) if match else None
    cipher = match[2] if match and match[2] != "(NONE)" else None
    echoed = MESSAGE.strip()[::-1].decode() in text
    errors = [line for line in text.splitlines() if ":error:" in line]
    error = re.sub(r"^[0-9A-F]+:error:[0-9A-F]+:", "", errors[0]) if errors else ""
    return Outcome(echoed and cipher is not None, version if cipher else None, cipher, error=error)


def py_client(port: int, *, versions: tuple[str, str], ciphers: str | None, timeout: float,
              cafile: Path | None = None, server_name: str | None = None, client: Credential | None = None,
              options: str = "") -> Outcome:
    """A Python ssl client configured from the export's settings (versions, CipherString, Options)."""
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
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as raw, \
                ctx.wrap_socket(raw, server_hostname=server_name) as tls:
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


@dataclass
class Plan:
    """What one domain's export lets us expect, given this OpenSSL build."""

    dom: dict[str, Any]
    settings: dict[str, str | None]
    suites: list[dict[str, Any]]
    """The profile's suites in precedence order that this OpenSSL provides."""
    versions: list[str]

    @property
    def tls(self) -> dict[str, Any]:
        tls: dict[str, Any] = self.dom["tls"]
        return tls

    def compatible(self, suite: dict[str, Any], auth: set[str]) -> bool:
        return suite["authentication"] in auth or suite["authentication"] == "any"

    def usable(self, suite: dict[str, Any], version: str) -> bool:
        return _vidx(suite["min_version"]) <= _vidx(version) <= _vidx(suite["max_version"])

    def first(self, auth: set[str], version: str | None = None, *, last: bool = False) -> dict[str, Any] | None:
        pool = [s for s in self.suites if self.compatible(s, auth)
                and any(self.usable(s, v) for v in ([version] if version else self.versions))]
        return (pool[-1] if last else pool[0]) if pool else None


def _local_plan(dom: dict[str, Any], result: DomainResult) -> Plan:
    from profilekit.export.openssl import local_suites, newer_than_cli

    local = local_suites()
    settings: dict[str, str | None] = dict(dom["openssl"]["settings"])
    for u in dom["openssl"]["unavailable_in_openssl"]:
        result.notes.append(f"{u['iana']} is left out: {u['detail']}")
    suites = []
    for s in [*dom["tls"]["cipher_suites"]["tls13"], *dom["tls"]["cipher_suites"]["tls12_and_earlier"]]:
        if s["openssl"] is None:
            continue
        if s["openssl"] not in local:
            result.notes.append(f"{s['iana']} ({s['openssl']}) is not available in this OpenSSL build; left out")
            continue
        suites.append(s)
    suites.sort(key=lambda s: s["precedence"])
    tls12 = [s["openssl"] for s in suites if s["min_version"] != "TLS1.3"]
    if settings.get("CipherString"):
        tail = ":@SECLEVEL=0" if str(settings["CipherString"]).endswith("@SECLEVEL=0") else ""
        settings["CipherString"] = ":".join(tls12) + tail if tls12 else None
    settings["Ciphersuites"] = ":".join(s["openssl"] for s in suites if s["min_version"] == "TLS1.3")
    for key, items in (("Groups", dom["tls"]["groups"]), ("SignatureAlgorithms", dom["tls"]["signature_algorithms"])):
        if not settings.get(key):
            continue
        keep = [i["openssl"] for i in items if i["openssl"] and not newer_than_cli(i["openssl_since"])]
        dropped = [i["name"] for i in items if i["openssl"] and newer_than_cli(i["openssl_since"])]
        if dropped:
            result.notes.append(f"{key}: {', '.join(dropped)} need a newer OpenSSL than this one; left out here")
        settings[key] = ":".join(keep) or None
    versions = [v["name"] for v in dom["tls"]["versions"] if v["name"] != "SSL3.0"]
    if len(versions) != len(dom["tls"]["versions"]):
        result.notes.append("SSL 3.0 cannot be exercised: OpenSSL 3 no longer implements it")
    return Plan(dom, settings, suites, versions)


def _write_conf(folder: Path, settings: dict[str, str | None], name: str) -> Path:
    from profilekit.export.openssl import openssl_conf_text

    path = folder / f"{name}.cnf"
    path.write_text(openssl_conf_text(settings), encoding="utf-8")
    return path


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


def _cert_checks(plan: Plan, result: DomainResult, pki: Pki, folder: Path, timeout: float) -> None:
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
    if ca_mode:
        _, ca_cert, ca_key = pki.make("profilekit-test-ca", "ecdsa", 256, ca=True)
        ca_file = pki.folder / "01-profilekit-test-ca.pem"
        issuer: tuple[Any, Any] | None = (ca_cert, ca_key)
    else:
        ca_file, issuer = None, None
    servers = [pki.make(f"server-{k['type']}", k["type"], k["min_bits"], issuer=issuer, dns=server_name)[0]
               for k in key_types]
    client = pki.make("client", key_types[0]["type"], key_types[0]["min_bits"], issuer=issuer, dns="client")[0]
    cert_auth = {"ed25519": "ecdsa", "ed448": "ecdsa"}
    auth_kinds = {cert_auth.get(c.key_type, c.key_type) for c in servers}
    args = ["-cert", str(servers[0].cert), "-key", str(servers[0].key)]
    if len(servers) > 1:
        args += ["-dcert", str(servers[1].cert), "-dkey", str(servers[1].key)]
    if auth["client"] != "none":
        args += ["-Verify" if auth["client"] == "required" else "-verify", "4"]
        if ca_file is not None:
            args += ["-CAfile", str(ca_file), "-verify_return_error"]
    result.notes.append("server certificates: " + ", ".join(c.key_type for c in servers)
                        + (" signed by a throwaway CA" if ca_mode else " self-signed"))
    conf = _write_conf(folder, plan.settings, result.name)
    prefer_server = tls["server_preference"]
    top_version = plan.versions[-1]
    with openssl_server(conf, args, folder, timeout) as port:
        cli_auth = ["-cert", str(client.cert), "-key", str(client.key)]
        py_kw: dict[str, Any] = {"timeout": timeout, "client": client, "options": plan.settings.get("Options") or ""}
        if ca_file is not None:
            py_kw.update(cafile=ca_file, server_name=server_name)
            cli_auth += ["-CAfile", str(ca_file), "-verify_return_error", "-servername", server_name]
        _overall(plan, result, port, conf, cli_auth, auth_kinds, prefer_server, top_version, timeout)
        _per_version(plan, result, port, conf, cli_auth, py_kw, auth_kinds, prefer_server)
        _excluded(plan, result, port, py_kw)
        if auth["client"] == "required":
            out = py_client(port, **{**py_kw, "client": None}, versions=(plan.versions[0], top_version),
                            ciphers=plan.settings.get("CipherString"))
            result.add("client without certificate refused", PY, not out.ok,
                       f"refused ({out.error})" if not out.ok else "the server accepted a client without certificate")
        if ca_file is not None:
            other_ca = pki.make("other-ca", "ecdsa", 256, ca=True)[0]
            out = py_client(port, **{**py_kw, "cafile": other_ca.cert}, versions=(plan.versions[0], top_version),
                            ciphers=plan.settings.get("CipherString"))
            result.add("server certificate from an unknown CA rejected", PY, not out.ok,
                       out.error if not out.ok else "accepted a certificate no trust anchor signed")
        if "certificate_self_signed" in methods:
            _fingerprints(plan, result, port, py_kw, servers[0], pki, top_version)


def _overall(plan: Plan, result: DomainResult, port: int, conf: Path, cli_auth: list[str], auth_kinds: set[str],
             prefer_server: bool, top_version: str, timeout: float) -> None:
    tls12 = [s["openssl"] for s in plan.suites if s["min_version"] != "TLS1.3"]
    tls13 = [s["openssl"] for s in plan.suites if s["min_version"] == "TLS1.3"]

    def order(names: list[str]) -> list[str]:
        return names[::-1] if prefer_server else names

    args = list(cli_auth)
    if tls12:
        args += ["-cipher", ":".join(order(tls12)) + (":@SECLEVEL=0" if "@SECLEVEL=0" in str(
            plan.settings.get("CipherString")) else "")]
    args += ["-ciphersuites", ":".join(order(tls13))]
    out = cli_client(port, conf, args, timeout)
    if not out.ok:
        why = out.error or "no application data"
        if not plan.first(auth_kinds):
            why = (f"no cipher suite of the profile is usable with its versions ({', '.join(plan.versions)}) and "
                   f"its certificates here ({out.error or 'handshake failed'})")
        result.add("handshake with the profile's settings", CLI, False, why)
        return
    version_ok = out.version == top_version
    detail = f"negotiated {out.version}"
    if not version_ok:
        lacking = not any(plan.compatible(s, auth_kinds) and plan.usable(s, top_version) for s in plan.suites)
        detail += (f", expected {top_version}"
                   + (f": the profile lists no {top_version} suite this OpenSSL provides" if lacking else ""))
    result.add("negotiates the highest version the profile allows", CLI, version_ok, detail)
    expected = plan.first(auth_kinds)
    if expected is None:
        result.add("negotiates the most preferred shared suite", CLI, False, "no usable suite")
        return
    how = "client offered the reverse order; server preference" if prefer_server else "client order"
    ok = out.cipher == expected["openssl"]
    result.add("negotiates the most preferred shared suite", CLI, ok,
               f"{expected['iana']} ({how})" if ok else _explain_suite(plan, expected, out))


def _per_version(plan: Plan, result: DomainResult, port: int, conf: Path, cli_auth: list[str],
                 py_kw: dict[str, Any], auth_kinds: set[str], prefer_server: bool) -> None:
    for version in plan.versions:
        pool = [s for s in plan.suites if plan.usable(s, version) and plan.compatible(s, auth_kinds)]
        if not pool:
            result.add(f"{version} handshake", PY, False,
                       f"the profile allows {version} but none of its suites can be negotiated with it here")
            continue
        expected = pool[0] if prefer_server else pool[-1]
        offered = [s["openssl"] for s in pool][::-1]
        if version == "TLS1.3":
            out = cli_client(port, conf, [*cli_auth, "-tls1_3", "-ciphersuites", ":".join(offered)],
                             py_kw["timeout"])
            engine = CLI
        else:
            tail = ":@SECLEVEL=0" if "@SECLEVEL=0" in str(plan.settings.get("CipherString")) else ""
            out = py_client(port, **py_kw, versions=(version, version), ciphers=":".join(offered) + tail)
            engine = PY
        name = f"{version}: server picks its most preferred suite" if prefer_server else \
            f"{version}: server follows the client's order"
        ok = out.ok and out.version == version and out.cipher == expected["openssl"]
        result.add(name, engine, ok, expected["iana"] if ok else
                   f"expected {expected['iana']} at {version}, got "
                   + (f"{_suite_name(plan, out.cipher)} at {out.version}" if out.ok else out.error))


def _excluded(plan: Plan, result: DomainResult, port: int, py_kw: dict[str, Any]) -> None:
    for version in ("TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"):
        if version in plan.versions:
            continue
        out = py_client(port, **py_kw, versions=(version, version),
                        ciphers=None if version == "TLS1.3" else "ALL:@SECLEVEL=0")
        local = any(s in out.error for s in ("NO_PROTOCOLS_AVAILABLE", "NO_CIPHERS_AVAILABLE",
                                             "no protocols available"))
        if local:
            result.add(f"{version} refused", PY, None, f"this Python/OpenSSL cannot offer {version}")
        else:
            result.add(f"{version} refused", PY, not out.ok,
                       f"refused ({out.error})" if not out.ok else f"the server accepted {version}")


def _fingerprints(plan: Plan, result: DomainResult, port: int, py_kw: dict[str, Any], server: Credential, pki: Pki,
                  top_version: str) -> None:
    hash_name = plan.tls["authentication"]["fingerprint_hash"] or "sha-256"
    expected = fingerprint(server.der, hash_name)
    wrong = fingerprint(pki.make("impostor", server.key_type, 256)[0].der, hash_name)
    kw = {**py_kw, "cafile": None, "server_name": None}
    for label, want, accept in (("matching fingerprint accepted", expected, True),
                                ("wrong fingerprint rejected", wrong, False)):
        out = py_client(port, **kw, versions=(plan.versions[0], top_version), ciphers=plan.settings.get("CipherString"))
        if out.der is None:
            result.add(label, PY, False, f"no server certificate: {out.error}")
            continue
        seen = fingerprint(out.der, hash_name)
        accepted = seen == want
        result.add(label, PY, accepted == accept,
                   f"{hash_name} fingerprint {'matches' if accepted else 'differs'} ({seen[:len(hash_name) + 12]}…)")


def _psk_checks(plan: Plan, result: DomainResult, folder: Path, timeout: float) -> None:
    psk = plan.tls["authentication"]["psk"] or {}
    key = os.urandom(max(int(psk.get("min_key_octets") or 32), 16)).hex()
    identity = "profilekit-selftest"
    conf = _write_conf(folder, plan.settings, f"{result.name}-psk")
    with openssl_server(conf, ["-nocert", "-psk", key, "-psk_identity", identity], folder, timeout) as port:
        out = cli_client(port, conf, ["-psk", key, "-psk_identity", identity], timeout)
        in_profile = {s["openssl"] for s in plan.suites}
        ok = out.ok and out.cipher in in_profile
        result.add("PSK handshake with the right key", CLI, ok,
                   f"{out.version}, {_suite_name(plan, out.cipher)}" if ok else
                   (f"negotiated {out.cipher}, not a suite of the profile" if out.ok else
                    f"failed: {out.error or 'no application data'} (a TLS 1.3 PSK needs TLS_AES_128_GCM_SHA256 "
                    "in openssl s_server; TLS ≤ 1.2 needs a PSK suite)"))
        if "TLS1.2" in plan.versions:
            pool = [s for s in plan.suites if plan.usable(s, "TLS1.2") and s["authentication"] == "psk"]
            if pool:
                prefer_server = plan.tls["server_preference"]
                expected = pool[0] if prefer_server else pool[-1]
                tail = ":@SECLEVEL=0" if "@SECLEVEL=0" in str(plan.settings.get("CipherString")) else ""
                got = cli_client(port, conf, ["-psk", key, "-psk_identity", identity, "-tls1_2", "-cipher",
                                              ":".join(s["openssl"] for s in pool[::-1]) + tail], timeout)
                ok = got.ok and got.version == "TLS1.2" and got.cipher == expected["openssl"]
                result.add("TLS1.2 PSK: server picks its most preferred suite" if prefer_server else
                           "TLS1.2 PSK: server follows the client's order", CLI, ok,
                           expected["iana"] if ok else f"expected {expected['iana']}, got "
                           + (f"{_suite_name(plan, got.cipher)} at {got.version}" if got.ok else got.error))
        wrong = cli_client(port, conf, ["-psk", "00" + key[2:] if key[:2] != "00" else "11" + key[2:],
                                        "-psk_identity", identity], timeout)
        result.add("PSK handshake with a wrong key refused", CLI, not wrong.ok,
                   f"refused ({wrong.error})" if not wrong.ok else "accepted a wrong key")


def _domain(dom: dict[str, Any], folder: Path, timeout: float) -> DomainResult:
    from profilekit.export.openssl import check_settings

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
    plan = _local_plan(dom, result)
    rejected = check_settings(plan.settings)
    result.add("OpenSSL accepts the settings", LIB, not rejected,
               "; ".join(f"{k}: {v}" for k, v in rejected.items()) or "every key and value accepted")
    if rejected:
        return result
    domain_dir = folder / re.sub(r"[^A-Za-z0-9_.-]", "_", dom["name"])
    domain_dir.mkdir()
    if cert:
        _cert_checks(plan, result, Pki(domain_dir), domain_dir, timeout)
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
    lines += ["", (f"FAILED: {', '.join(failed)}" if failed else "passed")
              + f" ({sum(d.status == 'passed' for d in result.domains)} passed, {len(failed)} failed, "
              f"{sum(d.status == 'not_exercised' for d in result.domains)} not exercised)"]
    return "\n".join(line.rstrip() for line in lines) + "\n"
