"""GL2xx guideline clause 7, TLS profiles and TLS domains: every option stated, domains apply defined
profiles, names unique, certificates and trust anchors named, renegotiation as the guideline asks."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from profilekit.load.loaded import LoadedProfile
from profilekit.rules import facts
from profilekit.rules.base import ERROR, WARNING, Issue, Rule, rule

_STATED = (
    (("versions",), "TLS versions", "R-7/2"),
    (("cipher_suites",), "cipher suites in order of precedence", "R-7/3"),
    (("compression",), "compression methods", "R-7/4"),
    (("renegotiation", "supported"), "whether renegotiation is supported", "R-7/5"),
    (("resumption",), "session resumption", "R-7/6"),
    (("authentication",), "authentication procedures", "R-7/7"),
    (("authentication", "server"), "whether the server is authenticated", "R-8.3/1"),
    (("authentication", "client"), "whether the client is authenticated", "R-8.3/1"),
    (("authentication", "on_failure"), "the behaviour on authentication failure", "R-8.3/2"),
    (("authentication", "methods"), "the authentication methods", "R-8.3/4"),
)


def _renegotiation_not_stated(loaded: LoadedProfile, index: int, profile_id: str, older: Sequence[str]) -> Issue:
    """GL200 on a TLS profile that offers a version with renegotiation and does not say whether it has it."""
    path = facts.tls_profile_path(index, "renegotiation", "supported")
    return Issue(message=f"TLS profile {profile_id!r} does not state whether renegotiation is supported "
                         f"(`renegotiation.supported`), and it offers {', '.join(older)}, which can renegotiate: "
                         "add e.g. `renegotiation: {supported: false}` (only a TLS 1.3-only profile may leave "
                         "`renegotiation` out: TLS 1.3 has none)",
                 path=facts.absent_at(loaded, path), key=True, refs=("R-7/5",))


@rule(code="GL200", title="Each TLS profile states every option the guideline asks for", severity=ERROR,
      refs=("R-7/2", "R-7/3", "R-7/4", "R-7/5", "R-7/6", "R-7/7", "R-8.3/1", "R-8.3/2", "R-8.3/4"),
      rationale="Clause 7 makes the TLS profile the contract the MG implements: versions, suites, "
                "compression, renegotiation, resumption and authentication must be written down, not left to "
                "defaults (the schema requires most of them; compression and resumption details have defaults). "
                "Renegotiation exists up to TLS 1.2 only: a TLS 1.3-only profile may leave `renegotiation` out "
                "(RFC 8446 §4.6.3: KeyUpdate renews keys, post-handshake authentication replaces renegotiation "
                "for client authentication); a profile that also offers TLS 1.2 or older must state it.",
      fix="State the option explicitly, e.g. `compression: [\"null\"]`, `resumption: {session_ids: false, "
          "session_tickets: true}` and, when TLS 1.2 or older is listed, `renegotiation: {supported: false}`.",
      passing="compression: [\"null\"]\nresumption: {session_ids: false, session_tickets: true}\n",
      failing="# compression not stated\nresumption: {}\n")
def options_stated(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        older = [v for v in tp.versions if v != "TLS1.3"]
        for sub, what, ref in _STATED:
            if sub[0] == "renegotiation":
                if older and not facts.stated(loaded, facts.tls_profile_path(i, *sub)):
                    yield _renegotiation_not_stated(loaded, i, tp.id, older)
                continue
            if not facts.stated(loaded, facts.tls_profile_path(i, *sub)):
                parent = facts.tls_profile_path(i, *sub[:-1])
                yield Issue(message=f"TLS profile {tp.id!r} does not state {what} (`{'.'.join(sub)}`)",
                            path=parent, key=len(sub) > 1, refs=(ref,))
        res = facts.data_at(loaded, facts.tls_profile_path(i, "resumption"))
        if isinstance(res, dict) and not {"session_ids", "session_tickets", "tls13_psk_modes"} & set(res):
            yield Issue(message=f"TLS profile {tp.id!r}: `resumption` says nothing about session ids, tickets or "
                                "TLS 1.3 PSK modes",
                        path=facts.tls_profile_path(i, "resumption"), key=True, refs=("R-7/6",))


@rule(code="GL201", title="Every TLS domain applies a defined TLS profile", severity=ERROR,
      refs=("R-7/1", "R-8.1/2"),
      rationale="The MG applies the TLS profile of the selected domain; a domain naming an undefined "
                "profile leaves the MG without one.",
      fix="Set `tls_profile` to the id of one of `tls.profiles`.",
      passing="profiles: [{id: access_tls}]\ndomains: [{name: access_ue, tls_profile: access_tls}]\n",
      failing="profiles: [{id: access_tls}]\ndomains: [{name: access_ue, tls_profile: acess_tls}]\n")
def domains_apply_defined_profiles(loaded: LoadedProfile) -> Iterator[Issue]:

    ids = [p.id for p in loaded.profile.tls.profiles]
    for i, dom in enumerate(loaded.profile.tls.domains):
        if dom.tls_profile not in ids:
            hint = difflib.get_close_matches(dom.tls_profile, ids, n=1)
            tail = f"; did you mean {hint[0]!r}?" if hint else f" (defined: {', '.join(ids)})"
            yield Issue(message=f"TLS domain {dom.name!r} applies TLS profile {dom.tls_profile!r}, which is not "
                                "defined" + tail,
                        path=("tls", "domains", i, "tls_profile"))


@rule(code="GL202", title="TLS profile ids and TLS domain names are unique", severity=ERROR,
      refs=("R-7/1", "R-8.1/2"),
      rationale="The domain name is the value the MGC sends; two domains (or profiles) with one name make "
                "the selected TLS profile ambiguous.",
      fix="Rename or merge the duplicate.",
      passing="domains: [{name: access_ue}, {name: access_peer}]\n",
      failing="domains: [{name: access_ue}, {name: access_ue}]\n")
def unique_profile_and_domain_names(loaded: LoadedProfile) -> Iterator[Issue]:
    for section, attr, what in (("profiles", "id", "TLS profile id"), ("domains", "name", "TLS domain name")):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(loaded.profile.tls, section)):
            value = getattr(item, attr)
            if value in seen:
                yield Issue(message=f"{what} {value!r} is defined twice (first at {section}[{seen[value]}])",
                            path=("tls", section, i, attr))
            seen.setdefault(value, i)


@rule(code="GL203", title="Every TLS profile is applied by a TLS domain", severity=WARNING, refs=("R-7/1",),
      rationale="The MG applies TLS profiles only through TLS domains; a profile no domain uses is dead text "
                "that reviewers still have to read.",
      fix="Reference the profile from a domain's `tls_profile`, or delete it.",
      passing="profiles: [{id: access_tls}]\ndomains: [{tls_profile: access_tls}]\n",
      failing="profiles: [{id: access_tls}, {id: legacy_tls}]\ndomains: [{tls_profile: access_tls}]\n")
def profiles_applied(loaded: LoadedProfile) -> Iterator[Issue]:
    used = {d.tls_profile for d in loaded.profile.tls.domains}
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if tp.id not in used:
            yield Issue(message=f"TLS profile {tp.id!r} is not applied by any TLS domain",
                            path=facts.tls_profile_path(i, "id"))


@rule(code="GL204", title="Domains with certificate authentication name their certificate", severity=ERROR,
      refs=("R-8.1/3", "R-8.3.2/3", "R-8.3.2/4"),
      rationale="The MG authenticates with the certificate of the selected TLS domain (one certificate per "
                "domain), so each such domain names its certificate (a reference, never key material).",
      fix="Add `certificate: <name or path>` to the domain.",
      passing="- name: access_ue\n  tls_profile: access_tls   # methods: [certificate_ca_signed]\n"
              "  certificate: certs/agw-access.pem\n",
      failing="- name: access_ue\n  tls_profile: access_tls   # methods: [certificate_ca_signed]\n")
def domains_name_certificates(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, dom in enumerate(loaded.profile.tls.domains):
        tp = facts.tls_profile_named(loaded, dom.tls_profile)
        if tp is not None and facts.uses_certificates(tp) and dom.certificate is None:
            yield Issue(message=f"TLS domain {dom.name!r} uses certificate authentication (TLS profile {tp.id!r}) "
                                "but names no `certificate`", path=("tls", "domains", i, "name"))


@rule(code="GL205", title="CA-signed certificate authentication names trust anchors", severity=ERROR,
      refs=("R-7/8", "R-8.3.2.1/1"),
      rationale="The MG verifies CA-signed certificates against the trust anchors the TLS profile defines; "
                "without them it cannot verify anything.",
      fix="List `authentication.trust_anchors` in the TLS profile, or `trust_anchors` in every domain using it.",
      passing="authentication: {methods: [certificate_ca_signed], trust_anchors: [Operator Root CA]}\n",
      failing="authentication: {methods: [certificate_ca_signed]}\n")
def trust_anchors_named(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if not facts.uses_ca_signed(tp) or tp.authentication.trust_anchors:
            continue
        domains = [d for d in loaded.profile.tls.domains if d.tls_profile == tp.id]
        if domains and all(d.trust_anchors for d in domains):
            continue
        yield Issue(message=f"TLS profile {tp.id!r} verifies CA-signed certificates but names no trust anchors",
                    path=facts.tls_profile_path(i, "authentication", "methods"))


@rule(code="GL206", title="Supported renegotiation says who starts it", severity=WARNING, refs=("R-7/5",),
      rationale="Renegotiation behaviour is defined by the TLS profile or provided by the MGC; with neither "
                "initiators nor an MGC trigger the behaviour is undefined.",
      fix="List `renegotiation.initiators` (client, server, mg) or set `mgc_trigger: true`.",
      passing="renegotiation: {supported: true, initiators: [mg], mgc_trigger: true}\n",
      failing="renegotiation: {supported: true}\n")
def renegotiation_initiators_stated(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        reneg = tp.renegotiation
        if reneg is not None and reneg.supported and not reneg.initiators and not reneg.mgc_trigger:
            yield Issue(message=f"TLS profile {tp.id!r} supports renegotiation but says neither who initiates "
                                "it nor that the MGC triggers it",
                        path=facts.tls_profile_path(i, "renegotiation", "supported"))


@rule(code="GL207", title="TLS 1.2 profiles support renegotiation as the guideline asks", severity=ERROR,
      refs=("R-7/5", "R-8.4/1", "RFC 5746", "RFC 9325 §3.5"),
      rationale="H.248.TLSPROF requires the MG to support renegotiation of an existing session's security "
                "parameters (clause 7) and recommends it as TLS client and server (clause 8.4). Current practice "
                "(RFC 9325) often refuses TLS 1.2 renegotiation, and TLS 1.3 has none (KeyUpdate refreshes "
                "keys), so a profile may depart from the guideline here. R-7/5 is a requirement, so this is an "
                "error until the profile says why it departs: a suppression with its reason, which Appendix I "
                "shows as a deviation. TLS 1.3-only profiles are not concerned; a TLS 1.2 profile that leaves "
                "`renegotiation` out gets GL200 instead.",
      fix="Support secure renegotiation (`renegotiation: {supported: true, secure_only: true, ...}`), or record "
          "the deviation on the `supported:` line: `# profilekit: disable=GL207 reason=\"...\"`.",
      passing="versions: [TLS1.2, TLS1.3]\nrenegotiation: {supported: true, secure_only: true, initiators: [mg], "
              "mgc_trigger: true}\n",
      failing="versions: [TLS1.2, TLS1.3]\nrenegotiation: {supported: false}\n")
def tls12_renegotiation_supported(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        older = [v for v in tp.versions if v != "TLS1.3"]
        if older and tp.renegotiation is not None and not tp.renegotiation.supported:
            yield Issue(message=f"TLS profile {tp.id!r} offers {', '.join(older)} without renegotiation, which "
                                "H.248.TLSPROF requires of the MG (R-7/5) and recommends as client and server "
                                "(R-8.4/1); support it, or record why the profile departs",
                        path=facts.tls_profile_path(i, "renegotiation", "supported"))


RULES: tuple[Rule, ...] = (
    options_stated, domains_apply_defined_profiles, unique_profile_and_domain_names, profiles_applied,
    domains_name_certificates, trust_anchors_named, renegotiation_initiators_stated, tls12_renegotiation_supported,
)
"""Every rule this module declares, for the registry."""
