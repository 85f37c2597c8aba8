"""`profilekit validate` stays light: no python-docx, jinja2, jsonschema or cryptodatahub at start-up."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, SAMPLES

HEAVY = ("docx", "jinja2", "jsonschema", "cryptodatahub")


def test_validate_imports_nothing_heavy() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "profilekit", "validate",
                             *(str(p) for p in SAMPLES)], env=env, capture_output=True, text=True, check=False,
                            timeout=120)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    modules = [row.split("|")[-1].strip() for row in result.stderr.splitlines() if row.startswith("import time:")]
    assert "profilekit.load.yaml12" in modules  # the measurement saw the loader: it is not vacuous
    loaded = {name.split(".")[0] for name in modules}
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
