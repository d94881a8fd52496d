"""The single rule for personal contact data, and export hygiene.

Phone numbers and e-mail addresses of people are shown only to a logged-in staff member, and
never in presentation mode. Every page and export asks `can_see_personal`; nothing else decides.
"""

from __future__ import annotations

import pandas as pd

from kumppanuus.store.kinds import PERSONAL_COLUMNS

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def can_see_personal(user: str | None, *, presentation: bool) -> bool:
    """True only for a logged-in staff user outside presentation mode."""
    return bool(user) and not presentation


def without_personal(df: pd.DataFrame) -> pd.DataFrame:
    """Drop e-mail and phone columns (the viewer version of any table)."""
    return df.drop(columns=[c for c in PERSONAL_COLUMNS if c in df.columns])


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula (CSV injection, OWASP)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_neutralise)
    return out


def _neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
