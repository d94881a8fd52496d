"""The upload preview as a staff member reads it: columns in the chosen language, municipality
names (not codes) in that language, empty cells empty (never `None`), labels for flags."""

from __future__ import annotations

import pandas as pd

from kumppanuus.i18n import has, municipality_names, t
from kumppanuus.schema import KINDS

#: Value columns of the stored form that have no upload header (scores keep sums and counts).
STORED_HEADERS = {"score_sum": "col_score_sum", "is_example": "col_example"}


def header(kind: str, column: str, lang: str = "fi") -> str:
    """A preview column's header: the catalog's `col_<column>` if there is one, else the
    upload format's Finnish header in Finnish and Swedish, the canonical name in English."""
    key = STORED_HEADERS.get(column, f"col_{column}")
    if has(key):
        return t(key, lang)
    spec = KINDS.get("scores" if kind == "menti" else kind)
    finnish = {c.name: c.header_fi for c in spec.columns} if spec else {}
    if lang == "en" or column not in finnish:
        return column.replace("_", " ")
    return finnish[column]


def shown(rows: pd.DataFrame, kind: str, municipalities: pd.DataFrame,
          lang: str = "fi") -> pd.DataFrame:
    """Preview rows (database column form) → what the page shows."""
    if rows.empty:
        return rows
    names = municipality_names(municipalities, lang)
    out = rows.copy()
    if "municipality" in out.columns:
        out["municipality"] = out["municipality"].map(lambda c: names.get(c, c))
    if "municipalities" in out.columns:
        out["municipalities"] = out["municipalities"].map(
            lambda codes: ", ".join(names.get(c, c) for c in str(codes).split(",") if c)
            if isinstance(codes, str) else codes)
    for column in out.columns:
        if out[column].dtype == bool or column == "is_example":
            out[column] = out[column].map({True: t("yes", lang), False: t("no", lang)})
    out = out.astype(object).where(out.notna(), "")
    return out.rename(columns={c: header(kind, c, lang) for c in out.columns})
