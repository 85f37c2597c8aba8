"""Standard abbreviations for clause 4 when the profile lists none: those the document text actually uses.

Only well-established expansions (ITU-T, IETF, 3GPP usage) are here; an editor who lists `abbreviations:` in
the profile decides clause 4 alone, so a project-specific term is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

GLOSSARY: dict[str, str] = {
    "3GPP": "Third Generation Partnership Project",
    "AEAD": "Authenticated Encryption with Associated Data",
    "AES": "Advanced Encryption Standard",
    "BFCP": "Binary Floor Control Protocol",
    "BSI": "Bundesamt für Sicherheit in der Informationstechnik (German Federal Office for Information Security)",
    "CA": "Certification Authority",
    "CBC": "Cipher Block Chaining",
    "DHE": "Diffie-Hellman Ephemeral",
    "DNS": "Domain Name System",
    "DTLS": "Datagram Transport Layer Security",
    "ECDHE": "Elliptic Curve Diffie-Hellman Ephemeral",
    "ECDSA": "Elliptic Curve Digital Signature Algorithm",
    "ETSI": "European Telecommunications Standards Institute",
    "GCM": "Galois/Counter Mode",
    "HMAC": "Hash-based Message Authentication Code",
    "IANA": "Internet Assigned Numbers Authority",
    "ID": "Identifier",
    "IETF": "Internet Engineering Task Force",
    "IMS": "IP Multimedia Subsystem",
    "IP": "Internet Protocol",
    "IPsec": "Internet Protocol security",
    "IPv4": "Internet Protocol version 4",
    "IPv6": "Internet Protocol version 6",
    "ITU-T": "International Telecommunication Union – Telecommunication Standardization Sector",
    "M2M": "Machine-to-Machine",
    "MAC": "Message Authentication Code",
    "MG": "Media Gateway",
    "MGC": "Media Gateway Controller",
    "MID": "Message Identifier",
    "MSRP": "Message Session Relay Protocol",
    "NIST": "National Institute of Standards and Technology",
    "OCSP": "Online Certificate Status Protocol",
    "PSK": "Pre-Shared Key",
    "RFC": "Request for Comments",
    "RSA": "Rivest-Shamir-Adleman (public-key algorithm)",
    "RTP": "Real-time Transport Protocol",
    "RTT": "Round-Trip Time",
    "SBC": "Session Border Controller",
    "SCTP": "Stream Control Transmission Protocol",
    "SDO": "Standards Development Organization",
    "SDP": "Session Description Protocol",
    "SHA": "Secure Hash Algorithm",
    "SIP": "Session Initiation Protocol",
    "SNI": "Server Name Indication",
    "TCP": "Transmission Control Protocol",
    "TLS": "Transport Layer Security",
    "TTP": "Trusted Third Party",
    "UDP": "User Datagram Protocol",
    "UE": "User Equipment",
    "URI": "Uniform Resource Identifier",
}


def _pattern(abbreviation: str) -> re.Pattern[str]:
    # a whole word, case-sensitive: "MG" in "the MG's", "CA" in "CA-signed", not "TerminationID" or "IPsec" for IP
    return re.compile(rf"(?<![A-Za-z0-9_]){re.escape(abbreviation)}(?![A-Za-z0-9_])")


_PATTERNS = {abbreviation: _pattern(abbreviation) for abbreviation in GLOSSARY}


def used_abbreviations(texts: Iterable[str]) -> list[tuple[str, str]]:
    """(abbreviation, expansion) for each glossary entry that occurs in `texts`, sorted as clause 4 lists them."""
    corpus = "\n".join(texts)
    found = [(abbr, expansion) for abbr, expansion in GLOSSARY.items() if _PATTERNS[abbr].search(corpus)]
    return sorted(found, key=lambda item: item[0].casefold())
