"""Profile identification and front matter: editors, references, terms, abbreviations, contribution."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from profilekit.model.base import Identifier, Name, Strict, Text

ProfileName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,63}$")]


class Editor(Strict):
    name: Text
    """Full name as it appears on the contribution."""
    organization: Text | None = None
    """Organisation the person represents."""
    email: Name | None = None
    """Contact e-mail address."""
    phone: Name | None = None
    """Telephone number as printed on a contribution cover, e.g. `+41 22 730 5111`."""
    country: Text | None = None
    """Country of the person's organization (the ITU-T cover prints it after the organization)."""


class BasedOn(Strict):
    """The parent profile this one extends (H.248.1 profile identification)."""

    name: ProfileName
    """Name of the parent profile."""
    version: Annotated[int, Field(ge=1)]
    """Version of the parent profile."""


class Identification(Strict):
    """Clause 1 - Profile identification."""

    name: ProfileName
    """Profile name as registered (IANA/ETSI style, e.g. `ETSIprof_MSRP_TLS`); at most 64 characters."""
    version: Annotated[int, Field(ge=1)]
    """Integer profile version, as carried in ServiceChangeProfile (`name/version`)."""
    title: Text
    """Title of the profile document."""
    status: Literal["draft", "consented", "approved", "published", "superseded", "withdrawn"] = "draft"
    """Approval status of this version."""
    date: Annotated[dt.date, Field(strict=False)]
    """Date of this version (YYYY-MM-DD); also stamped into generated documents."""
    body: Text
    """Standards body or group responsible, e.g. `ITU-T SG16`, `3GPP CT4`, `ETSI TC NTECH`."""
    editors: Annotated[list[Editor], Field(min_length=1)]
    """Editors of the profile (at least one)."""
    based_on: BasedOn | None = None
    """The parent profile this one extends, if any."""
    illustrative: bool = False
    """True when the profile is an example whose package ids are not normative."""


class HistoryEntry(Strict):
    """One published or submitted version of the profile, for the History table."""

    version: Annotated[int, Field(ge=1)]
    """The profile version (identification.version of that edition)."""
    date: Annotated[dt.date, Field(strict=False)]
    """Date of that version (YYYY-MM-DD)."""
    summary: Text
    """What changed in that version."""
    contribution: Name | None = None
    """The contribution, change request or TD that brought it, e.g. `C 1234` or `C4-265123`."""


class Reference(Strict):
    id: Identifier
    """Key used in the text, e.g. `RFC5246` or `ITU-T_H.248.1`."""
    kind: Literal["normative", "informative"]
    """`normative` or `informative`."""
    title: Text
    """Full citation, e.g. `IETF RFC 5246 (2008), The Transport Layer Security (TLS) Protocol Version 1.2`."""
    url: Name | None = None
    """Where the document can be obtained."""


class Term(Strict):
    term: Text
    """The term being defined."""
    definition: Text
    """Its definition."""
    source: Name | None = None
    """Reference id where the term is defined elsewhere; omitted for terms defined by this profile."""


class Abbreviation(Strict):
    abbreviation: Text
    """The abbreviation, e.g. `SEP`."""
    expansion: Text
    """What it stands for, e.g. `Stream Endpoint`."""


class Contribution(Strict):
    """ITU-T style cover page data for submitting the profile as a contribution."""

    question: Text
    """e.g. `Q3/16`."""
    study_group: Text
    """e.g. `SG16`."""
    meeting: Text | None = None
    """Place and dates of the meeting."""
    number: Text | None = None
    """Document number, e.g. `C 1234` or `TD 567`."""
    source: Text
    """Organisation(s) submitting."""
    title: Text | None = None
    """Contribution title; defaults to the profile title."""
    purpose: Literal["proposal", "information", "discussion"]
    """Purpose of the contribution: `proposal`, `information` or `discussion`."""
    contacts: Annotated[list[Editor], Field(min_length=1)]
    """Contact persons printed on the cover page, one box each: name, organization, country, phone,
    e-mail."""
    abstract: Text | None = None
    """Abstract printed on the cover page."""
    study_period: Text | None = None
    """ITU-T study period, e.g. `2025-2028`; by default the one the profile's date falls in (known from
    2013-2016 to 2025-2028; outside them the cover leaves it out and `render` says so)."""
    language: Text = "English"
    """Language the contribution was written in (`Original:` on the cover)."""
    keywords: list[Text] | None = None
    """Keywords printed on the cover page, e.g. `[H.248, TLS, BFCP]`."""
