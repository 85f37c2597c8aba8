"""The export job behind `profilekit export`: load, build one format, return text (the CLI writes it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from profilekit.export.selftest import SelftestResult

FORMATS: tuple[str, ...] = ("gateway", "openssl", "mozilla")


class ExportUsageError(Exception):
    """A usage problem (e.g. an unknown --domain): a message for the user, exit code 2."""


@dataclass(frozen=True)
class ExportResult:
    text: str
    inputs: tuple[str, ...]
    """The profile and every imported library: an output must never overwrite one of them."""


def _load(path: str, domain: str | None) -> Any:
    from profilekit.export.gateway import domain_names, unknown_domain_message
    from profilekit.load.profile import load_profile

    loaded = load_profile(path)
    known = domain_names(loaded)
    if domain is not None and domain not in known:
        raise ExportUsageError(unknown_domain_message(domain, known))
    return loaded


def selftest_profile(path: str, *, domain: str | None = None, timeout: float = 5.0) -> SelftestResult:
    """Load, export and run the loopback self-test (raises InputError, ExportUsageError, SelftestError)."""
    from profilekit.export.gateway import build_gateway
    from profilekit.export.selftest import run_selftest

    return run_selftest(build_gateway(_load(path, domain)), domain=domain, timeout=timeout)


def _refuse(loaded: Any, exc: Any) -> NoReturn:
    """An InputError at the cipher suites of the TLS profile whose OpenSSL section would refuse everything."""
    from profilekit.findings import InputError, Severity

    index = next(i for i, p in enumerate(loaded.profile.tls.profiles) if p.id == exc.tls_profile)
    raise InputError([loaded.finding(code="EX004", severity=Severity.ERROR, message=str(exc),
                                     path=("tls", "profiles", index, "cipher_suites"))])


def export_profile(path: str, fmt: str, *, domain: str | None = None) -> ExportResult:
    """Export the profile at `path` as `fmt` (one of FORMATS), optionally only TLS domain `domain`.

    Raises InputError (load errors, unresolvable names) or ExportUsageError.
    """
    from profilekit.export.gateway import build_gateway, dumps_gateway

    if fmt not in FORMATS:
        raise ExportUsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    loaded = _load(path, domain)
    gateway = build_gateway(loaded)
    if fmt == "gateway":
        if domain is not None:
            gateway["domains"] = [d for d in gateway["domains"] if d["name"] == domain]
        text = dumps_gateway(gateway)
    elif fmt == "openssl":
        from profilekit.export.openssl import SectionRefused, render_fragment

        try:
            text = render_fragment(gateway, domain)
        except SectionRefused as exc:
            _refuse(loaded, exc)
    else:
        from profilekit.export.mozilla import build_mozilla, dumps_mozilla

        text = dumps_mozilla(build_mozilla(gateway, domain))
    return ExportResult(text=text, inputs=(loaded.path, *loaded.libraries))
