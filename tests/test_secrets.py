"""Key material in a profile is refused (LD009; pasted certificates LD010) and never echoed, in any format.

The keys are real: generated here with `cryptography` and serialised the ways editors paste them.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from profilekit.load.secrets import secret_name

SAMPLE = ROOT / "samples" / "ims-msrp-tls-relay.yaml"
LIBRARY = ROOT / "samples" / "lib" / "tls-tcp-packages.yaml"
ANCHOR = "      certificate: certs/imsagw-access.pem\n"
Enc = serialization.Encoding
Fmt = serialization.PrivateFormat


@dataclass(frozen=True)
class Leak:
    name: str
    replacement: str  # replaces ANCHOR in the sample
    secret: str  # must never appear in any output
    code: str
    fragment: str
    line_offset: int  # finding line relative to the anchor's line
    column: int


def _middle(text: str, size: int = 24) -> str:
    body = "".join(line for line in text.splitlines() if "-----" not in line)
    start = max(0, len(body) // 2 - size // 2)
    return body[start:start + size]


def _block(key: str, text: str) -> str:
    return f"      {key}: |\n" + "".join(f"        {line}\n" for line in text.strip().splitlines())


def _certificate(key: rsa.RSAPrivateKey) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "agw.example.net")])
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(7).not_valid_before(now).not_valid_after(now + dt.timedelta(days=30))
            .sign(key, hashes.SHA256()))


def _leaks() -> list[Leak]:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    ed_key = ed25519.Ed25519PrivateKey.generate()
    cert = _certificate(rsa_key)
    none = serialization.NoEncryption()
    pkcs1 = rsa_key.private_bytes(Enc.PEM, Fmt.TraditionalOpenSSL, none).decode()
    pkcs8 = ec_key.private_bytes(Enc.PEM, Fmt.PKCS8, none).decode()
    encrypted = ec_key.private_bytes(Enc.PEM, Fmt.PKCS8, serialization.BestAvailableEncryption(b"pw")).decode()
    openssh = ed_key.private_bytes(Enc.PEM, Fmt.OpenSSH, none).decode()
    der_b64 = base64.b64encode(rsa_key.private_bytes(Enc.DER, Fmt.PKCS8, none)).decode()
    sec1_hex = ec_key.private_bytes(Enc.DER, Fmt.TraditionalOpenSSL, none).hex()
    p12 = base64.b64encode(pkcs12.serialize_key_and_certificates(b"agw", rsa_key, cert, None, none)).decode()
    p12_wrapped = "\n".join(p12[i:i + 76] for i in range(0, len(p12), 76))
    cert_pem = cert.public_bytes(Enc.PEM).decode()
    cert_b64 = base64.b64encode(cert.public_bytes(Enc.DER)).decode()
    psk = "3f9a" * 16
    why = "never carries them"
    return [
        Leak("PKCS#1 PEM in certificate", _block("certificate", pkcs1), _middle(pkcs1), "LD009", "private key", 1, 9),
        Leak("PKCS#8 PEM in a comment", "      # key:\n" + "".join(f"      # {x}\n" for x in pkcs8.splitlines())
             + ANCHOR, _middle(pkcs8), "LD009", "private key (PEM/OpenSSH/PGP block) in a comment", 1, 9),
        Leak("encrypted PKCS#8 PEM", _block("description", encrypted), _middle(encrypted), "LD009", why, 1, 9),
        Leak("OpenSSH private key", _block("notes", openssh), _middle(openssh), "LD009", why, 1, 9),
        Leak("base64 DER PKCS#8 as certificate", f"      certificate: {der_b64}\n", der_b64[40:80], "LD009",
             "a private key (PKCS#8)", 0, 20),
        Leak("hex SEC1 EC key", f"      certificate: '{sec1_hex}'\n", sec1_hex[20:60], "LD009",
             "value holds a private key (SEC1 EC)", 0, 20),
        Leak("PKCS#12 bundle (wrapped base64)", _block("certificate", p12_wrapped), p12[100:140], "LD009",
             "PKCS#12", 1, 9),
        Leak("psk under a secret name", ANCHOR + f"      psk: {psk}\n", psk, "LD009",
             "key 'psk' holds a pre-shared key", 1, 12),
        Leak("password", ANCHOR + "      admin_password: 'Tr0ub4dor&3-horse'\n", "Tr0ub4dor&3", "LD009",
             "key 'admin_password' holds a password", 1, 23),
        Leak("raw hex without a name", ANCHOR + f"      trusted_third_party: {psk}\n", psk, "LD009",
             "raw key material (64 hex digits, 256 bits", 1, 28),
        Leak("PEM certificate where a reference belongs", _block("certificate", cert_pem), _middle(cert_pem),
             "LD010", "PEM certificate", 0, 20),
        Leak("base64 DER certificate", f"      certificate: {cert_b64}\n", cert_b64[60:100], "LD010",
             "holds a certificate", 0, 20),
    ]


LEAKS = _leaks()


@pytest.fixture(scope="module")
def leak_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int]]:
    folder = tmp_path_factory.mktemp("leaks")
    (folder / "lib").mkdir()
    (folder / "lib" / LIBRARY.name).write_bytes(LIBRARY.read_bytes())
    sample = SAMPLE.read_text(encoding="utf-8")
    assert ANCHOR in sample
    anchor_line = sample[: sample.index(ANCHOR)].count("\n") + 1
    files = {}
    for i, leak in enumerate(LEAKS):
        path = folder / f"leak{i:02d}.yaml"
        path.write_text(sample.replace(ANCHOR, leak.replacement, 1), encoding="utf-8")
        files[leak.name] = (path, anchor_line)
    return files


def _run(fmt: str, files: dict[str, tuple[Path, int]]) -> str:
    result = run_cli("validate", "--format", fmt, *(str(p) for p, _ in files.values()))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout + result.stderr


def test_each_leak_is_refused_at_its_position(leak_files: dict[str, tuple[Path, int]]) -> None:
    report = json.loads(_run("json", leak_files))
    for leak in LEAKS:
        path, anchor_line = leak_files[leak.name]
        found = [f for f in report["findings"] if f["file"] == str(path) and f["code"] == leak.code]
        assert found, (leak.name, [f for f in report["findings"] if f["file"] == str(path)])
        first = found[0]
        assert leak.fragment in first["message"], (leak.name, first["message"])
        assert (first["line"], first["column"]) == (anchor_line + leak.line_offset, leak.column), leak.name
        # nothing else is reported for the file: the model never sees the value (so cannot echo it)
        assert {f["code"] for f in report["findings"] if f["file"] == str(path)} == {leak.code}, leak.name


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_no_output_format_echoes_a_secret(fmt: str, leak_files: dict[str, tuple[Path, int]]) -> None:
    output = _run(fmt, leak_files)
    for leak in LEAKS:
        if leak.code == "LD009":
            assert leak.secret not in output, (fmt, leak.name)
        assert leak.secret[:12] not in output, (fmt, leak.name)


@pytest.mark.parametrize(("key", "secret"), [
    ("psk", True), ("PSK-Key", True), ("tls_psk", True), ("admin_password", True), ("private_key", True),
    ("key_material", True), ("client_secret", True),
    ("psk_identity", False), ("psk_identity_hint", False), ("tls13_psk_modes", False),
    ("extended_master_secret", False), ("key_types", False), ("min_key_octets", False), ("pinning", False),
])
def test_secret_key_names(key: str, secret: bool) -> None:
    assert (secret_name(key) is not None) is secret


def test_shipped_samples_hold_no_secrets() -> None:
    for path in sorted((ROOT / "samples").glob("**/*.yaml")):
        result = run_cli("validate", "--format", "json", str(path)) if "lib" not in path.parts else None
        if result is not None:
            codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
            assert not codes & {"LD009", "LD010"}, path
