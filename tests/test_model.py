"""Every section of the profile model: a valid and an invalid value per clause, and the normalisations."""

from __future__ import annotations

import copy
import typing
from typing import Any

import pytest
from conftest import ROOT
from pydantic import TypeAdapter, ValidationError

from profilekit.load.yaml12 import load_text
from profilekit.model.base import Strict, Text
from profilekit.model.profile import TEMPLATE_CLAUSES, PackageLibrary, Profile
from profilekit.model.tls import Binding, TerminationEventBinding

IMS = ROOT / "samples" / "ims-msrp-tls-relay.yaml"
LIB = ROOT / "samples" / "lib" / "tls-tcp-packages.yaml"
Path_ = tuple[str | int, ...]


def _data(path: Any = IMS) -> dict[str, Any]:
    data, _ = load_text(path.read_text(encoding="utf-8"), str(path))
    assert isinstance(data, dict)
    return data


BASE = _data()
PACKAGE = {"id": "mypkg", "name": "My package", "illustrative": True,
           "properties": [{"id": "p1", "type": "boolean"}, {"id": "p2", "type": "string"}]}


def _with(path: Path_, value: Any, base: dict[str, Any] | None = None) -> dict[str, Any]:
    data = copy.deepcopy(BASE if base is None else base)
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    if value is _DELETE:
        del node[path[-1]]
    elif isinstance(node, list) and path[-1] == len(node):
        node.append(value)
    else:
        node[path[-1]] = value
    return data


_DELETE = object()


def _validate(path: Path_, value: Any) -> Profile:
    return Profile.model_validate(_with(path, value))


def _error_locs(path: Path_, value: Any) -> list[tuple[Any, ...]]:
    with pytest.raises(ValidationError) as info:
        _validate(path, value)
    return [tuple(e["loc"]) for e in info.value.errors()]


def _get(profile: Profile, path: Path_) -> Any:
    node: Any = profile
    for part in path:
        node = node[part] if isinstance(part, int) else getattr(node, part)
    return node


def test_base_sample_is_valid() -> None:
    profile = Profile.model_validate(BASE)
    assert [field for _, _, field in TEMPLATE_CLAUSES] == [
        "identification", "summary", "protocol_version", "connection_model", "context_attributes",
        "terminations", "descriptors", "commands", "encoding", "transactions", "messages", "transport",
        "security", "packages", "sdp_mandatory", "sdp_optional", "procedures"]
    for _, _, field in TEMPLATE_CLAUSES:
        assert field in Profile.model_fields
    assert profile.identification.date.isoformat() == "2026-11-26"


