"""Long fuzzing campaign: the CI fuzz tests with many more examples (and random seeds).

    python scripts/fuzz.py --examples 10000        # per strategy: structure and text mutations

Runs tests/test_fuzz.py under pytest with FUZZ_EXAMPLES set and prints hypothesis' statistics. Exit
code is pytest's: 0 when every example validated/exported cleanly or failed with positioned findings.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000, help="examples per strategy (default 10000)")
    parser.add_argument("-k", default="mutations", help="pytest -k expression (default: both strategies)")
    args = parser.parse_args()
    env = dict(os.environ, FUZZ_EXAMPLES=str(args.examples))
    env.pop("CI", None)  # random seeds, not the derandomised CI run
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    start = time.monotonic()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
               "-k", args.k, str(ROOT / "tests" / "test_fuzz.py")]
    code = subprocess.call(command, cwd=ROOT, env=env)
    minutes = (time.monotonic() - start) / 60
    print(f"fuzz: {args.examples} examples per strategy, {minutes:.1f} min, "
          f"{'no failures' if code == 0 else f'FAILED (pytest exit {code})'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
