"""Opening pages in AppTest the way a user does, without paying for what the test never reads.

* `open_page("pages/poydat.py")` opens app.py at that page's URL, as a deep link (/poydat) does:
  the first run runs the page through app.py's navigation (`ui.nav.run_app_instead`: the page
  config, the shared sidebar, the login gate). The older way, `at.run()` and then
  `switch_page(...)`, drew the whole map page first (about 1 CPU s of every page test) for a
  tree the test then threw away. Without a page it opens the root URL: the map.
* `reading` (with `read_only_database`; import both into the test module): the test's pages
  read one seeded database the module's tests share instead of the test's own copy. The app
  caches rows and built views per database URL (ui.data, ui.views), so only the module's first
  page builds its charts; later tests, each with a session (AppTest) of its own, draw them from
  the cache as a busy server does. Only for tests that write nothing: clicking, filtering,
  changing the language or logging in through the session state are fine; an import, an undo,
  a login form (it records the attempt) or `auth.add_user` are not. The module's teardown
  fails if any row of the shared database changed.
* `shared_page(read_only_database, page, ...)` renders one page once for a module's tests that
  only read what it shows or set their own choice first (a tab). Its reruns must read the
  database it was rendered from: `page.run(**state)` does that.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = ROOT / "app.py"
#: What `module_environment` sets; a test reading the shared database sets the same.
ENVIRONMENT = ("DATABASE_URL", "KUMPPANUUS_STAFF_FILE", "KUMPPANUUS_CACHE_DIR")


def open_page(page: str | None = None, *, query: dict[str, str] | None = None,
              timeout: float = 90, **state) -> AppTest:
    """app.py at `page` ("pages/x.py"; None: the root URL, the map) with the URL's `query`
    parameters and the session's `state` set before the first run, run once, no exception."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    for key, value in state.items():
        at.session_state[key] = value
    if page:
        at.switch_page(page)  # before the first run: the page's own URL, as a deep link
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


class SharedDatabase:
    """The environment (database, staff file, cache folder) of one module's read-only database."""

    def __init__(self, environment: dict[str, str], store):
        self.values = environment
        self.store = store

    @contextlib.contextmanager
    def environment(self) -> Iterator[None]:
        with pytest.MonkeyPatch.context() as patch:
            self.use(patch)
            yield

    def use(self, monkeypatch) -> SharedDatabase:
        """For the rest of a test (its `monkeypatch`), pages read this database."""
        for name, value in self.values.items():
            monkeypatch.setenv(name, value)
        return self


@contextlib.contextmanager
def shared_database(module_environment, prepare=None) -> Iterator[SharedDatabase]:
    """A module's database for tests that write nothing: seeded, plus what `prepare(store)`
    writes; fails at the end if any test wrote into it (any row changed)."""
    with module_environment() as store:
        if prepare is not None:
            prepare(store)
        shared = SharedDatabase({name: os.environ[name] for name in ENVIRONMENT}, store)
        before = fingerprint(store)
    yield shared
    assert fingerprint(shared.store) == before, "a test wrote into the shared read-only database"


def fingerprint(store) -> str:
    """Every row of every table (SQLite: its SQL dump), else the data versions of the imports."""
    if not store.url.startswith("sqlite:///"):
        return repr(store.versions())
    with contextlib.closing(sqlite3.connect(store.url.removeprefix("sqlite:///"))) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def read_only_database(module_environment) -> Iterator[SharedDatabase]:
    """The seeded database the module's tests that write nothing share (see the docstring)."""
    with shared_database(module_environment) as shared:
        yield shared


@pytest.fixture
def reading(read_only_database, monkeypatch) -> SharedDatabase:
    """This test's pages read the module's shared read-only database."""
    return read_only_database.use(monkeypatch)


class SharedPage:
    """One rendered AppTest and the read-only database it was rendered from."""

    def __init__(self, at: AppTest, database: SharedDatabase):
        self.at = at
        self.database = database

    def run(self, **state) -> AppTest:
        """Set `state` in the session and rerun on the page's own database."""
        with self.database.environment():
            for key, value in state.items():
                self.at.session_state[key] = value
            self.at.run()
        assert not self.at.exception, [e.value for e in self.at.exception]
        return self.at


def shared_page(database: SharedDatabase, page: str | None = None, **kwargs) -> SharedPage:
    """`open_page(page, **kwargs)` on `database` (a module's `read_only_database`)."""
    with database.environment():
        return SharedPage(open_page(page, **kwargs), database)
