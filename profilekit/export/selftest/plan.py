"""What one domain's export lets the self-test expect from this OpenSSL build: the suites it provides, the
versions the section enables, the server's openssl.cnf (`local_plan`), and names for the messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from profilekit.catalog.ciphers import version_index
from profilekit.export.openssl.fragment import openssl_conf_text, section_settings
from profilekit.export.openssl.local import local_suites, newer_than_cli
from profilekit.export.openssl.settings import OPENSSL_PROTOCOL
from profilekit.export.selftest.peers import Outcome
from profilekit.export.selftest.results import DomainResult


@dataclass
class Plan:
    """What one domain's export lets us expect, given this OpenSSL build."""

    dom: dict[str, Any]
    settings: dict[str, str]
    """The exported SSL_CONF section, untouched: the server's only configuration."""
    suites: list[dict[str, Any]]
    """The profile's suites in precedence order that this OpenSSL provides."""
    versions: list[str]
    """The versions the section enables (the profile's, less those it leaves out), without SSL 3.0."""
    conf: Path = Path()
    """The server's openssl.cnf."""
    neutral: Path = Path()
    """An empty openssl.cnf for the clients (no system policy, no section)."""

    @property
    def tls(self) -> dict[str, Any]:
        """The domain's resolved TLS profile."""
        tls: dict[str, Any] = self.dom["tls"]
        return tls

    @property
    def prefer_server(self) -> bool:
        """Whether the server applies its own suite order."""
        return bool(self.tls["server_preference"])

    def compatible(self, suite: dict[str, Any], auth: set[str]) -> bool:
        """Whether a suite can authenticate with one of the certificate kinds `auth`."""
        return suite["authentication"] in auth or suite["authentication"] == "any"

    def usable(self, suite: dict[str, Any], version: str) -> bool:
        """Whether a suite can be negotiated at `version`."""
        return version_index(suite["min_version"]) <= version_index(version) <= version_index(suite["max_version"])

    def pool(self, auth: set[str], version: str) -> list[dict[str, Any]]:
        """The suites usable with `auth` at `version`, in precedence order."""
        return [s for s in self.suites if self.compatible(s, auth) and self.usable(s, version)]

    def first(self, auth: set[str]) -> dict[str, Any] | None:
        """The most preferred suite for `auth` usable at any enabled version."""
        pool = [s for s in self.suites if self.compatible(s, auth) and any(self.usable(s, v) for v in self.versions)]
        return pool[0] if pool else None


def local_plan(dom: dict[str, Any], result: DomainResult, folder: Path) -> Plan:
    """What this OpenSSL build can show of the domain; writes the server's and the clients' openssl.cnf."""
    local = local_suites()
    settings = section_settings(dom)
    for u in dom["openssl"]["unavailable_in_openssl"]:
        result.notes.append(f"{u['iana']} is left out: {u['detail']}")
    suites = []
    for s in [*dom["tls"]["cipher_suites"]["tls13"], *dom["tls"]["cipher_suites"]["tls12_and_earlier"]]:
        if s["openssl"] is None:
            continue
        if s["openssl"] not in local:
            result.notes.append(f"{s['iana']} ({s['openssl']}) is not available in this OpenSSL build; not expected")
            continue
        suites.append(s)
    suites.sort(key=lambda s: s["precedence"])
    by_openssl = {v: k for k, v in OPENSSL_PROTOCOL.items()}
    if settings.get("Protocol") and settings["Protocol"] != "-ALL":
        enabled = [by_openssl[v.strip()] for v in settings["Protocol"].split(",")[1:]]
    else:
        low = version_index(by_openssl[settings["MinProtocol"]])
        high = version_index(by_openssl[settings["MaxProtocol"]])
        enabled = [v["name"] for v in dom["tls"]["versions"] if low <= version_index(v["name"]) <= high]
    versions = [v for v in enabled if v != "SSL3.0"]
    if "SSL3.0" in enabled:
        result.notes.append("SSL 3.0 cannot be exercised: OpenSSL 3 no longer implements it")
    for note in dom["openssl"]["notes"]:
        if note["setting"] in ("versions", "Protocol"):
            result.notes.append(note["detail"])
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "server.cnf"
    conf.write_text(openssl_conf_text(settings), encoding="utf-8")
    neutral = folder / "client.cnf"
    neutral.write_text("", encoding="utf-8")
    return Plan(dom, settings, suites, versions, conf, neutral)


def suite_name(plan: Plan, openssl_name: str | None) -> str:
    """The IANA name of a suite the plan knows by its OpenSSL name (else the name as given)."""
    for s in plan.suites:
        if s["openssl"] == openssl_name:
            return str(s["iana"])
    return str(openssl_name)


def explain_suite(plan: Plan, expected: dict[str, Any], got: Outcome) -> str:
    """Why the negotiated suite is not the expected one, in words."""
    if expected["min_version"] != "TLS1.3" and got.version == "TLS1.3":
        return (f"the profile prefers {expected['iana']} (TLS ≤ 1.2) to its TLS 1.3 suites, but OpenSSL negotiates "
                f"the highest shared version first and chose {suite_name(plan, got.cipher)}: OpenSSL cannot honour "
                "this order (list TLS 1.3 suites first, or drop TLS 1.3)")
    return f"expected {expected['iana']}, negotiated {suite_name(plan, got.cipher) if got.cipher else got.error}"


def missing_here(dom: dict[str, Any]) -> frozenset[str]:
    """OpenSSL names of the domain that are real but missing from this OpenSSL build (noted, not failed)."""
    tls = dom["tls"]
    suites = {s["openssl"] for k in ("tls13", "tls12_and_earlier") for s in tls["cipher_suites"][k]
              if s["openssl"] and s["openssl"] not in local_suites()}
    newer = {i["openssl"] for i in [*tls["groups"], *tls["signature_algorithms"]]
             if i["openssl"] and newer_than_cli(i["openssl_since"])}
    return frozenset(suites | newer)
