"""Each contacts import belongs to a round, so a round's roster of liaisons can be replayed.

Adds the nullable `imports.round`. Contacts imports made before this revision get the round
that was the newest at the time they were made: the newest round (not an example round) whose
first date — its earliest table, else its `start_date` — is on or before the import's day, else
the oldest round. The rule is written out here (not imported) so this revision stays what it
was whatever the code does later.

Revision ID: 0005_import_round
Revises: 0004_round_partners
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0005_import_round"
down_revision = "0004_round_partners"
branch_labels = None
depends_on = None

EXAMPLE_PREFIX = "esimerkki: "


def upgrade() -> None:
    with op.batch_alter_table("imports") as batch:
        batch.add_column(sa.Column("round", sa.String(length=100), nullable=True))
    _backfill_contacts_rounds()


def _first_dates(bind) -> list[tuple[dt.date, str]]:
    """(first date, round) of every real round, oldest first."""
    tables = sa.table("partnership_tables", sa.column("round", sa.String),
                      sa.column("date", sa.Date))
    rounds = sa.table("rounds", sa.column("round", sa.String), sa.column("start_date", sa.Date))
    first = dict(bind.execute(sa.select(tables.c.round, sa.func.min(tables.c.date))
                              .group_by(tables.c.round)).all())
    for name, start in bind.execute(sa.select(rounds.c.round, rounds.c.start_date)).all():
        if first.get(name) is None:
            first[name] = start
    dated = [(day, name) for name, day in first.items()
             if day is not None and not name.startswith(EXAMPLE_PREFIX)]
    return sorted(dated)


def _backfill_contacts_rounds() -> None:
    bind = op.get_bind()
    imports = sa.table("imports", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                       sa.column("created_at", sa.DateTime), sa.column("round", sa.String))
    dated = _first_dates(bind)
    if not dated:
        return
    pending = bind.execute(sa.select(imports.c.id, imports.c.created_at).where(
        imports.c.kind == "contacts", imports.c.round.is_(None))).all()
    for import_id, created in pending:
        day = created.date() if created is not None else dt.date.max
        started = [name for first, name in dated if first <= day]
        chosen = started[-1] if started else dated[0][1]
        bind.execute(sa.update(imports).where(imports.c.id == import_id).values(round=chosen))


def downgrade() -> None:
    with op.batch_alter_table("imports") as batch:
        batch.drop_column("round")
