"""SEC rules on TLS ≤ 1.2 features and extensions: encrypt-then-MAC, compression, renegotiation,
extended master secret, truncated HMAC, heartbeat, SNI, OCSP stapling."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from profilekit.catalog.baselines import BCP195, SP800_52R2, TR02102_2, TS33210
from profilekit.load.loaded import LoadedProfile
from profilekit.rules import tls_facts as facts
from profilekit.rules.base import ERROR, INFO, WARNING, Issue, Rule, rule
from profilekit.rules.baselines.shared import UNVERIFIED_3GPP, not_stated
from profilekit.rules.facts import stated, uses_ca_signed


def below_tls13(loaded: LoadedProfile, issues: Iterable[Issue]) -> Iterator[Issue]:
    """The issues on TLS profiles that list a version below TLS 1.3 (the feature is TLS ≤ 1.2 only)."""
    pre13 = {view.index for view in facts.profiles(loaded) if view.pre13}
    return (issue for issue in issues if issue.path[2] in pre13)


def enabled_extension(loaded: LoadedProfile, name: str, why: str) -> Iterator[Issue]:
    """Each TLS profile that turns the extension `name` on."""
    for view in facts.profiles(loaded):
        if getattr(view.profile.extensions, name):
            yield Issue(message=f"{name} is enabled: {why}", path=view.at("extensions", name))


def required_extension(loaded: LoadedProfile, name: str, why: str,
                       applies: Callable[[facts.ProfileView], bool] | None = None) -> Iterator[Issue]:
    """The extension must be stated and on (where `applies` says the TLS profile needs it)."""
    for view in facts.profiles(loaded):
        if applies is not None and not applies(view):
            continue
        if not stated(loaded, view.at("extensions", name)):
            yield not_stated(loaded, view, name, f"{why}; state `{name}: true`")
        elif not getattr(view.profile.extensions, name):
            yield Issue(message=f"{name} is off: {why}", path=view.at("extensions", name))


@rule(code="SEC012", title="CBC suites only with encrypt-then-MAC",
      baseline_severity={BCP195: WARNING, SP800_52R2: ERROR, TR02102_2: WARNING},
      refs=("RFC 9325 §4.2", "RFC 7366", "NIST SP 800-52r2 (TLS extensions: encrypt_then_mac)",
            "BSI TR-02102-2 (extensions)"),
      rationale="RFC 9325 §4.2: CBC suites SHOULD NOT be used unless encrypt_then_mac is negotiated; NIST: "
                "encrypt_then_mac shall be supported when CBC suites are configured; BSI: recommended. With CBC "
                "suites the TLS profile must state encrypt_then_mac: a value left to the default is not a statement "
                "the MG can be held to.",
      fix="Set extensions.encrypt_then_mac: true, or drop the CBC suites.",
      passing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256]\nextensions: {encrypt_then_mac: true}",
      failing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256]\nextensions: {encrypt_then_mac: false}")
def cbc_with_encrypt_then_mac(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        cbc = [e for e, s in view.usable_known() if facts.is_cbc(s)]
        if not cbc:
            continue
        why = (f"{len(cbc)} CBC suite(s) are listed, first {cbc[0].label()}, and CBC needs encrypt-then-MAC "
               "(RFC 7366) against padding-oracle attacks")
        if not stated(loaded, view.at("extensions", "encrypt_then_mac")):
            yield not_stated(loaded, view, "encrypt_then_mac", f"{why}; state `encrypt_then_mac: true`")
        elif not view.profile.extensions.encrypt_then_mac:
            yield Issue(message=f"encrypt_then_mac is off but {why}", path=view.at("extensions", "encrypt_then_mac"))


def _compression(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        for i, method in enumerate(view.profile.compression):
            if method != "null":
                yield Issue(message=f"TLS compression {method} is enabled: it exposes secrets to CRIME-style "
                                    "attacks (RFC 9325 §3.3)", path=view.at("compression", i))


@rule(code="SEC013", title="No TLS compression",
      baseline_severity={BCP195: WARNING, SP800_52R2: ERROR, TR02102_2: WARNING},
      refs=("RFC 9325 §3.3", "NIST SP 800-52r2 (compression methods)", "BSI TR-02102-2 (compression)"),
      rationale="RFC 9325 §3.3: compression SHOULD NOT be enabled (CRIME); NIST: null compression only (shall); BSI: "
                "not recommended.",
      fix="Set compression: [\"null\"].",
      passing="compression: [\"null\"]",
      failing="compression: [\"null\", deflate]")
def no_compression(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from below_tls13(loaded, _compression(loaded))


def _insecure_renegotiation(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        reneg = view.profile.renegotiation
        if reneg is not None and reneg.supported and not reneg.secure_only:
            yield Issue(message="renegotiation is supported without requiring RFC 5746 secure renegotiation "
                                "(renegotiation_info): set secure_only: true",
                        path=view.at("renegotiation", "secure_only"))


@rule(code="SEC014", title="Renegotiation only as RFC 5746 secure renegotiation",
      baseline_severity={BCP195: ERROR, SP800_52R2: ERROR, TR02102_2: WARNING, TS33210: INFO},
      refs=("RFC 9325 §3.5", "RFC 5746", "NIST SP 800-52r2 (TLS extensions: renegotiation_info)",
            "BSI TR-02102-2 (renegotiation)", "3GPP TS 33.210 §6.2.3 (best practice)"),
      rationale="RFC 9325 §3.5: renegotiation_info MUST be implemented; NIST: shall; BSI: renegotiation only per RFC "
                "5746. "
                + UNVERIFIED_3GPP,
      fix="Set renegotiation.secure_only: true (or supported: false).",
      passing="renegotiation: {supported: true, secure_only: true}",
      failing="renegotiation: {supported: true, secure_only: false}")
def secure_renegotiation_only(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from below_tls13(loaded, _insecure_renegotiation(loaded))


def _client_renegotiation(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        reneg = view.profile.renegotiation
        if reneg is not None and reneg.supported and "client" in reneg.initiators:
            yield Issue(message="clients may initiate renegotiation; BSI TR-02102-2 advises servers to refuse "
                                "client-initiated renegotiation (denial of service)",
                        path=view.at("renegotiation", "initiators", reneg.initiators.index("client")))


@rule(code="SEC015", title="No client-initiated renegotiation",
      baseline_severity={TR02102_2: WARNING},
      refs=("BSI TR-02102-2 (renegotiation)",),
      rationale="BSI TR-02102-2: servers should refuse client-initiated renegotiation.",
      fix="Remove client from renegotiation.initiators.",
      passing="renegotiation: {supported: true, initiators: [server]}",
      failing="renegotiation: {supported: true, initiators: [client, server]}")
def no_client_renegotiation(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from below_tls13(loaded, _client_renegotiation(loaded))


def _ems(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        path = view.at("extensions", "extended_master_secret")
        if not stated(loaded, path):
            yield not_stated(loaded, view, "extended_master_secret", "TLS 1.2 without RFC 7627 is open to "
                              "triple-handshake attacks; state `extended_master_secret: required`")
        elif view.profile.extensions.extended_master_secret == "off":
            yield Issue(message="extended_master_secret is off: TLS 1.2 without RFC 7627 is open to "
                                "triple-handshake attacks; set it to required", path=path)


@rule(code="SEC016", title="Extended master secret is used",
      baseline_severity={BCP195: ERROR, SP800_52R2: ERROR, TR02102_2: WARNING, TS33210: INFO},
      refs=("RFC 9325 §3.5", "RFC 7627", "NIST SP 800-52r2 (TLS extensions: extended_master_secret)",
            "BSI TR-02102-2 (extensions)", "3GPP TS 33.210 §6.2.3 (best practice)"),
      rationale="RFC 9325 §3.5: extended master secret MUST be supported; NIST: shall; BSI: recommended. A TLS "
                "profile offering TLS 1.2 states it (`required` or `supported`); an unstated value is reported. "
                + UNVERIFIED_3GPP,
      fix="Set extensions.extended_master_secret: required.",
      passing="extensions: {extended_master_secret: required}",
      failing="extensions: {extended_master_secret: off}")
def extended_master_secret_used(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from below_tls13(loaded, _ems(loaded))


@rule(code="SEC032", title="No truncated HMAC",
      baseline_severity={BCP195: ERROR, TR02102_2: WARNING, TS33210: INFO},
      refs=("RFC 9325 §4.6", "BSI TR-02102-2 (extensions)", "3GPP TS 33.210 §6.2.3 (best practice)"),
      rationale="RFC 9325 §4.6: the truncated_hmac extension MUST NOT be used; BSI: should not. "
                + UNVERIFIED_3GPP,
      fix="Set extensions.truncated_hmac: false.",
      passing="extensions: {truncated_hmac: false}",
      failing="extensions: {truncated_hmac: true}")
def no_truncated_hmac(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from below_tls13(loaded, enabled_extension(loaded, "truncated_hmac",
                                                         "truncated HMAC weakens record integrity (RFC 9325 §4.6)"))


@rule(code="SEC033", title="No heartbeat extension",
      baseline_severity={TR02102_2: WARNING},
      refs=("BSI TR-02102-2 (extensions)",),
      rationale="BSI TR-02102-2: the heartbeat extension should not be used (Heartbleed showed its risk).",
      fix="Set extensions.heartbeat: false.",
      passing="extensions: {heartbeat: false}",
      failing="extensions: {heartbeat: true}")
def no_heartbeat(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from enabled_extension(loaded, "heartbeat", "BSI TR-02102-2 advises against the heartbeat extension")


@rule(code="SEC034", title="Server Name Indication is supported",
      baseline_severity={BCP195: ERROR, SP800_52R2: ERROR},
      refs=("RFC 9325 §3.7", "NIST SP 800-52r2 (TLS extensions: server_name)"),
      rationale="RFC 9325 §3.7: SNI MUST be supported; NIST: shall. The TLS profile states it; an unstated value is "
                "reported.",
      fix="Set extensions.server_name_indication: true.",
      passing="extensions: {server_name_indication: true}",
      failing="extensions: {server_name_indication: false}")
def sni_supported(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from required_extension(loaded, "server_name_indication", "SNI must be supported (RFC 9325 §3.7)")


@rule(code="SEC035", title="OCSP stapling (status_request) is supported",
      baseline_severity={SP800_52R2: ERROR},
      refs=("NIST SP 800-52r2 (TLS extensions: status_request)",),
      rationale="NIST SP 800-52r2: servers shall support the status_request (OCSP stapling) extension. OCSP reports "
                "the revocation status of CA-issued certificates, so the rule concerns TLS profiles with "
                "`certificate_ca_signed` authentication only (not PSK-only or self-signed/fingerprint profiles); "
                "there the TLS profile states the extension, and an unstated value is reported.",
      fix="Set extensions.ocsp_stapling: true.",
      passing="extensions: {ocsp_stapling: true}",
      failing="extensions: {ocsp_stapling: false}")
def ocsp_stapling_supported(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from required_extension(loaded, "ocsp_stapling",
                                  "NIST SP 800-52r2 requires status_request (OCSP stapling) for CA-signed certificates",
                                  applies=lambda view: uses_ca_signed(view.profile))


RULES: tuple[Rule, ...] = (
    cbc_with_encrypt_then_mac, no_compression, secure_renegotiation_only, no_client_renegotiation,
    extended_master_secret_used, no_truncated_hmac, no_heartbeat, sni_supported, ocsp_stapling_supported,
)
"""Every rule this module declares, for the registry."""
