"""GL3xx guideline clauses 8.1-8.2, selecting TLS domain and TLS role: the TLS domain binding, and
procedure examples that create TLS endpoints, name existing elements and use straight quotes."""

from __future__ import annotations

from collections.abc import Iterator

from profilekit.catalog.quotes import ENGLISH, code_point
from profilekit.load.loaded import LoadedProfile
from profilekit.load.source import YamlPath
from profilekit.rules import facts
from profilekit.rules.base import ERROR, WARNING, Issue, Rule, rule
from profilekit.rules.facts import Element, resolve
from profilekit.rules.guideline.bindings import binding_issues, when_tls


@rule(code="GL301", title="The TLS domain property is bound to a package property", severity=ERROR,
      refs=("R-8.1/1",),
      rationale="The MGC provides the TLS domain to the MG when it creates a TLS endpoint, in an H.248 property.",
      fix="Bind `tls.bindings.tls_domain` to the TLS domain property, e.g. `tlsbsc/domain`.",
      passing="tls_domain: tlsbsc/domain\n",
      failing="tls_domain: tlsbsc/domian\n")
def tls_domain_bound(loaded: LoadedProfile) -> Iterator[Issue]:
    yield from binding_issues(loaded, "tls_domain", capability="the TLS domain property", kinds=("property",),
                              required=when_tls)


"""An H.248 text-encoded Add command anywhere in a step's example (bare, or inside a full message)."""


@rule(code="GL302", title="A procedure creates a TLS endpoint with its TLS domain and role", severity=WARNING,
      refs=("R-8.1/1", "R-8.2/2"),
      rationale="Clause 17 procedures show readers and implementers how the MGC sets the TLS domain and the "
                "TLS role when it adds a TLS termination.",
      fix="Add a procedure step with an example `Add` command that sets the TLS domain and role properties.",
      passing="steps:\n  - step: The MGC adds the TLS termination.\n    command: 'Add = $ { Media { Stream = 1 "
              "{ LocalControl { tlsbsc/domain = \"access_ue\", tlsbsc/role = server } } } }'\n",
      failing="steps:\n  - step: The MGC adds the TLS termination.\n    command: 'Add = $ { Media { Stream = 1 } }'\n")
def creation_sets_domain_and_role(loaded: LoadedProfile) -> Iterator[Issue]:
    if not facts.tls_terminations(loaded):
        return
    bindings = loaded.profile.tls.bindings
    # a binding that names no element is GL301/GL108's finding; looking for it in the commands adds noise
    wanted = [(b.element, ref) for b, ref in ((bindings.tls_domain, "R-8.1/1"), (bindings.tls_role, "R-8.2/2"))
              if b is not None and isinstance(resolve(loaded, b.element), Element)]
    steps = list(facts.creation_steps(loaded))
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


def _example_texts(loaded: LoadedProfile) -> Iterator[tuple[YamlPath, str]]:
    for i, proc in enumerate(loaded.profile.procedures):
        for j, step in enumerate(proc.steps):
            for field in ("command", "reply"):
                text = getattr(step, field)
                if text:
                    yield ("procedures", i, "steps", j, field), text


@rule(code="GL304", title="Procedure examples use straight quotes", severity=WARNING,
      refs=("ITU-T H.248.1 Annex B (text encoding)", "ITU-T H.248.1 profile template §17 (procedures)"),
      rationale="H.248.1 text encoding quotes strings with the ASCII double quote; word processors turn them "
                "into typographic quotes, which no MG parses, and the example then goes into the document as is.",
      fix="Replace the curly quotes in the example by straight ones (\").",
      passing="command: 'Add = $ { ... tlsx/domain = \"default\" ... }'\n",
      failing="command: 'Add = $ { ... tlsx/domain = \u201cdefault\u201d ... }'\n")
def straight_quotes_in_examples(loaded: LoadedProfile) -> Iterator[Issue]:
    for path, text in _example_texts(loaded):
        curly = next((ch for ch in text if ch in ENGLISH), None)
        if curly is not None:
            yield Issue(message=f"the example contains a curly quote {curly} ({code_point(curly)}); H.248 text "
                                "encoding uses straight quotes (\")", path=path, near=curly)


RULES: tuple[Rule, ...] = (
    tls_domain_bound, creation_sets_domain_and_role, straight_quotes_in_examples,
)
"""Every rule this module declares, for the registry."""
