"""One change between two profiles, as every view of a diff reports it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from profilekit.revisions.spec import DumpPath, Place

Kind = Literal["added", "removed", "changed", "moved"]


@dataclass(frozen=True)
class Change:
    """One difference between OLD and NEW."""

    kind: Kind
    path: str
    """Where, by identity: `tls.profiles[access_tls].cipher_suites[TLS_AES_128_GCM_SHA256]`."""
    message: str
    old: Any = None
    new: Any = None
    old_position: int | None = None
    """1-based position in an ordered list (moves, and items of lists of values)."""
    new_position: int | None = None
    old_place: Place | None = None
    new_place: Place | None = None
    old_dump_path: DumpPath = ()
    new_dump_path: DumpPath = ()
    clause: str = ""
    """The document clause (and table) it lands in: `6.2.1, Table 27`."""

    def to_record(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "path": self.path, "clause": self.clause, "message": self.message,
            "old": self.old, "new": self.new,
            "positions": {"old": self.old_position, "new": self.new_position},
            "lines": {"old": _place_record(self.old_place), "new": _place_record(self.new_place)},
        }


def _place_record(place: Place | None) -> dict[str, Any] | None:
    return None if place is None else {"file": place.file, "line": place.line, "column": place.column}
