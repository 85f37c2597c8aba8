"""TLS named groups (supported_groups): the one table every part of profilekit reads.

The profile format's `Group` literal (model/tls.py), the rules' group facts, the OpenSSL `Groups` setting,
the gateway export's code points and the Mozilla export's curve names and sizes all come from GROUPS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, kw_only=True, slots=True)
class NamedGroup:
    """One entry of the TLS Supported Groups registry, with what profilekit needs to know about it."""

    name: str
    """Registry name as a profile writes it (`x25519`, `secp256r1`, `ffdhe2048`, `X25519MLKEM768`)."""
    code: int
    """NamedGroup code point."""
    family: Literal["ec", "ff", "hybrid"]
    """Elliptic curve, finite-field DH (RFC 7919), or post-quantum hybrid with an EC part."""
    size_bits: int
    """Size of the curve's field or the ffdhe modulus (x25519: 255; hybrids: their EC part), the number the
    rules compare with a baseline's minimum and print in their messages."""
    ecdh_param_size: int | None
    """The Mozilla export's `ecdh_param_size` for this group: the EC size as Mozilla's guidelines count it
    (X25519 counts as 256, the size of its key share); None for finite-field groups."""
    tls12: bool
    """Usable with TLS 1.2 and earlier."""
    tls13: bool
    """Usable with TLS 1.3."""
    openssl: str
    """OpenSSL's name (the `Groups` setting)."""
    openssl_since: str
    """First OpenSSL release that has it."""
    mozilla: str | None = None
    """Mozilla's guidelines' spelling in `tls_curves` where it differs from OpenSSL's (prime256v1)."""


def _group(name: str, code: int, family: Literal["ec", "ff", "hybrid"], size_bits: int, *, tls12: bool,
           tls13: bool, openssl: str, since: str, mozilla: str | None = None,
           ecdh_param_size: int | None = None) -> NamedGroup:
    """A catalogue entry; `ecdh_param_size` defaults to `size_bits` for EC and hybrid groups."""
    if ecdh_param_size is None and family != "ff":
        ecdh_param_size = size_bits
    return NamedGroup(name=name, code=code, family=family, size_bits=size_bits, ecdh_param_size=ecdh_param_size,
                      tls12=tls12, tls13=tls13, openssl=openssl, openssl_since=since, mozilla=mozilla)


#: RFC 8446 §4.2.7 (TLS 1.3 groups), RFC 8422 §5.1.1 and RFC 7027 (TLS 1.2 curves), RFC 8734 (brainpool
#: for TLS 1.3), RFC 7919 (ffdhe), draft-ietf-tls-ecdhe-mlkem (hybrids, TLS 1.3 only). In the order of the
#: profile format's `Group` literal (tests/test_tls_catalog.py holds the two together).
GROUPS: dict[str, NamedGroup] = {group.name: group for group in (
    _group("x25519", 29, "ec", 255, tls12=True, tls13=True, openssl="X25519", since="1.1.1", mozilla="X25519",
           ecdh_param_size=256),
    _group("x448", 30, "ec", 448, tls12=True, tls13=True, openssl="X448", since="1.1.1", mozilla="X448"),
    _group("secp256r1", 23, "ec", 256, tls12=True, tls13=True, openssl="P-256", since="1.1.1",
           mozilla="prime256v1"),
    _group("secp384r1", 24, "ec", 384, tls12=True, tls13=True, openssl="P-384", since="1.1.1",
           mozilla="secp384r1"),
    _group("secp521r1", 25, "ec", 521, tls12=True, tls13=True, openssl="P-521", since="1.1.1",
           mozilla="secp521r1"),
    _group("secp224r1", 21, "ec", 224, tls12=True, tls13=False, openssl="P-224", since="1.1.1"),
    _group("secp192r1", 19, "ec", 192, tls12=True, tls13=False, openssl="P-192", since="1.1.1"),
    _group("ffdhe2048", 256, "ff", 2048, tls12=True, tls13=True, openssl="ffdhe2048", since="3.0"),
    _group("ffdhe3072", 257, "ff", 3072, tls12=True, tls13=True, openssl="ffdhe3072", since="3.0"),
    _group("ffdhe4096", 258, "ff", 4096, tls12=True, tls13=True, openssl="ffdhe4096", since="3.0"),
    _group("ffdhe6144", 259, "ff", 6144, tls12=True, tls13=True, openssl="ffdhe6144", since="3.0"),
    _group("ffdhe8192", 260, "ff", 8192, tls12=True, tls13=True, openssl="ffdhe8192", since="3.0"),
    _group("brainpoolP256r1", 26, "ec", 256, tls12=True, tls13=False, openssl="brainpoolP256r1", since="1.1.1"),
    _group("brainpoolP384r1", 27, "ec", 384, tls12=True, tls13=False, openssl="brainpoolP384r1", since="1.1.1"),
    _group("brainpoolP512r1", 28, "ec", 512, tls12=True, tls13=False, openssl="brainpoolP512r1", since="1.1.1"),
    _group("brainpoolP256r1tls13", 31, "ec", 256, tls12=False, tls13=True, openssl="brainpoolP256r1tls13",
           since="3.2"),
    _group("brainpoolP384r1tls13", 32, "ec", 384, tls12=False, tls13=True, openssl="brainpoolP384r1tls13",
           since="3.2"),
    _group("brainpoolP512r1tls13", 33, "ec", 512, tls12=False, tls13=True, openssl="brainpoolP512r1tls13",
           since="3.2"),
    _group("X25519MLKEM768", 0x11EC, "hybrid", 255, tls12=False, tls13=True, openssl="X25519MLKEM768",
           since="3.5", ecdh_param_size=256),
    _group("SecP256r1MLKEM768", 0x11EB, "hybrid", 256, tls12=False, tls13=True, openssl="SecP256r1MLKEM768",
           since="3.5"),
    _group("SecP384r1MLKEM1024", 0x11ED, "hybrid", 384, tls12=False, tls13=True, openssl="SecP384r1MLKEM1024",
           since="3.5"),
)}
