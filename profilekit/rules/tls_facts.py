"""TLS facts for the TLS, SEC and PRC rules (and the gateway export): each TLS profile with its paths, usable
suites, groups and signature algorithms. Facts about the rest of a profile are in rules/facts.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from profilekit.catalog.ciphers import VERSIONS, CipherSuite, lookup, version_index
from profilekit.catalog.groups import GROUPS as NAMED_GROUPS
from profilekit.catalog.signature_schemes import SIGNATURE_SCHEMES

if TYPE_CHECKING:
    from profilekit.load.loaded import LoadedProfile
    from profilekit.model.tls import TlsProfile

Path = tuple[str | int, ...]

@dataclass(frozen=True)
class Uncatalogued:
    """A suite in the IANA registry for which profilekit has no data (cryptodatahub has no entry)."""

    code: int
    reference: str
    remark: str
    """What an editor should know about the suite, in a few words."""


#: Suites in the IANA registry that the catalogue lacks: registered, so not "unknown", but profilekit can
#: neither check them nor export them (it does not know their key exchange, cipher or versions).
UNCATALOGUED: dict[str, Uncatalogued] = {
    "TLS_AEGIS_256_SHA384": Uncatalogued(0x1306, "draft-irtf-cfrg-aegis-aead", "a TLS 1.3 AEGIS suite"),
    "TLS_AEGIS_128L_SHA256": Uncatalogued(0x1307, "draft-irtf-cfrg-aegis-aead", "a TLS 1.3 AEGIS suite"),
    "TLS_ECCPWD_WITH_AES_128_GCM_SHA256": Uncatalogued(0xC0B0, "RFC 8492", "a password-authenticated suite"),
    "TLS_ECCPWD_WITH_AES_256_GCM_SHA384": Uncatalogued(0xC0B1, "RFC 8492", "a password-authenticated suite"),
    "TLS_ECCPWD_WITH_AES_128_CCM_SHA256": Uncatalogued(0xC0B2, "RFC 8492", "a password-authenticated suite"),
    "TLS_ECCPWD_WITH_AES_256_CCM_SHA384": Uncatalogued(0xC0B3, "RFC 8492", "a password-authenticated suite"),
    "TLS_SHA256_SHA256": Uncatalogued(0xC0B4, "RFC 9150", "an integrity-only TLS 1.3 suite: records are "
                                      "authenticated but not encrypted, so no confidentiality"),
    "TLS_SHA384_SHA384": Uncatalogued(0xC0B5, "RFC 9150", "an integrity-only TLS 1.3 suite: records are "
                                      "authenticated but not encrypted, so no confidentiality"),
}
REGISTERED_UNCATALOGUED: frozenset[str] = frozenset(UNCATALOGUED)


def uncatalogued_message(name: str) -> str | None:
    """Why a registered suite profilekit has no data for cannot be checked or exported; None for others."""
    info = UNCATALOGUED.get(name.upper())
    if info is None:
        return None
    return (f"{name.upper()} (0x{info.code >> 8:02X},0x{info.code & 0xFF:02X}, {info.reference}) is registered "
            "with IANA, but profilekit has no data for it, so it can be neither checked nor exported; it is "
            f"{info.remark}")


#: Signalling cipher suite values: a stack sends them by itself; they are not suites a profile selects.
SCSV: dict[str, str] = {
    "TLS_EMPTY_RENEGOTIATION_INFO_SCSV": "RFC 5746 §3.3",
    "TLS_FALLBACK_SCSV": "RFC 7507",
}


@dataclass(frozen=True)
class Group:
    """A named key-exchange group: family (ec, ff, hybrid), size in bits (x25519: 255), usable versions."""

    family: str
    bits: int
    tls12: bool
    tls13: bool


#: The rules' view of the group catalogue (profilekit.catalog.groups): `bits` is the curve's field or the
#: ffdhe modulus size, compared with a baseline's minimum.
GROUPS: dict[str, Group] = {name: Group(group.family, group.size_bits, group.tls12, group.tls13)
                            for name, group in NAMED_GROUPS.items()}


@dataclass(frozen=True)
class SigAlg:
    """A SignatureScheme: certificate key type it needs, its hash, and where it signs handshakes."""

    key: str
    hash: str
    tls12: bool
    tls13: bool


def sigalg(name: str) -> SigAlg:
    """The rules' view of a catalogued signature scheme (`hash` is `intrinsic` for Ed25519/Ed448)."""
    scheme = SIGNATURE_SCHEMES[name]
    return SigAlg(scheme.key, scheme.hash or "intrinsic", scheme.tls12, scheme.tls13)


@dataclass(frozen=True)
class SuiteEntry:
    """One item of a profile's cipher_suites list."""

    index: int
    name: str
    """IANA name when known (the model normalises OpenSSL names), else the text as written."""
    written: str
    """The spelling in the file (an OpenSSL name, say), for messages."""
    suite: CipherSuite | None
    path: Path

    @property
    def pos(self) -> int:
        return self.index + 1

    def label(self) -> str:
        """The suite name with its 1-based position, as messages show it."""
        return f"{self.name} (#{self.pos})"


