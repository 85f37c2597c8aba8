"""What a profile specifies, as plain JSON values: the model dump with imports resolved, and where each node
of that dump was written (file, line, column), so a change can name its line in both files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from profilekit.load.loaded import LoadedProfile
from profilekit.load.source import Document, YamlPath
from profilekit.model.packages import PackageUse

DumpPath = tuple[str | int, ...]
"""A path into the dump: keys and list indexes (as in an RFC 6901 pointer)."""


@dataclass(frozen=True)
class Place:
    """Where a node of the dump was written."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def spec_dump(loaded: LoadedProfile) -> dict[str, Any]:
    """The profile as JSON values, as the diff and the JSON patch see it: the model's dump (defaults filled
    in, so writing a default out is no change) without `imports`, and `packages` as the packages the
    profile uses, each the full definition (from the profile or an imported library) with the profile's
    `support` and `notes`. Comments, key order, quoting and YAML style are gone by construction."""
    data = loaded.profile.model_dump(mode="json", exclude={"imports", "packages"})
    items = {(item.use if isinstance(item, PackageUse) else item.id): item
             for item in reversed(loaded.profile.packages)}  # the first one wins, as in loaded.packages
    packages = []
    for pid, record in loaded.packages.items():
        item = items.get(pid)
        entry = record.package.model_dump(mode="json")
        entry.pop("support", None)
        entry.pop("notes", None)
        entry["support"] = record.support
        entry["notes"] = item.notes if item is not None else None
        packages.append(entry)
    data["packages"] = packages
    return data


class Sources:
    """Maps a dump path of one profile to where it was written (the profile or an imported library)."""

    def __init__(self, loaded: LoadedProfile) -> None:
        self.loaded = loaded
        self.records = list(loaded.packages.values())
        self.use_index: dict[str, int] = {}
        for i, item in enumerate(loaded.profile.packages):
            self.use_index[item.use if isinstance(item, PackageUse) else item.id] = i

    def place(self, path: DumpPath) -> Place:
        doc, yaml_path = self._where(path)
        pos = doc.locate(yaml_path)
        return Place(doc.path, pos.line, pos.column)

    def _where(self, path: DumpPath) -> tuple[Document, YamlPath]:
        if len(path) >= 2 and path[0] == "packages" and isinstance(path[1], int) and path[1] < len(self.records):
            record = self.records[path[1]]
            rest = path[2:]
            if record.origin != "inline" and (not rest or rest[0] in ("support", "notes")):
                index = self.use_index.get(record.package.id)
                if index is not None:
                    return self.loaded.doc, ("packages", index, *rest)
            return record.doc, (*record.yaml_path, *rest)
        return self.loaded.doc, path
