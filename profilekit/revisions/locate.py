"""Which clause and table of the document a change lands in.

The clause comes from where the changed field is shown (the outline's structure: template clause N is
5.N, packages 5.14.n, TLS profiles 6.2.n, …, found by the sections' anchors, not by counting); the table is
the first table of that clause whose text shows the changed item (its identity or its value), read from
the outline that is actually rendered, so the result follows the document's wording whatever it is.
Removed items are looked up in OLD's document, everything else in NEW's.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from profilekit.load.loaded import LoadedProfile
from profilekit.model.profile import TEMPLATE_CLAUSES
from profilekit.render.outline import Outline, Section, Table, build_outline, plain
from profilekit.revisions.changes import Change
from profilekit.revisions.spec import DumpPath

_TEMPLATE_NUMBERS = {field: f"5.{number}" for number, _, field in TEMPLATE_CLAUSES}
_BINDING_CLAUSES = {"statistics": "6.6", "capability_audit": "6.7"}
_FRONT = {"scope": "1", "references": "2", "terms": "3", "abbreviations": "4", "history": "5.1"}


class _Document:
    """One outline, indexed for look-ups: sections by number and anchor, each table's text."""

    def __init__(self, outline: Outline) -> None:
        self.by_number: dict[str, Section] = {}
        self.by_anchor: dict[str, Section] = {}
        for section in outline.walk():
            self.by_number.setdefault(section.number, section)
            for anchor in (section.anchor, *section.extra_anchors):
                self.by_anchor.setdefault(anchor, section)
        self.table_text: dict[int, str] = {}

    def text(self, table: Table) -> str:
        found = self.table_text.get(id(table))
        if found is None:
            parts = [table.caption, *table.header, *(plain(cell) for row in table.rows for cell in row)]
            found = self.table_text[id(table)] = "\n".join(parts)
        return found


def _section(doc: _Document, dump: dict[str, Any], path: DumpPath) -> Section | None:
    """The clause that shows the node at `path` of the dump."""
    head = path[0] if path else None
    if not isinstance(head, str):
        return None
    if head in _FRONT:
        return doc.by_number.get(_FRONT[head])
    if head == "packages" and len(path) >= 2 and isinstance(path[1], int):
        package = _item(dump, path[:2])
        found = doc.by_anchor.get(f"package-{package.get('id')}") if isinstance(package, dict) else None
        if found is not None and len(path) > 2 and path[2] not in ("support", "notes", "version", "serial", "name"):
            return found
        return doc.by_number.get("5.14") if len(path) <= 2 else found or doc.by_number.get("5.14")
    if head == "procedures" and len(path) >= 2:
        procedure = _item(dump, path[:2])
        if isinstance(procedure, dict):
            return doc.by_anchor.get(f"procedure-{procedure.get('id')}") or doc.by_number.get("5.17")
    if head == "commands" and len(path) >= 2:
        command = _item(dump, path[:2])
        if isinstance(command, dict):
            for section in doc.by_number["5.8"].children if "5.8" in doc.by_number else []:
                if section.title == command.get("command"):
                    return section
    if head == "terminations" and len(path) >= 4 and path[3] == "mode":
        return doc.by_number.get("6.1")
    if head == "tls":
        return _tls_section(doc, dump, path)
    if head in _TEMPLATE_NUMBERS:
        return doc.by_number.get(_TEMPLATE_NUMBERS[head])
    return None


def _tls_section(doc: _Document, dump: dict[str, Any], path: DumpPath) -> Section | None:
    part = path[1] if len(path) > 1 else None
    if part == "profiles" and len(path) >= 3:
        if len(path) >= 4 and path[3] == "authentication":
            return doc.by_number.get("6.4")
        tls_profile = _item(dump, path[:3])
        if isinstance(tls_profile, dict):
            return doc.by_anchor.get(f"tls-profile-{tls_profile.get('id')}") or doc.by_number.get("6.2")
    if part == "profiles":
        return doc.by_number.get("6.2")
    if part == "domains":
        return doc.by_number.get("6.3")
    if part == "bindings":
        return doc.by_number.get(_BINDING_CLAUSES.get(str(path[2]) if len(path) > 2 else "", "6.5"))
    return doc.by_number.get("6")


def _item(dump: Any, path: DumpPath) -> Any:
    node = dump
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _needles(dump: dict[str, Any], path: DumpPath, value: Any) -> list[str]:
    """Texts that show the changed item in a table: its value, then the identities on its path (deepest
    first)."""
    out: list[str] = []
    if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value).strip():
        out.append(str(value))
    node: Any = dump
    keys: list[str] = []
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            named = [node[f] for f in ("id", "use", "name", "command", "element", "term", "abbreviation",
                                       "descriptor") if isinstance(node.get(f), str)]
            texts = [v for v in node.values() if isinstance(v, str) and len(v) > 3]
            if named or texts:  # an item without an identity (a history entry): its first text
                keys.append((named or texts)[0])
        elif isinstance(node, str):
            keys.append(node)
    out.extend(reversed(keys))
    return out


def _table_in(doc: _Document, section: Section, needles: list[str]) -> Table | None:
    tables = [block for s in section.walk() for block in s.blocks if isinstance(block, Table)]
    for needle in needles:
        for table in tables:
            if needle in doc.text(table):
                return table
    return tables[0] if len(tables) == 1 else None


def clause_of(doc: _Document, dump: dict[str, Any], path: DumpPath, value: Any) -> str:
    section = _section(doc, dump, path)
    if section is None:
        if path and path[0] == "contribution":
            return "cover page"
        return ""
    number = f"Annex {section.number}" if section.annex else section.number
    table = _table_in(doc, section, _needles(dump, path, value))
    return f"{number}, {table.label}" if table is not None else number


def locate_changes(changes: list[Change], old: LoadedProfile, new: LoadedProfile, old_dump: dict[str, Any],
                   new_dump: dict[str, Any]) -> list[Change]:
    """The changes with their clause (and table) filled in."""
    new_doc = _Document(build_outline(new))
    old_doc: _Document | None = None  # built only when something was removed
    out = []
    for change in changes:
        if change.kind == "removed":
            old_doc = old_doc or _Document(build_outline(old))
            clause = clause_of(old_doc, old_dump, change.old_dump_path, _value(change.old))
        else:
            clause = clause_of(new_doc, new_dump, change.new_dump_path, _value(change.new))
        out.append(dataclasses.replace(change, clause=clause))
    return out


def _value(value: Any) -> Any:
    return None if isinstance(value, dict | list) else value
