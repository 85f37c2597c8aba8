"""Appendix I Conformance (informative): I.1 the guideline H.248.TLSPROF (one row per requirement id, with how
the profile meets it, where the document shows it and the verdict), I.2 the security baseline selected with
`baseline` (its departures said as specification prose, each located in this document, and the accepted
deviations with their reasons). The normative Annex A is the ICS proforma (profilekit.render.outline.ics)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from profilekit.applicability import not_applicable_reason
from profilekit.catalog.baselines import BASELINE_DOCUMENTS
from profilekit.catalog.requirements import document_locations
from profilekit.render.outline.builder import DocumentBuilder, Location
from profilekit.render.outline.nodes import DASH, Inline, Paragraph, Run, Section, Trace
from profilekit.render.outline.tls import tls_profile_title
from profilekit.render.outline.wording import inline_text, join_inline, prose
from profilekit.rules.engine import applicable
from profilekit.rules.registry import REGISTRY

if TYPE_CHECKING:
    from profilekit.findings import Finding

VERDICT_TEXT = {
    "satisfied": "Met",
    "remarks": "Met, with remarks",
    "deviation": "Deviation",
    "violated": "Not met",
    "not_applicable": "Not applicable",
    "implementation_only": "Implementation behaviour",
}
"""A requirement trace's status as the verdict column of Appendix I says it."""

NOT_APPLICABLE_WORDS = {
    "pre_tls13": "TLS 1.3 has no renegotiation (KeyUpdate instead), and every TLS profile offers TLS 1.3 only",
}
"""Reasons worded for the appendix where the condition's own wording is written for the validator."""

PROVISION_TEXT = {"error": "Mandatory provision", "warning": "Recommendation", "info": "Good practice"}
"""What kind of provision of the baseline a departure concerns (a finding's severity, in words)."""

PARAMETER_ROWS = {
    "versions": "TLS versions", "server_preference": "server cipher-suite order", "compression": "compression",
    "renegotiation": "renegotiation", "resumption": "session resumption", "groups": "key-exchange groups",
    "signature_algorithms": "signature algorithms", "extensions": "extensions",
    "early_data": "TLS 1.3 early data", "performance": "performance and resources",
}
"""TLS profile field → the row of its parameters table that shows it (for Appendix I.2 locations)."""

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
    """A finding's message as specification prose (Appendix I.2): the closing advice to the YAML editor
    dropped, YAML field names in words, no code quotes."""
    text = _FIX_CLAUSE.sub("", message.strip())
    for name, words in EXTENSION_WORDS.items():
        text = re.sub(rf"\bdoes not state extensions\.{name}\b", f"does not state whether it uses {words}", text)
        text = re.sub(rf"\b(?:extensions\.)?{name}\b", words, text)
    return text.replace("`", "")


def _precedence_checked(baseline: str) -> bool:
    """Whether some cipher-suite precedence rule (PRC) runs under `baseline`."""
    return any(rule.code.startswith("PRC") and applicable(rule, baseline) for rule in REGISTRY)


def conformance_annex(doc: DocumentBuilder, traces: Sequence[Trace], number: str = "I") -> Section:
    """Appendix I: conformance to the guideline (I.1) and to the security baseline (I.2)."""
    section = Section(number, "Conformance to H.248.TLSPROF and to the security baseline", 1, appendix=True)
    section.blocks.append(Paragraph(inline_text(
        "(This appendix does not form an integral part of this Recommendation.)"), kind="centred"))
    title = doc.baseline_title
    against = f"the security baseline {title}" if title else "a security baseline"
    section.blocks.append(Paragraph(inline_text(
        f"This appendix states how the profile meets the guideline H.248.TLSPROF (clause {number}.1) and "
        f"{against} (clause {number}.2). It informs the reader; the implementation conformance statement "
        "of an implementation is the proforma of Annex A.")))
    section.children.append(guideline_conformance(doc, traces, number))
    section.children.append(baseline_conformance(doc, number))
    return section


