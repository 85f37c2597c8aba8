"""The export and self-test jobs behind `profilekit export` / `selftest`: load, run the rules, then (unless
the profile has error findings and `force` is off) build one format or run the self-test. The CLI writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NoReturn

from profilekit.export.gateway import build_gateway, domain_names, dumps_gateway, unknown_domain_message
from profilekit.export.mozilla import NoCertificates, build_mozilla, dumps_mozilla
from profilekit.export.openssl.fragment import SectionRefused, render_fragment
from profilekit.export.selftest.results import SelftestResult
from profilekit.export.selftest.runner import run_selftest
from profilekit.findings import Finding, InputError, Severity
from profilekit.load.profile import load_profile
from profilekit.validate import DEFAULT_BASELINE, check_loaded

FORMATS: tuple[str, ...] = ("gateway", "openssl", "mozilla")


class ExportUsageError(Exception):
    """A usage problem (e.g. an unknown --domain): a message for the user, exit code 2."""


@dataclass(frozen=True)
class Checked:
    """What the rules said about the profile before an export or a self-test."""

    findings: tuple[Finding, ...] = ()
    """All rule findings, suppressed ones included."""
    refused: bool = False
    """True when error findings stopped the job (no `force`): nothing was exported or tested."""

    @property
    def active(self) -> list[Finding]:
        """Findings not suppressed."""
        return [f for f in self.findings if f.suppressed is None]

    @property
    def errors(self) -> list[Finding]:
        """Active findings of error severity (these stop the job without `force`)."""
        return [f for f in self.active if f.severity >= Severity.ERROR]


@dataclass(frozen=True)
class ExportResult:
    """What `export_profile` produced: the text, the files it read, and what the rules said."""

    text: str
    """The export; empty when `checked.refused`."""
    inputs: tuple[str, ...]
    """The profile and every imported library: an output must never overwrite one of them."""
    checked: Checked = field(default_factory=Checked)
    notes: tuple[str, ...] = ()
    """What the user should know about the export (e.g. domains the format leaves out), for stderr."""


@dataclass(frozen=True)
class SelftestRun:
    """What `selftest_profile` did: what the rules said, and the self-test result unless they refused."""

    checked: Checked
    result: SelftestResult | None
    """None when `checked.refused`."""


def _load(path: str, domain: str | None) -> Any:
    loaded = load_profile(path)
    known = domain_names(loaded)
    if domain is not None and domain not in known:
        raise ExportUsageError(unknown_domain_message(domain, known))
    return loaded


def _check(loaded: Any, baseline: str | None, force: bool) -> Checked:
    """Run the rules (the whole profile, whatever `--domain`): error findings refuse the job unless `force`."""
    findings = tuple(check_loaded(loaded, baseline=baseline or DEFAULT_BASELINE))
    checked = Checked(findings=findings)
    return Checked(findings=findings, refused=bool(checked.errors) and not force)


def selftest_profile(path: str, *, domain: str | None = None, timeout: float = 5.0, baseline: str | None = None,
                     force: bool = False) -> SelftestRun:
    """Load, validate, export and run the loopback self-test (raises InputError, ExportUsageError,
    SelftestError). With error findings and no `force` nothing is tested."""
    loaded = _load(path, domain)
    checked = _check(loaded, baseline, force)
    if checked.refused:
        return SelftestRun(checked=checked, result=None)
    return SelftestRun(checked=checked,
                       result=run_selftest(build_gateway(loaded), domain=domain, timeout=timeout))


def _refuse(loaded: Any, exc: Any) -> NoReturn:
    """An InputError at the cipher suites of the TLS profile whose OpenSSL section would refuse everything."""
    index = next(i for i, p in enumerate(loaded.profile.tls.profiles) if p.id == exc.tls_profile)
    raise InputError([loaded.finding(code="EX004", severity=Severity.ERROR, message=str(exc),
                                     path=("tls", "profiles", index, "cipher_suites"))])


def export_profile(path: str, fmt: str, *, domain: str | None = None, baseline: str | None = None,
                   force: bool = False) -> ExportResult:
    """Validate, then export the profile at `path` as `fmt` (one of FORMATS), optionally only TLS domain
    `domain`. With error findings and no `force` nothing is exported (`checked.refused`).

    Raises InputError (load errors, unresolvable names) or ExportUsageError (also for a Mozilla export of a
    domain, or a profile, without certificates).
    """
    if fmt not in FORMATS:
        raise ExportUsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    loaded = _load(path, domain)
    inputs = (loaded.path, *loaded.libraries)
    checked = _check(loaded, baseline, force)
    if checked.refused:
        return ExportResult(text="", inputs=inputs, checked=checked)
    gateway = build_gateway(loaded)
    if fmt == "gateway":
        if domain is not None:
            gateway["domains"] = [d for d in gateway["domains"] if d["name"] == domain]
        text = dumps_gateway(gateway)
    elif fmt == "openssl":
        try:
            text = render_fragment(gateway, domain)
        except SectionRefused as exc:
            _refuse(loaded, exc)
    else:
        try:
            document = build_mozilla(gateway, domain)
        except NoCertificates as exc:
            raise ExportUsageError(str(exc)) from None
        text = dumps_mozilla(document)
        if domain is None:
            notes = tuple(f"TLS domain '{name}' is left out of the Mozilla export: {why} (see profilekit.left_out)"
                          for name, why in document["profilekit"]["left_out"].items())
            return ExportResult(text=text, inputs=inputs, checked=checked, notes=notes)
    return ExportResult(text=text, inputs=inputs, checked=checked)
