"""Edited versions of the shipped samples, for the diff and tracked-changes tests: the sample's YAML
values changed through Python and written as JSON (a YAML 1.2 document) beside a copy of samples/lib."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from profilekit.load.profile import load_profile

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def sample_data(sample: Path) -> dict[str, Any]:
    return copy.deepcopy(load_profile(sample).data)


def write_profile(folder: Path, name: str, data: dict[str, Any]) -> Path:
    """`data` as folder/name (with samples/lib beside it, so the imports resolve)."""
    if not (folder / "lib").exists():
        shutil.copytree(ROOT / "samples" / "lib", folder / "lib")
    path = folder / name
    path.write_text(json.dumps(data, indent=1, default=str, ensure_ascii=False), encoding="utf-8")
    return path


def edited(folder: Path, sample: Path, edit: Callable[[dict[str, Any]], None], name: str = "new.yaml") -> Path:
    data = sample_data(sample)
    edit(data)
    return write_profile(folder, name, data)


def move_first_suite_down(data: dict[str, Any]) -> None:
    suites = data["tls"]["profiles"][0]["cipher_suites"]
    suites.insert(1, suites.pop(0))


def drop_a_suite(data: dict[str, Any]) -> None:
    suites = data["tls"]["profiles"][-1]["cipher_suites"]
    if len(suites) > 1:
        suites.pop()


def new_summary(data: dict[str, Any]) -> None:
    data["summary"] = data["summary"].rstrip(".") + ", and also relays the session's statistics."


def rename_domain(data: dict[str, Any]) -> None:
    domain = data["tls"]["domains"][0]
    old = domain["name"]
    domain["name"] = old + "_renamed"
    for ttype in data["terminations"]["types"]:
        mode = ttype.get("mode") or {}
        mode["tls_domains"] = [d + "_renamed" if d == old else d for d in mode.get("tls_domains", [])]


def bump_version(data: dict[str, Any]) -> None:
    data["identification"]["version"] = int(data["identification"]["version"]) + 1


EDITS: dict[str, Callable[[dict[str, Any]], None]] = {
    "move-suite": move_first_suite_down, "drop-suite": drop_a_suite, "summary": new_summary,
    "rename-domain": rename_domain,
}
