"""The self-test's peers on 127.0.0.1: servers (`openssl s_server`, the libssl server) configured only by an
openssl.cnf, and clients (Python's `ssl`, `openssl s_client`) that offer exactly what they are told.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import ssl
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from profilekit.export.openssl.local import openssl_cli
from profilekit.export.selftest.pki import Credential
from profilekit.export.selftest.results import SelftestError

MESSAGE = b"profilekit selftest\n"
PY_VERSIONS = {"TLS1.0": ssl.TLSVersion.TLSv1, "TLS1.1": ssl.TLSVersion.TLSv1_1, "TLS1.2": ssl.TLSVersion.TLSv1_2,
               "TLS1.3": ssl.TLSVersion.TLSv1_3}
CLI_VERSION_FLAG = {"SSL3.0": "-ssl3", "TLS1.0": "-tls1", "TLS1.1": "-tls1_1", "TLS1.2": "-tls1_2",
                    "TLS1.3": "-tls1_3"}
CLI_VERSION_NAME = {"SSLv3": "SSL3.0", "TLSv1": "TLS1.0", "TLSv1.1": "TLS1.1", "TLSv1.2": "TLS1.2",
                    "TLSv1.3": "TLS1.3"}
PY_VERSION_NAME = {"TLSv1": "TLS1.0", "TLSv1.1": "TLS1.1", "TLSv1.2": "TLS1.2", "TLSv1.3": "TLS1.3"}
LEVEL0 = ":@SECLEVEL=0"  # clients offer what they are told; the server's section decides


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
    """Run profilekit.export.selftest.libssl_server (configured by `conf` only, plus certificates); yield where."""
    argv = [sys.executable, "-m", "profilekit.export.selftest.libssl_server", "--timeout", f"{timeout:g}"]
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
    """What one client handshake attempt gave."""

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
    if protocol is None:
        # TLS 1.3: s_client prints the SSL-Session block only when a NewSessionTicket arrives, and a server
        # with NumTickets = 0 sends none; a TLS 1.3 suite in the "New" line names the version exactly.
        new = re.search(r"^New, TLSv1\.3, Cipher is (TLS_\S+)", text, re.MULTILINE)
        if new:
            cipher, version = new[1], "TLS1.3"
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
