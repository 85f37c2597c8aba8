"""Loopback self-test: prove with real OpenSSL handshakes that each TLS domain of a profile can run.

For every domain the server on 127.0.0.1 (ephemeral port) is configured only through an openssl.cnf
holding the exported SSL_CONF section (`section_settings`, exactly what `export --format openssl` prints),
applied as system_default. Certificate domains use `libssl_server` (libssl through ctypes, SSL_CTX from
TLS_server_method: the section's VerifyMode takes effect, which `openssl s_server` would override); PSK
domains use `openssl s_server -nocert -psk`. The only other inputs are the throwaway keys, certificates and
CA file made here with `cryptography` (`pki`). Clients are neutral (an empty openssl.cnf) and offer
explicit suites, versions and groups (`peers`): Python's `ssl` where it can, `openssl s_client` where
Python 3.11 cannot (TLS 1.3 suite selection, groups, PSK). Every check says which engine ran it and can
fail (`negotiation`, `authentication`, run per domain by `runner`; `results` holds what they found).
Servers are killed in `finally`, every wait is bounded.
"""

from profilekit.export.selftest.results import SelftestError, SelftestResult, render_text
from profilekit.export.selftest.runner import run_selftest

__all__ = ["SelftestError", "SelftestResult", "render_text", "run_selftest"]
