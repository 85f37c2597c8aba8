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
