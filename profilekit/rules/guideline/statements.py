"""GL016-GL017 and GL020: the document's text. The editor's own sentences must not contradict the tables
beside them (GL016); an editor's `text:` must name a clause the document has (GL017); and no clause of the
template is left without a statement (GL020)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import get_args

from profilekit.load.loaded import LoadedProfile
from profilekit.load.source import YamlPath, format_path
from profilekit.model.clauses import COMMANDS, Descriptor
from profilekit.rules.base import WARNING, Issue, Rule, rule
from profilekit.rules.facts import absent_at, stated
from profilekit.rules.guideline import document_text

DESCRIPTORS: tuple[str, ...] = get_args(Descriptor)

_VERBS = r"(?:support|use|send|accept|implement|negotiate|offer|carry)"
_ACTIVE = re.compile(rf"\b(?:shall|must)\s+(?P<neg>not\s+)?(?:also\s+|only\s+)?{_VERBS}\b(?P<rest>.*)",
                     re.IGNORECASE | re.DOTALL)
_PASSIVE = re.compile(r"(?P<head>.*?)\b(?:(?:is|are)\s+(?P<neg1>not\s+)(?:used|supported)|(?:shall|must)\s+"
                      r"(?P<neg2>not\s+)?be\s+(?:used|supported|sent))\b", re.IGNORECASE | re.DOTALL)
_VERSION = re.compile(r"\bTLS\s?v?1\.([0-3])\b|\bSSL\s?v?3(?:\.0)?\b")
_SEGMENT = re.compile(r"(?<=[.;!?])\s+|\n\s*\n")


def _versions(text: str) -> set[str]:
    return {f"TLS1.{m.group(1)}" if m.group(1) else "SSL3.0" for m in _VERSION.finditer(text)}


def _commands(text: str) -> set[str]:
    return {c for c in COMMANDS if re.search(rf"\b{c}\b", text)}


def _descriptors(text: str) -> set[str]:
    if not re.search(r"\bdescriptors?\b", text, re.IGNORECASE):
        return set()
    return {d for d in DESCRIPTORS if re.search(rf"\b{d}\b", text)}


def _claims(segment: str) -> Iterator[tuple[bool, str]]:
    """(positive?, the text that names what the statement is about) for each normative statement."""
    match = _ACTIVE.search(segment)
    if match:
        yield not match.group("neg"), match.group("rest")
        return
    match = _PASSIVE.search(segment)
    if match:
        yield not (match.group("neg1") or match.group("neg2")), match.group("head")


_CHECKED_FIELDS = frozenset({"notes", "description", "usage"})


def _prose(loaded: LoadedProfile) -> Iterator[tuple[YamlPath, str]]:
    """The editor's sentences that sit beside a table: `text:`, summary, scope, notes and descriptions."""
    for path, value in document_text.strings(loaded.data):
        if not path:
            continue
        if path[0] in ("text", "summary", "scope") or (path[-1] in _CHECKED_FIELDS and path[0] != "packages"):
            yield path, value


def _tls_versions(loaded: LoadedProfile, path: YamlPath) -> set[str]:
    """The TLS versions a sentence at `path` is about: its TLS profile's (a description, or the `text:` of
    clause 6.2.n), else those of every TLS profile."""
    profiles = loaded.profile.tls.profiles
    if len(path) > 2 and path[:2] == ("tls", "profiles") and isinstance(path[2], int) and path[2] < len(profiles):
        return set(profiles[path[2]].versions)
    match = re.fullmatch(r"6\.2\.(\d+)", str(path[1])) if len(path) == 2 and path[0] == "text" else None
    if match and 1 <= int(match.group(1)) <= len(profiles):
        return set(profiles[int(match.group(1)) - 1].versions)
    return {v for p in profiles for v in p.versions}


