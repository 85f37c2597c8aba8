"""Pydantic models of an H.248 TLS profile: metadata, the 17 template clauses, TLS profiles and domains.

Importing any model module imports them all, here, with the garbage collector paused: building ~60
pydantic models allocates many objects that all survive, so collecting in between finds nothing and
costs about a tenth of the import (the biggest part of `validate`'s start-up). Then gc.freeze() sets
them (and what was imported before) aside for good: otherwise every later collection while the rules and
the CLI are imported walks them again (measured: 20-25 ms of a 230 ms `validate`).
"""

from __future__ import annotations

import gc

_collecting = gc.isenabled()
gc.disable()
try:
    from profilekit.model import profile as profile
finally:
    gc.freeze()
    if _collecting:
        gc.enable()
