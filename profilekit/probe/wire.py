"""The TLS wire format the probe needs, built and parsed here (RFC 8446, RFC 5246, RFC 6101):

- ClientHellos offering exactly the versions, suites, groups, signature schemes and extensions asked for
  (`client_hello`), framed as records (`record`);
- the server's flight split into records and handshake messages (`Reader`), ServerHello/HelloRetryRequest,
  Certificate, ServerKeyExchange, CertificateRequest, CertificateVerify, NewSessionTicket and alerts parsed
  into plain values;
- the TLS 1.3 key schedule (`Tls13Keys`) so a TLS 1.3 server's encrypted flight (certificate, signature
  scheme, CertificateRequest) and its tickets can be read.

Why our own codec and not CryptoParser (MPL-2.0, the first candidate): CryptoParser 1.6.1 installs and
builds these messages, but importing its TLS modules takes ~6 s on every run (cryptoparser.common.x509
imports cryptodatahub.common.stores, which builds enums of every root store and CT log at import), more
than half of the 10 s a whole probe may take, and it pins cryptodatahub==1.6.1 exactly. The subset here is
small, fully tested (tests/test_probe_wire.py), and needs only `cryptography` for the TLS 1.3 ECDHE and AEAD.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from dataclasses import dataclass, field
from typing import Any

# Content types, handshake types and extension code points (IANA TLS registries).
CHANGE_CIPHER_SPEC, ALERT, HANDSHAKE, APPLICATION_DATA = 20, 21, 22, 23
CLIENT_HELLO, SERVER_HELLO, NEW_SESSION_TICKET, ENCRYPTED_EXTENSIONS = 1, 2, 4, 8
CERTIFICATE, SERVER_KEY_EXCHANGE, CERTIFICATE_REQUEST, SERVER_HELLO_DONE = 11, 12, 13, 14
CERTIFICATE_VERIFY, FINISHED = 15, 20
EXT_SERVER_NAME, EXT_SUPPORTED_GROUPS, EXT_EC_POINT_FORMATS, EXT_SIGNATURE_ALGORITHMS = 0, 10, 11, 13
EXT_ENCRYPT_THEN_MAC, EXT_EXTENDED_MASTER_SECRET, EXT_SESSION_TICKET = 22, 23, 35
EXT_EARLY_DATA, EXT_SUPPORTED_VERSIONS, EXT_PSK_KEY_EXCHANGE_MODES, EXT_KEY_SHARE = 42, 43, 45, 51
EXT_RENEGOTIATION_INFO = 0xFF01
SCSV_RENEGOTIATION = 0x00FF

WIRE_VERSIONS: dict[str, int] = {"SSL3.0": 0x0300, "TLS1.0": 0x0301, "TLS1.1": 0x0302, "TLS1.2": 0x0303,
                                 "TLS1.3": 0x0304}
VERSION_NAMES: dict[int, str] = {v: k for k, v in WIRE_VERSIONS.items()}
HRR_RANDOM = hashlib.sha256(b"HelloRetryRequest").digest()

ALERTS: dict[int, str] = {
    0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 22: "record_overflow",
    30: "decompression_failure", 40: "handshake_failure", 41: "no_certificate", 42: "bad_certificate",
    43: "unsupported_certificate", 44: "certificate_revoked", 45: "certificate_expired",
    46: "certificate_unknown", 47: "illegal_parameter", 48: "unknown_ca", 49: "access_denied",
    50: "decode_error", 51: "decrypt_error", 70: "protocol_version", 71: "insufficient_security",
    80: "internal_error", 86: "inappropriate_fallback", 90: "user_canceled", 100: "no_renegotiation",
    109: "missing_extension", 110: "unsupported_extension", 112: "unrecognized_name",
    116: "certificate_required", 120: "no_application_protocol",
}


class WireError(Exception):
    """The peer sent bytes that are not the TLS message they should be."""


def _u8(data: bytes) -> bytes:
    return struct.pack("!B", len(data)) + data


def _u16(data: bytes) -> bytes:
    return struct.pack("!H", len(data)) + data


def _u24(data: bytes) -> bytes:
    return struct.pack("!I", len(data))[1:] + data


def _codes(values: list[int]) -> bytes:
    return b"".join(struct.pack("!H", v) for v in values)


def extension(kind: int, data: bytes) -> bytes:
    """One extension: type, length, data."""
    return struct.pack("!H", kind) + _u16(data)


def handshake(kind: int, body: bytes) -> bytes:
    """A handshake message: type, 24-bit length, body."""
    return struct.pack("!B", kind) + _u24(body)


def record(content_type: int, payload: bytes, version: int = 0x0301) -> bytes:
    """TLS records carrying `payload` (split at 2^14 bytes)."""
    out = b""
    for start in range(0, max(len(payload), 1), 16384):
        chunk = payload[start:start + 16384]
        out += struct.pack("!BHH", content_type, version, len(chunk)) + chunk
    return out


@dataclass(frozen=True)
class Hello:
    """What a ClientHello offers. `versions` are wire versions: one below TLS 1.3 gives the legacy version;
    with TLS 1.3 in it, supported_versions lists them all (legacy version TLS 1.2)."""

    versions: tuple[int, ...]
    suites: tuple[int, ...]
    groups: tuple[int, ...] = ()
    key_shares: tuple[tuple[int, bytes], ...] = ()
    signature_algorithms: tuple[int, ...] = ()
    server_name: str | None = None
    compression: tuple[int, ...] = (0,)
    extended_master_secret: bool = True
    encrypt_then_mac: bool = True
    session_ticket: bool = True
    renegotiation_info: bool = True
    """The empty renegotiation_info extension (RFC 5746 §3.4); SSL 3.0 hellos carry the SCSV instead."""
    psk_modes: tuple[int, ...] = (1,)
    random: bytes = field(default_factory=lambda: os.urandom(32))


def client_hello(hello: Hello) -> bytes:
    """The ClientHello handshake message (with its 4-byte header) for `hello`."""
    tls13 = 0x0304 in hello.versions
    legacy = 0x0303 if tls13 else max(hello.versions)
    suites = list(hello.suites)
    ssl3 = legacy == 0x0300
    if ssl3 and hello.renegotiation_info:
        suites.append(SCSV_RENEGOTIATION)
    body = struct.pack("!H", legacy) + hello.random + _u8(b"") + _u16(_codes(suites)) + _u8(bytes(hello.compression))
    exts = b""
    if not ssl3:
        if hello.server_name:
            name = hello.server_name.encode("idna")
            exts += extension(EXT_SERVER_NAME, _u16(b"\x00" + _u16(name)))
        if hello.groups:
            exts += extension(EXT_SUPPORTED_GROUPS, _u16(_codes(list(hello.groups))))
            exts += extension(EXT_EC_POINT_FORMATS, _u8(b"\x00"))
        if hello.signature_algorithms:
            exts += extension(EXT_SIGNATURE_ALGORITHMS, _u16(_codes(list(hello.signature_algorithms))))
        if hello.encrypt_then_mac:
            exts += extension(EXT_ENCRYPT_THEN_MAC, b"")
        if hello.extended_master_secret:
            exts += extension(EXT_EXTENDED_MASTER_SECRET, b"")
        if hello.session_ticket:
            exts += extension(EXT_SESSION_TICKET, b"")
        if tls13:
            exts += extension(EXT_SUPPORTED_VERSIONS, _u8(_codes(sorted(hello.versions, reverse=True))))
            exts += extension(EXT_PSK_KEY_EXCHANGE_MODES, _u8(bytes(hello.psk_modes)))
            shares = b"".join(struct.pack("!H", g) + _u16(key) for g, key in hello.key_shares)
            exts += extension(EXT_KEY_SHARE, _u16(shares))
        if hello.renegotiation_info:
            exts += extension(EXT_RENEGOTIATION_INFO, b"\x00")
        body += _u16(exts)
    return handshake(CLIENT_HELLO, body)


class _Cursor:
    """Reads big-endian fields from bytes; WireError when they run out."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise WireError(f"message ends after {len(self.data)} bytes, {self.pos + n} expected")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def num(self, n: int) -> int:
        return int.from_bytes(self.take(n), "big")

    def vec(self, n: int) -> bytes:
        return self.take(self.num(n))

    @property
    def left(self) -> int:
        return len(self.data) - self.pos


