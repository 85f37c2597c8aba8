"""Guideline rules (GL): the H.248.TLSPROF requirement items a profile can show it meets.

Numbering follows the guideline: GL00x profile identification, GL01x the H.248.1 profile template
clauses (each item listed once, no placeholders, cited documents referenced), GL1xx clause 6 (mode of
operation), GL2xx clause 7 (TLS profiles and domains), GL3xx 8.1-8.2 (domain and role selection), GL4xx 8.3
(authentication), GL5xx 8.4-8.10 (renegotiation, termination, statistics, audit, performance).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from profilekit.findings import Severity
from profilekit.load.source import YamlPath, format_path
from profilekit.rules import facts
from profilekit.rules.base import Issue, Rule
from profilekit.rules.facts import Element, resolve

if TYPE_CHECKING:
    from profilekit.load.loaded import LoadedProfile
    from profilekit.model.tls import Binding

RULES: list[Rule] = []
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
BINDINGS: YamlPath = ("tls", "bindings")


def rule(**fields: Any) -> Callable[[Callable[[LoadedProfile], Iterator[Issue]]], Rule]:
    """Declare a rule whose check is the decorated function (metadata first, check right below)."""

    def wrap(check: Callable[[LoadedProfile], Iterator[Issue]]) -> Rule:
        made = Rule(check=check, **fields)
        RULES.append(made)
        return made

    return wrap


def _tp(i: int, *rest: str | int) -> YamlPath:
    return ("tls", "profiles", i, *rest)


# --- bindings: one rule per guideline capability ---------------------------------------------------

def element_path(loaded: LoadedProfile, path: YamlPath) -> YamlPath:
    """Where a binding names its element: the short form `name: pkg/el`, or its `element:` key."""
    return path if isinstance(facts.data_at(loaded, path), str) else (*path, "element")


def check_binding(loaded: LoadedProfile, path: YamlPath, binding: Binding, capability: str,
                  kinds: tuple[str, ...], needs: tuple[str, ...] = ()) -> Iterator[Issue]:
    """The bound element exists in the profile's packages, has a usable kind and the needed values."""
    where = element_path(loaded, path)
    found = resolve(loaded, binding.element)
    if isinstance(found, str):
        yield Issue(message=f"{capability} is bound to {binding.element}, but {found}", path=where)
        return
    if found.kind not in kinds:
        wanted = " or ".join(kinds)
        yield Issue(message=f"{capability} must be bound to a {wanted}, but {found.ref} is a {found.kind}",
                    path=where)
        return
    yield from _check_values(loaded, path, binding, found, capability, needs)


def _check_values(loaded: LoadedProfile, path: YamlPath, binding: Binding, found: Element, capability: str,
                  needs: tuple[str, ...]) -> Iterator[Issue]:
    allowed = [str(v) for v in getattr(found.item, "values", [])]
    for meaning in needs:
        if binding.values and meaning not in binding.values:
            yield Issue(message=f"{capability}: the binding's values do not say which value of "
                                f"{found.ref} means {meaning!r}", path=(*path, "values"), key=True)
            continue
        value = str(binding.values.get(meaning, meaning))
        if not allowed or value in allowed:
            continue
        if binding.values:
            yield Issue(message=f"{capability}: {value!r} (for {meaning}) is not a value of {found.ref} "
                                f"(values: {', '.join(allowed)})", path=(*path, "values", meaning))
        else:
            yield Issue(message=f"{found.ref} has no value {value!r}, which {capability} needs "
                                f"(values: {', '.join(allowed)})",
                        path=(*found.path, "values"), package=found.package)


def binding_rule(*, code: str, name: str, capability: str, kinds: tuple[str, ...], refs: tuple[str, ...],
                 required: Callable[[LoadedProfile], str | None], rationale: str, fix: str,
                 needs: tuple[str, ...] = (), severity: Severity = ERROR, passing: str = "",
                 failing: str = "") -> Rule:
    """A rule for one binding: required when `required` gives a reason; checked whenever it is present."""

    def check(loaded: LoadedProfile) -> Iterator[Issue]:
        binding = getattr(loaded.profile.tls.bindings, name)
        if binding is None:
            why = required(loaded)
            if why is not None:
                yield Issue(message=f"no binding for {capability} ({why}); add `tls.bindings.{name}`",
                            path=BINDINGS, key=True)
            return
        yield from check_binding(loaded, (*BINDINGS, name), binding, capability, kinds, needs)

    made = Rule(code=code, title=f"{capability[:1].upper()}{capability[1:]} is bound to a package {' or '.join(kinds)}",
                severity=severity, refs=refs, rationale=rationale, fix=fix, check=check, passing=passing,
                failing=failing)
    RULES.append(made)
    return made


def _when_tcp(loaded: LoadedProfile) -> str | None:
    return "the profile has TCP termination types" if facts.tcp_terminations(loaded) else None


def _when_tls(loaded: LoadedProfile) -> str | None:
    return "the profile has TLS termination types" if facts.tls_terminations(loaded) else None


def _when_profiles(test: Callable[[Any], bool], what: str) -> Callable[[LoadedProfile], str | None]:
    def required(loaded: LoadedProfile) -> str | None:
        ids = [p.id for p in loaded.profile.tls.profiles if test(p)]
        return f"TLS profile {', '.join(ids)} {what}" if ids else None
    return required


# --- GL0xx identification ------------------------------------------------------------------------

@rule(code="GL001", title="ETSI profile names start with ETSIprof_", severity=WARNING,
      refs=("ETSI profile naming (ETSIprof_ prefix, at most 64 characters)", "ITU-T H.248.1 profile template §1"),
      rationale="ETSI registers H.248 profile names with the prefix `ETSIprof_`; the name travels in "
                "ServiceChangeProfile, so a wrong name is a wire-visible interoperability problem.",
      fix="Rename the profile `ETSIprof_<UseCase>` (letters, digits and `_`, at most 64 characters).",
      passing="identification:\n  name: ETSIprof_IMS_MSRP_TLS\n  body: ETSI TC NTECH\n",
      failing="identification:\n  name: IMS_MSRP_TLS\n  body: ETSI TC NTECH\n")
def _etsi_name(loaded: LoadedProfile) -> Iterator[Issue]:
    ident = loaded.profile.identification
    if "ETSI" in ident.body.upper() and not ident.name.startswith("ETSIprof_"):
        yield Issue(message=f"profile {ident.name!r} is an ETSI profile ({ident.body}) but its name does not "
                            "start with 'ETSIprof_'", path=("identification", "name"))


def _illustrative_packages(loaded: LoadedProfile) -> list[str]:
    return sorted(pid for pid, rec in loaded.packages.items() if rec.package.illustrative)


@rule(code="GL002", title="A profile using illustrative packages is marked illustrative", severity=WARNING,
      refs=("ITU-T H.248.1 §14 (IANA package registration)",),
      rationale="Illustrative packages carry placeholder ids that are not registered with IANA; a profile "
                "built on them is an example, and readers must be told so.",
      fix="Set `identification.illustrative: true`, or replace the packages by the normative ones.",
      passing="identification: {illustrative: true}\npackages: [{use: tlsbsc}]  # tlsbsc is illustrative\n",
      failing="identification: {illustrative: false}\npackages: [{use: tlsbsc}]  # tlsbsc is illustrative\n")
def _marked_illustrative(loaded: LoadedProfile) -> Iterator[Issue]:
    used = _illustrative_packages(loaded)
    if used and not loaded.profile.identification.illustrative:
        path: YamlPath = ("identification", "illustrative")
        yield Issue(message=f"the profile uses illustrative packages ({', '.join(used)}) but is not marked "
                            "`illustrative: true`", path=path if facts.stated(loaded, path) else path[:1],
                    key=not facts.stated(loaded, path))


@rule(code="GL003", title="An approved profile uses no illustrative packages", severity=ERROR,
      refs=("ITU-T H.248.1 §14 (IANA package registration)",),
      rationale="A consented, approved or published profile is normative: it cannot rest on package ids "
                "that nobody registered.",
      fix="Replace the illustrative packages by the normative H.248.89/H.248.90 packages, or keep the "
          "profile in `draft` status.",
      passing="identification: {status: draft, illustrative: true}\n",
      failing="identification: {status: approved, illustrative: true}\n")
def _approved_not_illustrative(loaded: LoadedProfile) -> Iterator[Issue]:
    ident = loaded.profile.identification
    if ident.status in ("consented", "approved", "published"):
        used = _illustrative_packages(loaded)
        if used or ident.illustrative:
            what = f"illustrative packages ({', '.join(used)})" if used else "`illustrative: true`"
            yield Issue(message=f"status {ident.status!r} with {what}: only a draft may be illustrative",
                        path=("identification", "status"))


