"""Running the command line as a user would: a subprocess in the repository."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def run_cli(*args, env=None, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "kumppanuus", *args], cwd=ROOT, capture_output=True,
        text=True, env={**os.environ, **(env or {})}, timeout=120, input=stdin,
    )
