"""Load a profile file: YAML with positions → imports resolved → pydantic model, errors as findings."""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from profilekit.findings import Finding, InputError, NonRuleCode, Severity
from profilekit.load import words
from profilekit.load.errors import findings_from_validation
from profilekit.load.loaded import LoadedProfile, PackageRecord
from profilekit.load.source import Document, YamlPath, format_path
from profilekit.load.words import show
from profilekit.load.yaml12 import MAX_FILE_BYTES, decode, load_text
from profilekit.model.packages import PackageUse
from profilekit.model.profile import PackageLibrary, Profile

MAX_IMPORTS = 64

CODES = (
    NonRuleCode(code="LD007", title="File not found or unreadable",
                description="The profile or an imported library cannot be read."),
    NonRuleCode(code="LD008", title="Import cycle", description="Package libraries import each other in a cycle."),
    NonRuleCode(code="SC000", title="Too many schema errors",
                description="The file has more schema errors than are reported; the last finding counts them "
                            "all. Fix the ones shown and run again."),
    NonRuleCode(code="SC004", title="Duplicate package", description="A package is defined or listed twice."),
    NonRuleCode(code="SC005", title="Unknown package",
                description="A `use:` names a package that no imported library defines."),
)
"""The codes of the findings this module raises, besides LD005 for the imports' size and number (declared
in profilekit.load.yaml12) and SC003 for a file that is not a mapping (profilekit.load.errors);
profilekit.load.codes collects them."""


