"""Security baseline rules (SEC): RFC 9325, 3GPP TS 33.210, NIST SP 800-52r2, BSI TR-02102-2.

One rule per topic; `baselines` names the baselines that have the topic and `baseline_severity` maps each
baseline's keyword to a severity (MUST/SHALL → error, SHOULD/(not) recommended → warning, MAY/best
practice → info). Where thresholds differ between baselines (key sizes) the topic is split per baseline,
because a check cannot see the selected baseline.

Sources are the facts in shared/reference/security-baselines.md. Our notes give section numbers for
RFC 9325 and 3GPP TS 33.210 only; NIST SP 800-52r2 and BSI TR-02102-2 are cited by document and topic.
Facts the notes mark "(unverified)" (3GPP TS 33.210 §6.2.3 on TLS 1.2 suites and extensions) are cited
as best practice at info severity, and each such rule's rationale says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from profilekit.catalog.ciphers import CipherSuite
from profilekit.findings import Severity
from profilekit.load.loaded import LoadedProfile
from profilekit.rules import _tls_facts as facts
from profilekit.rules.base import Check, Issue, Rule
from profilekit.rules.facts import absent_at, stated, uses_ca_signed

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
RFC, GPP, NIST, BSI = "rfc9325", "3gpp-ts33210", "nist-sp800-52r2", "bsi-tr02102-2"

_UNVERIFIED_3GPP = ("Under 3gpp-ts33210 this is reported as best practice (info): our notes on TS 33.210 "
                    "§6.2.3 are unverified against the specification text.")


def _rule(code: str, title: str, severities: Mapping[str, Severity], refs: tuple[str, ...], rationale: str,
          fix: str, check: Check, passing: str, failing: str) -> Rule:
    """A baseline rule; its default severity is that of the first baseline listed."""
    return Rule(code=code, title=title, severity=next(iter(severities.values())), refs=refs,
                rationale=rationale, fix=fix, check=check, baselines=frozenset(severities),
                baseline_severity=dict(severities), passing=passing, failing=failing)


# Versions

def _versions(*forbidden: str, why: str) -> Check:
    def check(loaded: LoadedProfile) -> Iterator[Issue]:
        for view in facts.profiles(loaded):
            for i, version in enumerate(view.profile.versions):
                if version in forbidden:
                    yield Issue(message=f"{version} is enabled: {why}", path=view.at("versions", i))
    return check


def _requires_version(version: str, why: str) -> Check:
    def check(loaded: LoadedProfile) -> Iterator[Issue]:
        for view in facts.profiles(loaded):
            if not view.has(version):
                yield Issue(message=f"{version} is not listed in versions ({facts.version_list(view.versions)})"
                                    f": {why}", path=view.at("versions"))
    return check


# Suites

def _suite_check(test: Callable[[CipherSuite], str | bool | None], why: str = "") -> Check:
    """Each usable suite for which test(suite) returns a reason (str, or True to use `why`) is reported."""
    def check(loaded: LoadedProfile) -> Iterator[Issue]:
        for view in facts.profiles(loaded):
            for entry, suite in view.usable_known():
                verdict = test(suite)
                if verdict:
                    reason = verdict if isinstance(verdict, str) else why
                    yield Issue(message=f"{entry.name} {reason}", path=entry.path)
    return check


def _no_forward_secrecy(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if not view.pre13:
            continue
        pre13 = [s for _, s in view.usable_known() if not s.tls13]
        if pre13 and not any(s.forward_secret for s in pre13):
            yield Issue(message=f"no forward-secret suite for {facts.version_list(view.pre13)}: add ECDHE "
                                "suites (RFC 9325 §4.1: forward secrecy MUST be supported and preferred)",
                        path=view.at("cipher_suites"))


def _not_stated(loaded: LoadedProfile, view: facts.ProfileView, name: str, why: str) -> Issue:
    """An extension the baseline needs stated, which the TLS profile leaves to the model's default."""
    path = view.at("extensions", name)
    return Issue(message=f"TLS profile {view.profile.id!r} does not state extensions.{name}: {why}",
                 path=absent_at(loaded, path), key=True)


