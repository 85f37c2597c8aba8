"""GL014/GL015 search all of a profile's strings at once; the result must equal a search of each string."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from profilekit.load.profile import load_profile
from profilekit.rules.guideline import document_text, template


def test_joined_search_finds_what_a_per_string_search_finds(sample: Path) -> None:
    for path in (sample, ROOT / "templates" / "new-profile.yaml"):
        data = load_profile(path).data
        for pattern, candidates in ((template.CITED, template.CITED_AT), (template.PLACEHOLDER, None)):
            each = [(p, m.group(0)) for p, text in document_text.strings(data) for m in pattern.finditer(text)]
            joined = [(p, m.group(0)) for p, m in document_text.matches(data, pattern, candidates=candidates)]
            assert joined == each
    cited = [m.group(0) for _, m in document_text.matches(load_profile(sample).data, template.CITED,
                                                        candidates=template.CITED_AT)]
    assert cited, "every sample cites at least one document"