def parse_extensions(data: bytes) -> dict[int, bytes]:
    """Extension type → data."""
    cur, out = _Cursor(data), {}
    while cur.left:
        kind = cur.num(2)
        out[kind] = cur.vec(2)
    return out


@dataclass(frozen=True)
class ServerHello:
    """A ServerHello (or HelloRetryRequest, `retry`), with the version it really negotiates."""

    version: int
    suite: int
    compression: int
    extensions: dict[int, bytes]
    retry: bool
    session_id: bytes = b""

    @property
    def group(self) -> int | None:
        """The key_share group: the server's share (ServerHello) or the group it asks for (HRR)."""
        data = self.extensions.get(EXT_KEY_SHARE)
        return int.from_bytes(data[:2], "big") if data and len(data) >= 2 else None

    @property
    def key_share(self) -> bytes:
        data = self.extensions.get(EXT_KEY_SHARE, b"")
        return _Cursor(data[2:]).vec(2) if len(data) > 4 and not self.retry else b""


def parse_server_hello(body: bytes) -> ServerHello:
    cur = _Cursor(body)
    legacy = cur.num(2)
    random = cur.take(32)
    session_id = cur.vec(1)
    suite, compression = cur.num(2), cur.num(1)
    exts = parse_extensions(cur.vec(2)) if cur.left else {}
    version = legacy
    if EXT_SUPPORTED_VERSIONS in exts and len(exts[EXT_SUPPORTED_VERSIONS]) == 2:
        version = int.from_bytes(exts[EXT_SUPPORTED_VERSIONS], "big")
    return ServerHello(version, suite, compression, exts, random == HRR_RANDOM, session_id)