@rule(code="GL016", title="The editor's text agrees with the tables beside it", severity=WARNING,
      refs=("ITU-T drafting rules (verbal forms)", "ITU-T H.248.1 profile template"),
      rationale="A profile states each item's support once, in its table (command used or not, descriptor "
                "mandatory, optional or not used, package mandatory or optional, the TLS versions of a TLS "
                "profile); a hand-written sentence "
                "that says otherwise (\"the MG shall support Move\" where Move is not used, \"TLS 1.2 shall not "
                "be used\" in a profile that lists TLS 1.2) leaves the implementer two contradicting "
                "requirements.",
      fix="Change the sentence or the table so that they say the same; a `text:` for the clause replaces the "
          "generated statements, the tables stay.",
      passing="commands:\n  - {command: Move, used: false, notes: The MGC shall not send Move.}\n",
      failing="commands:\n  - {command: Move, used: false, notes: The MG shall support Move.}\n")
def text_agrees_with_tables(loaded: LoadedProfile) -> Iterator[Issue]:
    profile = loaded.profile
    used: dict[str, bool] = {}
    for use in profile.commands:
        used[use.command] = used.get(use.command, False) or use.used
    support: dict[str, str] = {d.descriptor: d.support for d in profile.descriptors}
    package_support = {package_id: record.support for package_id, record in loaded.packages.items()
                       if len(package_id) > 2}
    for path, text in _prose(loaded):
        if "hall " not in text and "ust " not in text and " not " not in text:
            continue  # no normative statement, no "is not used": nothing to compare (most descriptions)
        for segment in _SEGMENT.split(text):
            for positive, about in _claims(segment):
                problems: list[str] = []
                for command in sorted(_commands(about)):
                    if command in used and used[command] != positive:
                        problems.append(f"{command} is {'not ' if not used[command] else ''}used (clause 5.8)")
                for descriptor in sorted(_descriptors(about)):
                    status = support.get(descriptor)
                    if (positive and status == "not_used") or (not positive and status == "mandatory"):
                        problems.append(f"the {descriptor} descriptor is {status.replace('_', ' ')} (clause 5.7)")
                for package_id, status in package_support.items():
                    if re.search(rf"(?<![\w/]){re.escape(package_id)}(?![\w/])", about) and (
                            (positive and status == "optional") or (not positive and status == "mandatory")):
                        problems.append(f"package {package_id} is {status} (clause 5.14)")
                versions = _tls_versions(loaded, path)
                for version in sorted(_versions(about)):
                    if (version in versions) != positive:
                        shown = version.replace("TLS", "TLS ").replace("SSL", "SSL ")
                        problems.append(f"{shown} is {'' if version in versions else 'not '}one of the TLS "
                                        "versions of clause 6.2")
                if problems:
                    sentence = " ".join(segment.split())
                    yield Issue(message=f"{format_path(path)} says \"{sentence}\", but "
                                        f"{'; '.join(problems)}: make the text and the table agree",
                                path=path, near=segment.strip()[:60] or None)


def statement_clauses(loaded: LoadedProfile) -> list[str]:
    """Numbers of the clauses whose generated statements an editor's `text:` can replace (the renderer's
    DocumentBuilder.say records the same list; tests/test_document_statements.py checks that they agree)."""
    profile = loaded.profile
    numbers = ["5.1", *(f"5.{n}" for n in range(3, 8)), "5.8", *(f"5.8.{n}" for n in range(1, 10)),
               *(f"5.{n}" for n in range(9, 15))]
    packages = sum(1 for item in profile.packages
                   if (getattr(item, "use", None) or getattr(item, "id", "")) in loaded.packages)
    numbers += [f"5.14.{n}" for n in range(1, packages + 1)] if packages else []
    numbers += ["5.15", "5.16", "5.17", "6.1"]
    numbers += [f"6.2.{n}" for n in range(1, len(profile.tls.profiles) + 1)]
    numbers += ["6.3", "6.4", "6.6", "6.7"]
    return numbers


