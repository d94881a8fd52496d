"""A round's partner organisations, who co-hosted each table, and its narrative facts.

Three importable kinds (kumppanuus.schema: organisations, table_hosts, round_facts). A database
already seeded with the spring 2021 round gets that round's partners and facts from the region
folder here (a new database gets them from the seed loader).

Revision ID: 0004_round_partners
Revises: 0003_memos
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_round_partners"
down_revision = "0003_memos"
branch_labels = None
depends_on = None

SEED_MARKER = "seed:kevät 2021"


def _kind_table(name: str, *columns: sa.Column, key: tuple[str, ...]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        *columns,
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(*key),
    )
    op.create_index(f"ix_{name}_import_id", name, ["import_id"], unique=False)


def upgrade() -> None:
    _kind_table("organisations",
                sa.Column("round", sa.String(length=100), nullable=False),
                sa.Column("name", sa.String(length=200), nullable=False),
                sa.Column("type", sa.String(length=16), nullable=False),
                sa.Column("municipality", sa.String(length=3), nullable=True),
                sa.Column("area", sa.String(length=100), nullable=True),
                sa.Column("role", sa.String(length=16), nullable=False),
                sa.Column("source", sa.String(length=200), nullable=True),
                key=("round", "name"))
    _kind_table("table_hosts",
                sa.Column("round", sa.String(length=100), nullable=False),
                sa.Column("table_no", sa.Integer(), nullable=False),
                sa.Column("organisation", sa.String(length=200), nullable=False),
                sa.Column("source", sa.String(length=200), nullable=True),
                key=("round", "table_no", "organisation"))
    _kind_table("round_facts",
                sa.Column("round", sa.String(length=100), nullable=False),
                sa.Column("fact", sa.String(length=64), nullable=False),
                sa.Column("value", sa.Float(), nullable=True),
                sa.Column("qualifier", sa.String(length=32), nullable=True),
                sa.Column("unit", sa.String(length=100), nullable=True),
                sa.Column("text", sa.Text(), nullable=False),
                sa.Column("source", sa.String(length=200), nullable=False),
                key=("round", "fact"))
    _load_seeded_round()


def _load_seeded_round() -> None:
    bind = op.get_bind()
    meta = sa.table("meta", sa.column("key"))
    if bind.execute(sa.select(meta.c.key).where(meta.c.key == SEED_MARKER)).first() is None:
        return  # a new database: the seed loader brings them
    from kumppanuus.store.seed import partner_records

    for name, rows in partner_records().items():
        table = sa.table(name, *[sa.column(c) for c in rows[0]])
        bind.execute(sa.insert(table), rows)


def downgrade() -> None:
    for name in ("round_facts", "table_hosts", "organisations"):
        op.drop_table(name)
