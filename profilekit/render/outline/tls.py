"""Clause 6 TLS for TCP bearers (H.248.TLSPROF): 6.1 mode of operation, 6.2 TLS profiles, 6.3 TLS domains,
6.4 authentication, 6.5 capability bindings, 6.6 TLS statistics, 6.7 auditing of TLS capabilities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from profilekit.applicability import applies
from profilekit.catalog.ciphers import lookup
from profilekit.catalog.display import capitalized, display, looks_like_path, versions_text
from profilekit.render.outline.builder import CAPABILITY_BINDINGS, DocumentBuilder, Location, section_location
from profilekit.render.outline.nodes import DASH, NOT_SPECIFIED, Inline, Paragraph, Run, Section, plain
from profilekit.render.outline.wording import (
    and_list,
    code_list,
    inline_code,
    inline_text,
    join_inline,
    value_or_dash,
    with_notes,
    word_list,
    yaml_scalar,
    yes_no,
)

if TYPE_CHECKING:
    from profilekit.model.tls import Authentication, Binding, TlsProfile

TERMINATION_REASONS = ("close_notify", "fatal_alert", "local_termination", "handshake_failure",
                       "renegotiation_failure", "tcp_closure")
"""The rows of the termination reasons table (6.5), in this order."""

AUDITED_CAPABILITIES = (("versions", "Supported TLS versions"), ("cipher_suites", "Supported cipher suites"),
                        ("compression", "Supported compression methods"),
                        ("resumption", "Session resumption support"),
                        ("renegotiation", "Renegotiation support"))
"""The rows of the auditable TLS capabilities table (6.7): capability_audit field, capability in words."""


def tls_clause(doc: DocumentBuilder) -> Section:
    """Clause 6 with its sub-clauses 6.1 to 6.7."""
    section = Section("6", "TLS for TCP bearers (H.248.TLSPROF)", 1)
    section.blocks.append(Paragraph(inline_text(
        "This clause states how the profile applies the guideline H.248.TLSPROF: the mode of operation "
        "of each termination type, the TLS profiles and TLS domains, authentication, and the package "
        "elements that realise each capability of the guideline.")))
    if doc.profile.tls.notes:
        doc.notes(section, doc.profile.tls.notes)
    section.children += [mode_of_operation_clause(doc), tls_profiles_clause(doc), tls_domains_clause(doc),
                         authentication_clause(doc), capability_bindings_clause(doc), tls_statistics_clause(doc),
                         capability_audit_clause(doc)]
    return section


def mode_of_operation_clause(doc: DocumentBuilder) -> Section:
    """6.1 Mode of operation: TCP mode, TCP and TLS roles and TLS domains per termination type."""
    section = Section("6.1", "Mode of operation", 2)
    doc.say(section, inline_text(
        "The MGC shall set the TCP mode, the TCP role and the TLS role of each stream endpoint; the MG shall "
        "apply the TLS role independently of the TCP role. In a context with a TLS endpoint the MG shall "
        "operate in TCP proxy mode."))
    rows = []
    for ttype in doc.profile.terminations.types:
        mode = ttype.mode
        if mode is None:
            rows.append((inline_code(ttype.id), inline_text("Not applicable (no TCP bearer)"), inline_text(DASH),
                         inline_text(DASH), inline_text(DASH)))
            continue
        rows.append((inline_code(ttype.id), inline_text(capitalized("tcp_mode", mode.tcp_mode)),
                     word_list(display("role", r) for r in mode.tcp_roles),
                     word_list(display("role", r) for r in mode.tls_roles) if mode.tls_roles
                     else inline_text("No TLS"),
                     code_list(mode.tls_domains)))
    section.blocks.append(doc.table("Mode of operation per termination type",
                                    ("Termination type", "TCP mode", "TCP roles", "TLS roles", "TLS domains"),
                                    rows, shown_as=("mode_of_operation",)))
    return section


def tls_profiles_clause(doc: DocumentBuilder) -> Section:
    """6.2 TLS profiles: 6.2.n one per TLS profile, in the profile's order, with its parameters, cipher
    suites and certificates tables."""
    section = Section("6.2", "TLS profiles", 2)
    section.blocks.append(Paragraph(inline_text(
        "Each TLS profile is a selection of TLS options; a TLS domain applies exactly one TLS profile. "
        "Cipher suites are listed in order of precedence, most preferred first.")))
    for index, tls_profile in enumerate(doc.profile.tls.profiles):
        profile_id = tls_profile.id
        title = tls_profile_title(doc, index)
        child = Section(f"6.2.{index + 1}", title, 3, extra_anchors=(f"tls-profile-{profile_id}",))
        if tls_profile.description:
            child.blocks.append(Paragraph(doc.prose(tls_profile.description)))
        doc.mark_tls_profile(profile_id, "clause", section_location(child))
        _baseline_note(doc, child, index)
        caption = f"TLS profile {index + 1}"
        tables = []
        parameters = doc.table(f"{caption}: parameters", ("Parameter", "Value"),
                               _parameter_rows(doc, tls_profile, index), shown_as=("tls_parameters",))
        doc.mark_tls_profile(profile_id, "parameters", Location(parameters.label, parameters.anchor))
        tables.append(parameters)
        rows = []
        for order, name in enumerate(tls_profile.cipher_suites, start=1):
            suite = lookup(name)
            if suite is None:
                rows.append((inline_text(str(order)), inline_code(name), inline_text("unknown"), inline_text(DASH)))
            else:
                rows.append((inline_text(str(order)), inline_code(suite.iana),
                             inline_text(f"0x{suite.code >> 8:02X},0x{suite.code & 0xFF:02X}"),
                             inline_code(suite.openssl) if suite.openssl else inline_text(DASH)))
        suites = doc.table(f"{caption}: cipher suites in order of precedence",
                           ("Order", "IANA name", "Code point", "OpenSSL name"), rows, shown_as=("cipher_suites",))
        doc.mark_tls_profile(profile_id, "cipher_suites", Location(suites.label, suites.anchor))
        tables.append(suites)
        if tls_profile.certificates is not None:
            certificates = tls_profile.certificates
            table = doc.table(
                f"{caption}: certificates", ("Item", "Value"),
                ((inline_text("Key types (minimum bits)"),
                  word_list(f"{display('key_type', k.type)} ({k.min_bits})" for k in certificates.key_types)),
                 (inline_text("Signature hashes"),
                  word_list(display("signature_hash", h) for h in certificates.signature_hashes)),
                 (inline_text("Maximum lifetime (days)"), value_or_dash(certificates.max_lifetime_days))))
            doc.mark_tls_profile(profile_id, "certificates", Location(table.label, table.anchor))
            tables.append(table)
        doc.say(child, *_tls_profile_statements(doc, index, suites.label))
        child.blocks.extend(tables)
        section.children.append(child)
    return section


def tls_profile_title(doc: DocumentBuilder, index: int) -> str:
    """The heading of TLS profile `index` (clause 6.2.n): the editor's `title`, else its number and versions;
    never its YAML id."""
    tls_profile = doc.profile.tls.profiles[index]
    if tls_profile.title:
        return " ".join(tls_profile.title.split())
    return f"TLS profile {index + 1} ({versions_text(tls_profile.versions)})"


ALL_VERSIONS = ("SSL3.0", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3")


def _tls_profile_statements(doc: DocumentBuilder, index: int, suites: str) -> list[Inline]:
    """The verbal forms of a TLS profile: the versions the MG shall negotiate and those it shall not, the
    cipher suites, 0-RTT (each only where the editor stated it)."""
    tls_profile = doc.profile.tls.profiles[index]
    versions = versions_text(tls_profile.versions)
    refused = [v for v in ALL_VERSIONS if v not in tls_profile.versions]
    statements: list[Inline] = [inline_text(
        f"In a TLS domain that applies this TLS profile, the MG shall support {versions}"
        + (f" and shall not negotiate {versions_text(refused).replace(' and ', ' or ')}." if refused else "."))]
    statements.append((Run("The MG shall offer and accept only the cipher suites of "),
                       Run(suites, link="table-" + suites.split()[-1].lower().replace(".", "-")),
                       Run(", and as TLS server shall choose among them in that order of precedence."
                           if tls_profile.server_preference and doc.stated("tls", "profiles", index,
                                                                           "server_preference") else ".")))
    if "TLS1.3" in tls_profile.versions and not tls_profile.early_data and doc.stated("tls", "profiles", index,
                                                                                      "early_data"):
        statements.append(inline_text("The MG shall not accept TLS 1.3 early data (0-RTT)."))
    return statements


def _baseline_note(doc: DocumentBuilder, section: Section, index: int) -> None:
    """A NOTE under TLS profile `index` counting the baseline findings against it (Appendix I.2 lists them)."""
    prefix = f"tls.profiles[{index}]"
    found = [f for f in doc.baseline_findings if f.suppressed is None
             and (f.yaml_path == prefix or f.yaml_path.startswith((prefix + ".", prefix + "[")))]
    if not found:
        return
    title = doc.baseline_title
    errors = sum(1 for f in found if f.severity.label == "error")
    what = f"{len(found)} finding{'s' if len(found) > 1 else ''}"
    if errors:
        what += f" ({errors} error{'s' if errors > 1 else ''})"
    against = f"the security baseline {title}" if title else "the cipher-suite precedence checks"
    section.blocks.append(Paragraph((Run(f"Checked against {against}, this TLS profile has {what}; see "),
                                     Run("clause I.2", link="clause-i-2"), Run(".")), kind="note"))


def _parameter_rows(doc: DocumentBuilder, tls_profile: TlsProfile, index: int) -> list[tuple[Inline, Inline]]:
    """The rows of a TLS profile's parameters table; a value the editor did not state says so."""
    renegotiation, resumption, extensions = (tls_profile.renegotiation, tls_profile.resumption,
                                             tls_profile.extensions)

    def said(*path: str) -> bool:
        return doc.stated("tls", "profiles", index, *path)

    def flag(name: str, value: bool) -> str:
        return yes_no(value).lower() if said("extensions", name) else NOT_SPECIFIED.lower()

    if renegotiation is None:
        renegotiation_text = ("not applicable: TLS 1.3 has no renegotiation (RFC 8446 §4.6.3: KeyUpdate "
                              "renews keys)" if set(tls_profile.versions) == {"TLS1.3"} else NOT_SPECIFIED.lower())
    elif renegotiation.supported:
        how = ["supported", "secure renegotiation only (RFC 5746)" if renegotiation.secure_only else "any"]
        if renegotiation.initiators:
            how.append("initiated by " + and_list(display("initiator", i) for i in renegotiation.initiators))
        if renegotiation.mgc_trigger:
            how.append("triggered by the MGC")
        renegotiation_text = "; ".join(how)
    else:
        renegotiation_text = "not supported"
    if renegotiation is not None:
        renegotiation_text = with_notes(renegotiation_text, renegotiation.notes)
    mechanisms = []
    if resumption.session_ids:
        mechanisms.append("session IDs")
    if resumption.session_tickets:
        mechanisms.append("session tickets")
    resumption_text = ", ".join(mechanisms) if mechanisms else "not supported"
    details = []
    if resumption.ticket_lifetime_s is not None:
        details.append(f"ticket lifetime {resumption.ticket_lifetime_s} s")
    if resumption.ticket_key_rotation_s is not None:
        details.append(f"ticket key rotated every {resumption.ticket_key_rotation_s} s")
    if resumption.tls13_psk_modes:
        details.append("TLS 1.3 PSK modes: " + ", ".join(display("psk_mode", m) for m in resumption.tls13_psk_modes))
    if details:
        resumption_text += " (" + "; ".join(details) + ")"
    resumption_text = with_notes(resumption_text, resumption.notes)
    master_secret = (display("extended_master_secret", extensions.extended_master_secret)
                     if said("extensions", "extended_master_secret")
                     else NOT_SPECIFIED.lower())
    extension_texts = [
        f"extended master secret: {master_secret}",
        f"encrypt-then-MAC: {flag('encrypt_then_mac', extensions.encrypt_then_mac)}",
        f"OCSP stapling: {flag('ocsp_stapling', extensions.ocsp_stapling)}",
        f"server name indication: {flag('server_name_indication', extensions.server_name_indication)}",
        f"truncated HMAC: {flag('truncated_hmac', extensions.truncated_hmac)}",
        f"heartbeat: {flag('heartbeat', extensions.heartbeat)}"]
    early = (("accepted" if tls_profile.early_data else "not accepted") if said("early_data")
             else NOT_SPECIFIED)
    rows: list[tuple[Inline, Inline]] = [
        (inline_text("TLS versions"), word_list(display("tls_version", v) for v in tls_profile.versions)),
        (inline_text("Server applies its own cipher-suite order"),
         inline_text(yes_no(tls_profile.server_preference) if said("server_preference") else NOT_SPECIFIED)),
        (inline_text("Compression methods"),
         word_list(display("compression", method) for method in tls_profile.compression)),
        (inline_text("Renegotiation"), inline_text(renegotiation_text)),
        (inline_text("Session resumption"), inline_text(resumption_text)),
        (inline_text("Key-exchange groups (preference order)"), code_list(tls_profile.groups)),
        (inline_text("Signature algorithms (preference order)"), code_list(tls_profile.signature_algorithms)),
        (inline_text("Extensions"), inline_text("; ".join(extension_texts))),
        (inline_text("TLS 1.3 early data (0-RTT)"), inline_text(early)),
    ]
    if tls_profile.performance is not None:
        performance = tls_profile.performance
        parts = []
        if performance.max_handshakes_per_second is not None:
            parts.append(f"up to {performance.max_handshakes_per_second} handshakes per second")
        if performance.max_sessions is not None:
            parts.append(f"up to {performance.max_sessions} sessions")
        text = with_notes("; ".join(parts), performance.notes) or DASH
        rows.append((inline_text("Performance and resources"), inline_text(text)))
    return rows


