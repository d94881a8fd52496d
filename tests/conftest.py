"""Shared fixtures: every test gets its own SQLite database and upload folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Browser fixtures are registered once here: one Streamlit server and one Chromium per session.
from tests.browser_support import app_url, browser, browser_page  # noqa: E402,F401


#: Set to a PostgreSQL URL (e.g. postgresql+psycopg://user:pw@127.0.0.1/kktest) to run the
#: suite against PostgreSQL: every test starts from an empty schema there.
TEST_DATABASE_URL = os.environ.get("KUMPPANUUS_TEST_DATABASE_URL", "")


def _fresh_database(tmp_path) -> str:
    if not TEST_DATABASE_URL:
        return f"sqlite:///{tmp_path / 'test.db'}"
    import streamlit as st
    from sqlalchemy import MetaData

    from kumppanuus.store import db

    engine = db.engine_for(TEST_DATABASE_URL)
    everything = MetaData()  # every table, alembic_version and later revisions' tables too
    everything.reflect(engine)
    everything.drop_all(engine)
    st.cache_resource.clear()  # the app caches one Store per URL; this URL is reused
    st.cache_data.clear()
    return TEST_DATABASE_URL


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """No test touches data/kumppanuus.db, data/uploads or a real staff file."""
    monkeypatch.setenv("DATABASE_URL", _fresh_database(tmp_path))
    monkeypatch.setenv("KUMPPANUUS_UPLOAD_DIR", str(tmp_path / "uploads"))
    monkeypatch.setenv("KUMPPANUUS_STAFF_FILE", str(tmp_path / "staff.toml"))
    monkeypatch.setenv("KUMPPANUUS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def store(isolated_environment):
    from kumppanuus.store import Store

    return Store()
