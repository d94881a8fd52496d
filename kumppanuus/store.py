"""The only code that reads or writes the database.

`Store(url)` opens (and on first use creates and seeds) the database; reads return DataFrames;
`plan_import` compares incoming rows with what is stored; `commit_import` writes one file in one
transaction and records it in the audit trail; `undo_import` reverts one import exactly.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Engine, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kumppanuus import config, db, seed
from kumppanuus.kinds import KINDS, KindSpec, scores_from_db

SEED_MARKER = "seed:kevät 2021"


class CannotUndo(Exception):
    """An import cannot be reverted (unknown, already undone, or later imports depend on it)."""


@dataclass
class ImportPlan:
    """What writing `rows` would do: new rows, changed rows (with old values), unchanged count."""

    kind: str
    added: list[dict] = field(default_factory=list)
    updated: list[tuple[dict, dict]] = field(default_factory=list)  # (new row, previous values)
    unchanged: int = 0

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.updated)


def _clean(value):
    """Database/pandas value → plain comparable Python value (NaN/NA → None)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _jsonable(value):
    value = _clean(value)
    return value.isoformat() if isinstance(value, dt.date) else value


def _from_json(column: str, value):
    if value is not None and column == "date":
        return dt.date.fromisoformat(value)
    return value


def _same(a, b) -> bool:
    a, b = _clean(a), _clean(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return a == b


class Store:
    """Database access for one URL; creates and seeds the database on first use."""

    def __init__(self, url: str | None = None, *, seed_data: bool = True) -> None:
        self.url = url or config.database_url()
        self.engine: Engine = db.engine_for(self.url)
        self.ensure_ready(seed_data=seed_data)

    # -- set-up ---------------------------------------------------------------------------
    def ensure_ready(self, *, seed_data: bool = True) -> bool:
        """Create tables if missing and load the spring 2021 round once. True if it loaded now."""
        if self.url.startswith("sqlite:///"):
            config.DATA_DIR.mkdir(exist_ok=True)
        self._create_schema()
        if not seed_data:
            return False
        try:
            with Session(self.engine) as session, session.begin():
                if session.get(db.Meta, SEED_MARKER) is not None:
                    return False
                seed.load_into(session)
                session.add(db.Meta(key=SEED_MARKER, value=dt.datetime.now().isoformat()))
        except IntegrityError:  # another process seeded at the same moment
            return False
        return True

    def _create_schema(self) -> None:
        """CREATE TABLE IF NOT EXISTS for every model; on PostgreSQL under a lock, since two
        processes starting at once would otherwise race on the catalogue."""
        if self.engine.dialect.name != "postgresql":
            db.Base.metadata.create_all(self.engine)
            return
        with self.engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('kumppanuus-schema'))"))
            db.Base.metadata.create_all(conn)

    # -- reads ----------------------------------------------------------------------------
    def _read(self, model, order_by) -> pd.DataFrame:
        cols = [c.name for c in model.__table__.columns]
        with self.engine.connect() as conn:
            rows = conn.execute(select(model.__table__).order_by(*order_by)).mappings().all()
        return pd.DataFrame([dict(r) for r in rows], columns=cols)

    def reference(self, name: str) -> pd.DataFrame:
        """Reference data: municipalities, leader_areas, municipality_parts, criteria, rounds…"""
        model = {
            "municipalities": db.Municipality,
            "leader_areas": db.LeaderArea,
            "municipality_parts": db.MunicipalityPart,
            "former_municipalities": db.FormerMunicipality,
            "criteria": db.Criterion,
            "rounds": db.Round,
        }[name]
        pk = list(model.__table__.primary_key.columns)
        return self._read(model, pk).drop(columns=["id"], errors="ignore")

    def frame(self, kind: str) -> pd.DataFrame:
        """Stored rows of an importable kind, in the database's column form, in the order they
        were written (the report's order for the seed, e.g. speakers in speaking order)."""
        spec = KINDS[kind]
        table = spec.model.__table__
        df = self._read(spec.model, [table.c.id])
        df = df.drop(columns=["id"])
        for col in df.columns:
            if isinstance(table.c[col].type, db.Integer) and not isinstance(
                table.c[col].type, db.Boolean
            ):
                df[col] = df[col].astype("Int64")
        return df

    def export_frame(self, kind: str, *, include_personal: bool = False) -> pd.DataFrame:
        """Rows as the spec's export: canonical headers; personal columns only on request."""
        from kumppanuus.kinds import PERSONAL_COLUMNS

        if kind in KINDS:
            spec = KINDS[kind]
            df = self.frame(kind)
            if kind == "scores":
                df = scores_from_db(df)
            df = df[list(spec.export_columns)]
        else:
            df = self.reference(kind)
        if not include_personal:
            df = df.drop(columns=[c for c in PERSONAL_COLUMNS if c in df.columns])
        return df

    def data_version(self) -> str:
        """Changes whenever an import or undo is written: a cheap cache key for readers."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(func.count(db.Import.id), func.max(db.Import.id),
                       func.count(db.Import.undone_at))
            ).one()
        return "-".join(str(v) for v in row)

    def history(self) -> pd.DataFrame:
        df = self._read(db.Import, [db.Import.id])
        return df

    def import_changes(self, import_id: int) -> pd.DataFrame:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(db.ImportChange.__table__).where(db.ImportChange.import_id == import_id)
            ).mappings().all()
        return pd.DataFrame([dict(r) for r in rows])

    # -- writes ---------------------------------------------------------------------------
    def plan_import(self, kind: str, rows: pd.DataFrame,
                    update_columns: tuple[str, ...] | None = None) -> ImportPlan:
        """Compare rows (database column form) with stored rows; writes nothing.

        `update_columns`: the value columns an existing row may change (the columns the file
        had); None = all. A file without an optional column never blanks that column.
        """
        with Session(self.engine) as session:
            return _plan(session, KINDS[kind], rows, update_columns)

    def commit_import(
        self,
        kind: str,
        rows: pd.DataFrame,
        *,
        user: str,
        file_name: str,
        sha256: str,
        stored_path: str | None = None,
        update_columns: tuple[str, ...] | None = None,
    ) -> tuple[int, ImportPlan]:
        """Write all rows in one transaction (or nothing) and record the import. → (id, plan)."""
        spec = KINDS[kind]
        with Session(self.engine) as session, session.begin():
            _lock(session, kind)
            # re-planned inside the write lock, so concurrent imports lose nothing
            plan = _plan(session, spec, rows, update_columns)
            record = db.Import(
                created_at=dt.datetime.now().replace(microsecond=0),
                user=user,
                kind=kind,
                file_name=file_name,
                sha256=sha256,
                rows_added=len(plan.added),
                rows_updated=len(plan.updated),
                rows_unchanged=plan.unchanged,
                stored_path=stored_path,
            )
            session.add(record)
            session.flush()
            _apply(session, spec, plan, record.id)
            return record.id, plan

    def undo_import(self, import_id: int) -> None:
        """Revert import `import_id` exactly: delete what it added, restore what it updated."""
        with Session(self.engine) as session, session.begin():
            record = session.get(db.Import, import_id)
            if record is None:
                raise CannotUndo(f"Tuontia {import_id} ei ole.")
            if record.undone_at is not None:
                raise CannotUndo(f"Tuonti {import_id} on jo peruttu {record.undone_at:%d.%m.%Y}.")
            _lock(session, record.kind)
            spec = KINDS[record.kind]
            changes = session.scalars(
                select(db.ImportChange).where(db.ImportChange.import_id == import_id)
            ).all()
            _refuse_if_overwritten(session, record, changes)
            table = spec.model.__table__
            for change in reversed(changes):
                where = [table.c[k] == _from_json(k, v) for k, v in change.key.items()]
                if change.action == "add":
                    session.execute(delete(table).where(*where))
                else:
                    values = {k: _from_json(k, v) for k, v in change.previous.items()}
                    session.execute(update(table).where(*where).values(**values))
            record.undone_at = dt.datetime.now().replace(microsecond=0)


def _lock(session: Session, kind: str) -> None:
    """Serialise writers of one kind. SQLite already holds the write lock (BEGIN IMMEDIATE)."""
    if session.bind.dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": kind})


def _key_of(spec: KindSpec, row: dict) -> tuple:
    return tuple(_clean(row[k]) for k in spec.key)


def _plan(session: Session, spec: KindSpec, rows: pd.DataFrame,
          update_columns: tuple[str, ...] | None = None) -> ImportPlan:
    table = spec.model.__table__
    existing = {
        tuple(_clean(r[k]) for k in spec.key): dict(r)
        for r in session.execute(select(table)).mappings()
    }
    plan = ImportPlan(spec.name)
    columns = [c for c in spec.db_columns if c in rows.columns]
    updatable = [c for c in columns if c not in spec.key
                 and (update_columns is None or c in update_columns)]
    for row in rows[columns].to_dict("records"):
        row = {k: _clean(v) for k, v in row.items()}
        old = existing.get(_key_of(spec, row))
        if old is None:
            plan.added.append(row)
            continue
        changed = {c: old[c] for c in updatable if not _same(old[c], row[c])}
        if changed:
            plan.updated.append(({**{k: row[k] for k in spec.key},
                                  **{c: row[c] for c in changed}}, changed))
        else:
            plan.unchanged += 1
    return plan


def _apply(session: Session, spec: KindSpec, plan: ImportPlan, import_id: int) -> None:
    table = spec.model.__table__
    if plan.added:
        session.execute(insert(table), plan.added)
    for row, previous in plan.updated:
        where = [table.c[k] == row[k] for k in spec.key]
        session.execute(update(table).where(*where).values(**{c: row[c] for c in previous}))
    changes = [
        {"import_id": import_id, "key": _key_json(spec, row), "action": "add", "previous": None}
        for row in plan.added
    ] + [
        {
            "import_id": import_id,
            "key": _key_json(spec, row),
            "action": "update",
            "previous": {k: _jsonable(v) for k, v in previous.items()},
        }
        for row, previous in plan.updated
    ]
    if changes:
        session.execute(insert(db.ImportChange.__table__), changes)


def _key_json(spec: KindSpec, row: dict) -> dict:
    return {k: _jsonable(row[k]) for k in spec.key}


def _refuse_if_overwritten(session: Session, record: db.Import, changes) -> None:
    """A later, still active import that touched the same rows makes an exact undo impossible."""
    keys = {tuple(sorted(c.key.items())) for c in changes}
    later = session.scalars(
        select(db.Import).where(
            db.Import.id > record.id, db.Import.kind == record.kind, db.Import.undone_at.is_(None)
        )
    ).all()
    for other in later:
        other_changes = session.scalars(
            select(db.ImportChange).where(db.ImportChange.import_id == other.id)
        ).all()
        if any(tuple(sorted(c.key.items())) in keys for c in other_changes):
            raise CannotUndo(
                f"Tuontia {record.id} ei voi perua: myöhempi tuonti {other.id} muutti samoja "
                f"rivejä. Peru ensin tuonti {other.id}."
            )
