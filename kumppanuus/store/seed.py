"""Load the facts the app ships (data/*.csv, transcribed from the spring 2021 report).

The seed CSVs are written in the canonical column form, so loading them needs no ingest
heuristics; `load_into` inserts them in the caller's transaction.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import insert
from sqlalchemy.orm import Session

from kumppanuus import config
from kumppanuus.store import db

INT_COLUMNS = {
    "tables": ["table_no", "participants", "online_peak", "onsite", "registered_local_orgs",
               "registered_regional_orgs", "registered_officials"],
    "speakers": ["table_no"],
}


def read_seed(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """A seed CSV as text columns (codes keep their leading zeros)."""
    path = (data_dir or config.DATA_DIR) / f"{name}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _records(df: pd.DataFrame, ints=(), floats=(), dates=()) -> list[dict]:
    out = []
    for row in df.to_dict("records"):
        rec = {k: (v if v != "" else None) for k, v in row.items()}
        for k in ints:
            rec[k] = int(rec[k]) if rec[k] is not None else None
        for k in floats:
            rec[k] = float(rec[k]) if rec[k] is not None else None
        for k in dates:
            rec[k] = pd.Timestamp(rec[k]).date() if rec[k] is not None else None
        out.append(rec)
    return out


def municipality_records(data_dir: Path | None = None) -> list[dict]:
    munis = read_seed("municipalities", data_dir)
    centres = read_seed("municipality_centres", data_dir)
    merged = munis.merge(centres, on="code", how="left").fillna("")
    return _records(merged, ints=["population_2020"], floats=["lat", "lon"])


def load_into(session: Session, data_dir: Path | None = None) -> None:
    """Insert every seed table. Call inside a transaction on an empty database."""
    def put(model, records):
        if records:
            session.execute(insert(model.__table__), records)

    put(db.LeaderArea, _records(read_seed("leader_areas", data_dir).drop(columns=["source"])))
    put(db.Municipality, municipality_records(data_dir))
    put(db.MunicipalityPart, _records(read_seed("municipality_parts", data_dir)))
    put(db.FormerMunicipality, _records(read_seed("former_municipalities", data_dir),
                                        ints=["year"]))
    put(db.Criterion, _records(read_seed("criteria", data_dir), ints=["no"]))
    put(db.Round, _records(read_seed("rounds", data_dir), dates=["start_date", "end_date"]))
    put(db.PartnershipTable, _records(read_seed("tables", data_dir),
                                      ints=INT_COLUMNS["tables"], dates=["date"]))
    put(db.Speaker, _records(read_seed("speakers", data_dir), ints=["table_no"]))
    contacts = read_seed("contacts", data_dir)
    put(db.Contact, _records(contacts))
