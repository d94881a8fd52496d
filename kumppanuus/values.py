"""Missing values, one rule for the whole app.

Frames read from the database mix None, pandas.NA, NaN and NaT for "no value" (pandas 3 keeps a
missing text as NaN). Truthiness is wrong for all of them but None — `bool(float("nan"))` is
True and `bool(pd.NA)` raises TypeError — so code that asks "is there a memo?" of a row must ask
`is_missing`, or take the row through `record`, which turns every missing value into None.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def is_missing(value) -> bool:
    """None, NA, NaN, NaT, an empty or blank string, and an empty list count as no value."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, (list, tuple, set, dict)):
        return len(value) == 0
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # array-likes: not a scalar missing value
        return False


def or_none(value):
    """`value`, or None when it is missing."""
    return None if is_missing(value) else value


def text_of(value, default: str = "") -> str:
    """`value` as text, `default` when it is missing (never 'nan' or '<NA>')."""
    return default if is_missing(value) else str(value)


def record(row: pd.Series | Mapping) -> dict:
    """One row as a dict in which every missing value is None (safe for `if row[...]:`)."""
    items = row.items() if isinstance(row, (pd.Series, Mapping)) else dict(row).items()
    return {key: or_none(value) for key, value in items}