def parse_certificates(body: bytes, tls13: bool) -> list[bytes]:
    """The DER certificates of a Certificate message, leaf first."""
    cur = _Cursor(body)
    if tls13:
        cur.vec(1)
    chain, out = _Cursor(cur.vec(3)), []
    while chain.left:
        out.append(chain.vec(3))
        if tls13:
            chain.vec(2)
    return out


@dataclass(frozen=True)
class KeyExchange:
    """What a ServerKeyExchange (TLS ≤ 1.2) shows: the ECDHE group or DHE prime size, and the signature scheme."""

    group: int | None
    dh_bits: int | None
    signature_scheme: int | None


def parse_server_key_exchange(body: bytes, suite_kx: str, version: int) -> KeyExchange:
    cur = _Cursor(body)
    group = dh_bits = None
    if suite_kx in ("ecdhe", "ecdhe_psk", "anon_ecdh"):
        if suite_kx == "ecdhe_psk":
            cur.vec(2)
        if cur.num(1) != 3:
            raise WireError("ServerKeyExchange: only named curves are understood")
        group = cur.num(2)
        cur.vec(1)
    elif suite_kx in ("dhe", "dhe_psk", "anon_dh"):
        if suite_kx == "dhe_psk":
            cur.vec(2)
        prime = cur.vec(2)
        dh_bits = int.from_bytes(prime, "big").bit_length()
        cur.vec(2)
        cur.vec(2)
    else:
        return KeyExchange(None, None, None)
    signed = suite_kx in ("ecdhe", "dhe")
    scheme = cur.num(2) if signed and version >= 0x0303 and cur.left >= 2 else None
    return KeyExchange(group, dh_bits, scheme)


def parse_ticket_early_data(body: bytes) -> int | None:
    """The max_early_data_size a TLS 1.3 NewSessionTicket offers (None: no early_data extension)."""
    cur = _Cursor(body)
    cur.take(8)
    cur.vec(1)
    cur.vec(2)
    exts = parse_extensions(cur.vec(2))
    data = exts.get(EXT_EARLY_DATA)
    return int.from_bytes(data, "big") if data is not None and len(data) == 4 else None


