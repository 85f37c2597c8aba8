"""One probe connection: send a hand-built ClientHello, read the server's answer as far as asked, close.

Every connection counts as one handshake (`Connector.count`), is bounded by the timeout (connect, each
read, and the whole exchange), and never carries application data: the probe sends ClientHello, and for a
TLS 1.3 handshake it completes (tickets, client authentication) an empty Certificate and Finished only.
"""

from __future__ import annotations

import hashlib
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from profilekit.catalog.ciphers import by_code
from profilekit.probe.wire import (
    ALERTS,
    CERTIFICATE,
    CERTIFICATE_REQUEST,
    CERTIFICATE_VERIFY,
    ENCRYPTED_EXTENSIONS,
    FINISHED,
    HANDSHAKE,
    NEW_SESSION_TICKET,
    SERVER_HELLO,
    SERVER_HELLO_DONE,
    SERVER_KEY_EXCHANGE,
    TLS13_SUITES,
    Hello,
    KeyExchange,
    KeyPair,
    Reader,
    ServerHello,
    Tls13Keys,
    WireError,
    client_hello,
    handshake,
    parse_certificates,
    parse_server_hello,
    parse_server_key_exchange,
    parse_ticket_early_data,
    record,
)


class ClientKey:
    """A client certificate chain and its private key, for TLS 1.3 handshakes the probe completes itself
    (the key is read from its file and only ever used to sign)."""

    def __init__(self, cert: Path, key: Path) -> None:
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization

        self.chain = [c.public_bytes(serialization.Encoding.DER)
                      for c in x509.load_pem_x509_certificates(cert.read_bytes())]
        self._key: Any = serialization.load_pem_private_key(key.read_bytes(), password=None)

    def certificate_verify(self, hash_name: str, transcript: bytes) -> bytes:
        """CertificateVerify over the transcript (RFC 8446 §4.4.3): ECDSA with the curve's hash, RSA-PSS
        (rsae) with SHA-256, or Ed25519/Ed448."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa

        content = b" " * 64 + b"TLS 1.3, client CertificateVerify\0" + hashlib.new(hash_name, transcript).digest()
        key = self._key
        if isinstance(key, ec.EllipticCurvePrivateKey):
            scheme, digest = {256: (0x0403, hashes.SHA256()), 384: (0x0503, hashes.SHA384()),
                              521: (0x0603, hashes.SHA512())}[key.curve.key_size]
            signature = key.sign(content, ec.ECDSA(digest))
        elif isinstance(key, rsa.RSAPrivateKey):
            scheme = 0x0804
            signature = key.sign(content, padding.PSS(padding.MGF1(hashes.SHA256()), 32), hashes.SHA256())
        elif isinstance(key, ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey):
            scheme = 0x0807 if isinstance(key, ed25519.Ed25519PrivateKey) else 0x0808
            signature = key.sign(content)
        else:
            raise WireError(f"cannot sign a CertificateVerify with a {type(key).__name__}")
        return handshake(CERTIFICATE_VERIFY, scheme.to_bytes(2, "big") + len(signature).to_bytes(2, "big")
                         + signature)


class Unreachable(Exception):
    """Nothing answers at the address (refused, unreachable, timed out): exit code 2."""


@dataclass
class Flight:
    """What one connection showed."""

    hello: ServerHello | None = None
    certificates: list[bytes] = field(default_factory=list)
    key_exchange: KeyExchange | None = None
    signature_scheme: int | None = None
    certificate_request: bool = False
    alert: str | None = None
    """The alert the server sent (name), if any."""
    error: str = ""
    """Why the exchange ended early without an alert (closed, timed out, malformed)."""
    finished: bool = False
    """TLS 1.3: the handshake completed (our Finished sent) and no alert followed."""
    tickets: list[int | None] = field(default_factory=list)
    """TLS 1.3: max_early_data_size of each NewSessionTicket (None: no early_data)."""

    @property
    def accepted(self) -> bool:
        """The server answered with a ServerHello or HelloRetryRequest."""
        return self.hello is not None

    @property
    def why_refused(self) -> str:
        return f"alert {self.alert}" if self.alert else self.error or "no ServerHello"


@dataclass
class Connector:
    """Opens the probe's connections to one endpoint and counts them."""

    host: str
    port: int
    timeout: float
    count: int = 0
    progress: Callable[[str], None] = field(default=lambda _message: None)

    def _connect(self) -> socket.socket:
        self.count += 1
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            raise Unreachable(f"cannot connect to {self.host}:{self.port}: {exc.strerror or exc}") from None
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def exchange(self, hello: Hello, *, until: str = "hello", key: KeyPair | None = None,
                 client: ClientKey | None = None) -> Flight:
        """Send `hello`, read until `until`: "hello" (ServerHello or HRR), "flight" (the server's whole first
        flight: to ServerHelloDone, or for TLS 1.3 to its Finished, decrypted with `key`'s share) or "finish"
        (TLS 1.3: also send, if asked, `client`'s certificate and CertificateVerify or an empty Certificate,
        then Finished, and read tickets or an alert)."""
        flight = Flight()
        deadline = time.monotonic() + self.timeout
        sock = self._connect()
        try:
            first = hello.versions and max(hello.versions) == 0x0300
            sock.sendall(record(HANDSHAKE, (ch := client_hello(hello)), 0x0300 if first else 0x0301))
            self._read(sock, flight, ch, until, key, deadline, client)
        except TimeoutError:
            flight.error = f"no answer within {self.timeout:g} s"
        except WireError as exc:
            flight.error = f"malformed answer: {exc}"
        except OSError as exc:
            flight.error = f"connection failed: {exc.strerror or exc}"
        finally:
            sock.close()
        return flight

    def _read(self, sock: socket.socket, flight: Flight, ch: bytes, until: str, key: KeyPair | None,
              deadline: float, client: ClientKey | None) -> None:
        reader = Reader()
        transcript = ch
        keys: Tls13Keys | None = None
        request_context: bytes | None = None
        tls13 = False
        while True:
            while msgs := reader.messages():
                msg = msgs[0]
                if msg.kind == SERVER_HELLO and flight.hello is None:
                    flight.hello = parse_server_hello(msg.body)
                    tls13 = flight.hello.version == 0x0304
                    transcript += msg.raw
                    if until == "hello" or flight.hello.retry:
                        return
                    if tls13:
                        if key is None or flight.hello.group != key.group or flight.hello.suite not in TLS13_SUITES:
                            flight.error = "no key share to read the TLS 1.3 flight"
                            return
                        keys = Tls13Keys(flight.hello.suite, key.shared(flight.hello.key_share), transcript)
                        reader.keys = keys
                    continue
                if flight.hello is None:
                    raise WireError(f"handshake message {msg.kind} before ServerHello")
                if msg.kind == NEW_SESSION_TICKET and tls13:
                    flight.tickets.append(parse_ticket_early_data(msg.body))
                    deadline = min(deadline, time.monotonic() + 0.05)  # more tickets follow at once, if any
                    continue
                transcript += msg.raw
                if msg.kind == CERTIFICATE:
                    flight.certificates = parse_certificates(msg.body, tls13)
                elif msg.kind == SERVER_KEY_EXCHANGE and not tls13:
                    flight.key_exchange = parse_server_key_exchange(msg.body, _kx(flight.hello.suite),
                                                                    flight.hello.version)
                    flight.signature_scheme = flight.key_exchange.signature_scheme
                elif msg.kind == CERTIFICATE_REQUEST:
                    flight.certificate_request = True
                    request_context = msg.body[1:1 + msg.body[0]] if tls13 and msg.body else b""
                elif msg.kind == CERTIFICATE_VERIFY:
                    flight.signature_scheme = int.from_bytes(msg.body[:2], "big")
                elif msg.kind == SERVER_HELLO_DONE and not tls13:
                    return
                elif msg.kind == FINISHED and tls13 and keys is not None:
                    if until != "finish":
                        return
                    keys.application(transcript)
                    out = b""
                    if request_context is not None:
                        chain = client.chain if client is not None else []
                        entries = b"".join(len(der).to_bytes(3, "big") + der + b"\0\0" for der in chain)
                        certificate = handshake(CERTIFICATE, bytes([len(request_context)]) + request_context
                                                + len(entries).to_bytes(3, "big") + entries)
                        out += keys.write.seal(HANDSHAKE, certificate)
                        transcript += certificate
                        if client is not None:
                            verify = client.certificate_verify(keys.hash_name, transcript)
                            out += keys.write.seal(HANDSHAKE, verify)
                            transcript += verify
                    out += keys.write.seal(HANDSHAKE, keys.client_finished(transcript))
                    sock.sendall(out)
                    flight.finished = True
                    # No ticket may come (tickets off): wait briefly, never the whole timeout.
                    deadline = min(deadline, time.monotonic() + min(self.timeout, 0.5))
                elif msg.kind not in (ENCRYPTED_EXTENSIONS,):
                    pass
            if reader.alert is not None:
                flight.alert = ALERTS.get(reader.alert[1], f"alert {reader.alert[1]}")
                flight.finished = False
                return
            left = deadline - time.monotonic()
            if left <= 0:
                if flight.finished or flight.tickets:
                    return
                raise TimeoutError
            sock.settimeout(left)
            try:
                data = sock.recv(65536)
            except TimeoutError:
                if flight.finished:
                    return
                raise
            if not data:
                if not flight.finished:
                    flight.error = "the server closed the connection"
                return
            reader.feed(data)


def _kx(code: int) -> str:
    suite = by_code(code)
    return suite.key_exchange if suite is not None else "unknown"
