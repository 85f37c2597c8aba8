"""The probe's TLS codec without a network: ClientHello bytes, ServerHello/HRR/Certificate/ServerKeyExchange/
ticket parsing, records split anywhere, and the TLS 1.3 key schedule against RFC 8448's vectors."""

from __future__ import annotations

import struct

import pytest

from profilekit.probe import wire
from profilekit.probe.wire import Hello, Reader, WireError


def _fields(ch: bytes) -> tuple[int, list[int], list[int], dict[int, bytes]]:
    assert ch[0] == wire.CLIENT_HELLO and int.from_bytes(ch[1:4], "big") == len(ch) - 4
    body = ch[4:]
    legacy = int.from_bytes(body[:2], "big")
    pos = 2 + 32
    pos += 1 + body[pos]
    n = int.from_bytes(body[pos:pos + 2], "big")
    suites = [int.from_bytes(body[pos + 2 + i:pos + 4 + i], "big") for i in range(0, n, 2)]
    pos += 2 + n
    compression = list(body[pos + 1:pos + 1 + body[pos]])
    pos += 1 + body[pos]
    exts = wire.parse_extensions(body[pos + 2:]) if pos < len(body) else {}
    return legacy, suites, compression, exts


def test_tls12_client_hello_offers_exactly_what_it_is_told() -> None:
    ch = wire.client_hello(Hello(versions=(0x0303,), suites=(0xC02B, 0x009C), groups=(29, 23),
                                 signature_algorithms=(0x0403,), server_name="gw.example.net", compression=(1, 0)))
    legacy, suites, compression, exts = _fields(ch)
    assert legacy == 0x0303 and suites == [0xC02B, 0x009C] and compression == [1, 0]
    assert exts[wire.EXT_SUPPORTED_GROUPS] == b"\x00\x04\x00\x1d\x00\x17"
    assert exts[wire.EXT_SERVER_NAME] == b"\x00\x11\x00\x00\x0egw.example.net"
    assert exts[wire.EXT_RENEGOTIATION_INFO] == b"\x00"
    assert wire.EXT_EXTENDED_MASTER_SECRET in exts and wire.EXT_ENCRYPT_THEN_MAC in exts
    assert wire.EXT_SUPPORTED_VERSIONS not in exts and wire.EXT_KEY_SHARE not in exts


def test_tls13_client_hello_uses_supported_versions_and_key_share() -> None:
    ch = wire.client_hello(Hello(versions=(0x0304,), suites=(0x1301,), groups=(29,), key_shares=((29, b"k" * 32),)))
    legacy, _, _, exts = _fields(ch)
    assert legacy == 0x0303
    assert exts[wire.EXT_SUPPORTED_VERSIONS] == b"\x02\x03\x04"
    assert exts[wire.EXT_KEY_SHARE] == b"\x00\x24\x00\x1d\x00\x20" + b"k" * 32
    assert exts[wire.EXT_PSK_KEY_EXCHANGE_MODES] == b"\x01\x01"


def test_ssl3_client_hello_has_no_extensions_but_the_scsv() -> None:
    legacy, suites, _, exts = _fields(wire.client_hello(Hello(versions=(0x0300,), suites=(0x002F,))))
    assert legacy == 0x0300 and suites == [0x002F, wire.SCSV_RENEGOTIATION] and exts == {}


def _server_hello(version: int, suite: int, exts: bytes, random: bytes = b"r" * 32) -> bytes:
    head = struct.pack("!H", version) + random + b"\x00" + struct.pack("!HB", suite, 0)
    return head + struct.pack("!H", len(exts)) + exts


def test_server_hello_and_hello_retry_request() -> None:
    sh = wire.parse_server_hello(_server_hello(0x0303, 0x1301, b"\x00\x2b\x00\x02\x03\x04"
                                               + b"\x00\x33\x00\x06\x00\x1d\x00\x02ab"))
    assert sh.version == 0x0304 and sh.suite == 0x1301 and sh.group == 29 and sh.key_share == b"ab" and not sh.retry
    hrr = wire.parse_server_hello(_server_hello(0x0303, 0x1302, b"\x00\x2b\x00\x02\x03\x04\x00\x33\x00\x02\x00\x17",
                                                wire.HRR_RANDOM))
    assert hrr.retry and hrr.group == 23 and hrr.key_share == b""
    old = wire.parse_server_hello(_server_hello(0x0301, 0xC013, b""))
    assert old.version == 0x0301 and old.extensions == {}
    with pytest.raises(WireError):
        wire.parse_server_hello(b"\x03\x03short")


