"""Select and format catalogue suites for `profilekit ciphers` (text table or JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence

from profilekit.catalog.ciphers import VERSIONS, CipherSuite, all_suites

_YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}

#: key=value filter keys → (attribute, kind); aliases are the column headings of the text table.
FILTER_KEYS: dict[str, tuple[str, str]] = {
    "kx": ("key_exchange", "text"), "key_exchange": ("key_exchange", "text"),
    "auth": ("authentication", "text"), "authentication": ("authentication", "text"),
    "cipher": ("cipher", "text"), "mode": ("mode", "text"), "mac": ("mac", "text"),
    "bits": ("cipher_bits", "int"),
    "aead": ("aead", "bool"), "fs": ("forward_secret", "bool"), "forward_secret": ("forward_secret", "bool"),
    "export": ("export", "bool"), "recommended": ("recommended", "bool"), "rec": ("recommended", "bool"),
    "tls13": ("tls13", "bool"),
    "version": ("", "version"),
}

class FilterError(ValueError):
    """A --filter value that cannot be understood (the CLI turns it into a usage error)."""


def _predicate(text: str) -> Callable[[CipherSuite], bool]:
    if "=" not in text:
        needle = text.strip().upper()
        return lambda s: needle in s.iana.upper() or (s.openssl is not None and needle in s.openssl.upper())
    key, _, raw = text.partition("=")
    key, value = key.strip().lower(), raw.strip()
    if key not in FILTER_KEYS:
        raise FilterError(f"unknown filter key {key!r}; use one of {', '.join(sorted(FILTER_KEYS))}")
    attr, kind = FILTER_KEYS[key]
    if kind == "bool":
        if value.lower() not in _YES:
            raise FilterError(f"{key}= takes yes or no, not {value!r}")
        wanted = _YES[value.lower()]
        return lambda s: bool(getattr(s, attr)) is wanted
    if kind == "int":
        if not value.isdigit():
            raise FilterError(f"{key}= takes a number, not {value!r}")
        return lambda s: int(getattr(s, attr)) == int(value)
    if kind == "version":
        version = value.upper().replace(" ", "").replace("V", "")
        version = f"TLS{version}" if version[:1].isdigit() else version
        if version not in VERSIONS:
            raise FilterError(f"version= takes one of {', '.join(VERSIONS)}, not {value!r}")
        return lambda s: s.usable_with(version)
    return lambda s: (getattr(s, attr) or "none").lower() == value.lower()


def select(filters: Iterable[str] = (), *, recommended: bool = False, tls13: bool = False) -> list[CipherSuite]:
    """Catalogue suites matching every filter, in code-point order. Raises FilterError on a bad filter."""
    predicates = [_predicate(f) for f in filters if f.strip()]
    if recommended:
        predicates.append(lambda s: s.recommended)
    if tls13:
        predicates.append(lambda s: s.tls13)
    return [s for s in all_suites() if all(p(s) for p in predicates)]


def _versions(suite: CipherSuite) -> str:
    if suite.min_version == suite.max_version:
        return suite.min_version
    return f"{suite.min_version}-{suite.max_version}"


def _yn(flag: bool) -> str:
    return "yes" if flag else "no"


COLUMNS = ("IANA name", "Code", "OpenSSL name", "Kx", "Auth", "Cipher", "Mode", "MAC", "AEAD", "FS",
           "Versions", "Rec")


def _row(suite: CipherSuite) -> tuple[str, ...]:
    record = suite.to_record()
    return (suite.iana, str(record["code_bytes"]), suite.openssl or "-", suite.key_exchange,
            suite.authentication, suite.cipher, suite.mode or "-", suite.mac or "-", _yn(suite.aead),
            _yn(suite.forward_secret), _versions(suite), _yn(suite.recommended))


def render_text(suites: Sequence[CipherSuite]) -> str:
    """An aligned table with a heading row and a count line."""
    rows = [COLUMNS, *(_row(s) for s in suites)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.append(f"{len(suites)} suite{'s' if len(suites) != 1 else ''}")
    return "\n".join(lines) + "\n"


def render_json(suites: Sequence[CipherSuite]) -> str:
    """The suites' records (CipherSuite.to_record) as a JSON array."""
    return json.dumps([s.to_record() for s in suites], indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Sequence[CipherSuite]], str]] = {"text": render_text, "json": render_json}
