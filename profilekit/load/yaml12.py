"""YAML 1.2 (core schema) values with exact positions, built in one pass from libyaml's event stream.

Why not ruamel.yaml here: its round-trip loader keeps positions but is ~7x slower on large profiles
(see benchmarks/). Why not PyYAML's composer: it builds a node object (with two marks) per value and
calls back into Python for every scalar, which costs more than the parse itself. We read libyaml's
events and build plain values directly, resolving plain scalars with the YAML 1.2 core schema
ourselves (so `no`, `on`, `yes` stay strings, `0o17` is octal, dates stay text), rejecting duplicate
keys, and bounding depth, size and alias expansion while we go (each anchored value is weighed once,
so an alias costs no work however often it is used). ruamel.yaml stays the library of record for
writing YAML that keeps comments (`profilekit new`).
"""

from __future__ import annotations

import gc
import math
import os
import re
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from profilekit.findings import Finding, InputError, NonRuleCode, Severity
from profilekit.load import secrets, words
from profilekit.load.source import Document, Pos, YamlPath, format_path


def _limit(name: str, default: int) -> int:
    """A limit, raised or lowered by the environment variable PROFILEKIT_<name> (see docs/limits.md)."""
    text = os.environ.get(f"PROFILEKIT_{name}", "").replace("_", "")
    return int(text) if text.isdigit() and int(text) > 0 else default


#: Input limits (docs/limits.md). A real profile is tens of KB and a few thousand nodes; the defaults
#: admit a generated profile of 4,000 packages and keep hostile input to ~2 s and a few hundred MB.
MAX_FILE_BYTES = _limit("MAX_FILE_BYTES", 8 * 1024 * 1024)
"""Bytes of one profile and all of its imports together."""
MAX_DEPTH = 64
MAX_NODES = _limit("MAX_NODES", 500_000)
"""Keys and values after alias expansion: what pydantic and the rules would have to walk."""
ALIAS_BUDGET = 100_000
"""Aliases may add this many nodes, or as many as the document has written out, whichever is more."""

CODES = (
    NonRuleCode(code="LD001", title="YAML syntax error",
                description="The file is not valid YAML; the message names the problem."),
    NonRuleCode(code="LD002", title="Duplicate key",
                description="A mapping repeats a key; YAML would silently keep only one of them."),
    NonRuleCode(code="LD003", title="File encoding",
                description="The file is not UTF-8 text (binary, UTF-16, or a stray byte)."),
    NonRuleCode(code="LD004", title="Mapping key is not a name",
                description="Keys must be plain scalars that are names."),
    NonRuleCode(code="LD005", title="Input limit",
                description="The file is too large, too deep or expands to too many nodes."),
    NonRuleCode(code="LD006", title="Unsupported tag or value",
                description="An explicit YAML tag is not supported or does not fit its value."),
    NonRuleCode(code="LD011", title="List item folded into the line above",
                description="A line '- B' indented further than the item '- A' above it, or below a value "
                            "written on the key's own line ('key: A'), is read by YAML as the continuation of "
                            "that text (one value 'A - B'); align the '-' with the item above, or put every "
                            "item on its own '- ' line under the key."),
)
"""The codes of the findings this module raises (LD005 also for the imports' size and number, in
profilekit.load.profile); profilekit.load.codes collects them."""

try:  # libyaml's parser (PyYAML exports it as yaml.cyaml.CParser, not as yaml.CParser)
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml: the pure-Python parser
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)

        def dispose(self) -> None:
            pass


_TAG = "tag:yaml.org,2002:"
_STR_TAGS = ("!", _TAG + "str")
# Only double-quoted scalars can carry these (as escapes): libyaml refuses them raw in the stream.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

_INT10 = re.compile(r"[-+]?[0-9]+")
_INT8 = re.compile(r"0o[0-7]+")
_INT16 = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL: dict[str, Any] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf, "+.Inf": math.inf,
    "+.INF": math.inf, "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}
_NUMBER_START = frozenset("0123456789+-.")
_MAX_INT_DIGITS = 4000  # Python refuses to convert longer decimal strings (CVE-2020-10735)


