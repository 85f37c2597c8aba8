"""`profilekit new`: a commented starting profile, written with ruamel.yaml so the comments survive."""

from __future__ import annotations

import datetime as dt
import io
import re

from ruamel.yaml import YAML

from profilekit.resources import resource

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")


def new_profile_text(*, name: str, today: dt.date | None = None) -> str:
    """The template with its name and date set; comments and layout kept (round-trip mode)."""
    if not _NAME.match(name):
        raise ValueError(f"profile name {name!r}: use letters, digits and '_', start with a letter, "
                         "at most 64 characters (e.g. ETSIprof_MyUseCase_TLS)")
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(resource("templates", "new-profile.yaml").read_text(encoding="utf-8"))
    data["identification"]["name"] = name
    data["identification"]["date"] = today or dt.date.today()
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
