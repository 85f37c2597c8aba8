"""The codes of `profilekit probe` findings (PRB): a live TLS endpoint compared with its profile's TLS domain.

Declared here, below every layer that lists codes (profilekit.load.codes collects them for docs/rules.md,
`profilekit rules` and SARIF); profilekit.probe raises them.
"""

from __future__ import annotations

from profilekit.findings import NonRuleCode, Severity


def _code(code: str, title: str, description: str, severity: Severity = Severity.ERROR) -> NonRuleCode:
    return NonRuleCode(code=code, title=title, description=description, severity=severity)


CODES: tuple[NonRuleCode, ...] = (
    _code("PRB001", "The endpoint accepts a TLS version the profile does not list",
          "A ClientHello offering only this version got a ServerHello for it. Disable the version on the "
          "endpoint, or list it in the TLS profile's `versions`."),
    _code("PRB002", "The endpoint refuses a TLS version the profile lists",
          "A ClientHello offering only this version (with every catalogue suite of it) was refused. Enable "
          "the version, or remove it from `versions`."),
    _code("PRB010", "The endpoint accepts a cipher suite the profile does not list",
          "Offered in a hand-built ClientHello (suites the local OpenSSL lacks included), the suite was chosen. "
          "Remove it from the endpoint's configuration, or list it in `cipher_suites`."),
    _code("PRB011", "The endpoint refuses a cipher suite the profile lists",
          "The suite was offered at every accepted version it is defined for, and never chosen although the "
          "server has a certificate it can use. Enable it, or remove it from `cipher_suites`."),
    _code("PRB012", "The endpoint follows the client's cipher-suite order",
          "The profile says `server_preference: true`, but forward and reversed offers of the accepted suites "
          "were answered in the client's order. Enable server preference (OpenSSL: Options = ServerPreference)."),
    _code("PRB013", "The endpoint enforces its own cipher-suite order",
          "The profile says `server_preference: false`, but the server chose the same suites whatever the "
          "client's order. Disable server preference, or set `server_preference: true`."),
    _code("PRB014", "The endpoint's cipher-suite order differs from the profile's precedence",
          "The server's order, recovered by elimination, ranks the profile's suites differently from "
          "`cipher_suites`. Configure the suites in the profile's order."),
    _code("PRB015", "The endpoint's cipher-suite order depends on the client's offer",
          "Forward and reversed offers gave different orders that are neither the server's nor the client's "
          "alone, e.g. ChaCha20 prioritisation (OpenSSL PrioritizeChaCha: ChaCha20 first when the client lists "
          "it first). Reported as observed; the order compared with the profile is the forward one.",
          Severity.INFO),
    _code("PRB016", "A cipher suite of the profile cannot be tested with the endpoint's certificates",
          "The suite needs a kind of certificate (or a pre-shared key) the server did not present; it is "
          "neither accepted nor refused.", Severity.INFO),
    _code("PRB020", "The endpoint accepts a key-exchange group the profile does not list",
          "The server chose the group from a supported_groups offer. Remove it on the endpoint, or list it "
          "in `groups`."),
    _code("PRB021", "The endpoint refuses a key-exchange group the profile lists",
          "The group was offered and never chosen. Enable it, or remove it from `groups`."),
    _code("PRB022", "The endpoint's group order differs from the profile's",
          "The server enforces a group order that ranks the profile's groups differently from `groups`."),
    _code("PRB023", "The endpoint signs with a signature scheme the profile does not list",
          "The server signed its key exchange (TLS 1.2 ServerKeyExchange, TLS 1.3 CertificateVerify) with a "
          "scheme missing from `signature_algorithms`."),
    _code("PRB030", "The certificate's key type or size is not allowed",
          "The key of a certificate the server sent is of a type missing from `certificates.key_types`, or "
          "smaller than its `min_bits`."),
    _code("PRB031", "The certificate is signed with a hash the profile does not allow",
          "The certificate's signature hash is missing from `certificates.signature_hashes`."),
    _code("PRB032", "The certificate lives longer than max_lifetime_days",
          "notAfter minus notBefore exceeds `certificates.max_lifetime_days`."),
    _code("PRB033", "The certificate chain does not verify to the given CA",
          "A full handshake with --ca as the only trust anchor failed verification."),
    _code("PRB040", "The endpoint does not ask for a client certificate",
          "The profile authenticates clients (`authentication.client` required or optional), but no "
          "CertificateRequest came. Set VerifyMode on the endpoint."),
    _code("PRB041", "The endpoint asks for a client certificate the profile does not want",
          "The profile says `authentication.client: none`, but the server sent a CertificateRequest."),
    _code("PRB042", "The endpoint accepts a client without a certificate",
          "The profile requires client certificates, but a client that sent none completed the handshake."),
    _code("PRB043", "The endpoint accepts a client certificate from an unknown CA",
          "A throwaway self-signed client certificate, which no trust anchor vouches for, was accepted."),
    _code("PRB044", "The endpoint refuses the given client certificate",
          "The certificate given with --client-cert (and its --client-key) was refused."),
    _code("PRB050", "The endpoint's compression differs from the profile's",
          "The server chose a compression method missing from `compression`, or refused one it lists."),
    _code("PRB051", "The endpoint does not indicate secure renegotiation",
          "No renegotiation_info in the TLS ≤ 1.2 ServerHello (RFC 5746): the endpoint renegotiates insecurely "
          "or not per RFC 5746."),
    _code("PRB052", "The endpoint's extended master secret differs from the profile's",
          "RFC 7627: the ServerHello does (or does not) echo extended_master_secret, against "
          "`extensions.extended_master_secret`."),
    _code("PRB053", "The endpoint's encrypt-then-MAC differs from the profile's",
          "RFC 7366: with a CBC suite the ServerHello does (or does not) echo encrypt_then_mac, against "
          "`extensions.encrypt_then_mac`."),
    _code("PRB054", "The endpoint's session tickets differ from the profile's",
          "The server issues tickets (TLS 1.2 session_ticket, TLS 1.3 NewSessionTicket) although "
          "`resumption` allows none, or issues none although `session_tickets: true`."),
    _code("PRB055", "The endpoint's 0-RTT differs from the profile's",
          "A TLS 1.3 ticket offers early data (max_early_data_size > 0) although `early_data: false`, or none "
          "does although `early_data: true`."),
    _code("PRB090", "A check the probe could not make",
          "What the probe could not observe on this endpoint, and why (e.g. tickets behind mandatory client "
          "authentication, a TLS 1.3 group the probe cannot make a key share for).", Severity.INFO),
)
