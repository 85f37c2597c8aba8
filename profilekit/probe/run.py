"""`profilekit probe`: load the profile, pick the TLS domain, probe the endpoint, compare (`probe_endpoint`);
and the reports (`render_text`, `render_json`, and the findings through profilekit.report's reporters).
"""

from __future__ import annotations

import hashlib
import json
import re
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from profilekit import __version__
from profilekit.export.gateway import domain_names, unknown_domain_message
from profilekit.findings import Finding, Severity
from profilekit.load.profile import load_profile
from profilekit.probe.compare import compare
from profilekit.probe.scan import Observations, Wanted, scan
from profilekit.probe.session import Connector, Unreachable
from profilekit.report.text import render as render_findings

PROBED_METHODS = ("certificate_ca_signed", "certificate_self_signed")


class ProbeUsageError(Exception):
    """Bad input (address, domain, files) or an unreachable endpoint: a message, exit code 2."""


@dataclass(frozen=True)
class Options:
    """What the user asked for besides the profile and the domain."""

    timeout: float = 5.0
    client_cert: str | None = None
    client_key: str | None = None
    ca: str | None = None
    sni: str | None = None


@dataclass
class ProbeResult:
    endpoint: str
    profile: str
    domain: str
    tls_profile: str
    observations: Observations
    findings: list[Finding]
    handshakes: int
    seconds: float
    fingerprint_hash: str | None

    @property
    def conforms(self) -> bool:
        return not any(f.severity >= Severity.WARNING for f in self.findings)


def parse_target(target: str) -> tuple[str, int]:
    """HOST:PORT or [IPv6]:PORT."""
    match = re.fullmatch(r"\[([0-9A-Fa-f:.]+)\]:(\d{1,5})|([^:\s\[\]]+):(\d{1,5})", target.strip())
    if not match:
        raise ProbeUsageError(f"endpoint {target!r} is not HOST:PORT (or [IPv6]:PORT)")
    host, port = (match[1], match[2]) if match[1] else (match[3], match[4])
    if not 0 < int(port) < 65536:
        raise ProbeUsageError(f"port {port} of {target!r} is not between 1 and 65535")
    return host, int(port)


def _client_files(options: Options) -> tuple[Path, Path] | None:
    """The client certificate and key, checked by loading them (never printed)."""
    if (options.client_cert is None) != (options.client_key is None):
        raise ProbeUsageError("--client-cert and --client-key go together")
    if options.client_cert is None or options.client_key is None:
        return None
    cert, key = Path(options.client_cert), Path(options.client_key)
    for path, what in ((cert, "--client-cert"), (key, "--client-key")):
        if not path.is_file():
            raise ProbeUsageError(f"{what} {path}: no such file")
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_cert_chain(str(cert), str(key))
    except (ssl.SSLError, OSError) as exc:
        raise ProbeUsageError(f"{cert} with {key}: not a PEM certificate and matching unencrypted key "
                              f"({getattr(exc, 'reason', None) or type(exc).__name__})") from None
    return cert, key


def _ca_file(options: Options) -> Path | None:
    if options.ca is None:
        return None
    path = Path(options.ca)
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cafile=str(path))
    except (ssl.SSLError, OSError) as exc:
        raise ProbeUsageError(f"--ca {path}: not a PEM CA file ({getattr(exc, 'strerror', None) or exc})") from None
    return path


def probe_endpoint(target: str, profile: str, domain: str, options: Options = Options(), *,
                   progress: Callable[[str], None] = lambda _message: None) -> ProbeResult:
    """Probe the TLS endpoint at `target` against TLS domain `domain` of the profile at `profile`.

    Raises InputError (the profile cannot be loaded) and ProbeUsageError (bad address, domain or files; a
    domain the probe cannot test; nothing answers at the address)."""
    host, port = parse_target(target)
    loaded = load_profile(profile)
    names = domain_names(loaded)
    if domain not in names:
        raise ProbeUsageError(unknown_domain_message(domain, names))
    domain_index = names.index(domain)
    dom = loaded.profile.tls.domains[domain_index]
    ids = [p.id for p in loaded.profile.tls.profiles]
    if dom.tls_profile not in ids:
        raise ProbeUsageError(f"TLS domain '{domain}' applies TLS profile '{dom.tls_profile}', which the profile "
                              "does not define (see `profilekit validate`)")
    index = ids.index(dom.tls_profile)
    tls = loaded.profile.tls.profiles[index]
    methods = tls.authentication.methods
    if not any(m in PROBED_METHODS for m in methods):
        raise ProbeUsageError(f"TLS domain '{domain}' authenticates with {', '.join(methods)}: the probe checks "
                              "certificate domains only (a PSK or Kerberos handshake needs the key material, "
                              "which a profile never holds)")
    client = _client_files(options)
    ca = _ca_file(options)
    wanted = Wanted(suites=tuple(tls.cipher_suites), groups=tuple(tls.groups),
                    signature_algorithms=tuple(tls.signature_algorithms),
                    server_name=options.sni or dom.server_name, client_cert=client, ca=ca)
    connector = Connector(host, port, options.timeout, progress=progress)
    start = time.monotonic()
    progress(f"probing {host}:{port} against TLS domain '{domain}' (TLS profile '{tls.id}')")
    try:
        obs = scan(connector, wanted, progress)
    except Unreachable as exc:
        raise ProbeUsageError(str(exc)) from None
    if not any(obs.versions.values()):
        raise ProbeUsageError(f"{host}:{port} answered no TLS ClientHello ("
                              + "; ".join(f"{v}: {why}" for v, why in obs.version_detail.items()) + ")")
    findings = sorted(compare(loaded, index, domain_index, obs), key=Finding.sort_key)
    hash_name = tls.authentication.fingerprint_hash if "certificate_self_signed" in methods else None
    return ProbeResult(f"{host}:{port}", loaded.path, domain, tls.id, obs, findings, connector.count,
                       time.monotonic() - start, hash_name)