@rule(code="GL017", title="Each `text:` names a clause of the document", severity=WARNING,
      refs=("profilekit document text",),
      rationale="`text:` replaces the statements profilekit writes for a clause, keyed by the clause number; "
                "a number the document does not have (a typo, a clause that moved) would silently replace "
                "nothing, and the editor's text would be missing from the document.",
      fix="Use the number of a clause the document shows (5.1, 5.3 to 5.17, 5.8.1 to 5.8.9, 5.14.n, 6.1, "
          "6.2.n, 6.3, 6.4, 6.6, 6.7).",
      passing="text:\n  \"5.3\": The MG and the MGC shall support H.248.1 version 3.\n",
      failing="text:\n  \"5.2\": This text would replace nothing.\n")
def text_names_a_clause(loaded: LoadedProfile) -> Iterator[Issue]:
    known = statement_clauses(loaded)
    for number in loaded.profile.text:
        if number not in known:
            yield Issue(message=f"`text:` for clause {number}: the document has no clause {number} whose "
                                "statements it could replace (clause 5.2 is the `summary:`; procedures and "
                                "clauses 6.2 and 6.5 have no generated statements)",
                        path=("text", number), key=True)


_COMPLETENESS: tuple[tuple[YamlPath, str, str], ...] = (
    (("connection_model", "max_contexts"), "5.4 Connection model",
     "the maximum number of contexts is not stated (`max_contexts: 1000`, or `null` for no limit)"),
    (("context_attributes",), "5.5 Context attributes",
     "no context attributes are stated (list Priority, Emergency, IEPSCallind with `supported:`)"),
    (("descriptors",), "5.7 Descriptors",
     "no descriptor support is stated (`descriptors:` with mandatory, optional or not_used for each)"),
    (("transactions", "max_commands_per_transaction"), "5.10 Transactions",
     "the maximum number of commands per transaction is not stated (a number, or `null` for no limit)"),
    (("transactions", "max_transactions_per_message"), "5.10 Transactions",
     "the maximum number of transactions per message is not stated (a number, or `null` for no limit)"),
    (("transactions", "timers"), "5.10 Transactions",
     "no transaction timers stated (`timers:` with root/normalMGExecutionTime and the others)"),
    (("messages", "max_size_octets"), "5.11 Messages",
     "the maximum message size is not stated (`max_size_octets:`, or `null` for no limit)"),
    (("transport", "segmentation"), "5.12 Transport",
     "support of segmentation (H.248.1 Annex D) is not stated (`segmentation: false` or `true`)"),
    (("sdp_mandatory",), "5.15 Mandatory SDP elements",
     "no mandatory SDP or Annex C information elements are stated (`sdp_mandatory:`, or `[]` for none)"),
    (("sdp_optional",), "5.16 Optional SDP elements",
     "no optional SDP or Annex C information elements are stated (`sdp_optional:`, or `[]` for none)"),
    (("procedures",), "5.17 Procedures",
     "no procedures are stated (`procedures:`, or `[]` when H.248.1's own suffice)"),
)
"""(YAML path, clause, what is missing) for each statement a template clause needs."""


@rule(code="GL020", title="No template clause is left without a statement", severity=WARNING,
      refs=("ITU-T H.248.1 profile template",),
      rationale="A clause the profile leaves out still appears in the document, saying \"not specified\" or "
                "nothing: the profile then validates while the document has no transaction timers, no "
                "descriptor support, contexts \"not specified\". Each template clause states what the profile "
                "supports, even if only \"none\" (an empty list) or \"no limit\" (`null`).",
      fix="State the clause's values in the profile (the message shows the key); `profilekit new` writes "
          "every clause with example values.",
      passing="transactions:\n  max_commands_per_transaction: 4\n  max_transactions_per_message: 8\n"
              "  timers: [{name: root/normalMGExecutionTime, value_ms: 500}]\n",
      failing="transactions: {}\n")
def clauses_complete(loaded: LoadedProfile) -> Iterator[Issue]:
    for path, clause, missing in _COMPLETENESS:
        if not stated(loaded, path):
            yield Issue(message=f"{clause}: {missing}", path=absent_at(loaded, path), key=True)


RULES: tuple[Rule, ...] = (text_agrees_with_tables, text_names_a_clause, clauses_complete)
"""Every rule this module declares, for the registry."""
