"""Original uploaded files live in the database, where every app server finds them."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil

from sqlalchemy import func, select, text

from kumppanuus.ingest import pipeline
from kumppanuus.store import Store, db, files
from tests.conftest import ROOT

NEW_ROUND = ("kierros;nro;päivämäärä;nimi;kunnat;osallistujia\n"
             "kevät 2022;1;3.2.2022;Uusi pöytä;Lapua;30\n").encode("utf-8")


def test_an_import_keeps_the_files_bytes_once_however_often_it_is_imported(store):
    for _ in range(2):
        checked = pipeline.check_bytes("tables", NEW_ROUND, "uusi.csv", store)
        pipeline.write(store, checked, user="testi")
    sha = hashlib.sha256(NEW_ROUND).hexdigest()
    assert store.original(sha) == NEW_ROUND
    with store.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(db.UploadedFile)) == 1
    assert store.original("0" * 64) is None


def test_a_refused_file_leaves_no_bytes_behind(store):
    checked = pipeline.check_bytes("tables", NEW_ROUND.replace(b";30", b";-5"), "huono.csv", store)
    assert checked.problems
    with store.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(db.UploadedFile)) == 0


def test_the_upgrade_copies_a_first_release_original_from_disk_into_the_database(tmp_path):
    copy = tmp_path / "release1.db"
    shutil.copy(ROOT / "tests" / "fixtures" / "release1.db", copy)
    kept = tmp_path / "uploads" / "20220203_abc_uusi.csv"
    kept.parent.mkdir()
    kept.write_bytes(NEW_ROUND)
    sha = hashlib.sha256(NEW_ROUND).hexdigest()
    url = f"sqlite:///{copy}"
    with db.engine_for(url).begin() as conn:  # the first release wrote the path, not the bytes
        first = conn.execute(text("SELECT min(id) FROM imports")).scalar_one()
        conn.execute(text("UPDATE imports SET sha256 = :s, stored_path = :p WHERE id = :i"),
                     {"s": sha, "p": str(kept), "i": first})
    assert Store(url).original(sha) == NEW_ROUND


def test_a_large_file_is_kept_byte_for_byte_and_only_once(store):
    data = bytes(range(256)) * 12_000  # 3 MB: many database pages, streamed on SQLite
    sha = hashlib.sha256(data).hexdigest()
    for _ in range(2):
        with store.engine.begin() as conn:
            files.keep(conn, sha, "iso.csv", data, dt.datetime(2022, 2, 3, 12, 0))
    assert store.original(sha) == data
    with store.engine.connect() as conn:
        assert conn.scalar(select(db.UploadedFile.size)) == len(data)
        assert conn.scalar(select(func.count()).select_from(db.UploadedFile)) == 1


def _columns(url: str, table: str) -> list[str]:
    with db.engine_for(url).connect() as conn:
        return [row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")]


def test_the_files_bytes_are_the_last_column_of_a_new_and_of_an_upgraded_sqlite_database(
        tmp_path):
    """Only as the record's last column can SQLite stream a file into its row (store.files)."""
    copy = tmp_path / "release1.db"
    shutil.copy(ROOT / "tests" / "fixtures" / "release1.db", copy)
    for url in (f"sqlite:///{tmp_path / 'new.db'}", f"sqlite:///{copy}"):
        Store(url, seed_data=False)
        assert _columns(url, "uploaded_files") == [
            "sha256", "file_name", "size", "created_at", "content"]
