"""The original bytes of every imported file (`uploaded_files`), kept once per SHA-256.

On SQLite a file is streamed into its row: the row is inserted with a `zeroblob` of the file's
size and the bytes are written through a blob handle (`sqlite3.Connection.blobopen`, SQLite's
incremental blob I/O), so SQLite never holds a copy of the whole file. Bound as an ordinary
parameter, SQLite copied the value once for the parameter and once more for the record — two
extra copies of a 6.7 MB file at the import's busiest moment. The zeroblob stays unexpanded only
because `content` is the table's last column (revision 0006_file_content_last). PostgreSQL and
SQLite drivers without `blobopen` get the plain INSERT.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, func, insert, select

from kumppanuus.store import db

TABLE = db.UploadedFile.__table__


def keep(conn: Connection, sha256: str, file_name: str, original: bytes,
         created_at: dt.datetime) -> None:
    """Keep `original` under its SHA-256 in the caller's transaction, unless it is kept already.
    Whether it is kept is asked by key: reading the row would read the stored bytes back."""
    if conn.scalar(select(TABLE.c.sha256).where(TABLE.c.sha256 == sha256)):
        return
    row = {"sha256": sha256, "file_name": file_name, "size": len(original),
           "created_at": created_at}
    driver = conn.connection.driver_connection
    if conn.dialect.name != "sqlite" or not hasattr(driver, "blobopen"):
        conn.execute(insert(TABLE).values(**row, content=original))
        return
    rowid = conn.execute(insert(TABLE).values(**row, content=func.zeroblob(len(original)))
                         ).lastrowid
    with driver.blobopen(TABLE.name, "content", rowid) as blob:
        blob.write(original)


def read(conn: Connection, sha256: str) -> bytes | None:
    """The bytes kept under `sha256`, or None."""
    return conn.scalar(select(TABLE.c.content).where(TABLE.c.sha256 == sha256))
