"""Shared fixtures: every test gets its own database (a copy of a seeded template), staff file
and upload folder.

Two rules for the whole run:
- Parallel by default: with pytest-xdist installed, `python3 -m pytest` runs on every core
  (`-n auto`); `-n 0` or `-p no:xdist` runs in one process. (Set here rather than in
  pyproject's addopts, so that `-p no:xdist` still works.) Every fixture is per worker: each
  test has its own tmp_path database, staff file and upload folder; each worker its own server
  on a free port.
- Under `CI=true` nothing skips: a test that would skip because a prerequisite is missing
  (Chromium, ../shared, PostgreSQL, HAProxy) fails the run instead, saying what is missing.

What keeps the suite fast (the issue asks for under 3 minutes on 2 cores) — use it in new tests:
- The database: `isolated_environment` (autouse) points DATABASE_URL at a copy of a template
  that every migration and the spring 2021 seed built once per worker (`database_template`),
  so `Store()` or a page finds a seeded database without migrating or seeding again. A test
  about a first run (`init` loading the seed, a migration from nothing, another region's seed)
  says `@pytest.mark.empty_database` and gets an empty database as before.
- The command line: `tests.cli_support.run_cli` forks each `python -m kumppanuus` from a server
  that imported the CLI once (~0.2 s instead of ~2 CPU s a call); it is still a process of its
  own with its environment, stdin, stdout, stderr and exit code.
- The map geometry cache (KUMPPANUUS_CACHE_DIR) is one folder per worker (`shared_cache_dir`):
  its files are keyed by their inputs, so the first map page of a worker computes the geometry
  and later ones read it.
- A real browser: `app_url` and `browser` (tests/browser_support.py) are one Streamlit server
  and one Chromium per worker. A test that opens its own page uses `tab` (one tab per worker,
  reset for each test: a fresh document and Streamlit session, ~2.5 CPU s cheaper than a new
  context); tests that read one view share its load (`shared_view`); `browser_page` (a new
  context) only where cookies or listeners must be its own.
  Wait for the run (`run_over`, `settled`), never a fixed time.
- Folders: `tmp_path` and each test's database folder come from `tempfile` under one folder per
  worker (pytest's own numbering lists the whole base folder for every new one).
- AppTest: one behaviour per test, but when several tests only read the same rendered page,
  render it once in a module-scoped fixture (see tests/test_page_scores.py) instead of per test.
- Module order: the modules in SLOW_FIRST start first, so a long serial chain (the service test's
  cluster, the pytest-in-pytest checks) never ends the run on one worker while the other idles.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
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


#: Modules with the longest serial chains, started first (stable order otherwise).
SLOW_FIRST = ("test_cluster.py", "test_ci_rules.py")


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: item.path.name not in SLOW_FIRST)


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

@pytest.fixture(scope="session", autouse=True)
def _one_component_scan():
    """Every AppTest of a worker shares one scan for Streamlit components and one script cache
    (as a server's sessions do): tests/apptest_support.py. Saves ~0.3 CPU s per AppTest a test
    opens and ~25 CPU ms per run."""
    from tests.apptest_support import share_component_scan, share_script_cache

    share_component_scan()
    share_script_cache()


# Browser fixtures are registered once here: one Streamlit server and one Chromium per session.
from tests.browser_support import app_url, browser, browser_page  # noqa: E402,F401


#: Set to a PostgreSQL URL (e.g. postgresql+psycopg://user:pw@127.0.0.1/kktest) to run the
#: suite against PostgreSQL: every test starts from a fresh copy of the seeded template there.
TEST_DATABASE_URL = os.environ.get("KUMPPANUUS_TEST_DATABASE_URL", "")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "empty_database: this test starts from a database no Store has opened yet "
                   "(no schema, no seed), not from a copy of the seeded template")


def _worker_database(url: str, suffix: str = "") -> str:
    """Under xdist each worker gets databases of its own on the same server (`<name>_gw0`…),
    so parallel tests never drop each other's tables."""
    from sqlalchemy import make_url

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    parsed = make_url(url)
    name = "_".join(p for p in (parsed.database, worker, suffix) if p)
    return parsed.set(database=name).render_as_string(hide_password=False)


def _recreate_pg_database(url: str, template: str | None) -> None:
    """Drop `url`'s database (its pooled connections first) and create it again, empty or as a
    copy of `template` (PostgreSQL's CREATE DATABASE … TEMPLATE copies the files: no migration,
    no seed)."""
    from sqlalchemy import create_engine, make_url, text

    from kumppanuus.store import db

    db.engine_for(url).dispose()
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        source = f' TEMPLATE "{make_url(template).database}"' if template else ""
        conn.execute(text(f'CREATE DATABASE "{parsed.database}"{source}'))
    admin.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory) -> str:
    """The seeded database, built once per worker (`Store(url)`: every migration, then the
    spring 2021 seed) and copied for each test by `isolated_environment`. SQLite: a file;
    PostgreSQL: a database `<name>_<worker>_template`. Returns its URL."""
    from kumppanuus.store import Store, db

    if TEST_DATABASE_URL:
        url = _worker_database(TEST_DATABASE_URL, "template")
        _recreate_pg_database(url, None)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('template') / 'template.db'}"
    Store(url).engine.dispose()
    db.engine_for(url).dispose()
    if not TEST_DATABASE_URL:  # one self-contained file (no -wal beside it) to copy
        import sqlite3
        from contextlib import closing

        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")
    return url


