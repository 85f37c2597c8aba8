"""GL00x profile identification: ETSI naming, and illustrative packages only in illustrative drafts."""

from __future__ import annotations

from collections.abc import Iterator

from profilekit.load.loaded import LoadedProfile
from profilekit.load.source import YamlPath
from profilekit.rules import facts
from profilekit.rules.base import ERROR, WARNING, Issue, Rule, rule


@rule(code="GL001", title="ETSI profile names start with ETSIprof_", severity=WARNING,
      refs=("ETSI profile naming (ETSIprof_ prefix, at most 64 characters)", "ITU-T H.248.1 profile template §1"),
      rationale="ETSI registers H.248 profile names with the prefix `ETSIprof_`; the name travels in "
                "ServiceChangeProfile, so a wrong name is a wire-visible interoperability problem.",
      fix="Rename the profile `ETSIprof_<UseCase>` (letters, digits and `_`, at most 64 characters).",
      passing="identification:\n  name: ETSIprof_IMS_MSRP_TLS\n  body: ETSI TC NTECH\n",
      failing="identification:\n  name: IMS_MSRP_TLS\n  body: ETSI TC NTECH\n")
def etsi_name_prefix(loaded: LoadedProfile) -> Iterator[Issue]:
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
def marked_illustrative(loaded: LoadedProfile) -> Iterator[Issue]:
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
def approved_not_illustrative(loaded: LoadedProfile) -> Iterator[Issue]:
    ident = loaded.profile.identification
    if ident.status in ("consented", "approved", "published"):
        used = _illustrative_packages(loaded)
        if used or ident.illustrative:
            what = f"illustrative packages ({', '.join(used)})" if used else "`illustrative: true`"
            yield Issue(message=f"status {ident.status!r} with {what}: only a draft may be illustrative",
                        path=("identification", "status"))


RULES: tuple[Rule, ...] = (
    etsi_name_prefix, marked_illustrative, approved_not_illustrative,
)
"""Every rule this module declares, for the registry."""
