"""Load a profile file: YAML with positions → imports resolved → pydantic model, errors as findings."""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path
from typing import Any

from profilekit.findings import Finding, InputError, Severity
from profilekit.load.loaded import LoadedProfile, PackageRecord
from profilekit.load.source import Document, YamlPath, format_path
from profilekit.load.yaml12 import decode, load_text

MAX_IMPORTS = 64


def display_path(path: Path) -> str:
    """Paths in messages: relative to the working directory when below it, as users typed them."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_yaml(path: Path, shown: str) -> tuple[Any, Document, bytes]:
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise _file_error(shown, "is a directory, not a YAML file") from None
    except FileNotFoundError:
        raise _file_error(shown, "no such file") from None
    except OSError as exc:
        raise _file_error(shown, f"cannot read: {exc.strerror or exc}") from None
    text = decode(raw, shown)
    from profilekit.load.secrets import scan_text

    scan_text(text, shown)
    data, doc = load_text(text, shown)
    return data, doc, raw


def _file_error(shown: str, message: str, code: str = "LD007") -> InputError:
    return InputError([Finding(code=code, severity=Severity.ERROR, message=message, file=shown)])


def _error(doc: Document, path: YamlPath, code: str, message: str, *, key: bool = False) -> Finding:
    pos = doc.locate(path, key=key)
    return Finding(code=code, severity=Severity.ERROR, message=message, file=doc.path, line=pos.line,
                   column=pos.column, yaml_path=format_path(path))


def _require_mapping(data: Any, doc: Document, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise InputError([_error(doc, (), "SC003", f"the file must hold a mapping ({what}), but it is {kind}")])
    return data


class _Imports:
    """Loads package libraries depth-first, reporting missing files, cycles and duplicate packages."""

    def __init__(self) -> None:
        self.done: dict[Path, list[PackageRecord]] = {}
        self.findings: list[Finding] = []
        self.order: list[str] = []

    def resolve(self, owner: Path, doc: Document, data: dict[str, Any], chain: tuple[Path, ...]
                ) -> list[PackageRecord]:
        records: list[PackageRecord] = []
        entries = data.get("imports")
        if not isinstance(entries, list):
            return records  # the model reports a wrong type
        for i, entry in enumerate(entries):
            if not isinstance(entry, str) or not entry:
                continue
            target = (owner.parent / entry).resolve()
            shown = display_path(target)
            if target in chain:
                cycle = " → ".join(display_path(p) for p in (*chain[chain.index(target):], target))
                self.findings.append(_error(doc, ("imports", i), "LD008", f"import cycle: {cycle}"))
                continue
            if target in self.done:
                records.extend(self.done[target])
                continue
            if len(self.done) >= MAX_IMPORTS:
                self.findings.append(_error(doc, ("imports", i), "LD005",
                                            f"more than {MAX_IMPORTS} imported files"))
                continue
            if not target.is_file():
                why = "is a directory" if target.is_dir() else "does not exist"
                self.findings.append(_error(doc, ("imports", i), "LD007",
                                            f"imported file {entry!r} {why} (looked for {shown})"))
                continue
            try:
                lib_data, lib_doc, _ = read_yaml(target, shown)
                loaded = self._library(target, lib_data, lib_doc, (*chain, target))
            except InputError as exc:
                self.findings.extend(exc.findings)
                loaded = []
            self.done[target] = loaded
            records.extend(loaded)
        return records

    def _library(self, path: Path, data: Any, doc: Document, chain: tuple[Path, ...]) -> list[PackageRecord]:
        from pydantic import ValidationError

        from profilekit.load.errors import findings_from_validation
        from profilekit.model.profile import PackageLibrary

        mapping = _require_mapping(data, doc, "a package library with `kind: package_library`")
        nested = self.resolve(path, doc, mapping, chain)
        try:
            library = PackageLibrary.model_validate(mapping)
        except ValidationError as exc:
            self.findings.extend(findings_from_validation(exc, PackageLibrary, mapping, doc))
            return nested
        self.order.append(doc.path)
        own = [PackageRecord(package=p, support="mandatory", doc=doc, yaml_path=("packages", i), origin=doc.path)
               for i, p in enumerate(library.packages)]
        return nested + own


def load_profile(path: str | Path) -> LoadedProfile:
    """Read, resolve and validate one profile; raises InputError with every problem found."""
    from pydantic import ValidationError

    from profilekit.load.errors import findings_from_validation
    from profilekit.model.profile import Profile

    file = Path(path)
    shown = str(path)
    data, doc, raw = read_yaml(file, shown)
    mapping = _require_mapping(data, doc, "a profile")
    imports = _Imports()
    available = imports.resolve(file.resolve(), doc, mapping, (file.resolve(),))
    findings = list(imports.findings)
    try:
        profile = Profile.model_validate(mapping)
    except ValidationError as exc:
        findings.extend(findings_from_validation(exc, Profile, mapping, doc))
        raise InputError(findings) from None
    packages = _profile_packages(profile, doc, available, findings)
    if findings:
        raise InputError(findings)
    return LoadedProfile(path=shown, doc=doc, profile=profile, data=mapping,
                         source_sha256=hashlib.sha256(raw).hexdigest(), packages=packages,
                         libraries=imports.order)


def _profile_packages(profile: Any, doc: Document, available: list[PackageRecord],
                      findings: list[Finding]) -> dict[str, PackageRecord]:
    from profilekit.model.packages import PackageUse

    library: dict[str, PackageRecord] = {}
    for record in available:
        first = library.get(record.package.id)
        if first is not None and first.doc.path != record.doc.path:
            findings.append(_error(record.doc, (*record.yaml_path, "id"), "SC004",
                                   f"package {record.package.id!r} is also defined in {first.origin}"))
        library.setdefault(record.package.id, record)
    used: dict[str, PackageRecord] = {}
    for i, item in enumerate(profile.packages):
        if isinstance(item, PackageUse):
            found = library.get(item.use)
            if found is None:
                hint = difflib.get_close_matches(item.use, list(library), n=1)
                where = "the imported libraries" if library else "any imported file (is `imports` set?)"
                findings.append(_error(doc, ("packages", i, "use"), "SC005",
                                       f"package {item.use!r} is not defined in {where}"
                                       + (f"; did you mean {hint[0]!r}?" if hint else "")))
                continue
            record = PackageRecord(package=found.package, support=item.support, doc=found.doc,
                                   yaml_path=found.yaml_path, origin=found.origin)
            pid = item.use
        else:
            record = PackageRecord(package=item, support=item.support, doc=doc, yaml_path=("packages", i),
                                   origin="inline")
            pid = item.id
        if pid in used:
            findings.append(_error(doc, ("packages", i), "SC004", f"package {pid!r} is listed twice"))
            continue
        used[pid] = record
    return used
