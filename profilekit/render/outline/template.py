"""Clause 5 Profile definition: the 17 clauses of the H.248.1 profile template, in order (template item N
is clause 5.N), each built by the function named in TEMPLATE_CLAUSE_BUILDERS."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from profilekit.catalog.display import capitalized, display
from profilekit.catalog.requirements import PROCEDURE_LOCATION
from profilekit.h248 import reindent
from profilekit.model.clauses import COMMANDS
from profilekit.model.profile import TEMPLATE_CLAUSES
from profilekit.render.outline.builder import DocumentBuilder, Location, section_location
from profilekit.render.outline.history import history_table
from profilekit.render.outline.nodes import (
    DASH,
    NOT_SPECIFIED,
    CodeBlock,
    Inline,
    Paragraph,
    Run,
    Section,
    plain,
)
from profilekit.render.outline.wording import (
    and_list,
    code_list,
    code_or_dash,
    editor_list,
    inline_code,
    inline_text,
    join_inline,
    value_or_dash,
    word_list,
    yaml_scalar,
    yes_no,
)

if TYPE_CHECKING:
    from profilekit.model.packages import Package, Parameter

PROFILE_CLAUSE = 5
"""Template item N is clause 5.N of the document."""


# 5.1 to 5.7

def identification_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.1 Profile identification."""
    ident = doc.profile.identification
    based = ((Run(ident.based_on.name, code=True), Run(f" version {ident.based_on.version}")) if ident.based_on
             else inline_text(DASH))
    rows = [
        (inline_text("Profile name"), inline_code(ident.name)),
        (inline_text("Profile version"), inline_text(str(ident.version))),
        (inline_text("ServiceChangeProfile"), inline_code(f"{ident.name}/{ident.version}")),
        (inline_text("Based on"), based),
        (inline_text("Title"), inline_text(ident.title)),
        (inline_text("Status"), inline_text(capitalized("status", ident.status))),
        (inline_text("Date"), inline_text(ident.date.isoformat())),
        (inline_text("Responsible body"), inline_text(ident.body)),
        (inline_text("Editors"), inline_text(editor_list(ident.editors))),
    ]
    section.blocks.append(doc.table("Profile identification", ("Item", "Value"), rows))
    doc.say(section, (Run("The MG and the MGC shall identify this profile in ServiceChangeProfile as "),
                      Run(f"{ident.name}/{ident.version}", code=True), Run(".")))
    history = history_table(doc)
    if history is not None:
        section.blocks.append(history)


