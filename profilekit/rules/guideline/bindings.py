"""What the binding rules share: check one `tls.bindings` entry against the profile's packages, and
say when a binding is required (the profile has TCP or TLS terminations, or a TLS profile needs it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from profilekit.load.loaded import LoadedProfile
from profilekit.load.source import YamlPath
from profilekit.model.tls import Binding
from profilekit.rules import facts
from profilekit.rules.base import Issue
from profilekit.rules.facts import Element, resolve

BINDINGS: YamlPath = ("tls", "bindings")

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


def binding_issues(loaded: LoadedProfile, name: str, *, capability: str, kinds: tuple[str, ...],
                   required: Callable[[LoadedProfile], str | None], needs: tuple[str, ...] = ()) -> Iterator[Issue]:
    """The binding `tls.bindings.<name>`: required when `required` gives a reason; checked whenever present."""
    binding = getattr(loaded.profile.tls.bindings, name)
    if binding is None:
        why = required(loaded)
        if why is not None:
            yield Issue(message=f"no binding for {capability} ({why}); add `tls.bindings.{name}`",
                        path=BINDINGS, key=True)
        return
    yield from check_binding(loaded, (*BINDINGS, name), binding, capability, kinds, needs)


def when_tcp(loaded: LoadedProfile) -> str | None:
    """Why a TCP binding is required, or None."""
    return "the profile has TCP termination types" if facts.tcp_terminations(loaded) else None


def when_tls(loaded: LoadedProfile) -> str | None:
    """Why a TLS binding is required, or None."""
    return "the profile has TLS termination types" if facts.tls_terminations(loaded) else None


def when_profiles(test: Callable[[Any], bool], what: str) -> Callable[[LoadedProfile], str | None]:
    """A `required` test: the TLS profiles for which `test` holds need the binding."""

    def required(loaded: LoadedProfile) -> str | None:
        ids = [p.id for p in loaded.profile.tls.profiles if test(p)]
        return f"TLS profile {', '.join(ids)} {what}" if ids else None
    return required
