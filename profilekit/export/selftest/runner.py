"""The loopback self-test of a gateway export: for each TLS domain, check that the local OpenSSL accepts its
section, then run the certificate and PSK checks (`run_selftest`).
"""

from __future__ import annotations

import re
import ssl
import tempfile
from pathlib import Path
from typing import Any

from profilekit.export.openssl.fragment import refusal
from profilekit.export.openssl.local import OpenSslMissing, check_settings, library_version, openssl_cli
from profilekit.export.selftest.authentication import certificate_checks, psk_checks
from profilekit.export.selftest.pki import Pki
from profilekit.export.selftest.plan import local_plan, missing_here
from profilekit.export.selftest.results import LIB, DomainResult, SelftestError, SelftestResult

CERT_METHODS = ("certificate_ca_signed", "certificate_self_signed")


def check_domain(dom: dict[str, Any], folder: Path, timeout: float) -> DomainResult:
    """Every check of one domain of a gateway export, in a private folder under `folder`."""
    result = DomainResult(dom["name"])
    methods = dom["tls"]["authentication"]["methods"]
    cert = any(m in CERT_METHODS for m in methods)
    psk = "psk" in methods
    if not cert and not psk:
        result.status = "not_exercised"
        result.reason = ("trusted third-party (Kerberos) authentication: OpenSSL implements no Kerberos suites"
                         if "trusted_third_party" in methods else
                         "no authentication method a loopback test can exercise (" + ", ".join(methods) + ")")
        return result
    why = refusal(dom)
    if why is not None:
        result.add("the section allows a handshake", LIB, False, why)
        return result
    domain_dir = folder / re.sub(r"[^A-Za-z0-9_.-]", "_", dom["name"])
    plan = local_plan(dom, result, domain_dir)
    rejected = check_settings(plan.settings, missing_here(dom))
    result.add("OpenSSL accepts every name in the settings", LIB, not rejected,
               "; ".join(f"{k}: {v}" for k, v in rejected.items()) or "every key, option and name accepted")
    if rejected:
        return result
    if cert:
        certificate_checks(plan, result, Pki(domain_dir), timeout)
    if psk:
        psk_checks(plan, result, domain_dir, timeout)
    if "trusted_third_party" in methods:
        result.notes.append("trusted third-party authentication not exercised: OpenSSL has no Kerberos suites")
    return result


def run_selftest(gateway: dict[str, Any], *, domain: str | None = None, timeout: float = 5.0) -> SelftestResult:
    """Run the loopback checks for every domain (or `domain`) of a gateway export."""
    try:
        openssl_cli()
        lib = library_version()
    except OpenSslMissing as exc:
        raise SelftestError(str(exc)) from None
    prof = gateway["profile"]
    results = []
    with tempfile.TemporaryDirectory(prefix="profilekit-selftest-") as tmp:
        for dom in gateway["domains"]:
            if domain is None or dom["name"] == domain:
                results.append(check_domain(dom, Path(tmp), timeout))
    return SelftestResult(f"{prof['name']} version {prof['version']}", lib, ssl.OPENSSL_VERSION, results)