def guideline_conformance(doc: DocumentBuilder, traces: Sequence[Trace], number: str = "I") -> Section:
    """I.1: one row per requirement: id, level and actor, summary, how the profile meets it, verdict."""
    section = Section(f"{number}.1", "Guideline requirements (H.248.TLSPROF)", 2)
    section.blocks.append(Paragraph(inline_text(
        "One row per requirement of the guideline H.248.TLSPROF: the requirement in brief, how this profile "
        "meets it and where this document shows it, and the verdict. A requirement is \"Met\" only where "
        "this document shows how; \"Not shown\" marks a requirement no table or clause of this document "
        "shows. \"Met, with remarks\" means that the profile meets the requirement but departs from a "
        "recommendation related to it; \"Deviation\" that it departs from the requirement for the reason "
        "given. Requirements on the behaviour of an implementation, which a profile can only reference, are "
        "marked as such.")))
    shown_in = document_locations()
    rows = []
    for trace in traces:
        where = _where_shown(doc, shown_in.get(trace.id, ()))
        rows.append((inline_text(trace.id), inline_text(f"{trace.level}, {trace.actor}"), prose(trace.summary),
                     _evidence(trace, where),
                     inline_text(verdict_text(trace, bool(where), lambda finding: finding_owner(doc, finding)))))
    section.blocks.append(doc.table("Conformance to H.248.TLSPROF",
                                    ("Requirement", "Level, actor", "Requirement in brief",
                                     "How this profile meets it", "Verdict"), rows, annex=number))
    return section


def _evidence(trace: Trace, where: Inline) -> Inline:
    """The evidence cell: what the profile states (the catalogue's `in_profile`) and where it is shown."""
    if trace.status == "implementation_only":
        return prose(trace.reason or "A property of the implementation; this document cannot show it.")
    text = getattr(trace, "in_profile", "") or ""
    if trace.status == "not_applicable":
        return inline_text(DASH)
    runs = list(prose(text))
    if where:
        runs.append(Run(" Shown in: " if runs else "Shown in: "))
        runs.extend(where)
    return tuple(runs) if runs else inline_text(DASH)


def _where_shown(doc: DocumentBuilder, location_names: Sequence[str]) -> Inline:
    """The A.1 "Where" cell: every table or clause recorded under the names, each once, linked."""
    items: list[Location] = []
    for name in location_names:
        found = doc.locations.get(name, ())
        if name.startswith("clause:"):
            number = name.partition(":")[2]
            found = [Location(number, "clause-" + number.replace(".", "-"))]
        for location in found:
            if all(item.anchor != location.anchor for item in items):
                items.append(location)
    if not items:
        return ()
    return join_inline((Run(item.label, link=item.anchor),) for item in items)


def verdict_text(trace: Trace, shown: bool = True,
                 owner: Callable[[Finding], str | None] = lambda finding: None) -> str:
    """The verdict cell, in words (no validator codes): a deviation gives its reasons (naming the element
    each belongs to, `owner`, when several are concerned), remarks and breaches the findings' text."""
    status = trace.status or ""
    text = VERDICT_TEXT.get(status, "Not assessed")
    active = [f for f in trace.findings if getattr(f, "suppressed", None) is None]
    errors = [f for f in active if f.severity.label == "error"]
    remarks = [f for f in active if f.severity.label != "error"]

    def said(findings: Sequence[Finding]) -> str:
        return "; ".join(dict.fromkeys(published(f.message).rstrip(".") for f in findings))

    if status == "satisfied" and not shown:
        return "Not shown in this document"
    if status == "violated":
        text += f": {said(errors)}" if errors else ""
        text += f"; remarks: {said(remarks)}" if remarks else ""
    elif status == "remarks":
        text += f": {said(remarks)}" if remarks else ""
    elif status == "deviation":
        accepted = [f for f in trace.findings if getattr(f, "suppressed", None) is not None]
        owners: dict[str, set[str | None]] = {}
        for finding in accepted:
            owners.setdefault(finding.code, set()).add(owner(finding))
        reasons = list(dict.fromkeys(
            f"{f'for {owner(f)}, ' if len(owners[f.code]) > 1 and owner(f) else ''}"
            f"{' '.join(str(f.suppressed).split()).rstrip('.')}" for f in accepted))
        text += f": {'; '.join(reasons)}" if reasons else ""
        text += f"; remarks: {said(remarks)}" if remarks else ""
    elif status == "not_applicable":
        why = NOT_APPLICABLE_WORDS.get(trace.applies_when) or not_applicable_reason(trace.applies_when) \
            or trace.reason
        text += f" \N{EM DASH} {' '.join(why.split())}" if why else ""
    return text


