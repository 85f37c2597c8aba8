"""Documents the generated text of a profile document cites, so that clause 2 lists every one of them.

profilekit's own sentences (requirement summaries in Appendix I, baseline findings in I.2) and the editor's
texts cite RFCs and ITU-T Recommendations. Those the profile's `references` do not list are added to
clause 2.2 as informative references when their title is known here; any other is reported as a notice so
the editor can add it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from profilekit.catalog.references import obsoleted_by
from profilekit.rules.guideline.template import reference_key

KNOWN: dict[str, str] = {
    "RFC793": "IETF RFC 793 (1981), Transmission Control Protocol",
    "RFC9293": "IETF RFC 9293 (2022), Transmission Control Protocol (TCP)",
    "RFC4279": "IETF RFC 4279 (2005), Pre-Shared Key Ciphersuites for Transport Layer Security (TLS)",
    "RFC4975": "IETF RFC 4975 (2007), The Message Session Relay Protocol (MSRP)",
    "RFC5077": "IETF RFC 5077 (2008), Transport Layer Security (TLS) Session Resumption without Server-Side State",
    "RFC5246": "IETF RFC 5246 (2008), The Transport Layer Security (TLS) Protocol Version 1.2",
    "RFC5746": "IETF RFC 5746 (2010), Transport Layer Security (TLS) Renegotiation Indication Extension",
    "RFC6066": "IETF RFC 6066 (2011), Transport Layer Security (TLS) Extensions: Extension Definitions",
    "RFC6520": "IETF RFC 6520 (2012), Transport Layer Security (TLS) and Datagram Transport Layer Security "
               "(DTLS) Heartbeat Extension",
    "RFC7366": "IETF RFC 7366 (2014), Encrypt-then-MAC for Transport Layer Security (TLS) and Datagram "
               "Transport Layer Security (DTLS)",
    "RFC7465": "IETF RFC 7465 (2015), Prohibiting RC4 Cipher Suites",
    "RFC7568": "IETF RFC 7568 (2015), Deprecating Secure Sockets Layer Version 3.0",
    "RFC7627": "IETF RFC 7627 (2015), Transport Layer Security (TLS) Session Hash and Extended Master Secret "
               "Extension",
    "RFC8122": "IETF RFC 8122 (2017), Connection-Oriented Media Transport over the Transport Layer Security "
               "(TLS) Protocol in the Session Description Protocol (SDP)",
    "RFC8446": "IETF RFC 8446 (2018), The Transport Layer Security (TLS) Protocol Version 1.3",
    "RFC8855": "IETF RFC 8855 (2021), The Binary Floor Control Protocol (BFCP)",
    "RFC8996": "IETF RFC 8996 (2021), Deprecating TLS 1.0 and TLS 1.1",
    "RFC9155": "IETF RFC 9155 (2021), Deprecating MD5 and SHA-1 Signature Hashes in TLS 1.2 and DTLS 1.2",
    "RFC9325": "IETF RFC 9325 (2022), Recommendations for Secure Use of Transport Layer Security (TLS) and "
               "Datagram Transport Layer Security (DTLS)",
    "RFC9852": "IETF RFC 9852 (2026), New Protocols Using TLS Must Require TLS 1.3",
    "X.509": "ITU-T X.509, Information technology – Open Systems Interconnection – The Directory: Public-key "
             "and attribute certificate frameworks",
}
"""Titles profilekit can cite on its own (keys as `reference_key` writes ids)."""

_CITATION = re.compile(r"(?<![A-Za-z0-9])(?:RFC\s?(\d{1,5})|(?:ITU-T\s)?(X\.509))(?![0-9])")


def cited_documents(texts: Iterable[str]) -> list[str]:
    """Keys of the RFCs (and X.509) a text cites, in order of first citation."""
    found: dict[str, None] = {}
    for text in texts:
        for match in _CITATION.finditer(text):
            found.setdefault(f"RFC{int(match.group(1))}" if match.group(1) else "X.509", None)
    return list(found)


def missing_references(texts: Iterable[str], listed: Iterable[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(id, title) of the cited documents `listed` lacks and whose title is known; and the unknown ones. An
    obsoleted document the text cites (RFC 793 in a guideline summary) is proposed as the one that obsoletes
    it (RFC 9293), unless that is listed."""
    have = {reference_key(i) for i in listed}
    cited = []
    for key in cited_documents(texts):
        replacement = obsoleted_by(key)
        if replacement is not None and (reference_key(replacement[0]) in have or key not in have):
            key = replacement[0]
        if reference_key(key) not in have and key not in cited:
            cited.append(key)
    return [(key, KNOWN[key]) for key in cited if key in KNOWN], [key for key in cited if key not in KNOWN]
