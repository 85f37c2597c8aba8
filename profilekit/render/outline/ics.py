"""Annex A: the implementation conformance statement (ICS) proforma an implementer of the profile fills in.

Generated from the profile, in the form of ISO/IEC 9646-7 and ETSI EG 201 058 (ETSI TS 101 889-1 is one for
an H.248 profile): identification and global statement first, then tables of items (Item | Description |
Reference | Status | Support), grouped by role (MG, MGC) and area. Each item's status follows from the
model, never from a finding: mandatory → m, optional → o, a choice of which at least one is needed → o.N,
dependent on another item → c.N (the condition written out under the table), not used or excluded by the
profile → x, not applicable to this profile → n/a.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from profilekit.catalog.display import DISPLAY
from profilekit.model.clauses import COMMANDS, CommandUse
from profilekit.model.profile import TEMPLATE_CLAUSES
from profilekit.model.tls import TLS_VERSIONS, TlsProfile
from profilekit.render.outline.builder import CAPABILITY_BINDINGS, DocumentBuilder
from profilekit.render.outline.nodes import DASH, Inline, Paragraph, Run, Section, Table, plain
from profilekit.render.outline.wording import inline_code, inline_text

SUPPORT_BLANK = "Yes [ ]  No [ ]"
"""The Support cell the implementer ticks; items with status n/a or i expect no answer."""

STATUS_CODES: tuple[tuple[str, str], ...] = (
    ("m", "mandatory: the capability shall be supported"),
    ("o", "optional: the capability may be supported"),
    ("o.N", "qualified optional: at least one of the items marked with the same o.N shall be supported"),
    ("c.N", "conditional: the status depends on condition N, written out below the table"),
    ("x", "excluded: the capability shall not be supported (or shall not be used) in this profile"),
    ("n/a", "not applicable: the capability does not arise in this profile, no answer is expected"),
    ("i", "irrelevant: the capability is outside the scope of this profile, no answer is expected"),
)

VERSION_WORDS = DISPLAY["tls_version"]
ENCODING_WORDS = DISPLAY["encoding"]
TRANSPORT_WORDS = DISPLAY["control_transport"]
# The ICS item wording where it differs from the display catalogue's names (a phrase completing "Authentication
# with …", "Protection of the control link with …", a TCP mode named with its kind):
AUTH_METHOD_WORDS = {
    "certificate_ca_signed": "CA-signed certificates",
    "certificate_self_signed": "self-signed certificates verified by fingerprint",
    "psk": "pre-shared keys",
    "trusted_third_party": "a trusted third-party service",
    "none": "no authentication (anonymous)",
}
CONTROL_LINK_WORDS = {"ipsec": "IPsec", "tls": "TLS", "dtls": "DTLS"}
TCP_MODE_WORDS = {"proxy_application_agnostic": "TCP proxy mode, application-agnostic",
                  "proxy_application_aware": "TCP proxy mode, application-aware", "relay": "TCP relay mode"}
COMPRESSION_WORDS = {"null": "null compression (none)", "deflate": "DEFLATE compression", "lzs": "LZS compression"}
EXTENSION_ITEMS = (("extended_master_secret", "extended master secret"),
                   ("encrypt_then_mac", "encrypt-then-MAC"),
                   ("ocsp_stapling", "OCSP stapling (certificate status request)"),
                   ("server_name_indication", "server name indication"),
                   ("truncated_hmac", "truncated HMAC"),
                   ("heartbeat", "heartbeat"))
ELEMENT_KINDS = (("properties", "property"), ("events", "event"), ("signals", "signal"),
                 ("statistics", "statistic"))


@dataclass(frozen=True)
class Item:
    """One row of an ICS table before it is numbered."""

    description: Inline
    reference: str
    status: str
    key: str = ""
    """A name other items' conditions refer to (e.g. `package:tlsbsc`); empty when none does."""