def display_path(path: Path) -> str:
    """Paths in messages: relative to the working directory when below it, as users typed them."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class FileProblem(Exception):
    """A file that cannot be read as a profile (missing, a directory, a FIFO/device, too large, …)."""

    def __init__(self, message: str, code: str = "LD007", *, phrase: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.phrase = phrase or message
        """The problem as a verb phrase (`does not exist`), for `imported file 'x' does not exist`."""


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_source(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES, without ever blocking.

    Opened non-blocking and checked with fstat on the open descriptor, so a FIFO, /dev/zero, a terminal
    (/dev/stdin) or a file swapped in between check and read is refused instead of hanging or filling
    memory; the read stops one byte past the limit even if the file grows meanwhile. `limit` is lower
    than MAX_FILE_BYTES for imported files, which share one budget with the profile.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem("no such file", phrase="does not exist") from None
    except IsADirectoryError:
        raise FileProblem("is a directory, not a YAML file", phrase="is a directory") from None
    except PermissionError:
        raise FileProblem("permission denied (the file is not readable)",
                          phrase="is not readable (permission denied)") from None
    except OSError as exc:
        raise FileProblem(f"cannot open: {exc.strerror or exc}",
                          phrase=f"cannot be opened ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("is a directory, not a YAML file", phrase="is a directory")
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
            raise FileProblem(f"is {kind}, not a regular file; profilekit reads profiles from files only",
                              phrase=f"is {kind}, not a regular file")
        if info.st_size > limit:
            raise FileProblem(_too_large(info.st_size, limit), "LD005",
                              phrase=f"is too large ({_too_large(info.st_size, limit)})")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileProblem(f"file grew past the limit of {limit:,} bytes while being read", "LD005")
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"cannot read: {exc.strerror or exc}",
                          phrase=f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    if limit == MAX_FILE_BYTES:
        return f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
    return (f"file is {size:,} bytes; a profile and its imports may hold {MAX_FILE_BYTES:,} bytes together, "
            f"and {max(limit, 0):,} are left")


def read_yaml(path: Path, shown: str, limit: int = MAX_FILE_BYTES) -> tuple[Any, Document, bytes]:
    """Read, decode and parse one file; file-level problems raise FileProblem, content problems InputError."""
    raw = read_source(path, limit)
    text = decode(raw, shown)
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
        raise InputError([_error(doc, (), "SC003", f"the file must hold a mapping of key: value lines "
                                 f"({what}), but it holds {words.kind(data)}")])
    return data


MAX_MODEL_FINDINGS = 200
"""Model errors reported per file; a file with more gets a last finding that counts the rest."""


def model_findings(exc: Any, model: Any, data: Any, doc: Document) -> list[Finding]:
    """Findings for a pydantic ValidationError, cheaply even when it holds a million errors.

    Turning every error into a dict costs ~4 µs and ~1 KB each, so for a hostile file with a huge list
    of wrong items we re-validate a copy whose lists are cut short and report what that shows.
    """
    total = exc.error_count()
    error = exc
    if total > MAX_MODEL_FINDINGS:
        for keep in (10, 1000):
            try:
                model.model_validate(_truncated(data, keep, {}))
            except ValidationError as short:
                if short.error_count() >= MAX_MODEL_FINDINGS or keep == 1000:
                    error = short
                    break
    findings = sorted(findings_from_validation(error, model, data, doc), key=Finding.sort_key)
    if total > len(findings) or len(findings) > MAX_MODEL_FINDINGS:
        shown = findings[:MAX_MODEL_FINDINGS]
        last = shown[-1]
        shown.append(Finding(code="SC000", severity=Severity.ERROR, file=doc.path, line=last.line,
                             column=last.column, message=f"{total:,} schema errors in all; the first "
                             f"{len(shown)} are shown (fix these and run again)"))
        return shown
    return findings


def _truncated(data: Any, keep: int, memo: dict[int, Any]) -> Any:
    """`data` with every list cut to `keep` items (shared values copied once)."""
    if isinstance(data, dict | list):
        if id(data) in memo:
            return memo[id(data)]
        if isinstance(data, dict):
            out: Any = {k: _truncated(v, keep, memo) for k, v in data.items()}
        else:
            out = [_truncated(v, keep, memo) for v in data[:keep]]
        memo[id(data)] = out
        return out
    return data


class _Imports:
    """Loads package libraries depth-first, reporting missing files, cycles and duplicate packages."""

    def __init__(self, used: int = 0) -> None:
        self.budget = MAX_FILE_BYTES - used
        """Bytes left for imported files: the profile and all its imports share MAX_FILE_BYTES."""
        self.done: dict[Path, list[PackageRecord]] = {}
        self.findings: list[Finding] = []
        self.order: list[str] = []
        self.failed = False
        """An imported file could not be loaded: its packages are unknown, so `use:` is not checked."""

    def resolve(self, owner: Path, doc: Document, data: dict[str, Any], chain: tuple[Path, ...]
                ) -> list[PackageRecord]:
        records: list[PackageRecord] = []
        entries = data.get("imports")
        if not isinstance(entries, list):
            return records  # the model reports a wrong type
        for i, entry in enumerate(entries):
            if not isinstance(entry, str) or not entry:
                continue
            try:
                if "\x00" in entry:
                    raise ValueError("NUL in path")
                target = (owner.parent / entry).resolve()
            except (OSError, RuntimeError, ValueError) as exc:  # NUL bytes, symlink loops
                why = "has a NUL character" if isinstance(exc, ValueError) else f"cannot be resolved ({exc})"
                self.findings.append(_error(doc, ("imports", i), "LD007", f"import path {why}"))
                self.failed = True
                continue
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
            try:
                lib_data, lib_doc, lib_raw = read_yaml(target, shown, max(self.budget, 0))
                self.budget -= len(lib_raw)
                loaded = self._library(target, lib_data, lib_doc, (*chain, target))
            except FileProblem as exc:
                message = f"imported file {show(entry)} {exc.phrase} (looked for {shown})"
                self.findings.append(_error(doc, ("imports", i), exc.code, _curly_path(doc, ("imports", i), message)))
                self.failed = True
                loaded = []
            except InputError as exc:
                self.failed = True
                self.findings.extend(exc.findings)
                loaded = []
            self.done[target] = loaded
            records.extend(loaded)
        return records

    def _library(self, path: Path, data: Any, doc: Document, chain: tuple[Path, ...]) -> list[PackageRecord]:
        mapping = _require_mapping(data, doc, "a package library with `kind: package_library`")
        nested = self.resolve(path, doc, mapping, chain)
        try:
            library = PackageLibrary.model_validate(mapping)
        except ValidationError as exc:
            self.findings.extend(model_findings(exc, PackageLibrary, mapping, doc))
            self.failed = True
            return nested
        self.order.append(doc.path)
        own = [PackageRecord(package=p, support="mandatory", doc=doc, yaml_path=("packages", i), origin=doc.path)
               for i, p in enumerate(library.packages)]
        return nested + own


def _curly_path(doc: Document, path: YamlPath, message: str) -> str:
    """An import path wrapped in Word's curly quotes: the message names them (YAML kept them in the path)."""
    pos = doc.locate(path)
    found = words.curly_span(words.line_text(doc.text, pos.line), pos.line, pos.column)
    if found is None:
        return message
    curly, meant = found
    return (f"{message}: {curly.message()}, so it took them as part of the path"
            + (f"; write {words.straight(meant)}" if meant else ""))


