"""The suite's own rules: under CI=true a missing prerequisite fails the run; elsewhere it skips
and `-rs` says why; the suite runs in parallel unless told otherwise."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import ROOT

ONE_GEO_TEST = ["tests/test_geo.py", "-k", "eighteen_region_municipalities", "-n", "0"]


def run_pytest(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_XDIST_WORKER")}
    return subprocess.run([sys.executable, "-m", "pytest", *args], cwd=ROOT, text=True,
                          capture_output=True, env=environment | env, timeout=300)


def test_a_missing_boundary_folder_fails_the_run_under_ci():
    result = run_pytest(*ONE_GEO_TEST, CI="true", KUMPPANUUS_GEO_DIR="/nonexistent/geo")
    assert result.returncode != 0, result.stdout
    assert "CI=true: a prerequisite is missing" in result.stdout


def test_outside_ci_the_same_test_skips_and_the_report_says_why():
    result = run_pytest(*ONE_GEO_TEST, KUMPPANUUS_GEO_DIR="/nonexistent/geo")
    assert result.returncode == 0, result.stdout
    assert "SKIPPED" in result.stdout and "boundary files not found" in result.stdout


def test_the_suite_runs_on_every_core_by_default():
    result = run_pytest("tests/test_ci_rules.py", "-k", "importorskip", "-vv")
    assert result.returncode == 0 and "workers [1 item]" in result.stdout, result.stdout  # any worker may run it
    serial = run_pytest("tests/test_ci_rules.py", "-k", "importorskip", "-vv", "-p", "no:xdist")
    assert serial.returncode == 0 and "workers [" not in serial.stdout, serial.stdout


def test_no_test_module_importorskips_the_project():
    pattern = re.compile(r"importorskip\(\s*[\"'](kumppanuus|geo|ui)\b")
    offenders = [p.name for p in (ROOT / "tests").glob("*.py")
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
