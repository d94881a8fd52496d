"""User-facing strings in Finnish (default), Swedish and English, and locale formatting.

The strings live in gettext catalogs, `kumppanuus/locale/{fi,sv,en}/LC_MESSAGES/messages.po`,
edited as text and committed; there is no compile step: each catalog is read with Babel's
`read_po` and compiled in memory (`write_mo`) into the standard library's `GNUTranslations`
once per process, so plural forms follow each catalog's `Plural-Forms` rule ("1 ongelma",
"2 ongelmaa"). A msgid is the key pages pass to `t()`. A plural entry takes its count from the
placeholder `n` (else the first numeric argument). An unknown key raises `UnknownMessage`, so a
typo fails a test instead of showing the key to a user. A Swedish or English entry left empty
falls back to the Finnish one.

Numbers and dates go through Babel (CLDR data) rather than hand-written formatting, so Finnish
output is `1 234,5` (no-break space grouping, comma decimal) and `27.1.2021`.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel import Locale
from babel.numbers import parse_pattern

LANGUAGES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
DEFAULT_LANG = "fi"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
PLURAL_SUFFIX = "_plural"


class UnknownMessage(KeyError):
    """`t()` was asked for a key that no catalog has."""


@dataclass(frozen=True)
class _Catalog:
    translations: gettext.GNUTranslations
    keys: frozenset[str]
    plural: frozenset[str]


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=None)
def _catalog(lang: str) -> _Catalog:
    with catalog_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    translations = gettext.GNUTranslations(buffer)
    if lang != DEFAULT_LANG:
        translations.add_fallback(_catalog(DEFAULT_LANG).translations)
    ids = [m.id for m in catalog if m.id]
    keys = frozenset(i[0] if isinstance(i, tuple) else i for i in ids)
    return _Catalog(translations, keys, frozenset(i[0] for i in ids if isinstance(i, tuple)))


def _count(kwargs: dict) -> int:
    """The number a plural entry is about: `n`, else the first numeric argument ('1 234' too)."""
    value = kwargs.get("n", next((v for v in kwargs.values()
                                  if isinstance(v, (int, float)) and not isinstance(v, bool)), 0))
    if isinstance(value, str):
        digits = re.sub(r"\D", "", value)
        return int(digits) if digits else 0
    return int(value)


def has(key: str) -> bool:
    """True when the catalogs have `key`."""
    return key in _catalog(DEFAULT_LANG).keys


def t(key: str, lang: str = DEFAULT_LANG, **kwargs) -> str:
    """The string `key` in `lang` (Finnish if `lang` is unknown), formatted with kwargs; the
    plural form that fits the count for plural entries. Raises UnknownMessage for a bad key."""
    catalog = _catalog(lang if lang in LANGUAGES else DEFAULT_LANG)
    if key not in catalog.keys:
        raise UnknownMessage(key)
    if key in catalog.plural:
        text = catalog.translations.ngettext(key, key + PLURAL_SUFFIX, _count(kwargs))
    else:
        text = catalog.translations.gettext(key)
    return text.format(**kwargs) if kwargs else text


class _Strings(Mapping):
    """Read-only view {key: {lang: text}} of the catalogs (the plural entries' plural form)."""

    def __getitem__(self, key: str) -> dict[str, str]:
        if not has(key):
            raise KeyError(key)
        return {lang: _raw(key, lang) for lang in LANGUAGES}

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(_catalog(DEFAULT_LANG).keys))

    def __len__(self) -> int:
        return len(_catalog(DEFAULT_LANG).keys)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and has(key)


def _raw(key: str, lang: str, count: int = 2) -> str:
    catalog = _catalog(lang)
    if key in catalog.plural:
        return catalog.translations.ngettext(key, key + PLURAL_SUFFIX, count)
    return catalog.translations.gettext(key)


def forms(key: str, lang: str) -> list[str]:
    """Every form of `key` in `lang` as the catalog has it (one, or singular and plural)."""
    if key in _catalog(lang).plural:
        return [_raw(key, lang, 1), _raw(key, lang, 2)]
    return [_raw(key, lang)]