def _without_repeats(findings: list[Finding]) -> list[Finding]:
    """An import path that cannot be loaded also breaks the path's model check at the same place
    (e.g. curly quotes): the import finding says it, once."""
    imported = {(f.file, f.line, f.column) for f in findings if f.code in ("LD007", "LD008")}
    return [f for f in findings if f.code != "SC003" or (f.file, f.line, f.column) not in imported]


def load_profile(path: str | Path) -> LoadedProfile:
    """Read, resolve and validate one profile; raises InputError with every problem found."""
    file = Path(path)
    shown = str(path)
    try:
        data, doc, raw = read_yaml(file, shown)
    except FileProblem as exc:
        raise _file_error(shown, exc.message, exc.code) from None
    mapping = _require_mapping(data, doc, "a profile")
    if mapping.get("kind") == "package_library":
        raise InputError([_error(doc, ("kind",), "SC003",
                                 "this file is a package library (`kind: package_library`), not a profile: "
                                 "profiles use it through `imports:`, and validating such a profile checks the "
                                 "library too; give profilekit the profile instead")])
    imports = _Imports(len(raw))
    available = imports.resolve(file.resolve(), doc, mapping, (file.resolve(),))
    findings = list(imports.findings)
    try:
        profile = Profile.model_validate(mapping)
    except ValidationError as exc:
        findings.extend(model_findings(exc, Profile, mapping, doc))
        raise InputError(_without_repeats(findings)) from None
    packages = _profile_packages(profile, doc, available, findings, imports_failed=imports.failed)
    if findings:
        raise InputError(_without_repeats(findings))
    return LoadedProfile(path=shown, doc=doc, profile=profile, data=mapping,
                         source_sha256=hashlib.sha256(raw).hexdigest(), packages=packages,
                         libraries=imports.order)


def _profile_packages(profile: Profile, doc: Document, available: list[PackageRecord],
                      findings: list[Finding], *, imports_failed: bool = False) -> dict[str, PackageRecord]:
    library: dict[str, PackageRecord] = {}
    for record in available:
        first = library.get(record.package.id)
        if first is not None and first.doc.path != record.doc.path:
            findings.append(_error(record.doc, (*record.yaml_path, "id"), "SC004",
                                   f"package {show(record.package.id)} is also defined in {first.origin}"))
        library.setdefault(record.package.id, record)
    used: dict[str, PackageRecord] = {}
    for i, item in enumerate(profile.packages):
        if isinstance(item, PackageUse):
            found = library.get(item.use)
            if found is None:
                if imports_failed:  # the package may well be in the file that failed: no noise
                    continue
                hint = difflib.get_close_matches(item.use, list(library), n=1)
                where = "the imported libraries" if library else "any imported file (is `imports` set?)"
                findings.append(_error(doc, ("packages", i, "use"), "SC005",
                                       f"package {show(item.use)} is not defined in {where}"
                                       + (f"; did you mean {show(hint[0])}?" if hint else "")))
                continue
            record = PackageRecord(package=found.package, support=item.support, doc=found.doc,
                                   yaml_path=found.yaml_path, origin=found.origin)
            pid = item.use
        else:
            record = PackageRecord(package=item, support=item.support, doc=doc, yaml_path=("packages", i),
                                   origin="inline")
            pid = item.id
        if pid in used:
            findings.append(_error(doc, ("packages", i), "SC004", f"package {show(pid)} is listed twice"))
            continue
        used[pid] = record
    return used
