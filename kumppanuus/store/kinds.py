"""The importable kinds as the store sees them: table model, key and value columns.

Column names are the canonical ones of shared/spec/data-formats.md. `scores` is the one kind whose
stored form differs from its file form: a file row carries `score` or `mean` + `n`, the database
keeps `score_sum` + `n` so single ratings and aggregates add up exactly (see `scores_to_db`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kumppanuus import schema
from kumppanuus.store import db


@dataclass(frozen=True)
class KindSpec:
    name: str
    model: type
    key: tuple[str, ...]
    values: tuple[str, ...]
    export_columns: tuple[str, ...]

    @property
    def db_columns(self) -> tuple[str, ...]:
        return self.key + self.values


def _kind(name: str, model: type) -> KindSpec:
    """Key, value and export columns of a kind, read off its pandera model (the key and the
    file's columns) and its table (what is stored, kumppanuus.store.db)."""
    spec = schema.kind_spec(name)
    stored = [c.name for c in model.__table__.columns if c.name not in ("id", "import_id")]
    return KindSpec(name, model, spec.key, tuple(c for c in stored if c not in spec.key),
                    tuple(spec.names))


KINDS: dict[str, KindSpec] = {
    "tables": _kind("tables", db.PartnershipTable),
    "contacts": _kind("contacts", db.Contact),
    "speakers": _kind("speakers", db.Speaker),
    "scores": _kind("scores", db.Score),
    "feedback": _kind("feedback", db.Feedback),
    "actions": _kind("actions", db.Action),
    "highlights": _kind("highlights", db.Highlight),  # every column is part of the key
    # A memo is a file, not a table: one row per table (see kumppanuus.ingest.memo).
    "memo": KindSpec(
        "memo",
        db.Memo,
        ("round", "table_no"),
        ("file_name", "sha256", "text", "is_public"),
        ("round", "table_no", "file_name", "sha256", "is_public"),
    ),
    "organisations": _kind("organisations", db.Organisation),
    "table_hosts": _kind("table_hosts", db.TableHost),
    "round_facts": _kind("round_facts", db.RoundFact),
}

PERSONAL_COLUMNS = ("email", "phone")


def scores_to_db(rows: pd.DataFrame, *, is_example: bool = False) -> pd.DataFrame:
    """File form (score | mean+n) → stored form (score_sum, n); an exact `score_sum` the rows
    carry (Menti) wins over mean × n."""
    out = rows.copy(deep=False)  # copy-on-write: the columns set below never touch `rows`
    for col in ("score", "mean", "n", "respondent"):
        if col not in out.columns:
            out[col] = None
    single = out["score"].notna()
    n = pd.to_numeric(out["n"], errors="coerce")
    out["n"] = n.where(~single, 1).astype("Int64")
    mean = pd.to_numeric(out["mean"], errors="coerce")
    derived = pd.to_numeric(out["score"], errors="coerce").where(single, mean * n)
    out["score_sum"] = _exact_sum(out).fillna(derived)
    out["respondent"] = out["respondent"].fillna("").astype(str)
    for col, default in (("scale_min", 1.0), ("scale_max", 5.0)):
        out[col] = pd.to_numeric(out.get(col), errors="coerce").fillna(default) \
            if col in out.columns else default
    if "is_example" not in out.columns:
        out["is_example"] = is_example
    return out.drop(columns=["score", "mean"])


def _exact_sum(rows: pd.DataFrame) -> pd.Series:
    """A `score_sum` the rows already carry (Menti: value × count added up), else all NaN."""
    if "score_sum" not in rows.columns:
        return pd.Series(float("nan"), index=rows.index)
    return pd.to_numeric(rows["score_sum"], errors="coerce")


def scores_from_db(rows: pd.DataFrame) -> pd.DataFrame:
    """Stored form → file form: a keyed single rating as `score`, anything else as mean + n."""
    out = rows.copy()
    single = (out["n"] == 1) & (out["respondent"] != "")
    out["score"] = out["score_sum"].where(single)
    out["mean"] = (out["score_sum"] / out["n"]).where(~single)
    out["n"] = out["n"].astype("Int64").where(~single)
    return out
