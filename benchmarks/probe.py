"""Benchmark of `profilekit probe`: a whole probe of one TLS domain on loopback (target ≤ 10 s on 2 cores),
as a whole process (interpreter start-up included), with its handshake count.

    python benchmarks/probe.py [--runs 5]

The server is the self-test's libssl echo server configured from the sample's own export (as
`selftest --probe` runs it). With `--cryptolyzer-python PY` (a Python where `pip install cryptolyzer` was run;
never profilekit's own environment) CryptoLyzer's cipher-suite analysis (TLS 1.2 and 1.3) runs on the same
server through its library API — its `cryptolyze` command fails here in oscrypto 1.3.0's libcrypto version
check (oscrypto issues #75, #78) — timed in-process and as a whole process, beside profilekit's own
suite scan in-process. This is a script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from profilekit.export.gateway import build_gateway  # noqa: E402
from profilekit.load.profile import load_profile  # noqa: E402
from profilekit.probe.loopback import serve  # noqa: E402

CASES = (("samples/ims-msrp-tls-relay.yaml", "access_ue"), ("samples/ipip-bfcp-tls-gateway.yaml",
                                                              "enterprise_endpoints"))


LYZER = """
import sys, time
from cryptodatahub.tls.version import TlsVersion
from cryptoparser.tls.version import TlsProtocolVersion
from cryptolyzer.tls.ciphers import AnalyzerCipherSuites
from cryptolyzer.tls.client import L7ClientTls
took = 0.0
for version in (TlsVersion.TLS1_2, TlsVersion.TLS1_3):
    start = time.perf_counter()
    AnalyzerCipherSuites().analyze(L7ClientTls("127.0.0.1", int(sys.argv[1])), TlsProtocolVersion(version))
    took += time.perf_counter() - start
print(took)
"""


def own_suite_scan(port: int) -> tuple[float, int]:
    """profilekit's suite scan alone (accepted suites, forward and reversed order, TLS 1.2 and 1.3), in-process."""
    from profilekit.probe.scan import Scanner, Wanted
    from profilekit.probe.session import Connector

    connector = Connector("127.0.0.1", port, 5.0)
    scanner = Scanner(connector, Wanted((), (), (), None), lambda _message: None)
    scanner.obs.versions = {"TLS1.2": True, "TLS1.3": True}
    start = time.perf_counter()
    scanner.suites()
    return time.perf_counter() - start, connector.count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cryptolyzer-python", help="a Python with CryptoLyzer installed, for the comparison")
    args = parser.parse_args()
    if not args.cryptolyzer_python:
        print("CryptoLyzer comparison skipped: no --cryptolyzer-python given")
    for path, name in CASES:
        dom = next(d for d in build_gateway(load_profile(str(ROOT / path)))["domains"] if d["name"] == name)
        with tempfile.TemporaryDirectory() as tmp, serve(dom, Path(tmp), 5.0) as served:
            command = [sys.executable, "-m", "profilekit", "probe", f"127.0.0.1:{served.port}", str(ROOT / path),
                       "--domain", name, "--format", "json", "--quiet",
                       "--client-cert", str(served.client.cert), "--client-key", str(served.client.key)]
            if served.ca:
                command += ["--ca", str(served.ca)]
            times, handshakes, conforms = [], 0, False
            for _ in range(args.runs):
                start = time.perf_counter()
                done = subprocess.run(command, capture_output=True, check=False, cwd=ROOT)
                times.append(time.perf_counter() - start)
                record = json.loads(done.stdout)
                handshakes, conforms = record["handshakes"], record["conforms"]
            print(f"probe {path} --domain {name}: median {statistics.median(times):.2f} s over {args.runs} runs "
                  f"(min {min(times):.2f} s), {handshakes} handshakes, conforms={conforms}; target <= 10 s")
            own, count = own_suite_scan(served.port)
            print(f"  profilekit suite scan alone (TLS 1.2 + 1.3, with order), in-process: {own:.3f} s, "
                  f"{count} handshakes")
            if args.cryptolyzer_python:
                start = time.perf_counter()
                done = subprocess.run([args.cryptolyzer_python, "-c", LYZER, str(served.port)], capture_output=True,
                                      check=False)
                whole = time.perf_counter() - start
                inner = done.stdout.decode().strip().splitlines()[-1] if done.returncode == 0 else "failed"
                print(f"  CryptoLyzer cipher-suite analysis (TLS 1.2 + 1.3): in-process {inner} s, "
                      f"whole process {whole:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
