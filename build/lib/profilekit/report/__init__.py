"""Reporters: turn findings into text, JSON, SARIF or GitHub annotations (chosen from REPORTERS)."""
