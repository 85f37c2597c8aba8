"""The base every profile model shares: unknown keys are errors, descriptions feed the JSON Schema."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from profilekit.catalog.quotes import CURLY_QUOTES


class Strict(BaseModel):
    """Forbids unknown keys (the loader turns them into "did you mean" messages).

    Attribute docstrings document fields; `profilekit.model.schema` copies them into the JSON Schema
    (pydantic's own option for that parses sources at import time and slows every start-up).
    """

    model_config = ConfigDict(extra="forbid", validate_default=False, strict=True)


# Every text value of the model has one of three kinds, and its kind alone decides what curly quotes
# (catalog/quotes.py) around it mean; tests/test_model.py fails on a text field typed plain `str`:
# - `Text`, prose printed in the document: curly quotes are the author's typography, kept as typed;
# - `Name` and the patterned names below (ids, references, suites, option names): matched literally by
#   an implementation or by profilekit's own cross-references, so curly quotes around the value, which
#   YAML keeps as part of it, are an error (load/errors.py says which kind of field and why);
# - `Example`, H.248 text encoding copied into the document: a curly quote anywhere in it is GL304.

Text = Annotated[str, StringConstraints(min_length=1)]
"""Non-empty prose (titles, descriptions, notes, summary…): printed, never matched, so curly quotes stay."""

Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")]
"""A short machine name: letter first, then letters, digits, '_', '.', '-'; at most 64 characters."""

NOT_CURLY_QUOTED = rf"^([^{CURLY_QUOTES}][\s\S]*|[\s\S]*[^{CURLY_QUOTES}])?$"
"""Any text except one that starts and ends with a curly quote (a Rust and ECMA regex: no look-around)."""

Name = Annotated[str, StringConstraints(min_length=1, pattern=NOT_CURLY_QUOTED)]
"""Text matched literally rather than read as prose: a name, pattern, path, address or reference.

Word's curly quotes around it ('“msrp/tls/$”') are an error: YAML keeps them as part of the value,
where an implementation would match them literally. Prose fields (`Text`) accept curly quotes."""

Example = Text
"""An example in H.248 text encoding (a procedure step's command or reply): validated as `Text`, and GL304
reports a curly quote anywhere in it."""

ElementRef = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*/[A-Za-z0-9_*][A-Za-z0-9_]*$")]
"""`package/element`, e.g. `tlsbsc/role`: an element defined in one of the profile's packages."""

