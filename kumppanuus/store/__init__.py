"""The only code that reads or writes the database.

`Store(url)` opens (and on first use creates and seeds) the database; reads return DataFrames;
`plan_import` compares incoming rows with what is stored; `commit_import` writes one file in one
transaction and records it in the audit trail; `undo_import` reverts one import exactly.

Cache keys (shared by every app server, read from the audit trail in the database):

* `version(kind)` — a short text that changes whenever an import or undo of that kind is
  written, and only then: a contacts upload leaves `version("scores")` as it was.
* `versions(kinds=None)` — `{kind: version}` for the given kinds (None: every importable kind),
  in one query; a derived result that reads several kinds keys on all of theirs.
* `data_version()` — one text for every kind together (changes on any import or undo).

Every write of an importable kind goes through `commit_import` / `undo_import`, so the audit
trail is the one place a version can come from. Reference data (`reference`) is not imported
and has no version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd
from sqlalchemy import Engine, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kumppanuus import config, privacy
from kumppanuus.store import by_round, db, fetch, files, migrate, seed
from kumppanuus.store.kinds import KINDS, KindSpec, scores_from_db
from kumppanuus.store.planning import ImportPlan, driver_rows, jsonable, plan

SEED_MARKER = "seed:kevät 2021"
HIGHLIGHTS_MARKER = "seed:kevät 2021 highlights"


class CannotUndo(Exception):
    """An import cannot be reverted (unknown, already undone, or later imports depend on it)."""


def _from_json(table, column: str, value):
    """A value kept in the audit trail's JSON back in its column's type (dates are ISO text)."""
    if value is not None and isinstance(table.c[column].type, db.Date):
        return dt.date.fromisoformat(value)
    return value


class Store:
    """Database access for one URL; creates and seeds the database on first use."""

    def __init__(self, url: str | None = None, *, seed_data: bool = True) -> None:
        self.url = url or config.database_url()
        self.engine: Engine = db.engine_for(self.url)
        self.highlights_loaded = False
        self.ensure_ready(seed_data=seed_data)

    # -- set-up ---------------------------------------------------------------------------
    def ensure_ready(self, *, seed_data: bool = True) -> bool:
        """Create or upgrade the schema and load the spring 2021 round once. True if it loaded now."""
        if self.url.startswith("sqlite:///"):
            config.DATA_DIR.mkdir(exist_ok=True)
        self._create_schema()
        if not seed_data:
            return False
        loaded = self._seed_once(SEED_MARKER, seed.load_into)
        # The highlights came with the second release: loaded once into older databases too.
        self.highlights_loaded = self._seed_once(HIGHLIGHTS_MARKER, seed.load_highlights)
        return loaded

    def _seed_once(self, marker: str, load) -> bool:
        """Run `load(session)` unless `marker` says it ran; True if it ran now."""
        try:
            with Session(self.engine) as session, session.begin():
                if session.get(db.Meta, marker) is not None:
                    return False
                load(session)
                session.add(db.Meta(key=marker, value=dt.datetime.now().isoformat()))
        except IntegrityError:  # another process seeded at the same moment
            return False
        return True

    def _create_schema(self) -> migrate.Upgrade:
        """Create or upgrade the schema in place (Alembic; see kumppanuus.store.migrate)."""
        return migrate.upgrade(self.engine)

    # -- reads ----------------------------------------------------------------------------
    def _read(self, model, order_by, columns: list[str] | None = None) -> pd.DataFrame:
        """Rows of `model`'s table as a frame (`fetch.read_frame`: no per-row objects)."""
        table = model.__table__
        names = columns or [c.name for c in table.columns]
        with self.engine.connect() as conn:
            return fetch.read_frame(
                conn, select(*(table.c[c] for c in names)).order_by(*order_by), table)

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
        table = KINDS[kind].model.__table__
        return self._typed(kind, self._read(KINDS[kind].model, [table.c.id],
                                            [c.name for c in table.columns if c.name != "id"]))

    def round_frame(self, kind: str, rounds) -> pd.DataFrame:
        """`frame(kind)`'s rows of `rounds` only, with their `id` (`by_round.round_frame`)."""
        return self._typed(kind, by_round.round_frame(self.engine, kind, rounds))

    @staticmethod
    def _typed(kind: str, df: pd.DataFrame) -> pd.DataFrame:
        table = KINDS[kind].model.__table__
        for col in df.columns:
            if isinstance(table.c[col].type, db.Integer) and not isinstance(
                table.c[col].type, db.Boolean
            ):
                df[col] = df[col].astype("Int64")
        return df

    def export_frame(self, kind: str, *, include_personal: bool = False) -> pd.DataFrame:
        """Rows as the spec's export: canonical headers; personal columns only on request."""
        if kind in KINDS:
            spec = KINDS[kind]
            df = self.frame(kind)
            if kind == "scores":
                df = scores_from_db(df)
            flags = df["is_example"] if "is_example" in df.columns else None
            df = df[list(spec.export_columns)]
            if flags is not None:  # spec, "Added in the second release": example true/false
                df = df.assign(example=flags.fillna(False).astype(bool).map(
                    {True: "true", False: "false"}))
        else:
            df = self.reference(kind)
        return df if include_personal else privacy.without_personal(df)

    def versions(self, kinds: Iterable[str] | None = None) -> dict[str, str]:
        """{kind: version} in one query: changes when an import or undo of that kind is
        written (count of imports, newest import id, count of undone ones)."""
        imports = db.Import.__table__
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(imports.c.kind, func.count(imports.c.id), func.max(imports.c.id),
                       func.count(imports.c.undone_at)).group_by(imports.c.kind)
            ).all()
        found = {kind: f"{count}-{top}-{undone}" for kind, count, top, undone in rows}
        return {kind: found.get(kind, "0") for kind in (KINDS if kinds is None else kinds)}

    def version(self, kind: str) -> str:
        """Changes whenever an import or undo of `kind` is written, and only then."""
        return self.versions([kind])[kind]

    def data_version(self) -> str:
        """Changes whenever any import or undo is written: a cache key for every kind at once."""
        return "|".join(f"{k}:{v}" for k, v in self.versions().items())

    def history(self) -> pd.DataFrame:
        df = self._read(db.Import, [db.Import.id])
        return df

    def import_trail(self, kind: str) -> pd.DataFrame:
        """The audit trail of the kind's imports that are not undone, oldest first: import_id,
        key, previous, previous_import_id (what each update replaced; see db.ImportChange)."""
        change = db.ImportChange
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(change.import_id, change.key, change.previous, change.previous_import_id)
                .join(db.Import, db.Import.id == change.import_id)
                .where(db.Import.kind == kind, db.Import.undone_at.is_(None))
                .order_by(change.id)).mappings().all()
        return pd.DataFrame([dict(r) for r in rows],
                            columns=["import_id", "key", "previous", "previous_import_id"])

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
        original: bytes | None = None,
        update_columns: tuple[str, ...] | None = None,
        round: str | None = None,
    ) -> tuple[int, ImportPlan]:
        """Write all rows in one transaction (or nothing) and record the import, with the
        file's `original` bytes in `uploaded_files` (shared by every app server) and the round
        it belongs to (contacts: see kumppanuus.liaisons). → (id, plan)."""
        spec = KINDS[kind]
        with Session(self.engine) as session, session.begin():
            _lock(session, kind)
            # re-planned inside the write lock, so concurrent imports lose nothing
            result = _plan(session, spec, rows, update_columns)
            record = db.Import(
                created_at=dt.datetime.now().replace(microsecond=0),
                user=user,
                kind=kind,
                file_name=file_name,
                sha256=sha256,
                rows_added=len(result.added),
                rows_updated=len(result.updated),
                rows_unchanged=result.unchanged,
                round=round,
            )
            session.add(record)
            if original is not None:
                files.keep(session.connection(), sha256, file_name, original,
                           record.created_at)
            session.flush()
            _apply(session, spec, result, record.id)
            return record.id, result

    def original(self, sha256: str) -> bytes | None:
        """The bytes of the file an import read (by its SHA-256), or None."""
        with self.engine.connect() as conn:
            return files.read(conn, sha256)

    def undo_import(self, import_id: int) -> None:
        """Revert import `import_id` exactly: restore what it updated, delete what it added."""
        with Session(self.engine) as session, session.begin():
            record = session.get(db.Import, import_id)
            if record is None:
                raise CannotUndo(f"Tuontia {import_id} ei ole.")
            if record.undone_at is not None:
                raise CannotUndo(f"Tuonti {import_id} on jo peruttu {record.undone_at:%d.%m.%Y}.")
            _lock(session, record.kind)
            table = KINDS[record.kind].model.__table__
            _refuse_if_overwritten(session, record, table)
            changes = session.scalars(
                select(db.ImportChange).where(db.ImportChange.import_id == import_id)
            ).all()
            for change in reversed(changes):
                where = [table.c[k] == _from_json(table, k, v) for k, v in change.key.items()]
                values = {k: _from_json(table, k, v) for k, v in change.previous.items()}
                session.execute(update(table).where(*where).values(
                    **values, import_id=change.previous_import_id))
            session.execute(delete(table).where(table.c.import_id == import_id))
            record.undone_at = dt.datetime.now().replace(microsecond=0)


