"""The probe against the self-test's own loopback server (`selftest --probe`), so the export and the probe
check each other: for each certificate domain the libssl echo server runs on 127.0.0.1 configured only by the
domain's exported SSL_CONF section (plus certificates made here, one per key type the profile allows), and
`probe_endpoint` must find it conforming.

`serve` is also what the tests weaken (a changed section, other certificates) to see each deviation found.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from profilekit.export.gateway import build_gateway
from profilekit.export.openssl.fragment import openssl_conf_text, section_settings
from profilekit.export.selftest.peers import libssl_server
from profilekit.export.selftest.pki import Credential, Pki
from profilekit.export.selftest.pki import fingerprint as rfc8122
from profilekit.load.profile import load_profile
from profilekit.probe.run import PROBED_METHODS, Options, ProbeResult, ProbeUsageError, probe_endpoint

#: The key size the loopback certificates get per key type (the profile's minimum, at least these).
DEFAULT_BITS = {"rsa": 2048, "ecdsa": 256, "ed25519": 256, "ed448": 456, "dsa": 2048}


@dataclass(frozen=True)
class Served:
    """A running loopback server for one domain: where, the CA that issued its certificates (None for
    self-signed domains) and a client certificate the server accepts."""

    port: int
    ca: Path | None
    client: Credential


def certificate_domains(gateway: dict[str, Any]) -> list[dict[str, Any]]:
    """The domains of a gateway export the probe can test (certificate authentication)."""
    return [d for d in gateway["domains"]
            if any(m in PROBED_METHODS for m in d["tls"]["authentication"]["methods"])]


@contextlib.contextmanager
def serve(dom: dict[str, Any], folder: Path, timeout: float, *,
          settings: Callable[[dict[str, str]], dict[str, str]] = lambda s: s,
          key_types: list[tuple[str, int]] | None = None, lifetime_days: float = 1.0,
          hash_name: str = "sha256") -> Iterator[Served]:
    """Start the libssl server for gateway-export domain `dom` with its exported section (passed through
    `settings`, which tests use to weaken it) and certificates of `key_types` (default: one per key type the
    profile allows, at its minimum size; `lifetime_days` and `hash_name` for their validity and signature)."""
    tls = dom["tls"]
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "server.cnf"
    conf.write_text(openssl_conf_text(settings(section_settings(dom))), encoding="utf-8")
    pki = Pki(folder)
    certs = tls.get("certificates") or {}
    kinds = key_types or [(k["type"], max(k["min_bits"], DEFAULT_BITS.get(k["type"], 0)))
                          for k in certs.get("key_types", [])] or [("ecdsa", 256)]
    kinds = [(t, b) for t, b in kinds if t in ("rsa", "ecdsa", "ed25519", "ed448")]
    self_signed = "certificate_self_signed" in tls["authentication"]["methods"] and \
        "certificate_ca_signed" not in tls["authentication"]["methods"]
    name = dom.get("server_name") or "localhost"
    issuer = None
    ca_path = None
    if not self_signed:
        ca_cred, ca_cert, ca_key = pki.make("ca", "ecdsa", 256, ca=True)
        issuer, ca_path = (ca_cert, ca_key), ca_cred.cert
    creds = [pki.make(f"server-{t}", t, b, issuer=issuer, dns=name, lifetime_days=lifetime_days,
                     hash_name=hash_name, min_rsa_bits=0)[0] for t, b in kinds]
    client = pki.make("client", kinds[0][0], kinds[0][1], issuer=issuer, dns="client", min_rsa_bits=0)[0]
    fingerprint = None
    if self_signed:
        fingerprint = rfc8122(client.der, tls["authentication"].get("fingerprint_hash") or "sha-256")
    with libssl_server(conf, creds, folder, timeout, cafile=ca_path if ca_path else client.cert,
                       client_fingerprint=fingerprint) as listening:
        yield Served(listening.port, ca_path, client)


def probe_loopback(path: str, *, domain: str | None = None, timeout: float = 5.0,
                   progress: Callable[[str], None] = lambda _message: None) -> list[ProbeResult]:
    """`selftest --probe`: every certificate domain (or `domain`) served from its export and probed."""
    loaded = load_profile(path)
    gateway = build_gateway(loaded)
    domains = [d for d in certificate_domains(gateway) if domain is None or d["name"] == domain]
    if not domains:
        raise ProbeUsageError("no certificate TLS domain to probe" + (f" named '{domain}'" if domain else ""))
    results = []
    with tempfile.TemporaryDirectory(prefix="profilekit-probe-") as tmp:
        for dom in domains:
            folder = Path(tmp) / re.sub(r"[^A-Za-z0-9_.-]", "_", dom["name"])
            with serve(dom, folder, timeout) as served:
                options = Options(timeout=timeout, client_cert=str(served.client.cert),
                                  client_key=str(served.client.key), ca=str(served.ca) if served.ca else None,
                                  sni=dom.get("server_name") or "localhost")
                results.append(probe_endpoint(f"127.0.0.1:{served.port}", path, dom["name"], options,
                                              progress=progress))
    return results
