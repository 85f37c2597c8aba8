"""Annex A Conformance: A.1 the guideline H.248.TLSPROF (one row per requirement id, with its status and
where the document shows it), A.2 the security baseline selected with `baseline` (its SEC and PRC findings,
each located in this document, and the accepted deviations with their reasons)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from profilekit.applicability import not_applicable_reason
from profilekit.catalog.baselines import BASELINE_DOCUMENTS
from profilekit.catalog.requirements import document_locations
from profilekit.render.outline.builder import DocumentBuilder, Location
from profilekit.render.outline.nodes import DASH, Inline, Paragraph, Run, Section, Trace
from profilekit.render.outline.wording import inline_code, inline_text, join_inline, prose
from profilekit.rules.engine import applicable
from profilekit.rules.registry import REGISTRY

if TYPE_CHECKING:
    from profilekit.findings import Finding

STATUS_TEXT = {
    "satisfied": "Met",
    "remarks": "Met, with remarks",
    "deviation": "Deviation",
    "violated": "Not met",
    "not_applicable": "Not applicable",
    "implementation_only": "Implementation behaviour (not checkable in the profile)",
}
"""A requirement trace's status as the A.1 status column says it."""

SEVERITY_TEXT = {"error": "Error", "warning": "Warning", "info": "Information"}

PARAMETER_ROWS = {
    "versions": "TLS versions", "server_preference": "server cipher-suite order", "compression": "compression",
    "renegotiation": "renegotiation", "resumption": "session resumption", "groups": "key-exchange groups",
    "signature_algorithms": "signature algorithms", "extensions": "extensions",
    "early_data": "TLS 1.3 early data", "performance": "performance and resources",
}
"""TLS profile field → the row of its parameters table that shows it (for Annex A.2 locations)."""

EXTENSION_WORDS = {
    "extended_master_secret": "extended master secret (RFC 7627)",
    "encrypt_then_mac": "encrypt-then-MAC (RFC 7366)",
    "ocsp_stapling": "OCSP stapling",
    "server_name_indication": "server name indication",
    "truncated_hmac": "truncated HMAC",
    "heartbeat": "heartbeat",
}
"""TLS profile extension fields → how the document names them (as in the parameters table)."""

_PATH_STEP = re.compile(r"\.?(\w*)(?:\[(\d+)\])?")
"""One step of a finding's yaml_path (`tls.profiles[0].renegotiation`): field name, optional list index."""

_PROFILE_PATH = re.compile(r"^tls\.profiles\[(?P<index>\d+)\](?:\.(?P<field>\w+)(?:\[(?P<item>\d+)\])?)?")

_FIX_CLAUSE = re.compile(r";\s+(?:state|set|use|list|add|remove|move|replace|delete|drop|write)\b[^;]*$")
"""A validator message's closing advice to the YAML editor ("; state `extended_master_secret: required`")."""


def published(message: str) -> str:
    """A finding's message as specification prose (Annex A.2): the closing advice to the YAML editor
    dropped, YAML field names in words, no code quotes."""
    text = _FIX_CLAUSE.sub("", message.strip())
    for name, words in EXTENSION_WORDS.items():
        text = re.sub(rf"\bdoes not state extensions\.{name}\b", f"does not state whether it uses {words}", text)
        text = re.sub(rf"\b(?:extensions\.)?{name}\b", words, text)
    return text.replace("`", "")


def _precedence_checked(baseline: str) -> bool:
    """Whether some cipher-suite precedence rule (PRC) runs under `baseline`."""
    return any(rule.code.startswith("PRC") and applicable(rule, baseline) for rule in REGISTRY)


def conformance_annex(doc: DocumentBuilder, traces: Sequence[Trace]) -> Section:
    """Annex A with A.1 (guideline) and A.2 (security baseline)."""
    section = Section("A", "Conformance", 1, annex=True)
    title = doc.baseline_title
    against = f"the security baseline {title}" if title else "a security baseline"
    section.blocks.append(Paragraph(inline_text(
        f"This annex states how the profile conforms to the guideline H.248.TLSPROF (clause A.1) and to "
        f"{against} (clause A.2).")))
    section.children.append(guideline_conformance(doc, traces))
    section.children.append(baseline_conformance(doc))
    return section


