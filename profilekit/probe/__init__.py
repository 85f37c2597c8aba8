"""Probe a live TLS endpoint against a TLS domain of its profile (`profilekit probe`).

`wire` builds ClientHellos and reads the server's answers (TLS 1.3 flights decrypted), `session` runs one
bounded connection, `scan` finds what the endpoint accepts and in which order with as few handshakes as it
can, `compare` turns deviations from the profile into PRB findings at the profile element they concern,
`run` ties them together for the CLI, and `loopback` probes the self-test's own server (`selftest --probe`).
"""

from profilekit.probe.run import Options, ProbeResult, ProbeUsageError, probe_endpoint, render_json, render_text

__all__ = ["Options", "ProbeResult", "ProbeUsageError", "probe_endpoint", "render_json", "render_text"]
