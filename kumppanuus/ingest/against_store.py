"""Checks of a validated file against what the database already holds (writes nothing).

* Key spellings: a key text that differs from a stored key only in case, inner whitespace or
  Unicode form ("Kevät 2021", "kevät  2021", an NFD "kevät") IS that stored key — the row is
  written with the stored spelling and a warning, instead of creating a second "table 2".
* A speaker, feedback or other row that names a table (round + table_no) the database does not
  have is imported with a warning. Decision: warn, not refuse — staff may well load a round's
  speakers before its tables file, and refusing would force an order the spec does not set;
  the warning says the rows show up only once the table exists.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from kumppanuus.ingest.results import IngestResult, Problem
from kumppanuus.ingest.texts import normal_key, shorten
from kumppanuus.schema import KINDS as SCHEMA_KINDS
from kumppanuus.store import Store
from kumppanuus.store.kinds import KINDS as STORE_KINDS


def _fold(text: str) -> str:
    return normal_key(text).casefold()


def check(result: IngestResult, store: Store, file_name: str) -> None:
    """Align key spellings with the database and warn about rows of unknown tables."""
    if result.unreadable or result.rows.empty:
        return
    kind = "scores" if result.kind == "menti" else result.kind
    if kind not in SCHEMA_KINDS or kind not in STORE_KINDS:
        return
    spec = SCHEMA_KINDS[kind]
    for col in spec.columns:
        if col.name in spec.key and col.free_text and col.name in result.rows:
            _align(result, store, kind, col.name, file_name)
    if kind != "tables" and {"round", "table_no"} <= set(result.rows.columns):
        _unknown_tables(result, store, file_name)


def _stored_values(store: Store, kind: str, column: str) -> list[str]:
    tables = [STORE_KINDS[kind].model.__table__]
    if column == "round" and kind != "tables":
        tables.append(STORE_KINDS["tables"].model.__table__)  # a round is the tables' round
    values: list[str] = []
    with store.engine.connect() as conn:
        for table in tables:
            if column in table.c:
                values += [v for (v,) in conn.execute(select(table.c[column]).distinct())
                           if isinstance(v, str)]
    return values


def _align(result: IngestResult, store: Store, kind: str, column: str, file_name: str) -> None:
    stored = {}
    for value in _stored_values(store, kind, column):
        stored.setdefault(_fold(value), value)
    if not stored:
        return
    values = result.rows[column]
    written = pd.Series(values.dropna().unique(), dtype=object)
    mapping = {}
    for text in written:
        match = stored.get(_fold(str(text)))
        if match is not None and match != text:
            mapping[text] = match
    if not mapping:
        return
    for text, match in mapping.items():
        first = int(values.index[values == text][0])
        header = SCHEMA_KINDS[kind].column(column).header_fi
        result.warnings.append(Problem(file_name, first, header, shorten(str(text)), (
            f"'{shorten(str(text))}' on tallennettu avain '{shorten(match)}' eri kirjoitusasulla "
            "(kirjainkoko, välilyönnit tai Unicode-muoto); rivit tallennetaan muodossa "
            f"'{shorten(match)}' eikä uutena avaimena")))
    result.rows[column] = values.map(lambda v: mapping.get(v, v))


def _unknown_tables(result: IngestResult, store: Store, file_name: str) -> None:
    table = STORE_KINDS["tables"].model.__table__
    with store.engine.connect() as conn:
        known = {(r, int(n)) for r, n in conn.execute(select(table.c.round, table.c.table_no))}
    rows = result.rows
    keys = list(zip(rows["round"], rows["table_no"]))
    reported = set()
    for row, key in zip(rows.index, keys):
        if pd.isna(key[1]) or (key[0], int(key[1])) in known or key in reported:
            continue
        reported.add(key)
        result.warnings.append(Problem(file_name, int(row), "nro", str(key[1]), (
            f"pöytää nro {int(key[1])} kierrokselta '{shorten(str(key[0]))}' ei ole "
            "tallennettu; rivit tuodaan, mutta ne näkyvät vasta kun pöytä on tuotu (tiedostolaji "
            "tables) — tarkista kierros ja numero")))