_MODULE_DATABASES = itertools.count()


def _fresh_database(folder, template: str | None, *, module: bool = False) -> str:
    """A database in `folder`: a copy of `template`, or empty when `template` is None.
    PostgreSQL: the worker's test database, recreated; with `module`, a database of its own
    (`…_module<n>`), which the tests' own databases never drop while the module reads it."""
    if not TEST_DATABASE_URL:
        path = folder / "test.db"
        if template:
            shutil.copyfile(template.removeprefix("sqlite:///"), path)
        return f"sqlite:///{path}"
    import streamlit as st

    suffix = f"module{next(_MODULE_DATABASES)}" if module else ""
    url = _worker_database(TEST_DATABASE_URL, suffix)
    _recreate_pg_database(url, template)
    st.cache_resource.clear()  # the app caches one Store per URL; this URL is reused
    st.cache_data.clear()
    return url


@pytest.fixture(scope="session")
def database_folders(tmp_path_factory) -> Path:
    """The folder that holds each test's database folder (one per worker)."""
    return tmp_path_factory.mktemp("databases")


@pytest.fixture(scope="session")
def _test_folders(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tests")


@pytest.fixture
def tmp_path(request, _test_folders) -> Path:
    """pytest's tmp_path, made with tempfile under one folder per worker: pytest's own lists the
    whole base folder to number each new one, a cost that grew with every test a worker ran
    (~10 ms a test late in a run). Still empty, unique and kept under the run's base folder."""
    name = "".join(c if c.isalnum() else "_" for c in request.node.name)[:30]
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=_test_folders))


@pytest.fixture(scope="session")
def shared_cache_dir(tmp_path_factory) -> Path:
    """One KUMPPANUUS_CACHE_DIR per worker. It holds only derived map geometry whose file name
    is a key of the boundary files' names, sizes and times and of the parts table
    (geo/prepared.py), so a test cannot see another test's inputs through it; a test about the
    cache itself sets its own folder."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated_environment(request, tmp_path, database_folders, monkeypatch, shared_cache_dir):
    """No test touches data/kumppanuus.db or a real staff file. The database is a copy of the
    seeded template (`@pytest.mark.empty_database`: an empty one), in a folder of its own so
    that tmp_path stays empty for the test."""
    empty = request.node.get_closest_marker("empty_database") is not None
    template = None if empty else request.getfixturevalue("database_template")
    # tempfile, not tmp_path_factory.mktemp: mktemp lists the whole base folder to number the
    # new one, so with a folder per test its cost grew with every test a worker had run
    folder = Path(tempfile.mkdtemp(prefix="db", dir=database_folders))
    monkeypatch.setenv("DATABASE_URL", _fresh_database(folder, template))
    monkeypatch.setenv("KUMPPANUUS_STAFF_FILE", str(tmp_path / "staff.toml"))
    monkeypatch.setenv("KUMPPANUUS_CACHE_DIR", str(shared_cache_dir))
    return tmp_path


@pytest.fixture(scope="module")
def module_environment(request, tmp_path_factory, shared_cache_dir):
    """For a module-scoped fixture that renders a page once for several tests that only read
    what it shows: `with module_environment() as store:` sets DATABASE_URL (a template copy of
    its own), the staff file and the cache folder for the block and gives that database's
    Store. Build the AppTest and run it inside the block; a test that clicks or changes state
    opens its own page instead (its reruns would read that test's database)."""
    @contextlib.contextmanager
    def environment(*, empty: bool = False):
        from kumppanuus.store import Store

        folder = tmp_path_factory.mktemp("module-env")
        template = None if empty else request.getfixturevalue("database_template")
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("DATABASE_URL", _fresh_database(folder, template, module=True))
            patch.setenv("KUMPPANUUS_STAFF_FILE", str(folder / "staff.toml"))
            patch.setenv("KUMPPANUUS_CACHE_DIR", str(shared_cache_dir))
            yield Store()

    return environment


@pytest.fixture
def store(isolated_environment):
    from kumppanuus.store import Store

    return Store()
