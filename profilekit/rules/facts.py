"""Facts about a loaded profile that several rules (and the traceability report) ask for."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from profilekit.catalog.ciphers import lookup
from profilekit.load.source import YamlPath
from profilekit.model.packages import KIND_FIELDS

if TYPE_CHECKING:
    from profilekit.catalog.ciphers import CipherSuite
    from profilekit.load.loaded import LoadedProfile, PackageRecord
    from profilekit.model.clauses import TerminationType
    from profilekit.model.tls import TlsProfile

PSK_KEY_EXCHANGES = frozenset({"psk", "dhe_psk", "ecdhe_psk", "rsa_psk"})
CERTIFICATE_METHODS = frozenset({"certificate_ca_signed", "certificate_self_signed"})
CERTIFICATE_AUTH = frozenset({"rsa", "ecdsa", "dss", "gost"})
"""Suite `authentication` values that authenticate the server with a certificate."""


def suites(tls_profile: TlsProfile) -> list[tuple[int, CipherSuite]]:
    """The catalogued suites of a TLS profile with their list index (unknown names are the TLS rules' job)."""
    out = []
    for i, name in enumerate(tls_profile.cipher_suites):
        suite = lookup(name)
        if suite is not None:
            out.append((i, suite))
    return out


def is_psk_suite(suite: CipherSuite) -> bool:
    """A suite keyed with a pre-shared key."""
    return suite.key_exchange in PSK_KEY_EXCHANGES


def is_ttp_suite(suite: CipherSuite) -> bool:
    """A suite that needs a trusted third party (Kerberos)."""
    return suite.key_exchange == "krb5"


def uses_psk(tls_profile: TlsProfile) -> bool:
    """The TLS profile lists the psk method or a PSK suite."""
    return "psk" in tls_profile.authentication.methods or any(is_psk_suite(s) for _, s in suites(tls_profile))


def uses_ttp(tls_profile: TlsProfile) -> bool:
    """The TLS profile lists the trusted_third_party method or a Kerberos suite."""
    return ("trusted_third_party" in tls_profile.authentication.methods
            or any(is_ttp_suite(s) for _, s in suites(tls_profile)))


def uses_self_signed(tls_profile: TlsProfile) -> bool:
    """The TLS profile authenticates with self-signed certificates."""
    return "certificate_self_signed" in tls_profile.authentication.methods


def uses_ca_signed(tls_profile: TlsProfile) -> bool:
    """The TLS profile authenticates with CA-signed certificates."""
    return "certificate_ca_signed" in tls_profile.authentication.methods


def uses_certificates(tls_profile: TlsProfile) -> bool:
    """The TLS profile authenticates with certificates of either kind."""
    return bool(CERTIFICATE_METHODS & set(tls_profile.authentication.methods))


def renegotiates(tls_profile: TlsProfile) -> bool:
    """The TLS profile supports renegotiation."""
    return tls_profile.renegotiates


def offers_pre_tls13(tls_profile: TlsProfile) -> bool:
    """The TLS profile lists a version below TLS 1.3 (one that has renegotiation)."""
    return any(v != "TLS1.3" for v in tls_profile.versions)


def any_profile(loaded: LoadedProfile, test: Any) -> bool:
    """Whether `test` holds for some TLS profile."""
    return any(test(p) for p in loaded.profile.tls.profiles)


def bearers(ttype: TerminationType) -> set[str]:
    """The bearers of a termination type's streams."""
    return {stream.bearer for stream in ttype.streams}


def has_tls(ttype: TerminationType) -> bool:
    """The termination type has a TLS-secured TCP stream."""
    return "tcp_tls" in bearers(ttype)


def has_tcp(ttype: TerminationType) -> bool:
    """The termination type has a TCP stream (with or without TLS)."""
    return bool({"tcp", "tcp_tls"} & bearers(ttype))


def tls_terminations(loaded: LoadedProfile) -> bool:
    """The profile has termination types with TLS."""
    return any(has_tls(t) for t in loaded.profile.terminations.types)


def tcp_terminations(loaded: LoadedProfile) -> bool:
    """The profile has termination types with TCP."""
    return any(has_tcp(t) for t in loaded.profile.terminations.types)


def tls_profile_path(index: int, *rest: str | int) -> YamlPath:
    """The YAML path of the `index`-th TLS profile (or of something inside it)."""
    return ("tls", "profiles", index, *rest)


def tls_profile_named(loaded: LoadedProfile, name: str) -> TlsProfile | None:
    """The TLS profile with id `name`, if the profile defines one."""
    return next((p for p in loaded.profile.tls.profiles if p.id == name), None)


_ADD = re.compile(r"(?<![A-Za-z0-9_/])Add\s*=")
"""An H.248 text-encoded Add command anywhere in a step's example (bare, or inside a full message)."""


def creation_steps(loaded: LoadedProfile) -> Iterator[tuple[YamlPath, Any]]:
    """Procedure steps whose command creates a termination (Add), with their paths."""
    for i, proc in enumerate(loaded.profile.procedures):
        for j, step in enumerate(proc.steps):
            if step.command and _ADD.search(step.command):
                yield ("procedures", i, "steps", j), step


_ABSENT = object()


def _walk(loaded: LoadedProfile, path: YamlPath) -> Any:
    node: Any = loaded.data
    for part in path:
        in_map = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_map or in_list):
            return _ABSENT
        node = node[part]
    return node