def summary_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.2 Summary (the editor's text: descriptive, indicative)."""
    section.blocks.append(Paragraph(doc.prose(doc.profile.summary)))


def protocol_version_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.3 Gateway control protocol version."""
    version = doc.profile.protocol_version
    doc.say(section, inline_text(f"The MG and the MGC shall support version {version.version} of the gateway "
                                 "control protocol (H.248.1)."))
    doc.notes(section, version.notes)


def connection_model_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.4 Connection model: its statements (the clause has no table: each value is said once)."""
    model = doc.profile.connection_model
    if model.max_contexts is not None:
        contexts = f"The MG shall support up to {model.max_contexts} contexts."
    elif doc.stated("connection_model", "max_contexts"):
        contexts = "This profile does not limit the number of contexts."
    else:
        contexts = "The maximum number of contexts is not specified."
    terminations = (f"A context shall contain at most {model.max_terminations_per_context} termination"
                    f"{'s' * (model.max_terminations_per_context > 1)}.")
    if model.topologies:
        topologies: Inline = (Run("The MG shall support the topologies "),
                              *join_inline(inline_code(t) for t in model.topologies), Run("."))
    else:
        topologies = inline_text("The Topology descriptor is not used in this profile: the MGC shall not send it.")
    doc.say(section, inline_text(f"{contexts} {terminations}"), topologies,
            inline_text("In a context with a TLS endpoint the MG shall operate in TCP "
                        f"{display('tcp_mode', model.tcp_mode_for_tls)} mode."))
    doc.mark("connection_model", section_location(section))
    doc.notes(section, model.notes)


def context_attributes_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.5 Context attributes: what the MG supports in words, the table for values and notes."""
    attributes = doc.profile.context_attributes
    supported = [a.name for a in attributes.attributes if a.supported]
    unused = [a.name for a in attributes.attributes if not a.supported]
    statements: list[Inline] = []
    if supported:
        statements.append(inline_text(f"The MG shall support the context attribute{'s' * (len(supported) > 1)} "
                                      f"{and_list(supported)}."))
    if unused:
        statements.append(inline_text(
            f"The context attribute{'s' * (len(unused) > 1)} {and_list(unused)} "
            f"{'are' if len(unused) > 1 else 'is'} not used in this profile: the MGC shall not set "
            f"{'them' if len(unused) > 1 else 'it'}."))
    if not attributes.attributes:
        statements.append(inline_text("No context attributes are used in this profile."))
    doc.say(section, *statements)
    details = [a for a in attributes.attributes if a.values or a.notes]
    if details:
        section.blocks.append(doc.table(
            "Context attributes", ("Attribute", "Values", "Notes"),
            ((inline_text(a.name), code_list(a.values), doc.prose_or_dash(a.notes)) for a in details)))
    doc.notes(section, attributes.notes)


def terminations_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.6 Terminations: termination types and their streams."""
    terminations = doc.profile.terminations
    doc.say(section)
    section.blocks.append(doc.table(
        "Termination types", ("Type", "Kind", "TerminationID pattern", "Description"),
        ((inline_code(tt.id), inline_text(display("termination_kind", tt.kind)), inline_code(tt.naming_pattern),
          doc.prose_or_dash(tt.description)) for tt in terminations.types)))
    rows = [(inline_code(tt.id), inline_text(str(stream.id)), inline_text(display("media", stream.media)),
             inline_text(display("bearer", stream.bearer)), value_or_dash(stream.application),
             code_or_dash(stream.sdp_protocol))
            for tt in terminations.types for stream in tt.streams]
    section.blocks.append(doc.table("Streams per termination type",
                                    ("Type", "Stream", "Media", "Bearer", "Application", "SDP protocol"), rows))
    section.blocks.append(Paragraph((Run("The mode of operation of each termination type (TCP mode, TCP and TLS "
                                         "roles, TLS domains) is given in "),
                                     Run("clause 6.1", link="clause-6-1"), Run("."))))
    doc.notes(section, terminations.notes)


def descriptors_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.7 Descriptors: one statement per support status (shall, may, shall not), then the notes."""
    items = doc.profile.descriptors
    if not items:
        doc.say(section, inline_text(
            "This profile does not restrict the use of descriptors beyond H.248.1." if doc.stated("descriptors")
            else NOT_SPECIFIED + "."))
        return
    by_status: dict[str, list[str]] = {}
    for item in items:
        by_status.setdefault(item.support, []).append(item.descriptor)

    def names(status: str) -> str:
        found = by_status[status]
        return f"{and_list(found)} descriptor{'s' * (len(found) > 1)}"

    statements: list[Inline] = []
    if "mandatory" in by_status:
        statements.append(inline_text(f"The MG and the MGC shall support the {names('mandatory')}."))
    if "optional" in by_status:
        statements.append(inline_text(f"The MG and the MGC may support the {names('optional')}."))
    if "not_used" in by_status:
        count = len(by_status["not_used"])
        statements.append(inline_text(
            f"The {names('not_used')} {'are' if count > 1 else 'is'} not used in this profile: the MGC and the "
            f"MG shall not send {'them' if count > 1 else 'it'}."))
    doc.say(section, *statements)
    noted = [d for d in items if d.notes]
    if noted:
        section.blocks.append(doc.table(
            "Descriptors: restrictions", ("Descriptor", "Support", "Restriction"),
            ((inline_text(d.descriptor), inline_text(capitalized("support", d.support)), doc.prose(d.notes or ""))
             for d in noted)))


# 5.8

def _command_statement(use: Any, table: str) -> Inline:
    """The verbal form of one command's use: who shall support it, or that it shall not be sent."""
    name = use.command
    if not use.used:
        return inline_text(f"The {name} command is not used in this profile: neither the MGC nor the MG shall "
                           "send it.")
    receiver = {"MGC_to_MG": f"The MG shall support the {name} command sent by the MGC",
                "MG_to_MGC": f"The MGC shall support the {name} command sent by the MG",
                "both": f"The MG and the MGC shall support the {name} command in both directions"}[use.direction]
    return (Run(receiver + ", with the descriptors and TerminationID wildcards given in "),
            Run(table, link="table-" + table.split()[-1]), Run("."))


def commands_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.8 Command API: the commands table, then 5.8.1 to 5.8.8 one per command (in the order of
    profilekit.model.clauses.COMMANDS), each with its verbal form, and 5.8.9 on context attributes."""
    # A list, not a dict: a command listed twice (an error, GL010) must not lose its first entry here.
    uses: dict[str, list[Any]] = {}
    for entry in doc.profile.commands:
        uses.setdefault(entry.command, []).append(entry)
    rows: list[Sequence[Inline]] = []
    for command in COMMANDS:
        if command not in uses:
            rows.append((inline_text(command), inline_text("No"), inline_text(DASH), inline_text(DASH),
                         inline_text(DASH)))
        for use in uses.get(command, []):
            rows.append((inline_text(command), inline_text(yes_no(use.used)),
                         inline_text(display("direction", use.direction)) if use.used else inline_text(DASH),
                         word_list(use.descriptors) if use.used else inline_text(DASH),
                         inline_text(display("wildcards", use.wildcards)) if use.used else inline_text(DASH)))
    doc.say(section)
    table = doc.table("Commands", ("Command", "Used", "Direction", "Descriptors", "TerminationID wildcards"), rows,
                      shown_as=("commands",))
    section.blocks.append(table)
    for index, command in enumerate(COMMANDS, start=1):
        child = Section(f"5.8.{index}", command, 3)
        entries = uses.get(command, [])
        statements = [_command_statement(use, table.label) for use in entries if use.used]
        if not statements:
            statements = [inline_text(f"The {command} command is not used in this profile: neither the MGC nor "
                                      "the MG shall send it.")]
        doc.say(child, *statements)
        for use in entries:
            if use.used and use.service_change is not None:
                service_change = use.service_change
                child.blocks.append(doc.table(
                    "ServiceChange methods and reasons", ("Item", "Values"),
                    ((inline_text("ServiceChangeMethod"), word_list(service_change.methods)),
                     (inline_text("ServiceChangeReason"), word_list(service_change.reasons)))))
        for use in entries:
            doc.notes(child, use.notes)
        section.children.append(child)
    attributes = Section("5.8.9", "Manipulating and auditing context attributes", 3)  # after the 8 commands
    supported = [a.name for a in doc.profile.context_attributes.attributes if a.supported]
    if supported:
        doc.say(attributes, (
            Run(f"The MGC may set the context attribute{'s' * (len(supported) > 1)} {and_list(supported)} with "
                "Add, Modify and Move and audit them with AuditValue and AuditCapabilities (see "),
            Run("clause 5.5", link="clause-5-5"), Run(").")))
    else:
        doc.say(attributes, inline_text("No context attributes are manipulated or audited in this profile."))
    section.children.append(attributes)


# 5.9 to 5.13

def encoding_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.9 Generic command syntax and encoding."""
    encoding = doc.profile.encoding
    formats = [display("encoding", f) for f in encoding.formats]
    statements = [inline_text(f"The MG and the MGC shall support {and_list(formats)}.")]
    if len(formats) == 1:
        other = "binary" if encoding.formats[0] == "text" else "text"
        statements.append(inline_text(f"The {display('encoding', other)} is not used in this profile."))
    doc.say(section, *statements)
    doc.notes(section, encoding.notes)


def transactions_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.10 Transactions: limits and timers."""
    transactions = doc.profile.transactions
    timers = doc.table(
        "Timers", ("Timer", "Value (ms)", "Provisioned"),
        ((inline_code(timer.name), inline_text(str(timer.value_ms)), inline_text(yes_no(timer.provisioned)))
         for timer in transactions.timers)) if transactions.timers else None
    statements: list[Inline] = []
    for value, field, limited, unlimited, unknown in (
            (transactions.max_commands_per_transaction, "max_commands_per_transaction",
             "The MGC shall not send more than {} commands in one transaction.",
             "This profile does not limit the number of commands in a transaction.",
             "The maximum number of commands in a transaction is not specified."),
            (transactions.max_transactions_per_message, "max_transactions_per_message",
             "The MG and the MGC shall not send more than {} transactions in one message.",
             "This profile does not limit the number of transactions in a message.",
             "The maximum number of transactions in a message is not specified.")):
        if value is not None:
            statements.append(inline_text(limited.format(value)))
        else:
            statements.append(inline_text(unlimited if doc.stated("transactions", field) else unknown))
    if timers is not None:
        provisioned = sum(1 for timer in transactions.timers if timer.provisioned)
        statements.append(inline_text(
            f"The MG and the MGC shall use the timer values of {timers.label}; "
            + ("all of them are provisioned." if provisioned == len(transactions.timers) else
               "those not provisioned are set by the MGC.")))
    else:
        statements.append(inline_text("No transaction timers are stated; the defaults of H.248.1 apply."))
    doc.say(section, *statements)
    if timers is not None:
        section.blocks.append(timers)
    doc.notes(section, transactions.notes)


def messages_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.11 Messages."""
    messages = doc.profile.messages
    statements = [inline_text(f"The MG and the MGC shall use the {display('mid_format', messages.mid_format)} "
                              "form of the message identifier (mId).")]
    if messages.max_size_octets is not None:
        statements.append(inline_text(f"The MG and the MGC shall not send messages longer than "
                                      f"{messages.max_size_octets} octets."))
    elif doc.stated("messages", "max_size_octets"):
        statements.append(inline_text("This profile does not limit the size of messages."))
    else:
        statements.append(inline_text("The maximum size of a message is not specified."))
    doc.say(section, *statements)
    doc.notes(section, messages.notes)


def transport_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.12 Transport."""
    transport = doc.profile.transport
    protocols = [display("control_transport", p) for p in transport.protocols]
    statements = [inline_text(f"The MG and the MGC shall support {and_list(protocols)} as transport of the "
                              "control link.")]
    if not doc.stated("transport", "segmentation"):
        statements.append(inline_text("Support of segmentation (H.248.1 Annex D) is not specified."))
    elif transport.segmentation:
        statements.append(inline_text("The MG and the MGC shall support segmentation (H.248.1 Annex D)."))
    else:
        statements.append(inline_text("Segmentation (H.248.1 Annex D) is not used in this profile."))
    doc.say(section, *statements)
    doc.notes(section, transport.notes)


def security_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.13 Security: the control link; the TLS bearers are clause 6."""
    security = doc.profile.security
    if security.control_link == "none":
        first = "This profile does not protect the H.248 control link. "
    else:
        first = f"The H.248 control link shall be {display('control_link', security.control_link)}. "
    doc.say(section, (Run(first + "The security of the TCP bearers with TLS is specified in "),
                      Run("clause 6", link="clause-6"), Run(".")))
    doc.notes(section, security.notes)


# 5.14

def _package_heading(name: str, package_id: str) -> str:
    """"TCP connection control (tcpx)"; a name that ends in its own parenthesis, such as "TCP basic
    connection control (illustrative)", gets "…, package tcpbcc" rather than a second parenthesis."""
    if name.rstrip().endswith(")"):
        return f"{name.rstrip()}, package {package_id}"
    return f"{name} ({package_id})"


def _parameter_values(parameter: Parameter) -> Inline:
    if parameter.values:
        return code_list(yaml_scalar(v) for v in parameter.values)
    if parameter.range is not None:
        low = DASH if parameter.range.min is None else str(parameter.range.min)
        high = DASH if parameter.range.max is None else str(parameter.range.max)
        return inline_text(f"{low} to {high}")
    return inline_text(DASH)


def _values_and_default(parameter: Parameter) -> Inline:
    values = _parameter_values(parameter)
    default = yaml_scalar(parameter.default)
    if default is None:
        return values
    if plain(values) == DASH:
        return (Run("default "), Run(default, code=True))
    return (*values, Run("; default "), Run(default, code=True))


def _parameters(parameters: Sequence[Parameter]) -> Inline:
    """Parameters as "`cause` (mandatory; enumeration: `fin`, `rst`)": the ids and values a reader needs in
    code style, the type in words."""
    if not parameters:
        return inline_text(DASH)
    parts: list[Inline] = []
    for parameter in parameters:
        # "mandatory" leads, so that it cannot be read as one of the enumeration's values
        runs: list[Run] = [Run(parameter.id, code=True), Run(
            f" ({'mandatory; ' if parameter.mandatory else ''}{display('value_type', parameter.type)}")]
        if parameter.values:
            runs.append(Run(": "))
            runs.extend(join_inline(inline_code(str(yaml_scalar(v))) for v in parameter.values))
        runs.append(Run(")"))
        parts.append(tuple(runs))
    return join_inline(parts, "; ")


def packages_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.14 Packages: the packages table, then 5.14.n one per package, in the profile's order."""
    ids = doc.package_ids()
    if not ids:
        section.blocks.append(Paragraph(inline_text("The profile uses no packages.")))
        return
    rows = []
    for package_id in ids:
        record = doc.loaded.packages[package_id]
        package = record.package
        serial = f"0x{package.serial:04X}" if package.serial is not None else DASH
        rows.append((inline_code(package.id), inline_text(package.name), inline_text(str(package.version)),
                     inline_text(serial), inline_text(capitalized("support", record.support)),
                     value_or_dash(package.reference)))
    doc.say(section)
    section.blocks.append(doc.table("Packages", ("Package", "Name", "Version", "Serial", "Support",
                                                 "Specified in"), rows))
    for index, package_id in enumerate(ids, start=1):
        record = doc.loaded.packages[package_id]
        child = Section(f"5.14.{index}", _package_heading(record.package.name, package_id), 3,
                        extra_anchors=(f"package-{package_id}",))
        _package_definition(doc, child, record.package, record.origin, record.support)
        section.children.append(child)


def _package_definition(doc: DocumentBuilder, section: Section, package: Package, origin: str,
                        support: str) -> None:
    """One package's clause 5.14.n: its support (shall or may), where it is defined, then its properties,
    events, signals, statistics and error codes as tables."""
    facts: list[Run] = [Run("Package "), Run(package.id, code=True), Run(f", version {package.version}")]
    if package.extends:
        facts += [Run("; extends "), Run(package.extends, code=True)]
    # where the definition comes from, in document terms (never a local file of the editor's)
    if package.reference:
        facts.append(Run(f"; reference: {package.reference}"))
    elif origin == "inline":
        facts.append(Run("; defined by this profile"))
    facts.append(Run("."))
    verb = "shall" if support == "mandatory" else "may"
    doc.say(section, inline_text(f"The MG {verb} support this package."))
    section.blocks.append(Paragraph(tuple(facts)))
    if package.description:
        section.blocks.append(Paragraph(doc.prose(package.description)))
    if package.illustrative:
        section.blocks.append(Paragraph(inline_text(
            "This package definition is illustrative: its identifiers are not the normative ones."), kind="note"))
    package_id = package.id
    if package.properties:
        section.blocks.append(doc.table(
            f"Package {package_id}: properties",
            ("Property", "Name", "Type", "Values", "Descriptor", "Description"),
            ((inline_code(f"{package_id}/{p.id}"), value_or_dash(p.name), inline_text(display("value_type", p.type)),
              _values_and_default(p),
              inline_text(display("property_descriptor", p.descriptor) + (", read-only" if p.readonly else "")),
              doc.prose_or_dash(p.description))
             for p in package.properties)))
    if package.events:
        section.blocks.append(doc.table(
            f"Package {package_id}: events",
            ("Event", "Name", "Parameters", "ObservedEvents parameters", "Description"),
            ((inline_code(f"{package_id}/{e.id}"), value_or_dash(e.name), _parameters(e.parameters),
              _parameters(e.observed_parameters), doc.prose_or_dash(e.description)) for e in package.events)))
    if package.signals:
        section.blocks.append(doc.table(
            f"Package {package_id}: signals",
            ("Signal", "Name", "Type", "Duration (ms)", "Parameters", "Description"),
            ((inline_code(f"{package_id}/{g.id}"), value_or_dash(g.name), inline_text(display("signal_type", g.type)),
              value_or_dash(g.duration_ms), _parameters(g.parameters), doc.prose_or_dash(g.description))
             for g in package.signals)))
    if package.statistics:
        statistics = doc.table(
            f"Package {package_id}: statistics", ("Statistic", "Name", "Type", "Unit", "Description"),
            ((inline_code(f"{package_id}/{st.id}"), value_or_dash(st.name), inline_text(display("value_type", st.type)),
              value_or_dash(st.unit), doc.prose_or_dash(st.description))
             for st in package.statistics))
        doc.package_tables[f"{package_id}/statistics"] = Location(statistics.label, statistics.anchor)
        section.blocks.append(statistics)
    if package.error_codes:
        section.blocks.append(doc.table(
            f"Package {package_id}: error codes", ("Code", "Name", "Description"),
            ((inline_text(str(e.code)), inline_text(e.name), doc.prose_or_dash(e.description))
             for e in package.error_codes)))
    if package.procedures:
        section.blocks.append(Paragraph((Run("Procedures: ", bold=True), *doc.prose(package.procedures))))


# 5.15 to 5.17

def _sdp_table(doc: DocumentBuilder, section: Section, items: Sequence[Any], caption: str, verb: str,
               field: str) -> None:
    if not items:
        doc.say(section, inline_text("None." if doc.stated(field) else NOT_SPECIFIED + "."))
        return
    table = doc.table(
        caption, ("Element", "Values", "Usage", "Reference"),
        ((inline_code(e.element), code_list(e.values), doc.prose_or_dash(e.usage),
          inline_text(doc.cite(e.reference)) if e.reference else inline_text(DASH)) for e in items))
    doc.say(section, inline_text(f"The MG and the MGC {verb} support the information elements of {table.label}, "
                                 "with the values given there."))
    section.blocks.append(table)


def sdp_mandatory_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.15 Mandatory support of SDP and H.248.1 Annex C information elements."""
    _sdp_table(doc, section, doc.profile.sdp_mandatory, "Mandatory SDP and Annex C information elements",
               "shall", "sdp_mandatory")


def sdp_optional_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.16 Optional support of SDP and H.248.1 Annex C information elements."""
    _sdp_table(doc, section, doc.profile.sdp_optional, "Optional SDP and Annex C information elements", "may",
               "sdp_optional")


def procedures_clause(doc: DocumentBuilder, section: Section) -> None:
    """5.17 Procedures: 5.17.n one per procedure, in the profile's order, each step with its messages. A
    procedure whose messages use a bound capability's element is recorded as `procedure:<binding>`."""
    if not doc.profile.procedures:
        doc.say(section, inline_text("This profile defines no procedures beyond those of H.248.1."))
        return
    doc.say(section)
    for index, procedure in enumerate(doc.profile.procedures, start=1):
        child = Section(f"5.17.{index}", procedure.title, 3, extra_anchors=(f"procedure-{procedure.id}",))
        if procedure.description:
            child.blocks.append(Paragraph(doc.prose(procedure.description)))
        for number, step in enumerate(procedure.steps, start=1):
            child.blocks.append(Paragraph((Run(f"Step {number}: ", bold=True), *doc.prose(step.step))))
            if step.command:
                child.blocks.append(CodeBlock(reindent(step.command).rstrip("\n"), label="Command"))
            if step.reply:
                child.blocks.append(CodeBlock(reindent(step.reply).rstrip("\n"), label="Reply"))
            text = "\n".join(x for x in (step.command, step.reply) if x)
            for capability, element in doc.bound_elements().items():
                if element and element in text:
                    doc.mark(PROCEDURE_LOCATION + capability, section_location(child))
        section.children.append(child)


TEMPLATE_CLAUSE_BUILDERS: dict[str, tuple[str, Callable[[DocumentBuilder, Section], None]]] = {
    "identification": ("5.1", identification_clause),
    "summary": ("5.2", summary_clause),
    "protocol_version": ("5.3", protocol_version_clause),
    "connection_model": ("5.4", connection_model_clause),
    "context_attributes": ("5.5", context_attributes_clause),
    "terminations": ("5.6", terminations_clause),
    "descriptors": ("5.7", descriptors_clause),
    "commands": ("5.8", commands_clause),
    "encoding": ("5.9", encoding_clause),
    "transactions": ("5.10", transactions_clause),
    "messages": ("5.11", messages_clause),
    "transport": ("5.12", transport_clause),
    "security": ("5.13", security_clause),
    "packages": ("5.14", packages_clause),
    "sdp_mandatory": ("5.15", sdp_mandatory_clause),
    "sdp_optional": ("5.16", sdp_optional_clause),
    "procedures": ("5.17", procedures_clause),
}
"""Template clause field (profilekit.model.profile.TEMPLATE_CLAUSES) → its clause number and builder."""

if [number for number, _ in TEMPLATE_CLAUSE_BUILDERS.values()] != [
        f"{PROFILE_CLAUSE}.{item}" for item, _, _ in TEMPLATE_CLAUSES] or list(TEMPLATE_CLAUSE_BUILDERS) != [
        field_name for _, _, field_name in TEMPLATE_CLAUSES]:
    raise RuntimeError("TEMPLATE_CLAUSE_BUILDERS disagrees with profilekit.model.profile.TEMPLATE_CLAUSES")


def profile_definition_clause(doc: DocumentBuilder) -> Section:
    """Clause 5 Profile definition: the template's items 1 to 17 as clauses 5.1 to 5.17."""
    section = Section("5", "Profile definition", 1)
    section.blocks.append(Paragraph(inline_text(
        "This clause follows the H.248.1 profile template: clauses 5.1 to 5.17 are the template's items 1 to 17.")))
    titles = {field_name: title for _, title, field_name in TEMPLATE_CLAUSES}
    for field_name, (number, build) in TEMPLATE_CLAUSE_BUILDERS.items():
        child = Section(number, titles[field_name], 2)
        build(doc, child)
        section.children.append(child)
    return section
