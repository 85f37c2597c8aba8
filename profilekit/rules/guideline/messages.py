"""GL31x procedure examples as H.248 messages (template clause 17): each example is parsed as H.248.1 text
encoding (completed into a whole message where it is a fragment), its SDP checked, and what it names and
sets checked against the profile's packages, TLS domains, bindings, commands and descriptors."""

from __future__ import annotations

import difflib
import re
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from profilekit.catalog.quotes import ENGLISH
from profilekit.h248 import Completed, Node, parse_example, sdp_blocks
from profilekit.h248.sdp import HASH_BYTES, fingerprint_problems
from profilekit.h248.tokens import MODEL_COMMAND
from profilekit.load.loaded import LoadedProfile
from profilekit.load.source import YamlPath
from profilekit.model.clauses import CommandUse
from profilekit.rules import facts
from profilekit.rules.base import ERROR, WARNING, Issue, Rule, rule
from profilekit.rules.facts import Element, resolve, suggest


@dataclass(frozen=True, slots=True)
class ParsedExample:
    path: YamlPath
    text: str
    reply: bool
    parsed: Completed
    command: Completed | None
    """For a reply, the parsed command of the same step (what it answers), if any."""


_CACHE: list[tuple[weakref.ref[LoadedProfile], list[ParsedExample]]] = []
"""The last profile's parsed examples. The profile is held weakly: a strong reference would keep the whole
loaded profile alive until the process ends (on the 2,000-package benchmark that cost a second of teardown)."""


def examples(loaded: LoadedProfile) -> list[ParsedExample]:
    """Every procedure example, parsed once per loaded profile (the rules of this module share them)."""
    if _CACHE and _CACHE[0][0]() is loaded:
        return _CACHE[0][1]
    version = loaded.profile.protocol_version.version
    out: list[ParsedExample] = []
    for i, proc in enumerate(loaded.profile.procedures):
        for j, step in enumerate(proc.steps):
            command = parse_example(step.command, version=version) if step.command else None
            if command is not None:
                out.append(ParsedExample(("procedures", i, "steps", j, "command"), step.command or "", False,
                                         command, None))
            if step.reply:
                out.append(ParsedExample(("procedures", i, "steps", j, "reply"), step.reply, True,
                                         parse_example(step.reply, reply=True, version=version), command))
    _CACHE[:] = [(weakref.ref(loaded), out)]
    return out


def _at(example: ParsedExample, offset: int, message: str, *, near: str = "",
        refs: tuple[str, ...] | None = None) -> Issue:
    """An issue at `offset` of the example as written; `near` (by default the text written there) lets the
    engine find the place where the YAML form does not map offsets exactly (folded or multi-line quoted)."""
    if not near:
        match = re.compile(r"\S+").match(example.text, max(offset, 0))
        near = match.group(0)[:24] if match else ""
    return Issue(message=message, path=example.path, offset=offset, near=near or None, refs=refs)


def _local(example: ParsedExample, offset: int) -> int:
    return offset - example.parsed.offset


def _nodes(example: ParsedExample) -> Iterator[Node]:
    message = example.parsed.message
    if message is None:
        return
    for node in message.walk():
        if node.start >= example.parsed.offset:  # not the header, transaction or context the completion added
            yield node


@rule(code="GL310", title="Procedure examples are H.248 text encoding", severity=ERROR,
      refs=("ITU-T H.248.1 Annex B (text encoding)", "ITU-T H.248.1 profile template §17 (procedures)"),
      rationale="Implementers copy clause 17 examples into test tools and codecs: an example that no H.248 "
                "decoder accepts (a reply without transaction id, `AuditCapabilities` for the token "
                "`AuditCapability`, a descriptor where the grammar has none) is a defect of the specification. "
                "Fragments (a command, a context, a transaction) are completed into a whole message first.",
      fix="Correct the example where the message points; `profilekit message extract` writes the completed "
          "messages for a codec.",
      passing="reply: 'Reply = 1 { Context = 17 { Add = tls/17 } }'\n",
      failing="reply: 'Reply { Add = tls/17 }'\n")
