"""OpenSSL settings for a TLS profile: the keys and values of an openssl.cnf SSL_CONF section.

`settings_for(tls)` derives them from a TLS profile, deterministically: it never looks at the local OpenSSL.
Group and signature algorithm names come from the catalogue (profilekit.catalog.groups, .signature_schemes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from profilekit.catalog.ciphers import VERSIONS, CipherSuite, lookup, version_index
from profilekit.catalog.groups import GROUPS
from profilekit.catalog.signature_schemes import SIGNATURE_SCHEMES

if TYPE_CHECKING:  # annotations only: the self-test's libssl server imports this package without pydantic
    from profilekit.model.tls import TlsProfile

VERSION_WIRE: dict[str, int] = {"SSL3.0": 0x0300, "TLS1.0": 0x0301, "TLS1.1": 0x0302, "TLS1.2": 0x0303,
                                "TLS1.3": 0x0304}
OPENSSL_PROTOCOL: dict[str, str] = {"SSL3.0": "SSLv3", "TLS1.0": "TLSv1", "TLS1.1": "TLSv1.1",
                                    "TLS1.2": "TLSv1.2", "TLS1.3": "TLSv1.3"}
COMPRESSION_IDS: dict[str, int] = {"null": 0, "deflate": 1, "lzs": 64}

#: Order of the keys in a section (the order OpenSSL applies them does not matter; readers like a fixed one).
#: These are the keys of the gateway JSON's `openssl.settings` object, and every key an exported section may hold.
SETTING_KEYS: tuple[str, ...] = ("CipherString", "Ciphersuites", "MinProtocol", "MaxProtocol", "Protocol",
                                 "Groups", "SignatureAlgorithms", "Options", "VerifyMode", "NumTickets")
#: `Protocol` value of a section that refuses every handshake (see `settings_for`, `SectionRefused`).
DENY_ALL = "-ALL"


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
    sha1 = any(SIGNATURE_SCHEMES[s].hash in ("sha1", "md5") for s in tls.signature_algorithms)
    return old or sha1


def _protocols(versions: list[str], notes: list[tuple[str, str]]) -> dict[str, str]:
    """Min/MaxProtocol for `versions` (ascending); `Protocol` too when they have a gap, with a note."""
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


def role_notes(roles: list[str], settings: dict[str, str]) -> list[tuple[str, str]]:
    """What a domain's MG roles (from the termination types) mean for applying the section.

    The section stays the same whatever the role (the self-test checks it in a server context); the notes
    say which keys act in the contexts the MG really creates.
    """
    server_only = [k for k in ("VerifyMode",) if k in settings]
    if "ServerPreference" in settings.get("Options", ""):
        server_only.append("Options ServerPreference")
    if roles == ["client"]:
        detail = ("the MG is TLS client only in this domain (terminations.types[].mode.tls_roles): apply the "
                  "section to TLS_client_method contexts; verify the server's certificate with "
                  "SSL_CTX_set_verify(SSL_VERIFY_PEER) or VerifyMode = Peer in a client-only section")
        if server_only:
            detail += f"; {' and '.join(server_only)} act only in server contexts and have no effect there"
        return [("mg_roles", detail)]
    if not roles:
        return [("mg_roles", "no termination type lists this domain in mode.tls_domains, so the profile does "
                             "not say whether the MG is TLS client, server or both here")]
    if roles == ["client", "server"]:
        return [("mg_roles", "the MG may be TLS client or server in this domain: server contexts take the "
                             "section as it is; client contexts ignore the server-only keys and verify the "
                             "server with SSL_VERIFY_PEER")]
    return []


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
    groups = [GROUPS[g].openssl for g in tls.groups]
    if groups:
        settings["Groups"] = ":".join(groups)
        newer = sorted({f"{g} (OpenSSL {GROUPS[g].openssl_since}+)" for g in tls.groups
                        if GROUPS[g].openssl_since > "3.0"})
        if newer:
            notes.append(("Groups", "needs a newer OpenSSL: " + ", ".join(newer)))
    sigalgs: list[str] = []
    for name in tls.signature_algorithms:
        entry = SIGNATURE_SCHEMES[name]
        if entry.openssl is None:
            notes.append(("SignatureAlgorithms", f"{name} is left out: OpenSSL 3 has no such signature algorithm"))
        else:
            sigalgs.append(entry.openssl)
    if sigalgs:
        settings["SignatureAlgorithms"] = ":".join(sigalgs)
    settings["Options"] = ", ".join(_options(tls, notes))
    if "TLS1.3" in versions and not tls.resumption.session_tickets and not tls.resumption.session_ids:
        # -SessionTicket only stops stateless tickets: OpenSSL then issues stateful TLS 1.3 tickets from its
        # session cache, and clients resume with them (found by `selftest --probe`, PRB054).
        settings["NumTickets"] = "0"
        notes.append(("NumTickets", "NumTickets = 0: the profile allows neither session tickets nor session IDs, "
                      "and under -SessionTicket OpenSSL still issues stateful TLS 1.3 tickets a client can resume "
                      "with; TLS 1.2 session-ID resumption is the session cache's (SSL_CTX_set_session_cache_mode "
                      "SSL_SESS_CACHE_OFF)"))
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
    return OpenSslSettings(settings={k: settings[k] for k in SETTING_KEYS if k in settings},
                           unavailable=unavailable, notes=notes)


def _options(tls: TlsProfile, notes: list[tuple[str, str]]) -> list[str]:
    """The `Options` flags for the profile's compression, renegotiation, tickets and extensions."""
    opts: list[str] = []
    compression = set(tls.compression)
    opts.append("-Compression" if compression == {"null"} else "Compression")
    if "lzs" in compression:
        notes.append(("Options", "LZS compression (id 64) is not implemented by OpenSSL"))
    if "deflate" in compression:
        notes.append(("Options", "DEFLATE compression needs an OpenSSL built with zlib"))
    reneg = tls.effective_renegotiation
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
    """Notes for what the gateway's code must set because SSL_CONF has no key for it."""
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
