"""An RFC 6902 JSON patch that turns one JSON value into another, and its application (for checking)."""

from __future__ import annotations

import copy
import difflib
import json
from typing import Any

from profilekit.revisions.diff import identity_field

Op = dict[str, Any]


def pointer(path: tuple[str | int, ...]) -> str:
    """An RFC 6901 JSON pointer."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def json_patch(old: Any, new: Any) -> list[Op]:
    """Operations that, applied in order to `old`, give `new`. Lists of identified items (packages by id,
    …) are aligned by identity, lists of values by value, so a change inside an item stays a small
    operation and an insertion does not rewrite what follows."""
    ops: list[Op] = []
    _diff(old, new, (), ops)
    return ops


def _diff(a: Any, b: Any, path: tuple[str | int, ...], ops: list[Op]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            if key not in b:
                ops.append({"op": "remove", "path": pointer((*path, key))})
        for key in b:
            if key not in a:
                ops.append({"op": "add", "path": pointer((*path, key)), "value": b[key]})
            else:
                _diff(a[key], b[key], (*path, key), ops)
        return
    if isinstance(a, list) and isinstance(b, list):
        _list(a, b, path, ops)
        return
    if type(a) is not type(b) or a != b:
        ops.append({"op": "replace", "path": pointer(path), "value": b})


def _keys(a: list[Any], b: list[Any]) -> tuple[list[str], list[str]]:
    field = identity_field(a, b)
    if field is not None:
        return [json.dumps(v[field]) for v in a], [json.dumps(v[field]) for v in b]
    return ([json.dumps(v, sort_keys=True) for v in a], [json.dumps(v, sort_keys=True) for v in b])


def _list(a: list[Any], b: list[Any], path: tuple[str | int, ...], ops: list[Op]) -> None:
    old_keys, new_keys = _keys(a, b)
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    # from the end backwards, so the indexes of what comes before stay valid
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            for k in reversed(range(i2 - i1)):
                _diff(a[i1 + k], b[j1 + k], (*path, i1 + k), ops)
            continue
        for i in reversed(range(i1, i2)):
            ops.append({"op": "remove", "path": pointer((*path, i))})
        for j in range(j1, j2):
            ops.append({"op": "add", "path": pointer((*path, i1 + j - j1)), "value": b[j]})


def apply_patch(document: Any, ops: list[Op]) -> Any:
    """`document` with the operations applied (add, remove, replace, move, copy, test), a new value."""
    doc = copy.deepcopy(document)
    for op in ops:
        doc = _apply(doc, op)
    return doc


def _parse(pointer_text: str) -> list[str]:
    if pointer_text == "":
        return []
    if not pointer_text.startswith("/"):
        raise ValueError(f"bad JSON pointer {pointer_text!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer_text[1:].split("/")]


def _get(doc: Any, parts: list[str]) -> Any:
    for part in parts:
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def _apply(doc: Any, op: Op) -> Any:
    parts = _parse(op["path"])
    kind = op["op"]
    if kind == "test":
        if _get(doc, parts) != op["value"]:
            raise ValueError(f"test failed at {op['path']}")
        return doc
    if kind in ("move", "copy"):
        value = copy.deepcopy(_get(doc, _parse(op["from"])))
        if kind == "move":
            doc = _apply(doc, {"op": "remove", "path": op["from"]})
        return _apply(doc, {"op": "add", "path": op["path"], "value": value})
    if not parts:
        return copy.deepcopy(op["value"]) if kind in ("add", "replace") else None
    parent = _get(doc, parts[:-1])
    last = parts[-1]
    if isinstance(parent, list):
        index = len(parent) if last == "-" else int(last)
        if kind == "add":
            if index > len(parent):
                raise ValueError(f"index out of range at {op['path']}")
            parent.insert(index, copy.deepcopy(op["value"]))
        elif kind == "remove":
            del parent[index]
        elif kind == "replace":
            parent[index] = copy.deepcopy(op["value"])
        return doc
    if kind == "add" or kind == "replace":
        if kind == "replace" and last not in parent:
            raise ValueError(f"nothing to replace at {op['path']}")
        parent[last] = copy.deepcopy(op["value"])
    elif kind == "remove":
        del parent[last]
    else:
        raise ValueError(f"unknown operation {kind!r}")
    return doc
