"""Layers import only downward: every import of every profilekit module (inside functions and under
`if TYPE_CHECKING:` too: they are structure) is read with `ast` and checked against the layer order.

    bottom (profilekit, findings, outputs, resources, catalog) ← model ← load ← rules ← validate, trace, applicability
    ← report, render, export, newprofile ← build ← cli, __main__

Modules of one layer may import each other; a module in no layer fails the test (add it to LAYERS).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "profilekit"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("profilekit", "profilekit.findings", "profilekit.outputs", "profilekit.resources", "profilekit.catalog",
     "profilekit.h248"),
    ("profilekit.model",),
    ("profilekit.load",),
    ("profilekit.rules",),
    ("profilekit.validate", "profilekit.trace", "profilekit.applicability", "profilekit.messages"),
    ("profilekit.report", "profilekit.render", "profilekit.export", "profilekit.newprofile", "profilekit.probe"),
    ("profilekit.build", "profilekit.revisions"),
    ("profilekit.cli", "profilekit.__main__"),
)
"""Lowest first; a name stands for the module and, for a package, everything in it (`profilekit` alone
stands for profilekit/__init__.py)."""

def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    """Index in LAYERS of the module (the longest matching name wins), or None."""
    best: tuple[int, int] | None = None
    for index, names in enumerate(LAYERS):
        for name in names:
            matches = module == name if name == "profilekit" else module == name or module.startswith(name + ".")
            if matches and (best is None or len(name) > best[1]):
                best = (index, len(name))
    return None if best is None else best[0]


def _is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (ROOT / relative.with_suffix(".py")).is_file() or (ROOT / relative / "__init__.py").is_file()


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every profilekit module the file imports, anywhere in it; `from a import b`
    names a.b when b is a module, else a."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.append((node.lineno, full if _is_module(full) else base))
    return [(line, name) for line, name in found if name == "profilekit" or name.startswith("profilekit.")]


def import_edges() -> list[tuple[str, int, str]]:
    """(importer, line, imported) for every import between profilekit modules, once per line."""
    return sorted({(module_name(path), line, target) for path in sorted(PACKAGE.rglob("*.py"))
                   for line, target in imported_modules(path)})


def unit_of(module: str) -> str:
    """The top-level module or package of profilekit a module belongs to: `profilekit.load`, …"""
    return ".".join(module.split(".")[:2])


def _upward(source: str, target: str) -> bool:
    """Whether the import runs against the layers (a module in no layer is test_every_module_has_a_layer's)."""
    source_layer, target_layer = layer_of(source), layer_of(target)
    return source_layer is not None and target_layer is not None and target_layer > source_layer


def test_every_module_has_a_layer() -> None:
    modules = [module_name(path) for path in sorted(PACKAGE.rglob("*.py"))]
    assert "profilekit.load.profile" in modules
    assert [m for m in modules if layer_of(m) is None] == []


def test_no_upward_imports() -> None:
    edges = import_edges()
    assert any(target == "profilekit.model.profile" for _, _, target in edges)  # the scan is not vacuous
    upward = [f"{source}:{line} imports {target} (layer {layer_of(source)} → {layer_of(target)})"
              for source, line, target in edges
              if _upward(source, target)]
    assert upward == [], "imports that run against the layers:\n" + "\n".join(upward)


def test_no_import_loops_between_packages() -> None:
    """Within a layer, too, two packages never import each other (not even through a third one, nor
    inside functions): one of them belongs below the other, or their shared part below both."""
    graph: dict[str, set[str]] = {}
    for source, _, target in import_edges():
        if unit_of(source) != unit_of(target):
            graph.setdefault(unit_of(source), set()).add(unit_of(target))

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            unit = todo.pop()
            if unit == goal:
                return True
            if unit not in seen:
                seen.add(unit)
                todo.extend(graph.get(unit, ()))
        return False

    loops = sorted(f"{a} → {b} → … → {a}" for a, targets in graph.items() for b in targets if reaches(b, a))
    assert loops == []


LAZY_LIBRARIES = ("docx", "lxml", "jinja2", "jsonschema", "cryptodatahub", "cryptography")
"""The heavy libraries `profilekit validate` must not load: only these are imported inside functions
(python-docx brings lxml); everything else is imported at the top of its module, where readers and tools
see the structure."""


def test_only_heavy_libraries_are_imported_inside_functions() -> None:
    inside: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level:
                    names = [node.module or ""]
                else:
                    names = ["." * node.level] if isinstance(node, ast.ImportFrom) else []
                inside += [f"{path.relative_to(ROOT)}:{node.lineno} imports {name}" for name in names
                           if name.split(".")[0] not in LAZY_LIBRARIES]
    assert inside == [], "move these imports to the top of their module:\n" + "\n".join(inside)