def _fingerprint(der: bytes, hash_name: str) -> str:
    digest = hashlib.new(hash_name.replace("-", ""), der).hexdigest().upper()
    return f"{hash_name} " + ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def _yes(value: bool | None, yes: str = "yes", no: str = "no") -> str:
    return "not observed" if value is None else yes if value else no


def render_text(result: ProbeResult) -> str:
    """What was observed, then the findings compiler-style, then the verdict and the handshake count."""
    obs = result.observations
    lines = [f"probe of {result.endpoint} against {result.profile}, TLS domain '{result.domain}' "
             f"(TLS profile '{result.tls_profile}')", ""]
    lines.append("versions: " + ", ".join(f"{v} {'accepted' if ok else 'refused'}" for v, ok in obs.versions.items()))
    for version, order in obs.suites.items():
        how = {"server": "server order", "client": "client order", "single": "one suite",
               "mixed": "depends on the client's offer"}[order.preference]
        lines.append(f"{version} cipher suites ({how}): {', '.join(order.forward) or 'none'}")
    for version, order in obs.groups.items():
        lines.append(f"{version} groups ({order.preference} order): {', '.join(order.forward) or 'none'}")
    for version, used in obs.signature_schemes.items():
        lines.append(f"{version} signature schemes used: {', '.join(used) or 'none'}")
    for cert in obs.certificates:
        text = (f"certificate {cert.subject}: {cert.key_type} {cert.key_bits} bits, signed with "
                f"{cert.signature_hash or 'no separate hash'}, valid {cert.lifetime_days:.1f} days"
                f"{', self-signed' if cert.self_signed else ''}")
        if result.fingerprint_hash:
            text += f", fingerprint {_fingerprint(cert.der, result.fingerprint_hash)}"
        lines.append(text)
    if obs.chain is not None:
        lines.append(f"chain to --ca: {obs.chain}")
    lines.append(f"client authentication: CertificateRequest {_yes(obs.certificate_request)}"
                 + (f"; client without certificate {obs.no_certificate}" if obs.no_certificate else "")
                 + (f"; client from an unknown CA {obs.unknown_ca}" if obs.unknown_ca else "")
                 + (f"; given client certificate {obs.given_certificate}" if obs.given_certificate else ""))
    lines.append(f"compression: {', '.join(obs.compression) if obs.compression else 'not observed'}; "
                 f"secure renegotiation: {_yes(obs.secure_renegotiation)}; extended master secret: "
                 f"{_yes(obs.extended_master_secret)}; encrypt-then-MAC: "
                 f"{_yes(obs.encrypt_then_mac, no='no') if obs.encrypt_then_mac is not None else 'no CBC suite'}")
    lines.append(f"session tickets: TLS 1.2 {_yes(obs.tickets_tls12)}, TLS 1.3 {_yes(obs.tickets_tls13)}; 0-RTT: "
                 + ("not observed" if obs.early_data is None else
                    f"{obs.early_data} bytes offered" if obs.early_data else "not offered"))
    lines.append("")
    text = "\n".join(lines) + "\n"
    text += render_findings(result.findings, [result.profile])
    verdict = "conforms" if result.conforms else "DEVIATES"
    return text + f"{result.endpoint} {verdict} to TLS domain '{result.domain}' ({result.handshakes} handshakes)\n"


def to_record(result: ProbeResult) -> dict[str, Any]:
    record: dict[str, Any] = {
        "tool": {"name": "profilekit", "version": __version__},
        "endpoint": result.endpoint, "profile": result.profile, "domain": result.domain,
        "tls_profile": result.tls_profile, "conforms": result.conforms, "handshakes": result.handshakes,
        "observed": result.observations.to_record(),
        "findings": [f.to_record() for f in result.findings],
    }
    if result.fingerprint_hash:
        record["observed"]["fingerprints"] = [_fingerprint(c.der, result.fingerprint_hash)
                                              for c in result.observations.certificates]
    return record


def render_json(result: ProbeResult) -> str:
    return json.dumps(to_record(result), indent=2, ensure_ascii=False) + "\n"
