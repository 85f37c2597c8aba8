"""How a document names the values of the profile's enumerations: one catalogue, so that no renderer shows
a YAML value (`tcp_tls`, `sub_list`, `TLS1.3`) where a reader expects words ("TCP over TLS", "sub-list",
"TLS 1.3").

Each kind maps every value the model allows to its name in the text of a specification; `display(kind,
value)` looks one up. `tests/test_display.py` checks that every `Literal` of the model has an entry here,
so a value added to the model without a name fails a test rather than leaking into a document.

Values that are themselves names a reader needs (a package property's value, a cipher suite's IANA name, a
TLS group) are not translated: the document shows them in code style.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

DISPLAY: dict[str, dict[str, str]] = {
    "tls_version": {"SSL3.0": "SSL 3.0", "TLS1.0": "TLS 1.0", "TLS1.1": "TLS 1.1", "TLS1.2": "TLS 1.2",
                    "TLS1.3": "TLS 1.3"},
    "bearer": {"udp": "UDP", "tcp": "TCP", "tcp_tls": "TCP over TLS", "sctp": "SCTP",
               "udp_dtls": "UDP over DTLS", "rtp_avp": "RTP/AVP", "rtp_savp": "RTP/SAVP"},
    "media": {"audio": "audio", "video": "video", "data": "data", "application": "application",
              "message": "message", "text": "text", "control": "control", "other": "other"},
    "tcp_mode": {"proxy_application_agnostic": "proxy, application-agnostic",
                 "proxy_application_aware": "proxy, application-aware", "relay": "relay", "proxy": "proxy"},
    "role": {"client": "client", "server": "server"},
    "termination_kind": {"physical": "physical", "ephemeral": "ephemeral"},
    "support": {"mandatory": "mandatory", "optional": "optional", "not_used": "not used"},
    "direction": {"MGC_to_MG": "MGC to MG", "MG_to_MGC": "MG to MGC", "both": "both directions"},
    "wildcards": {"none": "none", "choose": "CHOOSE ($)", "all": "ALL (*)",
                  "choose_and_all": "CHOOSE ($) and ALL (*)"},
    "encoding": {"text": "text encoding (H.248.1 Annex B)", "binary": "binary encoding (H.248.1 Annex A)"},
    "mid_format": {"ipv4": "IPv4 address", "ipv6": "IPv6 address", "domain_name": "domain name",
                   "device_name": "device name", "mtp_address": "MTP address"},
    "control_transport": {"udp": "UDP", "tcp": "TCP", "sctp": "SCTP", "m3ua": "M3UA", "tls": "TLS"},
    "control_link": {"none": "not protected", "ipsec": "protected with IPsec", "tls": "protected with TLS",
                     "dtls": "protected with DTLS"},
    "status": {"draft": "draft", "consented": "consented", "approved": "approved", "published": "published",
               "superseded": "superseded", "withdrawn": "withdrawn"},
    "purpose": {"proposal": "Proposal", "information": "Information", "discussion": "Discussion"},
    "value_type": {"boolean": "Boolean", "integer": "integer", "double": "double", "string": "string",
                   "octet_string": "octet string", "enumeration": "enumeration", "sub_list": "sub-list"},
    "property_descriptor": {"termination_state": "TerminationState", "local_control": "LocalControl",
                            "media": "Media", "events": "Events", "signals": "Signals", "context": "Context"},
    "signal_type": {"brief": "brief", "on_off": "on/off", "timeout": "timeout"},
    "fingerprint_hash": {"sha-1": "SHA-1", "sha-224": "SHA-224", "sha-256": "SHA-256", "sha-384": "SHA-384",
                         "sha-512": "SHA-512", "md5": "MD5", "md2": "MD2"},
    "signature_hash": {"sha1": "SHA-1", "md5": "MD5", "sha224": "SHA-224", "sha256": "SHA-256",
                       "sha384": "SHA-384", "sha512": "SHA-512"},
    "auth_method": {"certificate_ca_signed": "CA-signed certificate",
                    "certificate_self_signed": "self-signed certificate (fingerprint)",
                    "psk": "pre-shared key", "trusted_third_party": "trusted third party", "none": "none"},
    "auth_requirement": {"required": "required", "optional": "optional", "none": "not performed"},
    "on_failure": {"terminate": "the session is terminated", "continue": "the session continues",
                   "continue_if": "the session continues only under the conditions listed"},
    "initiator": {"mg": "the MG", "client": "the TLS client", "server": "the TLS server"},
    "psk_mode": {"psk_dhe_ke": "PSK with (EC)DHE key establishment", "psk_ke": "PSK-only key establishment"},
    "ttp_selection": {"per_domain": "per TLS domain", "per_property": "by a package property"},
    "key_type": {"rsa": "RSA", "ecdsa": "ECDSA", "ed25519": "Ed25519", "ed448": "Ed448", "dsa": "DSA"},
    "extended_master_secret": {"required": "required", "supported": "supported", "off": "not used"},
    "compression": {"null": "null (no compression)", "deflate": "DEFLATE", "lzs": "LZS"},
    "termination_reason": {"close_notify": "closure alert received", "fatal_alert": "fatal alert",
                           "local_termination": "terminated by the MG", "handshake_failure": "handshake failure",
                           "renegotiation_failure": "renegotiation failure", "tcp_closure": "TCP connection closed"},
    "reference_kind": {"normative": "normative", "informative": "informative"},
}
"""Kind of value → model value → its name in a document."""


def display(kind: str, value: str) -> str:
    """The name of `value` in a document; a value missing here is a bug (KeyError), not a silent leak."""
    return DISPLAY[kind][value]


def capitalized(kind: str, value: str) -> str:
    """`display` with its first letter capitalised, for a table cell that starts a sentence."""
    text = display(kind, value)
    return text[:1].upper() + text[1:]


def versions_text(versions: Sequence[str]) -> str:
    """"TLS 1.2 and TLS 1.3" for a list of versions."""
    names = [display("tls_version", v) for v in versions]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


_PATH = re.compile(r"(^|[/\\])[^/\\\s]+\.(pem|crt|cer|der|p12|pfx|key)$|[/\\]", re.IGNORECASE)


def looks_like_path(value: str) -> bool:
    """Whether a value names a file of the editor's (`certs/mg.pem`), which a document never publishes."""
    return bool(_PATH.search(value.strip())) and " " not in value.strip()