def resolve_plain(text: str) -> Any:
    """YAML 1.2 core schema for an untagged plain scalar."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    if not text or text[0] not in _NUMBER_START or len(text) > _MAX_INT_DIGITS:
        return text
    if _INT10.fullmatch(text):
        return int(text)
    if _INT8.fullmatch(text):
        return int(text[2:], 8)
    if _INT16.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("anchor", "height", "is_map", "key", "key_pos", "path", "secret", "value", "weight")

    def __init__(self, value: Any, path: YamlPath, anchor: str | None, secret: str | None) -> None:
        self.value = value
        self.path = path
        self.is_map = isinstance(value, dict)
        self.anchor = anchor
        self.secret = secret  # set while filling a sequence under a secret-looking key
        self.key: str | None = None  # the key whose value comes next (mappings)
        self.key_pos: Pos | None = None
        self.weight = 1
        self.height = 1


class _Builder:
    """Turns libyaml events into plain values, recording the position of every key and value by path."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.anchors: dict[str, tuple[Any, int, int, Pos]] = {}  # name → (value, weight, height, position)
        self.open_anchors: set[str] = set()
        self.nodes = 0  # keys and values written out
        self.alias_added = 0  # nodes that aliases add by expansion
        self.leaks: list[Finding] = []
        self.folded: list[Finding] = []  # list items that YAML folded into the item above

    def fail(self, pos: Pos, code: str, message: str, path: YamlPath) -> InputError:
        return InputError([Finding(code=code, severity=Severity.ERROR, message=message, file=self.doc.path,
                                   line=pos.line, column=pos.column, yaml_path=format_path(path))])

    def build(self, parser: Any) -> Any:
        get = parser.get_event
        event = get()
        if not isinstance(event, StreamStartEvent):  # pragma: no cover - libyaml always starts so
            raise self.fail(_pos(event), "LD001", "YAML syntax: no stream start", ())
        event = get()
        if isinstance(event, StreamEndEvent):
            return None
        if not isinstance(event, DocumentStartEvent):  # pragma: no cover
            raise self.fail(_pos(event), "LD001", "YAML syntax: expected a document", ())
        root = self._document(get)
        event = get()
        if not isinstance(event, StreamEndEvent):
            raise self.fail(_pos(event), "LD001", "YAML syntax: found another document (a profile file holds "
                            "one YAML document; remove the `---` line?)", ())
        return root

    def _document(self, get: Any) -> Any:
        """The values of one document; a single loop over events, as this is the hot path."""
        doc = self.doc
        value_pos, key_pos = doc.value_pos, doc.key_pos
        stack: list[_Frame] = []
        anchors = self.anchors
        special, number_start, min_blob = _SPECIAL, _NUMBER_START, secrets.MIN_BLOB
        root: Any = None
        while True:
            event = get()
            cls = event.__class__
            top = stack[-1] if stack else None
            if cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.value, frame.weight, frame.height, value_pos[frame.path])
                    self.open_anchors.discard(frame.anchor)
                value, weight, height = frame.value, frame.weight, frame.height
                if not stack:
                    root = value
                    continue
                top = stack[-1]
                # attaching a value to its parent is written out here and below the loop body: a method
                # call per node costs measurably on large profiles (see benchmarks/run.py)
                if top.is_map:
                    top.value[top.key] = value
                    top.key = None
                else:
                    top.value.append(value)
                top.weight += weight
                if height + 1 > top.height:
                    top.height = height + 1
                continue
            if cls is DocumentEndEvent:
                return root
            mark = event.start_mark
            pos = Pos(mark.line + 1, mark.column + 1)
            if top is not None and top.is_map and top.key is None:
                text = event.value if cls is ScalarEvent else None
                if (text and event.tag is None and event.implicit[0] and text[0] not in number_start
                        and text not in special and len(text) < min_blob and text != "<<" and text not in top.value):
                    self.nodes += 1  # the common key, inlined: a plain word, new in this mapping
                    top.key = text
                    top.weight += 1
                    key_pos[(*top.path, text)] = pos
                else:
                    self._key(event, pos, top)
                continue
            if top is None:
                path: YamlPath = ()
                secret = None
            elif top.is_map:
                key: str = top.key  # type: ignore[assignment]  # set: the key came first
                path = (*top.path, key)
                secret = secrets.secret_name(key)
            else:
                path = (*top.path, len(top.value))
                secret = top.secret
            value_pos[path] = pos
            if cls is ScalarEvent:
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    raise self.fail(pos, "LD005", f"document has more than {MAX_NODES:,} keys and values", path)
                text = event.value
                if event.tag is None and event.implicit[0]:  # the common case, inlined
                    value = special.get(text, text)
                    if value is text and text and text[0] in number_start:
                        value = resolve_plain(text)
                else:
                    value = self._scalar(event, pos, path)
                if (top is not None and event.end_mark.line != mark.line and not event.style
                        and (not top.is_map or top.key is not None)):
                    self._fold(event, path, in_list=not top.is_map)
                if secret is not None and value is not None and value != "" and not isinstance(value, bool):
                    self.leaks.append(secrets.named_secret(doc.path, pos, path, secret))
                elif len(text) >= min_blob:
                    leak = secrets.check_value(text, doc.path, pos, path)
                    if leak is not None:
                        self.leaks.append(leak)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1, 0, pos)
                weight, height = 1, 0
            elif cls is AliasEvent:
                # a problem in a shared value is fixed where it is defined: point there
                value, weight, height, value_pos[path] = self._alias(event.anchor, pos, path, len(stack))
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    raise self.fail(pos, "LD005", f"document has more than {MAX_NODES:,} keys and values", path)
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(pos, "LD005", f"nesting deeper than {MAX_DEPTH} levels", path)
                is_map = cls is MappingStartEvent
                tag = event.tag
                if tag is not None and tag != "!" and tag != _TAG + ("map" if is_map else "seq"):
                    raise self.fail(pos, "LD006", f"unsupported tag {secrets.redact(tag)}", path)
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                    anchors.pop(event.anchor, None)
                stack.append(_Frame({} if is_map else [], path, event.anchor, None if is_map else secret))
                continue
            else:  # pragma: no cover - libyaml emits no other event inside a document
                raise self.fail(pos, "LD001", f"YAML syntax: unexpected {cls.__name__}", path)
            if top is None:
                root = value
                continue
            if top.is_map:
                top.value[top.key] = value
                top.key = None
            else:
                top.value.append(value)
            top.weight += weight
            if height + 1 > top.height:
                top.height = height + 1

    def _fold(self, event: Any, path: YamlPath, *, in_list: bool) -> None:
        """A plain list item or mapping value that runs onto a line starting with '- ': a list item indented
        one step too far, or a list begun on the key's own line.

        YAML folds `- A` and a deeper `  - B` into the one value 'A - B', and `key: A` followed by `  - B`
        likewise. The whole document is then not what its author wrote, so this is a load error (reported
        once, at the '-'), not the unknown value and the missing item that the rules would report."""
        first, last = event.start_mark.line + 1, event.end_mark.line + 1
        for number in range(first + 1, last + 1):
            row = words.line_text(self.doc.text, number)
            body = row.lstrip(" ")
            if body == "-" or body.startswith("- "):
                self.folded.append(Finding(
                    code="LD011", severity=Severity.ERROR, file=self.doc.path, line=number,
                    column=len(row) - len(body) + 1, yaml_path=format_path(path),
                    message=self._fold_message(event.value, path, in_list)))
                return

    @staticmethod
    def _fold_message(value: str, path: YamlPath, in_list: bool) -> str:
        if in_list:
            return ("this line is indented as a continuation of the line above; align the '-' with it (YAML "
                    f"reads the two lines as one item, {words.quote(value)})")
        key = path[-1] if path else "the key"
        return (f"this line continues the value of {key!r} on the line above (YAML reads one text, "
                f"{words.quote(value)}); for a list, put every item on its own '- ' line under "
                f"'{key}:', the first one included")

    def _key(self, event: Any, pos: Pos, top: _Frame) -> None:
        path = top.path
        if event.__class__ is AliasEvent:
            raw, _, _, _ = self._alias(str(event.anchor), pos, path, 0)
            text = raw if isinstance(raw, str) else str(raw)
            if isinstance(raw, dict | list):
                raise self.fail(pos, "LD004", "mapping keys must be plain scalars, not collections", path)
        elif event.__class__ is not ScalarEvent:
            raise self.fail(pos, "LD004", "mapping keys must be plain scalars, not collections", path)
        else:
            self.nodes += 1
            raw = self._scalar(event, pos, path)
            text = event.value
        if isinstance(raw, float) and re.fullmatch(r"\d+\.\d+", text):
            raise self.fail(pos, "LD004", f"mapping key {text} reads as a number in YAML; write it in quotes "
                            f"(\"{text}\"), as clause numbers under `text:` are written", path)
        if raw is None or isinstance(raw, float):
            raise self.fail(pos, "LD004", f"mapping key {secrets.redact(text)} is not a name", path)
        name = text if isinstance(raw, bool) else str(raw)
        if name == "<<" and event.__class__ is ScalarEvent and event.implicit[0]:
            raise self.fail(pos, "LD004", "merge keys (`<<: *anchor`) are YAML 1.1, not YAML 1.2; write the "
                            "keys out, or use an alias for the whole mapping", path)
        if name in top.value:
            first = self.doc.key_pos.get((*path, name), pos)
            raise self.fail(pos, "LD002", f"duplicate key {secrets.redact(name)} (first defined at line "
                            f"{first.line}, column {first.column})", (*path, name))
        if len(name) >= secrets.MIN_BLOB:
            leak = secrets.check_value(name, self.doc.path, pos, path)
            if leak is not None:
                self.leaks.append(leak)
        top.key = name
        top.weight += 1
        self.doc.key_pos[(*path, name)] = pos

    def _alias(self, name: str, pos: Pos, path: YamlPath, depth: int) -> tuple[Any, int, int, Pos]:
        found = self.anchors.get(name)
        if found is None:
            if name in self.open_anchors:
                raise self.fail(pos, "LD005", f"alias *{name} refers to a collection that contains it "
                                "(a recursive structure cannot be a profile)", path)
            raise self.fail(pos, "LD001", f"YAML: alias *{name} has no anchor &{name} before it", path)
        _, weight, height, _ = found
        if depth + height > MAX_DEPTH:
            raise self.fail(pos, "LD005", f"nesting deeper than {MAX_DEPTH} levels (through alias *{name})", path)
        self.alias_added += weight
        expanded = self.nodes + self.alias_added
        if expanded > MAX_NODES or self.alias_added > max(ALIAS_BUDGET, self.nodes):
            raise self.fail(pos, "LD005", f"aliases expand the document too much (alias *{name} brings the "
                            f"expanded size to {expanded:,} keys and values; limits: {MAX_NODES:,} in all, "
                            f"aliases adding at most {ALIAS_BUDGET:,} or the written size)", path)
        return found

    def _scalar(self, event: Any, pos: Pos, path: YamlPath) -> Any:
        tag, text = event.tag, event.value
        if event.style == '"':
            bad = _CONTROL.search(text)
            if bad is not None:
                raise self.fail(pos, "LD003", f"control character U+{ord(bad.group()):04X} in a quoted value: "
                                "documents cannot carry it; remove the escape", path)
        if tag is None:
            return resolve_plain(text) if event.implicit[0] else text
        if tag in _STR_TAGS:
            return text
        kind = tag.removeprefix(_TAG)
        if tag == _TAG + "int":
            value = resolve_plain(text)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        elif tag == _TAG + "float":
            value = resolve_plain(text)
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
        elif tag == _TAG + "bool":
            value = resolve_plain(text)
            if isinstance(value, bool):
                return value
        elif tag == _TAG + "null":
            if resolve_plain(text) is None:
                return None
        else:
            raise self.fail(pos, "LD006", f"unsupported tag {secrets.redact(tag)}", path)
        raise self.fail(pos, "LD006", f"{secrets.redact(text)} is not a valid {kind}", path)


