"""Each importable kind has its own data version: caches of one kind survive another's import."""

from kumppanuus.ingest import pipeline
from tests.filefactory import VALID, csv_bytes


def do_import(store, kind, name="t.csv"):
    checked = pipeline.check_bytes(kind, csv_bytes(VALID[kind]), name, store)
    assert checked.problems == []
    return pipeline.write(store, checked, user="testi")


def test_a_contacts_import_does_not_change_the_scores_version(store):
    before = store.versions()
    do_import(store, "contacts")
    after = store.versions()
    assert after["scores"] == before["scores"]
    assert after["contacts"] != before["contacts"]


def test_a_scores_import_changes_the_scores_version_and_no_other(store):
    before = store.versions()
    do_import(store, "scores")
    after = store.versions()
    assert [k for k in before if before[k] != after[k]] == ["scores"]


def test_undoing_an_import_changes_its_kinds_version_again(store):
    import_id, _ = do_import(store, "scores")
    imported = store.version("scores")
    store.undo_import(import_id)
    assert store.version("scores") not in (imported, "0")


def test_the_overall_data_version_changes_on_any_import(store):
    before = store.data_version()
    do_import(store, "contacts")
    assert store.data_version() != before


def test_the_apps_scores_key_survives_a_contacts_upload(store):
    from ui import data

    scores_key, contacts_key = data.version("scores"), data.version("contacts")
    do_import(store, "contacts")
    data.refresh()  # what the upload page does after writing
    assert data.version("scores") == scores_key
    assert data.version("contacts") != contacts_key
    assert data.version("scores", "contacts") != f"{scores_key}|{contacts_key}"
