"""Asking the local OpenSSL: which SSL_CONF names its libssl accepts, which suites this build provides.

`check_settings` asks libssl through ctypes (SSL_CONF_cmd in file mode) whether it accepts each key, because
OpenSSL silently ignores bad SSL_CONF values when it loads openssl.cnf; `local_suites` lists the suites this
OpenSSL build provides (the `openssl` command line tool).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import re
import shutil
import ssl  # loads the libssl Python itself uses, so ctypes.util finds the same one
import subprocess
import tempfile
from typing import Any

from profilekit.catalog.ciphers import all_suites


class OpenSslMissing(RuntimeError):
    """The OpenSSL library or command line tool needed for a check is not available here."""


@functools.cache
def load_libssl() -> Any:
    """libssl through ctypes, with the signatures `check_settings` needs (the one Python's ssl loaded)."""
    name = ctypes.util.find_library("ssl")
    if name is None:
        raise OpenSslMissing(f"libssl not found (Python's ssl uses {ssl.OPENSSL_VERSION})")
    lib = ctypes.CDLL(name)
    p = ctypes.c_void_p
    lib.TLS_method.restype = p
    lib.SSL_CTX_new.restype, lib.SSL_CTX_new.argtypes = p, [p]
    lib.SSL_CTX_free.argtypes = [p]
    lib.SSL_CONF_CTX_new.restype = p
    lib.SSL_CONF_CTX_free.argtypes = [p]
    lib.SSL_CONF_CTX_set_flags.restype, lib.SSL_CONF_CTX_set_flags.argtypes = ctypes.c_uint, [p, ctypes.c_uint]
    lib.SSL_CONF_CTX_set_ssl_ctx.argtypes = [p, p]
    lib.SSL_CONF_cmd.restype, lib.SSL_CONF_cmd.argtypes = ctypes.c_int, [p, ctypes.c_char_p, ctypes.c_char_p]
    lib.OpenSSL_version.restype, lib.OpenSSL_version.argtypes = ctypes.c_char_p, [ctypes.c_int]
    lib.ERR_clear_error.argtypes = []
    return lib


def library_version() -> str:
    """`OpenSSL 3.0.19 27 Jan 2026` — the libssl `check_settings` asks."""
    return str(load_libssl().OpenSSL_version(0).decode())


#: Keys whose value is a ':'-separated list: OpenSSL accepts the list when any one name is known, so each
#: name is checked on its own too. ('@SECLEVEL=n' is a directive, not a name.)
LIST_KEYS = ("CipherString", "Ciphersuites", "Groups", "SignatureAlgorithms")


def check_settings(settings: dict[str, str] | dict[str, str | None],
                   missing_here: frozenset[str] = frozenset()) -> dict[str, str]:
    """Keys OpenSSL's SSL_CONF_cmd (file mode, client and server) rejects → why; empty when all are accepted.

    Options are checked one by one, and so is every name of a list key (CipherString, Ciphersuites, Groups,
    SignatureAlgorithms): OpenSSL accepts `KNOWN:TYPO` because one name matched, then runs without TYPO.
    The message names what OpenSSL does not know. Names in `missing_here` (real OpenSSL names this build
    lacks, e.g. a suite of a legacy provider or a group of a newer release) are not reported.
    """
    lib = load_libssl()
    flags = 0x2 | 0x4 | 0x8  # SSL_CONF_FLAG_FILE | CLIENT | SERVER

    def accepts(key: str, value: str) -> int:
        ctx = lib.SSL_CTX_new(lib.TLS_method())
        cctx = lib.SSL_CONF_CTX_new()
        try:
            lib.SSL_CONF_CTX_set_flags(cctx, flags)
            lib.SSL_CONF_CTX_set_ssl_ctx(cctx, ctx)
            return int(lib.SSL_CONF_cmd(cctx, key.encode(), value.encode()))
        finally:
            lib.SSL_CONF_CTX_free(cctx)
            lib.SSL_CTX_free(ctx)

    rejected: dict[str, str] = {}
    for key, value in settings.items():
        if value is None:
            continue
        if key == "Options":
            parts = [o.strip() for o in value.split(",")]
        elif key in LIST_KEYS and value:
            names = [n for n in value.split(":") if n and not n.startswith("@")]
            parts = [value, *names] if len(names) > 1 else [value]
        else:
            parts = [value]
        bad: list[str] = []
        for part in parts:
            status = accepts(key, part)
            if status == -2:
                rejected[key] = "unknown SSL_CONF key"
                break
            if status <= 0:
                bad.append(part)
        if bad and key not in rejected:
            single = [b for b in bad if b != value]
            if single and all(b in missing_here for b in single):
                continue
            rejected[key] = (f"value {value!r} rejected" if not single else
                             ("unknown to this OpenSSL: " if key != "Options" else "option rejected: ")
                             + ", ".join(repr(b) for b in single))
    lib.ERR_clear_error()
    return rejected


def openssl_cli() -> str:
    """Path of the `openssl` command line tool; OpenSslMissing when it is not on PATH."""
    found = shutil.which("openssl")
    if found is None:
        raise OpenSslMissing("the openssl command line tool is not on PATH")
    return found


def clean_env(conf_text: str = "") -> tuple[dict[str, str], str]:
    """An environment whose OPENSSL_CONF is a private file holding `conf_text` (not the system policy)."""
    fd, path = tempfile.mkstemp(prefix="profilekit-", suffix=".cnf")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(conf_text)
    return dict(os.environ, OPENSSL_CONF=path), path


@functools.cache
def local_suites() -> frozenset[str]:
    """OpenSSL names of every suite this OpenSSL build provides (`openssl ciphers -s -psk -v`, level 0).

    `-s` alone leaves out PSK suites (they need a PSK callback), hence `-psk`; TLS 1.3 suites OpenSSL does
    not enable by default (the CCM ones) are asked for with `-ciphersuites`, one by one (a list would hide
    an unknown name).
    """
    env, path = clean_env()
    try:
        names = set()
        tls13 = sorted({s.openssl for s in all_suites() if s.tls13 and s.openssl})
        for suites in ["TLS_AES_128_GCM_SHA256", *tls13]:
            out = subprocess.run([openssl_cli(), "ciphers", "-s", "-psk", "-v", "-ciphersuites", suites,
                                  "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                                 capture_output=True, text=True, env=env, timeout=20, check=False)
            names |= {line.split()[0] for line in out.stdout.splitlines() if line.strip()}
    finally:
        os.unlink(path)
    return frozenset(names)


@functools.cache
def cli_version() -> tuple[int, int]:
    """(major, minor) of the openssl command line tool."""
    out = subprocess.run([openssl_cli(), "version"], capture_output=True, text=True, timeout=20, check=False)
    match = re.search(r"(\d+)\.(\d+)", out.stdout)
    return (int(match[1]), int(match[2])) if match else (0, 0)


def newer_than_cli(since: str | None) -> bool:
    """True when a feature needs a newer OpenSSL than the local command line tool."""
    if since is None:
        return True
    major, minor = (int(x) for x in since.split(".")[:2])
    return (major, minor) > cli_version()
