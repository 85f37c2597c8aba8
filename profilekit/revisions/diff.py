"""The semantic diff of two profiles: what changed in what they specify, matched by identity.

Lists of mappings are matched by their identity field (packages and their elements by `id`, TLS domains
and editors by `name`, commands by `command`, …), so reordering or inserting an item does not show every
later item as changed; an item whose only change is its identity is a rename. Lists of values (cipher
suites, groups, signature algorithms, versions, …) are ordered sets: an item is added, removed, or moved
(both positions given). Each change names the clause and table of the document it lands in and its place
in both files.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from profilekit.findings import InputError
from profilekit.load.loaded import LoadedProfile
from profilekit.load.profile import load_profile
from profilekit.revisions.changes import Change, Kind
from profilekit.revisions.locate import locate_changes
from profilekit.revisions.spec import DumpPath, Sources, spec_dump

IDENTITY_FIELDS: tuple[str, ...] = ("id", "use", "name", "command", "descriptor", "element", "term",
                                    "abbreviation", "code", "type", "version")
"""Fields that identify an item of a list of mappings, in the order they are tried: the first one every
item of both lists has, with values unique in each list."""

NOUNS: dict[str, str] = {
    "cipher_suites": "cipher suite", "groups": "group", "signature_algorithms": "signature algorithm",
    "versions": "TLS version", "profiles": "TLS profile", "domains": "TLS domain", "packages": "package",
    "properties": "property", "events": "event", "signals": "signal", "statistics": "statistic",
    "error_codes": "error code", "procedures": "procedure", "references": "reference", "commands": "command",
    "editors": "editor", "terms": "term", "abbreviations": "abbreviation", "descriptors": "descriptor",
    "types": "termination type", "streams": "stream", "timers": "timer", "attributes": "context attribute",
    "sdp_mandatory": "mandatory SDP element", "sdp_optional": "optional SDP element", "steps": "step",
    "parameters": "parameter", "observed_parameters": "observed parameter", "key_types": "certificate key type",
    "methods": "method", "trust_anchors": "trust anchor", "topologies": "topology", "formats": "format",
    "protocols": "protocol", "compression": "compression method", "values": "value", "tls_domains": "TLS domain",
    "tcp_roles": "TCP role", "tls_roles": "TLS role", "initiators": "initiator",
    "signature_hashes": "signature hash", "continue_conditions": "condition", "reasons": "reason",
    "keywords": "keyword", "contacts": "contact", "history": "history entry",
}
"""What one item of a list field is called in messages."""


@dataclass
class ProfileDiff:
    old: LoadedProfile
    new: LoadedProfile
    old_dump: dict[str, Any]
    new_dump: dict[str, Any]
    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not self.changes


# walking the two dumps


@dataclass(frozen=True)
class _Owner:
    """The nearest named item above a change (`TLS profile access_tls`) and its label."""

    name: str
    label: str

    def of(self, label: str) -> str:
        """`label` relative to this owner, for messages: `server_preference of TLS profile access_tls`."""
        if not self.label:
            return label
        rest = label[len(self.label):].lstrip(".")
        return f"{rest} of {self.name}" if rest else self.name

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class _Node:
    """One side of the walk: the value and its dump path."""

    value: Any
    path: DumpPath


class _Walker:
    def __init__(self, old: Sources, new: Sources) -> None:
        self.old_sources = old
        self.new_sources = new
        self.changes: list[Change] = []

    def add(self, kind: Kind, label: str, message: str, old: _Node | None, new: _Node | None,
            *, old_parent: DumpPath = (), new_parent: DumpPath = (), old_position: int | None = None,
            new_position: int | None = None, old_value: Any = None, new_value: Any = None) -> None:
        old_path = old.path if old is not None else old_parent
        new_path = new.path if new is not None else new_parent
        self.changes.append(Change(
            kind=kind, path=label, message=message,
            old=old.value if old is not None and old_value is None else old_value,
            new=new.value if new is not None and new_value is None else new_value,
            old_position=old_position, new_position=new_position,
            old_place=self.old_sources.place(old_path), new_place=self.new_sources.place(new_path),
            old_dump_path=old_path, new_dump_path=new_path))

    def walk(self, old: _Node, new: _Node, label: str, owner: _Owner) -> None:
        a, b = old.value, new.value
        if isinstance(a, dict) and isinstance(b, dict):
            self._mapping(old, new, label, owner)
        elif isinstance(a, list) and isinstance(b, list):
            self._list(old, new, label, owner)
        elif not _same(a, b):
            before, after = excerpts(a, b)
            self.add("changed", label, f"{owner.of(label)} changed from {before} to {after}", old, new)

    def _mapping(self, old: _Node, new: _Node, label: str, owner: _Owner) -> None:
        a, b = old.value, new.value
        keys = list(a) + [k for k in b if k not in a]
        for key in keys:
            sub = f"{label}.{key}" if label else key
            if key not in b:
                self.add("removed", sub, f"{owner.of(sub)} removed (was {show(a[key])})",
                         _Node(a[key], (*old.path, key)), None, new_parent=new.path)
            elif key not in a:
                self.add("added", sub, f"{owner.of(sub)} added: {show(b[key])}", None,
                         _Node(b[key], (*new.path, key)), old_parent=old.path)
            else:
                self.walk(_Node(a[key], (*old.path, key)), _Node(b[key], (*new.path, key)), sub, owner)

    def _list(self, old: _Node, new: _Node, label: str, owner: _Owner) -> None:
        a, b = old.value, new.value
        noun = NOUNS.get(_field(label), _field(label))
        if all(not isinstance(v, dict | list) for v in [*a, *b]) and _unique(a) and _unique(b):
            self._keyed(old, new, label, owner, noun, [_scalar_key(v) for v in a], [_scalar_key(v) for v in b],
                        scalar=True)
            return
        key_field = identity_field(a, b)
        if key_field is not None:
            self._keyed(old, new, label, owner, noun, [_scalar_key(v[key_field]) for v in a],
                        [_scalar_key(v[key_field]) for v in b], scalar=False, key_field=key_field)
            return
        self._sequence(old, new, label, owner, noun)

    def _keyed(self, old: _Node, new: _Node, label: str, owner: _Owner, noun: str, old_keys: list[str],
               new_keys: list[str], *, scalar: bool, key_field: str | None = None) -> None:
        a, b = old.value, new.value
        old_index = {k: i for i, k in enumerate(old_keys)}
        new_index = {k: i for i, k in enumerate(new_keys)}
        removed = [k for k in old_keys if k not in new_index]
        added = [k for k in new_keys if k not in old_index]
        renamed: dict[str, str] = {}
        if not scalar and key_field is not None:
            for k in removed:
                rest = {f: v for f, v in a[old_index[k]].items() if f != key_field}
                for n in added:
                    if n not in renamed.values() and rest == {f: v for f, v in b[new_index[n]].items()
                                                              if f != key_field}:
                        renamed[k] = n
                        break
        for k in removed:
            i = old_index[k]
            node = _Node(a[i], (*old.path, i))
            if k in renamed:
                n = renamed[k]
                j = new_index[n]
                self.add("changed", f"{label}[{k}].{key_field}", f"{noun} {k} renamed to {n}",
                         _Node(k, (*old.path, i, key_field or "")), _Node(n, (*new.path, j, key_field or "")),
                         old_position=i + 1, new_position=j + 1)
                continue
            what = k if scalar else f"{noun} {k}"
            self.add("removed", f"{label}[{k}]", f"{what} removed from {owner.of(label)}", node, None,
                     new_parent=new.path, old_position=i + 1)
        for n in added:
            if n in renamed.values():
                continue
            j = new_index[n]
            what = n if scalar else f"{noun} {n}"
            self.add("added", f"{label}[{n}]", f"{what} added to {owner.of(label)} at position {j + 1}",
                     None, _Node(b[j], (*new.path, j)), old_parent=old.path, new_position=j + 1)
        # moves: the common items (renamed ones under their new name) out of their relative order
        pairs = [(k, renamed.get(k, k)) for k in old_keys if k in new_index or k in renamed]
        common_old = [n for _, n in pairs]
        common_new = [n for n in new_keys if n in set(common_old)]
        matcher = difflib.SequenceMatcher(None, common_old, common_new, autojunk=False)
        staying = {common_old[blk.a + x] for blk in matcher.get_matching_blocks() for x in range(blk.size)}
        old_of = {n: k for k, n in pairs}
        for n in common_new:
            k = old_of[n]
            i, j = old_index[k], new_index[n]
            if n not in staying:
                what = n if scalar else f"{noun} {n}"
                where = owner.name if owner.label else label
                self.add("moved", f"{label}[{n}]", f"{what} moved from {i + 1} to {j + 1} in {where}",
                         _Node(a[i], (*old.path, i)), _Node(b[j], (*new.path, j)),
                         old_position=i + 1, new_position=j + 1)
            if not scalar:
                inner = _Owner(f"{noun} {n}", f"{label}[{n}]") if noun in _OWNERS else owner
                self.walk(_Node(a[i], (*old.path, i)), _Node(b[j], (*new.path, j)), f"{label}[{n}]", inner)

    def _sequence(self, old: _Node, new: _Node, label: str, owner: _Owner, noun: str) -> None:
        a, b = old.value, new.value
        matcher = difflib.SequenceMatcher(None, [_canonical(v) for v in a], [_canonical(v) for v in b],
                                          autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            if tag == "replace" and i2 - i1 == j2 - j1:
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                    self.walk(_Node(a[i], (*old.path, i)), _Node(b[j], (*new.path, j)), f"{label}[{j + 1}]",
                              _Owner(f"{noun} {j + 1} of {owner.name}", f"{label}[{j + 1}]"))
                continue
            for i in range(i1, i2):
                self.add("removed", f"{label}[{i + 1}]", f"{noun} {i + 1} removed from {owner.of(label)} (was "
                         f"{show(a[i])})", _Node(a[i], (*old.path, i)), None, new_parent=new.path,
                         old_position=i + 1)
            for j in range(j1, j2):
                self.add("added", f"{label}[{j + 1}]", f"{noun} added to {owner.of(label)} at position {j + 1}: "
                         f"{show(b[j])}", None, _Node(b[j], (*new.path, j)), old_parent=old.path,
                         new_position=j + 1)


_OWNERS = {"TLS profile", "TLS domain", "package", "property", "event", "signal", "statistic", "procedure",
           "reference", "command", "termination type", "editor", "error code", "parameter", "observed parameter",
           "timer", "context attribute", "descriptor", "term", "abbreviation", "mandatory SDP element",
           "optional SDP element", "stream", "certificate key type", "contact"}
"""Items that name the changes inside them (`… of TLS profile access_tls`)."""


def identity_field(a: Sequence[Any], b: Sequence[Any]) -> str | None:
    """The field that identifies the items of two lists of mappings, or None (then they are sequences)."""
    items = [*a, *b]
    if not items or not all(isinstance(v, dict) for v in items):
        return None
    for name in IDENTITY_FIELDS:
        if (all(_identity_value(name, v.get(name)) for v in items)
                and _unique([v[name] for v in a]) and _unique([v[name] for v in b])):
            return name
    return None


_PHRASE_FIELDS = {"name", "term", "abbreviation"}
"""Identity fields whose values may hold spaces (`B. Rapporteur`); the others are single words."""


def _identity_value(field: str, value: Any) -> bool:
    """A value that can name an item: a number, a word, or for names a one-line phrase (never a text such
    as a procedure step's H.248 command)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    pattern = r"[^\n]{1,80}" if field in _PHRASE_FIELDS else r"\S{1,80}"
    return isinstance(value, str) and re.fullmatch(pattern, value) is not None


def _unique(values: Sequence[Any]) -> bool:
    keys = [_canonical(v) for v in values]
    return len(set(keys)) == len(keys)


def _scalar_key(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _same(a: Any, b: Any) -> bool:
    return (type(a) is type(b) and a == b) or (isinstance(a, int | float) and isinstance(b, int | float)
                                             and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def _field(label: str) -> str:
    last = label.rsplit(".", 1)[-1]
    return last.split("[", 1)[0]


def excerpts(a: Any, b: Any, context: int = 24) -> tuple[str, str]:
    """Two values for a message; of two long texts, the part that differs with a little context around
    it (`"…domain access_ue, then…"`), so the change is visible."""
    if not (isinstance(a, str) and isinstance(b, str)) or (len(a) <= 76 and len(b) <= 76):
        return show(a), show(b)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    left = max(0, start - context)
    while left > 0 and a[left - 1] != " " and start - left < 2 * context:  # start at a word
        left -= 1

    def cut(text: str) -> str:
        right = min(len(text), len(text) - end + context)
        return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")

    return show(cut(a)), show(cut(b))


def show(value: Any) -> str:
    """A value in a message: JSON's spelling (`true`, `null`, quoted strings), shortened."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return text if len(text) <= 80 else text[:77] + "…"


# the job


def diff_loaded(old: LoadedProfile, new: LoadedProfile, *,
                locate: bool = True) -> ProfileDiff:
    """Compare two loaded profiles; `locate` adds the document clause to each change."""
    old_dump, new_dump = spec_dump(old), spec_dump(new)
    walker = _Walker(Sources(old), Sources(new))
    walker.walk(_Node(old_dump, ()), _Node(new_dump, ()), "", _Owner("the profile", ""))
    changes = walker.changes
    if locate and changes:
        changes = locate_changes(changes, old, new, old_dump, new_dump)
    result = ProfileDiff(old=old, new=new, old_dump=old_dump, new_dump=new_dump, changes=changes)
    result.warnings = _warnings(old, new)
    return result


def _warnings(old: LoadedProfile, new: LoadedProfile) -> list[str]:
    out = []
    a, b = old.profile.identification, new.profile.identification
    if a.name != b.name:
        out.append(f"{new.path}: profile name {b.name} differs from {old.path}'s {a.name} (compared anyway: "
                   "renaming happens; check that these are versions of one profile)")
    if b.version <= a.version and old.profile != new.profile:
        out.append(f"{new.path}: version {b.version} is not greater than {old.path}'s version {a.version}; a "
                   "revised profile needs a new version (identification.version)")
    return out


def load_pair(old_path: str | Path, new_path: str | Path) -> tuple[LoadedProfile, LoadedProfile]:
    """Load both profiles; the problems of both files are raised together (InputError)."""
    loaded: list[LoadedProfile] = []
    problems = []
    for path in (old_path, new_path):
        try:
            loaded.append(load_profile(path))
        except InputError as exc:
            problems.extend(exc.findings)
    if problems:
        raise InputError(problems)
    return loaded[0], loaded[1]


def diff_files(old_path: str | Path, new_path: str | Path, *, clauses: bool = True) -> ProfileDiff:
    """`profilekit diff`: load both profiles (imports resolved) and compare them."""
    old, new = load_pair(old_path, new_path)
    return diff_loaded(old, new, locate=clauses)
