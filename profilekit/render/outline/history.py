"""The History table of clause 5.1: the profile's versions (the `history:` list), oldest first."""

from __future__ import annotations

from profilekit.render.outline.builder import DocumentBuilder
from profilekit.render.outline.nodes import DASH, Table
from profilekit.render.outline.wording import inline_text


def history_table(doc: DocumentBuilder) -> Table | None:
    """Version, date, summary and contribution of each entry; None when the profile lists no history."""
    entries = doc.profile.history
    if not entries:
        return None
    rows = [(inline_text(str(entry.version)), inline_text(entry.date.isoformat()), inline_text(entry.summary),
             inline_text(entry.contribution or DASH)) for entry in entries]
    return doc.table("History", ("Version", "Date", "Summary of changes", "Contribution"), rows)
