"""Mozilla export: certificate names as sslyze 6 compares them, checked with real certificates.

sslyze 6.x (`sslyze/mozilla_tls_profile/tls_config_checker.py`, `_check_certificates`) records each deployed
leaf certificate as:
  key type:  "ecdsa" for an EC key, "rsa" for an RSA key, else `public_key.__class__.__name__`;
  signature: `leaf_cert.signature_algorithm_oid._name` (cryptography's OID name);
and passes when one of them is in `certificate_types` / `certificate_signatures`. The helpers below do
exactly that on certificates made with cryptography, the library sslyze uses.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.x509.oid import NameOID

from profilekit.export.gateway import build_gateway
from profilekit.export.mozilla import NoCertificates, build_mozilla, uses_certificates
from profilekit.load.profile import load_profile

HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
          "sha512": hashes.SHA512}
CURVES = {256: ec.SECP256R1, 384: ec.SECP384R1, 521: ec.SECP521R1}


def _key(key_type: str, bits: int) -> Any:
    if key_type == "ecdsa":
        return ec.generate_private_key(CURVES[min(b for b in CURVES if b >= bits)]())
    if key_type == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=max(bits, 2048))
    if key_type == "dsa":
        return dsa.generate_private_key(key_size=2048)
    return {"ed25519": ed25519.Ed25519PrivateKey, "ed448": ed448.Ed448PrivateKey}[key_type].generate()


def _certificate(key: Any, hash_name: str | None) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "profilekit test")])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
               .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=30)))
    algorithm = None if hash_name is None else HASHES[hash_name]()
    return builder.sign(key, algorithm)


def _sslyze_key_type(cert: x509.Certificate) -> str:
    public_key = cert.public_key()
    if isinstance(public_key, EllipticCurvePublicKey):
        return "ecdsa"
    if isinstance(public_key, RSAPublicKey):
        return "rsa"
    return public_key.__class__.__name__


def _sslyze_signature(cert: x509.Certificate) -> str:
    return str(cert.signature_algorithm_oid._name)


def _certificate_domains() -> list[Any]:
    params = []
    for sample in SAMPLES:
        gateway = build_gateway(load_profile(sample))
        if not any(uses_certificates(dom) for dom in gateway["domains"]):
            continue
        doc = build_mozilla(gateway)
        for dom in gateway["domains"]:
            if dom["name"] not in doc["profilekit"]["left_out"]:
                params.append(pytest.param(dom, doc["configurations"][dom["name"]],
                                           id=f"{sample.stem}-{dom['name']}"))
    return params


@pytest.mark.parametrize(("domain", "config"), _certificate_domains())
def test_every_allowed_certificate_passes_sslyzes_comparison(domain: dict[str, Any],
                                                              config: dict[str, Any]) -> None:
    certs = domain["tls"]["certificates"]
    assert certs is not None, "every certificate-using sample states its certificates"
    hashes_allowed = certs["signature_hashes"] or ["sha256"]
    for key_type in certs["key_types"]:
        key = _key(key_type["type"], key_type["min_bits"])
        for hash_name in ([None] if key_type["type"] in ("ed25519", "ed448") else hashes_allowed):
            cert = _certificate(key, hash_name)
            assert _sslyze_key_type(cert) in config["certificate_types"], (key_type, config["certificate_types"])
            assert _sslyze_signature(cert) in config["certificate_signatures"], (
                key_type, hash_name, config["certificate_signatures"])


@pytest.mark.parametrize(("key_type", "hash_name"), [
    ("ed25519", None), ("ed448", None), ("dsa", "sha256"), ("rsa", "sha384"), ("ecdsa", "sha512")])
def test_key_types_outside_the_samples(tmp_path: Path, key_type: str, hash_name: str | None) -> None:
    """The key types the samples do not use (Ed448, DSA) get sslyze's names too."""
    sample = ROOT / "samples" / "sbc-msrp-selfsigned-fingerprint.yaml"
    text = sample.read_text(encoding="utf-8")
    old = "          - {type: ed25519, min_bits: 256}\n"
    assert old in text
    bits = {"rsa": 3072, "dsa": 2048, "ecdsa": 256}.get(key_type, 256)
    text = text.replace(old, f"          - {{type: {key_type}, min_bits: {bits}}}\n")
    text = text.replace("signature_hashes: [sha256, sha384]", "signature_hashes: [sha256, sha384, sha512]")
    shutil.copytree(sample.parent / "lib", tmp_path / "lib")
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    config = build_mozilla(build_gateway(load_profile(path)))["configurations"]["trunk_alpha"]
    cert = _certificate(_key(key_type, bits), hash_name)
    assert _sslyze_key_type(cert) in config["certificate_types"]
    assert _sslyze_signature(cert) in config["certificate_signatures"]


def test_psk_only_domains_get_no_certificate_defaults() -> None:
    """A PSK-only domain has no configuration, rather than invented certificate values (docs/mozilla-export.md)."""
    gateway = build_gateway(load_profile(ROOT / "samples" / "m2m-psk-telemetry-gateway.yaml"))
    assert gateway["domains"] and not any(uses_certificates(dom) for dom in gateway["domains"])
    for dom in gateway["domains"]:
        with pytest.raises(NoCertificates, match=f"^TLS domain '{dom['name']}' has no Mozilla-format"):
            build_mozilla(gateway, dom["name"])
    with pytest.raises(NoCertificates, match="'field_rtu', 'field_meters' use no certificate"):
        build_mozilla(gateway)
