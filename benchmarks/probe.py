"""Benchmark of `profilekit probe`: a whole probe of one TLS domain on loopback (target ≤ 10 s on 2 cores),
as a whole process (interpreter start-up included), with its handshake count.

    python benchmarks/probe.py [--runs 5]

The server is the self-test's libssl echo server configured from the sample's own export (as
`selftest --probe` runs it). CryptoLyzer's cipher-suite analysis is timed on the same server when CryptoLyzer
can be imported here; otherwise the script says why (oscrypto 1.3.0's OpenSSL version check fails on OpenSSL
3.0.x: oscrypto issues #75, #78). This is a script, not a test: timings depend on the machine.
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


def cryptolyzer_command() -> list[str] | None:
    """`cryptolyze` when CryptoLyzer imports here, else None (and the reason printed)."""
    done = subprocess.run([sys.executable, "-c", "import cryptolyzer.tls.ciphers"], capture_output=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr.decode(errors="replace").strip().splitlines() or ["not installed"])[-1]
        print(f"CryptoLyzer comparison skipped: {reason}")
        return None
    return [sys.executable, "-m", "cryptolyzer"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    lyzer = cryptolyzer_command()
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
            if lyzer is not None:
                start = time.perf_counter()
                subprocess.run([*lyzer, "tls", "ciphers", f"127.0.0.1:{served.port}"], capture_output=True,
                               check=False)
                print(f"  CryptoLyzer tls ciphers on the same server: {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
