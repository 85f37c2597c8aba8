"""Pydantic models of an H.248 TLS profile: metadata, the 17 template clauses, TLS profiles and domains."""