# TLS 1.3 key schedule (RFC 8446 §7), with hmac/hashlib; ECDHE and AEAD from `cryptography`.

def _expand_label(hash_name: str, secret: bytes, label: str, context: bytes, length: int) -> bytes:
    info = struct.pack("!H", length) + _u8(b"tls13 " + label.encode()) + _u8(context)
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(secret, block + info + bytes([counter]), hash_name).digest()
        out += block
        counter += 1
    return out[:length]


def _extract(hash_name: str, salt: bytes, ikm: bytes) -> bytes:
    return hmac.new(salt, ikm, hash_name).digest()


# TLS 1.3 suites: code → (hash, key length, AEAD name).
TLS13_SUITES: dict[int, tuple[str, int, str]] = {
    0x1301: ("sha256", 16, "gcm"), 0x1302: ("sha384", 32, "gcm"), 0x1303: ("sha256", 32, "chacha"),
    0x1304: ("sha256", 16, "ccm"), 0x1305: ("sha256", 16, "ccm8"),
}


class KeyPair:
    """An ephemeral ECDHE key for one TLS 1.3 key share (x25519, x448, secp256r1/384r1/521r1)."""

    GROUPS = (29, 30, 23, 24, 25)

    def __init__(self, group: int) -> None:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec, x448, x25519

        self.group = group
        self._private: Any
        if group == 29:
            self._private = x25519.X25519PrivateKey.generate()
            self.public = self._private.public_key().public_bytes(serialization.Encoding.Raw,
                                                                  serialization.PublicFormat.Raw)
        elif group == 30:
            self._private = x448.X448PrivateKey.generate()
            self.public = self._private.public_key().public_bytes(serialization.Encoding.Raw,
                                                                  serialization.PublicFormat.Raw)
        else:
            curve = {23: ec.SECP256R1(), 24: ec.SECP384R1(), 25: ec.SECP521R1()}[group]
            self._private = ec.generate_private_key(curve)
            self.public = self._private.public_key().public_bytes(serialization.Encoding.X962,
                                                                  serialization.PublicFormat.UncompressedPoint)

    def shared(self, peer: bytes) -> bytes:
        from cryptography.hazmat.primitives.asymmetric import ec, x448, x25519

        if self.group == 29:
            return bytes(self._private.exchange(x25519.X25519PublicKey.from_public_bytes(peer)))
        if self.group == 30:
            return bytes(self._private.exchange(x448.X448PublicKey.from_public_bytes(peer)))
        point = ec.EllipticCurvePublicKey.from_encoded_point(self._private.curve, peer)
        return bytes(self._private.exchange(ec.ECDH(), point))