def examples_are_h248(loaded: LoadedProfile) -> Iterator[Issue]:
    for example in examples(loaded):
        for problem in example.parsed.problems:
            if problem.kind == "syntax" and problem.found[:1] in ENGLISH:
                continue  # a curly quote is GL304's finding; one finding for one mistake
            if problem.kind == "syntax":
                completion = (f" (completed into a whole message: {example.parsed.completion})"
                              if example.parsed.completion else "")
                yield _at(example, problem.offset, f"not H.248 text encoding: {problem.message}{completion}",
                          near=problem.found)


@rule(code="GL311", title="SDP in procedure examples is valid", severity=ERROR,
      refs=("RFC 8866 §5", "RFC 4145 §4-5", "RFC 8122 §5", "ITU-T H.248.1 clause 7.1.8"),
      rationale="Local and Remote descriptors carry SDP: one field per line, in RFC 8866 order, with the "
                "wildcards `$` and `*` H.248.1 allows. Fields run together on one line or continuation lines "
                "starting with blanks are rejected by SDP parsers (Wireshark: \"Invalid SDP line\").",
      fix="Write each SDP field on a line of its own, starting in the first column of the example.",
      passing="command: \"Add = tls/$ { Media { Stream = 1 { Local {\\nv=0\\nc=IN IP4 $\\nm=message $ "
              "TCP/TLS/MSRP *\\n} } } }\"\n",
      failing="command: 'Add = tls/$ { Media { Stream = 1 { Local { v=0 c=IN IP4 $ m=message $ TCP/TLS/MSRP * "
              "} } } }'\n")
def sdp_is_valid(loaded: LoadedProfile) -> Iterator[Issue]:
    for example in examples(loaded):
        for problem in example.parsed.problems:
            if problem.kind == "sdp":
                yield _at(example, problem.offset, problem.message)


def _property_nodes(example: ParsedExample) -> Iterator[Node]:
    for node in _nodes(example):
        if node.kind in ("Property", "Statistic", "Event", "Signal", "ObservedEvent", "BufferedEvent") and node.name:
            yield node


_KIND_OF_NODE = {"Property": "property", "Statistic": "statistic", "Event": "event", "ObservedEvent": "event",
                 "BufferedEvent": "event", "Signal": "signal"}


def _element(loaded: LoadedProfile, node: Node) -> Element | str | None:
    """The package element the node names, or why there is none; None for a package the profile does not
    list (base packages such as `g/cause`), unless the name is one typo away from a listed package's element."""
    package = node.name.partition("/")[0]
    if "*" in node.name:
        return None
    if package not in loaded.packages:
        guess = suggest(loaded, node.name)
        if guess is None or difflib.SequenceMatcher(None, node.name, guess).ratio() < 0.85:
            return None
        return f"not an element of the profile's packages; did you mean {guess}?"
    return resolve(loaded, node.name)


@rule(code="GL303", title="Procedure examples name package elements that exist", severity=WARNING,
      refs=("R-8.1/1", "R-8.2/2", "ITU-T H.248.1 profile template §17 (procedures)"),
      rationale="Clause 17 examples are what implementers copy: a misspelt property in an example `Add` (say "
                "`tlsx/domian`), an event used as a property or an event parameter the package does not define "
                "show a command no MG understands, and the profile's own packages say which names exist. Names "
                "of packages the profile does not list (base packages such as `g/cause`) are not checked.",
      fix="Correct the name to the element the package defines (the message suggests one).",
      passing="command: 'Add = $ { Media { Stream = 1 { LocalControl { tlsx/domain = \"default\" } } } }'\n",
      failing="command: 'Add = $ { Media { Stream = 1 { LocalControl { tlsx/domian = \"default\" } } } }'\n")
def example_elements_exist(loaded: LoadedProfile) -> Iterator[Issue]:
    for example in examples(loaded):
        for node in _property_nodes(example):
            found = _element(loaded, node)
            if found is None:
                continue
            at = _local(example, node.name_start)
            if isinstance(found, str):
                yield _at(example, at, f"{node.name} in this example names no element: {found}", near=node.name)
                continue
            want = _KIND_OF_NODE[node.kind]
            if found.kind != want:
                yield _at(example, at, f"{node.name} is a {found.kind} of package {found.package}, used here as "
                                       f"a{'n' if want[0] in 'aeiou' else ''} {want}", near=node.name)
                continue
            yield from _parameters_exist(example, node, found)


