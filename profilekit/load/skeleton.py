"""The least YAML that fills a missing required key, derived from the model: its required sub-keys, each
with a placeholder of the right type (SC002 shows it, so the editor sees what to add)."""

from __future__ import annotations

import datetime
import enum
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

_DEPTH = 6
"""Deeper than this, a mapping is shown as `{...}` (the next validation names its keys)."""


def field_yaml(field: FieldInfo, depth: int = 0) -> str:
    """A placeholder for one field of a model, in YAML flow style."""
    return _value(field.annotation, list(field.metadata), depth)


def _value(tp: Any, metadata: list[Any], depth: int) -> str:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(tp)
        found = [m for e in extra for m in (e.metadata if isinstance(e, FieldInfo) else [e])]
        return _value(inner, [*metadata, *found], depth)
    if origin in (typing.Union, types.UnionType):
        branches = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return _value(branches[0], metadata, depth) if branches else "null"
    if origin is typing.Literal:
        options = [str(o) for o in typing.get_args(tp)]
        return options[0] if len(options) == 1 else "<" + " | ".join(options) + ">"
    if origin in (list, tuple, set, frozenset):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        return "[" + (_value(args[0], [], depth + 1) if args else "") + "]"
    if origin is dict:
        return "{}"
    if isinstance(tp, type):
        if issubclass(tp, BaseModel):
            return _model(tp, depth)
        if issubclass(tp, enum.Enum):
            return "<" + " | ".join(str(member.value) for member in tp) + ">"
        if issubclass(tp, bool):
            return "false"
        if issubclass(tp, int | float):
            return str(_lowest(metadata))
        if issubclass(tp, datetime.date):
            return "<YYYY-MM-DD>"
    return "<text>"


def _lowest(metadata: list[Any]) -> int:
    """The least whole number the constraints allow (pydantic's Ge/Gt metadata), else 1."""
    for item in metadata:
        ge, gt = getattr(item, "ge", None), getattr(item, "gt", None)
        if isinstance(ge, int | float):
            return int(ge)
        if isinstance(gt, int | float):
            return int(gt) + 1
    return 1


def _model(model: type[BaseModel], depth: int) -> str:
    required = [(name, field) for name, field in model.model_fields.items() if field.is_required()]
    if depth >= _DEPTH and required:
        return "{...}"
    return "{" + ", ".join(f"{name}: {field_yaml(field, depth + 1)}" for name, field in required) + "}"
