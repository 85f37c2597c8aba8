"""What the probe saw against what the TLS profile says: one finding per deviation, at the profile element
it concerns (`compare`). Codes are catalogued in profilekit.catalog.probe_codes.
"""

from __future__ import annotations

from collections.abc import Sequence

from profilekit.catalog.ciphers import lookup
from profilekit.catalog.groups import GROUPS
from profilekit.catalog.probe_codes import CODES
from profilekit.findings import Finding
from profilekit.load.loaded import LoadedProfile
from profilekit.model.tls import TlsProfile
from profilekit.probe.scan import VERSIONS, Observations, Order

SEVERITY = {entry.code: entry.severity for entry in CODES}
AUTH_OF_KEY = {"rsa": "rsa", "ecdsa": "ecdsa", "dsa": "dss"}


class _Out:
    def __init__(self, loaded: LoadedProfile, index: int, domain_index: int) -> None:
        self.loaded, self.base, self.domain = loaded, ("tls", "profiles", index), ("tls", "domains", domain_index)
        self.findings: list[Finding] = []

    def add(self, code: str, message: str, *path: str | int, domain: bool = False) -> None:
        where = (*(self.domain if domain else self.base), *path)
        self.findings.append(self.loaded.finding(code=code, severity=SEVERITY[code], message=message, path=where))


def _join(items: Sequence[str]) -> str:
    return ", ".join(items) if items else "none"


def compare(loaded: LoadedProfile, index: int, domain_index: int, obs: Observations) -> list[Finding]:
    tls = loaded.profile.tls.profiles[index]
    out = _Out(loaded, index, domain_index)
    _versions(out, tls, obs)
    _suites(out, tls, obs)
    _groups(out, tls, obs)
    _certificates(out, tls, obs)
    _client_auth(out, tls, obs)
    _features(out, tls, obs)
    for note in obs.notes:
        out.add("PRB090", note, domain=True)
    return out.findings


def _versions(out: _Out, tls: TlsProfile, obs: Observations) -> None:
    listed = list(tls.versions)
    for version in VERSIONS:
        accepted = obs.versions.get(version)
        if accepted and version not in listed:
            out.add("PRB001", f"{version} accepted; the profile lists {_join(listed)}", "versions")
        elif accepted is False and version in listed:
            out.add("PRB002", f"{version} refused ({obs.version_detail.get(version, 'no ServerHello')})",
                    "versions", listed.index(version))


def _auth_kinds(obs: Observations) -> set[str]:
    return {"any", *(AUTH_OF_KEY[c.key_type] for c in obs.certificates if c.key_type in AUTH_OF_KEY)}


def _suites(out: _Out, tls: TlsProfile, obs: Observations) -> None:
    listed = list(tls.cipher_suites)
    kinds = _auth_kinds(obs)
    extra: dict[str, list[str]] = {}
    for version, order in obs.suites.items():
        for name in order.accepted:
            if name not in listed:
                extra.setdefault(name, []).append(version)
    for name, versions in extra.items():
        out.add("PRB010", f"{name} accepted with {_join(versions)}; the profile does not list it", "cipher_suites")
    for position, name in enumerate(listed):
        suite = lookup(name)
        if suite is None:
            continue
        versions = [v for v in obs.suites if suite.usable_with(v)]
        if not versions:
            continue
        refused = [v for v in versions if name not in obs.suites[v].accepted]
        if not refused:
            continue
        if suite.authentication in kinds:
            out.add("PRB011", f"{name} refused with {_join(refused)}", "cipher_suites", position)
        elif len(refused) == len(versions):
            out.add("PRB016", f"{name} needs {suite.authentication} authentication; the server presented "
                    f"{_join(sorted(c.key_type for c in obs.certificates))} certificates", "cipher_suites", position)
    for version, order in obs.suites.items():
        _order(out, tls, version, order, listed)


def _order(out: _Out, tls: TlsProfile, version: str, order: Order, listed: list[str]) -> None:
    if len(order.accepted) < 2:
        return
    if order.preference == "client" and tls.server_preference:
        out.add("PRB012", f"{version}: the server follows the client's order (offered {_join(order.accepted)}: "
                f"chose {_join(order.forward)}; reversed: chose {_join(order.reverse)})", "server_preference")
    elif order.preference == "server" and not tls.server_preference:
        out.add("PRB013", f"{version}: the server applies its own order {_join(order.forward)} whatever the "
                "client offers", "server_preference")
    elif order.preference == "mixed":
        how = ("ChaCha20 suites move first when the client lists one first (ChaCha20 prioritisation)"
               if order.chacha_priority else "neither the server's nor the client's order alone")
        out.add("PRB015", f"{version}: the choice depends on the client's offer: {how}; forward offer: "
                f"{_join(order.forward)}; reversed offer: {_join(order.reverse)}", "cipher_suites")
    server = order.server_order
    if server is None or not tls.server_preference:
        return
    seen = [n for n in server if n in listed]
    wanted = [n for n in listed if n in seen]
    if seen != wanted:
        out.add("PRB014", f"{version}: the server's order is {_join(seen)}; the profile's precedence is "
                f"{_join(wanted)}", "cipher_suites")