def _parameters_exist(example: ParsedExample, node: Node, found: Element) -> Iterator[Issue]:
    if found.kind not in ("event", "signal"):
        return
    if found.kind == "signal":
        declared = {p.id for p in found.item.parameters}
    elif node.kind == "ObservedEvent":
        declared = {p.id for p in found.item.observed_parameters}
    else:
        declared = {p.id for p in found.item.parameters}
    for child in node.children:
        if child.kind == "Parameter" and child.name not in declared:
            where = "ObservedEvents parameter" if node.kind == "ObservedEvent" else "parameter"
            known = ", ".join(sorted(declared)) or "none"
            yield _at(example, _local(example, child.name_start),
                      f"{node.name} has no {where} {child.name!r} (it defines: {known})", near=child.name)


def _declared(found: Element, node: Node, child: Node | None) -> object | None:
    """The Parameter/Property declaration a value of `node` (or of its parameter `child`) is checked against."""
    if child is None:
        return found.item if found.kind in ("property", "statistic") else None
    params = found.item.observed_parameters if node.kind == "ObservedEvent" else found.item.parameters
    return next((p for p in params if p.id == child.name), None)


def value_problem(declaration: object, value: str) -> str | None:
    """Why `value` does not fit the declared type, enumeration or range; None when it does."""
    kind = getattr(declaration, "type", "string")
    if value in ("$", "*"):
        return None
    values = [str(v) for v in getattr(declaration, "values", []) or []]
    if kind == "boolean":
        if value.lower() not in ("on", "off", "true", "false"):
            return "a boolean (ON/OFF, True/False)"
    elif kind == "integer":
        if not re.match(r"^[+-]?[0-9]+$", value):
            return "an integer"
        return _range_problem(declaration, float(value))
    elif kind == "double":
        try:
            number = float(value)
        except ValueError:
            return "a number"
        return _range_problem(declaration, number)
    elif kind == "enumeration" and values and value.lower() not in {v.lower() for v in values}:
        return f"one of {', '.join(values)}"
    return None


def _range_problem(declaration: object, number: float) -> str | None:
    limits = getattr(declaration, "range", None)
    if limits is None:
        return None
    if (limits.min is not None and number < limits.min) or (limits.max is not None and number > limits.max):
        return f"a value from {limits.min} to {limits.max}"
    return None


@rule(code="GL312", title="Values in procedure examples have the type the package declares", severity=ERROR,
      refs=("ITU-T H.248.1 clause 12 (package definitions)", "ITU-T H.248.1 profile template §17 (procedures)"),
      rationale="A property or parameter value in an example must be one the package allows: an enumeration "
                "value it lists, an integer in its range, a boolean; an MG refuses anything else (error 449, "
                "unsupported or unknown parameter or property value).",
      fix="Use a value the package definition lists for the element.",
      passing="command: 'Add = $ { Media { Stream = 1 { LocalControl { tlsbsc/role = server } } } }'\n",
      failing="command: 'Add = $ { Media { Stream = 1 { LocalControl { tlsbsc/role = master } } } }'\n")
def example_values_typed(loaded: LoadedProfile) -> Iterator[Issue]:
    for example in examples(loaded):
        for node in _property_nodes(example):
            found = _element(loaded, node)
            if not isinstance(found, Element):
                continue
            targets = [(node, None)] + [(c, c) for c in node.children if c.kind == "Parameter"]
            for holder, child in targets:
                declaration = _declared(found, node, child)
                if declaration is None:
                    continue
                for value, start in zip(holder.values, holder.value_starts, strict=True):
                    want = value_problem(declaration, value)
                    if want is not None:
                        name = f"{node.name} {child.name}" if child is not None else node.name
                        yield _at(example, _local(example, start),
                                  f"{name} = {value}: the package declares {want}", near=value)


def _settings(example: ParsedExample, element: str) -> Iterator[Node]:
    for node in _nodes(example):
        if node.kind == "Property" and node.name == element and node.op == "=":
            yield node


@rule(code="GL313", title="Examples select TLS domains the profile defines", severity=ERROR, refs=("R-8.1/1",),
      rationale="The MGC selects the TLS domain by its name in the bound property; an example that sends a "
                "name no TLS domain of the profile has shows a termination the MG would refuse.",
      fix="Use the name of one of the profile's TLS domains (tls.domains[].name).",
      passing="command: 'Add = $ { Media { Stream = 1 { LocalControl { tlsbsc/domain = \"access_ue\" } } } }'\n",
      failing="command: 'Add = $ { Media { Stream = 1 { LocalControl { tlsbsc/domain = \"acess_ue\" } } } }'\n")