# (path, a valid value, an invalid value) for every clause model
CASES: list[tuple[Path_, Any, Any]] = [
    (("format_version",), 1, 2),
    (("identification", "name"), "ETSIprof_" + "X" * 55, "ETSIprof_" + "X" * 56),
    (("identification", "name"), "ETSIprof_MSRP", "ETSIprof-MSRP"),
    (("identification", "version"), 7, 0),
    (("identification", "version"), 1, "1"),
    (("identification", "date"), "2027-02-28", "2027-02-30"),
    (("identification", "status"), "approved", "accepted"),
    (("identification", "editors"), [{"name": "X"}], []),
    (("identification", "based_on"), {"name": "ETSIprof_Base", "version": 2}, {"name": "ETSIprof_Base"}),
    (("summary",), "A summary.", ""),
    (("references", 0, "kind"), "informative", "normative-ish"),
    (("references", 0, "id"), "RFC-8446.bis", "8446"),
    (("terms", 0), {"term": "t", "definition": "d"}, {"term": "t"}),
    (("abbreviations", 0), {"abbreviation": "A", "expansion": "B"}, {"abbreviation": "A", "expand": "B"}),
    (("contribution",), {"question": "Q3/16", "study_group": "SG16", "source": "X", "purpose": "information",
                         "contacts": [{"name": "N"}]},
     {"question": "Q3/16", "study_group": "SG16", "source": "X", "purpose": "vote", "contacts": [{"name": "N"}]}),
    (("contribution",), {"question": "Q3/16", "study_group": "SG16", "source": "X", "purpose": "proposal",
                         "contacts": [{"name": "N"}]},
     {"question": "Q3/16", "study_group": "SG16", "source": "X", "purpose": "proposal", "contacts": []}),
    (("protocol_version", "version"), 3, 4),
    (("protocol_version", "version"), 1, 0),
    (("connection_model", "max_terminations_per_context"), 3, 0),
    (("connection_model", "tcp_mode_for_tls"), "proxy", "relay"),
    (("connection_model", "topologies"), ["isolate", "oneway"], ["sideways"]),
    (("context_attributes", "attributes", 0, "supported"), False, "no"),
    (("terminations", "types", 0, "naming_pattern"), "ip/$/*", ""),
    (("terminations", "types", 0, "id"), "access.tls-1", "1access"),
    (("terminations", "types", 0, "kind"), "physical", "virtual"),
    (("terminations", "types", 0, "streams", 0, "bearer"), "tcp", "tcp-tls"),
    (("terminations", "types", 0, "streams", 0, "id"), 2, 0),
    (("terminations", "types", 0, "streams"), [{"bearer": "tcp"}], []),
    (("terminations", "types", 0, "mode", "tcp_mode"), "relay", "proxy"),
    (("terminations", "types", 0, "mode", "tcp_roles"), ["client"], []),
    (("terminations", "types", 0, "mode", "tls_roles"), ["server"], ["master"]),
    (("terminations", "types"), [{"id": "t", "kind": "physical", "naming_pattern": "x",
                                  "streams": [{"bearer": "udp"}]}], []),
    (("descriptors", 0, "descriptor"), "Statistics", "Medium"),
    (("descriptors", 0, "support"), "not_used", "required"),
    (("commands", 0, "command"), "Move", "Delete"),
    (("commands", 0, "used"), False, "yes"),
    (("commands", 0, "direction"), "both", "MG_to_MG"),
    (("commands", 0, "wildcards"), "choose_and_all", "any"),
    (("commands", 7, "service_change", "reasons", 0), "905", "801 Not a ServiceChange reason"),
    (("commands", 7, "service_change", "reasons", 0), "917 Failover Requested", "9O1 Cold Boot"),
    (("commands", 7, "service_change", "methods", 0), "Handoff", "Reboot"),
    (("commands",), [{"command": "Add", "used": True}], []),
    (("encoding", "formats"), ["text", "binary"], []),
    (("encoding", "formats"), ["binary"], ["xml"]),
    (("transactions", "timers", 0, "value_ms"), 0, -1),
    (("transactions", "max_commands_per_transaction"), 1, 0),
    (("messages", "mid_format"), "ipv6", "ipv5"),
    (("messages", "max_size_octets"), 1500, 0),
    (("transport", "protocols"), ["udp", "tcp"], []),
    (("transport", "protocols"), ["m3ua"], ["quic"]),
    (("transport", "segmentation"), True, 1),
    (("security", "control_link"), "tls", "ssl"),
    (("packages", 0), {"use": "tcpbcc", "support": "optional"}, {"use": "tcp bcc"}),
    (("packages", 0), {"use": "tcpbcc"}, {"use": "tcpbcc", "support": "conditional"}),
    (("packages", 3), PACKAGE, {**PACKAGE, "properties": [{"id": "p1", "type": "boolean"},
                                                          {"id": "p1", "type": "string"}]}),
    (("packages", 3), {**PACKAGE, "serial": 0xFFFF}, {**PACKAGE, "serial": 0x10000}),
    (("packages", 3), {**PACKAGE, "serial": 1}, {**PACKAGE, "serial": 0}),
    (("packages", 3), {**PACKAGE, "events": [{"id": "e", "observed_parameters": [{"id": "r", "type": "enumeration",
                                                                                  "values": ["a", "b"]}]}]},
     {**PACKAGE, "events": [{"id": "e"}, {"id": "e"}]}),
    (("packages", 3), {**PACKAGE, "signals": [{"id": "s", "type": "timeout", "duration_ms": 100}]},
     {**PACKAGE, "signals": [{"id": "s", "type": "continuous"}]}),
    (("packages", 3), {**PACKAGE, "error_codes": [{"code": 65535, "name": "x"}]},
     {**PACKAGE, "error_codes": [{"code": 65536, "name": "x"}]}),
    (("packages", 3), {**PACKAGE, "properties": [{"id": "p", "type": "integer", "range": {"min": 0, "max": 9}}]},
     {**PACKAGE, "properties": [{"id": "p", "type": "int"}]}),
    (("sdp_mandatory", 0), {"element": "a=fingerprint", "values": ["sha-256"]}, {"element": ""}),
    (("sdp_optional", 0), {"element": "a=max-size"}, {"values": ["x"]}),
    (("procedures", 0, "steps"), [{"step": "Do it."}], []),
    (("procedures", 0, "id"), "setup_1", "setup 1"),
    (("procedures", 0, "steps", 0), {"step": "x", "command": "Add = $ {}", "reply": "Reply {}"}, {"step": ""}),
    (("tls", "profiles", 0, "versions"), ["TLS1.3"], []),
    (("tls", "profiles", 0, "versions"), ["TLS1.2"], ["TLS1.4"]),
    (("tls", "profiles", 0, "cipher_suites"), ["TLS_AES_128_GCM_SHA256"], []),
    (("tls", "profiles", 0, "cipher_suites"), ["TLS_AES_128_GCM_SHA256"], [""]),
    (("tls", "profiles", 0, "compression"), ["null", "deflate"], ["gzip"]),
    (("tls", "profiles", 0, "renegotiation", "initiators"), ["mg"], ["mgc"]),
    (("tls", "profiles", 0, "resumption", "tls13_psk_modes"), ["psk_ke"], ["psk"]),
    (("tls", "profiles", 0, "authentication", "on_failure"), "continue_if", "ignore"),
    (("tls", "profiles", 0, "authentication", "methods"), ["psk", "certificate_self_signed"], []),
    (("tls", "profiles", 0, "authentication", "fingerprint_hash"), "sha-256", "sha256"),
    (("tls", "profiles", 0, "authentication", "client"), "none", "mandatory"),
    (("tls", "profiles", 0, "authentication", "psk"), {"identity_hint": True, "min_key_octets": 32},
     {"identity_max_octets": 70000}),
    (("tls", "profiles", 0, "groups"), ["ffdhe3072", "X25519MLKEM768"], ["curve25519"]),
    (("tls", "profiles", 0, "signature_algorithms"), ["ed25519"], ["ecdsa_sha256"]),
    (("tls", "profiles", 0, "certificates", "key_types"), [{"type": "ed25519", "min_bits": 256}], []),
    (("tls", "profiles", 0, "extensions", "extended_master_secret"), "supported", True),
    (("tls", "profiles", 0, "early_data"), True, "false"),
    (("tls", "domains", 0, "name"), "access-ue.2", "access ue"),
    (("tls", "domains", 0, "tls_profile"), "other_profile", ""),
    (("tls", "domains"), [{"name": "d", "tls_profile": "p"}], []),
    (("tls", "bindings", "tls_domain"), "tlsbsc/domain", "tlsbsc"),
    (("tls", "bindings", "tls_domain"), {"element": "tlsbsc/domain", "notes": "n"}, {"element": "tlsbsc/domain/x"}),
    (("tls", "bindings", "tls_role"), {"element": "tlsbsc/role", "values": {"client": 0, "server": 1}},
     {"element": "tlsbsc/role", "values": ["client", "server"]}),
    (("tls", "bindings", "statistics"), ["tlsbsc/hsok", {"element": "tcpbcc/octsent"}], ["tlsbsc/hsok", 5]),
    (("tls", "bindings", "tls_termination_event", "reasons"), {"close_notify": 0, "tcp_closure": "tcp"},
     {"timeout": "t"}),
    (("tls", "bindings", "capability_audit", "versions"), "tlscap/versions", {"element": "tlscap/versions", "x": 1}),
    (("tls", "bindings", "unknown_capability"), _DELETE, "tlsbsc/x"),
]


