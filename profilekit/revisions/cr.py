"""`render --cr CR.yaml`: the 3GPP change-request cover page, from CR.yaml and the diff.

CR.yaml is read like a profile (YAML 1.2 with positions; errors as file:line:col findings). "Clauses
affected" and a draft "Summary of change" come from the diff when CR.yaml leaves them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from profilekit.findings import Finding, InputError, Severity
from profilekit.load.profile import FileProblem, model_findings, read_yaml
from profilekit.model.change_request import CATEGORIES, ChangeRequest
from profilekit.revisions.diff import ProfileDiff
from profilekit.revisions.wordml import W, lxml_etree, w


def load_change_request(path: str | Path) -> ChangeRequest:
    shown = str(path)
    try:
        data, doc, _ = read_yaml(Path(path), shown)
    except FileProblem as exc:
        raise InputError([Finding(code=exc.code, severity=Severity.ERROR, message=exc.message,
                                  file=shown)]) from None
    if not isinstance(data, dict):
        raise InputError([Finding(code="SC003", severity=Severity.ERROR, file=shown, line=1, column=1,
                                  message="the CR file must hold a mapping of key: value lines (the CR form's "
                                  "fields)")])
    try:
        return ChangeRequest.model_validate(data)
    except ValidationError as exc:
        raise InputError(model_findings(exc, ChangeRequest, data, doc)) from None


def _clause_order(number: str) -> tuple[Any, ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\s]", number.replace("Annex ", "")))


def clauses_affected(diff: ProfileDiff) -> list[str]:
    """The clause numbers the changes land in, in document order."""
    found = {c.clause.split(",")[0] for c in diff.changes if c.clause}
    return sorted(found, key=lambda n: (n.startswith("Annex") or n == "cover page", _clause_order(n)))


def draft_summary(diff: ProfileDiff) -> list[str]:
    return [change.message + (f" ({change.clause})" if change.clause else "") for change in diff.changes]


@dataclass(frozen=True)
class CoverField:
    label: str
    lines: tuple[str, ...]


def cover_fields(cr: ChangeRequest, diff: ProfileDiff) -> list[CoverField]:
    """The form's fields in its order, each with its text lines."""
    def one(label: str, value: str | None) -> CoverField:
        return CoverField(label, (value or "",))

    other = []
    for label, item in (("Other core specifications", cr.other_specs.core),
                        ("Test specifications", cr.other_specs.test), ("O&M specifications", cr.other_specs.om)):
        other.append(f"{'Y' if item.affected else 'N'} {label}" + (f": {', '.join(item.specs)}" if item.specs else ""))
    summary = (cr.summary,) if cr.summary else tuple(draft_summary(diff)) or ("No change.",)
    clauses = cr.clauses_affected if cr.clauses_affected is not None else clauses_affected(diff)
    return [
        one("Meeting", cr.meeting), one("Tdoc", cr.tdoc),
        one("Specification", cr.spec), one("CR", cr.cr_number.zfill(4)), one("Revision", cr.revision),
        one("Current version", cr.current_version), one("Title", cr.title),
        one("Source to WG", cr.source_to_wg), one("Source to TSG", cr.source_to_tsg),
        one("Work item code", cr.work_item), one("Date", cr.date.isoformat()),
        one("Category", f"{cr.category} ({CATEGORIES[cr.category]})"), one("Release", cr.release),
        one("Reason for change", cr.reason), CoverField("Summary of change", summary),
        one("Consequences if not approved", cr.consequences),
        one("Clauses affected", ", ".join(clauses) or "none"),
        CoverField("Other specs affected", tuple(other)),
        one("Other comments", cr.other_comments or ""),
    ]


def cover_markdown(fields: list[CoverField]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    out = ["## CHANGE REQUEST", "", "| Field | Value |", "|---|---|"]
    for field in fields:
        out.append(f"| {field.label} | {'<br>'.join(cell(line) for line in field.lines)} |")
    return "\n".join(out) + "\n"


def cover_wordml(fields: list[CoverField]) -> list[Any]:
    """The cover as WordprocessingML blocks: a heading, a two-column bordered table, a page break."""
    etree = lxml_etree()

    def paragraph(text: str, *, bold: bool = False, size: int | None = None, center: bool = False) -> Any:
        p = etree.Element(w("p"))
        ppr = etree.SubElement(p, w("pPr"))
        etree.SubElement(ppr, w("spacing"), {w("before"): "0", w("after"): "0"})
        if center:
            etree.SubElement(ppr, w("jc"), {w("val"): "center"})
        run = etree.SubElement(p, w("r"))
        rpr = etree.SubElement(run, w("rPr"))
        if bold:
            etree.SubElement(rpr, w("b"))
        if size:
            etree.SubElement(rpr, w("sz"), {w("val"): str(size)})
        t = etree.SubElement(run, w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return p

    table = etree.Element(w("tbl"), nsmap={"w": W})
    tblpr = etree.SubElement(table, w("tblPr"))
    etree.SubElement(tblpr, w("tblW"), {w("type"): "pct", w("w"): "5000"})
    borders = etree.SubElement(tblpr, w("tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        etree.SubElement(borders, w(side), {w("val"): "single", w("sz"): "4", w("space"): "0", w("color"): "auto"})
    grid = etree.SubElement(table, w("tblGrid"))
    for width in ("2800", "6838"):
        etree.SubElement(grid, w("gridCol"), {w("w"): width})
    for field in fields:
        tr = etree.SubElement(table, w("tr"))
        etree.SubElement(etree.SubElement(tr, w("trPr")), w("cantSplit"))
        for width, lines, bold in (("2800", (field.label,), True), ("6838", field.lines, False)):
            tc = etree.SubElement(tr, w("tc"))
            etree.SubElement(etree.SubElement(tc, w("tcPr")), w("tcW"), {w("type"): "dxa", w("w"): width})
            for line in lines or ("",):
                tc.append(paragraph(line, bold=bold, size=18))
    page_break = etree.Element(w("p"))
    etree.SubElement(etree.SubElement(page_break, w("r")), w("br"), {w("type"): "page"})
    return [paragraph("CHANGE REQUEST", bold=True, size=32, center=True), table, page_break]
