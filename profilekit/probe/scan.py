"""What the endpoint does, found with as few handshakes as the questions allow (`scan`).

- Versions: one ClientHello per version (SSL 3.0 … TLS 1.3) offering the catalogue's suites of that version
  (the profile's first), in batches of BATCH until the server answers with a version.
- Cipher suites per accepted version: the profile's suites first, then every other suite of the IANA
  catalogue, in batches; the server picks one, it is removed, the batch is offered again until the server
  refuses — so each accepted suite costs one handshake and each batch one more. Then the accepted suites are
  offered in forward and in reversed order, again by elimination: the two selection sequences show whether
  the server enforces its own order, what that order is, and whether it depends on the client's offer.
- Groups the same way: TLS 1.3 with an empty key_share (the HelloRetryRequest names the group), TLS 1.2
  from the ServerKeyExchange of an ECDHE suite.
- Signature schemes by elimination over signature_algorithms, read from the ServerKeyExchange (TLS 1.2) or
  the decrypted CertificateVerify (TLS 1.3); certificates from the same flights.
- Client authentication, tickets, 0-RTT: a TLS 1.3 handshake completed with an empty Certificate; with Python's
  ssl (a full OpenSSL client) the unknown-CA client, the user's client certificate and the chain to --ca.
- Compression, renegotiation_info, extended master secret, encrypt-then-MAC, session_ticket: TLS ≤ 1.2
  ServerHello extensions.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from profilekit.catalog.ciphers import all_suites, by_code
from profilekit.catalog.groups import GROUPS
from profilekit.catalog.signature_schemes import SIGNATURE_SCHEMES
from profilekit.probe.session import ClientKey, Connector, Flight
from profilekit.probe.wire import WIRE_VERSIONS, Hello, KeyPair

VERSIONS = ("SSL3.0", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3")
BATCH = 128
"""Suites per ClientHello in the discovery scan (servers cope with larger hellos; some middleboxes do not)."""
COMPRESSION = {"deflate": 1, "lzs": 64}
SUITE_NAMES = {s.code: s.iana for s in all_suites()}
GROUP_NAMES = {g.code: g.name for g in GROUPS.values()}
SCHEME_NAMES = {s.code: s.name for s in SIGNATURE_SCHEMES.values()}


@dataclass(frozen=True)
class Wanted:
    """What the profile lists, in its order (the probe offers these first)."""

    suites: tuple[str, ...]
    groups: tuple[str, ...]
    signature_algorithms: tuple[str, ...]
    server_name: str | None
    client_cert: tuple[Path, Path] | None = None
    ca: Path | None = None


@dataclass
class Order:
    """An elimination scan of one kind of item (suites or groups) at one version."""

    accepted: list[str] = field(default_factory=list)
    """Everything the server accepted, in the order it was found."""
    forward: list[str] = field(default_factory=list)
    """The server's picks when offered `accepted` in the probe's order (the profile's first)."""
    reverse: list[str] = field(default_factory=list)
    """The server's picks when offered `accepted` in reversed order."""
    preference: str = "single"
    """`server` (the same picks both ways), `client` (the offer's order both ways), `mixed`, `single`."""
    chacha_priority: bool = False
    """The picks differ only in ChaCha20 suites moving first when the client offers one first."""
    limited: bool = False
    """The scan had to offer one item with every other (TLS 1.2 groups with an ECDSA certificate)."""

    @property
    def server_order(self) -> list[str] | None:
        """The server's own order, where it has one."""
        return self.forward if self.preference in ("server", "single") or self.chacha_priority else None

    def to_record(self) -> dict[str, Any]:
        return {"accepted": self.accepted, "forward": self.forward, "reverse": self.reverse,
                "preference": self.preference, "chacha_priority": self.chacha_priority,
                "limited": self.limited}


@dataclass
class Certificate:
    """The facts the profile constrains of one certificate the server sent."""

    der: bytes
    key_type: str
    key_bits: int
    signature_hash: str | None
    lifetime_days: float
    subject: str
    self_signed: bool
    not_after: str

    def to_record(self) -> dict[str, Any]:
        return {"key_type": self.key_type, "key_bits": self.key_bits, "signature_hash": self.signature_hash,
                "lifetime_days": round(self.lifetime_days, 2), "subject": self.subject,
                "self_signed": self.self_signed, "not_after": self.not_after}


@dataclass
class Observations:
    """Everything the probe saw. None means: not observed (and `notes` says why)."""

    versions: dict[str, bool] = field(default_factory=dict)
    version_detail: dict[str, str] = field(default_factory=dict)
    suites: dict[str, Order] = field(default_factory=dict)
    groups: dict[str, Order] = field(default_factory=dict)
    signature_schemes: dict[str, list[str]] = field(default_factory=dict)
    certificates: list[Certificate] = field(default_factory=list)
    chain: str | None = None
    """`verified`, or why not; None without --ca."""
    certificate_request: bool | None = None
    no_certificate: str | None = None
    """`refused` / `accepted` for a client without a certificate."""
    unknown_ca: str | None = None
    given_certificate: str | None = None
    compression: list[str] | None = None
    secure_renegotiation: bool | None = None
    extended_master_secret: bool | None = None
    encrypt_then_mac: bool | None = None
    tickets_tls12: bool | None = None
    tickets_tls13: bool | None = None
    early_data: int | None = None
    """The largest max_early_data_size a ticket offered (0: tickets without early_data)."""
    notes: list[str] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {
            "versions": self.versions, "cipher_suites": {v: o.to_record() for v, o in self.suites.items()},
            "groups": {v: o.to_record() for v, o in self.groups.items()},
            "signature_schemes": self.signature_schemes,
            "certificates": [c.to_record() for c in self.certificates], "chain": self.chain,
            "client_authentication": {"certificate_request": self.certificate_request,
                                      "no_certificate": self.no_certificate, "unknown_ca": self.unknown_ca,
                                      "given_certificate": self.given_certificate},
            "compression": self.compression, "secure_renegotiation": self.secure_renegotiation,
            "extended_master_secret": self.extended_master_secret, "encrypt_then_mac": self.encrypt_then_mac,
            "session_tickets": {"tls12": self.tickets_tls12, "tls13": self.tickets_tls13},
            "early_data": self.early_data, "notes": self.notes,
        }


def _first_wanted(wanted: tuple[str, ...], names: dict[int, str], usable: list[int]) -> list[int]:
    """`usable` code points with the profile's (by name, in its order) first."""
    codes = {name: code for code, name in names.items()}
    first = [codes[n] for n in wanted if n in codes and codes[n] in usable]
    return first + [c for c in usable if c not in first]


class Scanner:
    """Runs the scans against one endpoint; `obs` collects what they find."""

    def __init__(self, connector: Connector, wanted: Wanted, progress: Callable[[str], None]) -> None:
        self.conn = connector
        self.wanted = wanted
        self.progress = progress
        self.obs = Observations()
        self._der_seen: set[bytes] = set()

    # ClientHellos

    def suites_for(self, version: str) -> list[int]:
        usable = [s.code for s in all_suites() if s.code and s.usable_with(version)]
        return _first_wanted(self.wanted.suites, SUITE_NAMES, usable)

    def groups_for(self, version: str) -> list[int]:
        usable = [g.code for g in GROUPS.values() if (g.tls13 if version == "TLS1.3" else g.tls12)]
        return _first_wanted(self.wanted.groups, GROUP_NAMES, usable)

    def schemes_for(self, version: str) -> list[int]:
        usable = [s.code for s in SIGNATURE_SCHEMES.values() if (s.tls13 if version == "TLS1.3" else s.tls12)]
        return _first_wanted(self.wanted.signature_algorithms, SCHEME_NAMES, usable)

    def hello(self, version: str, suites: list[int], *, groups: list[int] | None = None,
              schemes: list[int] | None = None, key: KeyPair | None = None, **flags: Any) -> Hello:
        return Hello(versions=(WIRE_VERSIONS[version],), suites=tuple(suites),
                     groups=tuple(self.groups_for(version) if groups is None else groups),
                     key_shares=((key.group, key.public),) if key is not None else (),
                     signature_algorithms=tuple(self.schemes_for(version) if schemes is None else schemes),
                     server_name=self.wanted.server_name, **flags)

    def _accepted(self, flight: Flight, version: str) -> bool:
        return flight.accepted and flight.hello is not None and flight.hello.version == WIRE_VERSIONS[version]

    # Scans

    def versions(self) -> None:
        self.progress("protocol versions")
        for version in VERSIONS:
            suites = self.suites_for(version)
            for start in range(0, len(suites), BATCH):  # long suite lists trip some servers: batches
                flight = self.conn.exchange(self.hello(version, suites[start:start + BATCH]))
                if flight.hello is not None or flight.alert == "protocol_version":
                    break  # a version answer (this one or another): no need to offer more suites
            ok = self._accepted(flight, version)
            self.obs.versions[version] = ok
            if not ok:
                got = flight.hello.version if flight.hello else None
                self.obs.version_detail[version] = (f"answered with {_version_name(got)}" if got is not None
                                                    else flight.why_refused)

    def _eliminate(self, offer: list[int], pick: Callable[[list[int]], int | None], *, known: bool) -> list[int]:
        """The server's picks as each pick is removed from the offer; `known`: every offered item is
        accepted, so the last one needs no handshake."""
        remaining, picks = list(offer), []
        while remaining:
            if known and len(remaining) == 1:
                picks.append(remaining[0])
                break
            chosen = pick(remaining)
            if chosen is None or chosen not in remaining:
                if chosen is not None:
                    self.obs.notes.append(f"the server chose {chosen:#06x}, which was not offered")
                break
            picks.append(chosen)
            remaining.remove(chosen)
        return picks

    def _order(self, candidates: list[int], pick: Callable[[list[int]], int | None],
               names: dict[int, str]) -> Order:
        accepted: list[int] = []
        batches: list[list[int]] = []
        for start in range(0, len(candidates), BATCH):
            found = self._eliminate(candidates[start:start + BATCH], pick, known=False)
            accepted += found
            if found:
                batches.append(found)
        order = Order(accepted=[names[c] for c in accepted])
        if len(accepted) <= 1:
            order.forward = order.reverse = list(order.accepted)
            return order
        forward = batches[0] if len(batches) == 1 else self._eliminate(accepted, pick, known=True)
        reverse = self._eliminate(accepted, lambda rest: pick(rest[::-1]), known=True)
        order.forward, order.reverse = [names[c] for c in forward], [names[c] for c in reverse]
        offered = [names[c] for c in accepted]
        if order.forward == order.reverse:
            order.preference = "server"
        elif order.forward == offered and order.reverse == offered[::-1]:
            order.preference = "client"
        else:
            order.preference = "mixed"
            not_chacha = [n for n in order.forward if "CHACHA20" not in n]
            moved = [n for n in order.reverse if "CHACHA20" in n]
            if (not_chacha == [n for n in order.reverse if "CHACHA20" not in n] and moved
                    and order.reverse[:len(moved)] == moved):
                order.chacha_priority = True
        return order

    def suites(self) -> None:
        for version in VERSIONS:
            if not self.obs.versions.get(version):
                continue
            self.progress(f"{version} cipher suites")

            def pick(offer: list[int], version: str = version) -> int | None:
                flight = self.conn.exchange(self.hello(version, offer))
                return flight.hello.suite if self._accepted(flight, version) and flight.hello else None

            self.obs.suites[version] = self._order(self.suites_for(version), pick, SUITE_NAMES)

    def groups(self) -> None:
        if self.obs.versions.get("TLS1.3"):
            self.progress("TLS1.3 groups")
            suites = self._codes(self.obs.suites["TLS1.3"].accepted)

            def pick13(offer: list[int]) -> int | None:
                flight = self.conn.exchange(self.hello("TLS1.3", suites, groups=offer))
                return flight.hello.group if self._accepted(flight, "TLS1.3") and flight.hello else None

            self.obs.groups["TLS1.3"] = self._order(self.groups_for("TLS1.3"), pick13, GROUP_NAMES)

    def groups12(self) -> None:
        """TLS ≤ 1.2 groups, from the ServerKeyExchange of ECDHE suites (after `signatures`, which found the
        certificates)."""
        version = self._tls12_version()
        if version is None:
            return
        ecdhe = [c for c in self._codes(self.obs.suites[version].accepted)
                 if (s := by_code(c)) is not None and s.key_exchange == "ecdhe"]
        rsa = [c for c in ecdhe if (s := by_code(c)) is not None and s.authentication == "rsa"]
        if not ecdhe:
            return
        self.progress(f"{version} groups")
        # With an ECDSA certificate a TLS 1.2 server needs its certificate's curve among the client's groups
        # (RFC 8422 §5.1; OpenSSL enforces it): ECDHE_RSA suites keep the scan free of that condition.
        suites, curve = (rsa, None) if rsa else (ecdhe, self._certificate_curve())

        def pick12(offer: list[int]) -> int | None:
            groups = offer if curve is None or curve in offer else [*offer, curve]
            flight = self.conn.exchange(self.hello(version, suites, groups=groups), until="flight")
            self._certificates(flight)
            chosen = flight.key_exchange.group if flight.key_exchange else None
            return None if chosen is not None and chosen not in offer else chosen

        candidates = [c for c in self.groups_for(version) if GROUPS[GROUP_NAMES[c]].family == "ec"]
        self.obs.groups[version] = self._order(candidates, pick12, GROUP_NAMES)
        self.obs.groups[version].limited = curve is not None
        if curve is not None:
            self.obs.notes.append(f"{version} groups scanned with an ECDSA certificate: its curve "
                                  f"{GROUP_NAMES[curve]} was offered with every group, so groups the server ranks "
                                  "below it may be missing")

    def _certificate_curve(self) -> int | None:
        for cert in self.obs.certificates:
            if cert.key_type == "ecdsa":
                return {256: 23, 384: 24, 521: 25}.get(cert.key_bits)
        return None

    def _tls12_version(self) -> str | None:
        """The highest accepted version below TLS 1.3 that has accepted suites."""
        for version in ("TLS1.2", "TLS1.1", "TLS1.0", "SSL3.0"):
            if self.obs.versions.get(version) and self.obs.suites.get(version, Order()).accepted:
                return version
        return None

    def _codes(self, names: list[str]) -> list[int]:
        codes = {n: c for c, n in SUITE_NAMES.items()}
        return [codes[n] for n in names]

    def _key(self) -> KeyPair | None:
        """A key share for the server's first TLS 1.3 group, when the probe can make one."""
        order = self.obs.groups.get("TLS1.3")
        for name in order.forward if order else []:
            if GROUPS[name].code in KeyPair.GROUPS:
                return KeyPair(GROUPS[name].code)
        return None

    def _certificates(self, flight: Flight) -> None:
        for der in flight.certificates[:1]:
            if der not in self._der_seen:
                self._der_seen.add(der)
                self.obs.certificates.append(describe(der))

    def signatures(self) -> None:
        """Signature schemes by elimination; certificates and the CertificateRequest come with them."""
        if self.obs.versions.get("TLS1.3"):
            self.progress("TLS1.3 signature schemes and certificates")
            suites = self._codes(self.obs.suites["TLS1.3"].accepted)
            order = self.obs.groups.get("TLS1.3")
            if self._key() is None:
                self.obs.notes.append("TLS 1.3 flight not read: the server accepts no group the probe can make a "
                                      "key share for (x25519, x448, secp256r1, secp384r1, secp521r1)")
            else:

                def pick13(offer: list[int]) -> int | None:
                    key = self._key()
                    assert key is not None and order is not None
                    flight = self.conn.exchange(self.hello("TLS1.3", suites, groups=[key.group], schemes=offer,
                                                           key=key), until="flight", key=key)
                    self._certificates(flight)
                    if flight.accepted and flight.signature_scheme is not None:
                        self.obs.certificate_request = self.obs.certificate_request or flight.certificate_request
                    return flight.signature_scheme

                picks = self._eliminate(self.schemes_for("TLS1.3"), pick13, known=False)
                self.obs.signature_schemes["TLS1.3"] = [SCHEME_NAMES[c] for c in picks]
        version = self._tls12_version()
        if version is None:
            return
        accepted = self._codes(self.obs.suites[version].accepted)
        by_auth: dict[str, list[int]] = {}
        for code in accepted:
            suite = by_code(code)
            if suite is not None:
                by_auth.setdefault(suite.authentication, []).append(code)
        self.progress(f"{version} certificates and signature schemes")
        for codes in by_auth.values():  # one flight per kind of certificate the suites need
            flight = self.conn.exchange(self.hello(version, codes), until="flight")
            self._certificates(flight)
            if flight.accepted:
                request = flight.certificate_request
                self.obs.certificate_request = bool(self.obs.certificate_request) or request
        signed = [c for c in accepted if (s := by_code(c)) is not None and s.key_exchange in ("ecdhe", "dhe")]
        if version == "TLS1.2" and signed:

            def pick12(offer: list[int]) -> int | None:
                flight = self.conn.exchange(self.hello(version, signed, schemes=offer), until="flight")
                self._certificates(flight)
                return flight.signature_scheme

            picks = self._eliminate(self.schemes_for(version), pick12, known=False)
            self.obs.signature_schemes[version] = [SCHEME_NAMES[c] for c in picks]

    def features(self) -> None:
        """TLS ≤ 1.2 extensions and compression; TLS 1.3 tickets, 0-RTT and the certificate-less client."""
        version = self._tls12_version()
        if version is not None:
            self.progress(f"{version} extensions and compression")
            accepted = self._codes(self.obs.suites[version].accepted)
            flight = self.conn.exchange(self.hello(version, accepted))
            if flight.hello is not None:
                ext = flight.hello.extensions
                self.obs.secure_renegotiation = 0xFF01 in ext
                self.obs.extended_master_secret = 23 in ext
                self.obs.tickets_tls12 = 35 in ext
            cbc = [c for c in accepted if (s := by_code(c)) is not None and s.mode == "cbc"]
            if cbc:
                flight = self.conn.exchange(self.hello(version, cbc))
                self.obs.encrypt_then_mac = flight.hello is not None and 22 in flight.hello.extensions
            compression = ["null"]
            for name, method in COMPRESSION.items():
                flight = self.conn.exchange(self.hello(version, accepted, compression=(method, 0)))
                if flight.hello is not None and flight.hello.compression == method:
                    compression.append(name)
            self.obs.compression = compression
        if self.obs.versions.get("TLS1.3"):
            key = self._key()
            if key is None:
                return
            self.progress("TLS1.3 client authentication, tickets and 0-RTT")
            suites = self._codes(self.obs.suites["TLS1.3"].accepted)
            flight = self.conn.exchange(self.hello("TLS1.3", suites, groups=[key.group], key=key), until="finish",
                                        key=key)
            if not flight.accepted:
                self.obs.notes.append(f"TLS 1.3 handshake to the end failed: {flight.why_refused}")
                return
            if flight.certificate_request:
                self.obs.certificate_request = True
                self.obs.no_certificate = "accepted" if flight.finished else "refused"
            elif self.obs.certificate_request is None:
                self.obs.certificate_request = False
            if not flight.finished and flight.certificate_request and self.wanted.client_cert is not None:
                key = self._key()
                assert key is not None
                flight = self.conn.exchange(self.hello("TLS1.3", suites, groups=[key.group], key=key),
                                            until="finish", key=key, client=ClientKey(*self.wanted.client_cert))
            if flight.finished:
                self.obs.tickets_tls13 = bool(flight.tickets)
                self.obs.early_data = max((t or 0 for t in flight.tickets), default=None)
            elif self.wanted.client_cert is None:
                self.obs.notes.append("TLS 1.3 tickets and 0-RTT not observed: the server ended the handshake of "
                                      f"a client without a certificate ({flight.why_refused}); give --client-cert "
                                      "and --client-key to see them")
            else:
                self.obs.notes.append("TLS 1.3 tickets and 0-RTT not observed: the server ended the handshake of "
                                      f"a client with the given certificate ({flight.why_refused})")

    def client_authentication(self, folder: Path) -> None:
        """With Python's ssl (a complete OpenSSL client): a client from an unknown CA, the given client
        certificate, the chain to --ca, and (TLS ≤ 1.2 only servers) a client without a certificate."""
        if not self.obs.certificate_request:
            return
        self.progress("client authentication")
        if self.obs.no_certificate is None:
            self.obs.no_certificate = self._ssl_verdict(None)
        stranger = _throwaway_client(folder)
        self.obs.unknown_ca = self._ssl_verdict(stranger)
        if self.wanted.client_cert is not None:
            self.obs.given_certificate = self._ssl_verdict(self.wanted.client_cert)

    def chain(self) -> None:
        if self.wanted.ca is None:
            return
        self.progress("certificate chain")
        self.obs.chain = self._ssl_verdict(self.wanted.client_cert, ca=self.wanted.ca, verify_only=True)

    def _ssl_verdict(self, client: tuple[Path, Path] | None, *, ca: Path | None = None,
                     verify_only: bool = False) -> str:
        """`accepted`/`refused` (or for `verify_only` `verified`/the verification error) of one full
        handshake with Python's ssl; never sends application data (it waits for the server's verdict)."""
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx.minimum_version = ssl.TLSVersion.TLSv1
        ctx.set_ciphers("ALL:@SECLEVEL=0")
        ctx.check_hostname = False
        if ca is not None:
            ctx.load_verify_locations(cafile=str(ca))
        else:
            ctx.verify_mode = ssl.CERT_NONE
        if client is not None:
            ctx.load_cert_chain(str(client[0]), str(client[1]))
        self.conn.count += 1
        try:
            raw = socket.create_connection((self.conn.host, self.conn.port), timeout=self.conn.timeout)
        except OSError as exc:
            return f"no connection: {exc.strerror or exc}"
        try:
            with raw, ctx.wrap_socket(raw, server_hostname=self.wanted.server_name) as tls:
                if verify_only:
                    return "verified"
                tls.settimeout(min(self.conn.timeout, 1.0))
                try:  # TLS 1.3: the server judges the client's certificate after the client's Finished
                    data = tls.recv(1)
                except TimeoutError:
                    return "accepted"
                return "accepted" if data else "refused"
        except ssl.SSLCertVerificationError as exc:
            return f"not verified: {exc.verify_message}" if verify_only else "refused"
        except (ssl.SSLError, OSError) as exc:
            reason = getattr(exc, "reason", None) or str(exc)
            return f"handshake failed: {reason}" if verify_only else "refused"


def _version_name(wire: int | None) -> str:
    return {v: k for k, v in WIRE_VERSIONS.items()}.get(wire or 0, f"version {wire:#06x}" if wire else "nothing")


def _throwaway_client(folder: Path) -> tuple[Path, Path]:
    """A self-signed client certificate no CA vouches for (EC P-256), with its key, in `folder`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "profilekit probe unknown CA")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(hours=1)).sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "unknown-ca.pem", folder / "unknown-ca.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def describe(der: bytes) -> Certificate:
    """Key type and size, signature hash, lifetime and subject of a DER certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa

    cert = x509.load_der_x509_certificate(der)
    key = cert.public_key()
    kind, bits = "unknown", 0
    if isinstance(key, rsa.RSAPublicKey):
        kind, bits = "rsa", key.key_size
    elif isinstance(key, ec.EllipticCurvePublicKey):
        kind, bits = "ecdsa", key.curve.key_size
    elif isinstance(key, ed25519.Ed25519PublicKey):
        kind, bits = "ed25519", 256
    elif isinstance(key, ed448.Ed448PublicKey):
        kind, bits = "ed448", 456
    elif isinstance(key, dsa.DSAPublicKey):
        kind, bits = "dsa", key.key_size
    algorithm = cert.signature_hash_algorithm
    lifetime = cert.not_valid_after_utc - cert.not_valid_before_utc
    return Certificate(der=der, key_type=kind, key_bits=bits, signature_hash=algorithm.name if algorithm else None,
                       lifetime_days=lifetime.total_seconds() / 86400, subject=cert.subject.rfc4514_string(),
                       self_signed=cert.issuer == cert.subject, not_after=cert.not_valid_after_utc.isoformat())


def scan(connector: Connector, wanted: Wanted, progress: Callable[[str], None]) -> Observations:
    """Every scan in turn; the private folder holds the throwaway client certificate only."""
    scanner = Scanner(connector, wanted, progress)
    scanner.versions()
    scanner.suites()
    scanner.groups()
    scanner.signatures()
    scanner.groups12()
    scanner.features()
    with tempfile.TemporaryDirectory(prefix="profilekit-probe-") as tmp:
        scanner.client_authentication(Path(tmp))
    scanner.chain()
    return scanner.obs
