"""Decode H.248 text messages with Erlang/OTP megaco (`megaco_pretty_text_encoder:decode_message/3`) in one
`erl` run, for the cross-checks of the parser; absent erl or megaco, tests skip with the reason."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

_PROGRAM = r"""
{ok, Listing} = file:read_file(os:getenv("PK_MEGACO_LIST")),
Files = [binary_to_list(F) || F <- binary:split(Listing, <<"\n">>, [global, trim_all])],
lists:foreach(fun(Line) ->
    [V, Name] = string:split(Line, " "),
    {ok, Bin} = file:read_file(Name),
    Result = (catch megaco_pretty_text_encoder:decode_message([], list_to_integer(V), Bin)),
    Tag = case Result of {ok, _} -> "ok"; _ -> "error" end,
    io:format("~s ~s~n", [Tag, Name])
end, Files),
halt().
"""


def unavailable() -> str | None:
    """Why the cross-check cannot run here, or None."""
    if shutil.which("erl") is None:
        return "erl is not installed (Debian: apt install erlang-megaco)"
    probe = subprocess.run(["erl", "-noshell", "-eval",
                            'io:format("~p", [code:which(megaco_pretty_text_encoder)]), halt().'],
                           capture_output=True, text=True, timeout=60, check=False)
    if "non_existing" in probe.stdout or probe.returncode != 0:
        return "Erlang's megaco application is not installed (Debian: apt install erlang-megaco)"
    return None


def decode(files: list[Path], tmp: Path) -> dict[Path, bool]:
    """Whether megaco decodes each file (one message per file; the version from its header)."""
    lines = []
    for file in files:
        match = re.search(r"(?im)^\s*(?:MEGACO|!)/([0-9])", file.read_text(encoding="utf-8"))
        lines.append(f"{match.group(1) if match else 3} {file.resolve()}")
    listing = tmp / "megaco-files.txt"
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = subprocess.run(["erl", "-noshell", "-eval", _PROGRAM], capture_output=True, text=True, timeout=300,
                         check=False, env={"PK_MEGACO_LIST": str(listing), "PATH": "/usr/bin:/bin",
                                           "HOME": str(tmp), "ERL_CRASH_DUMP": str(tmp / "erl_crash.dump")})
    results = {}
    for line in run.stdout.splitlines():
        tag, _, name = line.partition(" ")
        results[Path(name)] = tag == "ok"
    missing = [f for f in files if f.resolve() not in results]
    assert not missing, f"megaco gave no answer for {missing}: {run.stderr[-2000:]}"
    return {f: results[f.resolve()] for f in files}
