"""Facts about cited documents: which ones are obsoleted and by what, and how an ITU-T text labels and
writes a reference entry ("[ITU-T H.248.1] Recommendation ITU-T H.248.1 (2013), Gateway control protocol:
Version 3.", "[IETF RFC 8446] …", informative ones in the Bibliography as "[b-IETF RFC 9325]")."""

from __future__ import annotations

import re

OBSOLETED: dict[str, tuple[str, str]] = {
    "RFC793": ("RFC9293", "Transmission Control Protocol (TCP)"),
    "RFC4572": ("RFC8122", "Connection-Oriented Media Transport over TLS in SDP"),
    "RFC4583": ("RFC8856", "SDP Format for BFCP Streams"),
    "RFC4582": ("RFC8855", "The Binary Floor Control Protocol (BFCP)"),
    "RFC3546": ("RFC6066", "TLS Extensions: Extension Definitions"),
    "RFC4366": ("RFC6066", "TLS Extensions: Extension Definitions"),
    "RFC4347": ("RFC9147", "DTLS Protocol Version 1.3 (via RFC 6347)"),
    "RFC6347": ("RFC9147", "DTLS Protocol Version 1.3"),
    "RFC7525": ("RFC9325", "Recommendations for Secure Use of TLS and DTLS (BCP 195)"),
    "RFC3280": ("RFC5280", "Internet X.509 PKI Certificate and CRL Profile"),
    "RFC2459": ("RFC5280", "Internet X.509 PKI Certificate and CRL Profile (via RFC 3280)"),
    "RFC6961": ("RFC8446", "TLS 1.3 (multiple OCSP responses are part of TLS 1.3)"),
}
"""Reference key (as `reference_key` writes it) → (the document that obsoletes it, its title), from the
RFC index's "Obsoleted by". RFC 5246 (TLS 1.2) and RFC 5077 (TLS 1.2 session tickets) are obsoleted by
RFC 8446 too, but a profile that allows TLS 1.2 needs them for the TLS 1.2 mechanisms, so they are not
listed: citing them is right."""


def reference_key(ref_id: str) -> str:
    """A reference id as compared: "RFC 4975", "RFC4975" and "rfc4975" are one document."""
    return re.sub(r"[\s_-]", "", ref_id).upper()


def obsoleted_by(ref_id: str) -> tuple[str, str] | None:
    """(replacement id, its title) when `ref_id` names an obsoleted document; None otherwise."""
    return OBSOLETED.get(reference_key(ref_id))


_RFC = re.compile(r"^(?:IETF)?RFC(\d+)$")
_ITU = re.compile(r"^(?:ITU-?T)?([A-Z]\.\d[\w.]*)$")
_SERIES = re.compile(r"^(?:3GPP)?(TS|TR)(\d+\.\d+)$")


def citation_label(ref_id: str, title: str = "") -> str:
    """The label a reference is cited by in an ITU-T text: `RFC8446` → "IETF RFC 8446", `H.248.1` →
    "ITU-T H.248.1", `TS29.238` → "3GPP TS 29.238" (when the title says 3GPP); anything else as written,
    underscores as spaces."""
    key = reference_key(ref_id)
    match = _RFC.match(key)
    if match:
        return f"IETF RFC {int(match.group(1))}"
    match = _ITU.match(key.replace("ITU-T", "ITUT").replace("ITUT", "ITU-T") if "ITU" in key else key)
    if match and (title.startswith(("ITU-T", "Recommendation ITU-T")) or "ITU" in key
                  or not title.startswith(("ETSI", "3GPP", "IETF"))):
        return f"ITU-T {match.group(1)}"
    match = _SERIES.match(key)
    if match and (title.startswith("3GPP") or key.startswith("3GPP")):
        return f"3GPP {match.group(1)} {match.group(2)}"
    return " ".join(ref_id.replace("_", " ").split())


def entry_text(title: str) -> str:
    """A reference's title as its entry reads: "Recommendation ITU-T H.248.1 (2013), …." — ITU-T
    Recommendations are named "Recommendation ITU-T …"; every entry ends with a full stop."""
    text = " ".join(title.split())
    if re.match(r"ITU-T [A-Z]\.\d", text):
        text = "Recommendation " + text
    return text if text.endswith(".") else text + "."


GENERATED_CITATIONS: dict[str, str] = {
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
"""The documents profilekit's own sentences can cite (Appendix I, clause I.2, package and table texts), with
their titles; keys as `reference_key` writes ids. The renderer proposes the ones a document cites but the
profile does not list, and GL018 does not call such a reference uncited."""
