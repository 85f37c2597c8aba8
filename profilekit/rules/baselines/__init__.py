"""Security baseline rules (SEC): BCP 195 (RFC 8996, RFC 9325, RFC 9852; alias rfc9325), 3GPP TS 33.210, NIST
SP 800-52r2, BSI TR-02102-2.

One rule per topic; `baselines` names the baselines that have the topic and `baseline_severity` maps each
baseline's keyword to a severity (MUST/SHALL → error, SHOULD/(not) recommended → warning, MAY/best
practice → info). Where thresholds differ between baselines (key sizes) the topic is split per baseline,
because a check cannot see the selected baseline.

Sources are the facts in shared/reference/security-baselines.md. Our notes give section numbers for
RFC 9325 and 3GPP TS 33.210 only; NIST SP 800-52r2 and BSI TR-02102-2 are cited by document and topic.
Facts the notes mark "(unverified)" (3GPP TS 33.210 §6.2.3 on TLS 1.2 suites and extensions) are cited
as best practice at info severity, and each such rule's rationale says so.
"""
