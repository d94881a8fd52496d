"""User-facing strings in Finnish (default), Swedish and English, and locale formatting.

Numbers and dates go through Babel (CLDR data) rather than hand-written formatting, so Finnish
output is `1 234,5` (no-break space grouping, comma decimal) and `27.1.2021`.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from kumppanuus.i18n_strings import STRINGS

LANGUAGES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
DEFAULT_LANG = "fi"


def t(key: str, lang: str = DEFAULT_LANG, **kwargs) -> str:
    """The string `key` in `lang` (Finnish if missing), formatted with kwargs."""
    entry = STRINGS.get(key, {})
    text = entry.get(lang) or entry.get(DEFAULT_LANG) or key
    return text.format(**kwargs) if kwargs else text


def headers(keys: dict[str, str], lang: str = DEFAULT_LANG) -> dict[str, str]:
    """{column: header in `lang`} from {column: STRINGS key}, for `DataFrame.rename`."""
    return {column: t(key, lang) for column, key in keys.items()}


def name_column(lang: str = DEFAULT_LANG) -> str:
    """The municipality-name column to display: `name_sv` in Swedish, else `name_fi`."""
    return "name_sv" if lang == "sv" else "name_fi"


def municipality_names(municipalities, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """{code: name} in `lang` (Swedish names in Swedish; Finnish where a Swedish one is missing)."""
    names = municipalities[name_column(lang)].fillna(municipalities["name_fi"])
    return dict(zip(municipalities["code"], names))


def fmt_number(value, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """`1234.5` → `1 234,5` in Finnish; None/NaN → '–'."""
    if value is None or value != value:  # NaN check without numpy
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, "fi_FI"))


def fmt_percent(value, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    if value is None or value != value:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
    return format_percent(value, format=pattern, locale=LOCALES.get(lang, "fi_FI"))


def fmt_date(value: dt.date | None, lang: str = DEFAULT_LANG) -> str:
    """`2021-01-27` → `27.1.2021` in Finnish (CLDR short date without zero padding)."""
    if value is None:
        return "–"
    pattern = {"fi": "d.M.yyyy", "sv": "d.M.yyyy", "en": "d MMM yyyy"}.get(lang, "d.M.yyyy")
    return format_date(value, format=pattern, locale=LOCALES.get(lang, "fi_FI"))
