"""The first release's schema (the baseline).

A database made by the first release has these tables but no `alembic_version`; every table is
therefore created only if it is missing, so upgrading such a database keeps its rows as they are.

Revision ID: 0001_release1
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_release1"
down_revision = None
branch_labels = None
depends_on = None


def _create(existing: set[str], name: str, *items, index: str | None = None) -> None:
    if name in existing:
        return
    op.create_table(name, *items)
    if index:
        op.create_index(f"ix_{name}_{index}", name, [index], unique=False)


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    _create(existing, "contacts",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("import_id", sa.Integer(), nullable=True),
            sa.Column("municipality", sa.String(length=3), nullable=False),
            sa.Column("name", sa.String(length=200), nullable=False),
            sa.Column("role", sa.String(length=16), nullable=False),
            sa.Column("organisation", sa.Text(), nullable=True),
            sa.Column("email", sa.String(length=200), nullable=True),
            sa.Column("phone", sa.String(length=64), nullable=True),
            sa.Column("status", sa.String(length=16), nullable=False),
            sa.Column("note", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("municipality", "name", "role"),
            index="import_id")
    _create(existing, "criteria",
            sa.Column("no", sa.Integer(), nullable=False),
            sa.Column("text_fi", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("no"))
    _create(existing, "feedback",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("import_id", sa.Integer(), nullable=True),
            sa.Column("round", sa.String(length=100), nullable=False),
            sa.Column("table_no", sa.Integer(), nullable=False),
            sa.Column("question", sa.String(length=200), nullable=False),
            sa.Column("option", sa.String(length=200), nullable=False),
            sa.Column("count", sa.Integer(), nullable=False),
            sa.Column("is_example", sa.Boolean(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("round", "table_no", "question", "option"),
            index="import_id")
    _create(existing, "former_municipalities",
            sa.Column("name", sa.String(length=100), nullable=False),
            sa.Column("former_code", sa.String(length=3), nullable=False),
            sa.Column("merged_into_code", sa.String(length=3), nullable=False),
            sa.Column("year", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("name"))
    _create(existing, "imports",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("user", sa.String(length=100), nullable=False),
            sa.Column("kind", sa.String(length=16), nullable=False),
            sa.Column("file_name", sa.String(length=300), nullable=False),
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("rows_added", sa.Integer(), nullable=False),
            sa.Column("rows_updated", sa.Integer(), nullable=False),
            sa.Column("rows_unchanged", sa.Integer(), nullable=False),
            sa.Column("stored_path", sa.Text(), nullable=True),
            sa.Column("undone_at", sa.DateTime(), nullable=True),
            sa.PrimaryKeyConstraint("id"))
    _create(existing, "leader_areas",
            sa.Column("code", sa.String(length=32), nullable=False),
            sa.Column("name", sa.String(length=100), nullable=False),
            sa.Column("coordinator", sa.String(length=200), nullable=True),
            sa.PrimaryKeyConstraint("code"))
    _create(existing, "meta",
            sa.Column("key", sa.String(length=64), nullable=False),
            sa.Column("value", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("key"))
    _create(existing, "partnership_tables",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("import_id", sa.Integer(), nullable=True),
            sa.Column("round", sa.String(length=100), nullable=False),
            sa.Column("table_no", sa.Integer(), nullable=False),
            sa.Column("date", sa.Date(), nullable=False),
            sa.Column("name", sa.String(length=200), nullable=False),
            sa.Column("municipalities", sa.Text(), nullable=False),
            sa.Column("participants", sa.Integer(), nullable=False),
            sa.Column("online_peak", sa.Integer(), nullable=True),
            sa.Column("onsite", sa.Integer(), nullable=True),
            sa.Column("registered_local_orgs", sa.Integer(), nullable=True),
            sa.Column("registered_regional_orgs", sa.Integer(), nullable=True),
            sa.Column("registered_officials", sa.Integer(), nullable=True),
            sa.Column("format", sa.String(length=16), nullable=False),
            sa.Column("memo_url", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("round", "table_no"),
            index="import_id")
    _create(existing, "rounds",
            sa.Column("round", sa.String(length=100), nullable=False),
            sa.Column("start_date", sa.Date(), nullable=True),
            sa.Column("end_date", sa.Date(), nullable=True),
            sa.Column("description", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("round"))
    _create(existing, "scores",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("import_id", sa.Integer(), nullable=True),
            sa.Column("round", sa.String(length=100), nullable=False),
            sa.Column("source", sa.String(length=200), nullable=False),
            sa.Column("date", sa.Date(), nullable=False),
            sa.Column("municipality", sa.String(length=3), nullable=False),
            sa.Column("respondent_group", sa.String(length=16), nullable=False),
            sa.Column("criterion", sa.Integer(), nullable=False),
            sa.Column("respondent", sa.String(length=100), nullable=False),
            sa.Column("score_sum", sa.Float(), nullable=False),
            sa.Column("n", sa.Integer(), nullable=False),
            sa.Column("scale_min", sa.Float(), nullable=False),
            sa.Column("scale_max", sa.Float(), nullable=False),
            sa.Column("is_example", sa.Boolean(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("round", "source", "municipality", "respondent_group", "criterion", "respondent"),
            index="import_id")
    _create(existing, "speakers",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("import_id", sa.Integer(), nullable=True),
            sa.Column("round", sa.String(length=100), nullable=False),
            sa.Column("table_no", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(length=200), nullable=False),
            sa.Column("title", sa.Text(), nullable=True),
            sa.Column("organisation", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("round", "table_no", "name"),
            index="import_id")
    _create(existing, "import_changes",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("import_id", sa.Integer(), nullable=False),
            sa.Column("key", sa.JSON(), nullable=False),
            sa.Column("action", sa.String(length=8), nullable=False),
            sa.Column("previous", sa.JSON(), nullable=True),
            sa.Column("previous_import_id", sa.Integer(), nullable=True),
            sa.ForeignKeyConstraint(["import_id"], ["imports.id"], ),
            sa.PrimaryKeyConstraint("id"),
            index="import_id")
    _create(existing, "municipalities",
            sa.Column("code", sa.String(length=3), nullable=False),
            sa.Column("name_fi", sa.String(length=100), nullable=False),
            sa.Column("name_sv", sa.String(length=100), nullable=False),
            sa.Column("population_2020", sa.Integer(), nullable=False),
            sa.Column("leader_area", sa.String(length=32), nullable=False),
            sa.Column("joint_authority", sa.String(length=100), nullable=True),
            sa.Column("lat", sa.Float(), nullable=True),
            sa.Column("lon", sa.Float(), nullable=True),
            sa.ForeignKeyConstraint(["leader_area"], ["leader_areas.code"], ),
            sa.PrimaryKeyConstraint("code"))
    _create(existing, "municipality_parts",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("municipality_code", sa.String(length=3), nullable=False),
            sa.Column("part_name", sa.String(length=100), nullable=False),
            sa.Column("former_code", sa.String(length=3), nullable=False),
            sa.Column("leader_area", sa.String(length=32), nullable=False),
            sa.Column("note", sa.Text(), nullable=True),
            sa.ForeignKeyConstraint(["leader_area"], ["leader_areas.code"], ),
            sa.ForeignKeyConstraint(["municipality_code"], ["municipalities.code"], ),
            sa.PrimaryKeyConstraint("id"))


def downgrade() -> None:
    op.drop_table("municipality_parts")
    op.drop_table("municipalities")
    op.drop_table("import_changes")
    op.drop_table("speakers")
    op.drop_table("scores")
    op.drop_table("rounds")
    op.drop_table("partnership_tables")
    op.drop_table("meta")
    op.drop_table("leader_areas")
    op.drop_table("imports")
    op.drop_table("former_municipalities")
    op.drop_table("feedback")
    op.drop_table("criteria")
    op.drop_table("contacts")
