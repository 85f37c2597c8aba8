"""A minimal TLS echo server on libssl (ctypes), configured like a gateway: only by openssl.cnf.

`openssl s_server` cannot stand in for a gateway where client authentication matters: it calls
SSL_CTX_set_verify itself, overriding the VerifyMode of the SSL_CONF section, and its verify callback
accepts failed chains unless told otherwise on the command line. This server creates its SSL_CTX with
TLS_server_method, so everything comes from the system_default section of the openssl.cnf that
OPENSSL_CONF names; the command line only adds what a gateway's code adds: certificates and keys, the CA
file that verifies clients, and (fingerprint mode) the expected RFC 8122 fingerprint of the client's
certificate, checked in a verify callback that keeps the section's verify mode.

Run as `python -m profilekit.export.selftest.libssl_server --cert C --key K [--cert C2 --key K2] [--cafile F]
[--client-fingerprint "sha-256 AB:..."]`; it prints `ACCEPT 127.0.0.1:<port>` and then, per connection,
one line (`OK <version> <cipher>` or `FAIL <reason>`), echoing each line it reads reversed (like
`s_server -rev`). It serves until killed.
"""

from __future__ import annotations

import argparse
import ctypes
import socket
import struct
import sys
from typing import Any

from profilekit.export.openssl.local import load_libssl
from profilekit.export.selftest.pki import fingerprint


def _lib() -> Any:
    """libssl with the server-side functions this server calls, typed for ctypes."""
    lib = load_libssl()
    p, i, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
    sigs: dict[str, tuple[Any, list[Any]]] = {
        "TLS_server_method": (p, []),
        "SSL_CTX_use_certificate_chain_file": (i, [p, s]),
        "SSL_CTX_use_PrivateKey_file": (i, [p, s, i]),
        "SSL_CTX_load_verify_locations": (i, [p, s, s]),
        "SSL_load_client_CA_file": (p, [s]),
        "SSL_CTX_set_client_CA_list": (None, [p, p]),
        "SSL_CTX_get_verify_mode": (i, [p]),
        "SSL_CTX_set_verify": (None, [p, i, p]),
        "SSL_CTX_set_session_id_context": (i, [p, s, ctypes.c_uint]),
        "SSL_new": (p, [p]),
        "SSL_free": (None, [p]),
        "SSL_set_fd": (i, [p, i]),
        "SSL_accept": (i, [p]),
        "SSL_get_error": (i, [p, i]),
        "SSL_read": (i, [p, ctypes.c_char_p, i]),
        "SSL_write": (i, [p, ctypes.c_char_p, i]),
        "SSL_shutdown": (i, [p]),
        "SSL_get_version": (s, [p]),
        "SSL_get_current_cipher": (p, [p]),
        "SSL_CIPHER_get_name": (s, [p]),
        "X509_STORE_CTX_get_current_cert": (p, [p]),
        "X509_STORE_CTX_get_error_depth": (i, [p]),
        "X509_STORE_CTX_set_error": (None, [p, i]),
        "i2d_X509": (i, [p, ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))]),
        "ERR_get_error": (ctypes.c_ulong, []),
        "ERR_error_string_n": (None, [ctypes.c_ulong, ctypes.c_char_p, ctypes.c_size_t]),
    }
    for name, (restype, argtypes) in sigs.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = restype, argtypes
    return lib


def _errors(lib: Any) -> str:
    """Drain OpenSSL's error queue into one line (the reasons only)."""
    out = []
    while code := lib.ERR_get_error():
        buf = ctypes.create_string_buffer(256)
        lib.ERR_error_string_n(code, buf, 256)
        out.append(buf.value.decode(errors="replace").split(":", 4)[-1])
    return "; ".join(out) or "no OpenSSL error"


def _der(lib: Any, x509: int) -> bytes:
    """The DER bytes of an X509 certificate (i2d_X509)."""
    size = lib.i2d_X509(x509, None)
    buf = (ctypes.c_ubyte * size)()
    ptr = ctypes.cast(buf, ctypes.POINTER(ctypes.c_ubyte))
    lib.i2d_X509(x509, ctypes.byref(ptr))
    return bytes(buf)


