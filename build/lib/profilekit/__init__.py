"""profilekit: write, check and publish ITU-T H.248 profiles that secure TCP bearers with TLS."""

__version__ = "0.1.0"

#: Version of the profile YAML format (the `format_version` key) this release reads and writes.
FORMAT_VERSION = 1
