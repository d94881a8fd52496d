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

import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

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
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    """The newest revision this code knows."""
    return _scripts().get_current_head()


def current(engine: Engine) -> str | None:
    """The database's revision; None for an empty database or one from the first release."""
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


_REVISION = re.compile(r"""^(down_revision|revision)\b[^=\n]*=\s*(?:None|['"]([^'"]+)['"])\s*$""",
                       re.MULTILINE)


@lru_cache(maxsize=1)
def _plain_head() -> str | None:
    """The newest revision read off the revision files' `revision = ...` and
    `down_revision = ...` lines; None unless every file has exactly one of each and they form
    one chain with one head (then Alembic itself decides)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = _REVISION.findall(path.read_text(encoding="utf-8"))
        if sorted(name for name, _ in found) != ["down_revision", "revision"]:
            return None
        values = dict(found)
        revisions.add(values["revision"])
        parents.add(values["down_revision"] or None)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and len(parents) == len(revisions) else None


def _up_to_date(engine: Engine) -> str | None:
    """The database's revision when it is the newest one, else None: checked with one plain
    query, so a process that opens an up-to-date database never imports Alembic (0.3 s,
    11 MB); anything else goes through Alembic."""
    head_now = _plain_head()
    if head_now is None:
        return None
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:  # no alembic_version table yet
        return None
    return head_now if [r[0] for r in rows] == [head_now] else None


def upgrade(engine: Engine) -> Upgrade:
    """Bring the schema to `head()` in one transaction; running it again changes nothing."""
    ready = _up_to_date(engine)
    if ready is not None:
        return Upgrade(ready, ready)
    before = current(engine)
    if before == head():
        return Upgrade(before, before)
    if before is not None and before not in _known():
        raise MigrationError(f"tietokannan rakenneversio {before} on uudempi tai tuntematon "
                             f"(tämä versio tuntee {head()}); päivitä sovellus")
    from alembic import command
    from alembic.migration import MigrationContext

    with _schema_transaction(engine) as conn:
        command.upgrade(alembic_config(conn), "head")
        after = MigrationContext.configure(conn).get_current_revision()
    return Upgrade(before, after)


def new_revision(message: str) -> None:  # pragma: no cover - a developer tool
    """Autogenerate a revision from the difference between the models and a fresh database."""
    import tempfile

    from alembic import command

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
