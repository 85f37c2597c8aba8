"""A 3GPP change request's cover page (the CR form), read from CR.yaml for `render --cr`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from profilekit.model.base import Name, Strict, Text

CATEGORIES: dict[str, str] = {
    "F": "correction", "A": "mirror of a correction made in an earlier release", "B": "addition of feature",
    "C": "functional modification of feature", "D": "editorial modification",
}
"""The CR categories and what each means (3GPP TR 21.900)."""


class OtherSpec(Strict):
    """One line of "Other specs affected": whether that kind of specification is affected, and by which CRs."""

    affected: bool = False
    """Y or N on the form."""
    specs: list[Name] = []
    """Specifications (with their CR numbers), e.g. `TS 29.333 CR 0123`."""


class OtherSpecs(Strict):
    core: OtherSpec = OtherSpec()
    """Other core specifications."""
    test: OtherSpec = OtherSpec()
    """Test specifications."""
    om: OtherSpec = OtherSpec()
    """O&M specifications."""


class ChangeRequest(Strict):
    """The fields of the 3GPP CR form; `summary` and `clauses_affected` default to what the diff finds."""

    meeting: Text
    """Meeting, e.g. `3GPP TSG-CT WG4 Meeting #131, Dallas, US, 17-21 November 2026`."""
    tdoc: Name
    """Tdoc number of this CR, e.g. `C4-265123`."""
    spec: Annotated[str, StringConstraints(pattern=r"^\d{2}\.\d{3}(-\d+)?$")]
    """Specification number, e.g. `29.334`."""
    cr_number: Annotated[str, StringConstraints(pattern=r"^\d{1,4}$")]
    """CR number (up to 4 digits; printed with 4)."""
    revision: Annotated[str, StringConstraints(pattern=r"^(-|\d{1,2})$")] = "-"
    """`-` for the first version of the CR, then 1, 2, …"""
    current_version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    """Version of the specification the CR changes, e.g. `18.2.0`."""
    title: Text
    """Title of the CR."""
    source_to_wg: Text
    """Companies proposing the CR."""
    source_to_tsg: Text
    """The working group that sends it to the TSG, e.g. `CT4`."""
    work_item: Name
    """Work item code, e.g. `TEI19`."""
    date: Annotated[dt.date, Field(strict=False)]
    """Date of the CR (YYYY-MM-DD)."""
    category: Literal["F", "A", "B", "C", "D"]
    """F correction, A mirror of a correction, B addition of feature, C functional modification, D editorial."""
    release: Annotated[str, StringConstraints(pattern=r"^Rel-\d{1,2}$")]
    """Release, e.g. `Rel-19`."""
    reason: Text
    """Reason for change."""
    summary: Text | None = None
    """Summary of change; by default a draft listing the changes the diff finds."""
    consequences: Text
    """Consequences if not approved."""
    clauses_affected: list[Name] | None = None
    """Clauses affected; by default those the diff finds."""
    other_specs: OtherSpecs = OtherSpecs()
    """Other specifications affected."""
    other_comments: Text | None = None
    """Other comments."""
