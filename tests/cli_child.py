"""The child side of `tests.cli_support.run_cli`: one `python -m kumppanuus …` run in a process
forked from the fork server, which imported this module (and so the CLI's modules) once.

Kept free of pytest and of the test suite's modules: the fork server imports only this.
"""

from __future__ import annotations

import atexit
import os
import runpy
import sys

import kumppanuus.__main__  # noqa: F401  the CLI's imports (pandas, pandera, SQLAlchemy, alembic)


def run(args: list[str], env: dict[str, str], cwd: str, streams: tuple[str, str, str]) -> None:
    """As the interpreter would: this environment, folder and argv; fds 0/1/2 on the given
    files; `kumppanuus` run as `__main__`. The exit code is the process's: multiprocessing turns
    SystemExit into it, an uncaught exception is printed by sys.excepthook and gives 1."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    encoding = env.get("PYTHONIOENCODING", "").split(":")[0] or sys.__stdout__.encoding
    for fd, path, flags in zip((0, 1, 2), streams,
                               (os.O_RDONLY, os.O_WRONLY | os.O_TRUNC, os.O_WRONLY | os.O_TRUNC)):
        opened = os.open(path, flags)
        os.dup2(opened, fd)
        os.close(opened)
    # the streams as the interpreter makes them on Linux (no newline translation)
    sys.stdin = open(0, "r", encoding=encoding, errors=sys.__stdin__.errors, newline="\n",
                     closefd=False)
    sys.stdout = open(1, "w", encoding=encoding, errors=sys.__stdout__.errors, newline="\n",
                      closefd=False)
    sys.stderr = open(2, "w", encoding=encoding, errors="backslashreplace", newline="\n",
                      closefd=False, buffering=1)
    sys.argv = ["-m", *args]  # runpy puts the module's path first, as `python -m` does
    sys.modules.pop("kumppanuus.__main__", None)  # run afresh as __main__, its imports cached
    try:
        runpy.run_module("kumppanuus", run_name="__main__", alter_sys=True)
    except SystemExit:
        raise
    except BaseException:
        sys.excepthook(*sys.exc_info())
        raise SystemExit(1) from None
    finally:
        atexit._run_exitfuncs()
