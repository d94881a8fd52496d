"""Import writes all rows or none, records an audit trail, and undo reverts it exactly."""

import pandas as pd
import pytest

from kumppanuus.ingest import pipeline
from kumppanuus.store.kinds import KINDS
from kumppanuus.store import CannotUndo

NEW_ROUND = (
    "kierros;nro;päivämäärä;nimi;kunnat;osallistujia\n"
    "kevät 2022;1;3.2.2022;Lapua II;Lapua;30\n"
    "kevät 2022;2;10.2.2022;Nurmo;Nurmo;25\n"
)
UPDATE_TABLE_1 = (
    "round,table_no,date,name,municipalities,participants\n"
    "kevät 2021,1,2021-01-27,Evijärvi-Kauhava,\"Evijärvi, Kauhava\",60\n"
)


def full_export(store) -> dict[str, pd.DataFrame]:
    return {k: store.export_frame(k, include_personal=True) for k in KINDS}


def do_import(store, kind, text, name="t.csv", user="testi"):
    checked = pipeline.check_bytes(kind, text.encode("utf-8"), name, store)
    assert checked.problems == []
    return pipeline.write(store, checked, user=user)


def assert_same(a, b):
    for kind in KINDS:
        pd.testing.assert_frame_equal(a[kind], b[kind])


def test_import_then_undo_leaves_the_database_as_before(store):
    before = full_export(store)
    first, plan = do_import(store, "tables", NEW_ROUND)
    second, plan2 = do_import(store, "tables", UPDATE_TABLE_1)
    assert (len(plan.added), len(plan2.updated)) == (2, 1)
    assert store.frame("tables")["participants"].sum() == 483 + 30 + 25 + 2
    store.undo_import(second)
    store.undo_import(first)
    assert_same(full_export(store), before)
    assert store.history()["undone_at"].notna().all()


def test_importing_the_same_file_twice_equals_importing_it_once(store):
    do_import(store, "tables", NEW_ROUND)
    once = full_export(store)
    _, plan = do_import(store, "tables", NEW_ROUND)
    assert plan.changes == 0 and plan.unchanged == 2
    assert_same(full_export(store), once)


def test_update_records_the_previous_values(store):
    import_id, _ = do_import(store, "tables", UPDATE_TABLE_1)
    changes = store.import_changes(import_id)
    assert changes["action"].tolist() == ["update"]
    assert changes["previous"].iloc[0] == {"participants": 58}
    assert changes["key"].iloc[0] == {"round": "kevät 2021", "table_no": 1}


def test_an_import_overwritten_by_a_later_one_cannot_be_undone_first(store):
    first, _ = do_import(store, "tables", UPDATE_TABLE_1)
    second, _ = do_import(store, "tables", UPDATE_TABLE_1.replace(",60", ",61"))
    with pytest.raises(CannotUndo, match=str(second)):
        store.undo_import(first)
    store.undo_import(second)
    store.undo_import(first)
    assert store.frame("tables").set_index("table_no").loc[1, "participants"] == 58


def test_undo_twice_is_refused(store):
    import_id, _ = do_import(store, "tables", NEW_ROUND)
    store.undo_import(import_id)
    with pytest.raises(CannotUndo):
        store.undo_import(import_id)


def test_a_failure_inside_the_transaction_writes_nothing(store, monkeypatch):
    before = full_export(store)
    history = len(store.history())
    checked = pipeline.check_bytes("tables", NEW_ROUND.encode(), "t.csv", store)
    import kumppanuus.store as store_module

    def boom(*args, **kwargs):
        raise RuntimeError("levy täynnä")

    monkeypatch.setattr(store_module, "_apply", boom)
    with pytest.raises(RuntimeError):
        pipeline.write(store, checked, user="testi")
    assert_same(full_export(store), before)
    assert len(store.history()) == history


def test_the_original_file_is_kept_and_hashed(store):
    import_id, _ = do_import(store, "tables", NEW_ROUND, name="kevät22.csv")
    record = store.history().set_index("id").loc[import_id]
    import hashlib

    assert record["sha256"] == hashlib.sha256(NEW_ROUND.encode()).hexdigest()
    assert store.original(record["sha256"]) == NEW_ROUND.encode()  # in the database, not a folder
    assert record["user"] == "testi" and record["file_name"] == "kevät22.csv"