@dataclass
class Ics:
    """The state of one proforma: item numbers by key, the c.N and o.N counters."""

    doc: DocumentBuilder
    references: dict[str, str]
    """Anchor of a clause (`clause-5-8-1`, `package-tlsbsc`) → its number, for the Reference column."""
    item_ids: dict[str, str] = field(default_factory=dict)
    conditions: int = 0
    options: int = 0

    def ref(self, anchor: str, fallback: str) -> str:
        return self.references.get(anchor, fallback)

    def condition(self, key: str, then: str = "m", otherwise: str = "n/a") -> tuple[str, str]:
        """A new c.N status for an item that follows the item recorded under `key`, and its text."""
        self.conditions += 1
        code = f"c.{self.conditions}"
        return code, f"IF {self.item_ids[key]} THEN {then} ELSE {otherwise}"

    def option_group(self) -> str:
        self.options += 1
        return f"o.{self.options}"

    def table(self, section: Section, caption: str, items: Sequence[Item], *,
              conditions: Sequence[tuple[str, str]] = (), prerequisite: str | None = None) -> None:
        """A numbered ICS table under `section`, with its prerequisite line above it and its conditions and
        qualified-option groups written out below it."""
        if not items:
            return
        number = f"A.{self.doc.annex_table_count.get('A', 0) + 1}"
        if prerequisite and not any(isinstance(b, Paragraph) and plain(b.runs).startswith("Prerequisite")
                                    for b in section.blocks):
            section.blocks.append(Paragraph((Run("Prerequisite: ", bold=True), Run(
                f"{prerequisite}; every table of clause {section.number} applies only to such an implementation."))))
        rows = []
        for index, item in enumerate(items, start=1):
            item_id = f"{number}/{index}"
            if item.key:
                self.item_ids[item.key] = item_id
            answer = DASH if item.status in ("n/a", "i") else SUPPORT_BLANK
            rows.append((inline_text(item_id), item.description, inline_text(item.reference),
                         inline_text(item.status), inline_text(answer)))
        section.blocks.append(self.doc.table(caption, ("Item", "Description", "Reference", "Status", "Support"),
                                             rows, annex="A"))
        groups = sorted({item.status for item in items if item.status.startswith("o.")},
                        key=lambda code: int(code[2:]))
        for code, text in conditions:
            section.blocks.append(Paragraph((Run(code), Run(text)), kind="entry"))
        for code in groups:
            section.blocks.append(Paragraph((Run(code), Run(
                "at least one of the items marked " + code + " shall be supported.")), kind="entry"))


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _choice(values: Sequence[str], known: Iterable[str], ics: Ics) -> dict[str, str]:
    """Statuses of a set of alternatives (`known`) of which the profile lists `values`: the only one listed
    is m, several listed form a qualified option o.N, the others are x."""
    listed = [v for v in known if v in values]
    group = ics.option_group() if len(listed) > 1 else "m"
    return {value: (group if value in listed else "x") for value in known}


def _status(support: str) -> str:
    return {"mandatory": "m", "optional": "o", "not_used": "x", "required": "m", "supported": "o",
            "none": "x", "off": "x"}[support]


def _clause(number: int) -> str:
    return f"5.{number}"


TEMPLATE_NUMBER = {field_name: number for number, _, field_name in TEMPLATE_CLAUSES}


def ics_annex(doc: DocumentBuilder, sections: Sequence[Section]) -> Section:
    """Annex A: the ICS proforma of the profile built in `sections` (their numbers fill the Reference column)."""
    references: dict[str, str] = {}
    for top in sections:
        for section in top.walk():
            references[section.anchor] = section.number
            for extra in section.extra_anchors:
                references[extra] = section.number
    ics = Ics(doc=doc, references=references)
    annex = Section("A", "Implementation conformance statement (ICS) proforma", 1, annex=True)
    annex.blocks.append(Paragraph(inline_text("(This annex forms an integral part of this Recommendation.)"),
                                  kind="centred"))
    annex.children.append(_introduction(doc))
    annex.children.append(_identification(doc))
    roles = Section("A.3", "Roles", 2)
    group = ics.option_group()
    ics.table(roles, "Roles", (
        Item(inline_text("Media gateway (MG) implementing this profile"), "5", group, key="role:MG"),
        Item(inline_text("Media gateway controller (MGC) implementing this profile"), "5", group, key="role:MGC"),
    ))
    annex.children.append(roles)
    annex.children.append(_mg_capabilities(ics))
    annex.children.append(_mgc_capabilities(ics))
    return annex