def _lock(session: Session, kind: str) -> None:
    """Serialise writers of one kind. SQLite already holds the write lock (BEGIN IMMEDIATE)."""
    if session.bind.dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": kind})


def _plan(session: Session, spec: KindSpec, rows: pd.DataFrame,
          update_columns: tuple[str, ...] | None = None) -> ImportPlan:
    table = spec.model.__table__
    query = select(*[table.c[c] for c in (*spec.db_columns, "import_id")])
    first_key = spec.key[0]  # only stored rows that share the file's first key can match
    if first_key in rows.columns and len(rows):
        query = query.where(table.c[first_key].in_(rows[first_key].dropna().unique().tolist()))
    existing = fetch.read_frame(session.connection(), query, table)
    return plan(spec, existing, rows, update_columns)


def _apply(session: Session, spec: KindSpec, result: ImportPlan, import_id: int) -> None:
    """Insert new rows tagged with the import; update changed ones and keep what they were."""
    table = spec.model.__table__
    if len(result.added):
        _bulk_insert(session, table, result.added.assign(import_id=import_id))
    changes = []
    for row, previous, previous_import in result.updated:
        where = [table.c[k] == row[k] for k in spec.key]
        session.execute(update(table).where(*where).values(
            **{c: row[c] for c in previous}, import_id=import_id))
        changes.append({
            "import_id": import_id, "action": "update",
            "key": {k: jsonable(row[k]) for k in spec.key},
            "previous": {k: jsonable(v) for k, v in previous.items()},
            "previous_import_id": previous_import,
        })
    if changes:
        session.execute(insert(db.ImportChange.__table__), changes)


