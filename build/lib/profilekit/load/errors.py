"""Pydantic validation errors → findings at `file:line:col`, with "did you mean" for unknown keys."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from profilekit.findings import Finding, Severity
from profilekit.load.source import Document, YamlPath, format_path


def _unwrap(tp: Any) -> list[Any]:
    """The concrete types an annotation may hold (Annotated, Optional and unions opened up)."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(tp) for t in _unwrap(arg)]
    return [tp]


def _models_at(root: type[BaseModel], loc: tuple[Any, ...]) -> list[type[BaseModel]]:
    """The model class(es) that own the last key of `loc` (pydantic's loc, union tags included)."""
    current: list[Any] = [root]
    for part in loc:
        models = [t for t in current if isinstance(t, type) and issubclass(t, BaseModel)]
        tagged = [t for t in models if t.__name__ == part]
        if tagged:
            current = tagged
            continue
        nxt: list[Any] = []
        for tp in current:
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                if isinstance(part, str) and part in tp.model_fields:
                    nxt.extend(_unwrap(tp.model_fields[part].annotation))
            elif typing.get_origin(tp) in (list, dict) and isinstance(part, (int, str)):
                args = typing.get_args(tp)
                if args:
                    nxt.extend(_unwrap(args[-1]))
        if not nxt:
            break
        current = [t for n in nxt for t in _unwrap(n)]
    return [t for t in current if isinstance(t, type) and issubclass(t, BaseModel)]


def _data_path(data: Any, loc: tuple[Any, ...], *, keep_last: bool) -> YamlPath:
    """Walk pydantic's loc through the data, dropping union tags that are not keys."""
    path: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                path.append(part)
                node = node[part]
            elif last and keep_last:
                path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
    return tuple(path)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def findings_from_validation(error: ValidationError, root: type[BaseModel], data: Any,
                             doc: Document) -> list[Finding]:
    """One finding per distinct problem, positioned at the offending key or value."""
    grouped: dict[tuple[YamlPath, str], list[Any]] = {}
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        key_error = kind in ("extra_forbidden", "missing")
        path = _data_path(data, loc, keep_last=key_error)
        grouped.setdefault((path, "extra" if kind == "extra_forbidden" else
                            "missing" if kind == "missing" else "value"), []).append(err)
    out: list[Finding] = []
    for (path, group), errs in grouped.items():
        err = errs[0]
        loc = tuple(err["loc"])
        where = format_path(path) or "(top level)"
        if group == "extra":
            key = str(path[-1])
            names = sorted({n for m in _models_at(root, loc[:-1]) for n in m.model_fields})
            hint = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
            message = f"unknown key {key!r}" + (f"; did you mean {hint[0]!r}?" if hint else "")
            if names and not hint:
                message += f" (allowed here: {', '.join(names)})"
            pos = doc.locate(path, key=True)
            code = "SC001"
        elif group == "missing":
            parent = path[:-1]
            message = f"missing required key {path[-1]!s}" + (f" in {format_path(parent)}" if parent else "")
            pos = doc.locate(parent, key=True) if parent else doc.locate(())
            code = "SC002"
        else:
            message = f"{where}: " + _value_message(errs)
            pos = doc.locate(path)
            code = "SC003"
        out.append(Finding(code=code, severity=Severity.ERROR, message=message, file=doc.path,
                           line=pos.line, column=pos.column, yaml_path=format_path(path)))
    return out


def _value_message(errs: list[dict[str, Any]]) -> str:
    first = errs[0]
    if first["type"] == "literal_error":
        expected = first.get("ctx", {}).get("expected", "")
        options = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
        given = first.get("input")
        hint = difflib.get_close_matches(str(given), options, n=1, cutoff=0.5) if isinstance(given, str) else []
        text = f"{_short(given)} is not one of {expected}"
        return text + (f"; did you mean {hint[0]!r}?" if hint else "")
    messages: list[str] = []
    for err in errs:
        msg = err["msg"]
        if err["type"] == "value_error":
            msg = msg.removeprefix("Value error, ")
        if msg not in messages:
            messages.append(msg)
    given = first.get("input")
    text = " or ".join(messages) if len(messages) <= 3 else messages[0]
    if not isinstance(given, dict | list):
        text += f" (got {_short(given)})"
    return text