def _cbc_without_etm(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        cbc = [e for e, s in view.usable_known() if facts.is_cbc(s)]
        if not cbc:
            continue
        why = (f"{len(cbc)} CBC suite(s) are listed, first {cbc[0].label()}, and CBC needs encrypt-then-MAC "
               "(RFC 7366) against padding-oracle attacks")
        if not stated(loaded, view.at("extensions", "encrypt_then_mac")):
            yield _not_stated(loaded, view, "encrypt_then_mac", f"{why}; state `encrypt_then_mac: true`")
        elif not view.profile.extensions.encrypt_then_mac:
            yield Issue(message=f"encrypt_then_mac is off but {why}", path=view.at("extensions", "encrypt_then_mac"))


def _tls13_mti(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if view.has("TLS1.3") and "TLS_AES_128_GCM_SHA256" not in view.profile.cipher_suites:
            yield Issue(message="TLS 1.3 is listed without TLS_AES_128_GCM_SHA256, the suite every TLS 1.3 "
                                "implementation MUST support (RFC 8446 §9.1): peers may share no other suite",
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


def _gpp_tls12_suite(suite: CipherSuite) -> str | None:
    if suite.tls13 or (suite.aead and suite.forward_secret and not facts.is_anonymous(suite)):
        return None
    return "is not an AEAD suite with forward secrecy, the only kind 3GPP TS 33.210 §6.2.3 allows for " \
        "TLS 1.2 (best practice; our notes on that clause are unverified)"


def _cite(reason: str | None, source: str) -> str | None:
    return None if reason is None else f"{reason}; {source} forbids it"


# Protocol features

def _pre13(check: Check) -> Check:
    """Run `check` only on profiles that list a version below TLS 1.3 (the feature is TLS ≤ 1.2 only)."""
    def wrapped(loaded: LoadedProfile) -> Iterator[Issue]:
        pre13 = {view.index for view in facts.profiles(loaded) if view.pre13}
        return (issue for issue in check(loaded) if issue.path[2] in pre13)
    return wrapped


def _compression(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        for i, method in enumerate(view.profile.compression):
            if method != "null":
                yield Issue(message=f"TLS compression {method} is enabled: it exposes secrets to CRIME-style "
                                    "attacks (RFC 9325 §3.3)", path=view.at("compression", i))


def _insecure_renegotiation(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        reneg = view.profile.renegotiation
        if reneg.supported and not reneg.secure_only:
            yield Issue(message="renegotiation is supported without requiring RFC 5746 secure renegotiation "
                                "(renegotiation_info): set secure_only: true",
                        path=view.at("renegotiation", "secure_only"))


def _client_renegotiation(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        reneg = view.profile.renegotiation
        if reneg.supported and "client" in reneg.initiators:
            yield Issue(message="clients may initiate renegotiation; BSI TR-02102-2 advises servers to refuse "
                                "client-initiated renegotiation (denial of service)",
                        path=view.at("renegotiation", "initiators", reneg.initiators.index("client")))


def _ems(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        path = view.at("extensions", "extended_master_secret")
        if not stated(loaded, path):
            yield _not_stated(loaded, view, "extended_master_secret", "TLS 1.2 without RFC 7627 is open to "
                              "triple-handshake attacks; state `extended_master_secret: required`")
        elif view.profile.extensions.extended_master_secret == "off":
            yield Issue(message="extended_master_secret is off: TLS 1.2 without RFC 7627 is open to "
                                "triple-handshake attacks; set it to required", path=path)


def _flag_extension(name: str, why: str) -> Check:
    def check(loaded: LoadedProfile) -> Iterator[Issue]:
        for view in facts.profiles(loaded):
            if getattr(view.profile.extensions, name):
                yield Issue(message=f"{name} is enabled: {why}", path=view.at("extensions", name))
    return check


def _required_extension(name: str, why: str, applies: Callable[[facts.ProfileView], bool] | None = None) -> Check:
    """The extension must be stated and on (where `applies` says the TLS profile needs it)."""
    def check(loaded: LoadedProfile) -> Iterator[Issue]:
        for view in facts.profiles(loaded):
            if applies is not None and not applies(view):
                continue
            if not stated(loaded, view.at("extensions", name)):
                yield _not_stated(loaded, view, name, f"{why}; state `{name}: true`")
            elif not getattr(view.profile.extensions, name):
                yield Issue(message=f"{name} is off: {why}", path=view.at("extensions", name))
    return check


_WEEK_S = 7 * 86400


def _ticket_key_rotation(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        res = view.profile.resumption
        if not res.session_tickets:
            continue
        if res.ticket_key_rotation_s is None:
            yield Issue(message="session tickets are enabled but ticket_key_rotation_s is not stated: ticket "
                                "keys must be rotated regularly, e.g. weekly (RFC 9325 §3.4)",
                        path=view.at("resumption", "session_tickets"))
        elif res.ticket_key_rotation_s > _WEEK_S:
            yield Issue(message=f"ticket keys are rotated every {res.ticket_key_rotation_s} s, less often than "
                                "weekly: a stolen ticket key exposes every session of that period "
                                "(RFC 9325 §3.4)", path=view.at("resumption", "ticket_key_rotation_s"))


def _ticket_lifetime(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        res = view.profile.resumption
        if not res.session_tickets:
            continue
        if res.ticket_lifetime_s is None:
            yield Issue(message="session tickets are enabled but ticket_lifetime_s is not stated: limit it, "
                                "e.g. to half the ticket key rotation period (RFC 9325 §3.4)",
                        path=view.at("resumption", "session_tickets"))
        elif res.ticket_key_rotation_s is not None and res.ticket_lifetime_s > res.ticket_key_rotation_s:
            yield Issue(message=f"ticket_lifetime_s {res.ticket_lifetime_s} exceeds the ticket key rotation "
                                f"period ({res.ticket_key_rotation_s} s): tickets outlive their key; RFC 9325 "
                                "§3.4 suggests half the rotation period",
                        path=view.at("resumption", "ticket_lifetime_s"))


def _psk_ke(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        modes = view.profile.resumption.tls13_psk_modes
        if view.has("TLS1.3") and "psk_ke" in modes:
            yield Issue(message="TLS 1.3 psk_ke resumes without a fresh (EC)DHE exchange, so it has no "
                                "forward secrecy: use psk_dhe_ke",
                        path=view.at("resumption", "tls13_psk_modes", modes.index("psk_ke")))


def _early_data(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if view.profile.early_data and view.has("TLS1.3"):
            yield Issue(message="early_data (0-RTT) is accepted: 0-RTT data can be replayed and has no "
                                "forward secrecy (RFC 8446 §8)", path=view.at("early_data"))


# Keys, groups, hashes

def _weak_groups(ec_min: int, ff_min: int) -> Check:
    def check(loaded: LoadedProfile) -> Iterator[Issue]:
        for view in facts.profiles(loaded):
            for i, name in enumerate(view.profile.groups):
                group = facts.GROUPS[name]
                floor = ff_min if group.family == "ff" else ec_min
                if group.bits < floor:
                    kind = "finite-field group" if group.family == "ff" else "curve"
                    yield Issue(message=f"group {name} is a {group.bits}-bit {kind}, below the {floor}-bit "
                                        "minimum", path=view.at("groups", i))
    return check


def _weak_certificate_keys(rsa_min: int, ec_min: int) -> Check:
    def check(loaded: LoadedProfile) -> Iterator[Issue]:
        for view in facts.profiles(loaded):
            certs = view.profile.certificates
            if certs is None:
                continue
            for i, key in enumerate(certs.key_types):
                floor = {"rsa": rsa_min, "dsa": rsa_min, "ecdsa": ec_min}.get(key.type)
                if floor is not None and key.min_bits < floor:
                    yield Issue(message=f"{key.type} certificate keys from {key.min_bits} bits are allowed, "
                                        f"below the {floor}-bit minimum",
                                path=view.at("certificates", "key_types", i, "min_bits"))
    return check


def _weak_signature_hashes(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        for i, name in enumerate(view.profile.signature_algorithms):
            if facts.sigalg(name).hash in ("sha1", "md5"):
                yield Issue(message=f"signature algorithm {name} uses {facts.sigalg(name).hash.upper()}, "
                                    "deprecated for TLS signatures (RFC 9155)",
                            path=view.at("signature_algorithms", i))
        certs = view.profile.certificates
        for i, hash_ in enumerate(certs.signature_hashes if certs else []):
            if hash_ in ("sha1", "md5"):
                yield Issue(message=f"certificate signatures with {hash_.upper()} are allowed: collisions make "
                                    "such signatures forgeable", path=view.at("certificates", "signature_hashes", i))


def _weak_fingerprint(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        name = view.profile.authentication.fingerprint_hash
        if name in ("md5", "sha-1"):
            yield Issue(message=f"fingerprint hash {name} is weak: RFC 8122 §5 discourages md5 and treats sha-1 "
                                "as legacy; use sha-256", path=view.at("authentication", "fingerprint_hash"))


def _gpp_tls13_p384(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if not view.has("TLS1.3"):
            continue
        if view.profile.groups and "secp384r1" not in view.profile.groups:
            yield Issue(message="groups lacks secp384r1, which 3GPP TS 33.210 §6.2 says TLS 1.3 should "
                                "support", path=view.at("groups"))
        algs = view.profile.signature_algorithms
        if algs and "ecdsa_secp384r1_sha384" not in algs:
            yield Issue(message="signature_algorithms lacks ecdsa_secp384r1_sha384, which 3GPP TS 33.210 §6.2 "
                                "says TLS 1.3 should support", path=view.at("signature_algorithms"))


_P = "versions: [TLS1.2, TLS1.3]"

RULES: list[Rule] = [
    _rule("SEC001", "SSL 3.0 is not enabled", {RFC: E, GPP: E, NIST: E, BSI: W},
          ("RFC 9325 §3.1.1", "RFC 7568", "3GPP TS 33.210 §6.2", "NIST SP 800-52r2 (protocol versions)",
           "BSI TR-02102-2 (TLS versions)"),
          "SSL 3.0 is broken (POODLE). RFC 9325 and RFC 7568: MUST NOT; 3GPP and NIST: shall not be "
          "supported; BSI: not recommended (warning).",
          "Remove SSL3.0 from versions.",
          _versions("SSL3.0", why="SSL 3.0 is broken (POODLE; RFC 7568); RFC 9325 §3.1.1, 3GPP TS 33.210 "
                    "§6.2 and NIST SP 800-52r2 forbid it, BSI TR-02102-2 does not recommend it"),
          _P, "versions: [SSL3.0, TLS1.0, TLS1.1, TLS1.2]"),
    _rule("SEC002", "TLS 1.0 and 1.1 are not enabled", {RFC: E, GPP: E, NIST: W, BSI: W},
          ("RFC 9325 §3.1.1", "RFC 8996 §5-6", "3GPP TS 33.210 §6.2", "NIST SP 800-52r2 (protocol versions)",
           "BSI TR-02102-2 (TLS versions)"),
          "RFC 9325/RFC 8996: TLS 1.0 and 1.1 MUST NOT be negotiated; 3GPP: shall not be supported; NIST: "
          "only where needed to interoperate with citizens or businesses (warning); BSI: not recommended.",
          "Remove TLS1.0 and TLS1.1 from versions.",
          _versions("TLS1.0", "TLS1.1", why="TLS 1.0 and 1.1 are deprecated (RFC 8996); RFC 9325 §3.1.1 and "
                    "3GPP TS 33.210 §6.2 forbid them, NIST SP 800-52r2 allows them only to interoperate with "
                    "citizens and businesses, BSI TR-02102-2 does not recommend them"),
          _P, "versions: [TLS1.0, TLS1.1, TLS1.2]"),
    _rule("SEC003", "TLS 1.2 is supported", {RFC: E, GPP: E, NIST: E},
          ("RFC 9325 §3.1.1", "3GPP TS 33.210 §6.2", "NIST SP 800-52r2 (protocol versions)"),
          "RFC 9325: TLS 1.2 MUST be supported; 3GPP and NIST: shall be supported. (BSI recommends TLS 1.2 "
          "and 1.3 without requiring 1.2, so a TLS 1.3-only profile is fine there.)",
          "Add TLS1.2 to versions.",
          _requires_version("TLS1.2", "RFC 9325 §3.1.1, 3GPP TS 33.210 §6.2 and NIST SP 800-52r2 require "
                            "TLS 1.2 support"),
          _P, "versions: [TLS1.3]"),
    _rule("SEC004", "TLS 1.3 is supported", {RFC: W, GPP: E, NIST: E, BSI: W},
          ("RFC 9325 §3.1.1", "3GPP TS 33.210 §6.2", "NIST SP 800-52r2 (protocol versions)",
           "BSI TR-02102-2 (TLS versions)"),
          "RFC 9325: TLS 1.3 SHOULD be supported (warning); 3GPP (Rel-17/18) and NIST (from 2024-01-01): "
          "shall; BSI: recommended (warning).",
          "Add TLS1.3 to versions with TLS 1.3 suites.",
          _requires_version("TLS1.3", "TLS 1.3 should (RFC 9325 §3.1.1, BSI) or shall (3GPP TS 33.210 §6.2, "
                            "NIST SP 800-52r2) be supported"),
          _P, "versions: [TLS1.2]"),
    _rule("SEC005", "No NULL, RC4, export or DES suites", {RFC: E},
          ("RFC 9325 §4.1", "RFC 7465"),
          "RFC 9325 §4.1: implementations MUST NOT negotiate suites with NULL encryption, RC4, or under 112 "
          "bits of security (export, DES).",
          "Remove the suite.",
          _suite_check(lambda s: _cite(facts.broken_reason(s), "RFC 9325 §4.1")),
          "cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
          "cipher_suites: [TLS_RSA_WITH_RC4_128_SHA]"),
    _rule("SEC006", "No suites under 128-bit security (3DES)", {RFC: W},
          ("RFC 9325 §4.1",),
          "RFC 9325 §4.1: implementations SHOULD NOT negotiate suites under 128 bits of security (3DES, "
          "Sweet32).",
          "Remove the 3DES suites.",
          _suite_check(facts.weak_cipher, "offers under 128-bit security (3DES; RFC 9325 §4.1)"),
          "cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
          "cipher_suites: [TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA]"),
    _rule("SEC007", "No anonymous suites", {RFC: INFO},
          ("RFC 9325 §4.1 (best practice)", "IANA TLS Cipher Suites: Recommended N"),
          "Anonymous suites authenticate nobody and are open to man-in-the-middle attacks. RFC 9325 does "
          "not name them, so this is best practice (info); TLS010 reports them as errors when server "
          "authentication is required.",
          "Remove the DH_anon/ECDH_anon suites.",
          _suite_check(facts.is_anonymous, "is anonymous: no peer is authenticated (best practice: don't)"),
          "cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
          "cipher_suites: [TLS_ECDH_anon_WITH_AES_128_CBC_SHA]"),
    _rule("SEC008", "No static RSA key transport", {RFC: W},
          ("RFC 9325 §4.1", "RFC 9325 §4.2.1"),
          "RFC 9325 §4.1: implementations SHOULD NOT negotiate suites based on RSA key transport (no "
          "forward secrecy, Bleichenbacher-style oracles); §4.2.1: TLS_RSA_WITH_AES_128_CBC_SHA SHOULD NOT "
          "be supported.",
          "Replace TLS_RSA_* suites by TLS_ECDHE_RSA_* suites.",
          _suite_check(facts.is_static_rsa, "uses static RSA key transport: no forward secrecy "
                       "(RFC 9325 §4.1)"),
          "cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
          "cipher_suites: [TLS_RSA_WITH_AES_128_GCM_SHA256]"),
    _rule("SEC009", "No static DH or ECDH", {RFC: W},
          ("RFC 9325 §4.1",),
          "RFC 9325 §4.1: implementations SHOULD NOT negotiate static (EC)DH suites (no forward secrecy).",
          "Replace TLS_DH_*/TLS_ECDH_* suites by their ephemeral (DHE/ECDHE) versions.",
          _suite_check(facts.is_static_dh, "uses static (EC)DH: no forward secrecy (RFC 9325 §4.1)"),
          "cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]",
          "cipher_suites: [TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256]"),
    _rule("SEC010", "No TLS 1.2 finite-field DHE", {RFC: W},
          ("RFC 9325 §4.1",),
          "RFC 9325 §4.1: TLS 1.2 implementations SHOULD NOT negotiate TLS_DHE_* suites (fragile "
          "construction, Raccoon; RFC 7919 negotiation rarely deployed).",
          "Replace TLS_DHE_* suites by TLS_ECDHE_* suites.",
          _suite_check(lambda s: s.key_exchange in ("dhe", "dhe_psk"),
                       "is a finite-field DHE suite, which TLS 1.2 should not use (RFC 9325 §4.1)"),
          "cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
          "cipher_suites: [TLS_DHE_RSA_WITH_AES_128_GCM_SHA256]"),
    _rule("SEC011", "Forward-secret suites are supported", {RFC: E},
          ("RFC 9325 §4.1",),
          "RFC 9325 §4.1: suites with forward secrecy MUST be supported and preferred (PRC001 checks the "
          "preference).",
          "Add TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 / TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.",
          _no_forward_secrecy,
          "cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
          "versions: [TLS1.2]\ncipher_suites: [TLS_RSA_WITH_AES_128_GCM_SHA256]"),
    _rule("SEC012", "CBC suites only with encrypt-then-MAC", {RFC: W, NIST: E, BSI: W},
          ("RFC 9325 §4.2", "RFC 7366", "NIST SP 800-52r2 (TLS extensions: encrypt_then_mac)",
           "BSI TR-02102-2 (extensions)"),
          "RFC 9325 §4.2: CBC suites SHOULD NOT be used unless encrypt_then_mac is negotiated; NIST: "
          "encrypt_then_mac shall be supported when CBC suites are configured; BSI: recommended. With CBC "
          "suites the TLS profile must state encrypt_then_mac: a value left to the default is not a "
          "statement the MG can be held to.",
          "Set extensions.encrypt_then_mac: true, or drop the CBC suites.",
          _cbc_without_etm,
          "cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256]\nextensions: {encrypt_then_mac: true}",
          "cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256]\nextensions: {encrypt_then_mac: false}"),
    _rule("SEC013", "No TLS compression", {RFC: W, NIST: E, BSI: W},
          ("RFC 9325 §3.3", "NIST SP 800-52r2 (compression methods)", "BSI TR-02102-2 (compression)"),
          "RFC 9325 §3.3: compression SHOULD NOT be enabled (CRIME); NIST: null compression only (shall); "
          "BSI: not recommended.",
          "Set compression: [\"null\"].",
          _pre13(_compression),
          "compression: [\"null\"]", "compression: [\"null\", deflate]"),
    _rule("SEC014", "Renegotiation only as RFC 5746 secure renegotiation",
          {RFC: E, NIST: E, BSI: W, GPP: INFO},
          ("RFC 9325 §3.5", "RFC 5746", "NIST SP 800-52r2 (TLS extensions: renegotiation_info)",
           "BSI TR-02102-2 (renegotiation)", "3GPP TS 33.210 §6.2.3 (best practice)"),
          "RFC 9325 §3.5: renegotiation_info MUST be implemented; NIST: shall; BSI: renegotiation only per "
          "RFC 5746. " + _UNVERIFIED_3GPP,
          "Set renegotiation.secure_only: true (or supported: false).",
          _pre13(_insecure_renegotiation),
          "renegotiation: {supported: true, secure_only: true}",
          "renegotiation: {supported: true, secure_only: false}"),
    _rule("SEC015", "No client-initiated renegotiation", {BSI: W},
          ("BSI TR-02102-2 (renegotiation)",),
          "BSI TR-02102-2: servers should refuse client-initiated renegotiation.",
          "Remove client from renegotiation.initiators.",
          _pre13(_client_renegotiation),
          "renegotiation: {supported: true, initiators: [server]}",
          "renegotiation: {supported: true, initiators: [client, server]}"),
    _rule("SEC016", "Extended master secret is used", {RFC: E, NIST: E, BSI: W, GPP: INFO},
          ("RFC 9325 §3.5", "RFC 7627", "NIST SP 800-52r2 (TLS extensions: extended_master_secret)",
           "BSI TR-02102-2 (extensions)", "3GPP TS 33.210 §6.2.3 (best practice)"),
          "RFC 9325 §3.5: extended master secret MUST be supported; NIST: shall; BSI: recommended. A TLS "
          "profile offering TLS 1.2 states it (`required` or `supported`); an unstated value is reported. "
          + _UNVERIFIED_3GPP,
          "Set extensions.extended_master_secret: required.",
          _pre13(_ems),
          "extensions: {extended_master_secret: required}", "extensions: {extended_master_secret: off}"),
    _rule("SEC017", "Ticket keys are rotated at least weekly", {RFC: W},
          ("RFC 9325 §3.4",),
          "RFC 9325 §3.4: session ticket keys are changed regularly, e.g. once a week, so that tickets do "
          "not undo forward secrecy. Our notes give no keyword: treated as SHOULD (warning).",
          "State resumption.ticket_key_rotation_s (604800 or less).",
          _ticket_key_rotation,
          "resumption: {session_tickets: true, ticket_key_rotation_s: 86400}",
          "resumption: {session_tickets: true, ticket_key_rotation_s: 2592000}"),
    _rule("SEC018", "Ticket lifetime is limited", {RFC: W},
          ("RFC 9325 §3.4",),
          "RFC 9325 §3.4: ticket lifetime is limited, e.g. to half the ticket key lifetime. Flagged: no "
          "lifetime stated, or a lifetime longer than the key rotation period.",
          "State resumption.ticket_lifetime_s, at most half of ticket_key_rotation_s.",
          _ticket_lifetime,
          "resumption: {session_tickets: true, ticket_lifetime_s: 43200, ticket_key_rotation_s: 86400}",
          "resumption: {session_tickets: true, ticket_lifetime_s: 172800, ticket_key_rotation_s: 86400}"),
    _rule("SEC019", "TLS 1.3 resumption keeps forward secrecy (no psk_ke)", {RFC: W, BSI: W},
          ("RFC 9325 §3.4", "BSI TR-02102-2 (TLS 1.3 PSK modes)"),
          "RFC 9325 §3.4: TLS 1.3 resumption SHOULD use psk_dhe_ke; BSI: psk_ke only in special cases.",
          "Set resumption.tls13_psk_modes: [psk_dhe_ke].",
          _psk_ke,
          "resumption: {tls13_psk_modes: [psk_dhe_ke]}", "resumption: {tls13_psk_modes: [psk_ke]}"),
    _rule("SEC020", "Key-exchange groups are strong enough", {RFC: W, NIST: E},
          ("RFC 9325 §4.5", "NIST SP 800-52r2 (112-bit security)"),
          "RFC 9325 §4.5: DH groups of at least 2048 bits, curves of at least 224 bits (our notes give no "
          "keyword: warning); NIST: at least 112-bit security (shall), i.e. the same sizes.",
          "Remove the small group (e.g. secp192r1).",
          _weak_groups(ec_min=224, ff_min=2048),
          "groups: [x25519, secp256r1]", "groups: [x25519, secp192r1]"),
    _rule("SEC021", "Key-exchange groups meet BSI sizes", {BSI: W},
          ("BSI TR-02102-2 (key lengths)",),
          "BSI TR-02102-2: elliptic curves of at least 250 bits, DH groups of at least 3000 bits.",
          "Use x25519/secp256r1 or larger, and ffdhe3072 or larger.",
          _weak_groups(ec_min=250, ff_min=3000),
          "groups: [x25519, secp256r1, ffdhe3072]", "groups: [x25519, secp224r1, ffdhe2048]"),
    _rule("SEC022", "Certificate keys are strong enough", {RFC: W, NIST: E},
          ("RFC 9325 §4.5", "NIST SP 800-52r2 (server keys and certificates)"),
          "RFC 9325 §4.5: RSA keys of at least 2048 bits, EC keys of at least 224 bits (warning); NIST: at "
          "least 112-bit security (shall).",
          "Raise certificates.key_types[].min_bits (rsa 2048, ecdsa 256).",
          _weak_certificate_keys(rsa_min=2048, ec_min=224),
          "certificates: {key_types: [{type: rsa, min_bits: 2048}]}",
          "certificates: {key_types: [{type: rsa, min_bits: 1024}]}"),
    _rule("SEC023", "Certificate keys meet BSI sizes", {BSI: W},
          ("BSI TR-02102-2 (key lengths)",),
          "BSI TR-02102-2: RSA and DSA keys of at least 3000 bits, EC keys of at least 250 bits.",
          "Raise rsa min_bits to 3072 and ecdsa to 256.",
          _weak_certificate_keys(rsa_min=3000, ec_min=250),
          "certificates: {key_types: [{type: rsa, min_bits: 3072}]}",
          "certificates: {key_types: [{type: rsa, min_bits: 2048}]}"),
    _rule("SEC024", "No SHA-1 or MD5 signatures", {RFC: E, NIST: E},
          ("RFC 9325 §4.5", "RFC 9155", "NIST SP 800-52r2 (certificates: SHA-224 or stronger)"),
          "RFC 9325 §4.5 (RFC 9155): SHA-1 and MD5 MUST NOT be used in signatures; NIST: certificates "
          "signed with SHA-224 or stronger (shall).",
          "Remove *_sha1/*_md5 signature algorithms and sha1/md5 certificate signature hashes.",
          _weak_signature_hashes,
          "signature_algorithms: [ecdsa_secp256r1_sha256]",
          "signature_algorithms: [ecdsa_secp256r1_sha256, rsa_pkcs1_sha1]"),
    _rule("SEC025", "Fingerprint hash is strong", {RFC: W, GPP: W, NIST: W, BSI: W},
          ("RFC 8122 §5", "RFC 6151", "RFC 6194"),
          "Certificate fingerprints bind a self-signed certificate to the SDP; RFC 8122 §5 discourages md5 "
          "(RFC 6151) and sha-1 is legacy (RFC 6194): a collision lets an attacker substitute a certificate.",
          "Use fingerprint_hash: sha-256.",
          _weak_fingerprint,
          "authentication: {fingerprint_hash: sha-256}", "authentication: {fingerprint_hash: sha-1}"),
    _rule("SEC026", "No 0-RTT early data", {NIST: W, BSI: W},
          ("NIST SP 800-52r2 (session resumption and early data)", "BSI TR-02102-2 (0-RTT)", "RFC 8446 §8"),
          "NIST: 0-RTT data should not be processed; BSI: 0-RTT not recommended (replay, no forward "
          "secrecy).",
          "Set early_data: false.",
          _early_data,
          "early_data: false", "early_data: true"),
    _rule("SEC027", "Only NIST SP 800-52r2 cipher suites", {NIST: E},
          ("NIST SP 800-52r2 (cipher suites for TLS 1.2 and 1.3)",),
          "NIST SP 800-52r2 lists TLS 1.2 suites with AES-GCM/CCM/CBC (ECDHE and DHE, some static) and TLS "
          "1.3 AES_128_GCM, AES_256_GCM, AES_128_CCM, AES_128_CCM_8: no ChaCha20, Camellia, ARIA, 3DES. PSK "
          "suites are not flagged (its Appendix C allowance is unverified in our notes).",
          "Remove the suite, e.g. TLS_CHACHA20_POLY1305_SHA256.",
          _suite_check(_nist_suite),
          "cipher_suites: [TLS_AES_128_GCM_SHA256]", "cipher_suites: [TLS_CHACHA20_POLY1305_SHA256]"),
    _rule("SEC028", "Only BSI TR-02102-2 cipher suites", {BSI: W},
          ("BSI TR-02102-2 (recommended cipher suites)",),
          "BSI TR-02102-2 recommends TLS 1.2 (EC)DHE and (EC)DH with AES-GCM, AES-CCM or AES-CBC with "
          "SHA-256/384; PSK only as ECDHE_PSK, DHE_PSK, RSA_PSK; TLS 1.3 AES_128_GCM, AES_256_GCM, "
          "AES_128_CCM.",
          "Remove the suite or replace it by a recommended one.",
          _suite_check(_bsi_suite),
          "cipher_suites: [TLS_AES_128_GCM_SHA256]", "cipher_suites: [TLS_PSK_WITH_AES_128_GCM_SHA256]"),
    _rule("SEC029", "3GPP: TLS 1.2 suites are AEAD with forward secrecy", {GPP: INFO},
          ("3GPP TS 33.210 §6.2.3 (best practice)",),
          "3GPP TS 33.210 §6.2.3 allows only AEAD suites with forward secrecy for TLS 1.2 and excludes "
          "NULL, anonymous, export, static RSA and static DH. " + _UNVERIFIED_3GPP,
          "Use ECDHE(-ECDSA/-RSA) AES-GCM suites.",
          _suite_check(_gpp_tls12_suite),
          "cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]",
          "cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256]"),
    _rule("SEC030", "TLS 1.3 includes its mandatory suite", {RFC: E, GPP: E},
          ("RFC 8446 §9.1", "RFC 9325 §4.3", "3GPP TS 33.210 §6.2"),
          "RFC 8446 §9.1: TLS_AES_128_GCM_SHA256 MUST be implemented; RFC 9325 §4.3 and 3GPP TS 33.210 §6.2 "
          "defer to RFC 8446 §9.1. A profile that leaves it out may share no suite with a compliant peer.",
          "Add TLS_AES_128_GCM_SHA256.",
          _tls13_mti,
          "cipher_suites: [TLS_AES_128_GCM_SHA256]", "cipher_suites: [TLS_AES_256_GCM_SHA384]"),
    _rule("SEC031", "3GPP: TLS 1.3 supports secp384r1 and ecdsa_secp384r1_sha384", {GPP: W},
          ("3GPP TS 33.210 §6.2",),
          "3GPP TS 33.210 §6.2: TLS 1.3 should support secp384r1 key exchange and ecdsa_secp384r1_sha384 "
          "signatures.",
          "Add secp384r1 to groups and ecdsa_secp384r1_sha384 to signature_algorithms.",
          _gpp_tls13_p384,
          "groups: [x25519, secp384r1]", "groups: [x25519, secp256r1]"),
    _rule("SEC032", "No truncated HMAC", {RFC: E, BSI: W, GPP: INFO},
          ("RFC 9325 §4.6", "BSI TR-02102-2 (extensions)", "3GPP TS 33.210 §6.2.3 (best practice)"),
          "RFC 9325 §4.6: the truncated_hmac extension MUST NOT be used; BSI: should not. "
          + _UNVERIFIED_3GPP,
          "Set extensions.truncated_hmac: false.",
          _pre13(_flag_extension("truncated_hmac", "truncated HMAC weakens record integrity (RFC 9325 §4.6)")),
          "extensions: {truncated_hmac: false}", "extensions: {truncated_hmac: true}"),
    _rule("SEC033", "No heartbeat extension", {BSI: W},
          ("BSI TR-02102-2 (extensions)",),
          "BSI TR-02102-2: the heartbeat extension should not be used (Heartbleed showed its risk).",
          "Set extensions.heartbeat: false.",
          _flag_extension("heartbeat", "BSI TR-02102-2 advises against the heartbeat extension"),
          "extensions: {heartbeat: false}", "extensions: {heartbeat: true}"),
    _rule("SEC034", "Server Name Indication is supported", {RFC: E, NIST: E},
          ("RFC 9325 §3.7", "NIST SP 800-52r2 (TLS extensions: server_name)"),
          "RFC 9325 §3.7: SNI MUST be supported; NIST: shall. The TLS profile states it; an unstated value "
          "is reported.",
          "Set extensions.server_name_indication: true.",
          _required_extension("server_name_indication", "SNI must be supported (RFC 9325 §3.7)"),
          "extensions: {server_name_indication: true}", "extensions: {server_name_indication: false}"),
    _rule("SEC035", "OCSP stapling (status_request) is supported", {NIST: E},
          ("NIST SP 800-52r2 (TLS extensions: status_request)",),
          "NIST SP 800-52r2: servers shall support the status_request (OCSP stapling) extension. OCSP "
          "reports the revocation status of CA-issued certificates, so the rule concerns TLS profiles with "
          "`certificate_ca_signed` authentication only (not PSK-only or self-signed/fingerprint profiles); "
          "there the TLS profile states the extension, and an unstated value is reported.",
          "Set extensions.ocsp_stapling: true.",
          _required_extension("ocsp_stapling", "NIST SP 800-52r2 requires status_request (OCSP stapling) "
                              "for CA-signed certificates", applies=lambda view: uses_ca_signed(view.profile)),
          "extensions: {ocsp_stapling: true}", "extensions: {ocsp_stapling: false}"),
]
