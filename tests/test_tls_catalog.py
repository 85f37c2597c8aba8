"""The named-group and signature-scheme catalogue is the one source: the profile format's literals, the rules'
facts and the exports all read it (and the Mozilla sizes differ from the rules' only where Mozilla counts so)."""

from __future__ import annotations

from typing import get_args

from profilekit.catalog.groups import GROUPS
from profilekit.catalog.signature_schemes import SIGNATURE_SCHEMES
from profilekit.model.tls import Group, SignatureAlgorithm
from profilekit.rules import tls_facts


def test_profile_format_group_literal_is_the_catalogue() -> None:
    """schemas/profile.schema.json lists the literal's names in this order, so the order matters too."""
    assert get_args(Group) == tuple(GROUPS)


def test_profile_format_signature_literal_is_the_catalogue() -> None:
    assert get_args(SignatureAlgorithm) == tuple(SIGNATURE_SCHEMES)


def test_catalogue_keys_are_the_entries_names_and_code_points_unique() -> None:
    assert all(name == group.name for name, group in GROUPS.items())
    assert all(name == scheme.name for name, scheme in SIGNATURE_SCHEMES.items())
    assert len({g.code for g in GROUPS.values()}) == len(GROUPS)
    assert len({s.code for s in SIGNATURE_SCHEMES.values()}) == len(SIGNATURE_SCHEMES)


def test_x25519_sizes_say_what_each_number_means() -> None:
    """The rules compare the curve's field size (255); Mozilla's ecdh_param_size counts X25519 as 256."""
    x25519 = GROUPS["x25519"]
    assert (x25519.size_bits, x25519.ecdh_param_size) == (255, 256)
    assert tls_facts.GROUPS["x25519"].bits == 255
    assert all((g.ecdh_param_size is None) == (g.family == "ff") for g in GROUPS.values())


def test_rules_read_the_catalogue() -> None:
    for name, group in GROUPS.items():
        fact = tls_facts.GROUPS[name]
        assert (fact.family, fact.bits, fact.tls12, fact.tls13) == (group.family, group.size_bits, group.tls12,
                                                                     group.tls13)
    for name, scheme in SIGNATURE_SCHEMES.items():
        fact = tls_facts.sigalg(name)
        assert (fact.key, fact.hash, fact.tls12, fact.tls13) == (scheme.key, scheme.hash or "intrinsic",
                                                                 scheme.tls12, scheme.tls13)
