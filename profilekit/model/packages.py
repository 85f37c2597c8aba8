"""Clause 14 - Packages: definitions (often imported from a shared library) and their use in a profile."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from profilekit.model.base import Name, Strict, Text

PackageId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,63}$")]
ElementId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_]{0,63}$")]
ValueType = Literal["boolean", "integer", "double", "string", "octet_string", "enumeration", "sub_list"]
Scalar = Name | int | float | bool


class Range(Strict):
    min: int | float | None = None
    """Smallest allowed value."""
    max: int | float | None = None
    """Largest allowed value."""


class Parameter(Strict):
    """A property-like typed item: event/signal parameter or ObservedEvents parameter."""

    id: ElementId
    """Element id as it appears on the wire, e.g. `role`."""
    name: Text | None = None
    """Descriptive name."""
    type: ValueType
    """Value type (H.248.1 clause 12 types)."""
    values: list[Scalar] = []
    """Allowed values (enumerations), in the order the package defines them."""
    range: Range | None = None
    """Allowed range of numeric values."""
    default: Scalar | None = None
    """Value used when the MGC does not set it."""
    mandatory: bool = False
    """Whether the element must be present."""
    description: Text | None = None
    """What the element means."""


class Property(Parameter):
    descriptor: Literal["termination_state", "local_control", "media", "events", "signals", "context"] = (
        "local_control")
    """Descriptor that carries the property (H.248.1 clause 7.1)."""
    readonly: bool = False
    """Read-only properties report capabilities and are audited, never set."""


class Event(Strict):
    id: ElementId
    """Event id as it appears on the wire, e.g. `term`."""
    name: Text | None = None
    """Descriptive name."""
    description: Text | None = None
    """When the MG reports the event."""
    parameters: list[Parameter] = []
    """EventsDescriptor parameters (set by the MGC)."""
    observed_parameters: list[Parameter] = []
    """ObservedEventsDescriptor parameters (reported by the MG), e.g. a reason code."""


class Signal(Strict):
    id: ElementId
    """Signal id as it appears on the wire."""
    name: Text | None = None
    """Descriptive name."""
    type: Literal["brief", "on_off", "timeout"] = "brief"
    """Signal type: `brief`, `on_off` or `timeout`."""
    duration_ms: Annotated[int, Field(ge=0)] | None = None
    """Default duration of a timeout signal in milliseconds."""
    description: Text | None = None
    """What the signal makes the MG do."""
    parameters: list[Parameter] = []
    """Signal parameters."""


class Statistic(Strict):
    id: ElementId
    """Statistic id as it appears on the wire."""
    name: Text | None = None
    """Descriptive name."""
    type: ValueType = "integer"
    """Value type."""
    unit: Text | None = None
    """e.g. `octets`, `sessions`, `ms`."""
    description: Text | None = None
    """What is counted or measured."""


class ErrorCode(Strict):
    code: Annotated[int, Field(ge=0, le=65535)]
    """H.248 error code (0-65535)."""
    name: Text
    """Error name."""
    description: Text | None = None
    """When the error is returned."""


class Package(Strict):
    """A package definition: what H.248.1 Annex/series Recommendations call 'package'."""

    id: PackageId
    """Package name as it appears on the wire, e.g. `tlsbsc`."""
    name: Text
    """Descriptive name, e.g. `TLS basic session control`."""
    serial: Annotated[int, Field(ge=1, le=0xFFFF)] | None = None
    """IANA package serial (0x0001-0x7FFF public, 0x8000-0xFFFF private), where known."""
    version: Annotated[int, Field(ge=1)] = 1
    """Package version."""
    extends: Name | None = None
    """`package/version` this package extends."""
    reference: Text | None = None
    """Where the package is specified, e.g. `ITU-T H.248.90`."""
    illustrative: bool = False
    """True when the id/serial are placeholders, not the normative values (the toolkit never invents them)."""
    description: Text | None = None
    """What the package is for."""
    properties: list[Property] = []
    """Properties the package defines."""
    events: list[Event] = []
    """Events the package defines."""
    signals: list[Signal] = []
    """Signals the package defines."""
    statistics: list[Statistic] = []
    """Statistics the package defines."""
    error_codes: list[ErrorCode] = []
    """Error codes the package defines."""
    procedures: Text | None = None
    """Procedures text of the package."""

    @model_validator(mode="after")
    def _unique_elements(self) -> Package:
        for kind in ("properties", "events", "signals", "statistics"):
            ids = [item.id for item in getattr(self, kind)]
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"package {self.id!r} defines {kind} {', '.join(dupes)} more than once")
        return self


class PackageUse(Strict):
    """Includes a package defined in an imported library, with the support level of this profile."""

    use: PackageId
    """Id of a package defined in one of the files listed under `imports`."""
    support: Literal["mandatory", "optional"] = "mandatory"
    """Support of the package in this profile."""
    notes: Text | None = None
    """Restrictions or remarks on the package's use in this profile."""


class PackageEntry(Package):
    """A package defined inline in the profile."""

    support: Literal["mandatory", "optional"] = "mandatory"
    """Support of the package in this profile."""
    notes: Text | None = None
    """Restrictions or remarks on the package's use in this profile."""


KIND_FIELDS: dict[str, str] = {"property": "properties", "event": "events", "signal": "signals",
                               "statistic": "statistics"}
