"""Guideline rules (GL): the H.248.TLSPROF requirement items a profile can show it meets.

One module per clause group, numbered as the guideline: `identification` (GL00x profile identification),
`template` (GL01x the H.248.1 profile template clauses: each item listed once, no placeholders, cited
documents referenced), `mode_of_operation` (GL1xx clause 6), `tls_profiles` (GL2xx clause 7, TLS profiles
and domains), `selection` (GL3xx 8.1-8.2, domain and role selection), `authentication` (GL4xx 8.3),
`control_and_audit` (GL5xx 8.4-8.10: renegotiation, termination, statistics, audit, performance).
`bindings` holds what the binding rules share; `document_text` the search over a profile's strings.
"""