def tls_domains_clause(doc: DocumentBuilder) -> Section:
    """6.3 TLS domains."""
    section = Section("6.3", "TLS domains", 2)
    doc.say(section, inline_text(
        "The MGC shall select the TLS domain when it creates a TLS endpoint; the MG shall then apply the "
        "domain's TLS profile and authenticate with the domain's certificate."))
    indexes = {p.id: i for i, p in reversed(list(enumerate(doc.profile.tls.profiles)))}
    rows = []
    for domain in doc.profile.tls.domains:
        index = indexes.get(domain.tls_profile)
        profile_cell = (Run(f"TLS profile {index + 1} (clause 6.2.{index + 1})",
                            link=f"clause-6-2-{index + 1}"),) if index is not None else inline_code(domain.tls_profile)
        certificate = domain.certificate
        certificate_cell = (inline_text(DASH) if not certificate else
                            inline_text("Provisioned in the MG for this domain") if looks_like_path(certificate)
                            else inline_text(certificate))
        rows.append((inline_code(domain.name), profile_cell, certificate_cell,
                     value_or_dash(domain.server_name), word_list(list(domain.trust_anchors)),
                     value_or_dash(domain.trusted_third_party), doc.prose_or_dash(domain.description)))
    section.blocks.append(doc.table("TLS domains", ("TLS domain", "TLS profile", "Certificate", "Server name (SNI)",
                                                    "Extra trust anchors", "Trusted third party", "Description"),
                                    rows, shown_as=("tls_domains",)))
    return section


