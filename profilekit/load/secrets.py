"""Refuse key material in profile files: a profile names credentials, it never carries them.

Three nets, none of which ever echoes what it found (messages name the key and the kind only):

* the whole text, comments included: PEM/OpenSSH/PGP/PuTTY private-key markers, and base64 runs that
  decode to a private key (PKCS#1, SEC1, PKCS#8, encrypted PKCS#8), a PKCS#12 bundle or an OpenSSH key;
* keys named like a secret (`psk`, `password`, `private_key`, `key_material`, …) holding a scalar;
* values that are a long hex or base64 blob where a name, path or prose is expected (LD009), or a
  certificate or public key pasted where a reference is expected (LD010: public, so not a leak, but
  a profile names its certificates, the MG's key store holds them).
"""

from __future__ import annotations

import base64
import binascii
import functools
import re

from profilekit.findings import Finding, InputError, NonRuleCode, Severity
from profilekit.load.source import Pos, YamlPath, format_path
from profilekit.load.words import show

CODES = (
    NonRuleCode(code="LD009", title="Secret in the profile",
                description="The file contains key material or a password; reference it instead."),
    NonRuleCode(code="LD010", title="Certificate or public key in the profile",
                description="A value holds a pasted certificate or public key (PEM, or base64/hex DER); "
                            "name the certificate or give its file path instead: the MG's key store holds it."),
)
"""The codes of the findings this module raises; profilekit.load.codes collects them."""

MIN_BLOB = 32
"""Shortest value inspected as a possible blob: 32 hex digits are a 128-bit key."""

_PRIVATE_MARKER = re.compile(
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"  # PKCS#1/#8, SEC1, OpenSSH, encrypted, PGP
    r"|---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----"
    r"|PuTTY-User-Key-File-\d+:")
_B64_RUN = re.compile(r"[A-Za-z0-9+/]{60,}={0,2}")
_MAX_RUNS = 10_000  # base64 runs inspected per file (each costs a tiny decode)
_HEX = re.compile(r"(?:0x)?[0-9A-Fa-f]+")
_B64 = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")
_CANDIDATE = re.compile(r"[0-9A-Za-z+/=_\s-]+")
_MAX_JUDGED = 1 << 16
_PEM_PUBLIC = re.compile(r"-----BEGIN (?:TRUSTED |X509 )?(?:CERTIFICATE|PUBLIC KEY|CERTIFICATE REQUEST|X509 CRL)-----")

_WHY = ("a profile names credentials (a key store entry or a file path), it never carries them: "
        "remove it (the value is not shown here)")

#: Key names (after lower-casing, `-`/space/`.` → `_`) that hold a secret when given a scalar, also as
#: the last part of a longer name (`admin_password`, `tls_psk`).
_SECRET_NAMES: dict[str, str] = {
    **dict.fromkeys(("password", "passwd", "pwd", "passphrase", "pass_phrase", "pin"), "a password"),
    **dict.fromkeys(("psk", "psk_key", "psk_value", "psk_secret", "pre_shared_key", "preshared_key",
                     "presharedkey"), "a pre-shared key"),
    **dict.fromkeys(("secret", "secret_key", "shared_secret", "client_secret", "master_secret",
                     "secret_value"), "a secret"),
    **dict.fromkeys(("private_key", "privatekey", "privkey", "priv_key", "key_pem", "key_der"), "a private key"),
    **dict.fromkeys(("key_material", "keying_material", "key_data", "key_bytes", "raw_key", "master_key",
                     "session_key", "ticket_key", "api_key", "apikey", "token", "access_token", "auth_token"),
                    "key material"),
}
#: Fields of the profile format whose names end like a secret but hold settings, not secrets.
_NOT_SECRET = frozenset({"extended_master_secret"})


@functools.lru_cache(maxsize=4096)
def secret_name(key: str) -> str | None:
    """What kind of secret a key of this name holds (`a password`, …), or None for ordinary keys."""
    norm = re.sub(r"[-. ]", "_", key.strip().lower())
    if norm in _NOT_SECRET:
        return None
    if norm in _SECRET_NAMES:
        return _SECRET_NAMES[norm]
    for word, label in _SECRET_NAMES.items():
        if norm.endswith("_" + word) and word not in ("pin", "token"):
            return label
    return None


