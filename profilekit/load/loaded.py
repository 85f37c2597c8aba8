"""What loading a profile yields: the model, its source positions and the packages it can use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from profilekit.findings import Finding, Severity
from profilekit.load.source import Document, Pos, YamlPath, format_path
from profilekit.model.packages import Package
from profilekit.model.profile import Profile


@dataclass(frozen=True)
class PackageRecord:
    """A package the profile uses, with where it is defined (the profile or an imported library)."""

    package: Package
    support: str
    doc: Document
    yaml_path: YamlPath
    origin: str
    """`inline`, or the path of the library file that defines it."""


@dataclass
class LoadedProfile:
    path: str
    doc: Document
    profile: Profile
    data: Any
    source_sha256: str
    packages: dict[str, PackageRecord] = field(default_factory=dict)
    libraries: list[str] = field(default_factory=list)

    def locate(self, path: YamlPath, *, key: bool = False) -> Pos:
        return self.doc.locate(path, key=key)

    def finding(self, *, code: str, severity: Severity, message: str, path: YamlPath,
                refs: tuple[str, ...] = (), key: bool = False, doc: Document | None = None) -> Finding:
        """A finding positioned at `path` of this profile (or of `doc`, for imported packages)."""
        where = doc or self.doc
        pos = where.locate(path, key=key)
        return Finding(code=code, severity=severity, message=message, file=where.path, line=pos.line,
                       column=pos.column, yaml_path=format_path(path), refs=refs)