def _introduction(doc: DocumentBuilder) -> Section:
    ident = doc.profile.identification
    section = Section("A.1", "Introduction and instructions", 2)
    section.blocks.append(Paragraph(inline_text(
        f"The supplier of an implementation claiming conformance to the profile {ident.name} version "
        f"{ident.version} shall complete the following implementation conformance statement (ICS) proforma. "
        "An ICS states which capabilities and options of the profile the implementation supports.")))
    section.blocks.append(Paragraph(inline_text(
        "Users of this Recommendation may freely reproduce the ICS proforma in this annex so that it can be "
        "used for its intended purpose, and may further publish the completed ICS.")))
    section.blocks.append(Paragraph(inline_text(
        "Each table gives, for every item, its description, the clause of this Recommendation that specifies "
        "it (Reference) and its status in this profile. The implementer answers each item in the Support "
        "column with Yes or No; items with the status n/a or i need no answer. The status codes are:")))
    section.blocks.extend(Paragraph((Run(code), Run(meaning)), kind="entry") for code, meaning in STATUS_CODES)
    section.blocks.append(Paragraph(inline_text(
        "A prerequisite line above a table names the item that shall be supported for the table to apply; when "
        "it is not supported, the table is not answered. An item identifier such as A.5/3 denotes row 3 of "
        "Table A.5."), kind="note"))
    return section


def _identification(doc: DocumentBuilder) -> Section:
    ident = doc.profile.identification
    section = Section("A.2", "Identification and global statement of conformance", 2)
    blank = inline_text("")
    section.blocks.append(doc.table("Identification of the implementation", ("Item", "To be completed"), (
        (inline_text("Supplier (organization)"), blank),
        (inline_text("Contact (name, telephone, e-mail)"), blank),
        (inline_text("Implementation name"), blank),
        (inline_text("Implementation version"), blank),
        (inline_text("Hardware, operating system and TLS library (where relevant)"), blank),
        (inline_text("Date of the statement"), blank),
    ), annex="A", form=True))
    based_on = ident.based_on
    rows: list[tuple[Inline, Inline]] = [
        (inline_text("Profile name and version (as in ServiceChangeProfile)"),
         inline_code(f"{ident.name}/{ident.version}")),
        (inline_text("Title"), inline_text(ident.title)),
        (inline_text("Date of this version"), inline_text(ident.date.isoformat())),
        (inline_text("Responsible body"), inline_text(ident.body)),
    ]
    if based_on is not None:
        rows.append((inline_text("Based on"), inline_code(f"{based_on.name}/{based_on.version}")))
    section.blocks.append(doc.table("Identification of the profile", ("Item", "Value"), rows, annex="A"))
    section.blocks.append(Paragraph((Run("Global statement of conformance. ", bold=True), Run(
        "Are all mandatory capabilities (status m, and c.N items whose condition gives m) supported? "
        "Yes [ ]  No [ ]"))))
    section.blocks.append(Paragraph(inline_text(
        "Answering No means that the implementation does not conform to this profile; the supplier shall "
        "then state, for each mandatory item not supported, why it is not supported."), kind="note"))
    return section


def _protocol_items(ics: Ics) -> list[Item]:
    profile = ics.doc.profile
    clause = TEMPLATE_NUMBER
    items = [Item(inline_text(f"H.248.1 version {profile.protocol_version.version}"),
                  _clause(clause["protocol_version"]), "m")]
    encodings = _choice(profile.encoding.formats, ("text", "binary"), ics)
    items += [Item(inline_text(_upper_first(ENCODING_WORDS[value])), _clause(clause["encoding"]), status)
              for value, status in encodings.items()]
    transports = _choice(profile.transport.protocols, TRANSPORT_WORDS, ics)
    items += [Item(inline_text(f"{TRANSPORT_WORDS[value]} transport of the control link"),
                   _clause(clause["transport"]), status) for value, status in transports.items()]
    items.append(Item(inline_text("Segmentation of messages (H.248.1 Annex D, SegmentReply)"),
                      _clause(clause["transport"]), "m" if profile.transport.segmentation else "x"))
    link = profile.security.control_link
    if link != "none":
        items.append(Item(inline_text(f"Protection of the control link with {CONTROL_LINK_WORDS[link]}"),
                          _clause(clause["security"]), "m"))
    return items


