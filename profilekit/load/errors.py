"""Pydantic validation errors → findings at `file:line:col`, with "did you mean" for unknown keys."""

from __future__ import annotations

import calendar
import difflib
import re
import types
import typing
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ValidationError

from profilekit.findings import Finding, NonRuleCode, Severity
from profilekit.load import skeleton, words
from profilekit.load.secrets import redact
from profilekit.load.source import Document, YamlPath, format_path
from profilekit.model.base import NOT_CURLY_QUOTED
from profilekit.model.profile import TEMPLATE_CLAUSES, Profile
from profilekit.model.tls import VERSION_ALIASES

CODES = (
    NonRuleCode(code="SC001", title="Unknown key",
                description="A key the profile format does not define (often a typo)."),
    NonRuleCode(code="SC002", title="Missing required key",
                description="A key the profile format requires is absent; the message names the template "
                            "clause it belongs to and shows the least YAML that adds it (its required keys, "
                            "with placeholders)."),
    NonRuleCode(code="SC003", title="Invalid value",
                description="A value has the wrong type or is not one of the allowed values."),
)
"""The codes of the findings this module raises (SC003 also for a file that is not a mapping, in
profilekit.load.profile); profilekit.load.codes collects them."""


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
            hint = difflib.get_close_matches(words.strip_odd(key), names, n=1, cutoff=0.6)
            message = f"unknown key {words.show(key)}" + (f"; did you mean {words.quote(hint[0])}?" if hint else "")
            if names and not hint:
                message += f" (allowed here: {', '.join(names)})"
            pos = doc.locate(path, key=True)
            code = "SC001"
        elif group == "missing":
            parent = path[:-1]
            message = f"missing required key {path[-1]!s}" + (f" in {format_path(parent)}" if parent else "")
            message += _what_to_add(root, loc, path)
            pos = doc.locate(parent, key=True) if parent else doc.locate(())
            code = "SC002"
        else:
            message = f"{where}: " + _value_message(errs)
            pos = doc.locate(path)
            code = "SC003"
        out.append(Finding(code=code, severity=Severity.ERROR, message=message, file=doc.path,
                           line=pos.line, column=pos.column, yaml_path=format_path(path)))
    return _curly_quotes(out, doc)


_CLAUSES = {field: (number, title) for number, title, field in TEMPLATE_CLAUSES}

_TLS_SECTION = "TLS for TCP bearers, what H.248.TLSPROF adds to the template: TLS profiles, domains and bindings"
"""What the top-level `tls` key holds, for SC002 messages (the template clauses above do not cover it)."""


def _what_to_add(root: type[BaseModel], loc: tuple[Any, ...], path: YamlPath) -> str:
    """For a missing key: the template clause it belongs to, and the least YAML that adds it."""
    key = str(path[-1])
    clause = _CLAUSES.get(str(path[0])) if root is Profile else None  # a package library has no clauses
    text = ""
    if clause is not None:
        number, title = clause
        text = (f": clause {number} {title} of the H.248.1 profile template (5.{number} in the document)"
                if len(path) == 1 else f" (clause {number} {title}, 5.{number} in the document)")
    elif root is Profile and path == ("tls",):
        text = f": {_TLS_SECTION} (clause 6 in the document)"
    fields = [m.model_fields[key] for m in _models_at(root, loc[:-1]) if key in m.model_fields]
    if fields:
        text += f"; add `{key}: {skeleton.field_yaml(fields[0])}`"
    return text


