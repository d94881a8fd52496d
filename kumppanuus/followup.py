"""What came of the tables: follow-up actions per municipality and what staff should look at.

DataFrames in, DataFrames out (no database, no Streamlit). An action is *open* while its status
is `proposed`, `in_decision` or `decided` (decided but not yet done); `done` and `rejected` are
closed. An open action whose `updated` date is more than `STALE_MONTHS` months old is *stale*.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

OPEN_STATUSES = ("proposed", "in_decision", "decided")
CLOSED_STATUSES = ("done", "rejected")
STATUS_ORDER = (*OPEN_STATUSES, *CLOSED_STATUSES)
STALE_MONTHS = 6


def is_open(actions: pd.DataFrame) -> pd.Series:
    return actions["status"].fillna("proposed").isin(OPEN_STATUSES)


def open_counts(actions: pd.DataFrame, codes) -> pd.Series:
    """Open actions per municipality code, 0 for every code in `codes` without any."""
    opened = actions[is_open(actions)] if len(actions) else actions
    counts = opened.groupby("municipality").size() if len(opened) else pd.Series(dtype=int)
    return counts.reindex(list(codes), fill_value=0).astype(int).rename("open_actions")


def for_municipality(actions: pd.DataFrame, code: str) -> pd.DataFrame:
    """One municipality's actions, open ones first, then by round, table and number."""
    mine = actions[actions["municipality"] == code].copy()
    mine["_order"] = ~is_open(mine)
    mine = mine.sort_values(["_order", "round", "table_no", "action_no"])
    return mine.drop(columns="_order").reset_index(drop=True)


def stale_since(today: dt.date, months: int = STALE_MONTHS) -> dt.date:
    """The date `months` calendar months before `today` (end of month clamped)."""
    return (pd.Timestamp(today) - pd.DateOffset(months=months)).date()


def stale_actions(actions: pd.DataFrame, today: dt.date, months: int = STALE_MONTHS
                  ) -> pd.DataFrame:
    """Open actions not updated in `months` months (or never dated), oldest first."""
    if actions.empty:
        return actions
    updated = pd.to_datetime(actions["updated"])
    limit = pd.Timestamp(stale_since(today, months))
    stale = actions[is_open(actions) & (updated.isna() | (updated < limit))]
    return stale.assign(_u=updated[stale.index]).sort_values("_u", na_position="first") \
        .drop(columns="_u").reset_index(drop=True)


def changing_liaisons(contacts: pd.DataFrame) -> pd.DataFrame:
    """Liaisons marked `changing` (vaihtumassa): the municipality needs a new one named."""
    mask = (contacts["role"] == "liaison") & (contacts["status"] == "changing")
    return contacts[mask].reset_index(drop=True)


ACTION_KEY = ("round", "table_no", "action_no")


def fill_updated(incoming: pd.DataFrame, stored: pd.DataFrame, today: dt.date,
                 columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """`updated` for rows that do not give it (spec: the import's date) — but only where the
    row is new or changes one of `columns` (the file's columns; None = all); an unchanged row
    keeps its stored date, so importing the same file again, on any day, changes nothing."""
    out = incoming.copy()
    if "updated" not in out.columns:
        out["updated"] = None
    missing = out["updated"].isna().to_numpy()
    if not missing.any():
        return out
    compared = [c for c in out.columns if c not in (*ACTION_KEY, "updated") and c in stored
                and (columns is None or c in columns)]
    old = out[list(ACTION_KEY)].merge(stored[[*ACTION_KEY, *compared, "updated"]],
                                      on=list(ACTION_KEY), how="left", indicator=True)
    same = (old["_merge"] == "both").to_numpy().copy()  # a stored row with this key exists
    for col in compared:
        same &= (_text(out[col]) == _text(old[col])).to_numpy()
    keep = old["updated"].to_numpy(dtype=object)
    values = out["updated"].to_numpy(dtype=object).copy()
    values[missing] = [k if s else today for k, s in zip(keep[missing], same[missing])]
    out["updated"] = values
    return out


def _text(series: pd.Series) -> pd.Series:
    """Cells as comparable text: missing → '', 4.0 → '4', dates as ISO."""
    def one(value):
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, pd.Timestamp):
            return value.date().isoformat()
        return str(value)
    return series.reset_index(drop=True).map(one)
