"""SEC rules on protocol versions: no SSL 3.0, TLS 1.0 or 1.1; TLS 1.3 required (BCP 195 since RFC 9852) or
recommended; TLS 1.2 required where 3GPP TS 33.210 and NIST SP 800-52r2 require it (BCP 195 no longer does for a
new protocol specification such as an H.248 profile: a TLS 1.3-only profile meets it)."""

from __future__ import annotations

from collections.abc import Iterator

from profilekit.catalog.baselines import BCP195, SP800_52R2, TR02102_2, TS33210
from profilekit.load.loaded import LoadedProfile
from profilekit.rules import tls_facts as facts
from profilekit.rules.base import ERROR, WARNING, Issue, Rule, rule


def forbidden_versions(loaded: LoadedProfile, *forbidden: str, why: str) -> Iterator[Issue]:
    """Each listed version among `forbidden`, at its place in versions."""
    for view in facts.profiles(loaded):
        for i, version in enumerate(view.profile.versions):
            if version in forbidden:
                yield Issue(message=f"{version} is enabled: {why}", path=view.at("versions", i))


def required_version(loaded: LoadedProfile, version: str, why: str) -> Iterator[Issue]:
    """Each TLS profile whose versions leave out `version`."""
    for view in facts.profiles(loaded):
        if not view.has(version):
            yield Issue(message=f"{version} is not listed in versions ({facts.version_list(view.versions)})"
                                f": {why}", path=view.at("versions"))


_TLS12_AND_13 = "versions: [TLS1.2, TLS1.3]"


@rule(code="SEC001", title="SSL 3.0 is not enabled",
      baseline_severity={BCP195: ERROR, TS33210: ERROR, SP800_52R2: ERROR, TR02102_2: WARNING},
      refs=("RFC 9325 §3.1.1", "RFC 7568", "3GPP TS 33.210 §6.2", "NIST SP 800-52r2 (protocol versions)",
            "BSI TR-02102-2 (TLS versions)"),
      rationale="SSL 3.0 is broken (POODLE). BCP 195 (RFC 9325 §3.1.1) and RFC 7568: MUST NOT; 3GPP and NIST: shall "
                "not be supported; BSI: not recommended (warning).",
      fix="Remove SSL3.0 from versions.",
      passing=_TLS12_AND_13,
      failing="versions: [SSL3.0, TLS1.0, TLS1.1, TLS1.2]")
def no_ssl3(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from forbidden_versions(loaded, "SSL3.0",
                                  why="SSL 3.0 is broken (POODLE; RFC 7568); RFC 9325 §3.1.1, 3GPP TS 33.210 §6.2 and "
                                      "NIST SP 800-52r2 forbid it, BSI TR-02102-2 does not recommend it")


@rule(code="SEC002", title="TLS 1.0 and 1.1 are not enabled",
      baseline_severity={BCP195: ERROR, TS33210: ERROR, SP800_52R2: WARNING, TR02102_2: WARNING},
      refs=("RFC 9325 §3.1.1", "RFC 8996 §5-6", "3GPP TS 33.210 §6.2", "NIST SP 800-52r2 (protocol versions)",
            "BSI TR-02102-2 (TLS versions)"),
      rationale="BCP 195 (RFC 8996, RFC 9325 §3.1.1): TLS 1.0 and 1.1 MUST NOT be negotiated; 3GPP: shall not be "
                "supported; NIST: only where needed to interoperate with citizens or businesses (warning); BSI: not "
                "recommended.",
      fix="Remove TLS1.0 and TLS1.1 from versions.",
      passing=_TLS12_AND_13,
      failing="versions: [TLS1.0, TLS1.1, TLS1.2]")
def no_tls10_tls11(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from forbidden_versions(loaded, "TLS1.0", "TLS1.1",
                                  why="TLS 1.0 and 1.1 are deprecated (RFC 8996); RFC 9325 §3.1.1 and 3GPP TS 33.210 "
                                      "§6.2 forbid them, NIST SP 800-52r2 allows them only to interoperate with "
                                      "citizens and businesses, BSI TR-02102-2 does not recommend them")


@rule(code="SEC003", title="TLS 1.2 is supported",
      baseline_severity={TS33210: ERROR, SP800_52R2: ERROR},
      refs=("3GPP TS 33.210 §6.2", "NIST SP 800-52r2 (protocol versions)"),
      rationale="3GPP TS 33.210 and NIST SP 800-52r2: TLS 1.2 shall be supported. Not under BCP 195: RFC 9325 "
                "§3.1.1's \"MUST support TLS 1.2\" is about TLS implementations, and RFC 9852 asks a new protocol "
                "specification (an H.248 profile is one) to require TLS 1.3, so a TLS 1.3-only profile meets BCP "
                "195 (SEC004 checks TLS 1.3 there). Nor under BSI, which recommends TLS 1.2 and 1.3 without "
                "requiring 1.2.",
      fix="Add TLS1.2 to versions.",
      passing=_TLS12_AND_13,
      failing="versions: [TLS1.3]")
def tls12_supported(loaded: LoadedProfile) -> Iterator[Issue]:
    # The message names both baselines: the rule runs under these two only, and a check does not see which.
    yield from required_version(loaded, "TLS1.2",
                                "the 3GPP TS 33.210 §6.2 and NIST SP 800-52r2 baselines require TLS 1.2 support "
                                "(BCP 195 does not: RFC 9852 lets a new protocol require TLS 1.3 only)")


@rule(code="SEC004", title="TLS 1.3 is supported",
      baseline_severity={BCP195: ERROR, TS33210: ERROR, SP800_52R2: ERROR, TR02102_2: WARNING},
      refs=("RFC 9852", "RFC 9325 §3.1.1", "3GPP TS 33.210 §6.2", "NIST SP 800-52r2 (protocol versions)",
            "BSI TR-02102-2 (TLS versions)"),
      rationale="BCP 195: RFC 9852 (January 2026, updating RFC 9325 §3.1.1, whose new protocol designs SHOULD use "
                "only TLS 1.3) makes new protocols using TLS require TLS 1.3, and an H.248 profile written today is "
                "such a specification: error; 3GPP (Rel-17/18) and NIST (from 2024-01-01): shall; BSI: recommended "
                "(warning).",
      fix="Add TLS1.3 to versions with TLS 1.3 suites.",
      passing=_TLS12_AND_13,
      failing="versions: [TLS1.2]")
def tls13_supported(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from required_version(loaded, "TLS1.3",
                                "BCP 195 requires TLS 1.3 of a new protocol using TLS (RFC 9852, updating RFC 9325 "
                                "§3.1.1), 3GPP TS 33.210 §6.2 and NIST SP 800-52r2 require its support, BSI "
                                "TR-02102-2 recommends it")


RULES: tuple[Rule, ...] = (
    no_ssl3, no_tls10_tls11, tls12_supported, tls13_supported,
)
"""Every rule this module declares, for the registry."""
