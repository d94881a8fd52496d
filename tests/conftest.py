"""Shared fixtures: every test gets its own SQLite database and upload folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """No test touches data/kumppanuus.db, data/uploads or a real staff file."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'test.db'}")
    monkeypatch.setenv("KUMPPANUUS_UPLOAD_DIR", str(tmp_path / "uploads"))
    monkeypatch.setenv("KUMPPANUUS_STAFF_FILE", str(tmp_path / "staff.toml"))
    monkeypatch.setenv("KUMPPANUUS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def store(isolated_environment):
    from kumppanuus.store import Store

    return Store()