def guideline_conformance(doc: DocumentBuilder, traces: Sequence[Trace]) -> Section:
    """A.1: one row per requirement: id, level and actor, summary, status, where the document shows it."""
    section = Section("A.1", "Guideline requirements (H.248.TLSPROF)", 2)
    section.blocks.append(Paragraph(inline_text(
        "One row per requirement of the guideline H.248.TLSPROF: the requirement in brief, its status for "
        "this profile, and where this document shows how the profile meets it. \"Met, with remarks\" means "
        "that the profile meets the requirement but departs from a recommendation related to it; the codes "
        "in brackets identify the findings. Findings against the security baseline do not change these "
        "statuses; clause A.2 reports them. "
        "\"Deviation\" means that the profile departs from the requirement for "
        "the reason given. Requirements on implementation behaviour that a profile can only reference are "
        "marked as such.")))
    shown_in = document_locations()
    rows = []
    for trace in traces:
        rows.append((inline_text(trace.id), inline_text(f"{trace.level}, {trace.actor}"), prose(trace.summary),
                     inline_text(status_text(trace, lambda finding: finding_owner(doc, finding))),
                     _where_shown(doc, shown_in.get(trace.id, ()))))
    section.blocks.append(doc.table("Conformance to H.248.TLSPROF",
                                    ("Requirement", "Level, actor", "Requirement in brief", "Status",
                                     "Where in this profile"), rows, annex="A"))
    return section


def _where_shown(doc: DocumentBuilder, location_names: Sequence[str]) -> Inline:
    """The A.1 "Where" cell: every table or clause recorded under the names, each once, linked."""
    items: list[Location] = []
    for name in location_names:
        for location in doc.locations.get(name, ()):
            if all(item.anchor != location.anchor for item in items):
                items.append(location)
    if not items:
        return inline_text(DASH)
    return join_inline((Run(item.label, link=item.anchor),) for item in items)


def status_text(trace: Trace, owner: Callable[[Finding], str | None] = lambda finding: None) -> str:
    """The A.1 status cell; a deviation's reasons name the element (`owner`) each belongs to when a code
    has reasons for more than one element."""
    text = STATUS_TEXT.get(trace.status or "", "Not assessed")
    active = [f for f in trace.findings if getattr(f, "suppressed", None) is None]
    errors = sorted({f.code for f in active if f.severity.label == "error"})
    remarks = sorted({f.code for f in active if f.severity.label != "error"} - set(errors))
    if trace.status == "violated":
        text += f" ({', '.join(errors)})" if errors else ""
        text += f"; remarks ({', '.join(remarks)})" if remarks else ""
    elif trace.status == "remarks":
        text += f" ({', '.join(remarks)})" if remarks else ""
    elif trace.status == "deviation":
        accepted = [f for f in trace.findings if getattr(f, "suppressed", None) is not None]
        owners: dict[str, set[str | None]] = {}
        for finding in accepted:
            owners.setdefault(finding.code, set()).add(owner(finding))
        reasons = sorted({f"{f.code}{f' for {owner(f)}' if len(owners[f.code]) > 1 and owner(f) else ''}: "
                          f"{' '.join(str(f.suppressed).split())}" for f in accepted})
        text += f" ({'; '.join(reasons)})" if reasons else ""
        text += f"; remarks ({', '.join(remarks)})" if remarks else ""
    elif trace.status == "not_applicable":
        why = not_applicable_reason(trace.applies_when) or trace.reason
        text += f": {' '.join(why.split())}" if why else ""
    return text