#: {key: {lang: text}}, read from the catalogs (for code that asks whether a key exists).
STRINGS: Mapping[str, dict[str, str]] = _Strings()


def headers(keys: dict[str, str], lang: str = DEFAULT_LANG) -> dict[str, str]:
    """{column: header in `lang`} from {column: STRINGS key}, for `DataFrame.rename`."""
    return {column: t(key, lang) for column, key in keys.items()}


@lru_cache(maxsize=None)
def _finnish_headers(lang: str) -> dict[str, str]:
    """{Finnish header: the same header in `lang`} over the catalogs' column names (`col_*`),
    for frames that already carry the spec's Finnish headers."""
    out: dict[str, str] = {}
    for key in sorted(k for k in _catalog(DEFAULT_LANG).keys if k.startswith("col_")):
        out.setdefault(t(key, DEFAULT_LANG), t(key, lang))
    return out


def header_in(header: str, lang: str = DEFAULT_LANG) -> str:
    """A Finnish column header ('kierros') in `lang` ('omgång'); other texts as they are."""
    return header if lang == DEFAULT_LANG else _finnish_headers(lang).get(header, header)


def name_column(lang: str = DEFAULT_LANG) -> str:
    """The municipality-name column to display: `name_sv` in Swedish, else `name_fi`."""
    return "name_sv" if lang == "sv" else "name_fi"


def municipality_names(municipalities, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """{code: name} in `lang` (Swedish names in Swedish; Finnish where a Swedish one is missing)."""
    names = municipalities[name_column(lang)].fillna(municipalities["name_fi"])
    return dict(zip(municipalities["code"], names))


def localised_municipalities(municipalities, lang: str = DEFAULT_LANG):
    """The municipalities frame whose `name_fi` column holds the name to show in `lang`
    (Alavo, Storå in Swedish; `name_sv` keeps the Swedish name): pages hand this frame to every
    builder, so names follow the language everywhere without each builder asking."""
    if lang != "sv":
        return municipalities
    return municipalities.assign(name_fi=municipalities["code"].map(
        municipality_names(municipalities, lang)))


def fmt_number(value, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """`1234.5` → `1 234,5` in Finnish; None/NaN → '–'."""
    if value is None or value != value:  # NaN check without numpy
        return "–"
    return _formatted(value, lang, decimals, False)


def fmt_percent(value, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    if value is None or value != value:
        return "–"
    return _formatted(value, lang, decimals, True)


def fmt_numbers(values, lang: str = DEFAULT_LANG, decimals: int = 0, *,
                percent: bool = False) -> list[str]:
    """`fmt_number` (or `fmt_percent`) of every value, each distinct value formatted once:
    a chart's labels repeat few values many times."""
    fmt = fmt_percent if percent else fmt_number
    done: dict = {}
    out = []
    for value in values:
        if value is None or value != value:
            out.append("–")
            continue
        text = done.get(value)
        if text is None:
            text = done[value] = fmt(value, lang, decimals)
        out.append(text)
    return out


@lru_cache(maxsize=16)
def _pattern(decimals: int, percent: bool):
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else "")
                         + (" %" if percent else ""))


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, "fi_FI"))


@lru_cache(maxsize=65536)
def _formatted(value, lang: str, decimals: int, percent: bool) -> str:
    # Babel's own format_decimal/format_percent, minus re-parsing the locale and the pattern
    # on every call (two thirds of their time); results cached, as labels repeat values.
    return _pattern(decimals, percent).apply(value, _locale(lang))


def fmt_date(value: dt.date | None, lang: str = DEFAULT_LANG) -> str:
    """`2021-01-27` → `27.1.2021` in Finnish (CLDR short date without zero padding)."""
    if value is None:
        return "–"
    pattern = {"fi": "d.M.yyyy", "sv": "d.M.yyyy", "en": "d MMM yyyy"}.get(lang, "d.M.yyyy")
    return format_date(value, format=pattern, locale=LOCALES.get(lang, "fi_FI"))