def example_domains_exist(loaded: LoadedProfile) -> Iterator[Issue]:
    binding = loaded.profile.tls.bindings.tls_domain
    if binding is None:
        return
    names = [d.name for d in loaded.profile.tls.domains]
    for example in examples(loaded):
        for node in _settings(example, binding.element):
            for value, start in zip(node.values, node.value_starts, strict=True):
                if value not in names and value not in ("$", "*"):
                    yield _at(example, _local(example, start),
                              f"{binding.element} = \"{value}\" names no TLS domain of this profile "
                              f"({', '.join(names)})", near=value)


@rule(code="GL314", title="Examples set TLS and TCP roles to the values the binding gives", severity=ERROR,
      refs=("R-8.2/2", "R-6/1"),
      rationale="`tls.bindings` says which value of the role property means client and which server; an "
                "example that sends another value contradicts the binding the MG implements. (A value the "
                "package does not define at all is GL312's finding.)",
      fix="Use the value the binding maps `client` or `server` to (tls.bindings.tls_role.values).",
      passing="command: 'Add = $ { Media { Stream = 1 { LocalControl { tlsbsc/role = server } } } }'\n",
      failing="command: 'Add = $ { Media { Stream = 1 { LocalControl { tlsbsc/role = s } } } }'\n")
def example_roles_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    bindings = loaded.profile.tls.bindings
    for binding, ref in ((bindings.tls_role, "R-8.2/2"), (bindings.tcp_role, "R-6/1"),
                         (bindings.tcp_mode, "R-6/1")):
        if binding is None or not binding.values:
            continue
        allowed = [str(v) for v in binding.values.values()]
        found = resolve(loaded, binding.element)
        for example in examples(loaded):
            for node in _settings(example, binding.element):
                for value, start in zip(node.values, node.value_starts, strict=True):
                    if isinstance(found, Element) and value_problem(found.item, value) is not None:
                        continue  # not a value of the package at all: GL312's finding
                    if value.lower() not in {a.lower() for a in allowed}:
                        meaning = ", ".join(f"{v} ({k})" for k, v in binding.values.items())
                        yield _at(example, _local(example, start),
                                  f"{binding.element} = {value}: the binding allows {meaning}", near=value,
                                  refs=(ref,))


_DESCRIPTORS = ("Modem", "Mux", "Media", "TerminationState", "Stream", "LocalControl", "Local", "Remote", "Events",
                "EventBuffer", "Signals", "Audit", "Packages", "DigitMap", "ObservedEvents", "Statistics",
                "Topology", "Error", "ContextAttr")
_MODEL_DESCRIPTOR = {"ContextAttr": "ContextAttribute", "Services": "ServiceChange"}


@rule(code="GL315", title="Examples use the commands and descriptors the profile supports", severity=ERROR,
      refs=("ITU-T H.248.1 profile template §7 (descriptors)", "ITU-T H.248.1 profile template §8 (commands)"),
      rationale="Clauses 7 and 8 of the profile say which commands are used, which descriptors they carry and "
                "which TerminationID wildcards they accept; an example with a command the profile does not use, "
                "a descriptor it marks not used or a wildcard the command does not take contradicts the "
                "profile it illustrates.",
      fix="Change the example, or the profile's `commands`/`descriptors` entries, so that they agree.",
      passing="command: 'Add = $ { Media { Stream = 1 { LocalControl { tlsbsc/role = server } } } }'\n",
      failing="command: 'Move = tls/1'   # commands: Move used: false\n")