_AUTHENTICATES = {"required": "shall authenticate", "optional": "may authenticate"}


def _authentication_statement(index: int, auth: Authentication, table: str) -> Inline:
    """Who shall authenticate whom in TLS profile `index`, and what happens when authentication fails."""
    parts = []
    for verifier, peer, requirement in (("TLS client", "TLS server", auth.server),
                                        ("TLS server", "TLS client", auth.client)):
        if requirement == "none":
            parts.append(f"the {peer} is not authenticated")
        else:
            parts.append(f"the {verifier} {_AUTHENTICATES[requirement]} the {peer}")
    failure = {"terminate": "when authentication fails, the MG shall terminate the TLS session",
               "continue": "when authentication fails, the MG may continue the TLS session",
               "continue_if": "when authentication fails, the MG shall terminate the TLS session unless one "
                              f"of the conditions listed in {table} holds"}[auth.on_failure]
    return (Run(f"TLS profile {index + 1} ("), Run(f"clause 6.2.{index + 1}", link=f"clause-6-2-{index + 1}"),
            Run(f"): {parts[0]}; {parts[1]}; {failure}."))


def authentication_clause(doc: DocumentBuilder) -> Section:
    """6.4 Authentication: who authenticates whom (verbal forms), then one table per TLS profile."""
    section = Section("6.4", "Authentication", 2)
    statements: list[Inline] = []
    tables = []
    for index, tls_profile in enumerate(doc.profile.tls.profiles):
        auth = tls_profile.authentication
        rows: list[tuple[Inline, Inline]] = [
            (inline_text("Methods"), word_list(capitalized("auth_method", m) for m in auth.methods)),
            (inline_text("Conditions for continuing"),
             word_list(auth.continue_conditions) if auth.continue_conditions else inline_text(DASH)),
            (inline_text("Fingerprint hash"),
             inline_text(display("fingerprint_hash", auth.fingerprint_hash)) if auth.fingerprint_hash
             else inline_text(DASH)),
            (inline_text("Trust anchors"), word_list(auth.trust_anchors)),
        ]
        if auth.psk is not None:
            psk = auth.psk
            text = (f"identity up to {psk.identity_max_octets} octets; identity hint "
                    f"{'sent' if psk.identity_hint else 'not sent'}")
            if psk.min_key_octets is not None:
                text += f"; keys of at least {psk.min_key_octets} octets"
            text = with_notes(text, psk.notes)
            rows.append((inline_text("Pre-shared keys"), inline_text(text)))
        if auth.trusted_third_party is not None:
            ttp = auth.trusted_third_party
            rows.append((inline_text("Trusted third party"),
                         inline_text(f"{ttp.kind}, selected {display('ttp_selection', ttp.selection)}")))
        rows = [row for row in rows if plain(row[1]) != DASH]
        table = doc.table(f"TLS profile {index + 1}: authentication", ("Item", "Value"), rows,
                          shown_as=("authentication",))
        doc.mark_tls_profile(tls_profile.id, "authentication", Location(table.label, table.anchor))
        statements.append(_authentication_statement(index, auth, table.label))
        tables.append(table)
    doc.say(section, *statements)
    section.blocks.extend(tables)
    return section