def _bulk_insert(session: Session, table, rows: pd.DataFrame) -> None:
    """INSERT many rows through the driver's own executemany, fed lazily (`driver_rows`).

    SQLAlchemy's `insert(table)` with a list of dicts builds and type-processes parameters row
    by row, which made a 100,000-row import ~4× slower than the driver itself; the statement
    here is still quoted by SQLAlchemy's dialect, only the parameter handling is the driver's.
    """
    conn = session.connection()  # in the import's transaction
    dialect = conn.dialect
    names = ", ".join(dialect.identifier_preparer.quote(c) for c in rows.columns)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {dialect.identifier_preparer.quote(table.name)} ({names}) "
           f"VALUES ({', '.join([mark] * rows.shape[1])})")
    dates = tuple(c for c in rows.columns if isinstance(table.c[c].type, db.Date)) \
        if dialect.name == "sqlite" else ()
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.executemany(sql, driver_rows(rows, dates))
    finally:
        cursor.close()


def _refuse_if_overwritten(session: Session, record: db.Import, table) -> None:
    """Every row this import wrote must still carry its id; a later, still active import that
    updated one of them has to be undone first, or the exact undo would lose its change."""
    still_ours = session.scalar(
        select(func.count()).select_from(table).where(table.c.import_id == record.id))
    if still_ours == record.rows_added + record.rows_updated:
        return
    later = session.scalars(
        select(db.ImportChange.import_id).join(db.Import, db.Import.id == db.ImportChange.import_id)
        .where(db.ImportChange.previous_import_id == record.id, db.Import.undone_at.is_(None))
        .distinct()
    ).all()
    names = ", ".join(str(i) for i in sorted(later)) or "myöhempi"
    raise CannotUndo(
        f"Tuontia {record.id} ei voi perua: myöhempi tuonti {names} muutti samoja rivejä. "
        f"Peru ensin tuonti {names}."
    )