def _command_items(ics: Ics, *, mgc: bool) -> list[Item]:
    items = []
    used: dict[str, CommandUse] = {c.command: c for c in ics.doc.profile.commands}
    for index, command in enumerate(COMMANDS, start=1):
        entry = used.get(command)
        reference = ics.ref(f"clause-5-8-{index}", _clause(TEMPLATE_NUMBER["commands"]))
        if entry is None:
            items.append(Item(inline_text(f"{command} command"), reference, "n/a"))
            continue
        sends_mgc = entry.direction in ("MGC_to_MG", "both")
        sends_mg = entry.direction in ("MG_to_MGC", "both")
        if mgc:
            verb = "sent" if sends_mgc else "received"
            text = f"{command} command {verb} by the MGC" if not (sends_mgc and sends_mg) else \
                f"{command} command, sent and received by the MGC"
        else:
            verb = "sent" if sends_mg else "received"
            text = f"{command} command {verb} by the MG" if not (sends_mgc and sends_mg) else \
                f"{command} command, sent and received by the MG"
        items.append(Item(inline_text(text), reference, "m" if entry.used else "x"))
    return items


def _descriptor_items(ics: Ics) -> list[Item]:
    reference = _clause(TEMPLATE_NUMBER["descriptors"])
    return [Item(inline_text(f"{d.descriptor} descriptor"), reference, _status(d.support))
            for d in ics.doc.profile.descriptors]


def _context_attribute_items(ics: Ics) -> list[Item]:
    reference = _clause(TEMPLATE_NUMBER["context_attributes"])
    return [Item(inline_text(f"Context attribute {a.name}"), reference, "m" if a.supported else "x")
            for a in ics.doc.profile.context_attributes.attributes]


def _package_items(ics: Ics, role: str) -> list[Item]:
    items = []
    for entry in ics.doc.profile.packages:
        package_id = str(getattr(entry, "use", None) or getattr(entry, "id", ""))
        record = ics.doc.loaded.packages.get(package_id)
        if record is None:
            continue
        package = record.package
        items.append(Item((Run(f"{package.name} package ("), Run(package_id, code=True),
                           Run(f", version {package.version})")),
                          ics.ref(f"package-{package_id}", _clause(TEMPLATE_NUMBER["packages"])),
                          _status(entry.support), key=f"{role}:package:{package_id}"))
    return items


def _package_element_tables(ics: Ics, section: Section, role: str, prerequisite: str) -> None:
    """One table per package: its properties, events, signals and statistics (supporting a package means
    supporting all its elements, H.248.1 clause 12)."""
    for entry in ics.doc.profile.packages:
        package_id = str(getattr(entry, "use", None) or getattr(entry, "id", ""))
        record = ics.doc.loaded.packages.get(package_id)
        key = f"{role}:package:{package_id}"
        if record is None or key not in ics.item_ids:
            continue
        package = record.package
        conditions: list[tuple[str, str]] = []
        if entry.support == "mandatory":
            status = "m"
        else:
            status, text = ics.condition(key)
            conditions.append((status, text))
        reference = ics.ref(f"package-{package_id}", _clause(TEMPLATE_NUMBER["packages"]))
        items = []
        for attr, kind in ELEMENT_KINDS:
            for element in getattr(package, attr):
                name = getattr(element, "name", None)
                items.append(Item((Run(f"{_upper_first(kind)} "), Run(f"{package_id}/{element.id}", code=True),
                                   *((Run(f" ({name})"),) if name else ())), reference, status))
        ics.table(section, f"{role}: elements of the package {package_id}", items, conditions=conditions,
                  prerequisite=prerequisite)


def _mg_capabilities(ics: Ics) -> Section:
    doc = ics.doc
    profile = doc.profile
    section = Section("A.4", "Capabilities of the MG", 2)
    prerequisite = f"{ics.item_ids['role:MG']} – MG implementing this profile"
    ics.table(section, "MG: protocol, encoding and transport", _protocol_items(ics),
              prerequisite=prerequisite)
    ics.table(section, "MG: commands", _command_items(ics, mgc=False), prerequisite=prerequisite)
    ics.table(section, "MG: descriptors", _descriptor_items(ics), prerequisite=prerequisite)
    ics.table(section, "MG: context attributes", _context_attribute_items(ics), prerequisite=prerequisite)
    terminations = [Item((Run("Termination type "), Run(t.id, code=True), Run(f" ({t.kind}, TerminationID "),
                          Run(t.naming_pattern, code=True), Run(")")),
                         _clause(TEMPLATE_NUMBER["terminations"]), "m") for t in profile.terminations.types]
    ics.table(section, "MG: termination types", terminations, prerequisite=prerequisite)
    ics.table(section, "MG: packages", _package_items(ics, "MG"), prerequisite=prerequisite)
    _package_element_tables(ics, section, "MG", prerequisite)
    sdp = [Item(inline_code(e.element), _clause(TEMPLATE_NUMBER["sdp_mandatory"]), "m")
           for e in profile.sdp_mandatory]
    sdp += [Item(inline_code(e.element), _clause(TEMPLATE_NUMBER["sdp_optional"]), "o")
            for e in profile.sdp_optional]
    ics.table(section, "MG: SDP and H.248.1 Annex C information elements", sdp, prerequisite=prerequisite)
    _tls_operation(ics, section, prerequisite)
    for tls_profile in profile.tls.profiles:
        _tls_profile_table(ics, section, tls_profile, prerequisite)
    _binding_table(ics, section, prerequisite, mgc=False)
    return section


