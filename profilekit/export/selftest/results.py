"""What a self-test found: checks per TLS domain (which engine ran each, passed/failed/skipped), and the
text table `profilekit selftest` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Engines that run checks, as the results name them.
PY = "python ssl"
CLI = "openssl s_client"
SRV = "libssl server"
LIB = "libssl SSL_CONF_cmd"


class SelftestError(Exception):
    """The self-test cannot run here (no openssl tool, no libssl): a message, exit code 2."""


@dataclass
class Check:
    """One check of a domain: its name, the engine that ran it, and its status."""

    name: str
    engine: str
    status: str
    """`passed`, `failed` or `skipped`."""
    detail: str

    def to_record(self) -> dict[str, str]:
        return {"name": self.name, "engine": self.engine, "status": self.status, "detail": self.detail}


@dataclass
class DomainResult:
    """The checks and notes of one TLS domain."""

    name: str
    status: str = "passed"
    """`passed`, `failed` or `not_exercised`."""
    reason: str = ""
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, engine: str, ok: bool | None, detail: str) -> None:
        """Record a check (`ok` None: skipped); a failed one fails the domain."""
        status = "skipped" if ok is None else "passed" if ok else "failed"
        self.checks.append(Check(name, engine, status, detail))
        if ok is False:
            self.status = "failed"

    def to_record(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "reason": self.reason, "notes": self.notes,
                "checks": [c.to_record() for c in self.checks]}


@dataclass
class SelftestResult:
    """The self-test of a whole export: which OpenSSL ran it, and every domain's result."""

    profile: str
    openssl: str
    python_ssl: str
    domains: list[DomainResult]

    @property
    def failed(self) -> bool:
        """True when any domain failed."""
        return any(d.status == "failed" for d in self.domains)

    def to_record(self) -> dict[str, Any]:
        return {"profile": self.profile, "openssl": self.openssl, "python_ssl": self.python_ssl,
                "passed": not self.failed, "domains": [d.to_record() for d in self.domains]}


def render_text(result: SelftestResult) -> str:
    """A per-domain table: domain, check, engine, result, detail; then one summary line."""
    rows = [("domain", "check", "engine", "result", "detail")]
    for dom in result.domains:
        if dom.status == "not_exercised":
            rows.append((dom.name, "-", "-", "not exercised", dom.reason))
        for check in dom.checks:
            rows.append((dom.name, check.name, check.engine, check.status.upper() if check.status == "failed"
                         else check.status, check.detail))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [f"self-test of {result.profile} with {result.openssl} (python ssl: {result.python_ssl})", ""]
    lines += ["  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4] for r in rows]
    notes = [(d.name, n) for d in result.domains for n in d.notes]
    if notes:
        lines += ["", "notes:"] + [f"  {name}: {note}" for name, note in notes]
    failed = [d.name for d in result.domains if d.status == "failed"]
    checks = sum(len(d.checks) for d in result.domains)
    lines += ["", (f"FAILED: {', '.join(failed)}" if failed else "passed")
              + f" (TLS domains: {sum(d.status == 'passed' for d in result.domains)} passed, {len(failed)} failed, "
              f"{sum(d.status == 'not_exercised' for d in result.domains)} not exercised; {checks} checks)"]
    return "\n".join(line.rstrip() for line in lines) + "\n"
