"""User-facing strings in Finnish (default), Swedish and English, and locale formatting.

Numbers and dates go through Babel (CLDR data) rather than hand-written formatting, so Finnish
output is `1 234,5` (no-break space grouping, comma decimal) and `27.1.2021`.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LANGUAGES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
DEFAULT_LANG = "fi"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"fi": "Kumppanuuskartta", "sv": "Partnerskapskartan",
                  "en": "Partnership map"},
    "page_map": {"fi": "Kartta", "sv": "Karta", "en": "Map"},
    "page_tables": {"fi": "Pöydät", "sv": "Borden", "en": "Tables"},
    "page_people": {"fi": "Yhteyshenkilöt", "sv": "Kontaktpersoner", "en": "Contacts"},
    "page_scores": {"fi": "Järjestöystävällisyys", "sv": "Föreningsvänlighet",
                    "en": "NGO-friendliness"},
    "page_upload": {"fi": "Lataa aineistoa", "sv": "Ladda upp data", "en": "Upload data"},
    "page_home": {"fi": "Etusivu", "sv": "Startsida", "en": "Home"},
    "language": {"fi": "Kieli", "sv": "Språk", "en": "Language"},
    "round": {"fi": "Kierros", "sv": "Omgång", "en": "Round"},
    "leader_area": {"fi": "Leader-alue", "sv": "Leader-område", "en": "Leader area"},
    "municipality": {"fi": "Kunta", "sv": "Kommun", "en": "Municipality"},
    "all": {"fi": "Kaikki", "sv": "Alla", "en": "All"},
    "presentation_mode": {"fi": "Esitystila", "sv": "Presentationsläge",
                          "en": "Presentation mode"},
    "presentation_help": {
        "fi": "Isompi teksti, ei yhteystietoja – videotykille.",
        "sv": "Större text, inga kontaktuppgifter – för projektor.",
        "en": "Larger text, no contact details – for a projector.",
    },
    "participants": {"fi": "Osallistujia", "sv": "Deltagare", "en": "Participants"},
    "tables_count": {"fi": "Pöytiä", "sv": "Bord", "en": "Tables"},
    "mean_participants": {"fi": "Keskimäärin / pöytä", "sv": "Medeltal / bord",
                          "en": "Mean per table"},
    "no_data": {"fi": "ei tietoa", "sv": "uppgift saknas", "en": "no data"},
    "example_label": {"fi": "Esimerkkiaineisto", "sv": "Exempeldata", "en": "Example data"},
    "download_csv": {"fi": "Lataa CSV", "sv": "Ladda ner CSV", "en": "Download CSV"},
    "download_xlsx": {"fi": "Lataa XLSX", "sv": "Ladda ner XLSX", "en": "Download XLSX"},
    "download_png": {"fi": "Lataa PNG", "sv": "Ladda ner PNG", "en": "Download PNG"},
    "source_note": {
        "fi": "Lähde: Kumppanuuspöydät kevät 2021 -raportti; väkiluku: Tilastokeskus 31.12.2020.",
        "sv": "Källa: rapporten Partnerskapsbord våren 2021; folkmängd: Statistikcentralen "
              "31.12.2020.",
        "en": "Source: the Partnership tables spring 2021 report; population: Statistics "
              "Finland 31 Dec 2020.",
    },
    "logged_in_as": {"fi": "Kirjautunut: {user}", "sv": "Inloggad: {user}",
                     "en": "Logged in: {user}"},
    "login": {"fi": "Kirjaudu (henkilökunta)", "sv": "Logga in (personal)",
              "en": "Log in (staff)"},
    "logout": {"fi": "Kirjaudu ulos", "sv": "Logga ut", "en": "Log out"},
    "db_error": {
        "fi": "Tietokantaan ei saatu yhteyttä. Tarkista DATABASE_URL-asetus. ({error})",
        "sv": "Ingen kontakt med databasen. Kontrollera DATABASE_URL. ({error})",
        "en": "Could not reach the database. Check DATABASE_URL. ({error})",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **kwargs) -> str:
    """The string `key` in `lang` (Finnish if missing), formatted with kwargs."""
    entry = STRINGS.get(key, {})
    text = entry.get(lang) or entry.get(DEFAULT_LANG) or key
    return text.format(**kwargs) if kwargs else text


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