def _tls_operation(ics: Ics, section: Section, prerequisite: str) -> None:
    """TCP modes, TCP and TLS roles, TLS domains."""
    profile = ics.doc.profile
    modes = [t.mode for t in profile.terminations.types if t.mode is not None]
    mode_ref = ics.ref("clause-6-1", "6.1")
    items = [Item(inline_text(_upper_first(words)), mode_ref,
                  "m" if any(m.tcp_mode == value for m in modes) else "x")
             for value, words in TCP_MODE_WORDS.items()]
    for kind, attr in (("TCP", "tcp_roles"), ("TLS", "tls_roles")):
        for role in ("client", "server"):
            items.append(Item(inline_text(f"{kind} {role} role of a stream endpoint, as the MGC sets it"), mode_ref,
                              "m" if any(role in getattr(m, attr) for m in modes) else "x"))
    domain_ref = ics.ref("clause-6-3", "6.3")
    for domain in profile.tls.domains:
        items.append(Item((Run("TLS domain "), Run(domain.name, code=True), Run(", applying the TLS profile "),
                           Run(domain.tls_profile, code=True)), domain_ref, "m"))
    ics.table(section, "MG: mode of operation, roles and TLS domains", items, prerequisite=prerequisite)


def _tls_profile_table(ics: Ics, section: Section, tls_profile: TlsProfile, prerequisite: str) -> None:
    """The TLS versions, cipher suites, groups, signature algorithms, authentication and options of one TLS
    profile: listed → m, known but not listed → x (the MG shall not negotiate them in this profile)."""
    doc = ics.doc
    location = doc.tls_profile_locations.get((tls_profile.id, "clause"))
    reference = location.label if location is not None else "6.2"
    auth_location = doc.tls_profile_locations.get((tls_profile.id, "authentication"))
    auth_reference = ics.ref("clause-6-4", "6.4") if auth_location is not None else reference
    items: list[Item] = []
    tls13 = "TLS1.3" in tls_profile.versions
    pre13 = any(v != "TLS1.3" for v in tls_profile.versions)
    for version in TLS_VERSIONS:
        items.append(Item(inline_text(VERSION_WORDS[version]), reference,
                          "m" if version in tls_profile.versions else "x"))
    for suite in tls_profile.cipher_suites:
        items.append(Item((Run("Cipher suite "), Run(suite, code=True)), reference, "m"))
    for method in ("null", "deflate", "lzs"):
        items.append(Item(inline_text(_upper_first(COMPRESSION_WORDS[method])), reference,
                          "m" if method in tls_profile.compression else "x"))
    for group in tls_profile.groups:
        items.append(Item((Run("Key-exchange group "), Run(group, code=True)), reference, "m"))
    for scheme in tls_profile.signature_algorithms:
        items.append(Item((Run("Signature algorithm "), Run(scheme, code=True)), reference, "m"))
    renegotiation = "n/a" if not pre13 else ("m" if tls_profile.renegotiates else "x")
    items.append(Item(inline_text("Renegotiation of security parameters (TLS 1.2 and earlier; TLS 1.3 has "
                                  "none, KeyUpdate renews its keys)"), reference, renegotiation))
    resumption = tls_profile.resumption
    items.append(Item(inline_text("Session resumption with session IDs (TLS 1.2 and earlier)"), reference,
                      "n/a" if not pre13 else ("m" if resumption.session_ids else "x")))
    items.append(Item(inline_text("Session resumption with session tickets (TLS 1.3: resumption PSKs)"),
                      reference, "m" if resumption.session_tickets else "x"))
    items.append(Item(inline_text("TLS 1.3 early data (0-RTT)"), reference,
                      "n/a" if not tls13 else ("m" if tls_profile.early_data else "x")))
    extensions = tls_profile.extensions
    for attr, words in EXTENSION_ITEMS:
        value = getattr(extensions, attr)
        status = _status(value) if isinstance(value, str) else ("m" if value else "x")
        if attr in ("encrypt_then_mac", "truncated_hmac") and not pre13:
            status = "n/a"  # CBC and HMAC truncation do not exist in TLS 1.3
        items.append(Item(inline_text(f"Extension: {words}"), reference, status))
    auth = tls_profile.authentication
    levels = {"required": "m", "optional": "o", "none": "x"}
    items.append(Item(inline_text("Authentication of the TLS server"), auth_reference, levels[auth.server]))
    items.append(Item(inline_text("Authentication of the TLS client (client certificate or credential requested "
                                  "and verified)"), auth_reference, levels[auth.client]))
    for method, words in AUTH_METHOD_WORDS.items():
        items.append(Item(inline_text(f"Authentication with {words}"), auth_reference,
                          "m" if method in auth.methods else "x"))
    if auth.fingerprint_hash:
        items.append(Item((Run("Certificate fingerprints computed with "), Run(auth.fingerprint_hash, code=True)),
                          auth_reference, "m"))
    # named by its clause: the caption reads as a title, not a YAML id
    ics.table(section, f"MG: the TLS profile of clause {reference}", items, prerequisite=prerequisite)


