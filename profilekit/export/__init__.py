"""Exporters: gateway JSON, OpenSSL settings, Mozilla-format configurations, loopback self-test."""
