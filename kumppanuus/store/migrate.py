"""Schema migrations (Alembic), run in place on SQLite and PostgreSQL.

Every schema change is a revision under `kumppanuus/store/migrations/versions/`. `upgrade`
brings any earlier database to the newest revision, keeping every row, the import history and so
the ability to undo earlier imports. The first revision is the schema of the first release; a
database that release made has no `alembic_version` table yet, and the first revision recognises
its tables and only creates what is missing.

To add a revision (after changing `kumppanuus.store.db`):

    python -c "from kumppanuus.store import migrate; migrate.new_revision('what changed')"

and review the generated file (SQLite runs it in batch mode: copy-and-move).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_PG_LOCK = "SELECT pg_advisory_xact_lock(hashtext('kumppanuus-schema'))"


class MigrationError(Exception):
    """The database cannot be brought to this version's schema (message in Finnish)."""


@dataclass(frozen=True)
class Upgrade:
    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


#: Schema objects made by raw SQL in a revision, not by the models: the SQLite full-text index
#: (FTS5 keeps it in `search_index` and its shadow tables `search_index_*`) and PostgreSQL's
#: GIN expression indexes (revision 0003_memos).
RAW_SQL_TABLES = ("search_index",)
RAW_SQL_INDEXES = ("ix_highlights_search", "ix_memos_search", "ix_actions_search")


def include_name(name: str | None, type_: str, _parent_names) -> bool:
    """Alembic filter: leave the raw-SQL objects out of autogenerate and schema comparisons."""
    if name is None:
        return True
    if type_ == "index":
        return name not in RAW_SQL_INDEXES
    return not (type_ == "table"
                and any(name == t or name.startswith(t + "_") for t in RAW_SQL_TABLES))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config without alembic.ini: the script folder, and the connection to use."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    """The newest revision this code knows."""
    return _scripts().get_current_head()


def current(engine: Engine) -> str | None:
    """The database's revision; None for an empty database or one from the first release."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> Upgrade:
    """Bring the schema to `head()` in one transaction; running it again changes nothing."""
    before = current(engine)
    if before == head():
        return Upgrade(before, before)
    if before is not None and before not in _known():
        raise MigrationError(f"tietokannan rakenneversio {before} on uudempi tai tuntematon "
                             f"(tämä versio tuntee {head()}); päivitä sovellus")
    with _schema_transaction(engine) as conn:
        command.upgrade(alembic_config(conn), "head")
        after = MigrationContext.configure(conn).get_current_revision()
    return Upgrade(before, after)


def new_revision(message: str) -> None:  # pragma: no cover - a developer tool
    """Autogenerate a revision from the difference between the models and a fresh database."""
    import tempfile

    from kumppanuus.store import db

    with tempfile.TemporaryDirectory() as tmp:
        engine = db.engine_for(f"sqlite:///{tmp}/rev.db")
        upgrade(engine)
        with engine.begin() as conn:
            command.revision(alembic_config(conn), message=message, autogenerate=True)
        engine.dispose()


def _known() -> set[str]:
    return {script.revision for script in _scripts().walk_revisions()}


@contextmanager
def _schema_transaction(engine: Engine):
    """One transaction for the whole upgrade. PostgreSQL: under an advisory lock, so two
    processes starting at once do not race. SQLite: BEGIN IMMEDIATE (see db._sqlite_begin)
    with foreign keys off while batch mode copies tables, checked before commit."""
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # only effective outside a transaction, so straight on the driver
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text(_PG_LOCK))
                yield conn
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise MigrationError("päivitys rikkoisi viittauksia taulujen välillä; "
                                         "mitään ei muutettu")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
