"""GL01x the H.248.1 profile template clauses: each command, descriptor, SDP element and reference listed
once, no placeholders from `profilekit new` left, every cited document in the references."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from profilekit.catalog.references import reference_key
from profilekit.load.loaded import LoadedProfile
from profilekit.load.source import YamlPath, format_path
from profilekit.rules.base import ERROR, WARNING, Issue, Rule, rule
from profilekit.rules.guideline import document_text


def _duplicates(loaded: LoadedProfile, lists: tuple[YamlPath, ...], key: Callable[[Any], str],
                what: str, describe: Callable[[Any, Any], str],
                shown: Callable[[Any], str] | None = None) -> Iterator[Issue]:
    """One issue per repeated entry (by `key`) across `lists`, at the repeat, naming the first's line
    (`shown`: the entry as written, when `key` normalises it)."""
    first: dict[str, YamlPath] = {}
    items: dict[YamlPath, Any] = {}
    for base in lists:
        node: Any = loaded.profile
        for part in base:
            node = getattr(node, str(part))
        for i, item in enumerate(node):
            name, path = key(item), (*base, i)
            items[path] = item
            if name not in first:
                first[name] = path
                continue
            where = first[name]
            label, written = name, ""
            if shown is not None:
                label = shown(item)
                if shown(items[where]) != label:
                    written = f" as {shown(items[where])!r}"
            yield Issue(message=f"{what} {label!r} is listed more than once (first{written} at line "
                                f"{loaded.locate(where).line}, {format_path(where)})"
                                f"{describe(items[where], item)}", path=path)


def _fields_differ(*fields: str) -> Callable[[Any, Any], str]:
    def describe(a: Any, b: Any) -> str:
        differ = [f for f in fields if getattr(a, f) != getattr(b, f)]
        if differ:
            return f"; the entries differ in {', '.join(differ)}: say once what the profile supports"
        return ": remove the repeat"
    return describe


@rule(code="GL010", title="Each command is listed once", severity=ERROR,
      refs=("ITU-T H.248.1 profile template §8 (command API)",),
      rationale="Clause 8 says for each H.248.1 command whether and how the profile uses it. Two entries for "
                "one command contradict each other (or repeat), and a reader cannot tell which one holds.",
      fix="Merge the entries for the command into one.",
      passing="commands:\n  - {command: Add, used: true, descriptors: [Media, Events]}\n"
              "  - {command: Move, used: false}\n",
      failing="commands:\n  - {command: Add, used: true, descriptors: [Media, Events]}\n"
              "  - {command: Move, used: false}\n  - {command: Add, used: true}\n")
def unique_commands(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from _duplicates(loaded, (("commands",),), lambda c: str(c.command), "command",
                           _fields_differ("used", "direction", "descriptors", "wildcards", "service_change",
                                          "notes"))


@rule(code="GL011", title="Each descriptor is listed once", severity=ERROR,
      refs=("ITU-T H.248.1 profile template §7 (descriptors)",),
      rationale="Clause 7 gives one support level per descriptor; `Media` both mandatory and not used says "
                "nothing a gateway can implement.",
      fix="Keep one entry per descriptor.",
      passing="descriptors:\n  - {descriptor: Media, support: mandatory}\n",
      failing="descriptors:\n  - {descriptor: Media, support: mandatory}\n"
              "  - {descriptor: Media, support: not_used}\n")
def unique_descriptors(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from _duplicates(loaded, (("descriptors",),), lambda d: str(d.descriptor), "descriptor",
                           _fields_differ("support", "notes"))


def _sdp_key(element: Any) -> str:
    return "".join(str(element.element).split())


@rule(code="GL012", title="Each SDP element is listed once", severity=ERROR,
      refs=("ITU-T H.248.1 profile template §15-16 (SDP and Annex C information elements)",),
      rationale="Clauses 15 and 16 list each SDP line with the values the profile allows; the same line twice "
                "(e.g. `a=setup` with two value lists, or once mandatory and once optional) leaves the allowed "
                "values undefined.",
      fix="Merge the entries into one, with all allowed values, in either sdp_mandatory or sdp_optional.",
      passing="sdp_mandatory:\n  - {element: \"a=setup\", values: [active, passive, actpass]}\n",
      failing="sdp_mandatory:\n  - {element: \"a=setup\", values: [active, passive]}\n"
              "  - {element: \"a=setup\", values: [actpass]}\n")
def unique_sdp_elements(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from _duplicates(loaded, (("sdp_mandatory",), ("sdp_optional",)), _sdp_key, "SDP element",
                           _fields_differ("values", "usage", "reference"))


@rule(code="GL013", title="Each reference id is listed once", severity=ERROR,
      refs=("ITU-T H.248.1 profile template (references)",),
      rationale="The references clause lists each document once, as normative or informative; the same id "
                "twice (say once of each kind) makes the kind and title of the citation ambiguous. Ids are "
                "compared as GL015 cites them: case, spaces, hyphens and underscores do not count "
                "(RFC 4975 = RFC4975 = rfc4975).",
      fix="Keep one entry per reference id.",
      passing="references:\n  - {id: RFC8446, kind: normative, title: ...}\n",
      failing="references:\n  - {id: RFC8446, kind: normative, title: ...}\n"
              "  - {id: rfc8446, kind: informative, title: ...}\n")
def unique_references(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from _duplicates(loaded, (("references",),), lambda r: reference_key(str(r.id)), "reference",
                           _fields_differ("kind", "title", "url"), shown=lambda r: str(r.id))


PLACEHOLDERS: tuple[str, ...] = ("Your Name", "you@example.org", "Your Organization", "Your Country",
                                 "+00 0000 0000", "Your SDO", "Your Root CA", "Placeholder figures",
                                 "One paragraph on the use case")
"""Text `profilekit new` writes for the editor to replace (templates/new-profile.yaml)."""

PLACEHOLDER = re.compile("|".join(re.escape(marker) for marker in PLACEHOLDERS))


@rule(code="GL014", title="No placeholders from `profilekit new` are left", severity=WARNING,
      refs=("ITU-T H.248.1 profile template §1 (profile identification)",),
      rationale="`profilekit new` writes placeholders (Your Name, you@example.org, Your Organization, Your "
                "Country, +00 0000 0000, Your SDO, "
                "Your Root CA, placeholder performance figures, a summary that describes what to write) that "
                "validate, so that the starter profile builds; left in place they end up in the submitted "
                "document. A warning: `build` still works, but the editor sees what is left to replace.",
      fix="Replace the placeholder with the profile's own text.",
      passing="editors:\n  - {name: A. Editor, organization: Example Networks, email: a.editor@example.net}\n",
      failing="editors:\n  - {name: Your Name, organization: Your Organization, email: you@example.org}\n")
def no_placeholders(loaded: LoadedProfile) -> Iterator[Issue]:
    reported: set[YamlPath] = set()
    for path, match in document_text.matches(loaded.data, PLACEHOLDER):
        if path in reported:  # one finding per value, naming the first placeholder in it
            continue
        reported.add(path)
        yield Issue(message=f"placeholder {match.group(0)!r} from `profilekit new` is still in "
                            f"{format_path(path)}; replace it with the profile's own text",
                    path=path, near=match.group(0))


CITED = re.compile(r"(?<![A-Za-z0-9])(?:IETF\s+)?RFC[\s_-]?(\d{3,5})(?!\d)"
                    r"|(?<![A-Za-z0-9])ITU-T\s+(?:Rec(?:ommendation|\.)?\s+)?([A-Z]\.\d+(?:\.\d+)*)(?![.\d]*\d)"
                    r"|(?<![A-Za-z0-9./_$-])([EGHQTVXY]\.\d{1,4}(?:\.\d+)*)(?![.\d]*\d)(?![A-Za-z0-9_/-])")
"""`RFC 8855`, `RFC8855`, `IETF RFC 8855`; `ITU-T H.248.1`, `ITU-T Recommendation Q.1950`; and the bare
Recommendation numbers ITU-T texts cite (`H.248.4`, `X.509`, `Q.1950`): a series letter, a dot, a number,
not part of a longer token (version numbers such as `TLS 1.2` have no series letter)."""

CITED_AT = re.compile(r"IETF\s|RFC|ITU-T|[EGHQTVXY]\.\d")
"""Where a `CITED` match can start (checked first: cheap on a large profile)."""


def _document_key(match: re.Match[str]) -> tuple[str, str]:
    """(normalised key, as a reader writes it) for a citation match."""
    if match.group(1):
        return f"RFC{int(match.group(1))}", f"RFC {int(match.group(1))}"
    rec = match.group(2) or match.group(3)
    return rec.upper(), f"ITU-T {rec}"


_NO_PROSE = frozenset({"references", "imports", "format_version"})


def _listed_documents(loaded: LoadedProfile) -> set[str]:
    """Keys of the documents the references clause lists: by id (RFC8446, H.248.1) or in the title."""
    keys: set[str] = set()
    for ref in loaded.profile.references:
        ident = reference_key(ref.id)
        keys.add(ident)
        if ident.startswith("ITU-T"):
            keys.add(ident[len("ITU-T"):])
        for match in CITED.finditer(f"{ref.id} {ref.title}"):
            keys.add(_document_key(match)[0])
    return keys


@rule(code="GL015", title="Documents cited in the text are in the references", severity=WARNING,
      refs=("ITU-T H.248.1 profile template (references)",),
      rationale="An RFC or ITU-T Recommendation the profile cites in its text (summary, notes, descriptions, "
                "term sources) must be listed in the references clause, normative or informative, so the "
                "reader can find it; an SDO editor's check catches every such gap.",
      fix="Add the document to `references` (e.g. `{id: RFC8855, kind: normative, title: \"IETF RFC 8855, "
          "...\"}`), or drop the citation.",
      passing="summary: BFCP (RFC 8855) floor control.\nreferences:\n  - {id: RFC8855, kind: normative, "
              "title: \"IETF RFC 8855, The Binary Floor Control Protocol (BFCP)\"}\n",
      failing="summary: BFCP (RFC 8855) floor control.\nreferences: []\n")
def cited_documents_referenced(loaded: LoadedProfile) -> Iterator[Issue]:
    listed = _listed_documents(loaded)
    reported: set[str] = set()
    for path, match in document_text.matches(loaded.data, CITED, candidates=CITED_AT):
        if path and path[0] in _NO_PROSE:
            continue
        key, shown = _document_key(match)
        if key in listed or key in reported:
            continue
        reported.add(key)
        yield Issue(message=f"{shown} is cited in {format_path(path)} but the references do not list it; "
                            "add it (normative or informative)", path=path, near=match.group(0))


RULES: tuple[Rule, ...] = (
    unique_commands, unique_descriptors, unique_sdp_elements, unique_references, no_placeholders,
    cited_documents_referenced,
)
"""Every rule this module declares, for the registry."""
