"""The single rule for personal contact data, and export hygiene.

Phone numbers and e-mail addresses of people are shown only to a logged-in staff member, and
never in presentation mode. Every page and export asks `can_see_personal`; nothing else decides.
Internal memos follow the same rule (`can_see_internal`); inside free text shown to anyone else,
e-mail addresses and phone numbers are masked (`mask_contact_details`).
"""

from __future__ import annotations

import re

import pandas as pd

from kumppanuus.store.kinds import PERSONAL_COLUMNS

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def can_see_personal(user: str | None, *, presentation: bool) -> bool:
    """True only for a logged-in staff user outside presentation mode."""
    return bool(user) and not presentation


def can_see_internal(user: str | None, *, presentation: bool) -> bool:
    """Internal memos: the same rule — a logged-in staff user outside presentation mode."""
    return can_see_personal(user, presentation=presentation)


#: E-mail addresses and Finnish-style phone numbers inside free text (memos, highlights).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w,.])(\+358|0)[\s-]?\d{1,3}([\s-]?\d{2,4}){2,3}(?![\w,.]\d)")
HIDDEN = "[piilotettu]"


def mask_contact_details(text: str) -> str:
    """`text` with e-mail addresses and phone numbers replaced by HIDDEN (for anyone who may
    not see personal data: memo text is free text, so no column can be dropped)."""
    return _PHONE.sub(HIDDEN, _EMAIL.sub(HIDDEN, str(text)))


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
