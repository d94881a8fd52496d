"""The suite's own rules: under CI=true a missing prerequisite fails the run; elsewhere it skips
and `-rs` says why; the suite runs in parallel unless told otherwise.

Each check reads the report of a real inner `python -m pytest` run of one geo test without its
boundary files. Two inner runs serve all three checks (module-scoped, they only read the
reports): the default run outside CI (on every core: xdist's workers start), and a run under
CI=true with `-p no:xdist` (in one process). The inner runs switch off the plugins these checks
do not touch (hypothesis, typeguard, anyio: about a CPU second of imports in each process);
xdist and the project's conftest stay as a user's run has them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

ONE_GEO_TEST = ["tests/test_geo.py", "-k", "eighteen_region_municipalities", "-vv"]
UNUSED_PLUGINS = ["-p", "no:hypothesispytest", "-p", "no:typeguard", "-p", "no:anyio"]
NO_BOUNDARIES = {"KUMPPANUUS_GEO_DIR": "/nonexistent/geo"}


def run_pytest(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_XDIST_WORKER")}
    return subprocess.run([sys.executable, "-m", "pytest", *args, *UNUSED_PLUGINS], cwd=ROOT,
                          text=True, capture_output=True, env=environment | env, timeout=300)


@pytest.fixture(scope="module")
def outside_ci() -> subprocess.CompletedProcess:
    """The geo test without boundary files, run as a user runs the suite (no options)."""
    return run_pytest(*ONE_GEO_TEST, **NO_BOUNDARIES)


@pytest.fixture(scope="module")
def under_ci_in_one_process() -> subprocess.CompletedProcess:
    """The same test under CI=true, with xdist switched off."""
    return run_pytest(*ONE_GEO_TEST, "-p", "no:xdist", CI="true", **NO_BOUNDARIES)


def test_a_missing_boundary_folder_fails_the_run_under_ci(under_ci_in_one_process):
    result = under_ci_in_one_process
    assert result.returncode != 0, result.stdout
    assert "CI=true: a prerequisite is missing" in result.stdout
    assert re.search(r"\b1 (failed|error)\b", result.stdout), result.stdout  # it ran


def test_outside_ci_the_same_test_skips_and_the_report_says_why(outside_ci):
    result = outside_ci
    assert result.returncode == 0, result.stdout
    assert "SKIPPED" in result.stdout and "boundary files not found" in result.stdout


def test_the_suite_runs_on_every_core_by_default(outside_ci, under_ci_in_one_process):
    assert "workers [1 item]" in outside_ci.stdout, outside_ci.stdout  # any worker may run it
    serial = under_ci_in_one_process  # -p no:xdist: no workers, and the test still ran
    assert "workers [" not in serial.stdout, serial.stdout
    assert re.search(r"\b1 (failed|error)\b", serial.stdout), serial.stdout


def test_no_test_module_importorskips_the_project():
    pattern = re.compile(r"importorskip\(\s*[\"'](kumppanuus|geo|ui)\b")
    offenders = [p.name for p in (ROOT / "tests").glob("*.py")
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
