"""Rules with codes: guideline (GL), TLS consistency (TLS), security baselines (SEC), precedence (PRC)."""