def example_commands_supported(loaded: LoadedProfile) -> Iterator[Issue]:
    profile = loaded.profile
    commands: dict[str, CommandUse] = {c.command: c for c in profile.commands}
    wildcards = {c.command: c.wildcards for i, c in enumerate(profile.commands)
                 if facts.stated(loaded, ("commands", i, "wildcards"))}
    not_used = {d.descriptor for d in profile.descriptors if d.support == "not_used"}
    for example in examples(loaded):
        for node in _nodes(example):
            name = MODEL_COMMAND.get(node.kind, node.kind)
            use = commands.get(name)
            if node.kind in ("Add", "Modify", "Move", "Subtract", "AuditValue", "AuditCapability", "Notify",
                             "ServiceChange"):
                if use is None or not use.used:
                    said = "lists it as not used" if use is not None else "does not list it (clause 8)"
                    yield _at(example, _local(example, node.start),
                              f"this example uses {name}, but the profile {said}", near=node.written)
                    continue
                if use.descriptors and not example.reply:  # replies return what was audited or created
                    yield from _command_descriptors(example, node, name, use.descriptors)
                if name in wildcards and not example.reply:
                    yield from _wildcard(example, node, name, wildcards[name])
                continue
            descriptor = _MODEL_DESCRIPTOR.get(node.kind, node.kind)
            if descriptor in not_used and node.kind in (*_DESCRIPTORS, "Services"):
                yield _at(example, _local(example, node.start),
                          f"this example uses the {descriptor} descriptor, which the profile marks not used "
                          "(clause 7)", near=node.written)


_WILDCARD_ALLOWS = {"none": "", "choose": "$", "all": "*", "choose_and_all": "$*"}


def _wildcard(example: ParsedExample, command: Node, name: str, stated: str) -> Iterator[Issue]:
    """A termination id with CHOOSE (`$`) or ALL (`*`) where clause 8 says the command takes none of it."""
    used = [c for c in "$*" if c in command.name and command.name != "ROOT"]
    refused = [c for c in used if c not in _WILDCARD_ALLOWS[stated]]
    if refused:
        what = " and ".join({"$": "CHOOSE ($)", "*": "ALL (*)"}[c] for c in refused)
        yield _at(example, _local(example, command.name_start),
                  f"{name} = {command.name} uses the wildcard {what}, but clause 8 of the profile gives {name} "
                  f"the wildcards `{stated}`", near=command.name)


def _command_descriptors(example: ParsedExample, command: Node, name: str, allowed: Sequence[str]) -> Iterator[Issue]:
    for child in command.children:
        descriptor = _MODEL_DESCRIPTOR.get(child.kind, child.kind)
        if descriptor in (*_DESCRIPTORS, "ServiceChange") and descriptor not in allowed and descriptor != "Error":
            yield _at(example, _local(example, child.start),
                      f"{name} carries the {descriptor} descriptor here, but clause 8 of the profile lists "
                      f"{', '.join(allowed)} for {name}", near=child.written)


def _fingerprint_values(example: ParsedExample, loaded: LoadedProfile) -> Iterator[tuple[str, int, str]]:
    """(value, offset in the example, where) of every fingerprint: SDP a=fingerprint and the bound
    fingerprint properties."""
    message = example.parsed.message
    if message is None:
        return
    for node, sdp in sdp_blocks(message):
        for item in sdp.attributes("fingerprint"):
            _, value = item.attribute
            yield value, _local(example, node.text_start + item.value_offset + len("fingerprint:")), "a=fingerprint"
    bindings = loaded.profile.tls.bindings
    for binding in (bindings.remote_fingerprint, bindings.local_fingerprint):
        if binding is None:
            continue
        for node in _settings(example, binding.element):
            for value, start in zip(node.values, node.value_starts, strict=True):
                yield value, _local(example, start), binding.element


def _allowed_hashes(loaded: LoadedProfile, example: ParsedExample) -> tuple[str, set[str]]:
    """The hash names the TLS profile of the example's TLS domain allows (all TLS profiles' when the example
    names no domain), with what they come from."""
    profiles = {p.id: p for p in loaded.profile.tls.profiles}
    binding = loaded.profile.tls.bindings.tls_domain
    domains = {d.name: d for d in loaded.profile.tls.domains}
    chosen = []
    if binding is not None:
        nodes = list(_settings(example, binding.element))
        command = example.command.message if example.command is not None else None
        if command is not None:  # a reply answers the command of its step, which names the domain
            nodes += [n for n in command.walk() if n.kind == "Property" and n.name == binding.element and n.op == "="]
        for node in nodes:
            chosen += [domains[v] for v in node.values if v in domains and domains[v] not in chosen]
    if chosen:
        names = {d.tls_profile for d in chosen}
        source = "TLS domain " + ", ".join(d.name for d in chosen)
    else:
        names = set(profiles)
        source = "the profile's TLS profiles"
    hashes = {p.authentication.fingerprint_hash for n in names if (p := profiles.get(n)) is not None
              and p.authentication.fingerprint_hash is not None}
    return source, {h for h in hashes if h is not None}