def data_at(loaded: LoadedProfile, path: YamlPath) -> Any:
    """The raw loaded value at `path` (None when absent): tells "stated" from "defaulted by the model"."""
    node = _walk(loaded, path)
    return None if node is _ABSENT else node


def stated(loaded: LoadedProfile, path: YamlPath) -> bool:
    """Whether the author wrote `path` (the model fills in defaults for what they did not).

    A mapping key is stated when the loaded document has a position for it; list items (and keys that
    reach the data another way, e.g. through a YAML merge) when the raw loaded data has them.
    """
    return path in loaded.doc.key_pos or _walk(loaded, path) is not _ABSENT


def absent_at(loaded: LoadedProfile, path: YamlPath) -> YamlPath:
    """The deepest stated ancestor of an unstated `path`: where a finding about the missing key points
    (with `key=True`), so that it lands on the block the editor would add it to."""
    probe = tuple(path[:-1])
    while probe and not stated(loaded, probe):
        probe = probe[:-1]
    return probe


@dataclass(frozen=True)
class Element:
    """A package element found for an `package/element` reference."""

    package: str
    kind: str
    """property, event, signal or statistic."""
    index: int
    item: Any
    record: PackageRecord

    @property
    def ref(self) -> str:
        return f"{self.package}/{self.item.id}"

    @property
    def path(self) -> YamlPath:
        """Path of the element's definition inside the document that defines its package."""
        return (*self.record.yaml_path, KIND_FIELDS[self.kind], self.index)


def resolve(loaded: LoadedProfile, ref: str) -> Element | str:
    """The element `ref` names, or a message saying why there is none (with a "did you mean")."""
    package_id, _, element_id = ref.partition("/")
    record = loaded.packages.get(package_id)
    if record is None:
        known = sorted(loaded.packages)
        hint = difflib.get_close_matches(package_id, known, n=1)
        guess = suggest(loaded, ref)
        return (f"package {package_id!r} is not one of the profile's packages (clause 14"
                + (f": {', '.join(known)}" if known else "") + ")"
                + (f"; did you mean {guess}?" if guess else f"; did you mean {hint[0]!r}?" if hint else ""))
    for kind, attr in KIND_FIELDS.items():
        for i, item in enumerate(getattr(record.package, attr)):
            if item.id == element_id:
                return Element(package=package_id, kind=kind, index=i, item=item, record=record)
    guess = suggest(loaded, ref)
    return (f"package {package_id!r} defines no element {element_id!r}"
            + (f"; did you mean {guess}?" if guess else ""))


def element_refs(loaded: LoadedProfile) -> list[str]:
    """Every `package/element` the profile's packages define, in package order."""
    return [f"{pid}/{item.id}" for pid, record in loaded.packages.items()
            for attr in KIND_FIELDS.values() for item in getattr(record.package, attr)]


def suggest(loaded: LoadedProfile, ref: str) -> str | None:
    """The defined `package/element` an unresolved `ref` most likely means: the same element name in
    another package (tlscap/versions for tlsbsc/versions), else the closest reference overall."""
    package_id, _, element_id = ref.partition("/")
    refs = element_refs(loaded)
    same_name = [r for r in refs if r.partition("/")[2] == element_id]
    if same_name:
        near = difflib.get_close_matches(package_id, [r.partition("/")[0] for r in same_name], n=1, cutoff=0)
        return f"{near[0]}/{element_id}"
    # Element names are compared with each other, not whole references: the shared `package/` prefix would
    # make any name look close (tlsbsc/zzz ~ tlsbsc/rfp).
    in_package = [r.partition("/")[2] for r in refs if r.partition("/")[0] == package_id]
    near_element = difflib.get_close_matches(element_id, in_package, n=1, cutoff=SIMILAR)
    if near_element:
        return f"{package_id}/{near_element[0]}"
    hint = difflib.get_close_matches(ref, refs, n=1, cutoff=0.75)
    return hint[0] if hint else None


SIMILAR = 0.6
"""difflib similarity from which a name counts as a likely typo of another (difflib's own default)."""
