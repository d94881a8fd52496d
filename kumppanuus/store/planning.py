"""What an import would do, computed with pandas: rows to add, rows to update, unchanged.

Pure functions over DataFrames (no database): `plan(spec, existing, incoming)` compares the
incoming rows with the stored ones by the kind's key columns, column by column and vectorised,
so a 100,000-row file is planned in well under a second.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kumppanuus.store.kinds import KindSpec

KEY_SEPARATOR = "\x1f"


@dataclass
class ImportPlan:
    """New rows (a frame), changed rows as (new values, previous values, previous import),
    and how many incoming rows are already stored as they are."""

    kind: str
    added: pd.DataFrame = field(default_factory=pd.DataFrame)
    updated: list[tuple[dict, dict, int | None]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.updated)


def clean(value):
    """A pandas/numpy cell → a plain Python value (NaN/NA → None)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def jsonable(value):
    value = clean(value)
    return value.isoformat() if isinstance(value, dt.date) else value


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain Python values (None for missing), ready for an executemany
    INSERT; converted column by column, which is ~10× faster than cleaning cell by cell."""
    columns = {c: _plain(df[c]) for c in df.columns}
    return [dict(zip(columns, row)) for row in zip(*columns.values())]


def _plain(series: pd.Series) -> list:
    if pd.api.types.is_datetime64_any_dtype(series):
        return [clean(v) for v in series]
    values = series.to_numpy(dtype=object, na_value=None).tolist()
    if series.dtype == object:  # NaN floats hiding in object columns
        return [clean(v) for v in values]
    return values


def _key_part(series: pd.Series) -> pd.Series:
    """One key column as comparable text: integers without '.0', dates as ISO, text as is."""
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return pd.to_numeric(series).astype("Int64").astype("string").fillna("")
    first = series.dropna().head(1)
    if len(first) and isinstance(first.iloc[0], (dt.date, pd.Timestamp)):
        return pd.to_datetime(series).dt.strftime("%Y-%m-%d").fillna("")
    return series.astype("string").fillna("")


def key_index(df: pd.DataFrame, key: tuple[str, ...]) -> pd.Index:
    parts = [_key_part(df[k]).reset_index(drop=True) for k in key]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + KEY_SEPARATOR + part
    return pd.Index(joined)


def _equal(new: pd.Series, old: pd.Series) -> np.ndarray:
    """Cell-wise equality with NaN == NaN and numbers compared with a tiny tolerance."""
    new, old = new.reset_index(drop=True), old.reset_index(drop=True)
    both_missing = (new.isna() & old.isna()).to_numpy()
    numeric = all(pd.api.types.is_numeric_dtype(s) for s in (new, old))
    if numeric:
        a = pd.to_numeric(new).astype("float64").to_numpy()
        b = pd.to_numeric(old).astype("float64").to_numpy()
        return both_missing | np.isclose(a, b, rtol=1e-12, atol=1e-12)
    same = (new.astype(object) == old.astype(object)).fillna(False).to_numpy(dtype=bool)
    return both_missing | same


def plan(spec: KindSpec, existing: pd.DataFrame, incoming: pd.DataFrame,
         update_columns: tuple[str, ...] | None = None) -> ImportPlan:
    """Compare `incoming` (database column form) with `existing` rows of the same kind.

    `update_columns`: the value columns an existing row may change (the file's columns);
    None = all. A file without an optional column never blanks that column.
    """
    columns = [c for c in spec.db_columns if c in incoming.columns]
    incoming = incoming[columns].reset_index(drop=True)
    new_keys = key_index(incoming, spec.key)
    old_keys = key_index(existing, spec.key) if len(existing) else pd.Index([])
    found = new_keys.isin(old_keys)
    result = ImportPlan(spec.name, added=incoming[~found].reset_index(drop=True))
    if not found.any():
        return result
    matched = incoming[found].reset_index(drop=True)
    old = existing.reset_index(drop=True).iloc[old_keys.get_indexer(new_keys[found])]
    updatable = [c for c in columns if c not in spec.key
                 and (update_columns is None or c in update_columns)]
    same = pd.DataFrame({c: _equal(matched[c], old[c]) for c in updatable}, dtype=bool)
    changed_rows = ~same.all(axis=1).to_numpy() if updatable else np.zeros(len(matched), bool)
    result.unchanged = int((~changed_rows).sum())
    for i in np.flatnonzero(changed_rows):
        cols = [c for c in updatable if not same.at[i, c]]
        new_row = {k: clean(matched.at[i, k]) for k in (*spec.key, *cols)}
        previous = {c: clean(old[c].iloc[i]) for c in cols}
        result.updated.append((new_row, previous, clean(old["import_id"].iloc[i])))
    return result