class _Direction:
    """The AEAD of one direction and its record sequence number."""

    def __init__(self, suite: int, secret: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESCCM, AESGCM, ChaCha20Poly1305

        hash_name, key_len, aead = TLS13_SUITES[suite]
        key = _expand_label(hash_name, secret, "key", b"", key_len)
        self.iv = _expand_label(hash_name, secret, "iv", b"", 12)
        self.aead: Any = (AESGCM(key) if aead == "gcm" else ChaCha20Poly1305(key) if aead == "chacha"
                          else AESCCM(key, tag_length=8 if aead == "ccm8" else 16))
        self.tag = 8 if aead == "ccm8" else 16
        self.seq = 0

    def _nonce(self) -> bytes:
        nonce = bytes(a ^ b for a, b in zip(self.iv, self.seq.to_bytes(12, "big"), strict=True))
        self.seq += 1
        return nonce

    def open(self, header: bytes, payload: bytes) -> tuple[int, bytes]:
        """(inner content type, content) of one protected record."""
        try:
            plain = self.aead.decrypt(self._nonce(), payload, header)
        except Exception as exc:  # cryptography's InvalidTag: the keys do not match the server's
            raise WireError("a protected record does not decrypt") from exc
        plain = plain.rstrip(b"\x00")
        if not plain:
            raise WireError("a protected record has no content type")
        return plain[-1], plain[:-1]

    def seal(self, content_type: int, content: bytes) -> bytes:
        inner = content + bytes([content_type])
        header = struct.pack("!BHH", APPLICATION_DATA, 0x0303, len(inner) + self.tag)
        sealed: bytes = self.aead.encrypt(self._nonce(), inner, header)
        return header + sealed


class Tls13Keys:
    """The handshake and application keys of one TLS 1.3 connection, fed with the transcript."""

    def __init__(self, suite: int, shared: bytes, transcript: bytes) -> None:
        self.suite = suite
        self.hash_name = TLS13_SUITES[suite][0]
        size = hashlib.new(self.hash_name).digest_size
        zero = bytes(size)
        early = _extract(self.hash_name, zero, zero)
        hs = _extract(self.hash_name, self._derive(early, "derived", b""), shared)
        self.client_hs = self._derive(hs, "c hs traffic", transcript)
        server_hs = self._derive(hs, "s hs traffic", transcript)
        self.master = _extract(self.hash_name, self._derive(hs, "derived", b""), zero)
        self.read = _Direction(suite, server_hs)
        self.write = _Direction(suite, self.client_hs)

    def _derive(self, secret: bytes, label: str, transcript: bytes) -> bytes:
        digest = hashlib.new(self.hash_name, transcript).digest()
        return _expand_label(self.hash_name, secret, label, digest, len(digest))

    def client_finished(self, transcript: bytes) -> bytes:
        """The client's Finished message for the transcript so far."""
        size = hashlib.new(self.hash_name).digest_size
        key = _expand_label(self.hash_name, self.client_hs, "finished", b"", size)
        return handshake(FINISHED, hmac.new(key, hashlib.new(self.hash_name, transcript).digest(),
                                            self.hash_name).digest())

    def application(self, transcript: bytes) -> None:
        """Switch the read direction to the server's application traffic keys (transcript up to server
        Finished); the write direction stays on handshake keys until the client's Finished is sent."""
        self.read = _Direction(self.suite, self._derive(self.master, "s ap traffic", transcript))


@dataclass
class Message:
    """One handshake message (type, body, and its bytes for the transcript) or an alert."""

    kind: int
    body: bytes
    raw: bytes


class Reader:
    """Splits what the server sends into records, then handshake messages and alerts; decrypts protected
    records with the TLS 1.3 keys in force when each record is read (`messages` reads lazily, so keys set
    between two messages apply to the records after them)."""

    def __init__(self) -> None:
        self.buffer = b""
        self.handshake = b""
        self.keys: Tls13Keys | None = None
        self.alert: tuple[int, int] | None = None

    def feed(self, data: bytes) -> None:
        self.buffer += data

    def messages(self) -> list[Message]:
        """The next handshake messages: those already decoded, else those of the next complete record
        (empty when none is complete yet); sets `alert` when an alert arrives."""
        while True:
            found = self._split()
            if found or len(self.buffer) < 5:
                return found
            content_type, _version, length = struct.unpack("!BHH", self.buffer[:5])
            if content_type not in (CHANGE_CIPHER_SPEC, ALERT, HANDSHAKE, APPLICATION_DATA):
                raise WireError(f"not a TLS record (content type {content_type})")
            if len(self.buffer) < 5 + length:
                return []
            header, payload = self.buffer[:5], self.buffer[5:5 + length]
            self.buffer = self.buffer[5 + length:]
            if content_type == APPLICATION_DATA:
                if self.keys is None:
                    raise WireError("application data before the handshake ended")
                content_type, payload = self.keys.read.open(header, payload)
            if content_type == ALERT and len(payload) >= 2:
                self.alert = (payload[0], payload[1])
                return []
            if content_type == HANDSHAKE:
                self.handshake += payload

    def _split(self) -> list[Message]:
        if len(self.handshake) < 4:
            return []
        size = int.from_bytes(self.handshake[1:4], "big")
        if len(self.handshake) < 4 + size:
            return []
        raw = self.handshake[:4 + size]
        self.handshake = self.handshake[4 + size:]
        return [Message(raw[0], raw[4:], raw)]