def finding_owner(doc: DocumentBuilder, finding: Finding) -> str | None:
    """The id of the profile element a finding is about (a TLS profile, domain, termination type...):
    the innermost list item on its path that has an id; None when there is none."""
    node: Any = doc.profile
    found: str | None = None
    for name, index in _PATH_STEP.findall(finding.yaml_path):
        node = getattr(node, name, None) if name else node
        if index:
            try:
                node = node[int(index)]
            except (IndexError, KeyError, TypeError):
                break
            ident = getattr(node, "id", None)
            if isinstance(ident, str):
                found = ident
        if node is None:
            break
    return found


def baseline_conformance(doc: DocumentBuilder) -> Section:
    """A.2: the baseline's findings and the accepted deviations, each located in this document."""
    title = doc.baseline_title
    section = Section("A.2", f"Security baseline: {title}" if title else "Security baseline", 2)
    active = [f for f in doc.baseline_findings if f.suppressed is None]
    accepted = [f for f in doc.baseline_findings if f.suppressed is not None]
    if title is None:
        text = "No security baseline was selected for this profile."
        if active or accepted:
            text += (" The checks of the order of precedence of the cipher suites, which apply without a "
                     "baseline, report the findings below.")
    else:
        text = ("The TLS profiles of clause 6.2 were checked against the security baseline "
                f"{BASELINE_DOCUMENTS.get(doc.baseline or '', title)}")
        text += (", and against the order of precedence that RFC 9325 recommends for cipher suites."
                 if _precedence_checked(doc.baseline or "") else ".")
        if not active:
            text += (" The profile meets the baseline: the check reports no findings"
                     + (" other than the accepted deviations listed below." if accepted else "."))
    section.blocks.append(Paragraph(inline_text(text)))
    header = ("Finding", "Severity", "Where in this profile", "Description")
    if active:
        section.blocks.append(Paragraph(inline_text(
            "In the severity column, \"Error\" marks a departure from a mandatory provision (MUST, SHALL), "
            "\"Warning\" from a recommendation (SHOULD), and \"Information\" from a best practice.")))
        section.blocks.append(doc.table(
            f"Findings against {title}" if title else "Cipher-suite precedence findings", header,
            ((inline_text(f.code), inline_text(SEVERITY_TEXT[f.severity.label]), finding_location(doc, f),
              prose(published(f.message)))
             for f in active), annex="A"))
    if accepted:
        section.blocks.append(Paragraph(inline_text(
            "The profile departs from the following provisions deliberately, for the reasons given.")))
        section.blocks.append(doc.table(
            f"Accepted deviations from {title}" if title else "Accepted cipher-suite precedence deviations",
            (*header, "Reason"),
            ((inline_text(f.code), inline_text(SEVERITY_TEXT[f.severity.label]), finding_location(doc, f),
              prose(published(f.message)),
              prose(str(f.suppressed))) for f in accepted), annex="A"))
    return section


def finding_location(doc: DocumentBuilder, finding: Finding) -> Inline:
    """Where a finding points, as a table (and row) or clause of this document; else its YAML path."""
    match = _PROFILE_PATH.match(finding.yaml_path)
    profiles = doc.profile.tls.profiles
    if match is None or int(match["index"]) >= len(profiles):
        return inline_code(finding.yaml_path) if finding.yaml_path else inline_text(DASH)
    profile_id = profiles[int(match["index"])].id
    field_name = match["field"] or ""
    part = field_name if field_name in ("cipher_suites", "certificates", "authentication") else "parameters"
    table = doc.tls_profile_locations.get((profile_id, part))
    if table is not None:
        runs: list[Run] = [Run(table.label, link=table.anchor)]
        if part == "cipher_suites" and match["item"] is not None:
            runs.append(Run(f", order {int(match['item']) + 1}"))
        elif part == "parameters" and field_name in PARAMETER_ROWS:
            runs.append(Run(f", {PARAMETER_ROWS[field_name]}"))
        return tuple(runs)
    clause = doc.tls_profile_locations.get((profile_id, "clause"))
    if clause is not None:
        return (Run("clause "), Run(clause.label, link=clause.anchor))
    return inline_code(finding.yaml_path)
