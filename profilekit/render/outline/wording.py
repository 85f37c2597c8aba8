"""Text helpers every clause uses: inline runs from strings, lists joined into one cell, YAML values
(`MGC_to_MG`, `sha256`, `true`) in the words a specification uses, notes after a value."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from profilekit.render.outline.nodes import DASH, Inline, Paragraph, Run, Section


def inline_text(text: str) -> Inline:
    """Plain text as inline runs; nothing for an empty string."""
    return (Run(text),) if text else ()


def inline_code(text: str) -> Inline:
    """An identifier in code style; nothing for an empty string."""
    return (Run(text, code=True),) if text else ()


def prose(text: str) -> Inline:
    """An editor's text as one paragraph: line breaks and runs of spaces collapsed."""
    return inline_text(" ".join(text.split()))


def join_inline(parts: Iterable[Inline], separator: str = ", ") -> Inline:
    """Inline pieces one after the other, `separator` between them."""
    out: list[Run] = []
    for index, part in enumerate(parts):
        if index and separator:
            out.append(Run(separator))
        out.extend(part)
    return tuple(out)


def code_list(items: Iterable[Any]) -> Inline:
    """A list of identifiers, each in code style; a dash when empty."""
    values = [str(v) for v in items]
    return join_inline(inline_code(v) for v in values) if values else inline_text(DASH)


def word_list(items: Iterable[Any]) -> Inline:
    """A list of plain values joined by commas; a dash when empty."""
    values = [str(v) for v in items]
    return inline_text(", ".join(values)) if values else inline_text(DASH)


def value_or_dash(value: Any) -> Inline:
    """An optional value as a cell: a dash when missing, Yes/No for a flag."""
    if value is None or value == "":
        return inline_text(DASH)
    if isinstance(value, bool):
        return inline_text(yes_no(value))
    return inline_text(str(value))


def code_or_dash(value: str | None) -> Inline:
    """An optional identifier as a cell: in code style, or a dash when missing."""
    return inline_code(value) if value else inline_text(DASH)


def yes_no(value: bool) -> str:
    """A flag as a table says it."""
    return "Yes" if value else "No"


_ACRONYMS = {"ca": "CA", "id": "ID", "ipv4": "IPv4", "ipv6": "IPv6", "mg": "MG", "mgc": "MGC", "mtp": "MTP",
             "ocsp": "OCSP", "psk": "PSK", "sdp": "SDP", "sni": "SNI", "tcp": "TCP", "tls": "TLS", "ttp": "TTP"}


def in_words(value: str) -> str:
    """`proxy_application_agnostic` → "Proxy application agnostic"; `MGC_to_MG` → "MGC to MG";
    `tcp_closure` → "TCP closure", `ipv4` → "IPv4" (acronyms keep their capitals)."""
    text = " ".join(_ACRONYMS.get(word, word) for word in value.split("_"))
    return text[:1].upper() + text[1:]


def and_list(items: Iterable[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    values = list(items)
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def hash_name(value: str) -> str:
    """`sha256` → "SHA-256", `md5` → "MD5" (as the hash functions are written in prose)."""
    match = re.fullmatch(r"sha(\d+)", value)
    if match:
        return "SHA-1" if match[1] == "1" else f"SHA-{match[1]}"
    return value.upper()


def yaml_scalar(value: Any) -> str | None:
    """A YAML value as the profile writes it (`true`, `5`, `tcp`); None stays None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def with_notes(text: str, notes: str | None) -> str:
    """A cell's value followed by the editor's notes, one style everywhere: "not supported. BFCP connections
    are short; …" — the notes as a sentence of their own after a full stop, never in brackets."""
    note = " ".join(notes.split()) if notes else ""
    if not note:
        return text
    if not text:
        return note
    return f"{text}{'' if text.endswith(('.', '!', '?')) else '.'} {note}"


def add_notes(section: Section, notes: str | None) -> None:
    """The editor's notes of a clause, as a NOTE paragraph at the end of `section`."""
    if notes:
        section.blocks.append(Paragraph(prose(notes), kind="note"))


def editor_line(editor: Any) -> str:
    """"name, organization, country, Tel: phone, email" of an editor or contact (the parts given)."""
    parts = [editor.name]
    for value in (editor.organization, getattr(editor, "country", None)):
        if value:
            parts.append(value)
    phone = getattr(editor, "phone", None)
    if phone:
        parts.append(f"Tel: {phone}")
    if editor.email:
        parts.append(editor.email)
    return ", ".join(parts)


def editor_list(editors: Sequence[Any]) -> str:
    """Every editor's line, separated by semicolons."""
    return "; ".join(editor_line(e) for e in editors)
