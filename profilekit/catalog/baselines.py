"""The security baselines `--baseline` selects: id, how a document names it, the document, the default.

The one list every user reads: the CLI choices, the rule engine's default, the SEC/PRC rules and the
traceability tables.
"""

from __future__ import annotations

from dataclasses import dataclass

BCP195 = "bcp195"
RFC9325 = "rfc9325"
"""An alias of `bcp195`: the default baseline's name before RFC 9852 made BCP 195 three RFCs (January 2026)."""
TS33210 = "3gpp-ts33210"
SP800_52R2 = "nist-sp800-52r2"
TR02102_2 = "bsi-tr02102-2"
NONE = "none"


@dataclass(frozen=True, kw_only=True)
class Baseline:
    """One `--baseline` choice."""

    id: str
    title: str
    """How a document names the baseline; empty for `none` (no baseline)."""
    document: str
    """The document's full citation; empty for `none`."""
    default: bool = False
    aliases: tuple[str, ...] = ()
    """Other names `--baseline` accepts for this baseline (older names that scripts and CI configs use)."""


CATALOGUE: tuple[Baseline, ...] = (
    Baseline(id=BCP195, title="BCP 195", default=True, aliases=(RFC9325,),
             document="IETF BCP 195 (RFC 8996, RFC 9325 and, since January 2026, RFC 9852), Recommendations for "
                      "Secure Use of Transport Layer Security (TLS) and Datagram Transport Layer Security (DTLS)"),
    Baseline(id=TS33210, title="3GPP TS 33.210",
             document="3GPP TS 33.210, Network Domain Security (NDS); IP network layer security, clause 6.2"),
    Baseline(id=SP800_52R2, title="NIST SP 800-52 Rev. 2",
             document="NIST SP 800-52 Rev. 2, Guidelines for the Selection, Configuration, and Use of "
                      "Transport Layer Security (TLS) Implementations"),
    Baseline(id=TR02102_2, title="BSI TR-02102-2",
             document="BSI TR-02102-2, Cryptographic Mechanisms: Recommendations and Key Lengths, "
                      "Part 2 – Use of Transport Layer Security (TLS)"),
    Baseline(id=NONE, title="", document=""),
)

BASELINES: tuple[str, ...] = tuple(baseline.id for baseline in CATALOGUE)
"""The `--baseline` choices, in the order the CLI and the docs list them."""

ALIASES: dict[str, str] = {alias: baseline.id for baseline in CATALOGUE for alias in baseline.aliases}
"""Each accepted alias and the baseline it names (`rfc9325` → `bcp195`)."""

CHOICES: tuple[str, ...] = tuple(name for baseline in CATALOGUE for name in (baseline.id, *baseline.aliases))
"""Every name `--baseline` accepts: the baselines, each followed by its aliases."""


def canonical(name: str) -> str:
    """The baseline `name` stands for: an alias resolved (`rfc9325` → `bcp195`), any other name unchanged."""
    return ALIASES.get(name, name)


DEFAULT_BASELINE: str = next(baseline.id for baseline in CATALOGUE if baseline.default)

BASELINE_TITLES: dict[str, str] = {baseline.id: baseline.title for baseline in CATALOGUE if baseline.title}
"""How a document names each `--baseline` (`none` has no title: no baseline)."""

BASELINE_DOCUMENTS: dict[str, str] = {baseline.id: baseline.document for baseline in CATALOGUE
                                      if baseline.document}