def finding_owner(doc: DocumentBuilder, finding: Finding) -> str | None:
    """How the document names the profile element a finding is about (a TLS profile by its heading, never
    its YAML id; a domain or termination type by its id): the innermost list item on its path that has an
    id; None when there is none."""
    node: Any = doc.profile
    found: str | None = None
    names: list[str] = []
    for name, index in _PATH_STEP.findall(finding.yaml_path):
        node = getattr(node, name, None) if name else node
        names.append(name)
        if index:
            try:
                node = node[int(index)]
            except (IndexError, KeyError, TypeError):
                break
            ident = getattr(node, "id", None)
            if names[-2:] == ["tls", "profiles"]:
                found = tls_profile_title(doc, int(index))
            elif isinstance(ident, str):
                found = ident
        if node is None:
            break
    return found


REF_PREFIXES = {"bcp195": ("RFC", "BCP"), "nist-sp800-52r2": ("NIST",), "bsi-tr02102-2": ("BSI",),
                "3gpp-ts33210": ("3GPP", "TS 33")}
"""A baseline → how the references to its own documents start (a rule's refs name every baseline's clause)."""


def _provision(finding: Finding, baseline: str | None) -> Inline:
    """The kind of provision a departure concerns, and the clauses of the selected baseline that state it
    (all the rule's references when none of them is the baseline's)."""
    refs = [ref for ref in finding.refs if not ref.startswith("R-")]
    own = [ref for ref in refs if ref.startswith(REF_PREFIXES.get(baseline or "", ("RFC",)))]
    cited = "; ".join(own or refs)
    kind = PROVISION_TEXT[finding.severity.label]
    return inline_text(f"{kind} ({cited})" if cited else kind)


def baseline_conformance(doc: DocumentBuilder, number: str = "I") -> Section:
    """I.2: the departures from the baseline and the accepted deviations, each located in this document and
    said as specification prose (which kind of provision, what the profile does), without validator codes."""
    title = doc.baseline_title
    section = Section(f"{number}.2", f"Security baseline: {title}" if title else "Security baseline", 2)
    active = [f for f in doc.baseline_findings if f.suppressed is None]
    accepted = [f for f in doc.baseline_findings if f.suppressed is not None]
    if title is None:
        text = "No security baseline was selected for this profile."
        if active or accepted:
            text += (" The order of precedence of the cipher suites was checked against RFC 9325, with the "
                     "results below.")
    else:
        text = ("The TLS profiles of clause 6.2 were checked against the security baseline "
                f"{BASELINE_DOCUMENTS.get(doc.baseline or '', title)}")
        text += (", and against the order of precedence that RFC 9325 recommends for cipher suites."
                 if _precedence_checked(doc.baseline or "") else ".")
        if not active:
            text += (" The profile meets the baseline"
                     + (", apart from the deliberate deviations listed below." if accepted else "."))
    section.blocks.append(Paragraph(inline_text(text)))
    header = ("Where in this profile", "Departure from the baseline", "Provision concerned")
    if active:
        section.blocks.append(Paragraph(inline_text(
            "The profile departs from the baseline as follows. A mandatory provision is one the baseline "
            "states with MUST or SHALL, a recommendation one it states with SHOULD; good practice is advice "
            "the baseline gives without a requirement.")))
        section.blocks.append(doc.table(
            f"Departures from {title}" if title else "Departures from the recommended cipher-suite order", header,
            ((finding_location(doc, f), prose(published(f.message)), _provision(f, doc.baseline)) for f in active),
            annex=number))
    if accepted:
        section.blocks.append(Paragraph(inline_text(
            "The profile departs from the following provisions deliberately, for the reasons given.")))
        section.blocks.append(doc.table(
            f"Accepted deviations from {title}" if title else "Accepted deviations from the recommended "
            "cipher-suite order", (*header, "Reason"),
            ((finding_location(doc, f), prose(published(f.message)), _provision(f, doc.baseline),
              prose(str(f.suppressed))) for f in accepted), annex=number))
    return section


def finding_location(doc: DocumentBuilder, finding: Finding) -> Inline:
    """Where a finding points, as a table (and row) or clause of this document; else its YAML path."""
    match = _PROFILE_PATH.match(finding.yaml_path)
    profiles = doc.profile.tls.profiles
    if match is None or int(match["index"]) >= len(profiles):
        return inline_text(DASH)
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
    return inline_text(DASH)
