"""TLS consistency rules (TLS): settings that contradict each other or cannot be negotiated.

These hold whatever the security baseline: they are protocol facts (RFC 5246, RFC 8446 and the RFCs that
define the suites, groups and signature schemes), not policy.
"""

from __future__ import annotations

from collections.abc import Iterator

from profilekit.catalog.ciphers import CipherSuite, suggest, version_index
from profilekit.load.loaded import LoadedProfile
from profilekit.rules import tls_facts as facts
from profilekit.rules.base import ERROR, INFO, WARNING, Issue, Rule, rule
from profilekit.rules.facts import stated


@rule(code="TLS001", title="Every cipher suite is a registered suite", severity=ERROR,
      refs=("IANA TLS Cipher Suites registry", "R-7/3"),
      rationale="A misspelt or invented suite name cannot be configured; gateway builds fail or silently "
                "drop it. IANA and OpenSSL names are accepted (OpenSSL names are normalised to IANA).",
      fix="Use the IANA name (see `profilekit ciphers --filter …`); the message suggests close names.",
      passing="cipher_suites: [TLS_AES_128_GCM_SHA256, ECDHE-RSA-AES128-GCM-SHA256]",
      failing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES128_GCM_SHA256]")
def unknown_suites(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        for entry in view.suites:
            if entry.suite is not None or entry.name.upper() in facts.REGISTERED_UNCATALOGUED:
                continue
            scsv = facts.SCSV.get(entry.name.upper())
            if scsv is not None:
                yield Issue(message=f"{entry.written} is a signalling value ({scsv}), not a cipher suite: "
                                    "TLS stacks send it by themselves; remove it from cipher_suites",
                            path=entry.path)
                continue
            hints = suggest(entry.written)
            hint = f"; did you mean {' or '.join(hints)}?" if hints else ""
            yield Issue(message=f"unknown cipher suite {entry.written!r} (neither an IANA nor an OpenSSL "
                                f"name){hint}", path=entry.path)


@rule(code="TLS019", title="Every cipher suite is one profilekit can check and export",
      severity=ERROR, refs=("IANA TLS Cipher Suites registry", "RFC 9150", "RFC 8492", "R-7/3"),
      rationale="A few registered suites (the RFC 9150 integrity-only TLS_SHA256_SHA256 and "
                "TLS_SHA384_SHA384, the RFC 8492 TLS_ECCPWD_* and the draft AEGIS suites) are missing "
                "from profilekit's catalogue: their versions, key exchange and cipher are unknown to it, "
                "so no rule can judge them and the gateway export cannot resolve them. Validate says so "
                "rather than pass a profile that export then refuses. The RFC 9150 suites also offer no "
                "confidentiality at all.",
      fix="Remove the suite from cipher_suites (describe it in the profile's text if it must be mentioned).",
      passing="cipher_suites: [TLS_AES_128_GCM_SHA256]",
      failing="cipher_suites: [TLS_AES_128_GCM_SHA256, TLS_SHA256_SHA256]")
def uncatalogued_suites(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        for entry in view.suites:
            message = None if entry.suite is not None else facts.uncatalogued_message(entry.name)
            if message is not None:
                yield Issue(message=f"{message}; remove it, or describe it in the profile's text and keep it "
                                    "out of cipher_suites", path=entry.path)


def _why_not_usable(suite: CipherSuite, versions: list[str]) -> str:
    if suite.tls13:
        return "TLS 1.3 suites are negotiated only under TLS 1.3 (RFC 8446 §B.4)"
    if suite.key_exchange == "krb5":
        return "Kerberos suites (RFC 2712) exist only below TLS 1.2"
    reasons = []
    if any(version_index(v) < version_index(suite.min_version) for v in versions):
        what = "AEAD" if suite.aead else f"{suite.mac.upper()}-MAC" if suite.mac else "these"
        reasons.append(f"{what} suites need {suite.min_version} (RFC 5246)")
    if any(version_index(v) > version_index(suite.max_version) for v in versions):
        if suite.export:
            reasons.append("export suites were removed in TLS 1.1 (RFC 4346 §1.1)")
        elif suite.max_version == "TLS1.2":
            reasons.append("TLS 1.3 negotiates only its own suites (RFC 8446 §B.4)")
        else:
            reasons.append(f"the suite was withdrawn after {suite.max_version}")
    return "; ".join(reasons)


@rule(code="TLS002", title="Every cipher suite is usable with a listed version", severity=ERROR,
      refs=("RFC 8446 §B.4", "RFC 5246 §A.5", "RFC 4346 §1.1"),
      rationale="TLS 1.3 suites exist only in TLS 1.3 and older suites never in TLS 1.3; AEAD and "
                "SHA-256/384 suites need TLS 1.2; export suites ended with TLS 1.0. A suite no listed "
                "version can negotiate is dead text that misleads implementers.",
      fix="Remove the suite or list a version that can negotiate it.",
      passing="versions: [TLS1.3]\ncipher_suites: [TLS_AES_128_GCM_SHA256]",
      failing="versions: [TLS1.3]\ncipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]")
def suite_without_version(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        for entry, suite in view.known():
            if view.usable(suite):
                continue
            yield Issue(message=f"{entry.name} can never be negotiated: it needs {facts.version_span(suite)} "
                                f"but versions lists {facts.version_list(view.versions)}: "
                                f"{_why_not_usable(suite, view.versions)}",
                        path=entry.path)


@rule(code="TLS003", title="Every listed version has a usable cipher suite", severity=ERROR,
      refs=("RFC 8446 §4.1.1", "RFC 5246 §7.4.1.3", "R-7/2"),
      rationale="A version without a suite it can negotiate ends every such handshake in "
                "handshake_failure; the profile promises something the MG cannot do.",
      fix="Add a suite for the version (e.g. TLS_AES_128_GCM_SHA256 for TLS 1.3) or drop the version.",
      passing="versions: [TLS1.2, TLS1.3]\ncipher_suites: [TLS_AES_128_GCM_SHA256, "
              "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]",
      failing="versions: [TLS1.2, TLS1.3]\ncipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]")
def version_without_suite(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        known = [s for _, s in view.known()]
        unknown = len(view.suites) - len(known)
        if not known:
            continue  # TLS001 reports the unknown names; nothing to judge here
        for version in view.versions:
            if any(s.usable_with(version) for s in known):
                continue
            kind = "TLS 1.3 suite (TLS_AES_*, TLS_CHACHA20_*)" if version == "TLS1.3" else \
                f"suite usable with {version}"
            note = f" ({unknown} unknown suite name(s) ignored)" if unknown else ""
            yield Issue(message=f"{version} is listed but cipher_suites has no {kind}: a {version} handshake "
                                f"cannot complete{note}", path=view.version_path(version))


@rule(code="TLS004", title="No cipher suite is listed twice", severity=WARNING,
      refs=("R-7/3",),
      rationale="The list is an order of precedence; a second entry (perhaps under its OpenSSL name) "
                "has no effect and suggests a different order was meant.",
      fix="Delete the later entry, or move the suite to the intended position.",
      passing="cipher_suites: [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384]",
      failing="cipher_suites: [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256]")
def duplicates(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        first: dict[str, facts.SuiteEntry] = {}
        for entry in view.suites:
            key = entry.name.upper()
            if key in first:
                earlier = first[key]
                spelled = "" if entry.written == earlier.written else \
                    f" (written {earlier.written!r} there and {entry.written!r} here)"
                yield Issue(message=f"{entry.name} is listed twice: #{earlier.pos} and #{entry.pos}{spelled}; "
                                    "the second entry has no effect on the order", path=entry.path)
            else:
                first[key] = entry


@rule(code="TLS005", title="No renegotiation on a TLS 1.3-only profile", severity=ERROR,
      refs=("RFC 8446 §4.1.2", "RFC 8446 §4.6.3", "R-7/5"),
      rationale="TLS 1.3 forbids renegotiation; a TLS 1.3-only profile that claims to support it "
                "contradicts itself.",
      fix="Set renegotiation.supported: false and describe KeyUpdate in the notes if needed.",
      passing="versions: [TLS1.3]\nrenegotiation: {supported: false}",
      failing="versions: [TLS1.3]\nrenegotiation: {supported: true}")
def renegotiation_tls13(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if view.tls13_only and view.profile.renegotiates:
            yield Issue(message="renegotiation is marked supported, but the profile allows only TLS 1.3, "
                                "which has no renegotiation (RFC 8446 §4.1.2; KeyUpdate, §4.6.3, replaces "
                                "key renewal)", path=view.at("renegotiation", "supported"))


@rule(code="TLS006", title="Compression methods can be negotiated", severity=ERROR,
      refs=("RFC 5246 §7.4.1.2", "RFC 8446 §4.1.2", "R-7/4"),
      rationale="Every ClientHello must offer null compression; TLS 1.3 allows nothing else.",
      fix="List null; on TLS 1.3-only profiles list null only.",
      passing="versions: [TLS1.3]\ncompression: [\"null\"]",
      failing="versions: [TLS1.3]\ncompression: [\"null\", deflate]")
def compression(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        methods = view.profile.compression
        if "null" not in methods:
            yield Issue(message="compression lacks null, which every TLS ClientHello must offer and every "
                                "implementation must support (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2)",
                        path=view.at("compression"))
        if view.tls13_only:
            for i, method in enumerate(methods):
                if method != "null":
                    yield Issue(message=f"compression method {method} cannot be used: the profile allows only "
                                        "TLS 1.3, which allows null compression only (RFC 8446 §4.1.2)",
                                path=view.at("compression", i))


@rule(code="TLS007", title="Kerberos authentication has a version that can carry it", severity=ERROR,
      refs=("RFC 2712", "R-8.3.4/1"),
      rationale="All Kerberos suites (RFC 2712, 0x001E-0x002B) exist only below TLS 1.2; a profile with "
                "TLS 1.2/1.3 only cannot authenticate by Kerberos.",
      fix="Drop trusted_third_party (Kerberos) or describe how the third party authenticates instead.",
      passing="versions: [TLS1.2]\nauthentication: {methods: [certificate_ca_signed]}",
      failing="versions: [TLS1.2]\nauthentication: {methods: [trusted_third_party], "
              "trusted_third_party: {kind: kerberos, selection: per_domain}}")
def kerberos(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        auth = view.profile.authentication
        if "trusted_third_party" not in auth.methods or \
                version_index(view.versions[0]) < version_index("TLS1.2"):
            continue
        ttp = auth.trusted_third_party
        if ttp is not None and "kerberos" not in ttp.kind.lower() and "krb" not in ttp.kind.lower():
            continue
        index = auth.methods.index("trusted_third_party")
        yield Issue(message="Kerberos authentication (trusted_third_party) cannot be satisfied: every "
                            "Kerberos suite (RFC 2712) exists only up to TLS 1.1, but versions lists "
                            f"{facts.version_list(view.versions)}",
                    path=view.at("authentication", "methods", index))


@rule(code="TLS008", title="The fingerprint hash can be computed", severity=ERROR,
      refs=("RFC 8122 §5", "RFC 6149", "R-8.3.2.2.2/2"),
      rationale="MD2 is historic (RFC 6149) and absent from current TLS stacks: fingerprints the MG "
                "must compare or report cannot be produced.",
      fix="Use fingerprint_hash: sha-256.",
      passing="authentication: {fingerprint_hash: sha-256}",
      failing="authentication: {fingerprint_hash: md2}")
def md2_fingerprint(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if view.profile.authentication.fingerprint_hash == "md2":
            yield Issue(message="fingerprint hash md2 is unusable: MD2 is historic (RFC 6149), RFC 8122 §5 "
                                "keeps it for backward compatibility only, and current TLS stacks cannot "
                                "compute it (OpenSSL 1.0 and later ship without MD2); use sha-256",
                        path=view.at("authentication", "fingerprint_hash"))


def _certificate_key_for(suite: CipherSuite) -> tuple[tuple[str, ...], str] | None:
    """Certificate key types a TLS ≤ 1.2 suite can work with, and how to say it; None: no constraint."""
    kx, auth = suite.key_exchange, suite.authentication
    if suite.tls13:
        return None
    if kx == "ecdh":
        return ("ecdsa",), "a static-ECDH suite needs an EC certificate key (key type ecdsa)"
    if auth == "ecdsa":
        return ("ecdsa", "ed25519", "ed448"), "an ECDSA suite needs an ecdsa (or EdDSA, RFC 8422) key"
    if (auth == "rsa" and kx in ("rsa", "dhe", "ecdhe", "srp")) or kx == "rsa_psk":
        return ("rsa",), "an RSA suite needs an rsa certificate key"
    if auth == "dss" and kx == "dhe":
        return ("dsa",), "a DSS suite needs a dsa certificate key"
    return None


@rule(code="TLS009", title="Cipher suites match the certificate key types", severity=ERROR,
      refs=("RFC 5246 §7.4.2", "RFC 8422 §5.3", "R-7/7"),
      rationale="In TLS 1.2 the suite fixes the server certificate's key: ECDHE_ECDSA needs an EC (or "
                "EdDSA) key, ECDHE_RSA/DHE_RSA/RSA an RSA key, static ECDH an EC key, DHE_DSS a DSA key. "
                "A suite whose key type the profile does not allow is never selected.",
      fix="Add the key type to certificates.key_types or remove the suite.",
      passing="cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]\n"
              "certificates: {key_types: [{type: ecdsa, min_bits: 256}]}",
      failing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]\n"
              "certificates: {key_types: [{type: ecdsa, min_bits: 256}]}")
def suite_certificate_key(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        types = facts.certificate_key_types(view)
        if types is None:
            continue
        for entry, suite in view.usable_known():
            need = _certificate_key_for(suite)
            if need is not None and not set(need[0]) & set(types):
                yield Issue(message=f"{entry.name} cannot be used: {need[1]}, but certificates.key_types lists "
                                    f"{', '.join(types)}", path=entry.path)


@rule(code="TLS010", title="No anonymous suite when the server must be authenticated",
      severity=ERROR, refs=("RFC 5246 §7.4.2", "R-8.3/1"),
      rationale="anon_DH/anon_ECDH suites send no server certificate, so a required server "
                "authentication can never succeed with them.",
      fix="Remove the DH_anon/ECDH_anon suites.",
      passing="authentication: {server: required}\ncipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
      failing="authentication: {server: required}\ncipher_suites: [TLS_DH_anon_WITH_AES_128_GCM_SHA256]")
def anonymous_with_authentication(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if view.profile.authentication.server != "required":
            continue
        for entry, suite in view.known():
            if facts.is_anonymous(suite):
                yield Issue(message=f"{entry.name} is anonymous (no server certificate), but "
                                    "authentication.server is required: the suite can only end in a failed "
                                    "authentication", path=entry.path)


@rule(code="TLS011", title="TLS 1.3 PSK authentication has PSK key-exchange modes",
      severity=ERROR, refs=("RFC 8446 §4.2.9", "R-8.3.3/1"),
      rationale="Under TLS 1.3 a PSK is only usable with the psk_key_exchange_modes extension; a TLS "
                "1.3-only profile that authenticates by PSK but names no mode cannot use it.",
      fix="Set resumption.tls13_psk_modes: [psk_dhe_ke].",
      passing="versions: [TLS1.3]\nauthentication: {methods: [psk]}\nresumption: "
              "{tls13_psk_modes: [psk_dhe_ke]}",
      failing="versions: [TLS1.3]\nauthentication: {methods: [psk]}\nresumption: {tls13_psk_modes: []}")
def tls13_psk_modes(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        auth = view.profile.authentication
        if view.tls13_only and "psk" in auth.methods and not view.profile.resumption.tls13_psk_modes:
            yield Issue(message="psk authentication on a TLS 1.3-only profile needs psk_key_exchange_modes "
                                "(RFC 8446 §4.2.9: a client offering pre_shared_key must send it); set "
                                "resumption.tls13_psk_modes (psk_dhe_ke)",
                        path=view.at("authentication", "methods", auth.methods.index("psk")))


_EC_KX = ("ecdhe", "ecdhe_psk", "anon_ecdh")


@rule(code="TLS012", title="ECDHE suites and TLS 1.3 have a usable group", severity=ERROR,
      refs=("RFC 8422 §5.1", "RFC 8446 §4.2.7"),
      rationale="ECDHE needs an elliptic curve both sides accept; TLS 1.3 needs a group defined for "
                "TLS 1.3. When groups is given and lacks one, those handshakes fail.",
      fix="Add x25519 or secp256r1 to groups.",
      passing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]\ngroups: [x25519]",
      failing="cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]\ngroups: [ffdhe2048]")
def groups_for_suites(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        groups = view.profile.groups
        if not groups:
            continue
        info = [facts.GROUPS[g] for g in groups]
        ecdhe = [e for e, s in view.usable_known() if s.key_exchange in _EC_KX]
        if ecdhe and view.pre13 and not any(g.family == "ec" and g.tls12 for g in info):
            yield Issue(message=f"{ecdhe[0].label()} and the other ECDHE suites need an elliptic-curve group "
                                "usable with TLS 1.2 (x25519, secp256r1, …), but groups lists "
                                f"{', '.join(groups)} (RFC 8422 §5.1)", path=view.at("groups"))
        tls13 = [e for e, s in view.usable_known() if s.tls13]
        if tls13 and not any(g.tls13 for g in info):
            yield Issue(message="TLS 1.3 is listed but no group in groups is usable with TLS 1.3 "
                                f"({', '.join(groups)}; RFC 8446 §4.2.7): no TLS 1.3 key exchange can be "
                                "agreed", path=view.at("groups"))


_FF_KX = ("dhe", "dhe_psk", "anon_dh")


@rule(code="TLS013", title="DHE suites have an ffdhe group", severity=WARNING,
      refs=("RFC 7919 §4",),
      rationale="With a groups list that names no ffdhe group, DHE is either refused by RFC 7919 clients "
                "or runs on parameters the profile does not state.",
      fix="Add ffdhe2048 (or larger) to groups, or drop the DHE suites.",
      passing="cipher_suites: [TLS_DHE_RSA_WITH_AES_128_GCM_SHA256]\ngroups: [x25519, ffdhe3072]",
      failing="cipher_suites: [TLS_DHE_RSA_WITH_AES_128_GCM_SHA256]\ngroups: [x25519]")
def dhe_without_ffdhe(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        groups = view.profile.groups
        if not groups or any(facts.GROUPS[g].family == "ff" for g in groups):
            continue
        dhe = [e for e, s in view.usable_known() if s.key_exchange in _FF_KX]
        if dhe:
            yield Issue(message=f"{dhe[0].label()} uses finite-field DHE but groups lists no ffdhe group: a "
                                "client that names its groups cannot negotiate it (RFC 7919 §4), otherwise "
                                "the server falls back to unnegotiated DH parameters", path=view.at("groups"))


@rule(code="TLS014", title="Every group is usable with a listed version", severity=WARNING,
      refs=("RFC 8446 §4.2.7", "RFC 8734", "RFC 8422 §5.1.1"),
      rationale="secp224r1, secp192r1 and the RFC 7027 brainpool curves are not TLS 1.3 groups; the "
                "brainpool*tls13 and ML-KEM hybrid groups exist only in TLS 1.3.",
      fix="Remove the group or use its variant for the listed version.",
      passing="versions: [TLS1.3]\ngroups: [x25519, brainpoolP256r1tls13]",
      failing="versions: [TLS1.3]\ngroups: [x25519, brainpoolP256r1]")
def unusable_groups(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        pre13, tls13 = bool(view.pre13), view.has("TLS1.3")
        for i, name in enumerate(view.profile.groups):
            group = facts.GROUPS[name]
            if (group.tls12 and pre13) or (group.tls13 and tls13):
                continue
            where = "TLS 1.3 only" if group.tls13 else "TLS 1.2 and earlier only"
            yield Issue(message=f"group {name} is usable with {where} (RFC 8446 §4.2.7), which versions "
                                f"({facts.version_list(view.versions)}) does not include",
                        path=view.at("groups", i))


@rule(code="TLS015", title="Every certificate key type has a usable signature algorithm",
      severity=ERROR, refs=("RFC 8446 §4.2.3", "RFC 5246 §7.4.1.4.1"),
      rationale="The peer verifies the handshake signature with a scheme from signature_algorithms; a "
                "key type with no matching scheme (e.g. rsa keys with only rsa_pkcs1_* under TLS 1.3, "
                "or DSA under TLS 1.3) cannot authenticate.",
      fix="Add a scheme for the key type (rsa_pss_rsae_sha256, ecdsa_secp256r1_sha256, ed25519) or drop "
          "the key type.",
      passing="signature_algorithms: [ecdsa_secp256r1_sha256]\ncertificates: {key_types: [{type: ecdsa, "
              "min_bits: 256}]}",
      failing="signature_algorithms: [ecdsa_secp256r1_sha256]\ncertificates: {key_types: [{type: rsa, "
              "min_bits: 2048}]}")
def key_types_without_sigalg(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        certs = view.profile.certificates
        if certs is None:
            continue
        listed = view.profile.signature_algorithms
        for i, key in enumerate(certs.key_types):
            ok_versions = [v for v in view.versions if v in ("TLS1.2", "TLS1.3")]
            if key.type == "dsa" and view.tls13_only:
                yield Issue(message="a dsa certificate key cannot be used with TLS 1.3, which has no DSA "
                                    "signature scheme (RFC 8446 §4.2.3)", path=view.at("certificates",
                                                                                       "key_types", i, "type"))
                continue
            if not listed or not ok_versions:
                continue
            usable = [s for s in listed if facts.sigalg(s).key == key.type and any(
                facts.sigalg(s).tls12 if v == "TLS1.2" else facts.sigalg(s).tls13 for v in ok_versions)]
            if not usable:
                yield Issue(message=f"certificate key type {key.type} has no usable signature algorithm: "
                                    f"signature_algorithms lists {', '.join(listed)} (for TLS 1.3, rsa keys "
                                    "need rsa_pss_*; RFC 8446 §4.2.3)",
                            path=view.at("certificates", "key_types", i, "type"))


@rule(code="TLS016", title="Versions form a contiguous range", severity=WARNING,
      refs=("OpenSSL SSL_CTX_set_min_proto_version(3)", "R-7/2"),
      rationale="OpenSSL (and most stacks) set a minimum and maximum protocol version; a gap such as "
                "TLS 1.0 and TLS 1.2 without TLS 1.1 cannot be configured, and the gap version ends up "
                "enabled.",
      fix="List every version between the lowest and highest, or raise the lowest.",
      passing="versions: [TLS1.2, TLS1.3]",
      failing="versions: [TLS1.0, TLS1.2]")
def version_holes(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        versions = view.versions
        missing = [v for v in facts.versions_between(versions[0], versions[-1]) if v not in versions]
        if missing:
            yield Issue(message=f"versions {facts.version_list(versions)} leave out {', '.join(missing)}: "
                                "OpenSSL and most stacks configure a minimum and a maximum version only, so "
                                f"{', '.join(missing)} would be enabled too; list a contiguous range",
                        path=view.at("versions"))


@rule(code="TLS017", title="Early data has TLS 1.3 and a PSK", severity=WARNING,
      refs=("RFC 8446 §4.2.10", "RFC 8446 §2.3"),
      rationale="0-RTT data exists only in TLS 1.3 and only on a handshake that uses a PSK (a resumption "
                "ticket or an external PSK).",
      fix="Set early_data: false, or enable TLS 1.3 with session tickets or PSK authentication.",
      passing="early_data: false",
      failing="versions: [TLS1.2]\nearly_data: true")
def early_data(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        profile = view.profile
        if not profile.early_data:
            continue
        if not view.has("TLS1.3"):
            yield Issue(message="early_data (0-RTT) exists only in TLS 1.3, which versions does not list",
                        path=view.at("early_data"))
        elif not profile.resumption.session_tickets and "psk" not in profile.authentication.methods:
            yield Issue(message="early_data (0-RTT) needs a PSK (RFC 8446 §4.2.10), but neither session "
                                "tickets nor psk authentication are enabled", path=view.at("early_data"))


_MAX_TICKET_LIFETIME_S = 604800


@rule(code="TLS018", title="Ticket lifetime within the TLS 1.3 limit", severity=ERROR,
      refs=("RFC 8446 §4.6.1",),
      rationale="A TLS 1.3 server must not announce a ticket lifetime above 604800 seconds (7 days).",
      fix="Set resumption.ticket_lifetime_s to 604800 or less (RFC 9325 §3.4 advises far less).",
      passing="resumption: {session_tickets: true, ticket_lifetime_s: 43200}",
      failing="resumption: {session_tickets: true, ticket_lifetime_s: 1209600}")
def ticket_lifetime(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        lifetime = view.profile.resumption.ticket_lifetime_s
        if lifetime is not None and lifetime > _MAX_TICKET_LIFETIME_S and view.has("TLS1.3"):
            yield Issue(message=f"ticket_lifetime_s {lifetime} exceeds 604800 s (7 days), the most a TLS 1.3 "
                                "server may announce (RFC 8446 §4.6.1)",
                        path=view.at("resumption", "ticket_lifetime_s"))


_PRE13_OPTIONS: tuple[tuple[tuple[str, str], str], ...] = (
    (("extensions", "encrypt_then_mac"),
     "RFC 7366 encrypt-then-MAC concerns the CBC suites of TLS 1.2 and older; TLS 1.3 protects every record "
     "with an AEAD cipher (RFC 8446 §5.2)"),
    (("extensions", "extended_master_secret"),
     "the RFC 7627 extended master secret mends the TLS 1.2 master secret; TLS 1.3's key schedule binds the "
     "handshake transcript by design (RFC 8446 §7.1)"),
    (("extensions", "truncated_hmac"),
     "RFC 6066 truncated HMAC shortens the MAC of TLS 1.2 and older records; TLS 1.3 records have no separate "
     "MAC (RFC 8446 §5.2)"),
    (("resumption", "session_ids"),
     "session-ID resumption exists in TLS 1.2 and older; TLS 1.3 resumes with PSKs from tickets only "
     "(RFC 8446 §2.2, §4.6.1)"),
)
"""TLS ≤ 1.2 options a TLS 1.3-only profile can leave out, with why each does not apply under TLS 1.3."""


def _turned_on(value: object) -> bool:
    return value is True or value in ("required", "supported")


@rule(code="TLS020", title="No TLS 1.2-only option in a TLS 1.3-only profile", severity=INFO,
      refs=("RFC 8446 §5.2", "RFC 8446 §7.1", "RFC 8446 §2.2", "RFC 7366", "RFC 7627", "RFC 6066 §7"),
      rationale="encrypt-then-MAC (RFC 7366), the extended master secret (RFC 7627), truncated HMAC (RFC 6066) "
                "and session-ID resumption exist only in TLS 1.2 and older. Turned on in a TLS 1.3-only "
                "profile they do no harm but say nothing the MG does, and suggest TLS 1.2 is offered. A note, "
                "not an error: removing them changes nothing.",
      fix="Remove the option (or list TLS1.2 in versions if TLS 1.2 was meant to be offered).",
      passing="versions: [TLS1.3]\nextensions: {server_name_indication: true}",
      failing="versions: [TLS1.3]\nextensions: {encrypt_then_mac: true, extended_master_secret: required}")
def pre13_options_in_tls13_only(loaded: LoadedProfile) -> Iterator[Issue]:
    for view in facts.profiles(loaded):
        if not view.tls13_only:
            continue
        for (block, name), why in _PRE13_OPTIONS:
            path = view.at(block, name)
            if stated(loaded, path) and _turned_on(getattr(getattr(view.profile, block), name)):
                yield Issue(message=f"{block}.{name} is stated, but the TLS profile offers TLS 1.3 only: {why}; "
                                    "it does not apply under TLS 1.3 and can be removed", path=path)


RULES: tuple[Rule, ...] = (
    unknown_suites, suite_without_version, version_without_suite, duplicates, renegotiation_tls13, compression,
    kerberos, md2_fingerprint, suite_certificate_key, anonymous_with_authentication, tls13_psk_modes,
    groups_for_suites, dhe_without_ffdhe, unusable_groups, key_types_without_sigalg, version_holes, early_data,
    ticket_lifetime, uncatalogued_suites, pre13_options_in_tls13_only,
)
"""Every rule this module declares, for the registry."""
