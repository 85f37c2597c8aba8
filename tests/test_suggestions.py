"""Did-you-mean suggestions name close matches only (GL303 and the element resolver)."""

from __future__ import annotations

from conftest import ROOT

from profilekit.load.profile import load_profile
from profilekit.rules.facts import resolve, suggest

SAMPLE = ROOT / "samples" / "ims-msrp-tls-relay.yaml"


def test_a_typo_gets_the_element_it_most_likely_means() -> None:
    loaded = load_profile(SAMPLE)
    assert suggest(loaded, "tlsbsc/domian") == "tlsbsc/domain"
    assert suggest(loaded, "tlsbcs/domain") == "tlsbsc/domain"  # same element, other package


def test_an_unrelated_name_gets_no_suggestion() -> None:
    loaded = load_profile(SAMPLE)
    assert suggest(loaded, "tlsbsc/zzz") is None
    message = resolve(loaded, "tlsbsc/zzz")
    assert isinstance(message, str) and "did you mean" not in message