@dataclass(frozen=True)
class ProfileView:
    """A TLS profile with its YAML path and the facts most rules need."""

    index: int
    profile: TlsProfile
    path: Path
    suites: tuple[SuiteEntry, ...]

    def at(self, *parts: str | int) -> Path:
        """The YAML path of something inside this TLS profile."""
        return (*self.path, *parts)

    @property
    def versions(self) -> list[str]:
        return sorted(set(self.profile.versions), key=version_index)

    def has(self, version: str) -> bool:
        """Whether versions lists `version`."""
        return version in self.profile.versions

    @property
    def tls13_only(self) -> bool:
        return set(self.profile.versions) == {"TLS1.3"}

    @property
    def pre13(self) -> list[str]:
        """Listed versions below TLS 1.3."""
        return [v for v in self.versions if v != "TLS1.3"]

    def known(self) -> Iterator[tuple[SuiteEntry, CipherSuite]]:
        """The catalogued suites in list order, with their entries."""
        for entry in self.suites:
            if entry.suite is not None:
                yield entry, entry.suite

    def usable(self, suite: CipherSuite) -> bool:
        """Whether some listed version can negotiate `suite`."""
        return any(suite.usable_with(v) for v in self.profile.versions)

    def usable_known(self) -> Iterator[tuple[SuiteEntry, CipherSuite]]:
        """Known suites that some listed version can negotiate (others are TLS002's business), in the
        effective order: a suite listed again (TLS004) counts at its first position only, as every stack
        and every export applies it."""
        seen: set[str] = set()
        for entry, suite in self.known():
            if self.usable(suite) and suite.iana not in seen:
                seen.add(suite.iana)
                yield entry, suite

    def version_path(self, version: str) -> Path:
        """Where versions lists `version` (or versions itself when it does not)."""
        for i, v in enumerate(self.profile.versions):
            if v == version:
                return self.at("versions", i)
        return self.at("versions")


def _raw(data: Any, *parts: str | int) -> Any:
    node = data
    for part in parts:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def profiles(loaded: LoadedProfile) -> Iterator[ProfileView]:
    """Every TLS profile of the loaded profile, with suite entries resolved against the catalogue."""
    tls = loaded.profile.tls
    if tls is None:
        return
    for i, profile in enumerate(tls.profiles):
        base: Path = ("tls", "profiles", i)
        entries = []
        for j, name in enumerate(profile.cipher_suites):
            written = _raw(loaded.data, *base, "cipher_suites", j)
            entries.append(SuiteEntry(j, name, written if isinstance(written, str) else name, lookup(name),
                                      (*base, "cipher_suites", j)))
        yield ProfileView(i, profile, base, tuple(entries))


def version_list(versions: list[str]) -> str:
    """The versions as a message lists them (`none` for an empty list)."""
    return ", ".join(versions) if versions else "none"


def version_span(suite: CipherSuite) -> str:
    """The versions a suite exists in, e.g. `TLS1.0–TLS1.2`."""
    if suite.min_version == suite.max_version:
        return suite.min_version
    return f"{suite.min_version}–{suite.max_version}"


def versions_between(low: str, high: str) -> list[str]:
    """Every protocol version from `low` to `high`, both included."""
    return list(VERSIONS[version_index(low):version_index(high) + 1])


# Suite classes used by more than one rule.

def is_cbc(suite: CipherSuite) -> bool:
    """A CBC-mode suite."""
    return suite.mode == "cbc"


def is_static_rsa(suite: CipherSuite) -> bool:
    """RSA key transport (no forward secrecy)."""
    return suite.key_exchange == "rsa"


def is_static_dh(suite: CipherSuite) -> bool:
    """Static (EC)DH key exchange (no forward secrecy)."""
    return suite.key_exchange in ("dh", "ecdh")


def is_anonymous(suite: CipherSuite) -> bool:
    """No peer authentication (DH_anon, ECDH_anon)."""
    return suite.authentication == "anon"


def broken_reason(suite: CipherSuite) -> str | None:
    """Why RFC 9325 §4.1 says MUST NOT: no encryption, RC4, or under 112-bit security (export, DES)."""
    if suite.cipher == "null":
        return "offers no encryption (NULL)"
    if suite.cipher.startswith("rc4"):
        return "uses RC4 (RFC 7465)"
    if suite.export:
        return f"is an export suite ({suite.cipher_bits}-bit)"
    if suite.cipher_bits < 112 or suite.cipher in ("des", "des40", "rc2_40"):
        return f"offers under 112-bit security ({suite.cipher})"
    return None


def weak_cipher(suite: CipherSuite) -> bool:
    """Under 128-bit security: 3DES (112-bit) — RFC 9325 §4.1 SHOULD NOT."""
    return broken_reason(suite) is None and (suite.cipher == "3des" or suite.cipher_bits < 128)


def certificate_key_types(view: ProfileView) -> list[str] | None:
    """The certificate key types the TLS profile allows; None when it states no certificates."""
    certs = view.profile.certificates
    return None if certs is None else [k.type for k in certs.key_types]