@rule(code="GL316", title="Fingerprints in examples use the hash the TLS profile allows", severity=ERROR,
      refs=("R-8.3.2.2.1/1", "R-8.3.2.2.2/1", "RFC 8122 §5"),
      rationale="The TLS profile names the hash function of certificate fingerprints; an example fingerprint "
                "with another hash, or with a digest of the wrong length, shows a value the MG would not "
                "match against the certificate.",
      fix="Use the TLS profile's `authentication.fingerprint_hash` and a digest of its length.",
      passing="tlsbsc/rfp = \"sha-256 ED:BC:…(32 bytes)\"   # fingerprint_hash: sha-256\n",
      failing="tlsbsc/rfp = \"sha-1 ED:BC:…(20 bytes)\"     # fingerprint_hash: sha-256\n")
def example_fingerprint_hash(loaded: LoadedProfile) -> Iterator[Issue]:
    for example in examples(loaded):
        source, allowed = _allowed_hashes(loaded, example)
        for value, offset, where in _fingerprint_values(example, loaded):
            hash_name = value.partition(" ")[0]
            if where != "a=fingerprint":  # the SDP's own syntax is GL311's
                for at, message, _ in fingerprint_problems(value):
                    yield _at(example, offset + at, f"{where}: {message}", near=value[at:at + 8])
            if hash_name.lower() in HASH_BYTES and allowed and hash_name.lower() not in allowed:
                yield _at(example, offset, f"{where} uses {hash_name}, but {source} allow"
                                           f"{'s' if len(allowed) == 1 else ''} {', '.join(sorted(allowed))} "
                                           "(authentication.fingerprint_hash)", near=hash_name)


_FINGERPRINT_VALUE = re.compile(r"^(sha-1|sha-224|sha-256|sha-384|sha-512|md5|md2) [0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+$",
                                re.IGNORECASE)


@rule(code="GL317", title="An Add reply returns the local fingerprint in the bound property", severity=ERROR,
      refs=("R-8.3.2.2.2/1",),
      rationale="With self-signed certificates the MG returns its own fingerprint in the reply to the Add that "
                "creates the TLS endpoint, in the property `tls.bindings.local_fingerprint` names; an example "
                "that returns it in another property (or only in SDP) shows a reply the MGC cannot read.",
      fix="Return the fingerprint in the bound property, e.g. `LocalControl { tlsbsc/lfp = \"sha-256 …\" }`.",
      passing="reply: '… Add = tls/17 { Media { Stream = 1 { LocalControl { tlsbsc/lfp = \"sha-256 …\" } } } }'\n",
      failing="reply: '… Add = tls/17 { Media { Stream = 1 { LocalControl { tlsbsc/rfp = \"sha-256 …\" } } } }'\n")
def reply_local_fingerprint_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    binding = loaded.profile.tls.bindings.local_fingerprint
    for example in examples(loaded):
        if not example.reply:
            continue
        for node in _nodes(example):
            if node.kind != "Add":
                continue
            returned = [n for n in node.walk() if n.kind == "Property" and n.values
                        and _FINGERPRINT_VALUE.match(n.values[0])]
            for prop in returned:
                if binding is None:
                    yield _at(example, _local(example, prop.name_start),
                              f"this Add reply returns a fingerprint in {prop.name}, but no property is bound "
                              "to the local fingerprint (tls.bindings.local_fingerprint)", near=prop.name)
                elif prop.name != binding.element:
                    yield _at(example, _local(example, prop.name_start),
                              f"this Add reply returns the local fingerprint in {prop.name}; the profile binds "
                              f"it to {binding.element} (tls.bindings.local_fingerprint)", near=prop.name)


RULES: tuple[Rule, ...] = (
    examples_are_h248, sdp_is_valid, example_elements_exist, example_values_typed, example_domains_exist,
    example_roles_bound, example_commands_supported, example_fingerprint_hash, reply_local_fingerprint_bound,
)
"""Every rule this module declares, for the registry."""
