"""SQLAlchemy 2 models and engine creation.

Reference tables (Leader areas, municipalities, criteria, rounds) hold the facts the app ships.
Data tables (`partnership_tables`, `contacts`, `speakers`, `scores`, `feedback`) hold what the
importable kinds of shared/spec/data-formats.md describe; each has the spec's key columns as a
unique constraint. `imports` and `import_changes` are the audit trail that makes undo exact.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


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


class PartnershipTable(Base):
    __tablename__ = "partnership_tables"
    __table_args__ = (UniqueConstraint("round", "table_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int | None] = mapped_column(Integer, index=True)  # None: seed
    round: Mapped[str] = mapped_column(String(100))
    table_no: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(200))
    municipalities: Mapped[str] = mapped_column(Text)  # comma-joined 3-digit codes, file order
    participants: Mapped[int] = mapped_column(Integer)
    online_peak: Mapped[int | None] = mapped_column(Integer)
    onsite: Mapped[int | None] = mapped_column(Integer)
    registered_local_orgs: Mapped[int | None] = mapped_column(Integer)
    registered_regional_orgs: Mapped[int | None] = mapped_column(Integer)
    registered_officials: Mapped[int | None] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(16), default="online")
    memo_url: Mapped[str | None] = mapped_column(Text)


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("municipality", "name", "role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int | None] = mapped_column(Integer, index=True)  # None: seed
    municipality: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="liaison")
    organisation: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="active")
    note: Mapped[str | None] = mapped_column(Text)


class Speaker(Base):
    __tablename__ = "speakers"
    __table_args__ = (UniqueConstraint("round", "table_no", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int | None] = mapped_column(Integer, index=True)  # None: seed
    round: Mapped[str] = mapped_column(String(100))
    table_no: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    organisation: Mapped[str | None] = mapped_column(Text)


class Score(Base):
    """One rating (n = 1) or an aggregate; stored as sum and count so both combine exactly."""

    __tablename__ = "scores"
    __table_args__ = (
        UniqueConstraint(
            "round", "source", "municipality", "respondent_group", "criterion", "respondent"
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int | None] = mapped_column(Integer, index=True)  # None: seed
    round: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date] = mapped_column(Date)
    municipality: Mapped[str] = mapped_column(String(3))
    respondent_group: Mapped[str] = mapped_column(String(16))
    criterion: Mapped[int] = mapped_column(Integer)
    respondent: Mapped[str] = mapped_column(String(100), default="")  # '' for aggregates
    score_sum: Mapped[float] = mapped_column(Float)
    n: Mapped[int] = mapped_column(Integer)
    scale_min: Mapped[float] = mapped_column(Float, default=1)
    scale_max: Mapped[float] = mapped_column(Float, default=5)
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)


class Feedback(Base):
    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("round", "table_no", "question", "option"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int | None] = mapped_column(Integer, index=True)  # None: seed
    round: Mapped[str] = mapped_column(String(100))
    table_no: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(String(200))
    option: Mapped[str] = mapped_column(String(200))
    count: Mapped[int] = mapped_column(Integer)
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)


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
    stored_path: Mapped[str | None] = mapped_column(Text)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


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
