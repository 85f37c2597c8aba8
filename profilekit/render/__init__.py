"""Renderers: one document outline built from a loaded profile, written as Markdown or Word (DOCX)."""