def _finding(code: str, message: str, file: str, pos: Pos, path: YamlPath) -> Finding:
    return Finding(code=code, severity=Severity.ERROR, message=message, file=file, line=pos.line,
                   column=pos.column, yaml_path=format_path(path))


def named_secret(file: str, pos: Pos, path: YamlPath, label: str) -> Finding:
    """LD009 for a scalar under a secret-looking key (positioned at the value, naming only the key)."""
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    return _finding("LD009", f"key {show(key)} holds {label}; {_WHY}", file, pos, path)


def scan_text(text: str, path: str) -> None:
    """Raise LD009 before parsing when the text (comments included) holds a private key or a PKCS#12 bundle."""
    findings: list[Finding] = []
    markers = "-----BEGIN" in text or "---- BEGIN" in text or "PuTTY-User-Key-File-" in text
    for match in _PRIVATE_MARKER.finditer(text) if markers else ():
        findings.append(_text_finding(text, match.start(), path, "a private key (PEM/OpenSSH/PGP block)"))
    if not findings:  # (a PEM block's body would only repeat what its marker said)
        for n, match in enumerate(_B64_RUN.finditer(text)):
            if n >= _MAX_RUNS:
                break
            kind = _classify_der(_b64_prefix(match.group()))
            if kind is not None and kind[0] == "LD009":
                findings.append(_text_finding(text, match.start(), path, kind[1]))
    if findings:
        raise InputError(findings)


def _text_finding(text: str, offset: int, path: str, what: str) -> Finding:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    where = " in a comment" if _in_comment(text, offset) else ""
    return Finding(code="LD009", severity=Severity.ERROR, file=path, line=line, column=column,
                   message=f"file contains {what}{where}; {_WHY}")


def _in_comment(text: str, offset: int) -> bool:
    start = text.rfind("\n", 0, offset) + 1
    return "#" in text[start:offset]


def check_value(value: str, file: str, pos: Pos, path: YamlPath) -> Finding | None:
    """LD009/LD010 when a string value is key material or a pasted certificate rather than a name or text."""
    if "-----BEGIN" in value:
        if _PRIVATE_MARKER.search(value):
            return _finding("LD009", f"value holds a private key (PEM block); {_WHY}", file, pos, path)
        if _PEM_PUBLIC.search(value):
            return _finding("LD010", "value holds a PEM certificate or public key; name the certificate or "
                            "give its file path instead (the MG's key store holds it)", file, pos, path)
    head = value[:_MAX_JUDGED]  # a blob is judged by its start; the rest of a huge value costs nothing
    if not _CANDIDATE.fullmatch(head):  # prose: punctuation that neither hex nor base64 has
        return None
    compact = "".join(head.split())
    if len(compact) < MIN_BLOB:
        return None
    if _HEX.fullmatch(compact):
        digits = len(compact) - (2 if compact.startswith("0x") else 0)
        kind = _classify_der(_hex_prefix(compact))
        if kind is not None:
            return _finding(kind[0], _blob_message(kind), file, pos, path)
        return _finding("LD009", f"value looks like raw key material ({digits} hex digits, {digits * 4} bits: "
                        f"a pre-shared key?); {_WHY}", file, pos, path)
    if len(compact) >= 44 and _B64.fullmatch(compact) and _mixed(compact):
        kind = _classify_der(_b64_prefix(compact))
        if kind is not None:
            return _finding(kind[0], _blob_message(kind), file, pos, path)
        return _finding("LD009", f"value looks like encoded key material (a base64 blob of {len(compact)} "
                        f"characters); {_WHY}", file, pos, path)
    return None


def _blob_message(kind: tuple[str, str]) -> str:
    code, what = kind
    if code == "LD010":
        return (f"value holds {what} (base64/hex DER); name the certificate or give its file path instead "
                "(the MG's key store holds it)")
    return f"value holds {what}; {_WHY}"