def test_certificates_tls12_and_tls13() -> None:
    chain12 = b"\x00\x00\x03abc" + b"\x00\x00\x02de"
    assert wire.parse_certificates(b"\x00\x00" + bytes([len(chain12)]) + chain12, tls13=False) == [b"abc", b"de"]
    entry = b"\x00\x00\x03abc\x00\x00"
    assert wire.parse_certificates(b"\x00" + b"\x00\x00" + bytes([len(entry)]) + entry, tls13=True) == [b"abc"]


def test_server_key_exchange_groups_and_schemes() -> None:
    ecdhe = b"\x03\x00\x1d\x02xy" + b"\x04\x03\x00\x01s"
    assert wire.parse_server_key_exchange(ecdhe, "ecdhe", 0x0303) == wire.KeyExchange(29, None, 0x0403)
    assert wire.parse_server_key_exchange(ecdhe, "ecdhe", 0x0301).signature_scheme is None
    dhe = b"\x00\x02\xff\xff" + b"\x00\x01\x02" + b"\x00\x01\x05" + b"\x08\x04\x00\x00"
    assert wire.parse_server_key_exchange(dhe, "dhe", 0x0303) == wire.KeyExchange(None, 16, 0x0804)


def test_ticket_early_data() -> None:
    base = b"\x00\x00\x1c\x20" + b"\x00\x00\x00\x01" + b"\x01n" + b"\x00\x02tk"
    assert wire.parse_ticket_early_data(base + b"\x00\x08\x00\x2a\x00\x04\x00\x00\x40\x00") == 16384
    assert wire.parse_ticket_early_data(base + b"\x00\x00") is None


def test_reader_joins_records_split_anywhere_and_reads_alerts() -> None:
    msg1, msg2 = wire.handshake(2, b"x" * 10), wire.handshake(14, b"")
    data = wire.record(22, msg1[:7]) + wire.record(22, msg1[7:] + msg2) + wire.record(21, b"\x02\x28")
    reader, seen = Reader(), []
    for i in range(len(data)):
        reader.feed(data[i:i + 1])
        while found := reader.messages():
            seen += found
    assert [m.kind for m in seen] == [2, 14] and seen[0].raw == msg1
    assert reader.alert == (2, 40) and wire.ALERTS[reader.alert[1]] == "handshake_failure"
    with pytest.raises(WireError):
        bad = Reader()
        bad.feed(b"HTTP/1.1 400 Bad Request\r\n")
        bad.messages()


def test_tls13_key_schedule_matches_rfc8448() -> None:
    """RFC 8448 §3 (simple 1-RTT handshake): early secret, derived secret and the traffic keys from the
    published shared secret and transcript hash inputs."""
    early = wire._extract("sha256", bytes(32), bytes(32))
    assert early.hex() == "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a"
    derived = wire._expand_label("sha256", early, "derived",
                                 bytes.fromhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), 32)
    assert derived.hex() == "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"
    shared = bytes.fromhex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d")
    handshake_secret = wire._extract("sha256", derived, shared)
    assert handshake_secret.hex() == "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac"
    server_hs = bytes.fromhex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38")
    assert wire._expand_label("sha256", server_hs, "key", b"", 16).hex() == "3fce516009c21727d0f2e4e86ee403bc"
    assert wire._expand_label("sha256", server_hs, "iv", b"", 12).hex() == "5d313eb2671276ee13000b30"


def test_protected_records_round_trip_and_refuse_wrong_keys() -> None:
    pytest.importorskip("cryptography")
    keys = wire.Tls13Keys(0x1301, b"s" * 32, b"transcript")
    sealed = keys.write.seal(wire.HANDSHAKE, b"hello")
    mirror = wire.Tls13Keys(0x1301, b"s" * 32, b"transcript")
    mirror.read = wire._Direction(0x1301, keys.client_hs)
    assert mirror.read.open(sealed[:5], sealed[5:]) == (wire.HANDSHAKE, b"hello")
    with pytest.raises(WireError):
        wire.Tls13Keys(0x1301, b"t" * 32, b"transcript").read.open(sealed[:5], sealed[5:])
