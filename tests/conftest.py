"""Shared fixtures: every test gets its own SQLite database and upload folder.

Also two rules for the whole run:
- Parallel by default: with pytest-xdist installed, `python3 -m pytest` runs on every core
  (`-n auto`); `-n 0` or `-p no:xdist` runs in one process. (Set here rather than in
  pyproject's addopts, so that `-p no:xdist` still works.) Every fixture is per worker: each
  test has its own tmp_path database, upload folder and cache; each worker its own server on a
  free port.
- Under `CI=true` nothing skips: a test that would skip because a prerequisite is missing
  (Chromium, ../shared, PostgreSQL, HAProxy) fails the run instead, saying what is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").strip().lower() == "true"


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """`-n auto` unless the command line chose (`-n N`) or xdist is switched off. Not on
    PostgreSQL (`KUMPPANUUS_TEST_DATABASE_URL`): every test there empties the one database."""
    if os.environ.get("KUMPPANUUS_TEST_DATABASE_URL") or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    if config.pluginmanager.hasplugin("xdist") and getattr(
            config.option, "numprocesses", 0) is None:
        config.option.numprocesses = "auto"


def pytest_make_parametrize_id(config, val, argname):
    """Bytes parameters get a short id of their own, never their content: generated files (a
    DOCX carries its creation time) would otherwise give each xdist worker other test ids."""
    if isinstance(val, (bytes, bytearray)):
        return f"{argname}-{len(val)}b"
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skip is a failure: CI must never pass by not running a test."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"CI=true: a prerequisite is missing, so this test would skip: {reason}"

# Browser fixtures are registered once here: one Streamlit server and one Chromium per session.
from tests.browser_support import app_url, browser, browser_page  # noqa: E402,F401


#: Set to a PostgreSQL URL (e.g. postgresql+psycopg://user:pw@127.0.0.1/kktest) to run the
#: suite against PostgreSQL: every test starts from an empty schema there.
TEST_DATABASE_URL = os.environ.get("KUMPPANUUS_TEST_DATABASE_URL", "")


def _worker_database(url: str) -> str:
    """Under xdist each worker gets a database of its own on the same server (`<name>_gw0`…),
    created on first use, so parallel tests never drop each other's tables."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    from sqlalchemy import create_engine, make_url, text

    parsed = make_url(url)
    name = f"{parsed.database}_{worker}"
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def _fresh_database(tmp_path) -> str:
    if not TEST_DATABASE_URL:
        return f"sqlite:///{tmp_path / 'test.db'}"
    import streamlit as st
    from sqlalchemy import MetaData

    from kumppanuus.store import db

    url = _WORKER_URL.setdefault("url", _worker_database(TEST_DATABASE_URL))
    engine = db.engine_for(url)
    everything = MetaData()  # every table, alembic_version and later revisions' tables too
    everything.reflect(engine)
    everything.drop_all(engine)
    st.cache_resource.clear()  # the app caches one Store per URL; this URL is reused
    st.cache_data.clear()
    return url


_WORKER_URL: dict[str, str] = {}


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """No test touches data/kumppanuus.db or a real staff file."""
    monkeypatch.setenv("DATABASE_URL", _fresh_database(tmp_path))
    monkeypatch.setenv("KUMPPANUUS_STAFF_FILE", str(tmp_path / "staff.toml"))
    monkeypatch.setenv("KUMPPANUUS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def store(isolated_environment):
    from kumppanuus.store import Store

    return Store()
