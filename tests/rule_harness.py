"""Rule test cases: a shipped sample, patched at YAML paths, must (not) raise the rule's findings.

A case file `tests/rule_cases/<CODE>.yaml` holds `pass:` and `fail:` lists of cases:

    fail:
      - name: TLS 1.0 enabled
        base: samples/ims-msrp-tls-relay.yaml        # optional; this is the default
        baseline: bcp195                              # optional; default bcp195 (the default baseline)
        patch:
          - {path: "tls.profiles[0].versions", value: [TLS1.0, TLS1.2]}
          - {path: "tls.profiles[0].early_data", delete: true}
          - {path: "tls.profiles[0].cipher_suites", append: TLS_RSA_WITH_AES_128_CBC_SHA}
        expect:
          - {code: SEC001, path: "tls.profiles[0].versions[0]"}

A passing case must produce no finding with the rule's code; a failing case must produce exactly the
expected (code, path) findings of that code, each at the line and column of that path in the patched file
(or, when the expectation says `near: <text>`, where that text is written inside the value at that path).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BASE = "samples/ims-msrp-tls-relay.yaml"
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(text: str) -> list[str | int]:
    """`a.b[2].c` → ["a", "b", 2, "c"]; bare numbers after a dot are one key with its dots, as the clause
    numbers that key `text:` are written (`text.5.14.1` → ["text", "5.14.1"]); list indexes use brackets."""
    parts: list[str | int] = []
    numeric = False
    for name, idx in _PART.findall(text):
        if idx:
            parts.append(int(idx))
            numeric = False
        elif name.isdigit() and numeric:
            parts[-1] = f"{parts[-1]}.{name}"
        else:
            parts.append(name)
            numeric = name.isdigit()
    return parts


def apply_patch(data: Any, patch: dict[str, Any]) -> None:
    parts = parse_path(patch["path"])
    node = data
    for part in parts[:-1]:
        if isinstance(part, str) and isinstance(node, dict) and part not in node:
            node[part] = {}
        node = node[part]
    last = parts[-1]
    if patch.get("delete"):
        del node[last]
    elif "append" in patch:
        node.setdefault(last, []) if isinstance(node, dict) else None
        node[last].append(patch["append"])
    elif "insert" in patch:
        node[last].insert(patch.get("at", 0), patch["insert"])
    else:
        node[last] = patch["value"]


def build_case(case: dict[str, Any], tmp: Path) -> Path:
    """Write the patched profile into a copy of the samples folder (so imports resolve); return its path."""
    base = ROOT / case.get("base", DEFAULT_BASE)
    folder = tmp / "samples"
    if not folder.exists():
        shutil.copytree(base.parent, folder)
    from profilekit.load.yaml12 import load_text

    data, _ = load_text(base.read_text(encoding="utf-8"), str(base))
    for patch in case.get("patch", []):
        apply_patch(data, patch)
    target = folder / f"case-{re.sub(r'[^A-Za-z0-9]+', '-', case['name']).strip('-')[:60]}.yaml"
    target.write_text(yaml.dump(data, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=4096),
                      encoding="utf-8")
    return target


class _BlockDumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks (`|`), as profiles write H.248 examples, so that cases
    check positions inside block scalars."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _str)


def load_cases(path: Path) -> dict[str, list[dict[str, Any]]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"pass": raw.get("pass", []) or [], "fail": raw.get("fail", []) or []}
