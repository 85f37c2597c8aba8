"""Documents the generated text of a profile document cites, so that clause 2 lists every one of them.

profilekit's own sentences (requirement summaries in Appendix I, baseline findings in I.2) and the editor's
texts cite RFCs and ITU-T Recommendations. Those the profile's `references` do not list are added to
clause 2.2 as informative references when their title is known here; any other is reported as a notice so
the editor can add it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from profilekit.catalog.references import GENERATED_CITATIONS, obsoleted_by, reference_key

KNOWN = GENERATED_CITATIONS
"""Titles profilekit can cite on its own (keys as `reference_key` writes ids)."""

_CITATION = re.compile(r"(?<![A-Za-z0-9])(?:RFC\s?(\d{1,5})|(?:ITU-T\s)?(X\.509))(?![0-9])")


def cited_documents(texts: Iterable[str]) -> list[str]:
    """Keys of the RFCs (and X.509) a text cites, in order of first citation."""
    found: dict[str, None] = {}
    for text in texts:
        for match in _CITATION.finditer(text):
            found.setdefault(f"RFC{int(match.group(1))}" if match.group(1) else "X.509", None)
    return list(found)


def missing_references(texts: Iterable[str], listed: Iterable[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(id, title) of the cited documents `listed` lacks and whose title is known; and the unknown ones. An
    obsoleted document the text cites (RFC 793 in a guideline summary) is proposed as the one that obsoletes
    it (RFC 9293), unless that is listed."""
    have = {reference_key(i) for i in listed}
    cited = []
    for key in cited_documents(texts):
        replacement = obsoleted_by(key)
        if replacement is not None and (reference_key(replacement[0]) in have or key not in have):
            key = replacement[0]
        if reference_key(key) not in have and key not in cited:
            cited.append(key)
    return [(key, KNOWN[key]) for key in cited if key in KNOWN], [key for key in cited if key not in KNOWN]
