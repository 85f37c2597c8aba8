"""OpenSSL settings for a TLS profile: the keys and values of an openssl.cnf SSL_CONF section.

`settings_for(tls)` derives them from a TLS profile (deterministically: it never looks at the local
OpenSSL); `render_fragment` prints a ready-to-include openssl.cnf fragment; `check_settings` asks the
OpenSSL library in use (libssl through ctypes, SSL_CONF_cmd in file mode) whether it accepts each key,
because OpenSSL silently ignores bad SSL_CONF values when it loads openssl.cnf; `local_suites` lists the
suites this OpenSSL build provides.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from profilekit.catalog.ciphers import CipherSuite
    from profilekit.model.tls import TlsProfile

VERSION_WIRE: dict[str, int] = {"SSL3.0": 0x0300, "TLS1.0": 0x0301, "TLS1.1": 0x0302, "TLS1.2": 0x0303,
                                "TLS1.3": 0x0304}
OPENSSL_PROTOCOL: dict[str, str] = {"SSL3.0": "SSLv3", "TLS1.0": "TLSv1", "TLS1.1": "TLSv1.1",
                                    "TLS1.2": "TLSv1.2", "TLS1.3": "TLSv1.3"}
COMPRESSION_IDS: dict[str, int] = {"null": 0, "deflate": 1, "lzs": 64}

#: Order of the keys in a section (the order OpenSSL applies them does not matter; readers like a fixed one).
#: These are the keys of the gateway JSON's `openssl.settings` object.
SETTING_KEYS: tuple[str, ...] = ("CipherString", "Ciphersuites", "MinProtocol", "MaxProtocol", "Protocol",
                                 "Groups", "SignatureAlgorithms", "Options", "VerifyMode")
#: Every key an exported section may hold (the gateway JSON has a settings field for each since 1.1).
SECTION_KEYS: tuple[str, ...] = SETTING_KEYS
#: `Protocol` value of a section that refuses every handshake (see `settings_for`, `SectionRefused`).
DENY_ALL = "-ALL"


@dataclass(frozen=True)
class Named:
    """A TLS registry entry with its code point, OpenSSL name and the first OpenSSL release that has it."""

    code: int
    openssl: str | None
    openssl_since: str | None


#: TLS supported groups (RFC 8446 §4.2.7, RFC 7919, RFC 8734, draft-ietf-tls-ecdhe-mlkem).
GROUPS: dict[str, Named] = {
    "secp192r1": Named(19, "P-192", "1.1.1"),
    "secp224r1": Named(21, "P-224", "1.1.1"),
    "secp256r1": Named(23, "P-256", "1.1.1"),
    "secp384r1": Named(24, "P-384", "1.1.1"),
    "secp521r1": Named(25, "P-521", "1.1.1"),
    "brainpoolP256r1": Named(26, "brainpoolP256r1", "1.1.1"),
    "brainpoolP384r1": Named(27, "brainpoolP384r1", "1.1.1"),
    "brainpoolP512r1": Named(28, "brainpoolP512r1", "1.1.1"),
    "x25519": Named(29, "X25519", "1.1.1"),
    "x448": Named(30, "X448", "1.1.1"),
    "brainpoolP256r1tls13": Named(31, "brainpoolP256r1tls13", "3.2"),
    "brainpoolP384r1tls13": Named(32, "brainpoolP384r1tls13", "3.2"),
    "brainpoolP512r1tls13": Named(33, "brainpoolP512r1tls13", "3.2"),
    "ffdhe2048": Named(256, "ffdhe2048", "3.0"),
    "ffdhe3072": Named(257, "ffdhe3072", "3.0"),
    "ffdhe4096": Named(258, "ffdhe4096", "3.0"),
    "ffdhe6144": Named(259, "ffdhe6144", "3.0"),
    "ffdhe8192": Named(260, "ffdhe8192", "3.0"),
    "SecP256r1MLKEM768": Named(0x11EB, "SecP256r1MLKEM768", "3.5"),
    "X25519MLKEM768": Named(0x11EC, "X25519MLKEM768", "3.5"),
    "SecP384r1MLKEM1024": Named(0x11ED, "SecP384r1MLKEM1024", "3.5"),
}

#: Bits of the EC (or hybrid EC) part of each elliptic-curve group; ffdhe groups are finite-field.
EC_GROUP_BITS: dict[str, int] = {
    "secp192r1": 192, "secp224r1": 224, "secp256r1": 256, "secp384r1": 384, "secp521r1": 521,
    "brainpoolP256r1": 256, "brainpoolP384r1": 384, "brainpoolP512r1": 512, "x25519": 256, "x448": 448,
    "brainpoolP256r1tls13": 256, "brainpoolP384r1tls13": 384, "brainpoolP512r1tls13": 512,
    "SecP256r1MLKEM768": 256, "X25519MLKEM768": 256, "SecP384r1MLKEM1024": 384,
}
FFDHE_BITS: dict[str, int] = {"ffdhe2048": 2048, "ffdhe3072": 3072, "ffdhe4096": 4096, "ffdhe6144": 6144,
                              "ffdhe8192": 8192}

#: TLS SignatureScheme values (RFC 8446 §4.2.3, RFC 8734); OpenSSL's "SIG+HASH" form where it has one.
SIGNATURE_ALGORITHMS: dict[str, Named] = {
    "rsa_pkcs1_md5": Named(0x0101, None, None),
    "rsa_pkcs1_sha1": Named(0x0201, "RSA+SHA1", "1.0.2"),
    "dsa_sha1": Named(0x0202, "DSA+SHA1", "1.0.2"),
    "ecdsa_sha1": Named(0x0203, "ECDSA+SHA1", "1.0.2"),
    "rsa_pkcs1_sha256": Named(0x0401, "RSA+SHA256", "1.0.2"),
    "dsa_sha256": Named(0x0402, "DSA+SHA256", "1.0.2"),
    "ecdsa_secp256r1_sha256": Named(0x0403, "ECDSA+SHA256", "1.0.2"),
    "rsa_pkcs1_sha384": Named(0x0501, "RSA+SHA384", "1.0.2"),
    "ecdsa_secp384r1_sha384": Named(0x0503, "ECDSA+SHA384", "1.0.2"),
    "rsa_pkcs1_sha512": Named(0x0601, "RSA+SHA512", "1.0.2"),
    "ecdsa_secp521r1_sha512": Named(0x0603, "ECDSA+SHA512", "1.0.2"),
    "rsa_pss_rsae_sha256": Named(0x0804, "rsa_pss_rsae_sha256", "1.1.1"),
    "rsa_pss_rsae_sha384": Named(0x0805, "rsa_pss_rsae_sha384", "1.1.1"),
    "rsa_pss_rsae_sha512": Named(0x0806, "rsa_pss_rsae_sha512", "1.1.1"),
    "ed25519": Named(0x0807, "ed25519", "1.1.1"),
    "ed448": Named(0x0808, "ed448", "1.1.1"),
    "rsa_pss_pss_sha256": Named(0x0809, "rsa_pss_pss_sha256", "1.1.1"),
    "rsa_pss_pss_sha384": Named(0x080A, "rsa_pss_pss_sha384", "1.1.1"),
    "rsa_pss_pss_sha512": Named(0x080B, "rsa_pss_pss_sha512", "1.1.1"),
    "ecdsa_brainpoolP256r1tls13_sha256": Named(0x081A, "ecdsa_brainpoolP256r1_sha256", "3.2"),
    "ecdsa_brainpoolP384r1tls13_sha384": Named(0x081B, "ecdsa_brainpoolP384r1_sha384", "3.2"),
    "ecdsa_brainpoolP512r1tls13_sha512": Named(0x081C, "ecdsa_brainpoolP512r1_sha512", "3.2"),
}


@dataclass(frozen=True)
class Unavailable:
    """A cipher suite of the profile that the OpenSSL settings cannot carry, and why."""

    suite: CipherSuite
    reason: str
    """`no_openssl_name` (OpenSSL never implemented it) or `not_in_this_build` (this OpenSSL lacks it)."""
    detail: str


@dataclass(frozen=True)
class OpenSslSettings:
    """What `settings_for` derives: the SSL_CONF keys (absent key = leave OpenSSL's default) and notes."""

    settings: dict[str, str]
    unavailable: list[Unavailable]
    notes: list[tuple[str, str]]
    """(setting, detail): profile settings an SSL_CONF section cannot express, for the gateway's code."""


def _weak_crypto(tls: TlsProfile, versions: list[str]) -> bool:
    """OpenSSL 3 allows TLS < 1.2 and SHA-1/MD5 handshake signatures only at security level 0."""
    old = any(v in ("SSL3.0", "TLS1.0", "TLS1.1") for v in versions)
    sha1 = any(s in ("rsa_pkcs1_sha1", "dsa_sha1", "ecdsa_sha1", "rsa_pkcs1_md5") for s in tls.signature_algorithms)
    return old or sha1


def _protocols(versions: list[str], notes: list[tuple[str, str]]) -> dict[str, str]:
    """Min/MaxProtocol for `versions` (ascending); `Protocol` too when they have a gap, with a note."""
    from profilekit.catalog.ciphers import VERSIONS, version_index

    out = {"MinProtocol": OPENSSL_PROTOCOL[versions[0]], "MaxProtocol": OPENSSL_PROTOCOL[versions[-1]]}
    span = VERSIONS[version_index(versions[0]):version_index(versions[-1]) + 1]
    holes = [v for v in span if v not in versions]
    if holes:  # e.g. TLS1.0 and TLS1.2 without TLS1.1: only Protocol can say so
        out["Protocol"] = ", ".join(["-ALL", *(OPENSSL_PROTOCOL[v] for v in versions)])
        runs: list[list[str]] = [[]]
        for v in span:
            if v in versions:
                runs[-1].append(v)
            elif runs[-1]:
                runs.append([])
        lowest = runs[0]
        notes.append(("Protocol", f"the versions have a gap ({', '.join(holes)} left out); Protocol keeps it "
                      "exact. OpenSSL as TLS server honours the gap (it negotiates the highest version both "
                      "sides enable). OpenSSL as TLS client only offers the lowest contiguous run of enabled "
                      f"versions ({lowest[0]}" + (f" to {lowest[-1]}" if len(lowest) > 1 else "")
                      + "), so a gateway acting as TLS client with this section never negotiates a version "
                      "above the gap"))
    return out


def _versions_with_suites(tls: TlsProfile, named: list[CipherSuite],
                          notes: list[tuple[str, str]]) -> list[str]:
    """The profile's versions for which OpenSSL implements at least one of its listed suites.

    A version without one would be enabled with OpenSSL's default suites (CipherString left out) or could
    never be negotiated; either way the section must not enable it.
    """
    from profilekit.catalog.ciphers import version_index

    ordered = sorted(set(tls.versions), key=version_index)
    kept: list[str] = [v for v in ordered if any(s.usable_with(v) for s in named)]
    dropped = [v for v in ordered if v not in kept]
    if dropped and kept:
        notes.append(("versions", f"{', '.join(dropped)} left out of the protocol range: the profile lists no "
                      f"cipher suite usable with {'it' if len(dropped) == 1 else 'them'} that OpenSSL implements "
                      f"(enabling {'it' if len(dropped) == 1 else 'them'} would let OpenSSL's default suites in); "
                      f"the section enables {', '.join(kept)}"))
    return kept


def resolve_suites(tls: TlsProfile) -> list[tuple[int, CipherSuite | None, str]]:
    """(position from 1 as written, catalogue entry or None when unknown, name as written) for each listed
    suite, in precedence order.

    A suite listed again (under the same or another name) is left out: the repeat has no effect on the
    order (TLS004), so every export lists each suite once, at its first position.
    """
    from profilekit.catalog.ciphers import lookup

    seen: set[int | str] = set()
    out: list[tuple[int, CipherSuite | None, str]] = []
    for i, name in enumerate(tls.cipher_suites, start=1):
        suite = lookup(name)
        key: int | str = suite.code if suite is not None else name.strip().upper()
        if key in seen:
            continue
        seen.add(key)
        out.append((i, suite, name))
    return out


def verify_mode(client: str, methods: list[str]) -> str | None:
    """SSL_CONF VerifyMode for a TLS server whose client authentication is `client` (required/optional/none).

    Only where certificates authenticate (a PSK-only server requests no certificate).
    """
    if not any(m in ("certificate_ca_signed", "certificate_self_signed") for m in methods):
        return None
    return {"required": "Request,Require", "optional": "Request"}.get(client)


def settings_for(tls: TlsProfile) -> OpenSslSettings:
    """The SSL_CONF section that configures OpenSSL as the TLS profile says, plus what it cannot say.

    The section never allows more than the profile: versions for which OpenSSL implements none of the
    listed suites are left out of the protocol range (with a note); when no version remains, the section
    disables every protocol (`Protocol = -ALL`) and a `refused` note says why — `render_fragment` then
    refuses to print it.
    """
    settings: dict[str, str] = {}
    unavailable: list[Unavailable] = []
    notes: list[tuple[str, str]] = []
    tls12: list[str] = []
    tls13: list[str] = []
    named: list[CipherSuite] = []
    for _, suite, _name in resolve_suites(tls):
        if suite is None:
            continue
        if suite.openssl is None:
            unavailable.append(Unavailable(suite, "no_openssl_name",
                                           "OpenSSL does not implement this cipher suite"))
            continue
        named.append(suite)
        (tls13 if suite.tls13 else tls12).append(suite.openssl)
    versions = _versions_with_suites(tls, named, notes)
    if not versions:
        from profilekit.catalog.ciphers import version_index

        ordered = sorted(set(tls.versions), key=version_index)
        settings.update(MinProtocol=OPENSSL_PROTOCOL[ordered[0]], MaxProtocol=OPENSSL_PROTOCOL[ordered[-1]],
                        Protocol=DENY_ALL, Ciphersuites="")
        notes.append(("refused", f"none of the profile's cipher suites that OpenSSL implements is usable with "
                      f"its versions ({', '.join(ordered)}); the section disables every protocol version "
                      "(Protocol = -ALL) rather than fall back to OpenSSL's defaults"))
    else:
        weak = _weak_crypto(tls, versions)
        if any(v != "TLS1.3" for v in versions):  # tls12 is non-empty: some ≤ 1.2 version kept a suite
            settings["CipherString"] = ":".join(tls12) + (":@SECLEVEL=0" if weak else "")
            if weak:
                notes.append(("CipherString", "@SECLEVEL=0: OpenSSL 3 refuses TLS 1.0/1.1 and SHA-1 handshake "
                              "signatures at higher security levels, and the profile allows them"))
        settings["Ciphersuites"] = ":".join(tls13) if "TLS1.3" in versions else ""
        settings.update(_protocols(versions, notes))
    groups = [GROUPS[g].openssl or g for g in tls.groups]
    if groups:
        settings["Groups"] = ":".join(groups)
        newer = sorted({f"{g} (OpenSSL {GROUPS[g].openssl_since}+)" for g in tls.groups
                        if (GROUPS[g].openssl_since or "0") > "3.0"})
        if newer:
            notes.append(("Groups", "needs a newer OpenSSL: " + ", ".join(newer)))
    sigalgs: list[str] = []
    for name in tls.signature_algorithms:
        entry = SIGNATURE_ALGORITHMS[name]
        if entry.openssl is None:
            notes.append(("SignatureAlgorithms", f"{name} is left out: OpenSSL 3 has no such signature algorithm"))
        else:
            sigalgs.append(entry.openssl)
    if sigalgs:
        settings["SignatureAlgorithms"] = ":".join(sigalgs)
    settings["Options"] = ", ".join(_options(tls, notes))
    auth = tls.authentication
    mode = verify_mode(auth.client, list(auth.methods))
    if mode is not None:
        settings["VerifyMode"] = mode
        notes.append(("VerifyMode", f"VerifyMode = {mode} (client authentication {auth.client}): applies to "
                      "TLS server contexts (TLS_server_method or TLS_method); a context made with "
                      "TLS_client_method silently ignores these values when the section is applied from "
                      "openssl.cnf, and this setting does not make a TLS client verify the server. As TLS "
                      "client, verify the server with SSL_CTX_set_verify(SSL_VERIFY_PEER) or VerifyMode = Peer "
                      "in a client-only section"))
        if auth.on_failure != "terminate":
            notes.append(("VerifyMode", f"on_failure {auth.on_failure}: VerifyMode makes OpenSSL end the "
                          "handshake when client authentication fails; continuing needs a verify callback"))
    _more_notes(tls, notes)
    return OpenSslSettings(settings={k: settings[k] for k in SECTION_KEYS if k in settings},
                           unavailable=unavailable, notes=notes)


def _options(tls: TlsProfile, notes: list[tuple[str, str]]) -> list[str]:
    opts: list[str] = []
    compression = set(tls.compression)
    opts.append("-Compression" if compression == {"null"} else "Compression")
    if "lzs" in compression:
        notes.append(("Options", "LZS compression (id 64) is not implemented by OpenSSL"))
    if "deflate" in compression:
        notes.append(("Options", "DEFLATE compression needs an OpenSSL built with zlib"))
    reneg = tls.renegotiation
    if not reneg.supported:
        opts.append("NoRenegotiation")
    opts.append("UnsafeLegacyRenegotiation" if reneg.supported and not reneg.secure_only
                else "-UnsafeLegacyRenegotiation")
    if reneg.supported and "client" in reneg.initiators:
        notes.append(("Options", "client-initiated renegotiation: set SSL_OP_ALLOW_CLIENT_RENEGOTIATION "
                      "in code (OpenSSL 3.0 has no SSL_CONF name for it)"))
    opts.append("ServerPreference" if tls.server_preference else "-ServerPreference")
    opts.append("SessionTicket" if tls.resumption.session_tickets else "-SessionTicket")
    opts.append("EncryptThenMac" if tls.extensions.encrypt_then_mac else "-EncryptThenMac")
    ems = tls.extensions.extended_master_secret
    opts.append("-ExtendedMasterSecret" if ems == "off" else "ExtendedMasterSecret")
    if ems == "required":
        notes.append(("Options", "extended_master_secret required: OpenSSL negotiates EMS but cannot refuse "
                      "TLS 1.2 peers without it; enforce it in code (SSL_get_extms_support)"))
    if "psk_ke" in tls.resumption.tls13_psk_modes:
        opts.append("AllowNoDHEKEX")
    return opts


def _more_notes(tls: TlsProfile, notes: list[tuple[str, str]]) -> None:
    res = tls.resumption
    notes.append(("session_ids", "session ID cache: SSL_CTX_set_session_cache_mode("
                  + ("SSL_SESS_CACHE_SERVER)" if res.session_ids else "SSL_SESS_CACHE_OFF)")))
    if res.ticket_lifetime_s is not None:
        notes.append(("ticket_lifetime_s", f"SSL_CTX_set_timeout(ctx, {res.ticket_lifetime_s})"))
    if res.ticket_key_rotation_s is not None:
        notes.append(("ticket_key_rotation_s", f"rotate the ticket key every {res.ticket_key_rotation_s} s "
                      "(SSL_CTX_set_tlsext_ticket_key_evp_cb)"))
    if tls.early_data:
        notes.append(("early_data", "SSL_CTX_set_max_early_data (OpenSSL accepts no 0-RTT data by default)"))
    if tls.extensions.ocsp_stapling:
        notes.append(("ocsp_stapling", "staple OCSP responses with SSL_CTX_set_tlsext_status_cb"))
    if tls.extensions.truncated_hmac:
        notes.append(("truncated_hmac", "not implemented by OpenSSL"))
    if tls.extensions.heartbeat:
        notes.append(("heartbeat", "not implemented by OpenSSL (removed in 1.1.0)"))
    auth = tls.authentication
    if auth.fingerprint_hash is not None:
        notes.append(("fingerprint_hash", "verify the peer certificate's RFC 8122 fingerprint "
                      f"({auth.fingerprint_hash}) in a verify callback; self-signed chains do not verify"))
    if "psk" in auth.methods:
        notes.append(("psk", "SSL_CTX_set_psk_server_callback / SSL_CTX_set_psk_client_callback "
                      "(TLS 1.3: SSL_CTX_set_psk_find_session_callback)"))
    if "trusted_third_party" in auth.methods:
        notes.append(("trusted_third_party", "OpenSSL implements no Kerberos (RFC 2712) cipher suites"))


def section_name(domain: str, taken: set[str] | None = None) -> str:
    """An openssl.cnf section name for a domain: `profilekit_<name>` with '.'/'-' as '_', made unique."""
    base = "profilekit_" + re.sub(r"[^A-Za-z0-9_]", "_", domain)
    name, n = base, 2
    while taken is not None and name in taken:
        name, n = f"{base}_{n}", n + 1
    if taken is not None:
        taken.add(name)
    return name


class SectionRefused(Exception):
    """A domain's section would have to disable every protocol version: nothing sensible to export."""

    def __init__(self, domain: str, tls_profile: str, reason: str) -> None:
        super().__init__(f"TLS domain {domain!r} (TLS profile {tls_profile!r}): no OpenSSL section: {reason}")
        self.domain = domain
        self.tls_profile = tls_profile
        self.reason = reason


def section_settings(dom: dict[str, Any]) -> dict[str, str]:
    """The keys and values of a gateway-export domain's SSL_CONF section, in SECTION_KEYS order.

    `openssl.settings` without its null keys; for a 1.0 export, which had no VerifyMode field, VerifyMode
    is derived from the domain's client authentication.
    """
    settings = {k: v for k, v in dom["openssl"]["settings"].items() if v is not None}
    if "VerifyMode" not in settings:
        auth = dom["tls"]["authentication"]
        mode = verify_mode(auth["client"], list(auth["methods"]))
        if mode is not None:
            settings["VerifyMode"] = mode
    return {k: settings[k] for k in (*SECTION_KEYS, *sorted(set(settings) - set(SECTION_KEYS))) if k in settings}


def refusal(dom: dict[str, Any]) -> str | None:
    """Why a domain's section refuses every handshake (`settings_for`'s `refused` note), or None."""
    for note in dom["openssl"]["notes"]:
        if note["setting"] == "refused":
            return str(note["detail"])
    return None


def render_fragment(gateway: dict[str, Any], domain: str | None = None) -> str:
    """An openssl.cnf fragment with one SSL_CONF section per domain (or only `domain`) of a gateway export.

    Raises SectionRefused when a chosen domain's section would disable every protocol version.
    """
    prof = gateway["profile"]
    chosen = [d for d in gateway["domains"] if domain is None or d["name"] == domain]
    for dom in chosen:
        why = refusal(dom)
        if why is not None:
            raise SectionRefused(dom["name"], dom["tls"]["id"], why)
    first = chosen[0]["openssl"]["section"] if chosen else "<section>"
    lines = [
        f"# OpenSSL SSL_CONF settings for {prof['name']} version {prof['version']}",
        f"# generated by {gateway['generator']['name']} {gateway['generator']['version']} from a source "
        f"with sha256 {gateway['source']['sha256']}",
        "#",
        "# OpenSSL applies an SSL_CONF section only through this chain in openssl.cnf (or in the file the",
        "# OPENSSL_CONF environment variable names). Copy these lines without the leading '#   ', the first",
        "# one above every [section] of that file, and give this file's path to .include:",
        "#",
        "#   openssl_conf = openssl_init",
        "#   [openssl_init]",
        "#   ssl_conf = ssl_module",
        "#   [ssl_module]",
        f"#   system_default = {first}",
        "#   .include /path/to/this-file.cnf",
        "#",
        "# system_default applies that section to every SSL_CTX each program using this openssl.cnf creates.",
        "# To apply a section only where a program asks for it, name it under [ssl_module] instead",
    ]
    lines += [f"# ({d['name']} = {d['openssl']['section']}) and call SSL_CTX_config(ctx, \"{d['name']}\")."
              for d in chosen[:1]]
    lines += ["# Where a section has VerifyMode (Request, Require: client authentication), it acts on contexts",
              "# made with TLS_server_method or TLS_method; a TLS_client_method context silently ignores those",
              "# values, so a TLS client must verify its server itself (SSL_VERIFY_PEER or VerifyMode = Peer).",
              "# OpenSSL silently ignores a value it does not accept when it loads the file; `profilekit",
              "# selftest` checks every name against the local OpenSSL. Settings an SSL_CONF section cannot",
              "# express are listed as comments under each section."]
    for dom in chosen:
        ossl = dom["openssl"]
        lines += ["", f"# TLS domain {dom['name']} (TLS profile {dom['tls']['id']})"]
        lines += [f"# not in OpenSSL: {u['iana']} ({u['code']}): {u['detail']}" for u in ossl["unavailable_in_openssl"]]
        lines.append(f"[{ossl['section']}]")
        lines += [f"{key} = {value}" for key, value in section_settings(dom).items()]
        lines += [f"# {n['setting']}: {n['detail']}" for n in ossl["notes"]]
    return "\n".join(lines) + "\n"


def openssl_conf_text(settings: dict[str, str] | dict[str, str | None], *, section: str = "profilekit") -> str:
    """A whole openssl.cnf that applies `settings` to every SSL_CTX (system_default), for OPENSSL_CONF."""
    body = [f"{k} = {v}" for k, v in settings.items() if v is not None]
    return "\n".join(["openssl_conf = openssl_init", "[openssl_init]", "ssl_conf = ssl_module",
                      "[ssl_module]", f"system_default = {section}", f"[{section}]", *body]) + "\n"


# --- asking the local OpenSSL ----------------------------------------------------------------------------


class OpenSslMissing(RuntimeError):
    """The OpenSSL library or command line tool needed for a check is not available here."""


@functools.cache
def _libssl() -> Any:
    import ctypes
    import ctypes.util
    import ssl  # loads the libssl Python itself uses, so ctypes finds the same one

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
    return str(_libssl().OpenSSL_version(0).decode())


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
    lib = _libssl()
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
    from profilekit.catalog.ciphers import all_suites

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