def _pos(event: Any) -> Pos:
    return Pos(event.start_mark.line + 1, event.start_mark.column + 1)


_BOMS = ((b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"), (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
         (b"\xfe\xff", "UTF-16 (big-endian)"), (b"\xff\xfe", "UTF-16 (little-endian)"))


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 only (a BOM is allowed), no NUL, bounded size."""

    def error(code: str, message: str, offset: int | None = None) -> InputError:
        line = column = 0
        if offset is not None:
            head = data[:offset]
            start = head.rfind(b"\n") + 1
            line = head.count(b"\n") + 1
            column = len(head[start:].decode("utf-8", errors="replace")) + 1
        return InputError([Finding(code=code, severity=Severity.ERROR, message=message, file=path,
                                   line=line, column=column)])

    if len(data) > MAX_FILE_BYTES:
        raise error("LD005", f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    for bom, name in _BOMS:
        if data.startswith(bom):
            raise error("LD003", f"file is {name} text with a byte-order mark; profilekit reads UTF-8 only "
                        "(save it as UTF-8, e.g. in Notepad: Save As → Encoding: UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        sample = data[:4096]
        if sample.count(b"\x00") * 3 >= len(sample):  # every other byte NUL: UTF-16 without a BOM
            raise error("LD003", "file looks like UTF-16 text (every other byte is NUL); profilekit reads "
                        "UTF-8 only (save it as UTF-8)")
        raise error("LD003", "file contains a NUL byte (a binary file?); a profile is UTF-8 text", nul)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error("LD003", f"file is not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded "
                    "(save the file as UTF-8; Windows-1252/Latin-1 text pasted from Word?)", exc.start) from None


def load_text(text: str, path: str) -> tuple[Any, Document]:
    """Parse one YAML document into plain values and the positions of all of its keys and values.

    Raises InputError for YAML errors, for input beyond the limits and for key material (LD009).
    """
    doc = Document(path=path, text=text)
    secrets.scan_text(text, path)
    builder = _Builder(doc)
    parser = _Parser(text)
    collect = gc.isenabled()
    gc.disable()  # the values form no cycles; collecting while building them costs a third of the time
    try:
        data = builder.build(parser)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        code, message = "LD001", f"YAML syntax: {problem}"
        if "maximum nesting depth" in problem:
            code, message = "LD005", f"nesting deeper than {MAX_DEPTH} levels"
        elif "'\\t'" in problem or _char_at(text, line, column) == "\t":
            message += " (a tab: YAML does not allow tabs for indentation; use spaces)"
        else:
            line, column, message = _explain(text, problem, line, column, exc.context_mark)
        findings = [Finding(code=code, severity=Severity.ERROR, message=message, file=path, line=line,
                            column=column)]
        raise InputError(_first_leak(builder.leaks, findings)) from None
    except yaml.YAMLError as exc:
        raise InputError(_first_leak(builder.leaks, [Finding(code="LD001", severity=Severity.ERROR,
                                                             message=f"YAML: {exc}", file=path)])) from None
    except InputError as exc:
        raise InputError(_first_leak(builder.leaks, exc.findings)) from None
    finally:
        parser.dispose()
        if collect:
            gc.enable()
    if builder.leaks or builder.folded:
        raise InputError([*builder.leaks, *builder.folded])
    doc.value_pos.setdefault((), Pos(1, 1))
    return data, doc


def _explain(text: str, problem: str, line: int, column: int, context: Any) -> tuple[int, int, str]:
    """libyaml's problem in words an editor can act on, at the line most likely at fault."""
    odd = words.odd_space(text, line)
    if odd is not None:
        return odd.line, odd.column, (f"YAML syntax: {odd.message()} (the YAML parser stopped at line {line}, "
                                      f"column {column}: {problem})")
    spans = [words.curly_span(words.line_text(text, line), line, column)]
    if context is not None and context.line + 1 != line:
        spans.append(words.curly_span(words.line_text(text, context.line + 1), context.line + 1))
    found = next((s for s in spans if s is not None), None)
    if found is not None:
        curly, meant = found
        fix = f"; write {words.straight(meant)}" if meant else ""
        return curly.line, curly.column, (f"YAML syntax: {curly.message()}{fix} (the YAML parser stopped at "
                                          f"line {line}, column {column}: {problem})")
    hint = words.indentation_hint(text, problem, line, column)
    if hint is not None:
        return hint.line, hint.column, f"YAML syntax: {problem}; {hint.sentence}"
    source = words.line_text(text, line)
    if "mapping values are not allowed" in problem and words.colon_in_value(source, column):
        return line, column, (f"YAML syntax: {problem}: a value that contains ': ' must be put in quotes, "
                              'e.g. title: "Gateway control: version 3"')
    before = source[: max(column - 1, 0)].rstrip()
    if "did not find expected key" in problem and before.endswith(("\"", "'")):
        return line, column, (f"YAML syntax: {problem}: text follows the closing quote of a quoted value; "
                              "put the whole value in quotes, or remove the quotes")
    return line, column, f"YAML syntax: {problem}"


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based libyaml mark (columns count characters), or ''."""
    row = words.line_text(text, line)
    return row[column - 1] if 1 <= column <= len(row) else ""


def _first_leak(leaks: list[Finding], findings: list[Finding]) -> list[Finding]:
    """Key material found before a syntax error is reported too: the user must remove it either way."""
    return [*leaks, *findings]