_MEANINGS = {"tls_role": "TLS {}", "tcp_role": "TCP {}", "tcp_mode": "{} mode"}
"""How a binding's value meanings read ("client" of the TLS role binding is "TLS client")."""


def _binding_values(name: str, binding: Binding) -> Inline:
    """A binding's values: what each value means ("TLS client") and the property value, in code, after it."""
    parts: list[Inline] = []
    for key, value in binding.values.items():
        meaning = _MEANINGS.get(name, "{}").format(str(key).replace("_", " "))
        parts.append((Run(f"{meaning}: "), Run(str(yaml_scalar(value)), code=True)))
    runs = join_inline(parts)
    if binding.notes:
        note = with_notes("", binding.notes)
        runs = (*runs, Run((". " if runs else "") + note)) if runs else inline_text(note)
    return runs if runs else inline_text(DASH)


def capability_bindings_clause(doc: DocumentBuilder) -> Section:
    """6.5 Capability bindings: the package element that realises each capability, and the termination
    reasons the TLS session termination event reports."""
    section = Section("6.5", "Capability bindings", 2)
    bindings = doc.profile.tls.bindings
    section.blocks.append(Paragraph(inline_text(
        "Each capability of the guideline is realised by an element of one of the profile's packages.")))
    rows = []
    for name, what, refs in CAPABILITY_BINDINGS:
        binding = getattr(bindings, name)
        if binding is None:
            rows.append((inline_text(what), inline_text("Not bound"), inline_text(DASH), inline_text(refs)))
        else:
            rows.append((inline_text(what), doc.element_cell(binding.element), _binding_values(name, binding),
                         inline_text(refs)))
    section.blocks.append(doc.table("Capability bindings", ("Capability", "Package element", "Values", "Guideline"),
                                    rows, shown_as=("capability_bindings",)))
    event = bindings.tls_termination_event
    if event is not None:
        reason_rows = []
        for reason in TERMINATION_REASONS:
            value = event.reasons.get(reason)  # type: ignore[call-overload]
            reason_rows.append((inline_text(capitalized("termination_reason", reason)),
                                inline_code(f"{event.reason_parameter} = {value}") if value is not None
                                else inline_text("Not reported")))
        section.blocks.append(doc.table("TLS session termination reasons reported by the termination event",
                                        ("Reason", "ObservedEvents parameter"), reason_rows,
                                        shown_as=("termination_reasons",)))
    return section


