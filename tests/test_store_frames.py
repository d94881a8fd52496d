"""The store's frames hold exactly what the rows in the database say, whatever the kind."""

import pandas as pd
import pytest
from sqlalchemy import select

from kumppanuus.ingest import pipeline
from kumppanuus.store import db
from kumppanuus.store.kinds import KINDS
from tests.filefactory import VALID, csv_bytes

ACTIONS = ("kierros;nro;toimenpide_nro;kunta;otsikko;tila;määräaika\n"
           "kevät 2021;5;1;Ähtäri;Kylätalojen vuokratuki;päätetty;1.10.2021\n"
           "kevät 2021;5;2;Soini;Yhdistystiedote;ehdotettu;\n").encode()


def row_by_row(store, model, order_by) -> pd.DataFrame:
    """What SQLAlchemy itself returns, one dict per row (the slow, obvious reading)."""
    cols = [c.name for c in model.__table__.columns]
    with store.engine.connect() as conn:
        rows = conn.execute(select(model.__table__).order_by(*order_by)).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=cols)


def as_stored(store, kind: str) -> pd.DataFrame:
    table = KINDS[kind].model.__table__
    df = row_by_row(store, KINDS[kind].model, [table.c.id]).drop(columns=["id"])
    for col in df.columns:
        kind_of = table.c[col].type
        if isinstance(kind_of, db.Integer) and not isinstance(kind_of, db.Boolean):
            df[col] = df[col].astype("Int64")
    return df


@pytest.fixture(scope="module")
def filled(module_environment):
    """The seed plus an import of every file kind (missing cells, dates, example rows), one
    of them undone. Built once for the module: every test here only reads it."""
    with module_environment() as store:
        yield _fill(store)


def _fill(store):
    for kind in ("tables", "contacts", "speakers", "scores", "feedback"):
        checked = pipeline.check_bytes(kind, csv_bytes(VALID[kind]), f"{kind}.csv", store)
        pipeline.write(store, checked, user="testi", example=kind in ("scores", "feedback"))
    checked = pipeline.check_bytes("actions", ACTIONS, "toimenpiteet.csv", store)
    import_id, _ = pipeline.write(store, checked, user="testi")
    store.undo_import(import_id)
    pipeline.write(store, pipeline.check_bytes("actions", ACTIONS, "t.csv", store), user="x")
    return store


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kinds_frame_equals_the_rows_sqlalchemy_returns(filled, kind):
    pd.testing.assert_frame_equal(filled.frame(kind), as_stored(filled, kind))


def test_the_frames_have_stored_dates_flags_and_missing_cells(filled):
    actions = filled.frame("actions")
    assert [None if pd.isna(d) else d.isoformat() for d in actions["due"]] == [
        "2021-10-01", None]
    assert filled.frame("scores")["is_example"].dtype == bool


def test_the_import_history_equals_the_rows_sqlalchemy_returns(filled):
    expected = row_by_row(filled, db.Import, [db.Import.id])
    pd.testing.assert_frame_equal(filled.history(), expected)
    assert filled.history()["undone_at"].notna().sum() == 1