def _curly_quotes(findings: list[Finding], doc: Document) -> list[Finding]:
    """Unknown keys and wrong values that come from Word's curly quotes used as YAML quotes say so.

    YAML takes “draft” as the text `“draft”`, and splits “a, b: c” in a flow mapping at the comma and
    colon; one curly-quoted stretch can cause several findings: they become one, at the quote.
    """
    if not any(ch in doc.text for ch in words.CURLY):
        return findings
    out: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    lines = words.source_lines(doc.text)
    for finding in findings:
        found = None
        if finding.code in ("SC001", "SC003") and 0 < finding.line <= len(lines):
            found = words.curly_span(lines[finding.line - 1], finding.line, finding.column)
        if found is None:
            out.append(finding)
            continue
        curly, meant = found
        if (curly.line, curly.column) in seen:
            continue
        seen.add((curly.line, curly.column))
        why = ""
        if finding.code == "SC003":
            effect = f"it took them as part of the value {_value_read(lines[finding.line - 1], finding)}".rstrip()
            message = f"{finding.yaml_path}: " if finding.yaml_path else ""
            why = f" ({NAME_FIELD})"  # prose fields accept curly quotes: this one is a name
        elif (curly.line, curly.column) == (finding.line, finding.column):
            effect = f"it took them as part of the key ({finding.message})"
            message = ""
        else:
            effect = f"without them YAML split the text at ', ' and ': ' ({finding.message})"
            message = ""
        message += (f"{curly.message()}: {effect}" + (f"; write {words.straight(meant)}" if meant else "") + why)
        out.append(replace(finding, message=message, line=curly.line, column=curly.column))
    return out


NAME_FIELD = ("this field is a name, identifier, option or reference, matched literally, so quotes around it "
              "would become part of it; only prose (titles, descriptions, notes) keeps them")
"""Why curly quotes are refused where model/base.py types a field as a name rather than as prose (`Text`)."""


# Plain words for pydantic's error types: what a value should be (a noun, joined with "or" across union
# branches), or what a constraint wants (a sentence). Editors read these, not Python programmers.
_EXPECTED = {
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "float_type": "a number", "float_parsing": "a number",
    "bool_type": "true or false", "bool_parsing": "true or false",
    "string_type": "text",
    "list_type": "a list", "tuple_type": "a list", "set_type": "a list",
    "dict_type": "a mapping (key: value lines)", "mapping_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)", "model_attributes_type": "a mapping (key: value lines)",
    "date_type": "a date written YYYY-MM-DD", "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "a date written YYYY-MM-DD",
}
_EXPECTED_MODEL = {
    "Binding": "a package element written package/element (e.g. tlsx/role) or a mapping with `element:`",
    "TerminationEventBinding": "a mapping with `element:`, `reason_parameter:` and `reasons:`",
}
PATTERN_HELP = {
    r"^[A-Za-z][A-Za-z0-9_]{0,63}$": "use letters, digits and '_', starting with a letter, at most 64 characters",
    r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$":
        "use letters, digits, '_', '.' and '-', starting with a letter, at most 64 characters",
    r"^[A-Za-z0-9_][A-Za-z0-9_]{0,63}$": "use letters, digits and '_', at most 64 characters",
    r"^[A-Za-z][A-Za-z0-9_]*/[A-Za-z0-9_*][A-Za-z0-9_]*$":
        "write a package element as package/element, e.g. tlsx/role",
    r"^9\d\d( .*)?$": "write a ServiceChangeReason code 9xx, optionally followed by its text, e.g. '901 Cold Boot'",
    NOT_CURLY_QUOTED: f"is wrapped in curly quotes; remove them ({NAME_FIELD})",
    VERSION_ALIASES: "write a TLS version, e.g. TLS1.2 or TLS1.3 (TLSv1.2 and 'TLS 1.2' are accepted too)",
}
"""What each identifier pattern of the model means, in words (a test keeps it complete)."""
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


