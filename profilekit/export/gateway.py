"""Gateway JSON: a loaded profile resolved and normalised into the shape of `gateway_model.GatewayExport`.

`build_gateway` refuses (InputError with positions) what it cannot resolve: an unknown cipher suite, a
domain naming an unknown TLS profile, a binding to an element no package defines. It never reads the
local OpenSSL, so the same profile always gives the same bytes.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from profilekit import __version__
from profilekit.catalog.ciphers import suggest, version_index
from profilekit.catalog.groups import GROUPS
from profilekit.catalog.signature_schemes import SIGNATURE_SCHEMES
from profilekit.export import gateway_model as gm
from profilekit.export import gateway_tls_model as tls_out
from profilekit.export.openssl.fragment import section_name
from profilekit.export.openssl.settings import (
    COMPRESSION_IDS,
    OPENSSL_PROTOCOL,
    SETTING_KEYS,
    VERSION_WIRE,
    resolve_suites,
    role_notes,
    settings_for,
)
from profilekit.findings import Finding, InputError, Severity
from profilekit.load.loaded import LoadedProfile
from profilekit.model.packages import KIND_FIELDS
from profilekit.model.tls import Binding, TlsProfile
from profilekit.rules.tls_facts import uncatalogued_message


def _hex2(code: int) -> str:
    return f"0x{code >> 8:02X},0x{code & 0xFF:02X}"


_CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der", ".p7b", ".p12", ".pfx")
_METHOD_WORDS = {"certificate_ca_signed": "a CA-signed certificate", "psk": "a pre-shared key",
                 "certificate_self_signed": "a self-signed certificate checked by its fingerprint",
                 "trusted_third_party": "a trusted third party"}


def certificate_path(text: str | None) -> str | None:
    """The domain's certificate text when it is one file path, else None (it is then a name or prose)."""
    if text is None or not text.strip() or any(c.isspace() for c in text.strip()):
        return None
    text = text.strip()
    return text if text.lower().endswith(_CERT_SUFFIXES) else None


def _side(side: str, requirement: str, methods: Sequence[str]) -> tls_out.SideAuthentication:
    """Spell out how one side is authenticated: a PSK-only `client: required` is no certificate request."""
    usable = [m for m in methods if m != "none"] if requirement != "none" else []
    certs = [m for m in usable if m.startswith("certificate_")]
    if not certs:
        certificate = "not_used"
    elif requirement == "required" and len(certs) == len(usable):
        certificate = "required"
    else:
        certificate = "optional"
    if requirement == "none":
        summary = f"The {side} is not authenticated."
    else:
        how = " or ".join(_METHOD_WORDS[m] for m in usable) or "no method the profile names"
        summary = f"The {side} {'must' if requirement == 'required' else 'may'} be authenticated, by {how}."
    if side == "client":
        summary += {"required": " The server requests a client certificate and fails the handshake without one.",
                    "optional": " The server requests a client certificate but does not require one.",
                    "not_used": " The server does not request a client certificate."}[certificate]
    elif certificate == "not_used" and requirement != "none":
        summary += " No certificate authenticates the server."
    return tls_out.SideAuthentication(requirement=requirement, methods=usable, certificate=certificate,
                                 summary=summary)


