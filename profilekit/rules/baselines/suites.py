"""SEC rules on cipher suites: broken and weak suites, forward secrecy, and each baseline's list."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from profilekit.catalog.baselines import BCP195, SP800_52R2, TR02102_2, TS33210
from profilekit.catalog.ciphers import CipherSuite
from profilekit.load.loaded import LoadedProfile
from profilekit.rules import tls_facts as facts
from profilekit.rules.base import ERROR, INFO, WARNING, Issue, Rule, rule
from profilekit.rules.baselines.shared import UNVERIFIED_3GPP


def failing_suites(loaded: LoadedProfile, test: Callable[[CipherSuite], str | bool | None],
                   why: str = "") -> Iterator[Issue]:
    """Each usable suite for which test(suite) returns a reason (str, or True to use `why`)."""
    for view in facts.profiles(loaded):
        for entry, suite in view.usable_known():
            verdict = test(suite)
            if verdict:
                reason = verdict if isinstance(verdict, str) else why
                yield Issue(message=f"{entry.name} {reason}", path=entry.path)


def _cite(reason: str | None, source: str) -> str | None:
    return None if reason is None else f"{reason}; {source} forbids it"


@rule(code="SEC005", title="No NULL, RC4, export or DES suites",
      baseline_severity={BCP195: ERROR},
      refs=("RFC 9325 §4.1", "RFC 7465"),
      rationale="RFC 9325 §4.1: implementations MUST NOT negotiate suites with NULL encryption, RC4, or under 112 "
                "bits of security (export, DES).",
      fix="Remove the suite.",
      passing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_RSA_WITH_RC4_128_SHA]")
def no_broken_suites(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from failing_suites(loaded, lambda s: _cite(facts.broken_reason(s), "RFC 9325 §4.1"))


@rule(code="SEC006", title="No suites under 128-bit security (3DES)",
      baseline_severity={BCP195: WARNING},
      refs=("RFC 9325 §4.1",),
      rationale="RFC 9325 §4.1: implementations SHOULD NOT negotiate suites under 128 bits of security (3DES, "
                "Sweet32).",
      fix="Remove the 3DES suites.",
      passing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA]")
def no_3des_suites(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from failing_suites(loaded, facts.weak_cipher, "offers under 128-bit security (3DES; RFC 9325 §4.1)")


@rule(code="SEC007", title="No anonymous suites",
      baseline_severity={BCP195: INFO},
      refs=("RFC 9325 §4.1 (best practice)", "IANA TLS Cipher Suites: Recommended N"),
      rationale="Anonymous suites authenticate nobody and are open to man-in-the-middle attacks. RFC 9325 does not "
                "name them, so this is best practice (info); TLS010 reports them as errors when server authentication "
                "is required.",
      fix="Remove the DH_anon/ECDH_anon suites.",
      passing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_ECDH_anon_WITH_AES_128_CBC_SHA]")
def no_anonymous_suites(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from failing_suites(loaded, facts.is_anonymous,
                              "is anonymous: no peer is authenticated (best practice: don't)")


@rule(code="SEC008", title="No static RSA key transport",
      baseline_severity={BCP195: WARNING},
      refs=("RFC 9325 §4.1", "RFC 9325 §4.2.1"),
      rationale="RFC 9325 §4.1: implementations SHOULD NOT negotiate suites based on RSA key transport (no forward "
                "secrecy, Bleichenbacher-style oracles); §4.2.1: TLS_RSA_WITH_AES_128_CBC_SHA SHOULD NOT be supported.",
      fix="Replace TLS_RSA_* suites by TLS_ECDHE_RSA_* suites.",
      passing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_RSA_WITH_AES_128_GCM_SHA256]")
def no_static_rsa(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from failing_suites(loaded, facts.is_static_rsa,
                              "uses static RSA key transport: no forward secrecy (RFC 9325 §4.1)")


@rule(code="SEC009", title="No static DH or ECDH",
      baseline_severity={BCP195: WARNING},
      refs=("RFC 9325 §4.1",),
      rationale="RFC 9325 §4.1: implementations SHOULD NOT negotiate static (EC)DH suites (no forward secrecy).",
      fix="Replace TLS_DH_*/TLS_ECDH_* suites by their ephemeral (DHE/ECDHE) versions.",
      passing="cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256]")
def no_static_dh(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from failing_suites(loaded, facts.is_static_dh, "uses static (EC)DH: no forward secrecy (RFC 9325 §4.1)")


@rule(code="SEC010", title="No TLS 1.2 finite-field DHE",
      baseline_severity={BCP195: WARNING},
      refs=("RFC 9325 §4.1",),
      rationale="RFC 9325 §4.1: TLS 1.2 implementations SHOULD NOT negotiate TLS_DHE_* suites (fragile construction, "
                "Raccoon; RFC 7919 negotiation rarely deployed).",
      fix="Replace TLS_DHE_* suites by TLS_ECDHE_* suites.",
      passing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_DHE_RSA_WITH_AES_128_GCM_SHA256]")
def no_tls12_finite_field_dhe(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from failing_suites(loaded, lambda s: s.key_exchange in ("dhe", "dhe_psk"),
                              "is a finite-field DHE suite, which TLS 1.2 should not use (RFC 9325 §4.1)")


@rule(code="SEC011", title="Forward-secret suites are supported",
      baseline_severity={BCP195: ERROR},
      refs=("RFC 9325 §4.1",),
      rationale="RFC 9325 §4.1: suites with forward secrecy MUST be supported and preferred (PRC001 checks the "
                "preference).",
      fix="Add TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 / TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.",
      passing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
      failing="versions: [TLS1.2]\ncipher_suites: [TLS_RSA_WITH_AES_128_GCM_SHA256]")
def forward_secret_suites_supported(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if not view.pre13:
            continue
        pre13 = [s for _, s in view.usable_known() if not s.tls13]
        if pre13 and not any(s.forward_secret for s in pre13):
            yield Issue(message=f"no forward-secret suite for {facts.version_list(view.pre13)}: add ECDHE "
                                "suites (RFC 9325 §4.1: forward secrecy MUST be supported and preferred)",
                        path=view.at("cipher_suites"))


_NIST_TLS13 = frozenset({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_CCM_SHA256",
                         "TLS_AES_128_CCM_8_SHA256"})


def _nist_suite(suite: CipherSuite) -> str | None:
    if suite.tls13:
        return None if suite.iana in _NIST_TLS13 else "is not among NIST SP 800-52r2's TLS 1.3 suites " \
            "(AES-128/256-GCM, AES-128-CCM, AES-128-CCM-8)"
    if suite.cipher not in ("aes_128", "aes_256") or suite.mode not in ("gcm", "ccm", "ccm_8", "cbc"):
        return f"is not composed of NIST-approved algorithms ({suite.cipher} {suite.mode or ''}".rstrip() + \
            "); NIST SP 800-52r2 lists AES-GCM/CCM/CBC suites only"
    if facts.is_anonymous(suite) or suite.key_exchange in ("krb5", "srp", "null"):
        return f"is not a NIST SP 800-52r2 suite ({suite.key_exchange} key exchange)"
    return None


@rule(code="SEC027", title="Only NIST SP 800-52r2 cipher suites",
      baseline_severity={SP800_52R2: ERROR},
      refs=("NIST SP 800-52r2 (cipher suites for TLS 1.2 and 1.3)",),
      rationale="NIST SP 800-52r2 lists TLS 1.2 suites with AES-GCM/CCM/CBC (ECDHE and DHE, some static) and TLS 1.3 "
                "AES_128_GCM, AES_256_GCM, AES_128_CCM, AES_128_CCM_8: no ChaCha20, Camellia, ARIA, 3DES. PSK suites "
                "are not flagged (its Appendix C allowance is unverified in our notes).",
      fix="Remove the suite, e.g. TLS_CHACHA20_POLY1305_SHA256.",
      passing="cipher_suites: [TLS_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_CHACHA20_POLY1305_SHA256]")
def nist_suites_only(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from failing_suites(loaded, _nist_suite)


_BSI_TLS13 = frozenset({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_CCM_SHA256"})

_BSI_KX = ("ecdhe", "dhe", "ecdh", "dh", "ecdhe_psk", "dhe_psk", "rsa_psk")


def _bsi_suite(suite: CipherSuite) -> str | None:
    if suite.tls13:
        return None if suite.iana in _BSI_TLS13 else "is not among BSI TR-02102-2's TLS 1.3 suites " \
            "(AES-128/256-GCM, AES-128-CCM)"
    if suite.key_exchange == "psk":
        return "is plain PSK without forward secrecy; BSI TR-02102-2 lists PSK only as ECDHE_PSK, DHE_PSK " \
            "or RSA_PSK"
    if suite.key_exchange not in _BSI_KX or facts.is_anonymous(suite):
        return f"is not recommended by BSI TR-02102-2 ({suite.key_exchange} key exchange)"
    if suite.cipher not in ("aes_128", "aes_256") or suite.mode not in ("gcm", "ccm", "cbc") or \
            (suite.mode == "cbc" and suite.mac not in ("sha256", "sha384")):
        return f"is not recommended by BSI TR-02102-2 (it lists AES-GCM, AES-CCM and AES-CBC with " \
            f"SHA-256/384 only; this is {suite.cipher} {suite.mode} {suite.mac})"
    return None


@rule(code="SEC028", title="Only BSI TR-02102-2 cipher suites",
      baseline_severity={TR02102_2: WARNING},
      refs=("BSI TR-02102-2 (recommended cipher suites)",),
      rationale="BSI TR-02102-2 recommends TLS 1.2 (EC)DHE and (EC)DH with AES-GCM, AES-CCM or AES-CBC with "
                "SHA-256/384; PSK only as ECDHE_PSK, DHE_PSK, RSA_PSK; TLS 1.3 AES_128_GCM, AES_256_GCM, AES_128_CCM.",
      fix="Remove the suite or replace it by a recommended one.",
      passing="cipher_suites: [TLS_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_PSK_WITH_AES_128_GCM_SHA256]")
def bsi_suites_only(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from failing_suites(loaded, _bsi_suite)


def _gpp_tls12_suite(suite: CipherSuite) -> str | None:
    if suite.tls13 or (suite.aead and suite.forward_secret and not facts.is_anonymous(suite)):
        return None
    return "is not an AEAD suite with forward secrecy, the only kind 3GPP TS 33.210 §6.2.3 allows for " \
        "TLS 1.2 (best practice; our notes on that clause are unverified)"


@rule(code="SEC029", title="3GPP: TLS 1.2 suites are AEAD with forward secrecy",
      baseline_severity={TS33210: INFO},
      refs=("3GPP TS 33.210 §6.2.3 (best practice)",),
      rationale="3GPP TS 33.210 §6.2.3 allows only AEAD suites with forward secrecy for TLS 1.2 and excludes NULL, "
                "anonymous, export, static RSA and static DH. "
                + UNVERIFIED_3GPP,
      fix="Use ECDHE(-ECDSA/-RSA) AES-GCM suites.",
      passing="cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256]")
def gpp_tls12_aead_suites(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from failing_suites(loaded, _gpp_tls12_suite)


@rule(code="SEC030", title="TLS 1.3 includes its mandatory suite",
      baseline_severity={BCP195: ERROR, TS33210: ERROR},
      refs=("RFC 8446 §9.1", "RFC 9325 §4.3", "3GPP TS 33.210 §6.2"),
      rationale="RFC 8446 §9.1: TLS_AES_128_GCM_SHA256 MUST be implemented; RFC 9325 §4.3 and 3GPP TS 33.210 §6.2 "
                "defer to RFC 8446 §9.1. A profile that leaves it out may share no suite with a compliant peer.",
      fix="Add TLS_AES_128_GCM_SHA256.",
      passing="cipher_suites: [TLS_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_AES_256_GCM_SHA384]")
def tls13_mandatory_suite(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if view.has("TLS1.3") and "TLS_AES_128_GCM_SHA256" not in view.profile.cipher_suites:
            yield Issue(message="TLS 1.3 is listed without TLS_AES_128_GCM_SHA256, the suite every TLS 1.3 "
                                "implementation MUST support (RFC 8446 §9.1): peers may share no other suite",
                        path=view.at("cipher_suites"))


RECOMMENDED_TLS12 = ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                     "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")
"""The TLS 1.2 cipher suites RFC 9325 §4.2 recommends."""


@rule(code="SEC036", title="TLS 1.2 offers a suite RFC 9325 recommends",
      baseline_severity={BCP195: WARNING},
      refs=("RFC 9325 §4.2",),
      rationale="RFC 9325 §4.2: implementation and deployment of the ECDHE-RSA and ECDHE-ECDSA AES-GCM suites is "
                "RECOMMENDED (a warning when none is listed). Checked for TLS profiles that list TLS 1.2 and "
                "certificate authentication: all four suites need a certificate, so a PSK-only profile cannot "
                "use them. A TLS 1.2 without any usable suite is TLS003's error, not reported here again.",
      fix="Add TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (whichever fits the "
          "certificate key type) to cipher_suites.",
      passing="versions: [TLS1.2]\ncipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]",
      failing="versions: [TLS1.2]\ncipher_suites: [TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256]")
def tls12_recommended_suite(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if not view.has("TLS1.2") or not facts.certificate_key_types(view):
            continue
        tls12 = [suite for _, suite in view.usable_known() if suite.usable_with("TLS1.2")]
        if tls12 and not any(suite.iana in RECOMMENDED_TLS12 for suite in tls12):
            yield Issue(message="TLS 1.2 is listed without any of the suites RFC 9325 §4.2 recommends ("
                                + ", ".join(RECOMMENDED_TLS12) + ")", path=view.at("cipher_suites"))


RULES: tuple[Rule, ...] = (
    no_broken_suites, no_3des_suites, no_anonymous_suites, no_static_rsa, no_static_dh, no_tls12_finite_field_dhe,
    forward_secret_suites_supported, nist_suites_only, bsi_suites_only, gpp_tls12_aead_suites,
    tls13_mandatory_suite, tls12_recommended_suite,
)
"""Every rule this module declares, for the registry."""
