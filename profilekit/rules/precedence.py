"""Cipher-suite precedence rules (PRC): order matters, not just the set.

cipher_suites is an order of precedence (R-7/3): the MG offers it in this order as TLS client and, with
server_preference, picks from it in this order as TLS server. Each rule reports every inverted pair once,
at the position of the worse suite that stands too high, naming both suites and their 1-based positions.

Pairs are compared among TLS ≤ 1.2 suites only: TLS 1.3 suites are all AEAD with forward secrecy, and
stacks order them apart from the TLS 1.2 list (OpenSSL: -ciphersuites vs -cipher); PRC004 checks where
they stand relative to the TLS 1.2 suites.

They cite RFC 9325 only, not R-7/3: R-7/3 asks that the MG keep the profile's own order, whatever it
is; whether that order is the one RFC 9325 recommends is a baseline question (Appendix I.2), so the guideline
statuses of Appendix I.1 never depend on the baseline.

Every PRC rule rests on RFC 9325 (part of BCP 195), so they run under `--baseline bcp195` (or its alias
rfc9325) only, with RFC 9325's keyword as severity (MUST → error, SHOULD → warning). Our notes on 3GPP TS
33.210, NIST SP 800-52r2 and BSI TR-02102-2 (shared/reference/security-baselines.md) state no order of
precedence, so those baselines do not run them; `none` runs guideline and TLS rules only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from profilekit.catalog.baselines import BCP195
from profilekit.catalog.ciphers import CipherSuite
from profilekit.load.loaded import LoadedProfile
from profilekit.rules import tls_facts as facts
from profilekit.rules.base import ERROR, WARNING, Issue, Rule, rule

Pair = tuple[facts.SuiteEntry, facts.SuiteEntry]

ANCHOR = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"

BCP195_ONLY = frozenset({BCP195})

_ONLY_RFC = (" Runs under the bcp195 baseline (alias rfc9325) only: the 3GPP, NIST and BSI baselines, as our "
             "notes give them, say nothing about the order of precedence.")


def _tls12(view: facts.ProfileView) -> list[tuple[facts.SuiteEntry, CipherSuite]]:
    """Known TLS ≤ 1.2 suites a listed version can negotiate, in the effective order (repeats dropped)."""
    return [(entry, suite) for entry, suite in view.usable_known() if not suite.tls13]


def weaker(suite: CipherSuite) -> str | None:
    """RFC 9325 §4.2.1 "weaker" than TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: why, or None."""
    reasons = []
    if not suite.forward_secret:
        reasons.append("no forward secrecy")
    if not suite.aead:
        reasons.append("not AEAD")
    if suite.cipher_bits < 128:
        reasons.append(f"{suite.cipher_bits}-bit cipher")
    return ", ".join(reasons) or None


def _inversions(view: facts.ProfileView, worse: Callable[[CipherSuite, CipherSuite], bool]) -> Iterator[Pair]:
    """(higher, lower) pairs where the higher-ranked suite is worse than the lower-ranked one."""
    suites = _tls12(view)
    for i, (high, high_suite) in enumerate(suites):
        for low, low_suite in suites[i + 1:]:
            if worse(high_suite, low_suite):
                yield high, low


def misplaced_suites(loaded: LoadedProfile, worse: Callable[[CipherSuite, CipherSuite], bool],
                     what: tuple[str, str], advice: str,
                     skip: Callable[[CipherSuite, CipherSuite], bool] | None = None) -> Iterator[Issue]:
    """One issue per misplaced suite, naming every better suite it is listed above (`what` is the
    singular and plural clause, e.g. "which is AEAD" / "which are AEAD")."""
    for view in facts.profiles(loaded):
        below: dict[int, tuple[facts.SuiteEntry, list[facts.SuiteEntry]]] = {}
        for high, low in _inversions(view, worse):
            assert high.suite is not None and low.suite is not None
            if skip is not None and skip(high.suite, low.suite):
                continue
            below.setdefault(high.index, (high, []))[1].append(low)
        for high, lows in below.values():
            names = [low.label() for low in lows]
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            yield Issue(message=f"{high.label()} is preferred over {listed}, {what[len(names) > 1]}: {advice}",
                        path=high.path)


def _fs_inverted(a: CipherSuite, b: CipherSuite) -> bool:
    return not a.forward_secret and b.forward_secret


@rule(code="PRC001", title="Forward-secret suites come before the others", severity=ERROR,
      refs=("RFC 9325 §4.1",), baselines=BCP195_ONLY,
      rationale="RFC 9325 §4.1: forward-secret suites MUST be supported and preferred, hence an error. A "
                "suite without forward secrecy above one with it lets a peer (or an attacker stripping "
                "offers) settle on the weaker one. The order matters for the MG as TLS client always, and "
                "as TLS server with server_preference." + _ONLY_RFC,
      fix="Move the ECDHE/DHE suites above the static RSA/DH/PSK suites.",
      passing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_RSA_WITH_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]")
def forward_secret_first(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from misplaced_suites(loaded, _fs_inverted, ("which has forward secrecy", "which have forward secrecy"),
                                "list forward-secret suites first (RFC 9325 §4.1)")


def _aead_inverted(a: CipherSuite, b: CipherSuite) -> bool:
    return not a.aead and b.aead


@rule(code="PRC002", title="AEAD suites come before CBC and stream suites", severity=WARNING,
      refs=("RFC 9325 §4.2",), baselines=BCP195_ONLY,
      rationale="RFC 9325 §4.2 recommends AEAD (GCM) suites and says CBC suites SHOULD NOT be used without "
                "encrypt-then-MAC (a SHOULD, hence a warning); preferring a CBC suite over an AEAD one picks "
                "the weaker record protection. Only suites alike in forward secrecy are compared, so that the "
                "order this rule asks for never contradicts PRC001 (forward secrecy first, then AEAD)."
                + _ONLY_RFC,
      fix="Move the GCM/CCM/ChaCha20-Poly1305 suites above the CBC suites.",
      passing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "
              "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256]",
      failing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, "
              "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]")
def aead_first(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from misplaced_suites(loaded, _aead_inverted, ("which is AEAD", "which are AEAD"),
                                "list AEAD suites before CBC suites (RFC 9325 §4.2)",
                                skip=lambda a, b: a.forward_secret != b.forward_secret)


@rule(code="PRC003", title=f"Nothing weaker above {ANCHOR}", severity=ERROR,
      refs=("RFC 9325 §4.2.1",), baselines=BCP195_ONLY,
      rationale="RFC 9325 §4.2.1: a server MUST prefer TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 over weaker "
                "suites whenever the client offers it. Weaker means here: no forward secrecy, not AEAD, or "
                "a cipher under 128 bits. Checked when the profile lists that suite; the pair may also be "
                "reported by PRC001/PRC002, this rule carries the §4.2.1 MUST." + _ONLY_RFC,
      fix=f"Move {ANCHOR} above the weaker suites.",
      passing=f"cipher_suites: [{ANCHOR}, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256]",
      failing=f"cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, {ANCHOR}]")
def anchor_first(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        suites = _tls12(view)
        anchor = next((e for e, s in suites if s.iana == ANCHOR), None)
        if anchor is None:
            continue
        for entry, suite in suites:
            if entry.index >= anchor.index:
                break
            why = weaker(suite)
            if why:
                yield Issue(message=f"{entry.label()} is preferred over {anchor.label()} although it is weaker "
                                    f"({why}): RFC 9325 §4.2.1 requires a server to prefer {ANCHOR} over "
                                    "weaker suites", path=entry.path)


@rule(code="PRC004", title="TLS 1.3 suites come first", severity=ERROR,
      refs=("RFC 9852 §4", "RFC 8446 §4.1.1"), baselines=BCP195_ONLY,
      rationale="RFC 9852 §4: a new protocol MUST specify TLS 1.3 as its default, and one that keeps TLS 1.2 "
                "keeps it as the non-default option (an error). The version is "
                "negotiated before the suite, so a TLS 1.2 suite listed above a TLS 1.3 suite cannot take "
                "effect as written and misstates the preference. Checked when versions lists TLS 1.3."
                + _ONLY_RFC,
      fix="Move the TLS 1.3 suites (TLS_AES_*, TLS_CHACHA20_*) to the top of cipher_suites.",
      passing="cipher_suites: [TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256]")
def tls13_first(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if not view.has("TLS1.3"):
            continue
        usable = list(view.usable_known())
        for i, (entry, suite) in enumerate(usable):
            if suite.tls13:
                continue
            below = next((e for e, s in usable[i + 1:] if s.tls13), None)
            if below is not None:
                yield Issue(message=f"{entry.label()} (TLS 1.2) is listed above the TLS 1.3 suite "
                                    f"{below.label()}: the order reads as if TLS 1.2 were preferred, but TLS 1.3 "
                                    "must be the default (RFC 9852 §4) and is negotiated first whenever both peers "
                                    "support it; list the TLS 1.3 suites first", path=entry.path)


@rule(code="PRC005", title="The server enforces the precedence", severity=ERROR,
      refs=("RFC 9325 §4.2.1",), baselines=BCP195_ONLY,
      rationale="RFC 9325 §4.2.1: a server MUST prefer TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 over weaker suites "
                "whenever the client proposes it, even when it is not the client's first proposal. A TLS server "
                "without server_preference takes the client's order, so a client listing a weaker suite first "
                "gets it, whatever the profile's order says (PRC001-PRC003 check that order). Checked when the "
                "profile lists that suite and a weaker TLS 1.2 suite." + _ONLY_RFC,
      fix="Set server_preference: true (OpenSSL: Options = ServerPreference), or drop the weaker suites.",
      passing=f"server_preference: true\ncipher_suites: [{ANCHOR}, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256]",
      failing=f"server_preference: false\ncipher_suites: [{ANCHOR}, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256]")
def server_enforces_precedence(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if view.profile.server_preference:
            continue
        suites = _tls12(view)
        if not any(suite.iana == ANCHOR for _, suite in suites):
            continue
        weaker_suites = [entry.label() for entry, suite in suites if weaker(suite)]
        if weaker_suites:
            yield Issue(message=f"server_preference is false: as TLS server the MG follows the client's order, "
                                f"so a client that proposes {', '.join(weaker_suites)} before {ANCHOR} gets the "
                                "weaker suite; RFC 9325 §4.2.1 requires the server to prefer "
                                f"{ANCHOR}", path=view.at("server_preference"))


RULES: tuple[Rule, ...] = (
    forward_secret_first, aead_first, anchor_first, tls13_first, server_enforces_precedence,
)
"""Every rule this module declares, for the registry."""