# --- GL01x the H.248.1 profile template clauses: each list names an item once -------------------------

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
def _unique_commands(loaded: LoadedProfile) -> Iterator[Issue]:
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
def _unique_descriptors(loaded: LoadedProfile) -> Iterator[Issue]:
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
def _unique_sdp(loaded: LoadedProfile) -> Iterator[Issue]:
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
def _unique_references(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from _duplicates(loaded, (("references",),), lambda r: reference_key(str(r.id)), "reference",
                           _fields_differ("kind", "title", "url"), shown=lambda r: str(r.id))


def reference_key(ref_id: str) -> str:
    """A reference id as compared: "RFC 4975", "RFC4975" and "rfc4975" are one document."""
    return re.sub(r"[\s_-]", "", ref_id).upper()


PLACEHOLDERS: tuple[str, ...] = ("Your Name", "you@example.org", "Your Organization", "Your SDO", "Your Root CA",
                                 "Placeholder figures", "One paragraph on the use case")
"""Text `profilekit new` writes for the editor to replace (templates/new-profile.yaml)."""


_TEXT: dict[int, tuple[Any, list[tuple[YamlPath, str]], list[int], str]] = {}
"""The last document GL014/GL015 read: id → (document, its strings with paths, the offset of each
string in the joined text, the joined text)."""


def _text(node: Any) -> tuple[list[tuple[YamlPath, str]], list[int], str]:
    """Every string value the editor wrote, with its path, in document order (mapping keys are not
    prose); and those strings joined by NUL (which the loader refuses in values) with each one's offset.

    Built once per document with an explicit stack: a 2,000-package profile has ~90,000 strings.
    """
    cached = _TEXT.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1], cached[2], cached[3]
    strings: list[tuple[YamlPath, str]] = []
    stack: list[tuple[YamlPath, Any]] = [((), node)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            strings.append((path, value))
        elif isinstance(value, dict):
            stack.extend(((*path, str(k)), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
    starts: list[int] = []
    offset = 0
    for _, text in strings:
        starts.append(offset)
        offset += len(text) + 1
    corpus = "\0".join(text for _, text in strings)
    _TEXT.clear()
    _TEXT[id(node)] = (node, strings, starts, corpus)
    return strings, starts, corpus


def _strings(node: Any) -> list[tuple[YamlPath, str]]:
    """Every string value of the document with its path (see `_text`)."""
    return _text(node)[0]


def _matches(node: Any, pattern: re.Pattern[str], *, candidates: re.Pattern[str] | None = None
             ) -> Iterator[tuple[YamlPath, re.Match[str]]]:
    """`pattern`'s matches in the document's strings, with each string's path: one search over the
    joined text (no pattern here matches a NUL), not one search per string. With `candidates` (a cheap
    pattern whose matches are where `pattern` can start), `pattern` is tried only there: a large profile
    is mostly text without citations."""
    import bisect

    strings, starts, corpus = _text(node)
    if candidates is None:
        found: Iterator[re.Match[str]] = pattern.finditer(corpus)
    else:
        found = _at_candidates(pattern, candidates, corpus)
    for match in found:
        index = bisect.bisect_right(starts, match.start()) - 1
        yield strings[index][0], match


def _at_candidates(pattern: re.Pattern[str], candidates: re.Pattern[str], corpus: str) -> Iterator[re.Match[str]]:
    end = 0
    for candidate in candidates.finditer(corpus):
        if candidate.start() < end:
            continue
        match = pattern.match(corpus, candidate.start())
        if match is not None:
            end = match.end()
            yield match


_PLACEHOLDER = re.compile("|".join(re.escape(marker) for marker in PLACEHOLDERS))


@rule(code="GL014", title="No placeholders from `profilekit new` are left", severity=WARNING,
      refs=("ITU-T H.248.1 profile template §1 (profile identification)",),
      rationale="`profilekit new` writes placeholders (Your Name, you@example.org, Your Organization, Your SDO, "
                "Your Root CA, placeholder performance figures, a summary that describes what to write) that "
                "validate, so that the starter profile builds; left in place they end up in the submitted "
                "document. A warning: `build` still works, but the editor sees what is left to replace.",
      fix="Replace the placeholder with the profile's own text.",
      passing="editors:\n  - {name: A. Editor, organization: Example Networks, email: a.editor@example.net}\n",
      failing="editors:\n  - {name: Your Name, organization: Your Organization, email: you@example.org}\n")
def _placeholders(loaded: LoadedProfile) -> Iterator[Issue]:
    reported: set[YamlPath] = set()
    for path, match in _matches(loaded.data, _PLACEHOLDER):
        if path in reported:  # one finding per value, naming the first placeholder in it
            continue
        reported.add(path)
        yield Issue(message=f"placeholder {match.group(0)!r} from `profilekit new` is still in "
                            f"{format_path(path)}; replace it with the profile's own text",
                    path=path, near=match.group(0))


_CITED = re.compile(r"(?<![A-Za-z0-9])(?:IETF\s+)?RFC[\s_-]?(\d{3,5})(?!\d)"
                    r"|(?<![A-Za-z0-9])ITU-T\s+(?:Rec(?:ommendation|\.)?\s+)?([A-Z]\.\d+(?:\.\d+)*)(?![.\d]*\d)"
                    r"|(?<![A-Za-z0-9./_$-])([EGHQTVXY]\.\d{1,4}(?:\.\d+)*)(?![.\d]*\d)(?![A-Za-z0-9_/-])")
"""`RFC 8855`, `RFC8855`, `IETF RFC 8855`; `ITU-T H.248.1`, `ITU-T Recommendation Q.1950`; and the bare
Recommendation numbers ITU-T texts cite (`H.248.4`, `X.509`, `Q.1950`): a series letter, a dot, a number,
not part of a longer token (version numbers such as `TLS 1.2` have no series letter)."""
_CITED_AT = re.compile(r"IETF\s|RFC|ITU-T|[EGHQTVXY]\.\d")
"""Where a `_CITED` match can start (checked first: cheap on a large profile)."""
_NO_PROSE = frozenset({"references", "imports", "format_version"})


def _document_key(match: re.Match[str]) -> tuple[str, str]:
    """(normalised key, as a reader writes it) for a citation match."""
    if match.group(1):
        return f"RFC{int(match.group(1))}", f"RFC {int(match.group(1))}"
    rec = match.group(2) or match.group(3)
    return rec.upper(), f"ITU-T {rec}"


def _listed_documents(loaded: LoadedProfile) -> set[str]:
    """Keys of the documents the references clause lists: by id (RFC8446, H.248.1) or in the title."""
    keys: set[str] = set()
    for ref in loaded.profile.references:
        ident = reference_key(ref.id)
        keys.add(ident)
        if ident.startswith("ITU-T"):
            keys.add(ident[len("ITU-T"):])
        for match in _CITED.finditer(f"{ref.id} {ref.title}"):
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
def _cited_documents(loaded: LoadedProfile) -> Iterator[Issue]:
    listed = _listed_documents(loaded)
    reported: set[str] = set()
    for path, match in _matches(loaded.data, _CITED, candidates=_CITED_AT):
        if path and path[0] in _NO_PROSE:
            continue
        key, shown = _document_key(match)
        if key in listed or key in reported:
            continue
        reported.add(key)
        yield Issue(message=f"{shown} is cited in {format_path(path)} but the references do not list it; "
                            "add it (normative or informative)", path=path, near=match.group(0))


# --- GL1xx clause 6: mode of operation -------------------------------------------------------------

def _types(loaded: LoadedProfile) -> Iterator[tuple[int, Any]]:
    yield from enumerate(loaded.profile.terminations.types)


@rule(code="GL101", title="TLS termination types use a TCP proxy mode", severity=ERROR, refs=("R-6/2",),
      rationale="TLS terminates in the MG, so the MG must read the TCP byte stream: a context with a TLS "
                "endpoint runs in TCP proxy mode, never relay.",
      fix="Set `mode.tcp_mode` to `proxy_application_agnostic` or `proxy_application_aware`.",
      passing="streams: [{bearer: tcp_tls}]\nmode: {tcp_mode: proxy_application_agnostic, ...}\n",
      failing="streams: [{bearer: tcp_tls}]\nmode: {tcp_mode: relay, ...}\n")
def _tls_proxy(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, ttype in _types(loaded):
        if facts.has_tls(ttype) and ttype.mode is not None and ttype.mode.tcp_mode == "relay":
            yield Issue(message=f"termination type {ttype.id!r} carries TLS but is in TCP relay mode; TLS "
                                "requires a TCP proxy mode", path=("terminations", "types", i, "mode", "tcp_mode"))


@rule(code="GL102", title="TCP termination types of a TLS profile use a proxy mode", severity=WARNING,
      refs=("R-6/2",),
      rationale="One TLS endpoint puts the whole context in TCP proxy mode; a plain TCP termination type "
                "that may share a context with a TLS one cannot be in relay mode there.",
      fix="Use a proxy mode, or say in the notes why this type never shares a context with a TLS type.",
      passing="types: [{id: tls, streams: [{bearer: tcp_tls}]}, {id: tcp, mode: {tcp_mode: "
              "proxy_application_agnostic}}]\n",
      failing="types: [{id: tls, streams: [{bearer: tcp_tls}]}, {id: tcp, mode: {tcp_mode: relay}}]\n")
def _tcp_proxy(loaded: LoadedProfile) -> Iterator[Issue]:
    tls_types = [t.id for _, t in _types(loaded) if facts.has_tls(t)]
    if not tls_types:
        return
    for i, ttype in _types(loaded):
        if not facts.has_tls(ttype) and facts.has_tcp(ttype) and ttype.mode is not None \
                and ttype.mode.tcp_mode == "relay":
            yield Issue(message=f"termination type {ttype.id!r} is in TCP relay mode, but in a context with "
                                f"a TLS termination ({', '.join(tls_types)}) the MG must be a TCP proxy",
                        path=("terminations", "types", i, "mode", "tcp_mode"))


@rule(code="GL103", title="TCP and TLS termination types state their mode of operation", severity=ERROR,
      refs=("R-6/1",),
      rationale="The MGC controls TCP mode, TCP role and TLS role of every TCP/TLS stream endpoint; the "
                "profile must say which apply to each termination type.",
      fix="Add `mode: {tcp_mode: ..., tcp_roles: [...], tls_roles: [...], tls_domains: [...]}`.",
      passing="- id: access_tls\n  streams: [{bearer: tcp_tls}]\n  mode: {tcp_mode: proxy_application_agnostic, "
              "tcp_roles: [client, server], tls_roles: [client, server], tls_domains: [access]}\n",
      failing="- id: access_tls\n  streams: [{bearer: tcp_tls}]\n")
def _has_mode(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, ttype in _types(loaded):
        if facts.has_tcp(ttype) and ttype.mode is None:
            yield Issue(message=f"termination type {ttype.id!r} has a TCP/TLS stream but no `mode` (TCP mode, "
                                "TCP roles, TLS roles)", path=("terminations", "types", i, "id"))


@rule(code="GL104", title="TLS termination types state TLS roles and TLS domains", severity=ERROR,
      refs=("R-6/1", "R-8.1/1", "R-8.2/1"),
      rationale="For each TLS stream endpoint the MGC sets a TLS role and a TLS domain; the profile says "
                "which roles and domains a termination type may get.",
      fix="List `mode.tls_roles` (client, server) and `mode.tls_domains` (names from `tls.domains`).",
      passing="mode: {tls_roles: [server, client], tls_domains: [access_ue]}\n",
      failing="mode: {tls_roles: [], tls_domains: []}\n")
def _tls_mode(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, ttype in _types(loaded):
        if not facts.has_tls(ttype) or ttype.mode is None:
            continue
        base = ("terminations", "types", i, "mode")
        for field, ref in (("tls_roles", "R-8.2/1"), ("tls_domains", "R-8.1/1")):
            if not getattr(ttype.mode, field):
                stated = facts.stated(loaded, (*base, field))
                yield Issue(message=f"termination type {ttype.id!r} carries TLS but lists no {field}",
                            path=(*base, field) if stated else base, key=not stated, refs=("R-6/1", ref))


@rule(code="GL105", title="Termination types name TLS domains that exist", severity=ERROR,
      refs=("R-8.1/1", "R-8.1/2"),
      rationale="The MGC selects a TLS domain of `tls.domains` for the endpoint; a name that is not "
                "defined there selects no TLS profile.",
      fix="Use a name from `tls.domains`, or define the domain.",
      passing="terminations: {types: [{mode: {tls_domains: [access_ue]}}]}\ntls: {domains: [{name: access_ue}]}\n",
      failing="terminations: {types: [{mode: {tls_domains: [acces_ue]}}]}\ntls: {domains: [{name: access_ue}]}\n")
def _domains_exist(loaded: LoadedProfile) -> Iterator[Issue]:

    names = [d.name for d in loaded.profile.tls.domains]
    for i, ttype in _types(loaded):
        for j, name in enumerate(ttype.mode.tls_domains if ttype.mode else []):
            if name not in names:
                hint = difflib.get_close_matches(name, names, n=1)
                yield Issue(message=f"termination type {ttype.id!r} names TLS domain {name!r}, which "
                                    "`tls.domains` does not define" + (f"; did you mean {hint[0]!r}?" if hint else ""),
                            path=("terminations", "types", i, "mode", "tls_domains", j))


binding_rule(
    code="GL106", name="tcp_mode", capability="the TCP mode property", kinds=("property",), needs=("proxy",),
    refs=("R-6/1", "R-6/2"), required=_when_tcp,
    rationale="The MGC sets the MG's TCP proxy/relay mode with an H.248 property; with TLS it must be able "
              "to select proxy.",
    fix="Bind `tls.bindings.tcp_mode` to the TCP mode property, e.g. `{element: tcpbcc/mode, values: "
        "{proxy: proxy}}`.",
    passing="tcp_mode: {element: tcpbcc/mode, values: {proxy: proxy, relay: relay}}\n",
    failing="tcp_mode: {element: tcpbcc/mode, values: {relay: relay}}\n")
binding_rule(
    code="GL107", name="tcp_role", capability="the TCP role property", kinds=("property",),
    needs=("client", "server"), refs=("R-6/1",), required=_when_tcp,
    rationale="The MGC sets the TCP client/server role of every TCP stream endpoint.",
    fix="Bind `tls.bindings.tcp_role` to the TCP role property with values for client and server.",
    passing="tcp_role: {element: tcpbcc/role, values: {client: client, server: server}}\n",
    failing="tcp_role: tcpbcc/closed   # an event, not a property\n")
binding_rule(
    code="GL108", name="tls_role", capability="the TLS role property", kinds=("property",),
    needs=("client", "server"), refs=("R-6/1", "R-8.2/1", "R-8.2/2", "R-8.2/3"), required=_when_tls,
    rationale="The MG takes its TLS client or server role from an H.248 property set by the MGC, "
              "independently of the TCP role and of SDP a=setup; both roles must be selectable.",
    fix="Bind `tls.bindings.tls_role` to the TLS role property and map `client` and `server` to its values.",
    passing="tls_role: {element: tlsbsc/role, values: {client: client, server: server}}\n",
    failing="tls_role: {element: tlsbsc/role, values: {server: server}}\n")
binding_rule(
    code="GL109", name="tcp_setup", capability="TCP connection set-up control", kinds=("signal", "property"),
    refs=("R-6/3",), required=_when_tcp,
    rationale="The MGC controls when the MG opens or accepts the TCP connection.",
    fix="Bind `tls.bindings.tcp_setup` to the signal or property that triggers or permits set-up.",
    passing="tcp_setup: tcpbcc/estab\n",
    failing="tcp_setup: tcpbcc/octsent   # a statistic\n")
binding_rule(
    code="GL110", name="tcp_closure_event", capability="the TCP closure event", kinds=("event",),
    refs=("R-6/5",), required=_when_tcp,
    rationale="The MG reports TCP connection closure (e.g. a received FIN) to the MGC with an H.248 event.",
    fix="Bind `tls.bindings.tcp_closure_event` to the event that reports TCP closure, e.g. `tcpbcc/closed`.",
    passing="tcp_closure_event: tcpbcc/closed\n",
    failing="tcp_closure_event: tcpbcc/close\n")


# --- GL2xx clause 7: TLS profiles and domains ------------------------------------------------------

_STATED = (
    (("versions",), "TLS versions", "R-7/2"),
    (("cipher_suites",), "cipher suites in order of precedence", "R-7/3"),
    (("compression",), "compression methods", "R-7/4"),
    (("renegotiation", "supported"), "whether renegotiation is supported", "R-7/5"),
    (("resumption",), "session resumption", "R-7/6"),
    (("authentication",), "authentication procedures", "R-7/7"),
    (("authentication", "server"), "whether the server is authenticated", "R-8.3/1"),
    (("authentication", "client"), "whether the client is authenticated", "R-8.3/1"),
    (("authentication", "on_failure"), "the behaviour on authentication failure", "R-8.3/2"),
    (("authentication", "methods"), "the authentication methods", "R-8.3/4"),
)


@rule(code="GL200", title="Each TLS profile states every option the guideline asks for", severity=ERROR,
      refs=("R-7/2", "R-7/3", "R-7/4", "R-7/5", "R-7/6", "R-7/7", "R-8.3/1", "R-8.3/2", "R-8.3/4"),
      rationale="Clause 7 makes the TLS profile the contract the MG implements: versions, suites, "
                "compression, renegotiation, resumption and authentication must be written down, not left to "
                "defaults (the schema requires most of them; compression and resumption details have defaults).",
      fix="State the option explicitly, e.g. `compression: [\"null\"]` and `resumption: {session_ids: false, "
          "session_tickets: true}`.",
      passing="compression: [\"null\"]\nresumption: {session_ids: false, session_tickets: true}\n",
      failing="# compression not stated\nresumption: {}\n")
def _stated(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        for sub, what, ref in _STATED:
            if not facts.stated(loaded, _tp(i, *sub)):
                parent = _tp(i, *sub[:-1])
                yield Issue(message=f"TLS profile {tp.id!r} does not state {what} (`{'.'.join(sub)}`)",
                            path=parent, key=len(sub) > 1, refs=(ref,))
        res = facts.data_at(loaded, _tp(i, "resumption"))
        if isinstance(res, dict) and not {"session_ids", "session_tickets", "tls13_psk_modes"} & set(res):
            yield Issue(message=f"TLS profile {tp.id!r}: `resumption` says nothing about session ids, tickets or "
                                "TLS 1.3 PSK modes", path=_tp(i, "resumption"), key=True, refs=("R-7/6",))


@rule(code="GL201", title="Every TLS domain applies a defined TLS profile", severity=ERROR,
      refs=("R-7/1", "R-8.1/2"),
      rationale="The MG applies the TLS profile of the selected domain; a domain naming an undefined "
                "profile leaves the MG without one.",
      fix="Set `tls_profile` to the id of one of `tls.profiles`.",
      passing="profiles: [{id: access_tls}]\ndomains: [{name: access_ue, tls_profile: access_tls}]\n",
      failing="profiles: [{id: access_tls}]\ndomains: [{name: access_ue, tls_profile: acess_tls}]\n")
def _domain_profile(loaded: LoadedProfile) -> Iterator[Issue]:

    ids = [p.id for p in loaded.profile.tls.profiles]
    for i, dom in enumerate(loaded.profile.tls.domains):
        if dom.tls_profile not in ids:
            hint = difflib.get_close_matches(dom.tls_profile, ids, n=1)
            tail = f"; did you mean {hint[0]!r}?" if hint else f" (defined: {', '.join(ids)})"
            yield Issue(message=f"TLS domain {dom.name!r} applies TLS profile {dom.tls_profile!r}, which is not "
                                "defined" + tail,
                        path=("tls", "domains", i, "tls_profile"))


@rule(code="GL202", title="TLS profile ids and TLS domain names are unique", severity=ERROR,
      refs=("R-7/1", "R-8.1/2"),
      rationale="The domain name is the value the MGC sends; two domains (or profiles) with one name make "
                "the selected TLS profile ambiguous.",
      fix="Rename or merge the duplicate.",
      passing="domains: [{name: access_ue}, {name: access_peer}]\n",
      failing="domains: [{name: access_ue}, {name: access_ue}]\n")
def _unique(loaded: LoadedProfile) -> Iterator[Issue]:
    for section, attr, what in (("profiles", "id", "TLS profile id"), ("domains", "name", "TLS domain name")):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(loaded.profile.tls, section)):
            value = getattr(item, attr)
            if value in seen:
                yield Issue(message=f"{what} {value!r} is defined twice (first at {section}[{seen[value]}])",
                            path=("tls", section, i, attr))
            seen.setdefault(value, i)


@rule(code="GL203", title="Every TLS profile is applied by a TLS domain", severity=WARNING, refs=("R-7/1",),
      rationale="The MG applies TLS profiles only through TLS domains; a profile no domain uses is dead text "
                "that reviewers still have to read.",
      fix="Reference the profile from a domain's `tls_profile`, or delete it.",
      passing="profiles: [{id: access_tls}]\ndomains: [{tls_profile: access_tls}]\n",
      failing="profiles: [{id: access_tls}, {id: legacy_tls}]\ndomains: [{tls_profile: access_tls}]\n")
def _profile_used(loaded: LoadedProfile) -> Iterator[Issue]:
    used = {d.tls_profile for d in loaded.profile.tls.domains}
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if tp.id not in used:
            yield Issue(message=f"TLS profile {tp.id!r} is not applied by any TLS domain", path=_tp(i, "id"))


def _profile_of(loaded: LoadedProfile, name: str) -> Any:
    return next((p for p in loaded.profile.tls.profiles if p.id == name), None)


@rule(code="GL204", title="Domains with certificate authentication name their certificate", severity=ERROR,
      refs=("R-8.1/3", "R-8.3.2/3", "R-8.3.2/4"),
      rationale="The MG authenticates with the certificate of the selected TLS domain (one certificate per "
                "domain), so each such domain names its certificate (a reference, never key material).",
      fix="Add `certificate: <name or path>` to the domain.",
      passing="- name: access_ue\n  tls_profile: access_tls   # methods: [certificate_ca_signed]\n"
              "  certificate: certs/agw-access.pem\n",
      failing="- name: access_ue\n  tls_profile: access_tls   # methods: [certificate_ca_signed]\n")
def _domain_certificate(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, dom in enumerate(loaded.profile.tls.domains):
        tp = _profile_of(loaded, dom.tls_profile)
        if tp is not None and facts.uses_certificates(tp) and dom.certificate is None:
            yield Issue(message=f"TLS domain {dom.name!r} uses certificate authentication (TLS profile {tp.id!r}) "
                                "but names no `certificate`", path=("tls", "domains", i, "name"))


@rule(code="GL205", title="CA-signed certificate authentication names trust anchors", severity=ERROR,
      refs=("R-7/8", "R-8.3.2.1/1"),
      rationale="The MG verifies CA-signed certificates against the trust anchors the TLS profile defines; "
                "without them it cannot verify anything.",
      fix="List `authentication.trust_anchors` in the TLS profile, or `trust_anchors` in every domain using it.",
      passing="authentication: {methods: [certificate_ca_signed], trust_anchors: [Operator Root CA]}\n",
      failing="authentication: {methods: [certificate_ca_signed]}\n")
def _trust_anchors(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if not facts.uses_ca_signed(tp) or tp.authentication.trust_anchors:
            continue
        domains = [d for d in loaded.profile.tls.domains if d.tls_profile == tp.id]
        if domains and all(d.trust_anchors for d in domains):
            continue
        yield Issue(message=f"TLS profile {tp.id!r} verifies CA-signed certificates but names no trust anchors",
                    path=_tp(i, "authentication", "methods"))


@rule(code="GL206", title="Supported renegotiation says who starts it", severity=WARNING, refs=("R-7/5",),
      rationale="Renegotiation behaviour is defined by the TLS profile or provided by the MGC; with neither "
                "initiators nor an MGC trigger the behaviour is undefined.",
      fix="List `renegotiation.initiators` (client, server, mg) or set `mgc_trigger: true`.",
      passing="renegotiation: {supported: true, initiators: [mg], mgc_trigger: true}\n",
      failing="renegotiation: {supported: true}\n")
def _renegotiation_defined(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        reneg = tp.renegotiation
        if reneg.supported and not reneg.initiators and not reneg.mgc_trigger:
            yield Issue(message=f"TLS profile {tp.id!r} supports renegotiation but says neither who initiates "
                                "it nor that the MGC triggers it", path=_tp(i, "renegotiation", "supported"))


@rule(code="GL207", title="TLS 1.2 profiles support renegotiation as the guideline asks", severity=ERROR,
      refs=("R-7/5", "R-8.4/1", "RFC 5746", "RFC 9325 §3.5"),
      rationale="H.248.TLSPROF requires the MG to support renegotiation of an existing session's security "
                "parameters (clause 7) and recommends it as TLS client and server (clause 8.4). Current practice "
                "(RFC 9325) often refuses TLS 1.2 renegotiation, and TLS 1.3 has none (KeyUpdate refreshes "
                "keys), so a profile may depart from the guideline here. R-7/5 is a requirement, so this is an "
                "error until the profile says why it departs: a suppression with its reason, which Annex A "
                "shows as a deviation. TLS 1.3-only profiles are not concerned.",
      fix="Support secure renegotiation (`renegotiation: {supported: true, secure_only: true, ...}`), or record "
          "the deviation on the `supported:` line: `# profilekit: disable=GL207 reason=\"...\"`.",
      passing="versions: [TLS1.2, TLS1.3]\nrenegotiation: {supported: true, secure_only: true, initiators: [mg], "
              "mgc_trigger: true}\n",
      failing="versions: [TLS1.2, TLS1.3]\nrenegotiation: {supported: false}\n")
def _renegotiation_supported(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        older = [v for v in tp.versions if v != "TLS1.3"]
        if older and not tp.renegotiation.supported:
            yield Issue(message=f"TLS profile {tp.id!r} offers {', '.join(older)} without renegotiation, which "
                                "H.248.TLSPROF requires of the MG (R-7/5) and recommends as client and server "
                                "(R-8.4/1); support it, or record why the profile departs",
                        path=_tp(i, "renegotiation", "supported"))


# --- GL3xx clauses 8.1-8.2: selecting domain and role ---------------------------------------------

binding_rule(
    code="GL301", name="tls_domain", capability="the TLS domain property", kinds=("property",),
    refs=("R-8.1/1",), required=_when_tls,
    rationale="The MGC provides the TLS domain to the MG when it creates a TLS endpoint, in an H.248 property.",
    fix="Bind `tls.bindings.tls_domain` to the TLS domain property, e.g. `tlsbsc/domain`.",
    passing="tls_domain: tlsbsc/domain\n",
    failing="tls_domain: tlsbsc/domian\n")


_ADD = re.compile(r"(?<![A-Za-z0-9_/])Add\s*=")
"""An H.248 text-encoded Add command anywhere in a step's example (bare, or inside a full message)."""


def _creation_steps(loaded: LoadedProfile) -> Iterator[tuple[YamlPath, Any]]:
    """Procedure steps whose command creates a termination (Add), with their paths."""
    for i, proc in enumerate(loaded.profile.procedures):
        for j, step in enumerate(proc.steps):
            if step.command and _ADD.search(step.command):
                yield ("procedures", i, "steps", j), step


@rule(code="GL302", title="A procedure creates a TLS endpoint with its TLS domain and role", severity=WARNING,
      refs=("R-8.1/1", "R-8.2/2"),
      rationale="Clause 17 procedures show readers and implementers how the MGC sets the TLS domain and the "
                "TLS role when it adds a TLS termination.",
      fix="Add a procedure step with an example `Add` command that sets the TLS domain and role properties.",
      passing="steps:\n  - step: The MGC adds the TLS termination.\n    command: 'Add = $ { Media { Stream = 1 "
              "{ LocalControl { tlsbsc/domain = \"access_ue\", tlsbsc/role = server } } } }'\n",
      failing="steps:\n  - step: The MGC adds the TLS termination.\n    command: 'Add = $ { Media { Stream = 1 } }'\n")
def _creation_sets(loaded: LoadedProfile) -> Iterator[Issue]:
    if not facts.tls_terminations(loaded):
        return
    bindings = loaded.profile.tls.bindings
    # a binding that names no element is GL301/GL108's finding; looking for it in the commands adds noise
    wanted = [(b.element, ref) for b, ref in ((bindings.tls_domain, "R-8.1/1"), (bindings.tls_role, "R-8.2/2"))
              if b is not None and isinstance(resolve(loaded, b.element), Element)]
    steps = list(_creation_steps(loaded))
    if not steps:
        yield Issue(message="no procedure step creates a termination with an `Add` command that sets the TLS "
                            "domain and TLS role", path=("procedures",) if facts.stated(loaded, ("procedures",))
                    else (), key=True)
        return
    for element, ref in wanted:
        if not any(element in (step.command or "") for _, step in steps):
            path, _ = steps[0]
            yield Issue(message=f"no `Add` command in the procedures sets {element}",
                        path=(*path, "command"), refs=(ref,))


_ELEMENT_REF = re.compile(r"(?<![A-Za-z0-9_/.$\-])([A-Za-z][A-Za-z0-9_]*)/([A-Za-z][A-Za-z0-9_]*)(?![A-Za-z0-9_/])")
"""`package/element` in H.248 text encoding; not a segment of a longer path (`ip/tls/$`, `TCP/TLS/MSRP`)."""


def _example_texts(loaded: LoadedProfile) -> Iterator[tuple[YamlPath, str]]:
    for i, proc in enumerate(loaded.profile.procedures):
        for j, step in enumerate(proc.steps):
            for field in ("command", "reply"):
                text = getattr(step, field)
                if text:
                    yield ("procedures", i, "steps", j, field), text


@rule(code="GL303", title="Procedure examples name package elements that exist", severity=WARNING,
      refs=("R-8.1/1", "R-8.2/2", "ITU-T H.248.1 profile template §17 (procedures)"),
      rationale="Clause 17 examples are what implementers copy: a misspelt property in an example `Add` (say "
                "`tlsx/domian`) shows a command no MG understands, and the profile's own packages say which "
                "names exist. Names of packages the profile does not list (base packages such as `g/cause`) "
                "are not checked, unless they are one typo away from a listed package's element.",
      fix="Correct the name to the element the package defines (the message suggests one).",
      passing="command: 'Add = $ { Media { Stream = 1 { LocalControl { tlsx/domain = \"default\" } } } }'\n",
      failing="command: 'Add = $ { Media { Stream = 1 { LocalControl { tlsx/domian = \"default\" } } } }'\n")
def _example_elements(loaded: LoadedProfile) -> Iterator[Issue]:
    reported: set[tuple[YamlPath, str]] = set()
    for path, text in _example_texts(loaded):
        for match in _ELEMENT_REF.finditer(text):
            ref = match.group(0)
            package = match.group(1)
            if (path, ref) in reported:
                continue
            if package in loaded.packages:
                found = resolve(loaded, ref)
                if isinstance(found, Element):
                    continue
                message = f"{ref} in this example names no element: {found}"
            else:
                guess = facts.suggest(loaded, ref)
                if guess is None or difflib.SequenceMatcher(None, ref, guess).ratio() < 0.85:
                    continue  # a package the profile does not list (e.g. a base package): not ours to check
                message = f"{ref} in this example is not an element of the profile's packages; did you mean {guess}?"
            reported.add((path, ref))
            yield Issue(message=message, path=path, near=ref)


_CURLY = {"\u201c": "U+201C", "\u201d": "U+201D", "\u2018": "U+2018", "\u2019": "U+2019"}


@rule(code="GL304", title="Procedure examples use straight quotes", severity=WARNING,
      refs=("ITU-T H.248.1 Annex B (text encoding)", "ITU-T H.248.1 profile template §17 (procedures)"),
      rationale="H.248.1 text encoding quotes strings with the ASCII double quote; word processors turn them "
                "into typographic quotes, which no MG parses, and the example then goes into the document as is.",
      fix="Replace the curly quotes in the example by straight ones (\").",
      passing="command: 'Add = $ { ... tlsx/domain = \"default\" ... }'\n",
      failing="command: 'Add = $ { ... tlsx/domain = \u201cdefault\u201d ... }'\n")
def _straight_quotes(loaded: LoadedProfile) -> Iterator[Issue]:
    for path, text in _example_texts(loaded):
        curly = next((ch for ch in text if ch in _CURLY), None)
        if curly is not None:
            yield Issue(message=f"the example contains a curly quote {curly} ({_CURLY[curly]}); H.248 text encoding "
                                "uses straight quotes (\")", path=path, near=curly)


# --- GL4xx clause 8.3: authentication --------------------------------------------------------------

@rule(code="GL401", title="Failure behaviour and continuation conditions agree", severity=ERROR,
      refs=("R-8.3/2", "R-8.3/3", "R-8.3.2.1/2", "R-8.3.2.2.1/3", "R-8.4/3"),
      rationale="When authentication fails the TLS profile's behaviour applies: `continue_if` needs the "
                "conditions under which the session continues; `terminate` and `continue` take none.",
      fix="With `on_failure: continue_if` list `continue_conditions`; otherwise remove them.",
      passing="on_failure: continue_if\ncontinue_conditions: [remote certificate expired less than 24 h ago]\n",
      failing="on_failure: continue_if\n")
def _failure(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        auth = tp.authentication
        if auth.on_failure == "continue_if" and not auth.continue_conditions:
            yield Issue(message=f"TLS profile {tp.id!r}: `on_failure: continue_if` lists no continue_conditions",
                        path=_tp(i, "authentication", "on_failure"))
        elif auth.on_failure != "continue_if" and auth.continue_conditions:
            yield Issue(message=f"TLS profile {tp.id!r}: continue_conditions are listed but `on_failure` is "
                                f"{auth.on_failure!r}; use `continue_if` or remove them",
                        path=_tp(i, "authentication", "continue_conditions"))


@rule(code="GL402", title="The TLS profile decides on client authentication", severity=WARNING,
      refs=("R-8.3.1/1",),
      rationale="Where a cipher suite leaves client authentication optional, the TLS profile must say which "
                "option the TLS server takes: authenticate the client, or not. `optional` decides nothing.",
      fix="Set `authentication.client` to `required` or `none`.",
      passing="authentication: {server: required, client: none}\n",
      failing="authentication: {server: required, client: optional}\n")
def _client_decided(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if tp.authentication.client == "optional":
            yield Issue(message=f"TLS profile {tp.id!r}: `client: optional` does not say whether the TLS server "
                                "authenticates the client (use required or none)",
                        path=_tp(i, "authentication", "client"))


def _cert_suite(auth: str) -> bool:
    return auth in facts.CERTIFICATE_AUTH


@rule(code="GL403", title="Certificate and anonymous suites match the authentication methods", severity=ERROR,
      refs=("R-8.3/4",),
      rationale="The authentication methods of a TLS profile must be consistent with its cipher suites: "
                "certificate suites need a certificate method, anonymous suites the method `none`, and every "
                "listed method needs a suite that can use it.",
      fix="Add the missing method, or remove the suites (or the method) that do not fit.",
      passing="cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]\n"
              "authentication: {methods: [certificate_ca_signed]}\n",
      failing="cipher_suites: [TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]\nauthentication: {methods: [psk]}\n")
def _cert_methods(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        methods = set(tp.authentication.methods)
        listed = facts.suites(tp)
        for j, suite in listed:
            if _cert_suite(suite.authentication) and not methods & facts.CERTIFICATE_METHODS:
                yield Issue(message=f"{suite.iana} authenticates the server with a certificate, but TLS profile "
                                    f"{tp.id!r} lists no certificate method", path=_tp(i, "cipher_suites", j))
            elif suite.authentication in ("anon", "null") and "none" not in methods:
                yield Issue(message=f"{suite.iana} authenticates nobody, but TLS profile {tp.id!r} does not list "
                                    "the method `none`", path=_tp(i, "cipher_suites", j))
        tls13 = any(s.tls13 for _, s in listed)
        for k, method in enumerate(tp.authentication.methods):
            if method in facts.CERTIFICATE_METHODS and not tls13 and not any(
                    _cert_suite(s.authentication) or s.key_exchange == "rsa_psk" for _, s in listed):
                yield Issue(message=f"method {method!r} is listed but no cipher suite of TLS profile {tp.id!r} "
                                    "uses certificates", path=_tp(i, "authentication", "methods", k))
            elif method == "none" and not any(s.authentication in ("anon", "null") for _, s in listed):
                yield Issue(message=f"method 'none' is listed but TLS profile {tp.id!r} has no anonymous suite",
                            path=_tp(i, "authentication", "methods", k))


@rule(code="GL410", title="Self-signed certificates come with a fingerprint hash", severity=ERROR,
      refs=("R-8.3.2.2.2/2",),
      rationale="Self-signed certificates are checked by fingerprint; the TLS profile defines the hash "
                "function the MG uses for it.",
      fix="Set `authentication.fingerprint_hash` (e.g. `sha-256`).",
      passing="authentication: {methods: [certificate_self_signed], fingerprint_hash: sha-256}\n",
      failing="authentication: {methods: [certificate_self_signed]}\n")
def _fingerprint_hash(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if facts.uses_self_signed(tp) and tp.authentication.fingerprint_hash is None:
            yield Issue(message=f"TLS profile {tp.id!r} uses self-signed certificates but defines no "
                                "`fingerprint_hash`", path=_tp(i, "authentication", "methods"))


_when_self_signed = _when_profiles(facts.uses_self_signed, "uses self-signed certificates")

binding_rule(
    code="GL411", name="remote_fingerprint", capability="the remote fingerprint property", kinds=("property",),
    refs=("R-8.3.2.2.1/1",), required=_when_self_signed,
    rationale="The MGC passes the remote endpoint's certificate fingerprint (from signalling, e.g. SDP "
              "a=fingerprint) to the MG in an H.248 property.",
    fix="Bind `tls.bindings.remote_fingerprint` to the remote fingerprint property.",
    passing="remote_fingerprint: tlsbsc/rfp\n",
    failing="# methods: [certificate_self_signed], and no remote_fingerprint binding\n")
binding_rule(
    code="GL412", name="local_fingerprint", capability="the local fingerprint property", kinds=("property",),
    refs=("R-8.3.2.2.2/1",), required=_when_self_signed,
    rationale="The MG returns the fingerprint of its own self-signed certificate in the reply to the command "
              "that creates the TLS endpoint, in an H.248 property.",
    fix="Bind `tls.bindings.local_fingerprint` to the local fingerprint property.",
    passing="local_fingerprint: tlsbsc/lfp\n",
    failing="# methods: [certificate_self_signed], and no local_fingerprint binding\n")


@rule(code="GL413", title="The creation reply returns the local fingerprint", severity=ERROR,
      refs=("R-8.3.2.2.2/1",),
      rationale="With a self-signed certificate the MG puts its fingerprint in the reply to the command that "
                "creates the TLS endpoint; the procedures show it so that both sides implement it alike.",
      fix="Add a `reply:` to the creating `Add` step that contains the local fingerprint property.",
      passing="command: 'Add = $ { ... }'\nreply: 'Reply { Add = tls/1 { ... tlsbsc/lfp = \"sha-256 4A:...\" } }'\n",
      failing="command: 'Add = $ { ... }'\nreply: 'Reply { Add = tls/1 { ... } }'\n")
def _reply_fingerprint(loaded: LoadedProfile) -> Iterator[Issue]:
    bound = loaded.profile.tls.bindings.local_fingerprint
    if bound is None or not facts.any_profile(loaded, facts.uses_self_signed):
        return
    steps = list(_creation_steps(loaded))
    if any(bound.element in (step.reply or "") for _, step in steps):
        return
    if steps:
        path, step = steps[0]
        yield Issue(message=f"no reply to an `Add` command in the procedures returns {bound.element} (the "
                            "MG's fingerprint)", path=(*path, "reply") if step.reply else (*path, "command"))
    else:
        yield Issue(message=f"no procedure shows the `Add` reply that returns {bound.element}",
                    path=("procedures",) if facts.stated(loaded, ("procedures",)) else (), key=True)


@rule(code="GL414", title="Self-signed profiles list the SDP fingerprint attribute", severity=WARNING,
      refs=("R-8.3.2.2.2/3", "R-8.3.2.2.1/1"),
      rationale="Fingerprints of self-signed certificates travel in signalling (SDP a=fingerprint, RFC 8122); "
                "clauses 15/16 list the SDP elements the profile supports.",
      fix="Add `{element: \"a=fingerprint\", reference: RFC8122}` to `sdp_mandatory`.",
      passing="sdp_mandatory: [{element: \"a=fingerprint\"}]\n",
      failing="sdp_mandatory: [{element: \"a=setup\"}]\n")
def _sdp_fingerprint(loaded: LoadedProfile) -> Iterator[Issue]:
    if not facts.any_profile(loaded, facts.uses_self_signed):
        return
    elements = [e.element.replace(" ", "") for e in (*loaded.profile.sdp_mandatory, *loaded.profile.sdp_optional)]
    if not any(e.startswith("a=fingerprint") for e in elements):
        path: YamlPath = ("sdp_mandatory",) if facts.stated(loaded, ("sdp_mandatory",)) else ()
        yield Issue(message="self-signed certificates are used but `a=fingerprint` is not among the SDP "
                            "elements (clauses 15/16)", path=path, key=True)


@rule(code="GL420", title="PSK cipher suites and the PSK method go together", severity=ERROR,
      refs=("R-8.3.3/1", "R-8.3/4"),
      rationale="PSK suites (RFC 4279) authenticate with pre-shared keys, so the TLS profile lists the "
                "method `psk`; and `psk` needs a PSK suite (TLS 1.2) or TLS 1.3.",
      fix="Add `psk` to `authentication.methods`, or remove the PSK suites (or the method).",
      passing="cipher_suites: [TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256]\nauthentication: {methods: [psk]}\n",
      failing="cipher_suites: [TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256]\n"
              "authentication: {methods: [certificate_ca_signed]}\n")
def _psk_methods(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        methods = tp.authentication.methods
        listed = facts.suites(tp)
        if "psk" not in methods:
            for j, suite in listed:
                if facts.is_psk_suite(suite):
                    yield Issue(message=f"{suite.iana} is a PSK suite but TLS profile {tp.id!r} does not list "
                                        "the method `psk`", path=_tp(i, "cipher_suites", j))
        elif not any(facts.is_psk_suite(s) for _, s in listed) and "TLS1.3" not in tp.versions:
            yield Issue(message=f"TLS profile {tp.id!r} lists the method `psk` but no PSK cipher suite (and no "
                                "TLS 1.3)", path=_tp(i, "authentication", "methods", methods.index("psk")))


_when_psk = _when_profiles(facts.uses_psk, "uses pre-shared keys")

binding_rule(
    code="GL421", name="psk_identity", capability="the PSK identity property", kinds=("property",),
    refs=("R-8.3.3/2", "R-8.3.3/3", "R-8.3.3/4"), required=_when_psk,
    rationale="The MG holds many PSKs and picks one by the identity the MGC indicates for each endpoint.",
    fix="Bind `tls.bindings.psk_identity` to the PSK identity property, e.g. `tlsbsc/pskid`.",
    passing="psk_identity: tlsbsc/pskid\n",
    failing="# methods: [psk], and no psk_identity binding\n")


def _when_hint(loaded: LoadedProfile) -> str | None:
    ids = [p.id for p in loaded.profile.tls.profiles
           if p.authentication.psk is not None and p.authentication.psk.identity_hint]
    return f"TLS profile {', '.join(ids)} sends a PSK identity hint" if ids else None


binding_rule(
    code="GL422", name="psk_identity_hint", capability="the PSK identity hint property", kinds=("property",),
    refs=("R-8.3.3/5",), required=_when_hint,
    rationale="A TLS server endpoint can send a PSK identity hint that the MGC provides in an H.248 property.",
    fix="Bind `tls.bindings.psk_identity_hint` to the hint property, or set `psk.identity_hint: false`.",
    passing="psk_identity_hint: tlsbsc/pskhint\n",
    failing="authentication: {psk: {identity_hint: true}}   # and no psk_identity_hint binding\n")


@rule(code="GL430", title="Trusted third-party suites and the TTP method go together", severity=ERROR,
      refs=("R-8.3.4/1", "R-8.3/4"),
      rationale="Kerberos suites (RFC 2712) need a trusted third party; the TLS profile lists the method "
                "`trusted_third_party`, which in turn needs such a suite.",
      fix="Add `trusted_third_party` to `authentication.methods`, or remove the Kerberos suites (or the method).",
      passing="cipher_suites: [TLS_KRB5_WITH_AES_128_CBC_SHA]\nauthentication: {methods: [trusted_third_party]}\n",
      failing="cipher_suites: [TLS_KRB5_WITH_AES_128_CBC_SHA]\nauthentication: {methods: [certificate_ca_signed]}\n")
def _ttp_methods(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        methods = tp.authentication.methods
        listed = facts.suites(tp)
        if "trusted_third_party" not in methods:
            for j, suite in listed:
                if facts.is_ttp_suite(suite):
                    yield Issue(message=f"{suite.iana} needs a trusted third party but TLS profile {tp.id!r} does "
                                        "not list the method `trusted_third_party`", path=_tp(i, "cipher_suites", j))
        elif not any(facts.is_ttp_suite(s) for _, s in listed):
            yield Issue(message=f"TLS profile {tp.id!r} lists `trusted_third_party` but no cipher suite that uses "
                                "one", path=_tp(i, "authentication", "methods", methods.index("trusted_third_party")))


@rule(code="GL431", title="Trusted third-party authentication says how the service is selected",
      severity=ERROR, refs=("R-8.3.4/2", "R-8.3.4/3"),
      rationale="The MG selects the trusted third-party service per stream endpoint: either each TLS domain "
                "names it, or an H.248 property does. The profile states which.",
      fix="Add `authentication.trusted_third_party: {kind: kerberos, selection: per_domain}` (or per_property).",
      passing="authentication:\n  methods: [trusted_third_party]\n  trusted_third_party: {selection: per_domain}\n",
      failing="authentication:\n  methods: [trusted_third_party]\n")
def _ttp_selection(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if facts.uses_ttp(tp) and tp.authentication.trusted_third_party is None:
            yield Issue(message=f"TLS profile {tp.id!r} uses a trusted third party but does not say how the "
                                "service is selected (`trusted_third_party.selection`)",
                        path=_tp(i, "authentication"), key=True)


@rule(code="GL432", title="Per-domain trusted third party: every domain names its service", severity=ERROR,
      refs=("R-8.3.4/2", "R-8.3.4/3"),
      rationale="With `selection: per_domain` the TLS domain defines the trusted third-party service, so each "
                "domain applying the profile names one.",
      fix="Add `trusted_third_party: <service>` (e.g. a Kerberos realm) to the domain.",
      passing="- name: core\n  tls_profile: krb   # selection: per_domain\n  trusted_third_party: EXAMPLE.NET\n",
      failing="- name: core\n  tls_profile: krb   # selection: per_domain\n")
def _ttp_per_domain(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, dom in enumerate(loaded.profile.tls.domains):
        tp = _profile_of(loaded, dom.tls_profile)
        ttp = tp.authentication.trusted_third_party if tp is not None else None
        if ttp is not None and ttp.selection == "per_domain" and not dom.trusted_third_party:
            yield Issue(message=f"TLS domain {dom.name!r} applies TLS profile {tp.id!r}, whose trusted third "
                                "party is selected per domain, but names no `trusted_third_party`",
                        path=("tls", "domains", i, "name"))


def _when_per_property(loaded: LoadedProfile) -> str | None:
    ids = [p.id for p in loaded.profile.tls.profiles if p.authentication.trusted_third_party is not None
           and p.authentication.trusted_third_party.selection == "per_property"]
    return f"TLS profile {', '.join(ids)} selects the trusted third party per property" if ids else None


binding_rule(
    code="GL433", name="ttp_service", capability="the trusted third-party service property",
    kinds=("property",), refs=("R-8.3.4/3",), required=_when_per_property,
    rationale="With `selection: per_property` the MGC selects the trusted third-party service per endpoint "
              "with an H.248 property.",
    fix="Bind `tls.bindings.ttp_service` to that property, e.g. `tlsbsc/ttpsvc`.",
    passing="ttp_service: tlsbsc/ttpsvc\n",
    failing="# selection: per_property, and no ttp_service binding\n")


# --- GL5xx clauses 8.4-8.10 -------------------------------------------------------------------------

def _when_renegotiation(loaded: LoadedProfile) -> str | None:
    ids = [p.id for p in loaded.profile.tls.profiles if p.renegotiation.supported]
    return f"TLS profile {', '.join(ids)} supports renegotiation" if ids else None


binding_rule(
    code="GL501", name="renegotiation_trigger", capability="the renegotiation trigger",
    kinds=("signal", "property"), refs=("R-8.4/2",), required=_when_renegotiation,
    rationale="The MGC must be able to tell the MG whether and when to start a renegotiation, with a signal "
              "or property.",
    fix="Bind `tls.bindings.renegotiation_trigger` (e.g. `tlsbsc/reneg`), or set `renegotiation.supported: false`.",
    passing="renegotiation_trigger: tlsbsc/reneg\n",
    failing="# renegotiation: {supported: true}, and no renegotiation_trigger binding\n")


@rule(code="GL502", title="An MGC renegotiation trigger needs renegotiation support", severity=ERROR,
      refs=("R-8.4/2",),
      rationale="`mgc_trigger: true` says the MGC instructs the MG to renegotiate, which contradicts "
                "`supported: false`.",
      fix="Set `renegotiation.supported: true`, or `mgc_trigger: false`.",
      passing="renegotiation: {supported: true, mgc_trigger: true}\n",
      failing="renegotiation: {supported: false, mgc_trigger: true}\n")
def _trigger_needs_support(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if tp.renegotiation.mgc_trigger and not tp.renegotiation.supported:
            yield Issue(message=f"TLS profile {tp.id!r}: `mgc_trigger: true` but renegotiation is not supported",
                        path=_tp(i, "renegotiation", "mgc_trigger"))


_TERMINATION = ("R-8.5.1/1", "R-8.5.2/1", "R-8.5.3/1", "R-8.6/1", "R-8.4/4")
_REASONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("close_notify", ("R-8.5.1/1",)),
    ("fatal_alert", ("R-8.5.2/1",)),
    ("local_termination", ("R-8.5.3/1", "R-8.4/4")),
    ("handshake_failure", ("R-8.6/1",)),
)
_EVENT: YamlPath = (*BINDINGS, "tls_termination_event")


def _reason_parameter(found: Element, name: str) -> tuple[int, Any] | None:
    for i, param in enumerate(found.item.observed_parameters):
        if param.id == name:
            return i, param
    return None


@rule(code="GL510", title="The TLS termination event is bound with its reason parameter", severity=ERROR,
      refs=_TERMINATION,
      rationale="The MG notifies the MGC of every TLS session termination, with the reason, in an H.248 event "
                "whose ObservedEvents parameter carries the reason.",
      fix="Bind `tls.bindings.tls_termination_event: {element: <pkg/event>, reason_parameter: <param>, "
          "reasons: {...}}`.",
      passing="tls_termination_event: {element: tlsbsc/term, reason_parameter: reason, reasons: {...}}\n",
      failing="tls_termination_event: {element: tlsbsc/term, reason_parameter: cause, reasons: {...}}\n")
def _termination_event(loaded: LoadedProfile) -> Iterator[Issue]:
    binding = loaded.profile.tls.bindings.tls_termination_event
    if binding is None:
        if facts.tls_terminations(loaded):
            yield Issue(message="no binding for the TLS termination event; add `tls.bindings.tls_termination_event`",
                        path=BINDINGS, key=True)
        return
    issues = list(check_binding(loaded, _EVENT, binding, "the TLS termination event", ("event",)))
    yield from issues
    if issues:
        return
    found = resolve(loaded, binding.element)
    assert isinstance(found, Element)
    if _reason_parameter(found, binding.reason_parameter) is None:
        names = [p.id for p in found.item.observed_parameters]
        yield Issue(message=f"{found.ref} has no ObservedEvents parameter {binding.reason_parameter!r} "
                            f"(it has: {', '.join(names) or 'none'})", path=(*_EVENT, "reason_parameter"))


@rule(code="GL511", title="Termination reasons cover close_notify, fatal alert, local end and handshake failure",
      severity=ERROR, refs=_TERMINATION,
      rationale="The guideline requires the MGC to learn why a session ended: a close_notify (8.5.1), a fatal "
                "alert (8.5.2), a local decision (8.5.3, also after a failed renegotiation) or a failed "
                "handshake (8.6).",
      fix="Map each reason class to a value of the reason parameter under `reasons:`.",
      passing="reasons: {close_notify: close_notify, fatal_alert: fatal_alert, local_termination: local, "
              "handshake_failure: handshake}\n",
      failing="reasons: {close_notify: close_notify, fatal_alert: fatal_alert}\n")
def _reasons_cover(loaded: LoadedProfile) -> Iterator[Issue]:
    binding = loaded.profile.tls.bindings.tls_termination_event
    if binding is None:
        return
    for reason, refs in _REASONS:
        if reason not in binding.reasons:
            yield Issue(message=f"the TLS termination event reports no reason for {reason.replace('_', ' ')} "
                                f"(add `{reason}: <value>`)", path=(*_EVENT, "reasons"), key=True, refs=refs)


@rule(code="GL512", title="Termination reasons are values of the reason parameter", severity=ERROR,
      refs=_TERMINATION,
      rationale="The MGC recognises a reason by the value the MG reports; a value the parameter cannot take "
                "is never reported.",
      fix="Use one of the reason parameter's values, or add the value to the package's parameter.",
      passing="reasons: {fatal_alert: fatal_alert}   # reason values: [close_notify, fatal_alert, ...]\n",
      failing="reasons: {fatal_alert: alert}   # reason values: [close_notify, fatal_alert, ...]\n")
def _reason_values(loaded: LoadedProfile) -> Iterator[Issue]:
    binding = loaded.profile.tls.bindings.tls_termination_event
    if binding is None:
        return
    found = resolve(loaded, binding.element)
    if not isinstance(found, Element) or found.kind != "event":
        return
    hit = _reason_parameter(found, binding.reason_parameter)
    if hit is None or not hit[1].values:
        return
    allowed = [str(v) for v in hit[1].values]
    refs_of = dict(_REASONS)
    for reason, value in binding.reasons.items():
        if str(value) not in allowed:
            yield Issue(message=f"reason {reason}: {value!r} is not a value of {found.ref} parameter "
                                f"{binding.reason_parameter!r} (values: {', '.join(allowed)})",
                        path=(*_EVENT, "reasons", reason), refs=refs_of.get(reason, _TERMINATION))


@rule(code="GL520", title="TLS statistics are bound to package statistics", severity=ERROR, refs=("R-8.7/1",),
      rationale="The MG collects TLS statistics; the profile lists which package statistics they are.",
      fix="List the statistics under `tls.bindings.statistics`, e.g. `[tlsbsc/hsok, tlsbsc/hsfail]`.",
      passing="statistics: [tlsbsc/hsok, tlsbsc/hsfail]\n",
      failing="statistics: [tlsbsc/hsok, tlsbsc/term]   # term is an event\n")
def _statistics(loaded: LoadedProfile) -> Iterator[Issue]:
    stats = loaded.profile.tls.bindings.statistics
    if not stats:
        if facts.tls_terminations(loaded):
            stated = facts.stated(loaded, (*BINDINGS, "statistics"))
            yield Issue(message="no TLS statistics are listed (`tls.bindings.statistics`)",
                        path=(*BINDINGS, "statistics") if stated else BINDINGS, key=True)
        return
    for i, binding in enumerate(stats):
        yield from check_binding(loaded, (*BINDINGS, "statistics", i), binding, "a TLS statistic", ("statistic",))


def _descriptor_support(loaded: LoadedProfile, name: str) -> str | None:
    return next((d.support for d in loaded.profile.descriptors if d.descriptor == name), None)


def _command(loaded: LoadedProfile, name: str) -> tuple[int, Any] | None:
    return next(((i, c) for i, c in enumerate(loaded.profile.commands) if c.command == name), None)


@rule(code="GL521", title="The MGC can retrieve the TLS statistics", severity=ERROR, refs=("R-8.7/2",),
      rationale="Statistics are retrieved in the Statistics descriptor (AuditValue, or the reply to Subtract); "
                "a profile that does not use that descriptor, or neither command, cannot deliver them.",
      fix="Support the Statistics descriptor and use Subtract or AuditValue with the Audit descriptor.",
      passing="descriptors: [{descriptor: Statistics, support: mandatory}]\n"
              "commands: [{command: Subtract, used: true, descriptors: [Audit]}]\n",
      failing="descriptors: [{descriptor: Statistics, support: not_used}]\n")
def _statistics_retrievable(loaded: LoadedProfile) -> Iterator[Issue]:
    if not loaded.profile.tls.bindings.statistics:
        return
    for i, desc in enumerate(loaded.profile.descriptors):
        if desc.descriptor == "Statistics" and desc.support == "not_used":
            yield Issue(message="TLS statistics are listed but the Statistics descriptor is `not_used`",
                        path=("descriptors", i, "support"))
    usable = [c for c in loaded.profile.commands if c.used and c.command in ("Subtract", "AuditValue")]
    if not usable:
        yield Issue(message="neither Subtract nor AuditValue is used, so the MGC cannot retrieve statistics",
                    path=("commands",), key=True)


_AUDITED = (("versions", "TLS versions", ("R-8.9/1",)), ("cipher_suites", "cipher suites", ("R-8.9/1",)),
            ("compression", "compression methods", ("R-8.9/1",)), ("resumption", "resumption support", ("R-8.9/1",)),
            ("renegotiation", "renegotiation support", ("R-8.9/1", "R-8.4/1")))
_AUDIT: YamlPath = (*BINDINGS, "capability_audit")


@rule(code="GL530", title="TLS capabilities are auditable properties", severity=ERROR,
      refs=("R-8.9/1", "R-8.4/1"),
      rationale="The MGC audits the MG's TLS capabilities: supported versions, cipher suites, compression "
                "methods, resumption and renegotiation support, each a (read-only) property.",
      fix="Bind each item of `tls.bindings.capability_audit` to a capability property, e.g. `tlscap/versions`.",
      passing="capability_audit: {versions: tlscap/versions, cipher_suites: tlscap/suites, compression: "
              "tlscap/compr, resumption: tlscap/resum, renegotiation: tlscap/reneg}\n",
      failing="capability_audit: {versions: tlscap/versions}\n")
def _capability_audit(loaded: LoadedProfile) -> Iterator[Issue]:
    audit = loaded.profile.tls.bindings.capability_audit
    if audit is None:
        yield Issue(message="no TLS capability audit properties (`tls.bindings.capability_audit`)",
                    path=BINDINGS, key=True)
        return
    for name, what, refs in _AUDITED:
        binding = getattr(audit, name)
        if binding is None:
            yield Issue(message=f"the MGC cannot audit {what}: add `capability_audit.{name}`", path=_AUDIT,
                        key=True, refs=refs)
            continue
        for issue in check_binding(loaded, (*_AUDIT, name), binding, f"audit of {what}", ("property",)):
            yield Issue(message=issue.message, path=issue.path, key=issue.key, package=issue.package, refs=refs)


@rule(code="GL531", title="Capability properties are read-only", severity=WARNING, refs=("R-8.9/1",),
      rationale="Capabilities describe the MG; the MGC audits them and cannot set them, so the package "
                "defines them read-only.",
      fix="Mark the property `readonly: true` in its package.",
      passing="properties: [{id: versions, type: sub_list, readonly: true}]\n",
      failing="properties: [{id: versions, type: sub_list}]\n")
def _audit_readonly(loaded: LoadedProfile) -> Iterator[Issue]:
    audit = loaded.profile.tls.bindings.capability_audit
    if audit is None:
        return
    seen: set[str] = set()
    for name, _, _ in _AUDITED:
        binding = getattr(audit, name)
        found = resolve(loaded, binding.element) if binding is not None else None
        if isinstance(found, Element) and found.kind == "property" and not found.item.readonly \
                and found.ref not in seen:
            seen.add(found.ref)
            yield Issue(message=f"{found.ref} is audited as a capability but is not `readonly: true`",
                        path=(*found.path, "id"), package=found.package)


@rule(code="GL532", title="Capabilities can be audited with AuditCapabilities or AuditValue", severity=ERROR,
      refs=("R-8.9/1", "R-8.4/1"),
      rationale="Binding capability properties is not enough: the profile must use a command that audits them.",
      fix="Set `used: true` on AuditCapabilities (or AuditValue) with the Audit descriptor.",
      passing="commands: [{command: AuditCapabilities, used: true, descriptors: [Audit]}]\n",
      failing="commands: [{command: AuditCapabilities, used: false}, {command: AuditValue, used: false}]\n")
def _audit_command(loaded: LoadedProfile) -> Iterator[Issue]:
    if loaded.profile.tls.bindings.capability_audit is None:
        return
    used = [c for c in loaded.profile.commands if c.used and c.command in ("AuditCapabilities", "AuditValue")]
    if not used:
        hit = _command(loaded, "AuditCapabilities")
        path: YamlPath = ("commands", hit[0], "used") if hit else ("commands",)
        yield Issue(message="TLS capabilities are bound but neither AuditCapabilities nor AuditValue is used",
                    path=path, key=hit is None)


@rule(code="GL540", title="TLS profiles state the performance they are dimensioned for", severity=INFO,
      refs=("R-8.10/1",),
      rationale="Key exchange, compression and resumption drive the per-session cost in the MG; the guideline "
                "recommends that a TLS profile takes it into account.",
      fix="Add `performance: {max_handshakes_per_second: ..., notes: ...}` to the TLS profile.",
      passing="performance: {max_handshakes_per_second: 500}\n",
      failing="# no performance section\n")
def _performance(loaded: LoadedProfile) -> Iterator[Issue]:
    for i, tp in enumerate(loaded.profile.tls.profiles):
        if tp.performance is None:
            yield Issue(message=f"TLS profile {tp.id!r} states no performance expectations (handshakes per "
                                "second, sessions)", path=_tp(i, "id"))
