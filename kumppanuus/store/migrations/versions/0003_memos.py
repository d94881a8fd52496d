"""Second release: follow-up actions, discussion highlights, table memos, and their search index.

Tables `actions`, `highlights` and `memos` (kinds `actions`, `highlights`, `memo`). Search:
on SQLite an FTS5 table `search_index` with the trigram tokenizer (any substring of three or more
characters; case folded; diacritics kept, so "Ahtari" never matches "Ähtäri"), kept in step by
triggers, its rowid = source id × 4 + 1 (highlights), 2 (memos), 3 (actions); on PostgreSQL a
GIN index per table on `to_tsvector('finnish', …)`. The statements are written out here (not
imported) so this revision stays what it was whatever the code does later; they must agree with
`kumppanuus.store.search` (ROWID_KIND, PG_DOCUMENT), which its tests check.

Revision ID: 0003_memos
Revises: 0002_shared_state
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_memos"
down_revision = "0002_shared_state"
branch_labels = None
depends_on = None

ACTIONS_BODY = ("coalesce({r}.title, '') || ' ' || coalesce({r}.decided_by, '') || ' ' || "
                "coalesce({r}.note, '')")
SOURCES = (("highlights", 1, "{r}.text"), ("memos", 2, "{r}.text"), ("actions", 3, ACTIONS_BODY))
PG_DOCUMENTS = (("highlights", "coalesce(text, '')"), ("memos", "coalesce(text, '')"),
                ("actions", "coalesce(title, '') || ' ' || coalesce(decided_by, '') || ' ' || "
                            "coalesce(note, '')"))


def upgrade() -> None:
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("round", sa.String(length=100), nullable=False),
        sa.Column("table_no", sa.Integer(), nullable=False),
        sa.Column("action_no", sa.Integer(), nullable=False),
        sa.Column("municipality", sa.String(length=3), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("criterion", sa.Integer(), nullable=True),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("updated", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round", "table_no", "action_no"),
    )
    op.create_index("ix_actions_import_id", "actions", ["import_id"], unique=False)
    op.create_table(
        "highlights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("round", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("municipality", sa.String(length=3), nullable=True),
        sa.Column("criterion", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_highlights_import_id", "highlights", ["import_id"], unique=False)
    op.create_index("ix_highlights_round", "highlights", ["round"], unique=False)
    op.create_table(
        "memos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("round", sa.String(length=100), nullable=False),
        sa.Column("table_no", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("is_public", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round", "table_no"),
    )
    op.create_index("ix_memos_import_id", "memos", ["import_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for table, document in PG_DOCUMENTS:
            op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin "
                       f"(to_tsvector('finnish', {document}))")
    else:
        _sqlite_search_index()


def _sqlite_search_index() -> None:
    # The trigram tokenizer's remove_diacritics option (SQLite ≥ 3.45) defaults to 0; it is not
    # named here because older SQLite versions reject the option altogether.
    op.execute("CREATE VIRTUAL TABLE search_index USING fts5(body, tokenize = 'trigram')")
    for table, k, body in SOURCES:
        add = (f"INSERT INTO search_index(rowid, body) VALUES (new.id * 4 + {k}, "
               f"{body.format(r='new')});")
        drop = f"DELETE FROM search_index WHERE rowid = old.id * 4 + {k};"
        op.execute(f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {add} END")
        op.execute(f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {drop} END")
        op.execute(f"CREATE TRIGGER {table}_search_au AFTER UPDATE ON {table} "
                   f"BEGIN {drop} {add} END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE IF EXISTS search_index")  # its triggers go with their tables
    for table in ("memos", "highlights", "actions"):
        op.drop_table(table)
