"""The child side of tests/test_import_footprint.py: one forked `python -m kumppanuus …` run
(`tests.cli_child.run`) that then names which of the given libraries the process has loaded.

A forked run starts with what the fork server imported (the CLI's modules, as a fresh
`import kumppanuus.__main__` has them) and adds what the command imports, so it names every
library a fresh interpreter running the same command would load. Kept free of pytest and of the
test suite's modules, like tests/cli_child.py.
"""

from __future__ import annotations

import sys

from tests import cli_child


def run(args: list[str], env: dict[str, str], cwd: str, streams: tuple[str, str, str],
        libraries: list[str]) -> None:
    """`cli_child.run`, then `exit CODE loaded LIB,…` (or `loaded -`) as stderr's last line."""
    code = 0
    try:
        cli_child.run(args, env, cwd, streams)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        raise
    finally:
        loaded = sorted({m.split(".")[0] for m in sys.modules} & set(libraries))
        print("exit", code, "loaded", ",".join(loaded) or "-", file=sys.stderr)
        sys.stderr.flush()
