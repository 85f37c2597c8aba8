"""OpenSSL for a TLS profile: the SSL_CONF settings (`settings`), the openssl.cnf fragment the export prints
(`fragment`), and what the local OpenSSL accepts and provides (`local`, used by the self-test).

The names below are the package's public API, so `profilekit.export.openssl.render_fragment` keeps working
wherever it is documented.
"""

from profilekit.export.openssl.fragment import (
    SectionRefused,
    openssl_conf_text,
    refusal,
    render_fragment,
    section_name,
    section_settings,
)
from profilekit.export.openssl.local import (
    OpenSslMissing,
    check_settings,
    library_version,
    local_suites,
    newer_than_cli,
    openssl_cli,
)
from profilekit.export.openssl.settings import (
    COMPRESSION_IDS,
    OPENSSL_PROTOCOL,
    SETTING_KEYS,
    VERSION_WIRE,
    OpenSslSettings,
    resolve_suites,
    role_notes,
    settings_for,
    verify_mode,
)

__all__ = [
    "COMPRESSION_IDS", "OPENSSL_PROTOCOL", "SETTING_KEYS", "VERSION_WIRE", "OpenSslMissing",
    "OpenSslSettings", "SectionRefused", "check_settings", "library_version", "local_suites", "newer_than_cli",
    "openssl_cli", "openssl_conf_text", "refusal", "render_fragment", "resolve_suites", "role_notes",
    "section_name", "section_settings", "settings_for", "verify_mode",
]