def _case_id(case: tuple[Path_, Any, Any]) -> str:
    return ".".join(map(str, case[0]))


@pytest.mark.parametrize(("path", "good", "bad"), CASES, ids=[_case_id(c) for c in CASES])
def test_valid_and_invalid_value(path: Path_, good: Any, bad: Any) -> None:
    if good is not _DELETE:
        _validate(path, good)
    locs = _error_locs(path, bad)
    key = next(p for p in reversed(path) if isinstance(p, str))
    assert any(key in loc for loc in locs), f"errors at {locs}, expected one under {key!r}"


@pytest.mark.parametrize("clause", [field for _, _, field in TEMPLATE_CLAUSES if field not in
                                    ("context_attributes", "descriptors", "transactions", "packages",
                                     "sdp_mandatory", "sdp_optional", "procedures")] + ["tls"])
def test_required_sections(clause: str) -> None:
    locs = _error_locs((clause,), _DELETE)
    assert (clause,) in locs


@pytest.mark.parametrize(("given", "expected"), [
    ("TLSv1.2", "TLS1.2"), ("TLSv1.3", "TLS1.3"), ("tls1.3", "TLS1.3"), ("TLS 1.2", "TLS1.2"), ("1.2", "TLS1.2"),
    ("TLS1_3", "TLS1.3"), ("SSLv3", "SSL3.0"), ("TLSv1", "TLS1.0"), ("TLS1.2", "TLS1.2"),
])
def test_version_aliases_normalise(given: str, expected: str) -> None:
    profile = _validate(("tls", "profiles", 0, "versions"), [given])
    assert profile.tls.profiles[0].versions == [expected]


