"""Running the `profilekit` command from tests: in-process through click's CliRunner (`run_cli`, fast: no
interpreter start-up per call), or as a real process through the installed entry point (`run_cli_process`,
for what only a process shows: a broken or full standard output, file descriptor 0, environment variables
read at import time, a hang that must be killed, a fresh interpreter's imports).

Both return a `subprocess.CompletedProcess[str]` (returncode, stdout, stderr), so a test reads the same
either way. The in-process run starts each call from the state a fresh process would have and puts the
test's state back afterwards: working directory, environment, standard streams, warning filters, the
root logger's handlers and click's terminal width.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import traceback
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import click.formatting
from click.testing import CliRunner

from profilekit.cli import main

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = "200"
"""The terminal width every run sees, so help texts do not wrap differently from one machine to another."""
STARTUP_VARIABLES = ("PROFILEKIT_MAX_FILE_BYTES", "PROFILEKIT_MAX_NODES")
"""Read once, when profilekit.load is imported (docs/limits.md): only a new process sees a changed value."""
_STARTUP_VALUES = {name: os.environ.get(name) for name in STARTUP_VARIABLES}
# What a fresh interpreter shows (Python's default warning filters, non-debug build): a warning the command
# emits lands on its standard error, as it would for a user, instead of in pytest's warning summary.
_FRESH_WARNING_FILTERS = (("default", DeprecationWarning, "__main__"), ("ignore", DeprecationWarning, ""),
                          ("ignore", PendingDeprecationWarning, ""), ("ignore", ImportWarning, ""),
                          ("ignore", ResourceWarning, ""))


class _TimeLimitReached(BaseException):
    """Raised by the alarm inside a run that took too long (a BaseException, so the CLI's own `except
    Exception` cannot turn it into an "internal error" line)."""


def cli_command() -> list[str]:
    """The installed `profilekit` entry point beside this Python, else `python -m profilekit`."""
    script = Path(sys.executable).with_name("profilekit")
    if script.exists():
        return [str(script)]
    found = shutil.which("profilekit")
    if found and Path(found).parent == Path(sys.executable).parent:
        return [found]
    return [sys.executable, "-m", "profilekit"]


def process_environment(**overrides: str) -> dict[str, str]:
    """The environment of a real run: this one, the checkout first on the import path, a wide terminal."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": COLUMNS, **overrides}


def run_cli_process(*args: str, cwd: Path | None = None, input: str | None = None, timeout: float = 120,
                    stdout: int | None = None, stderr: int | None = None,
                    env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed entry point as a real process. Output is captured, unless `stdout` or `stderr` (a
    file descriptor such as /dev/full's) takes it; a run longer than `timeout` is killed (TimeoutExpired)."""
    return subprocess.run([*cli_command(), *args], cwd=cwd or ROOT, input=input, text=True, timeout=timeout,
                          stdout=subprocess.PIPE if stdout is None else stdout,
                          stderr=subprocess.PIPE if stderr is None else stderr,
                          env=process_environment() if env is None else env, check=False)


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `profilekit ARGS` in this process, as the entry point would (profilekit.cli.main), in `cwd`
    (default: the checkout) with `input` on standard input; a run longer than `timeout` seconds raises
    subprocess.TimeoutExpired, as for a process."""
    _refuse_startup_variables(args)
    saved_environment, saved_cwd = dict(os.environ), os.getcwd()
    root_logger = logging.getLogger()
    saved_handlers = root_logger.handlers[:]
    runner = CliRunner(charset="utf-8", catch_exceptions=False)
    try:
        with runner.isolation(input=input, env={"COLUMNS": COLUMNS}) as (out, err, _mixed):
            click.formatting.FORCED_WIDTH = None  # CliRunner forces 80 columns; a process reads COLUMNS
            os.chdir(cwd or ROOT)
            root_logger.handlers = []  # no pytest capture handler: warnings go to stderr (logging.lastResort)
            with warnings.catch_warnings(record=True) as caught:
                warnings.resetwarnings()
                for action, category, module in _FRESH_WARNING_FILTERS:
                    warnings.filterwarnings(action, category=category, module=module, append=True)
                returncode = _run_main(list(args), timeout)
                for warning in caught:
                    sys.stderr.write(warnings.formatwarning(warning.message, warning.category, warning.filename,
                                                            warning.lineno, warning.line))
            sys.stdout.flush()
            sys.stderr.flush()
            stdout, stderr = out.getvalue(), err.getvalue()
    finally:
        os.chdir(saved_cwd)
        root_logger.handlers = saved_handlers
        if dict(os.environ) != saved_environment:  # e.g. main()'s os.environ.setdefault(...)
            os.environ.clear()
            os.environ.update(saved_environment)
    return subprocess.CompletedProcess(["profilekit", *args], returncode, _as_text(stdout), _as_text(stderr))


def _run_main(args: list[str], timeout: float) -> int:
    """profilekit.cli.main(args) and the exit status a process would end with."""
    try:
        with _time_limit(timeout):
            return _exit_status(main(args))
    except SystemExit as exc:
        return _exit_status(exc.code)
    except _TimeLimitReached:
        raise subprocess.TimeoutExpired(["profilekit", *args], timeout) from None
    except Exception:  # what Python does with an uncaught exception (e.g. with --debug): traceback, exit 1
        traceback.print_exc(file=sys.stderr)
        return 1


def _exit_status(code: object) -> int:
    """The status `sys.exit(code)` gives a process: None is 0, an int its low byte, anything else is
    printed on standard error and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the run after `seconds` (SIGALRM; also interrupts a blocking open() of a FIFO)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _TimeLimitReached

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _refuse_startup_variables(args: tuple[str, ...]) -> None:
    """A limit set in the environment after profilekit was imported would be ignored in-process: such a
    test must use run_cli_process, or it would test the default limit while believing it tests its own."""
    changed = [name for name in STARTUP_VARIABLES if os.environ.get(name) != _STARTUP_VALUES[name]]
    if changed:
        raise RuntimeError(f"profilekit {' '.join(args)}: {', '.join(changed)} is read at import time; "
                           "run this case with run_cli_process")


def _as_text(data: bytes) -> str:
    """Bytes decoded as `subprocess.run(text=True)` does under a UTF-8 locale (universal newlines)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
