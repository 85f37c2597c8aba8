"""GL018-GL019 the references the editor lists: an informative reference nothing cites is a warning (the
document still lists it: the editor decides), an obsoleted document is flagged with its replacement.

Which references the profile cites: an id occurs in some text of the profile or of the packages it uses
(matched as a whole word; `RFC4975` also matches "RFC 4975", `_` matches a space), or a field that names a
reference (a term's `source`, an SDP element's `reference`) names it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from profilekit.catalog.references import GENERATED_CITATIONS, obsoleted_by, reference_key
from profilekit.load.loaded import LoadedProfile
from profilekit.rules.base import WARNING, Issue, Rule, rule
from profilekit.rules.guideline import document_text


def _reference_pattern(ref_id: str) -> re.Pattern[str]:
    """A reference id as a whole word, also written with a space or dash (`RFC4975` matches "RFC 4975")."""
    parts: list[str] = []
    previous = ""
    for char in ref_id:
        if char in "_ ":
            parts.append(r"[\s_-]?")
        else:
            if previous and (previous.isalpha() and char.isdigit()):
                parts.append(r"[\s_-]?")
            parts.append(re.escape(char))
        previous = char
    body = "".join(parts)
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9]|[.\-/][A-Za-z0-9])", re.IGNORECASE)


def _strings(value: Any) -> Iterator[str]:
    """Every string in a nested dump of the model (keys too)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def cited_references(loaded: LoadedProfile) -> set[str]:
    """Ids of the references the profile cites (see the module docstring for the rule).

    The profile's own strings come from the loaded YAML (joined once per document, shared with GL014 and
    GL015); the packages of imported libraries are read only for references not found there: a 2,000-package
    profile dumps nothing."""
    profile = loaded.profile
    if not profile.references:
        return set()
    named = {term.source for term in profile.terms if term.source}
    named |= {el.reference for el in (*profile.sdp_mandatory, *profile.sdp_optional) if el.reference}
    def found(ref_id: str) -> bool:
        # the profile's strings are joined once per document (document_text); a match inside the references
        # list itself (the entry's own id or title) is no citation
        return any(path[:1] != ("references",)
                   for path, _ in document_text.matches(loaded.data, _reference_pattern(ref_id)))

    # the generated text (Appendix I, clause I.2) may cite these itself; the renderer proposes adding them
    named |= {ref.id for ref in profile.references if reference_key(ref.id) in GENERATED_CITATIONS}
    cited = {ref.id for ref in profile.references if ref.id in named or found(ref.id)}
    remaining = [ref for ref in profile.references if ref.id not in cited]
    if remaining:
        texts: list[str] = []
        for record in loaded.packages.values():
            if record.origin != "inline":
                texts.extend(_strings(record.package.model_dump(mode="json", warnings=False)))
        imported = "\n".join(texts)
        cited |= {ref.id for ref in remaining if imported and _reference_pattern(ref.id).search(imported)}
    return cited


@rule(code="GL018", title="Every informative reference is cited", severity=WARNING,
      refs=("ITU-T A.1500-style author's guide (references, bibliography)",),
      rationale="An ITU-T text lists a document only when the text cites it; an informative reference no "
                "text of the profile cites (summary, scope, notes, descriptions, a term's source, an SDP "
                "element's reference) is most likely left over. The document still lists it in the "
                "Bibliography: the editor decides, the tool does not drop what the editor wrote.",
      fix="Cite the document where the profile relies on it (e.g. \"as recommended by RFC 9325\"), or "
          "remove the entry from `references`.",
      passing="references:\n  - {id: RFC9325, kind: informative, title: ...}\nscope: TLS use per RFC 9325.\n",
      failing="references:\n  - {id: RFC7568, kind: informative, title: ...}\n# cited nowhere\n")
def informative_references_cited(loaded: LoadedProfile) -> Iterator[Issue]:
    cited = cited_references(loaded)
    for index, ref in enumerate(loaded.profile.references):
        if ref.kind == "informative" and ref.id not in cited:
            yield Issue(message=f"informative reference {ref.id!r} is not cited by any text of the profile; "
                                "the Bibliography lists it all the same: cite it or remove it",
                        path=("references", index, "id"))


@rule(code="GL019", title="No obsoleted document is referenced", severity=WARNING,
      refs=("ITU-T A.1500-style author's guide (references)", "RFC index (Obsoleted by)"),
      rationale="A profile cites the current edition of a document: an RFC obsoleted by another (RFC 793 by "
                "RFC 9293, RFC 4572 by RFC 8122, RFC 4583 by RFC 8856…) sends implementers to text that no "
                "longer applies. Keep it only as an informative reference the text explains (e.g. for "
                "interworking with old implementations).",
      fix="Reference the document that obsoletes it, and cite that one in the text.",
      passing="references:\n  - {id: RFC9293, kind: normative, title: ...}\n",
      failing="references:\n  - {id: RFC793, kind: normative, title: ...}\n")
def no_obsoleted_references(loaded: LoadedProfile) -> Iterator[Issue]:
    for index, ref in enumerate(loaded.profile.references):
        found = obsoleted_by(ref.id)
        if found is None:
            continue
        replacement, title = found
        if ref.kind == "informative" and re.search(r"obsolete", ref.title, re.IGNORECASE):
            continue  # listed on purpose, and the entry says so
        yield Issue(message=f"{ref.id} is obsoleted by {replacement} ({title}); reference {replacement} instead, "
                            f"e.g. {{id: {replacement}, kind: {ref.kind}, title: \"IETF RFC "
                            f"{replacement[3:]}, {title}\"}}",
                    path=("references", index, "id"))


RULES: tuple[Rule, ...] = (informative_references_cited, no_obsoleted_references)
"""Every rule this module declares, for the registry."""
