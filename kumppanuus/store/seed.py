"""Load the region's files and the facts the app ships (data/*.csv, from the spring 2021 report).

The seed CSVs are written in the canonical column form, so loading them needs no ingest
heuristics; `load_into` inserts them in the caller's transaction.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import insert
from sqlalchemy.orm import Session

from kumppanuus import config, schema
from kumppanuus.store import db



def _typed(kind: str) -> dict[str, list[str]]:
    """`_records` conversions for a kind's seed file, from its declaration in kumppanuus.schema."""
    columns = schema.kind_spec(kind).columns
    return {"ints": [c.name for c in columns if c.type == "int"],
            "floats": [c.name for c in columns if c.type == "number"],
            "dates": [c.name for c in columns if c.type == "date"]}


#: Round facts added in the second release (organisations, table co-hosts, narrative facts);
#: `migrations/versions/0004_round_partners.py` loads them into a database seeded before.
KIND_TABLES = {"organisations": db.Organisation.__table__, "table_hosts": db.TableHost.__table__,
               "round_facts": db.RoundFact.__table__}
PARTNER_KINDS = {"organisations": "organisations", "table_hosts": "table_hosts",
                 "round_facts": "round_facts"}  # kind → seed file


def partner_records(data_dir: Path | None = None) -> dict[str, list[dict]]:
    """{kind: rows} of the region's partner files that exist (typed for insert)."""
    folder = Path(data_dir or config.region_dir())
    out = {}
    for kind, name in PARTNER_KINDS.items():
        frame = _optional(name, folder)
        if frame is not None and not frame.empty:
            out[kind] = _records(frame, **_typed(kind))
    return out


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


def _optional(name: str, folder: Path) -> pd.DataFrame | None:
    """A region file that may be absent (parts, former municipalities, round facts)."""
    return read_seed(name, folder) if (folder / f"{name}.csv").is_file() else None


def municipality_records(data_dir: Path | None = None) -> list[dict]:
    folder = data_dir or config.DATA_DIR
    munis = read_seed("municipalities", folder)
    centres = _optional("municipality_centres", folder)
    if centres is None:
        centres = pd.DataFrame({"code": munis["code"], "lat": "", "lon": ""})
    merged = munis.merge(centres, on="code", how="left").fillna("")
    return _records(merged, ints=["population_2020"], floats=["lat", "lon"])


def load_into(session: Session, data_dir: Path | None = None) -> None:
    """Insert the region's files (`data_dir`, default the configured region folder, see
    kumppanuus.region) and the facts it has. Call inside a transaction on an empty database."""
    folder = Path(data_dir or config.region_dir())

    def put(model, frame, **types):
        if frame is None or frame.empty:
            return
        columns = [c for c in frame.columns if c in model.__table__.columns]  # e.g. no "source"
        session.execute(insert(model.__table__), _records(frame[columns], **types))

    put(db.LeaderArea, read_seed("leader_areas", folder))
    session.execute(insert(db.Municipality.__table__), municipality_records(folder))
    put(db.MunicipalityPart, _optional("municipality_parts", folder))
    put(db.FormerMunicipality, _optional("former_municipalities", folder), ints=["year"])
    criteria = _optional("criteria", folder)
    put(db.Criterion, criteria if criteria is not None else read_seed("criteria"), ints=["no"])
    put(db.Round, _optional("rounds", folder), dates=["start_date", "end_date"])
    put(db.PartnershipTable, _optional("tables", folder), **_typed("tables"))
    put(db.Speaker, _optional("speakers", folder), **_typed("speakers"))
    put(db.Contact, _optional("contacts", folder), **_typed("contacts"))
    for kind, rows in partner_records(folder).items():
        session.execute(insert(KIND_TABLES[kind]), rows)


def load_highlights(session: Session, data_dir: Path | None = None) -> None:
    """Insert the round's discussion highlights (`highlights.csv` of the region folder, if it
    has one: South Ostrobothnia's are the spring 2021 report's "Poimintoja keskusteluista")."""
    frame = _optional("highlights", Path(data_dir or config.region_dir()))
    if frame is not None and not frame.empty:
        session.execute(insert(db.Highlight.__table__), _records(frame, **_typed("highlights")))
