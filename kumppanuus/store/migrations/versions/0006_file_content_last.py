"""`uploaded_files.content` (the original file) becomes the table's last column on SQLite.

SQLite can write a BLOB in pieces (incremental blob I/O: insert `zeroblob(n)`, then write it
through a blob handle, see kumppanuus.store.files) without ever holding the whole value, but only
when the BLOB is the record's last column: a zeroblob in the middle of a record is expanded to
its full size in memory. Until now `content` sat before `created_at`, so storing a file needed
two more copies of it in memory (the bound parameter and the record). Batch mode rebuilds the
table (copy-and-move) with the columns in the models' order; every row is kept.

PostgreSQL: nothing to do. It stores a `bytea` value out of line (TOAST) whatever the column
order, the column order is not what its memory use depends on, and PostgreSQL has no way to
reorder columns but a full copy of the table. Older code reads and writes the columns by name,
so the downgrade changes nothing either.

Revision ID: 0006_file_content_last
Revises: 0005_import_round
"""

from __future__ import annotations

from alembic import op

revision = "0006_file_content_last"
down_revision = "0005_import_round"
branch_labels = None
depends_on = None

COLUMNS = ("sha256", "file_name", "size", "created_at", "content")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("uploaded_files", recreate="always",
                              partial_reordering=[COLUMNS]):
        pass


def downgrade() -> None:
    pass