def tls_statistics_clause(doc: DocumentBuilder) -> Section:
    """6.6 TLS statistics: the statistics the MG shall collect, each pointing at the package table that
    defines it (the definitions are not repeated here)."""
    section = Section("6.6", "TLS statistics", 2)
    statistics = doc.profile.tls.bindings.statistics
    if not statistics:
        doc.say(section, inline_text("This profile lists no TLS statistics."))
        return section
    doc.say(section, inline_text(
        "The MG shall collect the following statistics per stream endpoint; the MGC may retrieve them with "
        "AuditValue and in the reply to Subtract."))
    for binding in statistics:
        runs: list[Run] = list(doc.element_cell(binding.element)[:1])
        found = doc.resolve(binding.element)
        if found is not None and getattr(found[1], "name", None):
            runs.append(Run(f" – {found[1].name}"))
        where = doc.package_tables.get(binding.element.partition("/")[0] + "/statistics")
        if where is not None:
            runs += [Run(" ("), Run(where.label, link=where.anchor), Run(")")]
        if binding.notes:
            runs.append(Run(". " + " ".join(binding.notes.split())))
        section.blocks.append(Paragraph(tuple(runs), kind="item"))
    first = doc.package_tables.get(statistics[0].element.partition("/")[0] + "/statistics")
    if first is not None:
        doc.mark("tls_statistics", first)
    doc.mark("tls_statistics", section_location(section))
    return section


def capability_audit_clause(doc: DocumentBuilder) -> Section:
    """6.7 Auditing of TLS capabilities."""
    section = Section("6.7", "Auditing of TLS capabilities", 2)
    audit = doc.profile.tls.bindings.capability_audit
    doc.say(section, inline_text(
        "The MG shall report its TLS capabilities in the read-only properties of the following table; the MGC "
        "may audit them with AuditCapabilities or AuditValue."))
    rows = []
    tls13_only = not applies("pre_tls13", doc.loaded)
    for name, what in AUDITED_CAPABILITIES:
        binding = getattr(audit, name) if audit is not None else None
        if binding is not None:
            cell = doc.element_cell(binding.element)
        elif name == "renegotiation" and tls13_only:  # GL530 asks for none: there is nothing to audit
            cell = inline_text("Not applicable: TLS 1.3 has no renegotiation (KeyUpdate renews its keys)")
        else:
            cell = inline_text("Not bound")
        rows.append((inline_text(what), cell))
    section.blocks.append(doc.table("Auditable TLS capabilities", ("Capability", "Property"), rows,
                                    shown_as=("capability_audit",)))
    return section
