"""The editor's reference document (an SDO template): opened, checked, and emptied of its body text."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from profilekit.render.docx.wordml import wordml_tag


class RenderError(Exception):
    """A problem with the renderer's input (e.g. an unreadable reference document): exit code 2."""


def open_reference(path: str | Path) -> Any:
    """The reference document with only its final section properties left in the body (styles, page
    set-up, headers and footers stay); RenderError when it is missing or not a readable .docx."""
    import docx

    source = Path(path)
    if not source.is_file():
        raise RenderError(f"{path}: reference document not found" if not source.exists()
                          else f"{path}: reference document is not a file")
    if not zipfile.is_zipfile(source):
        raise RenderError(f"{path}: not a Word .docx file (it is not a zip package); save the SDO template "
                          "as .docx and pass that")
    try:
        document = docx.Document(str(source))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… for broken packages
        reason = str(exc).strip() or type(exc).__name__
        raise RenderError(f"{path}: not a readable Word .docx document ({reason}); a .dotx template must "
                          "first be saved as .docx") from None
    body = document.element.body
    for child in list(body):
        if child.tag != wordml_tag("sectPr"):
            body.remove(child)
    return document