def _groups(out: _Out, tls: TlsProfile, obs: Observations) -> None:
    listed = list(tls.groups)
    if not listed:
        return
    for version, order in obs.groups.items():
        for name in order.accepted:
            if name not in listed:
                out.add("PRB020", f"{version}: group {name} accepted; the profile lists {_join(listed)}", "groups")
        if order.limited:
            continue
        for position, name in enumerate(listed):
            group = GROUPS[name]
            usable = group.tls13 if version == "TLS1.3" else group.tls12 and group.family == "ec"
            if usable and name not in order.accepted:
                out.add("PRB021", f"{version}: group {name} refused", "groups", position)
        server = order.server_order
        if server is not None and len(order.accepted) > 1 and tls.server_preference:
            seen = [n for n in server if n in listed]
            wanted = [n for n in listed if n in seen]
            if seen != wanted:
                out.add("PRB022", f"{version}: the server's group order is {_join(seen)}; the profile's is "
                        f"{_join(wanted)}", "groups")
    schemes = list(tls.signature_algorithms)
    if schemes:
        for version, used in obs.signature_schemes.items():
            for name in used:
                if name not in schemes:
                    out.add("PRB023", f"{version}: the server signs with {name}; the profile lists "
                            f"{_join(schemes)}", "signature_algorithms")


def _certificates(out: _Out, tls: TlsProfile, obs: Observations) -> None:
    rules = tls.certificates
    if rules is not None:
        for cert in obs.certificates:
            what = f"certificate {cert.subject} ({cert.key_type} {cert.key_bits} bits)"
            sizes = [k.min_bits for k in rules.key_types if k.type == cert.key_type]
            if not sizes:
                out.add("PRB030", f"{what}: key type {cert.key_type} is not among "
                        f"{_join([k.type for k in rules.key_types])}", "certificates", "key_types")
            elif cert.key_bits < min(sizes):
                out.add("PRB030", f"{what}: {cert.key_bits} bits, the profile asks for at least {min(sizes)}",
                        "certificates", "key_types")
            if cert.signature_hash and rules.signature_hashes and cert.signature_hash not in rules.signature_hashes:
                out.add("PRB031", f"{what}: signed with {cert.signature_hash}; the profile allows "
                        f"{_join(list(rules.signature_hashes))}", "certificates", "signature_hashes")
            if rules.max_lifetime_days is not None and cert.lifetime_days > rules.max_lifetime_days:
                out.add("PRB032", f"{what}: valid for {cert.lifetime_days:.0f} days; the profile allows "
                        f"{rules.max_lifetime_days}", "certificates", "max_lifetime_days")
    if obs.chain is not None and obs.chain != "verified":
        out.add("PRB033", f"the chain does not verify to --ca: {obs.chain}", "authentication", "trust_anchors")


def _client_auth(out: _Out, tls: TlsProfile, obs: Observations) -> None:
    wants = tls.authentication.client
    if obs.certificate_request is False and wants in ("required", "optional"):
        out.add("PRB040", f"no CertificateRequest; the profile's client authentication is {wants}",
                "authentication", "client")
    if obs.certificate_request and wants == "none":
        out.add("PRB041", "the server sent a CertificateRequest; the profile's client authentication is none",
                "authentication", "client")
    if obs.no_certificate == "accepted" and wants == "required":
        out.add("PRB042", "a client without a certificate completed the handshake", "authentication", "client")
    if obs.unknown_ca == "accepted" and wants != "none":
        out.add("PRB043", "a self-signed client certificate no trust anchor vouches for was accepted",
                "authentication", "client")
    if obs.given_certificate == "refused":
        out.add("PRB044", "the certificate given with --client-cert was refused", "authentication", "client")


def _features(out: _Out, tls: TlsProfile, obs: Observations) -> None:
    if obs.compression is not None and set(obs.compression) != set(tls.compression):
        out.add("PRB050", f"the server accepts compression {_join(obs.compression)}; the profile lists "
                f"{_join(list(tls.compression))}", "compression")
    reneg = tls.effective_renegotiation
    if obs.secure_renegotiation is False and (reneg.secure_only or not reneg.supported):
        out.add("PRB051", "no renegotiation_info in the ServerHello (RFC 5746)", "renegotiation")
    ems = tls.extensions.extended_master_secret
    if obs.extended_master_secret is not None and obs.extended_master_secret != (ems != "off"):
        out.add("PRB052", f"extended_master_secret {'negotiated' if obs.extended_master_secret else 'not negotiated'}"
                f"; the profile says {ems}", "extensions", "extended_master_secret")
    etm = tls.extensions.encrypt_then_mac
    if obs.encrypt_then_mac is not None and obs.encrypt_then_mac != etm:
        out.add("PRB053", f"encrypt_then_mac {'negotiated' if obs.encrypt_then_mac else 'not negotiated'} with a CBC "
                f"suite; the profile says {str(etm).lower()}", "extensions", "encrypt_then_mac")
    res = tls.resumption
    if obs.tickets_tls12 is not None and obs.tickets_tls12 != res.session_tickets:
        out.add("PRB054", f"TLS 1.2 session tickets {'offered' if obs.tickets_tls12 else 'not offered'}; the profile "
                f"says session_tickets: {str(res.session_tickets).lower()}", "resumption", "session_tickets")
    expected13 = res.session_tickets or res.session_ids
    if obs.tickets_tls13 is not None and obs.tickets_tls13 != expected13:
        out.add("PRB054", f"TLS 1.3 NewSessionTicket {'sent' if obs.tickets_tls13 else 'not sent'}; the profile "
                f"says session_tickets: {str(res.session_tickets).lower()}, session_ids: "
                f"{str(res.session_ids).lower()}", "resumption", "session_tickets")
    if obs.early_data is not None and (obs.early_data > 0) != tls.early_data:
        out.add("PRB055", f"tickets offer {obs.early_data} bytes of early data; the profile says early_data: "
                f"{str(tls.early_data).lower()}", "early_data")