@pytest.mark.parametrize(("given", "expected"), [
    ("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
    ("ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
    ("DHE-PSK-AES128-GCM-SHA256", "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256"),
    ("AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"),
    (" TLS_AES_256_GCM_SHA384 ", "TLS_AES_256_GCM_SHA384"),
    ("TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"),
    ("NOT_A_SUITE", "NOT_A_SUITE"),  # unknown names reach the TLS rules, which report them with suggestions
])
def test_openssl_cipher_names_normalise_to_iana(given: str, expected: str) -> None:
    profile = _validate(("tls", "profiles", 0, "cipher_suites"), [given])
    assert profile.tls.profiles[0].cipher_suites == [expected]


def test_binding_string_shorthand_and_object_form() -> None:
    profile = Profile.model_validate(BASE)
    bindings = profile.tls.bindings
    assert bindings.tls_domain == Binding(element="tlsbsc/domain")
    assert bindings.tls_role is not None and bindings.tls_role.values == {"client": "client", "server": "server"}
    assert [b.element for b in bindings.statistics][:2] == ["tlsbsc/hsok", "tlsbsc/hsfail"]
    assert isinstance(bindings.tls_termination_event, TerminationEventBinding)
    assert bindings.tls_termination_event.reasons["local_termination"] == "local"
    assert bindings.capability_audit is not None
    assert bindings.capability_audit.versions == Binding(element="tlscap/versions")


def test_termination_event_needs_reason_parameter() -> None:
    event = copy.deepcopy(BASE["tls"]["bindings"]["tls_termination_event"])
    del event["reason_parameter"]
    assert ("tls", "bindings", "tls_termination_event", "reason_parameter") in \
        _error_locs(("tls", "bindings", "tls_termination_event"), event)


def test_unknown_keys_are_rejected_everywhere() -> None:
    for path in [("identification",), ("tls", "profiles", 0), ("tls", "profiles", 0, "authentication"),
                 ("terminations", "types", 0, "mode"), ("tls", "bindings")]:
        data = copy.deepcopy(BASE)
        node: Any = data
        for part in path:
            node = node[part]
        node["surprise"] = 1
        with pytest.raises(ValidationError) as info:
            Profile.model_validate(data)
        assert [e["type"] for e in info.value.errors()] == ["extra_forbidden"], path


def test_duplicate_element_message_names_package_and_kind() -> None:
    bad = {**PACKAGE, "statistics": [{"id": "n"}, {"id": "n"}]}
    with pytest.raises(ValidationError) as info:
        _validate(("packages", 3), bad)
    assert "package 'mypkg' defines statistics n more than once" in str(info.value)


def test_package_library_model() -> None:
    library = PackageLibrary.model_validate(_data(LIB))
    assert [p.id for p in library.packages] == ["tcpbcc", "tlsbsc", "tlscap"]
    assert all(p.illustrative and p.serial is None for p in library.packages)
    for bad in ({"packages": library.model_dump()["packages"]}, {"kind": "package_library", "packages": []},
                {"kind": "profile", "packages": [PACKAGE]}):
        with pytest.raises(ValidationError):
            PackageLibrary.model_validate(bad)


# --- one rule for curly quotes: the kind of a text field decides --------------------------------------

def _models() -> list[type[Strict]]:
    seen: list[type[Strict]] = []
    todo: list[type] = [Profile, PackageLibrary]
    while todo:
        model = todo.pop()
        if model in seen or not (isinstance(model, type) and issubclass(model, Strict)):
            continue
        seen.append(model)
        todo.extend(model.__subclasses__())
        for hint in typing.get_type_hints(model, include_extras=True).values():
            todo.extend(_leaves(hint))
    return sorted(seen, key=lambda m: m.__name__)


def _leaves(hint: Any) -> list[Any]:
    """The types a field is made of: Annotated[str, …] stays whole; unions, lists and dicts are opened."""
    if typing.get_origin(hint) is typing.Annotated:
        inner = typing.get_args(hint)[0]
        return [hint] if inner is str else _leaves(inner)
    if typing.get_origin(hint) is typing.Literal:
        return []
    args = typing.get_args(hint)
    return [leaf for arg in args for leaf in _leaves(arg)] if args else [hint]


TEXT_FIELDS = [(model.__name__, name, leaf) for model in _models()
               for name, hint in typing.get_type_hints(model, include_extras=True).items()
               for leaf in _leaves(hint) if leaf is str or typing.get_origin(leaf) is typing.Annotated]


def test_the_model_has_text_fields_of_each_kind() -> None:
    assert {leaf is Text for _, _, leaf in TEXT_FIELDS} == {True, False}
    assert {("Authentication", "trust_anchors"), ("Identification", "title")} <= {(m, n) for m, n, _ in TEXT_FIELDS}


@pytest.mark.parametrize(("model", "field", "leaf"), TEXT_FIELDS, ids=[f"{m}.{f}" for m, f, _ in TEXT_FIELDS])
def test_every_text_field_is_prose_that_keeps_curly_quotes_or_a_name_that_refuses_them(
        model: str, field: str, leaf: Any) -> None:
    """No text field is typed plain `str`: its type says whether it is prose (`Text`) or a name."""
    assert leaf is not str, f"{model}.{field} is plain str: type it Text (prose) or Name (matched literally)"
    adapter = TypeAdapter(leaf)
    if leaf is Text:
        assert adapter.validate_python("\u201cA title\u201d") == "\u201cA title\u201d"
    else:
        with pytest.raises(ValidationError):
            adapter.validate_python("\u201cname\u201d")
        with pytest.raises(ValidationError):
            adapter.validate_python("\u2018name\u2019")
