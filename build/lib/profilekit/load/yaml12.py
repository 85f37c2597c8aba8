"""YAML 1.2 (core schema) values with exact positions, built from libyaml's node tree.

Why not ruamel.yaml here: its round-trip loader keeps positions but is ~7x slower on large profiles
(see benchmarks/). libyaml composes positioned nodes fast; we resolve plain scalars with the YAML 1.2
core schema ourselves (so `no`, `on`, `yes` stay strings, `0o17` is octal, dates stay text), reject
duplicate keys, and bound alias expansion, depth and size. ruamel.yaml stays the library of record
for writing YAML that keeps comments (`profilekit new`).
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from profilekit.findings import Finding, InputError, Severity
from profilekit.load.source import Document, Pos, YamlPath, format_path

#: Input limits (documented in docs/limits.md). Large generated profiles stay far below them.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 2_000_000  # after alias expansion: what pydantic would have to walk

_CParser: Any = getattr(yaml, "CParser", None)
_Parser: Any = _CParser if _CParser is not None else yaml.parser.Parser  # pure-Python fallback

_TAG = "tag:yaml.org,2002:"
_PLAIN = "!plain"  # marker: untagged plain scalar, to be resolved by the 1.2 core schema

_INT10 = re.compile(r"[-+]?[0-9]+")
_INT8 = re.compile(r"0o[0-7]+")
_INT16 = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


class _Resolver(yaml.resolver.BaseResolver):
    """Leaves untagged plain scalars unresolved so we can apply YAML 1.2, not PyYAML's 1.1."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            return _PLAIN
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


if _CParser is not None:

    class _Loader(_CParser, yaml.composer.Composer, _Resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Resolver.__init__(self)

else:  # pragma: no cover - only without libyaml

    class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,  # type: ignore[no-redef]
                  yaml.composer.Composer, _Resolver):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)


def _pos(node: Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


def resolve_plain(text: str) -> Any:
    """YAML 1.2 core schema for an untagged plain scalar."""
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT10.fullmatch(text):
        return int(text)
    if _INT8.fullmatch(text):
        return int(text[2:], 8)
    if _INT16.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    if text in (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"):
        return math.inf
    if text in ("-.inf", "-.Inf", "-.INF"):
        return -math.inf
    if text in (".nan", ".NaN", ".NAN"):
        return math.nan
    return text


class _Builder:
    """Turns a node tree into plain Python values, recording each node's position by path."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.weights: dict[int, int] = {}
        self.built: dict[int, Any] = {}

    def fail(self, node: Node, code: str, message: str, path: YamlPath) -> InputError:
        pos = _pos(node)
        return InputError([Finding(code=code, severity=Severity.ERROR, message=message, file=self.doc.path,
                                   line=pos.line, column=pos.column, yaml_path=format_path(path))])

    def weigh(self, root: Node) -> None:
        """Count nodes after alias expansion without expanding (memoised on shared nodes)."""
        order: list[Node] = []
        stack: list[tuple[Node, int]] = [(root, 0)]
        seen: set[int] = set()
        while stack:
            node, depth = stack.pop()
            if id(node) in seen:
                continue
            if depth > MAX_DEPTH:
                raise self.fail(node, "LD005", f"nesting deeper than {MAX_DEPTH} levels", ())
            seen.add(id(node))
            order.append(node)
            for child in _children(node):
                if id(child) not in seen:
                    stack.append((child, depth + 1))
        for node in reversed(order):
            total = 1 + sum(self.weights.get(id(c), 1) for c in _children(node))
            if total > MAX_NODES:
                raise self.fail(node, "LD005", f"document expands to more than {MAX_NODES:,} nodes "
                                "(alias/anchor expansion or a very large file)", ())
            self.weights[id(node)] = total

    def build(self, node: Node, path: YamlPath, depth: int = 0) -> Any:
        self.doc.value_pos[path] = _pos(node)
        key = id(node)
        if key in self.built:  # an alias: share the value, as the YAML graph does
            return self.built[key]
        if isinstance(node, ScalarNode):
            value = self.scalar(node, path)
        elif isinstance(node, SequenceNode):
            if node.tag not in (_TAG + "seq",):
                raise self.fail(node, "LD006", f"unsupported tag {node.tag!r}", path)
            value = [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        elif isinstance(node, MappingNode):
            value = self.mapping(node, path, depth)
        else:  # pragma: no cover - libyaml knows no other node kinds
            raise self.fail(node, "LD006", "unsupported node", path)
        self.built[key] = value
        return value

    def mapping(self, node: MappingNode, path: YamlPath, depth: int) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            raise self.fail(node, "LD006", f"unsupported tag {node.tag!r}", path)
        out: dict[str, Any] = {}
        first: dict[str, Pos] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, "LD004", "mapping keys must be plain scalars", path)
            raw = self.scalar(key_node, path)
            if raw is None or isinstance(raw, float):
                raise self.fail(key_node, "LD004", f"mapping key {key_node.value!r} is not a name", path)
            name = str(raw) if not isinstance(raw, bool) else key_node.value
            if name in first:
                seen = first[name]
                raise self.fail(key_node, "LD002",
                                f"duplicate key {name!r} (first defined at line {seen.line}, "
                                f"column {seen.column})", (*path, name))
            first[name] = _pos(key_node)
            self.doc.key_pos[(*path, name)] = first[name]
            out[name] = self.build(value_node, (*path, name), depth + 1)
        return out

    def scalar(self, node: ScalarNode, path: YamlPath) -> Any:
        tag, text = node.tag, node.value
        if tag == _PLAIN:
            return resolve_plain(text)
        if tag in ("!", _TAG + "str"):
            return text
        try:
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
                raise self.fail(node, "LD006", f"unsupported tag {tag!r}", path)
        except ValueError:
            pass
        raise self.fail(node, "LD006", f"{text!r} is not a valid {tag.removeprefix(_TAG)}", path)


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 only (a BOM is allowed), no NUL, bounded size."""

    def error(code: str, message: str, offset: int | None = None) -> InputError:
        line = column = 0
        if offset is not None:
            head = data[:offset]
            line = head.count(b"\n") + 1
            column = offset - (head.rfind(b"\n") + 1) + 1
        return InputError([Finding(code=code, severity=Severity.ERROR, message=message, file=path,
                                   line=line, column=column)])

    if len(data) > MAX_FILE_BYTES:
        raise error("LD005", f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise error("LD003", "file contains a NUL byte (binary file, or UTF-16 text?)", nul)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error("LD003", f"file is not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded "
                    "(save the file as UTF-8)", exc.start) from None


def load_text(text: str, path: str) -> tuple[Any, Document]:
    """Parse one YAML document into plain values and the positions of all of its nodes."""
    doc = Document(path=path, text=text)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        if "found character '\\t'" in problem:
            problem += " (YAML does not allow tabs for indentation; use spaces)"
        raise InputError([Finding(code="LD001", severity=Severity.ERROR, message=f"YAML syntax: {problem}",
                                  file=path, line=line, column=column)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Finding(code="LD001", severity=Severity.ERROR, message=f"YAML: {exc}",
                                  file=path)]) from None
    finally:
        loader.dispose()
    if root is None:
        doc.value_pos[()] = Pos(1, 1)
        return None, doc
    builder = _Builder(doc)
    builder.weigh(root)
    return builder.build(root, ()), doc