def _binding_table(ics: Ics, section: Section, prerequisite: str, *, mgc: bool) -> None:
    """The package elements that realise the guideline's capabilities (bound → m, not bound → n/a)."""
    bindings = ics.doc.profile.tls.bindings
    reference = ics.ref("clause-6-5", "6.5")
    items = []
    for name, words, _ in CAPABILITY_BINDINGS:
        binding = getattr(bindings, name)
        if binding is None:
            items.append(Item(inline_text(f"{words} (not bound in this profile)"), reference, "n/a"))
        else:
            items.append(Item((Run(f"{words} with "), Run(binding.element, code=True)), reference, "m"))
    statistics_ref = ics.ref("clause-6-6", "6.6")
    for binding in bindings.statistics:
        lead = "Retrieval of the statistic " if mgc else "Collection of the statistic "
        items.append(Item((Run(lead), Run(binding.element, code=True)), statistics_ref, "m"))
    audit = bindings.capability_audit
    if audit is not None:
        audit_ref = ics.ref("clause-6-7", "6.7")
        for attr in ("versions", "cipher_suites", "compression", "resumption", "renegotiation"):
            binding = getattr(audit, attr)
            if binding is not None:
                lead = "Audit of the read-only property " if mgc else "Read-only capability property "
                items.append(Item((Run(lead), Run(binding.element, code=True)), audit_ref, "m"))
    role = "MGC" if mgc else "MG"
    ics.table(section, f"{role}: capability bindings (H.248.TLSPROF)", items, prerequisite=prerequisite)


def _mgc_capabilities(ics: Ics) -> Section:
    section = Section("A.5", "Capabilities of the MGC", 2)
    prerequisite = f"{ics.item_ids['role:MGC']} – MGC implementing this profile"
    ics.table(section, "MGC: protocol, encoding and transport", _protocol_items(ics),
              prerequisite=prerequisite)
    ics.table(section, "MGC: commands", _command_items(ics, mgc=True), prerequisite=prerequisite)
    ics.table(section, "MGC: descriptors", _descriptor_items(ics), prerequisite=prerequisite)
    ics.table(section, "MGC: packages", _package_items(ics, "MGC"), prerequisite=prerequisite)
    _binding_table(ics, section, prerequisite, mgc=True)
    return section


def item_statuses(annex: Section) -> dict[str, tuple[str, str]]:
    """Item id → (description as plain text, status), read back from a built annex (for tests and tools)."""
    out: dict[str, tuple[str, str]] = {}
    for section in annex.walk():
        for block in section.blocks:
            if isinstance(block, Table) and block.header[:1] == ("Item",) and "Status" in block.header:
                for row in block.rows:
                    out[plain(row[0])] = (plain(row[1]), plain(row[3]))
    return out