def _plural(n: Any, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _constraint(err: dict[str, Any]) -> str:
    """A sentence for a value of the right type that breaks a constraint."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "greater_than":
        return f"must be greater than {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if kind == "less_than":
        return f"must be less than {ctx.get('lt')}"
    if kind == "string_too_short":
        n = ctx.get("min_length", 1)
        return "must not be empty" if n == 1 else f"must have at least {_plural(n, 'character')}"
    if kind == "string_too_long":
        return f"must have at most {_plural(ctx.get('max_length'), 'character')}"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return "must not be empty: list at least one item" if n == 1 else f"must list at least {_plural(n, 'item')}"
    if kind == "too_long":
        return f"must list at most {_plural(ctx.get('max_length'), 'item')}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return PATTERN_HELP.get(pattern, f"does not have the expected form (pattern {pattern})")
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _value_read(line: str, finding: Finding) -> str:
    """The scalar at the finding's position on its line, as YAML read it (for a curly-quoted value)."""
    start = finding.column - 1
    end = start
    while end < len(line) and line[end] not in ",]}#" and line[end:end + 2] != ": ":
        end += 1
    text = line[start:end].strip()
    return words.quote(text) if text else ""


def _bare_word(given: Any, options: list[str]) -> str | None:
    """The option an unquoted YAML word was meant as, when YAML read it as no value, a boolean or a number."""
    if given is None:
        spellings = ["null", "Null", "NULL", "~", "none", "None"]
    elif isinstance(given, bool):
        spellings = ["true" if given else "false"]
    elif isinstance(given, int | float):
        spellings = [str(given)]
    else:
        return None
    return next((s for s in spellings if s in options), None)


def _bare_kind(given: Any) -> str:
    if given is None:
        return '"no value"'
    return "true or false" if isinstance(given, bool) else "a number"


def _suggest(given: Any, options: list[str]) -> str:
    """`; did you mean 'deflate'?`: case and invisible characters ignored."""
    if not isinstance(given, str):
        return ""
    cleaned = words.strip_odd(given).strip()
    by_lower = {o.lower(): o for o in options}
    hit = by_lower.get(cleaned.lower())
    if hit is None:
        close = difflib.get_close_matches(cleaned.lower(), list(by_lower), n=1, cutoff=0.5)
        hit = by_lower[close[0]] if close else None
    if hit is None:
        return ""
    suggestion = f"; did you mean {words.quote(hit)}?"
    odd = sorted({ch for ch in given if words.strip_odd(ch) == ""})
    if odd and cleaned == hit:
        suggestion += " (remove " + " and ".join(words.odd_name(ch).replace("a ", "the ", 1) for ch in odd) + ")"
    return suggestion


_YMD = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _impossible_date(given: Any) -> str | None:
    """For text written YYYY-MM-DD that names no day of the calendar: why (`February 2026 has 28 days`)."""
    match = _YMD.fullmatch(given) if isinstance(given, str) else None
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return f"{given} is not a date: there is no month {month:02d} (write YYYY-MM-DD, months 01 to 12)"
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= days:
        return f"{given} is not a date: {calendar.month_name[month]} {year} has {days} days"
    return None


def _value_message(errs: list[dict[str, Any]]) -> str:
    first = errs[0]
    given = first.get("input")
    if first["type"].startswith("date_"):
        impossible = _impossible_date(given)
        if impossible is not None:
            return impossible
    if first["type"] in ("literal_error", "enum"):
        allowed = str(first.get("ctx", {}).get("expected", ""))
        options = [part.strip(" '") for part in allowed.replace(" or ", ", ").split(",")]
        unquoted = _bare_word(given, options)
        if unquoted is not None:
            return (f"YAML reads a bare {unquoted} as {_bare_kind(given)}; to name the option {unquoted}, "
                    f'put it in quotes: "{unquoted}" (allowed: {allowed})')
        text = f"{redact(given)} is not one of {allowed}"
        return text + _suggest(given, options)
    expected: list[str] = []
    constraints: list[str] = []
    for err in errs:
        if err["type"] in _EXPECTED:
            noun = _EXPECTED[err["type"]]
            if err["type"] == "model_type":
                noun = _EXPECTED_MODEL.get(str((err.get("ctx") or {}).get("class_name")), noun)
            if noun not in expected:
                expected.append(noun)
        else:
            sentence = _constraint(err)
            if sentence not in constraints:
                constraints.append(sentence)
    # A value that has a right type but breaks that branch's constraint: the type errors of the other
    # branches of a union are noise.
    hint = ""
    if constraints:
        text = " or ".join(constraints) if len(constraints) <= 3 else constraints[0]
    else:
        text = "expected " + " or ".join(expected)
        if "a list" in expected and isinstance(given, str | int | float | bool):
            hint = f"; for a single item write [{given}]"
        if "true or false" in expected and isinstance(given, str) and given.lower() in _YAML11_BOOLEANS:
            hint = "; YAML 1.2 reads yes/no/on/off as text, so write true or false"
    if not isinstance(given, dict | list):
        text += f" (got {redact(given)})"
    return text + hint
