"""Running the command line as a user would: a process of its own in the repository.

`run_cli(*args)` is `python -m kumppanuus ARGS` with the test's environment (plus `env`), the
repository as working folder, `stdin` as its input, and its own stdout, stderr and exit code
(a `subprocess.CompletedProcess`). Each call is a new process, but not a new interpreter: it is
forked from a server (multiprocessing's forkserver) that imported the CLI's modules once, which
saves the ~2 CPU seconds of importing pandas, pandera, SQLAlchemy and alembic per call. The
package reads its settings at call time (kumppanuus.config), so the forked process sees the
environment given here. `fresh_interpreter=True` starts a real `python -m kumppanuus` instead;
tests/test_cli_support.py checks that both give the same output and exit codes.
"""

from __future__ import annotations

import atexit
import locale
import multiprocessing
import os
import subprocess
import sys
import tempfile
import types
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT

TIMEOUT = 120
_FORKSERVER: list = []


def _context():
    if not _FORKSERVER:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["tests.cli_child"])
        _FORKSERVER.append(context)
        atexit.register(_stop_forkserver)
    return _FORKSERVER[0]


def _stop_forkserver() -> None:
    """Stop and reap the fork server at exit, so no process is left behind and its CPU time
    (and its children's) is counted in this process's (`/usr/bin/time`)."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)  # CPython 3.8+
    if stop is not None:
        stop()


@contextmanager
def _no_main_script():
    """A blank `__main__` while a child starts. multiprocessing re-runs the parent's main
    script in every child it starts (as `__mp_main__`, spawn.get_preparation_data), and
    Streamlit's script runner (every AppTest) leaves the last script it ran as `__main__`: each
    forked CLI run then ran app.py or a page first, or failed on a bare benchmark script since
    deleted (27 CLI tests in one CI run, exit 1 with no output). The CLI needs nothing of it."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _text(data: bytes) -> str:
    """What `subprocess.run(text=True)` makes of a process's output (universal newlines)."""
    return data.decode(locale.getpreferredencoding(False)).replace("\r\n", "\n").replace("\r", "\n")


def run_cli(*args, env=None, stdin=None, fresh_interpreter=False, child=None, child_args=()):
    """`child` (default `tests.cli_child.run`): the forked process's function, a module-level
    one that takes cli_child.run's arguments and then `child_args` (e.g.
    tests/footprint_child.py, which also names the libraries the run loaded)."""
    environment = {**os.environ, **(env or {})}
    if fresh_interpreter:
        return subprocess.run(
            [sys.executable, "-m", "kumppanuus", *args], cwd=ROOT, capture_output=True,
            text=True, env=environment, timeout=TIMEOUT, input=stdin,
        )
    from tests import cli_child

    with tempfile.TemporaryDirectory(prefix="kk-cli-") as tmp:
        streams = tuple(str(Path(tmp) / name) for name in ("stdin", "stdout", "stderr"))
        Path(streams[0]).write_bytes((stdin or "").encode(locale.getpreferredencoding(False)))
        Path(streams[1]).touch()
        Path(streams[2]).touch()
        process = _context().Process(target=child or cli_child.run,
                                     args=([str(a) for a in args], environment, str(ROOT), streams,
                                           *child_args))
        with _no_main_script():
            process.start()
        process.join(TIMEOUT)
        if process.exitcode is None:
            process.kill()
            process.join()
            raise subprocess.TimeoutExpired(["python", "-m", "kumppanuus", *args], TIMEOUT)
        out, err = (_text(Path(p).read_bytes()) for p in streams[1:])
    return subprocess.CompletedProcess(["python", "-m", "kumppanuus", *map(str, args)],
                                       process.exitcode, out, err)