class _Builder:
    def __init__(self, loaded: LoadedProfile) -> None:
        self.loaded = loaded
        self.problems: list[Finding] = []

    def error(self, path: tuple[str | int, ...], message: str, code: str) -> None:
        """Record an error finding at `path`; `build` raises them all together."""
        self.problems.append(self.loaded.finding(code=code, severity=Severity.ERROR, message=message, path=path))

    # -- TLS profile ---------------------------------------------------------------------------------

    def version(self, name: str) -> tls_out.Version:
        """A TLS version with its wire code and OpenSSL name."""
        return tls_out.Version(name=name, wire=f"0x{VERSION_WIRE[name]:04X}",
                          openssl=OPENSSL_PROTOCOL[name], wire_int=VERSION_WIRE[name])

    def tls_profile(self, tls: TlsProfile, index: int) -> tls_out.TlsProfile:
        """A TLS profile resolved: suites with their catalogue facts, groups and signature schemes with code points."""
        versions = sorted(set(tls.versions), key=version_index)
        tls13: list[tls_out.Suite] = []
        tls12: list[tls_out.Suite] = []
        for precedence, suite, name in resolve_suites(tls):
            if suite is None:
                path = ("tls", "profiles", index, "cipher_suites", precedence - 1)
                registered = uncatalogued_message(name)
                if registered is not None:
                    self.error(path, registered, "EX001")
                    continue
                hint = suggest(name)
                self.error(path, f"cipher suite {name!r} is not in the IANA registry; the export needs its code "
                           "point" + (f" (did you mean {', '.join(hint)}?)" if hint else ""), "EX001")
                continue
            entry = tls_out.Suite(precedence=precedence, iana=suite.iana, code=_hex2(suite.code), code_int=suite.code,
                             openssl=suite.openssl, key_exchange=suite.key_exchange,
                             authentication=suite.authentication, cipher=suite.cipher, aead=suite.aead,
                             forward_secret=suite.forward_secret,
                             min_version=suite.min_version,
                             max_version=suite.max_version,
                             usable=any(suite.usable_with(v) for v in versions))
            (tls13 if suite.tls13 else tls12).append(entry)
        auth, reneg = tls.authentication, tls.effective_renegotiation
        return tls_out.TlsProfile(
            id=tls.id, description=tls.description,
            versions=[self.version(v) for v in versions],
            min_version=self.version(versions[0]), max_version=self.version(versions[-1]),
            cipher_suites=tls_out.CipherSuites(tls13=tls13, tls12_and_earlier=tls12),
            server_preference=tls.server_preference,
            compression=[tls_out.Compression(name=c, id=COMPRESSION_IDS[c]) for c in dict.fromkeys(tls.compression)],
            renegotiation=tls_out.Renegotiation(supported=reneg.supported,
                                           secure_only=reneg.secure_only,
                                           initiators=sorted(set(reneg.initiators)),
                                           mgc_trigger=reneg.mgc_trigger,
                                           notes=reneg.notes),
            resumption=tls_out.Resumption(**tls.resumption.model_dump()),
            authentication=tls_out.Authentication(
                server=auth.server, client=auth.client, methods=list(auth.methods), on_failure=auth.on_failure,
                continue_conditions=list(auth.continue_conditions), fingerprint_hash=auth.fingerprint_hash,
                trust_anchors=list(dict.fromkeys(auth.trust_anchors)),
                psk=tls_out.Psk(**auth.psk.model_dump()) if auth.psk else None,
                trusted_third_party=(tls_out.TrustedThirdParty(**auth.trusted_third_party.model_dump())
                                     if auth.trusted_third_party else None),
                sides=tls_out.AuthenticationSides(server=_side("server", auth.server, auth.methods),
                                             client=_side("client", auth.client, auth.methods))),
            groups=[tls_out.Group(name=g, code=GROUPS[g].code, code_hex=f"0x{GROUPS[g].code:04X}",
                             openssl=GROUPS[g].openssl,
                             openssl_since=GROUPS[g].openssl_since) for g in tls.groups],
            signature_algorithms=[
                tls_out.SignatureAlgorithm(name=s, code=f"0x{SIGNATURE_SCHEMES[s].code:04X}",
                                      code_int=SIGNATURE_SCHEMES[s].code,
                                      openssl=SIGNATURE_SCHEMES[s].openssl,
                                      openssl_since=SIGNATURE_SCHEMES[s].openssl_since)
                for s in tls.signature_algorithms],
            certificates=(tls_out.Certificates(**tls.certificates.model_dump()) if tls.certificates else None),
            extensions=tls_out.Extensions(**tls.extensions.model_dump()),
            early_data=tls.early_data,
            performance=(tls_out.Performance(**tls.performance.model_dump())
                         if tls.performance else None),
        )

    def mg_roles(self, domain: str) -> list[str]:
        """The TLS roles the MG takes in a domain: those of the termination types whose mode names it."""
        roles: set[str] = set()
        for ttype in self.loaded.profile.terminations.types:
            mode = ttype.mode
            if mode is not None and domain in mode.tls_domains:
                roles.update(mode.tls_roles)
        return sorted(roles)

    def openssl(self, tls: TlsProfile, section: str, roles: list[str]) -> tls_out.OpenSsl:
        """A domain's OpenSSL section: settings_for's keys and notes, plus what the MG roles mean for them."""
        derived = settings_for(tls)
        derived.notes.extend(role_notes(roles, derived.settings))
        return tls_out.OpenSsl(
            section=section,
            settings=tls_out.OpenSslSettings(**{k: derived.settings.get(k) for k in SETTING_KEYS}),
            unavailable_in_openssl=[tls_out.UnavailableSuite(iana=u.suite.iana, code=_hex2(u.suite.code),
                                                        reason="no_openssl_name", detail=u.detail)
                                    for u in derived.unavailable],
            notes=[tls_out.OpenSslNote(setting=s, detail=d) for s, d in derived.notes])

    # -- bindings ------------------------------------------------------------------------------------

    def binding(self, binding: Binding | None, path: tuple[str | int, ...]) -> dict[str, Any] | None:
        """A capability binding resolved against the profile's packages; None (with an error) when it cannot be."""
        if binding is None:
            return None
        package_id, element = binding.element.split("/", 1)
        record = self.loaded.packages.get(package_id)
        if record is None:
            self.error((*path, "element") if self._is_mapping(path) else path,
                       f"{binding.element!r}: the profile uses no package {package_id!r}", "EX002")
            return None
        package = record.package
        kind = None
        if element != "*":
            kinds = [k for k, field in KIND_FIELDS.items()
                     if any(item.id == element for item in getattr(package, field))]
            if not kinds:
                self.error((*path, "element") if self._is_mapping(path) else path,
                           f"{binding.element!r}: package {package_id!r} defines no element {element!r}", "EX002")
                return None
            kind = kinds[0]
        return {"package": package_id, "element": element, "kind": kind, "package_serial": package.serial,
                "package_version": package.version, "illustrative": package.illustrative,
                "values": dict(sorted(binding.values.items())), "notes": binding.notes}

    def _is_mapping(self, path: tuple[str | int, ...]) -> bool:
        node: Any = self.loaded.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return False
        return isinstance(node, dict)

    # -- whole export --------------------------------------------------------------------------------

    def source(self) -> gm.Source:
        """The exported files: the profile and its libraries, with their SHA-256."""
        profile_path = Path(self.loaded.path).resolve()
        libraries = [gm.SourceFile(file=rel, sha256=hashlib.sha256(Path(lib).read_bytes()).hexdigest())
                     for lib, rel in zip(self.loaded.libraries, self._library_files(), strict=True)]
        return gm.Source(file=profile_path.name, sha256=self.loaded.source_sha256,
                         format_version=self.loaded.profile.format_version,
                         libraries=sorted(libraries, key=lambda f: f.file))

    def build(self) -> gm.GatewayExport:
        """The whole export; raises InputError with every problem found."""
        prof = self.loaded.profile
        ident = prof.identification
        tls_profiles = {p.id: (i, p) for i, p in enumerate(prof.tls.profiles)}
        resolved = {pid: self.tls_profile(p, i) for pid, (i, p) in tls_profiles.items()}
        domains = []
        taken: set[str] = set()
        for i, dom in enumerate(prof.tls.domains):
            found = tls_profiles.get(dom.tls_profile)
            if found is None:
                self.error(("tls", "domains", i, "tls_profile"),
                           f"TLS domain {dom.name!r} names TLS profile {dom.tls_profile!r}, which is not defined "
                           f"(defined: {', '.join(tls_profiles)})", "EX003")
                continue
            _, tls = found
            domains.append(gm.Domain(
                name=dom.name, description=dom.description, server_name=dom.server_name,
                certificate=dom.certificate, certificate_path=certificate_path(dom.certificate),
                trust_anchors=list(dict.fromkeys([*tls.authentication.trust_anchors, *dom.trust_anchors])),
                trusted_third_party=dom.trusted_third_party, tls=resolved[tls.id],
                mg_roles=self.mg_roles(dom.name),
                openssl=self.openssl(tls, section_name(dom.name, taken), self.mg_roles(dom.name))))
        b = prof.tls.bindings
        base = ("tls", "bindings")
        caps: dict[str, Any] = {}
        for name in gm.Capabilities.model_fields:
            value = getattr(b, name)
            caps[name] = self.binding(value, (*base, name))
            if name == "tls_termination_event" and caps[name] is not None and value is not None:
                caps[name].update(reason_parameter=value.reason_parameter, reasons=dict(sorted(value.reasons.items())))
        stats = [self.binding(s, (*base, "statistics", i)) for i, s in enumerate(b.statistics)]
        audit: dict[str, Any] = {}
        for name in gm.Audit.model_fields:
            value = getattr(b.capability_audit, name) if b.capability_audit else None
            audit[name] = self.binding(value, (*base, "capability_audit", name))
        if self.problems:
            raise InputError(sorted(self.problems, key=Finding.sort_key))
        source = self.source()
        origins = {Path(lib).resolve(): rel for lib, rel in zip(self.loaded.libraries, self._library_files(),
                                                                 strict=True)}
        packages = [gm.PackageRef(id=pid, name=rec.package.name, version=rec.package.version,
                                  serial=rec.package.serial, illustrative=rec.package.illustrative,
                                  support=rec.support,
                                  reference=rec.package.reference,
                                  origin="inline" if rec.origin == "inline"
                                  else origins.get(Path(rec.origin).resolve(), rec.origin))
                    for pid, rec in self.loaded.packages.items()]
        return gm.GatewayExport(
            schema_version=gm.SCHEMA_VERSION, kind="profilekit-gateway-profile",
            profile=gm.ProfileId(name=ident.name, version=ident.version, title=ident.title, status=ident.status,
                                 date=ident.date.isoformat(), body=ident.body, illustrative=ident.illustrative,
                                 based_on=(gm.BasedOn(name=ident.based_on.name, version=ident.based_on.version)
                                           if ident.based_on else None)),
            generator=gm.Generator(name="profilekit", version=__version__),
            source=source, domains=domains,
            capabilities=gm.Capabilities.model_validate(caps),
            statistics=[gm.ElementBinding.model_validate(s) for s in stats if s is not None],
            audit=gm.Audit.model_validate(audit), packages=packages, notes=prof.tls.notes)

    def _library_files(self) -> list[str]:
        base = Path(self.loaded.path).resolve().parent
        return [Path(os.path.relpath(Path(lib).resolve(), base)).as_posix() for lib in self.loaded.libraries]


def build_gateway(loaded: LoadedProfile) -> dict[str, Any]:
    """The gateway export of a loaded profile as JSON-ready data (see gateway_model.GatewayExport)."""
    return _Builder(loaded).build().model_dump(mode="json")


def dumps_gateway(obj: dict[str, Any]) -> str:
    """Deterministic JSON text: key order as built (meaningful orders kept, the rest sorted), indent 2."""
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def domain_names(loaded: LoadedProfile) -> list[str]:
    """The profile's TLS domain names, in order (what --domain may name)."""
    return [d.name for d in loaded.profile.tls.domains]


def unknown_domain_message(name: str, known: list[str]) -> str:
    """The usage error for a --domain the profile lacks, with a 'did you mean'."""
    hint = difflib.get_close_matches(name, known, n=1)
    return (f"no TLS domain {name!r} in this profile (domains: {', '.join(known)})"
            + (f"; did you mean {hint[0]!r}?" if hint else ""))
