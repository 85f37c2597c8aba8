"""Throwaway keys and certificates for the self-test (a CA chain or self-signed leaves, made with
`cryptography` in a private folder), and RFC 8122 certificate fingerprints.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Credential:
    """A certificate and key on disk, with the certificate's DER bytes and key type."""

    cert: Path
    key: Path
    der: bytes
    key_type: str


class Pki:
    """Makes keys and certificates in a private folder: a CA chain or self-signed leaves."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def _key(self, key_type: str, bits: int, min_rsa_bits: int = 2048) -> Any:
        from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa

        if key_type == "rsa":
            return rsa.generate_private_key(public_exponent=65537, key_size=max(bits, min_rsa_bits))
        if key_type == "ed25519":
            return ed25519.Ed25519PrivateKey.generate()
        if key_type == "ed448":
            return ed448.Ed448PrivateKey.generate()
        curve = ec.SECP256R1() if bits <= 256 else ec.SECP384R1() if bits <= 384 else ec.SECP521R1()
        return ec.generate_private_key(curve)

    def make(self, name: str, key_type: str, bits: int, *, issuer: tuple[Any, Any] | None = None,
             ca: bool = False, dns: str = "localhost", lifetime_days: float = 1.0, hash_name: str = "sha256",
             min_rsa_bits: int = 2048) -> tuple[Credential, Any, Any]:
        """A certificate for `name`; signed by `issuer` (cert, key) or self-signed. Returns (cred, cert, key).

        The self-test's certificates live a day, are signed with SHA-256 and have RSA keys of at least 2048
        bits; the probe's tests weaken each (`lifetime_days`, `hash_name`, `min_rsa_bits`)."""
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.x509.oid import NameOID

        key = self._key(key_type, bits, min_rsa_bits)
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        issuer_name, signer = (issuer[0].subject, issuer[1]) if issuer else (subject, key)
        now = dt.datetime.now(dt.UTC)
        builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(minutes=5))
                   .not_valid_after(now + dt.timedelta(days=lifetime_days))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if not ca:
            builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(dns)]), critical=False)
        algorithm = (None if type(signer).__name__.startswith(("Ed25519", "Ed448"))
                     else getattr(hashes, hash_name.upper())())
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
    digest = hashlib.new(hash_name.replace("-", ""), der).hexdigest().upper()
    return f"{hash_name} " + ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))
