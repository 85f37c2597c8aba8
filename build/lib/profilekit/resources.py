"""Files shipped with profilekit (templates, schemas), found the same way from a wheel or a checkout."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def resource(folder: str, name: str) -> Traversable:
    """`templates/…` or `schemas/…`: inside the installed wheel, else at the top of the checkout."""
    try:
        base: Traversable = resources.files(f"profilekit._{folder}")
        if base.joinpath(name).is_file():
            return base.joinpath(name)
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / folder / name
