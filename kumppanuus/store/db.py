"""SQLAlchemy 2 models and engine creation.

Reference tables (Leader areas, municipalities, criteria, rounds) hold the facts the app ships.
Data tables (`partnership_tables`, `contacts`, `speakers`, `scores`, `feedback`) hold what the
importable kinds of shared/spec/data-formats.md describe; their columns and key come from the
kind's pandera model in `kumppanuus.schema` (the one declaration), the key as a unique constraint. Since the second release also `actions`, `highlights` and `memos` (what came of a table,
what was said, its memo). `imports` and `import_changes` are the audit trail that makes undo exact.
`staff_users`, `login_failures` and `uploaded_files` hold what several app servers must share.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kumppanuus import schema


class Base(DeclarativeBase):
    pass


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LeaderArea(Base):
    __tablename__ = "leader_areas"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    coordinator: Mapped[str | None] = mapped_column(String(200))


class Municipality(Base):
    __tablename__ = "municipalities"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name_fi: Mapped[str] = mapped_column(String(100))
    name_sv: Mapped[str] = mapped_column(String(100))
    population_2020: Mapped[int] = mapped_column(Integer)
    leader_area: Mapped[str] = mapped_column(ForeignKey("leader_areas.code"))
    joint_authority: Mapped[str | None] = mapped_column(String(100))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)


class MunicipalityPart(Base):
    """A documented sub-area with its own Leader area (Kurikka's former Jalasjärvi)."""

    __tablename__ = "municipality_parts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipalities.code"))
    part_name: Mapped[str] = mapped_column(String(100))
    former_code: Mapped[str] = mapped_column(String(3))
    leader_area: Mapped[str] = mapped_column(ForeignKey("leader_areas.code"))
    note: Mapped[str | None] = mapped_column(Text)


class FormerMunicipality(Base):
    __tablename__ = "former_municipalities"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    former_code: Mapped[str] = mapped_column(String(3))
    merged_into_code: Mapped[str] = mapped_column(String(3))
    year: Mapped[int] = mapped_column(Integer)


class Criterion(Base):
    __tablename__ = "criteria"
    no: Mapped[int] = mapped_column(Integer, primary_key=True)
    text_fi: Mapped[str] = mapped_column(Text)


class Round(Base):
    __tablename__ = "rounds"
    round: Mapped[str] = mapped_column(String(100), primary_key=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)


def _kind_table(name: str, kind: str, *stored_only: Column) -> Table:
    """The table of an importable kind: id, the import that wrote the row (None: seed), the
    kind's stored columns as its pandera model declares them (kumppanuus.schema), any columns
    only the stored form has, and the kind's key as a unique constraint."""
    spec = schema.kind_spec(kind)
    columns = [Column(c.name, c.sql, nullable=not c.not_null, default=c.stored_default)
               for c in spec.columns if c.stored]
    return Table(name, Base.metadata,
                 Column("id", Integer, primary_key=True),
                 Column("import_id", Integer, index=True),
                 *columns, *stored_only, UniqueConstraint(*spec.key))


class PartnershipTable(Base):
    __table__ = _kind_table("partnership_tables", "tables")


class Contact(Base):
    __table__ = _kind_table("contacts", "contacts")


class Speaker(Base):
    __table__ = _kind_table("speakers", "speakers")


class Score(Base):
    """One rating (n = 1) or an aggregate; stored as sum and count so both combine exactly."""

    __table__ = _kind_table("scores", "scores",
                            Column("score_sum", Float, nullable=False),
                            Column("is_example", Boolean, nullable=False, default=False))


class Feedback(Base):
    __table__ = _kind_table("feedback", "feedback",
                            Column("is_example", Boolean, nullable=False, default=False))


class Action(Base):
    """A follow-up action a table proposed, and what came of it (kind `actions`)."""

    __table__ = _kind_table("actions", "actions")


class Highlight(Base):
    """A passage of what was said (kind `highlights`). Its key is every column, the text
    included, and municipality and criterion may be empty, so the table is built here rather
    than by `_kind_table`: no unique index (a long passage would exceed PostgreSQL's index row
    size); imports are serialised per kind and planned against the stored rows instead."""

    __table__ = Table(
        "highlights", Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("import_id", Integer, index=True),  # None: seed
        *[Column(c.name, c.sql, nullable=not c.required, index=c.name == "round")
          for c in schema.kind_spec("highlights").columns])


class Memo(Base):
    """A table's memo (kind `memo`): the extracted text; the original file is kept in
    `uploaded_files` under its `sha256`, like every imported file."""

    __tablename__ = "memos"
    __table_args__ = (UniqueConstraint("round", "table_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int | None] = mapped_column(Integer, index=True)
    round: Mapped[str] = mapped_column(String(100))
    table_no: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
class Organisation(Base):
    __table__ = _kind_table("organisations", "organisations")


class TableHost(Base):
    __table__ = _kind_table("table_hosts", "table_hosts")


class RoundFact(Base):
    __table__ = _kind_table("round_facts", "round_facts")


class Import(Base):
    __tablename__ = "imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    rows_added: Mapped[int] = mapped_column(Integer, default=0)
    rows_updated: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    stored_path: Mapped[str | None] = mapped_column(Text)  # first release's data/uploads copy
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: The round a contacts import belongs to (its roster, see kumppanuus.liaisons); None for
    #: kinds whose rows name their round themselves. Revision 0005_import_round.
    round: Mapped[str | None] = mapped_column(String(100))


class ImportChange(Base):
    """One row an import updated: `previous` holds the values it replaced, including the
    import that had brought the row. Rows an import added carry its id in `import_id`."""

    __tablename__ = "import_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"), index=True)
    key: Mapped[dict] = mapped_column(JSON)
    action: Mapped[str] = mapped_column(String(8))  # "update"
    previous: Mapped[dict | None] = mapped_column(JSON)
    previous_import_id: Mapped[int | None] = mapped_column(Integer)


class StaffUser(Base):
    """A staff account (bcrypt hash), shared by every app server (`add-user` writes here)."""

    __tablename__ = "staff_users"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LoginFailure(Base):
    """Wrong passwords in a row for one login name or one client address (the throttle)."""

    __tablename__ = "login_failures"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)  # "name:…" / "client:…"
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure: Mapped[float] = mapped_column(Float, default=0.0, index=True)  # epoch s


class UploadedFile(Base):
    """The original bytes of every imported file, once per SHA-256 (imports.sha256).

    `content` is the last column (revision 0006_file_content_last): only then can SQLite write
    it in pieces (kumppanuus.store.files)."""

    __tablename__ = "uploaded_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    content: Mapped[bytes] = mapped_column(LargeBinary)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    """WAL + busy timeout so two staff importing at once wait instead of failing."""
    # pysqlite's own transaction handling would start a deferred transaction that cannot be
    # upgraded safely under concurrency; we emit BEGIN IMMEDIATE ourselves (see _sqlite_begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One engine per URL (connection pools are per engine)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)
