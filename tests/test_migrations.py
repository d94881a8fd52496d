"""A database of the first release is upgraded in place: rows, history and undo survive."""

from __future__ import annotations

import os
import shutil

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, func, insert, select, text

from kumppanuus.store import CannotUndo, Store, db, migrate
from tests.cli_support import run_cli
from tests.conftest import ROOT, TEST_DATABASE_URL, _fresh_database

#: Upgrades start from a first-release database or from nothing, never from the seeded template.
pytestmark = pytest.mark.empty_database

FIXTURE = ROOT / "tests" / "fixtures" / "release1.db"
BASELINE = "0001_release1"


def _copy_rows(source_url: str, target_url: str) -> None:
    """The fixture's rows into a first-release schema on another backend (PostgreSQL)."""
    source, target = db.engine_for(source_url), db.engine_for(target_url)
    tables = MetaData()
    tables.reflect(source)
    with source.connect() as src, target.begin() as dst:
        for table in tables.sorted_tables:
            rows = [dict(r) for r in src.execute(select(table)).mappings()]
            if rows:
                dst.execute(insert(table), rows)
            if "id" in table.c and dst.dialect.name == "postgresql":
                dst.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                 f"(SELECT coalesce(max(id), 1) FROM {table.name}))"))


def _first_release(folder, url: str | None) -> str:
    """A database exactly as the first release left it (its tables, no alembic_version): a copy
    of the fixture in `folder`, on PostgreSQL its rows in the empty database `url`."""
    copy = folder / "release1.db"
    shutil.copy(FIXTURE, copy)
    if not TEST_DATABASE_URL:
        return f"sqlite:///{copy}"
    engine = db.engine_for(url)
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), BASELINE)
        conn.execute(text("DROP TABLE alembic_version"))
    _copy_rows(f"sqlite:///{copy}", url)
    return url


@pytest.fixture
def first_release_url(tmp_path) -> str:
    """A first-release database of the test's own (PostgreSQL: this worker's empty database)."""
    return _first_release(tmp_path, os.environ.get("DATABASE_URL"))


@pytest.fixture(scope="module")
def upgraded_first_release(tmp_path_factory) -> Store:
    """One first-release database opened (so upgraded) once, for the tests that only read what
    the upgrade made of it. PostgreSQL: a database of the module's own, which the tests' own
    databases never drop."""
    folder = tmp_path_factory.mktemp("release1")
    url = _fresh_database(folder, None, module=True) if TEST_DATABASE_URL else None
    return Store(_first_release(folder, url))


@pytest.fixture(scope="module")
def new_database(module_environment) -> Store:
    """One new database that every revision built (and the seed filled), for tests that read it."""
    with module_environment(empty=True) as store:
        return store


def _count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(text(table))).scalar_one()


def test_the_fixture_is_a_first_release_database_without_a_version(first_release_url):
    engine = db.engine_for(first_release_url)
    assert migrate.current(engine) is None
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM imports")).scalar_one() == 4


def test_opening_a_first_release_database_upgrades_it_keeping_every_row(upgraded_first_release):
    store = upgraded_first_release
    assert migrate.current(store.engine) == migrate.head()
    assert _count(store, "scores") == 2 and _count(store, "contacts") == 29
    assert _count(store, "feedback") == 0  # import 4 had been undone
    history = store.history().sort_values("id")
    assert history["kind"].tolist() == ["scores", "contacts", "scores", "feedback"]
    assert history["user"].tolist() == ["maija", "maija", "ville", "ville"]
    assert history["undone_at"].isna().tolist() == [True, True, True, False]


def test_an_earlier_import_can_still_be_undone_after_the_upgrade(first_release_url):
    store = Store(first_release_url)
    scores = store.export_frame("scores").set_index("criterion")
    assert (scores.loc[1, "mean"], scores.loc[1, "n"]) == (4.25, 16)
    store.undo_import(3)
    scores = store.export_frame("scores").set_index("criterion")
    assert (scores.loc[1, "mean"], scores.loc[1, "n"]) == (3.5, 12)
    store.undo_import(2)
    contacts = store.export_frame("contacts", include_personal=True).set_index("name")
    assert contacts.loc["Päivi Kultalahti", "email"] == "paivi.kultalahti@aisapari.net"
    store.undo_import(1)
    assert _count(store, "scores") == 0
    with pytest.raises(CannotUndo):
        store.undo_import(4)


def test_migrate_upgrades_once_and_a_second_run_changes_nothing(first_release_url):
    env = {"DATABASE_URL": first_release_url}
    first = run_cli("migrate", env=env)
    assert first.returncode == 0, first.stderr
    assert migrate.head() in first.stdout and "päivitetty" in first.stdout
    second = run_cli("migrate", env=env)
    assert second.returncode == 0 and "mitään ei muutettu" in second.stdout
    assert _count(Store(first_release_url, seed_data=False), "scores") == 2


def test_migrate_exits_1_for_a_database_from_a_newer_version(store):
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    result = run_cli("migrate")
    assert result.returncode == 1
    assert "from_the_future" in result.stderr and "Traceback" not in result.stderr


def test_init_upgrades_a_first_release_database_and_seeds_nothing_twice(first_release_url):
    result = run_cli("init", env={"DATABASE_URL": first_release_url})
    # the one thing the second release adds to the seed: the report's discussion highlights
    assert result.returncode == 0 and "keskustelupoiminnat ladattu" in result.stdout
    assert migrate.current(db.engine_for(first_release_url)) == migrate.head()
    again = run_cli("init", env={"DATABASE_URL": first_release_url})
    assert again.returncode == 0 and "mitään ei muutettu" in again.stdout


def test_the_models_match_the_migrated_schema_exactly(new_database):
    with new_database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={
            "compare_type": True, "include_name": migrate.include_name})
        diff = compare_metadata(context, db.Base.metadata)
    assert diff == []


def test_a_new_database_gets_every_revision(new_database):
    assert migrate.current(new_database.engine) == migrate.head()
    assert _count(new_database, "municipalities") > 0


def test_an_upgraded_first_release_database_gets_the_spring_2021_partners_and_facts(
        upgraded_first_release):
    store = upgraded_first_release
    facts = store.frame("round_facts").set_index("fact")
    assert facts.loc["associations", "value"] == 4082
    assert "Kuntayhtymä Kaksineuvoinen" in set(store.frame("organisations")["name"])
    assert _count(store, "scores") == 2  # and nothing else changed


def test_an_upgraded_first_release_contacts_import_belongs_to_spring_2021(
        upgraded_first_release):
    store = upgraded_first_release
    rounds = store.history().set_index("kind")["round"]
    assert rounds["contacts"] == "kevät 2021"  # the newest round when it was made
    assert rounds.drop("contacts").isna().all()  # other kinds' rows name their round
    from kumppanuus import liaisons

    spring = liaisons.history_of(store).roster("kevät 2021").set_index("name")
    assert spring.loc["Päivi Kultalahti", "import_id"] == 2  # import 2 is spring's roster
