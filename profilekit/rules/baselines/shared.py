"""What the baseline topic modules share: the note on unverified 3GPP facts, and the unstated-extension issue."""

from __future__ import annotations

from profilekit.load.loaded import LoadedProfile
from profilekit.rules import tls_facts as facts
from profilekit.rules.base import Issue
from profilekit.rules.facts import absent_at

UNVERIFIED_3GPP = ("Under 3gpp-ts33210 this is reported as best practice (info): our notes on TS 33.210 "
                    "§6.2.3 are unverified against the specification text.")


def not_stated(loaded: LoadedProfile, view: facts.ProfileView, name: str, why: str) -> Issue:
    """An extension the baseline needs stated, which the TLS profile leaves to the model's default."""
    path = view.at("extensions", name)
    return Issue(message=f"TLS profile {view.profile.id!r} does not state extensions.{name}: {why}",
                 path=absent_at(loaded, path), key=True)
