"""Reading a kind round by round, and a version per round, so a cache can keep every round an
import did not touch (an import of one round's scores re-reads and rebuilds only that round).

The version of round R of a kind names every active import of that kind that wrote a row of R,
and every undone import of the kind (an undo is rare; it counts as touching every round). Every
write goes through `Store.commit_import` / `Store.undo_import`, so R's rows change only when
that list does. The rounds an import wrote are fixed while it is active: the rows still
carrying its id, plus the audit trail's updates it made or that later overwrote its rows
(`ImportChange.previous_import_id`) — so they may be kept per import id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from sqlalchemy import Engine, or_, select

from kumppanuus.store import db, fetch
from kumppanuus.store.kinds import KINDS


def rounds_of(engine: Engine, kind: str) -> list[str]:
    """The distinct rounds of `kind`'s rows (an index scan, not a read of every row)."""
    table = KINDS[kind].model.__table__
    with engine.connect() as conn:
        return sorted(r for r in conn.scalars(select(table.c["round"]).distinct())
                      if r is not None)


def imports_of(engine: Engine, kind: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(active import ids, undone import ids) of `kind`, oldest first."""
    imports = db.Import.__table__
    with engine.connect() as conn:
        rows = conn.execute(select(imports.c.id, imports.c.undone_at)
                            .where(imports.c.kind == kind).order_by(imports.c.id)).all()
    return (tuple(i for i, undone in rows if undone is None),
            tuple(i for i, undone in rows if undone is not None))


def rounds_written(engine: Engine, kind: str, import_ids: Sequence[int]) -> dict[int, frozenset]:
    """{import id: the rounds of `kind` it wrote} for active imports."""
    table = KINDS[kind].model.__table__
    change = db.ImportChange.__table__
    found: dict[int, set] = {int(i): set() for i in import_ids}
    if not found:
        return {}
    ids = list(found)
    with engine.connect() as conn:
        for import_id, rnd in conn.execute(select(table.c.import_id, table.c["round"]).distinct()
                                           .where(table.c.import_id.in_(ids))):
            found[int(import_id)].add(rnd)
        for import_id, previous, key in conn.execute(
                select(change.c.import_id, change.c.previous_import_id, change.c.key).where(
                    or_(change.c.import_id.in_(ids), change.c.previous_import_id.in_(ids)))):
            for who in (import_id, previous):
                if who is not None and int(who) in found:
                    found[int(who)].add((key or {}).get("round"))
    return {i: frozenset(r for r in rounds if r is not None) for i, rounds in found.items()}


def round_frame(engine: Engine, kind: str, rounds: Iterable[str]) -> pd.DataFrame:
    """Rows of `kind` in `rounds` (the indexed round column in a WHERE), with their `id`
    (the order they were written), in `Store.frame`'s raw column form."""
    table = KINDS[kind].model.__table__
    names = ["id", *(c.name for c in table.columns if c.name != "id")]
    with engine.connect() as conn:
        return fetch.read_frame(conn, select(*(table.c[c] for c in names))
                                .where(table.c["round"].in_(list(rounds)))
                                .order_by(table.c.id), table)
