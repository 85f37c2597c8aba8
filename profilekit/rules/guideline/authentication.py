"""GL4xx guideline clause 8.3, authentication: failure behaviour, client authentication, certificate,
self-signed (fingerprint), PSK and trusted third-party methods and their bindings."""

from __future__ import annotations

from collections.abc import Iterator

from profilekit.load.loaded import LoadedProfile
from profilekit.load.source import YamlPath
from profilekit.rules import facts
from profilekit.rules.base import ERROR, WARNING, Issue, Rule, rule
from profilekit.rules.guideline.bindings import binding_issues, when_profiles


@rule(code="GL401", title="Failure behaviour and continuation conditions agree", severity=ERROR,
      refs=("R-8.3/2", "R-8.3/3", "R-8.3.2.1/2", "R-8.3.2.2.1/3", "R-8.4/3"),
      rationale="When authentication fails the TLS profile's behaviour applies: `continue_if` needs the "
                "conditions under which the session continues; `terminate` and `continue` take none.",
      fix="With `on_failure: continue_if` list `continue_conditions`; otherwise remove them.",
      passing="on_failure: continue_if\ncontinue_conditions: [remote certificate expired less than 24 h ago]\n",
      failing="on_failure: continue_if\n")
def failure_behaviour_agrees(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        auth = tp.authentication
        if auth.on_failure == "continue_if" and not auth.continue_conditions:
            yield Issue(message=f"TLS profile {tp.id!r}: `on_failure: continue_if` lists no continue_conditions",
                        path=facts.tls_profile_path(i, "authentication", "on_failure"))
        elif auth.on_failure != "continue_if" and auth.continue_conditions:
            yield Issue(message=f"TLS profile {tp.id!r}: continue_conditions are listed but `on_failure` is "
                                f"{auth.on_failure!r}; use `continue_if` or remove them",
                        path=facts.tls_profile_path(i, "authentication", "continue_conditions"))


@rule(code="GL404", title="Required authentication does not continue unconditionally on failure",
      severity=ERROR, refs=("R-8.3/2", "R-8.3/3", "R-8.3.2.1/2"),
      rationale="H.248.TLSPROF 8.3: a failed authentication usually terminates the session, and the profile "
                "defines the conditions under which it may continue instead (e.g. an expired certificate). "
                "`on_failure: continue` with no conditions, in a profile that requires authentication, keeps "
                "every session whose peer failed it: the requirement has no effect, and an attacker needs no "
                "credential at all.",
      fix="Use `on_failure: terminate`, or `continue_if` with the `continue_conditions` that are acceptable; "
          "or, if authentication is really not needed, say `none` instead of `required`.",
      passing="authentication: {server: required, on_failure: terminate}\n",
      failing="authentication: {server: required, on_failure: continue}\n")
def required_authentication_enforced(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        auth = tp.authentication
        required = [side for side in ("server", "client") if getattr(auth, side) == "required"]
        if auth.on_failure == "continue" and required:
            yield Issue(message=f"TLS profile {tp.id!r}: {' and '.join(required)} authentication is required, "
                                "but `on_failure: continue` keeps the session whenever it fails; use `terminate` "
                                "or `continue_if` with conditions",
                        path=facts.tls_profile_path(i, "authentication", "on_failure"))


@rule(code="GL402", title="The TLS profile decides on client authentication", severity=WARNING,
      refs=("R-8.3.1/1",),
      rationale="Where a cipher suite leaves client authentication optional, the TLS profile must say which "
                "option the TLS server takes: authenticate the client, or not. `optional` decides nothing.",
      fix="Set `authentication.client` to `required` or `none`.",
      passing="authentication: {server: required, client: none}\n",
      failing="authentication: {server: required, client: optional}\n")
def client_authentication_decided(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if tp.authentication.client == "optional":
            yield Issue(message=f"TLS profile {tp.id!r}: `client: optional` does not say whether the TLS server "
                                "authenticates the client (use required or none)",
                        path=facts.tls_profile_path(i, "authentication", "client"))


def _cert_suite(auth: str) -> bool:
    return auth in facts.CERTIFICATE_AUTH


@rule(code="GL403", title="Certificate and anonymous suites match the authentication methods", severity=ERROR,
      refs=("R-8.3/4",),
      rationale="The authentication methods of a TLS profile must be consistent with its cipher suites: "
                "certificate suites need a certificate method, anonymous suites the method `none`, and every "
                "listed method needs a suite that can use it.",
      fix="Add the missing method, or remove the suites (or the method) that do not fit.",
      passing="cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]\n"
              "authentication: {methods: [certificate_ca_signed]}\n",
      failing="cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]\nauthentication: {methods: [psk]}\n")
def suites_match_methods(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        methods = set(tp.authentication.methods)
        listed = facts.suites(tp)
        for j, suite in listed:
            if _cert_suite(suite.authentication) and not methods & facts.CERTIFICATE_METHODS:
                yield Issue(message=f"{suite.iana} authenticates the server with a certificate, but TLS profile "
                                    f"{tp.id!r} lists no certificate method",
                            path=facts.tls_profile_path(i, "cipher_suites", j))
            elif suite.authentication in ("anon", "null") and "none" not in methods:
                yield Issue(message=f"{suite.iana} authenticates nobody, but TLS profile {tp.id!r} does not list "
                                    "the method `none`", path=facts.tls_profile_path(i, "cipher_suites", j))
        tls13 = any(s.tls13 for _, s in listed)
        for k, method in enumerate(tp.authentication.methods):
            if method in facts.CERTIFICATE_METHODS and not tls13 and not any(
                    _cert_suite(s.authentication) or s.key_exchange == "rsa_psk" for _, s in listed):
                yield Issue(message=f"method {method!r} is listed but no cipher suite of TLS profile {tp.id!r} "
                                    "uses certificates", path=facts.tls_profile_path(i, "authentication", "methods", k))
            elif method == "none" and not any(s.authentication in ("anon", "null") for _, s in listed):
                yield Issue(message=f"method 'none' is listed but TLS profile {tp.id!r} has no anonymous suite",
                            path=facts.tls_profile_path(i, "authentication", "methods", k))


@rule(code="GL410", title="Self-signed certificates come with a fingerprint hash", severity=ERROR,
      refs=("R-8.3.2.2.2/2",),
      rationale="Self-signed certificates are checked by fingerprint; the TLS profile defines the hash "
                "function the MG uses for it.",
      fix="Set `authentication.fingerprint_hash` (e.g. `sha-256`).",
      passing="authentication: {methods: [certificate_self_signed], fingerprint_hash: sha-256}\n",
      failing="authentication: {methods: [certificate_self_signed]}\n")
def fingerprint_hash_stated(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if facts.uses_self_signed(tp) and tp.authentication.fingerprint_hash is None:
            yield Issue(message=f"TLS profile {tp.id!r} uses self-signed certificates but defines no "
                                "`fingerprint_hash`", path=facts.tls_profile_path(i, "authentication", "methods"))


_when_self_signed = when_profiles(facts.uses_self_signed, "uses self-signed certificates")


@rule(code="GL411", title="The remote fingerprint property is bound to a package property", severity=ERROR,
      refs=("R-8.3.2.2.1/1",),
      rationale="The MGC passes the remote endpoint's certificate fingerprint (from signalling, e.g. SDP "
                "a=fingerprint) to the MG in an H.248 property.",
      fix="Bind `tls.bindings.remote_fingerprint` to the remote fingerprint property.",
      passing="remote_fingerprint: tlsbsc/rfp\n",
      failing="# methods: [certificate_self_signed], and no remote_fingerprint binding\n")
def remote_fingerprint_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "remote_fingerprint", capability="the remote fingerprint property",
                              kinds=("property",), required=_when_self_signed)


@rule(code="GL412", title="The local fingerprint property is bound to a package property", severity=ERROR,
      refs=("R-8.3.2.2.2/1",),
      rationale="The MG returns the fingerprint of its own self-signed certificate in the reply to the command that "
                "creates the TLS endpoint, in an H.248 property.",
      fix="Bind `tls.bindings.local_fingerprint` to the local fingerprint property.",
      passing="local_fingerprint: tlsbsc/lfp\n",
      failing="# methods: [certificate_self_signed], and no local_fingerprint binding\n")
def local_fingerprint_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "local_fingerprint", capability="the local fingerprint property",
                              kinds=("property",), required=_when_self_signed)


@rule(code="GL413", title="The creation reply returns the local fingerprint", severity=ERROR,
      refs=("R-8.3.2.2.2/1",),
      rationale="With a self-signed certificate the MG puts its fingerprint in the reply to the command that "
                "creates the TLS endpoint; the procedures show it so that both sides implement it alike.",
      fix="Add a `reply:` to the creating `Add` step that contains the local fingerprint property.",
      passing="command: 'Add = $ { ... }'\nreply: 'Reply { Add = tls/1 { ... tlsbsc/lfp = \"sha-256 4A:...\" } }'\n",
      failing="command: 'Add = $ { ... }'\nreply: 'Reply { Add = tls/1 { ... } }'\n")
def reply_returns_fingerprint(loaded: LoadedProfile) -> Iterator[Issue]:
    bound = loaded.profile.tls.bindings.local_fingerprint
    if bound is None or not facts.any_profile(loaded, facts.uses_self_signed):
        return
    steps = list(facts.creation_steps(loaded))
    if any(bound.element in (step.reply or "") for _, step in steps):
        return
    if steps:
        path, step = steps[0]
        yield Issue(message=f"no reply to an `Add` command in the procedures returns {bound.element} (the "
                            "MG's fingerprint)", path=(*path, "reply") if step.reply else (*path, "command"))
    else:
        yield Issue(message=f"no procedure shows the `Add` reply that returns {bound.element}",
                    path=("procedures",) if facts.stated(loaded, ("procedures",)) else (), key=True)


@rule(code="GL414", title="Self-signed profiles list the SDP fingerprint attribute", severity=WARNING,
      refs=("R-8.3.2.2.2/3", "R-8.3.2.2.1/1"),
      rationale="Fingerprints of self-signed certificates travel in signalling (SDP a=fingerprint, RFC 8122); "
                "clauses 15/16 list the SDP elements the profile supports.",
      fix="Add `{element: \"a=fingerprint\", reference: RFC8122}` to `sdp_mandatory`.",
      passing="sdp_mandatory: [{element: \"a=fingerprint\"}]\n",
      failing="sdp_mandatory: [{element: \"a=setup\"}]\n")
def sdp_fingerprint_listed(loaded: LoadedProfile) -> Iterator[Issue]:
    if not facts.any_profile(loaded, facts.uses_self_signed):
        return
    elements = [e.element.replace(" ", "") for e in (*loaded.profile.sdp_mandatory, *loaded.profile.sdp_optional)]
    if not any(e.startswith("a=fingerprint") for e in elements):
        # at the clause that lists SDP elements, the mandatory one first; the document start when neither is written
        path: YamlPath = next((p for p in (("sdp_mandatory",), ("sdp_optional",)) if facts.stated(loaded, p)), ())
        yield Issue(message="self-signed certificates are used but `a=fingerprint` is not among the SDP "
                            "elements (clauses 15/16)", path=path, key=True)


@rule(code="GL420", title="PSK cipher suites and the PSK method go together", severity=ERROR,
      refs=("R-8.3.3/1", "R-8.3/4"),
      rationale="PSK suites (RFC 4279) authenticate with pre-shared keys, so the TLS profile lists the "
                "method `psk`; and `psk` needs a PSK suite (TLS 1.2) or TLS 1.3.",
      fix="Add `psk` to `authentication.methods`, or remove the PSK suites (or the method).",
      passing="cipher_suites: [TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256]\nauthentication: {methods: [psk]}\n",
      failing="cipher_suites: [TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256]\n"
              "authentication: {methods: [certificate_ca_signed]}\n")
def psk_suites_and_method(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        methods = tp.authentication.methods
        listed = facts.suites(tp)
        if "psk" not in methods:
            for j, suite in listed:
                if facts.is_psk_suite(suite):
                    yield Issue(message=f"{suite.iana} is a PSK suite but TLS profile {tp.id!r} does not list "
                                        "the method `psk`", path=facts.tls_profile_path(i, "cipher_suites", j))
        elif not any(facts.is_psk_suite(s) for _, s in listed) and "TLS1.3" not in tp.versions:
            yield Issue(message=f"TLS profile {tp.id!r} lists the method `psk` but no PSK cipher suite (and no "
                                "TLS 1.3)",
                        path=facts.tls_profile_path(i, "authentication", "methods", methods.index("psk")))


_when_psk = when_profiles(facts.uses_psk, "uses pre-shared keys")


@rule(code="GL421", title="The PSK identity property is bound to a package property", severity=ERROR,
      refs=("R-8.3.3/2", "R-8.3.3/3", "R-8.3.3/4"),
      rationale="The MG holds many PSKs and picks one by the identity the MGC indicates for each endpoint.",
      fix="Bind `tls.bindings.psk_identity` to the PSK identity property, e.g. `tlsbsc/pskid`.",
      passing="psk_identity: tlsbsc/pskid\n",
      failing="# methods: [psk], and no psk_identity binding\n")
def psk_identity_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "psk_identity", capability="the PSK identity property", kinds=("property",),
                              required=_when_psk)


def _when_hint(loaded: LoadedProfile) -> str | None:
    ids = [p.id for p in loaded.profile.tls.profiles
           if p.authentication.psk is not None and p.authentication.psk.identity_hint]
    return f"TLS profile {', '.join(ids)} sends a PSK identity hint" if ids else None


@rule(code="GL422", title="The PSK identity hint property is bound to a package property", severity=ERROR,
      refs=("R-8.3.3/5",),
      rationale="A TLS server endpoint can send a PSK identity hint that the MGC provides in an H.248 property.",
      fix="Bind `tls.bindings.psk_identity_hint` to the hint property, or set `psk.identity_hint: false`.",
      passing="psk_identity_hint: tlsbsc/pskhint\n",
      failing="authentication: {psk: {identity_hint: true}}   # and no psk_identity_hint binding\n")
def psk_identity_hint_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "psk_identity_hint", capability="the PSK identity hint property",
                              kinds=("property",), required=_when_hint)


@rule(code="GL430", title="Trusted third-party suites and the TTP method go together", severity=ERROR,
      refs=("R-8.3.4/1", "R-8.3/4"),
      rationale="Kerberos suites (RFC 2712) need a trusted third party; the TLS profile lists the method "
                "`trusted_third_party`, which in turn needs such a suite.",
      fix="Add `trusted_third_party` to `authentication.methods`, or remove the Kerberos suites (or the method).",
      passing="cipher_suites: [TLS_KRB5_WITH_AES_128_CBC_SHA]\nauthentication: {methods: [trusted_third_party]}\n",
      failing="cipher_suites: [TLS_KRB5_WITH_AES_128_CBC_SHA]\nauthentication: {methods: [certificate_ca_signed]}\n")
def ttp_suites_and_method(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        methods = tp.authentication.methods
        listed = facts.suites(tp)
        if "trusted_third_party" not in methods:
            for j, suite in listed:
                if facts.is_ttp_suite(suite):
                    yield Issue(message=f"{suite.iana} needs a trusted third party but TLS profile {tp.id!r} does "
                                        "not list the method `trusted_third_party`",
                                path=facts.tls_profile_path(i, "cipher_suites", j))
        elif not any(facts.is_ttp_suite(s) for _, s in listed):
            yield Issue(message=f"TLS profile {tp.id!r} lists `trusted_third_party` but no cipher suite that uses "
                                "one", path=facts.tls_profile_path(i, "authentication", "methods",
                                                                   methods.index("trusted_third_party")))


@rule(code="GL431", title="Trusted third-party authentication says how the service is selected",
      severity=ERROR, refs=("R-8.3.4/2", "R-8.3.4/3"),
      rationale="The MG selects the trusted third-party service per stream endpoint: either each TLS domain "
                "names it, or an H.248 property does. The profile states which.",
      fix="Add `authentication.trusted_third_party: {kind: kerberos, selection: per_domain}` (or per_property).",
      passing="authentication:\n  methods: [trusted_third_party]\n  trusted_third_party: {selection: per_domain}\n",
      failing="authentication:\n  methods: [trusted_third_party]\n")
def ttp_selection_stated(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if facts.uses_ttp(tp) and tp.authentication.trusted_third_party is None:
            yield Issue(message=f"TLS profile {tp.id!r} uses a trusted third party but does not say how the "
                                "service is selected (`trusted_third_party.selection`)",
                        path=facts.tls_profile_path(i, "authentication"), key=True)


@rule(code="GL432", title="Per-domain trusted third party: every domain names its service", severity=ERROR,
      refs=("R-8.3.4/2", "R-8.3.4/3"),
      rationale="With `selection: per_domain` the TLS domain defines the trusted third-party service, so each "
                "domain applying the profile names one.",
      fix="Add `trusted_third_party: <service>` (e.g. a Kerberos realm) to the domain.",
      passing="- name: core\n  tls_profile: krb   # selection: per_domain\n  trusted_third_party: EXAMPLE.NET\n",
      failing="- name: core\n  tls_profile: krb   # selection: per_domain\n")
def ttp_per_domain_services(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, dom in enumerate(loaded.profile.tls.domains):
        tp = facts.tls_profile_named(loaded, dom.tls_profile)
        ttp = tp.authentication.trusted_third_party if tp is not None else None
        if tp is not None and ttp is not None and ttp.selection == "per_domain" and not dom.trusted_third_party:
            yield Issue(message=f"TLS domain {dom.name!r} applies TLS profile {tp.id!r}, whose trusted third "
                                "party is selected per domain, but names no `trusted_third_party`",
                        path=("tls", "domains", i, "name"))


def _when_per_property(loaded: LoadedProfile) -> str | None:
    ids = [p.id for p in loaded.profile.tls.profiles if p.authentication.trusted_third_party is not None
           and p.authentication.trusted_third_party.selection == "per_property"]
    return f"TLS profile {', '.join(ids)} selects the trusted third party per property" if ids else None


@rule(code="GL433", title="The trusted third-party service property is bound to a package property", severity=ERROR,
      refs=("R-8.3.4/3",),
      rationale="With `selection: per_property` the MGC selects the trusted third-party service per endpoint with an "
                "H.248 property.",
      fix="Bind `tls.bindings.ttp_service` to that property, e.g. `tlsbsc/ttpsvc`.",
      passing="ttp_service: tlsbsc/ttpsvc\n",
      failing="# selection: per_property, and no ttp_service binding\n")
def ttp_service_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "ttp_service", capability="the trusted third-party service property",
                              kinds=("property",), required=_when_per_property)


RULES: tuple[Rule, ...] = (
    failure_behaviour_agrees, required_authentication_enforced, client_authentication_decided, suites_match_methods,
    fingerprint_hash_stated,
    remote_fingerprint_bound, local_fingerprint_bound, reply_returns_fingerprint, sdp_fingerprint_listed,
    psk_suites_and_method, psk_identity_bound, psk_identity_hint_bound, ttp_suites_and_method, ttp_selection_stated,
    ttp_per_domain_services, ttp_service_bound,
)
"""Every rule this module declares, for the registry."""