def serve(args: argparse.Namespace) -> int:
    """Listen on 127.0.0.1 and serve TLS connections until killed; 2 when the context cannot be set up."""
    lib = _lib()
    ctx = lib.SSL_CTX_new(lib.TLS_server_method())  # applies the system_default SSL_CONF section
    if not ctx:
        print(f"FAIL SSL_CTX_new: {_errors(lib)}", flush=True)
        return 2
    for cert, key in zip(args.cert, args.key, strict=True):
        if (lib.SSL_CTX_use_certificate_chain_file(ctx, cert.encode()) != 1
                or lib.SSL_CTX_use_PrivateKey_file(ctx, key.encode(), 1) != 1):
            print(f"FAIL certificate {cert}: {_errors(lib)}", flush=True)
            return 2
    lib.SSL_CTX_set_session_id_context(ctx, b"profilekit", 10)
    if args.cafile:
        lib.SSL_CTX_load_verify_locations(ctx, args.cafile.encode(), None)
        lib.SSL_CTX_set_client_CA_list(ctx, lib.SSL_load_client_CA_file(args.cafile.encode()))
    mismatch: list[str] = []
    callback = None
    if args.client_fingerprint:
        hash_name = args.client_fingerprint.split(" ", 1)[0]

        def verify(ok: int, store: int) -> int:
            if lib.X509_STORE_CTX_get_error_depth(store) != 0:
                return 1  # a self-signed leaf is its own chain; only the leaf's fingerprint counts
            seen = fingerprint(_der(lib, lib.X509_STORE_CTX_get_current_cert(store)), hash_name)
            if seen != args.client_fingerprint:
                mismatch.append(seen)
                lib.X509_STORE_CTX_set_error(store, 28)  # X509_V_ERR_CERT_REJECTED
                return 0
            return 1

        callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_void_p)(verify)
        lib.SSL_CTX_set_verify(ctx, lib.SSL_CTX_get_verify_mode(ctx), ctypes.cast(callback, ctypes.c_void_p))
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    print(f"ACCEPT 127.0.0.1:{listener.getsockname()[1]}", flush=True)
    timeval = struct.pack("ll", int(args.timeout), int((args.timeout % 1) * 1e6))
    while True:
        conn, _ = listener.accept()
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, timeval)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, timeval)
        ssl = lib.SSL_new(ctx)
        mismatch.clear()
        try:
            lib.SSL_set_fd(ssl, conn.fileno())
            if lib.SSL_accept(ssl) != 1:
                why = f"client certificate fingerprint {mismatch[0]}" if mismatch else _errors(lib)
                print(f"FAIL {why}", flush=True)
                continue
            cipher = lib.SSL_CIPHER_get_name(lib.SSL_get_current_cipher(ssl)).decode()
            print(f"OK {lib.SSL_get_version(ssl).decode()} {cipher}", flush=True)
            buf = ctypes.create_string_buffer(4096)
            while (n := lib.SSL_read(ssl, buf, 4096)) > 0:
                for line in buf.raw[:n].decode(errors="replace").splitlines():
                    if line.strip() == "CLOSE":
                        raise StopIteration
                    reply = line[::-1].encode() + b"\n"
                    lib.SSL_write(ssl, reply, len(reply))
        except StopIteration:
            pass
        finally:
            lib.SSL_shutdown(ssl)
            lib.SSL_free(ssl)
            conn.close()
            _errors(lib)  # clear the queue for the next connection


def main(argv: list[str] | None = None) -> int:
    """Command line entry: parse the options and serve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cert", action="append", default=[], required=True)
    parser.add_argument("--key", action="append", default=[], required=True)
    parser.add_argument("--cafile")
    parser.add_argument("--client-fingerprint")
    parser.add_argument("--timeout", type=float, default=5.0)
    return serve(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