def _mixed(text: str) -> bool:
    return any(c.isdigit() for c in text) and any(c.isupper() for c in text) and any(c.islower() for c in text)


def redact(value: object, *, limit: int = 60) -> str:
    """The value for messages as the YAML author recognises it (words.show), unless it looks like a secret
    or a blob (then only its length)."""
    if isinstance(value, str):
        if len(value) >= MIN_BLOB and (_looks_secret(value) or " " not in value.strip()):
            return f"(a value of {len(value)} characters, not shown)"
        if _PRIVATE_MARKER.search(value) or "-----BEGIN" in value:
            return f"(a value of {len(value)} characters, not shown)"
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"(a {value.bit_length()}-bit number, not shown)"
    if isinstance(value, str) and len(value) > limit:
        return show(value[: limit - 3] + "...")
    return show(value)


def _looks_secret(value: str) -> bool:
    return check_value(value, "", Pos(0, 0), ()) is not None


# --- DER: just enough ASN.1 to tell keys and PKCS#12 bundles from certificates -----------------------

_DER_PREFIX = 96  # bytes decoded: the outer headers and the first fields


def _b64_prefix(text: str) -> bytes:
    chunk = text[: (_DER_PREFIX // 3) * 4].replace("-", "+").replace("_", "/")
    chunk = chunk[: len(chunk) - len(chunk) % 4]
    try:
        return base64.b64decode(chunk, validate=False)
    except (binascii.Error, ValueError):
        return b""


def _hex_prefix(text: str) -> bytes:
    digits = text[2:] if text.startswith("0x") else text
    digits = digits[: _DER_PREFIX * 2]
    try:
        return bytes.fromhex(digits[: len(digits) - len(digits) % 2])
    except ValueError:
        return b""


def _header(data: bytes, at: int) -> tuple[int, int, int] | None:
    """(tag, content start, content length or -1 for indefinite) of the DER element at `at`."""
    if at + 2 > len(data):
        return None
    tag, first = data[at], data[at + 1]
    if first < 0x80:
        return tag, at + 2, first
    if first == 0x80:
        return tag, at + 2, -1
    count = first & 0x7F
    if count > 4 or at + 2 + count > len(data):
        return None
    return tag, at + 2 + count, int.from_bytes(data[at + 2:at + 2 + count], "big")


def _classify_der(data: bytes) -> tuple[str, str] | None:
    """(code, what) for DER that starts like key material (LD009) or a certificate/public key (LD010)."""
    if data.startswith(b"openssh-key-v1\x00"):
        return "LD009", "an OpenSSH private key"
    outer = _header(data, 0)
    if outer is None or outer[0] != 0x30:
        return None
    first = _header(data, outer[1])
    if first is None:
        return None
    tag, start, length = first
    if tag == 0x02 and length == 1 and start < len(data):  # SEQUENCE { INTEGER version, ...
        version = data[start]
        following = _header(data, start + 1)
        nxt = following[0] if following is not None else None
        if version == 3 and nxt == 0x30:
            return "LD009", "a PKCS#12 (PFX) bundle of private keys and certificates"
        if version in (0, 1) and nxt == 0x30:
            return "LD009", "a private key (PKCS#8)"
        if version == 0 and nxt == 0x02:
            return "LD009", "a private key (PKCS#1 RSA or DSA)"
        if version == 1 and nxt == 0x04:
            return "LD009", "a private key (SEC1 EC)"
        return None
    if tag == 0x30 and length >= 0:  # SEQUENCE { SEQUENCE ..., ...
        inner = _header(data, start)
        if inner is None:
            return None
        if inner[0] in (0xA0, 0x02):  # tbsCertificate: [0] version or serial number
            return "LD010", "a certificate"
        if inner[0] == 0x06:  # AlgorithmIdentifier { OID ... }, then the key
            after = _header(data, start + length)
            if after is not None and after[0] == 0x04:
                return "LD009", "an encrypted private key (PKCS#8)"
            if after is not None and after[0] == 0x03:
                return "LD010", "a public key"
    return None
