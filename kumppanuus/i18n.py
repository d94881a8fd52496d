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
    # -- NGO-friendliness scores and the feedback poll (pages/jarjestoystavallisyys.py) --------
    "group_participants": {"fi": "osallistujat", "sv": "deltagare", "en": "participants"},
    "group_managers": {"fi": "kuntajohtajat", "sv": "kommundirektörer", "en": "municipal managers"},
    "example_subtitle": {
        "fi": "Keksittyjä lukuja esittelyä varten – ei oikeita arvioita.",
        "sv": "Påhittade siffror för demonstration – inga riktiga bedömningar.",
        "en": "Invented figures for demonstration – not real ratings.",
    },
    "scores_mean_pct": {"fi": "Keskiarvo (0–100 %)", "sv": "Medelvärde (0–100 %)",
                        "en": "Mean (0–100 %)"},
    "scores_mean_orig": {"fi": "Keskiarvo (alkuperäinen asteikko)",
                         "sv": "Medelvärde (ursprunglig skala)", "en": "Mean (original scale)"},
    "scores_scale": {"fi": "Asteikko", "sv": "Skala", "en": "Scale"},
    "scores_n": {"fi": "Vastaajia", "sv": "Svarande", "en": "Respondents"},
    "scores_group": {"fi": "Vastaajaryhmä", "sv": "Svarsgrupp", "en": "Respondent group"},
    "scores_criterion": {"fi": "Kriteeri", "sv": "Kriterium", "en": "Criterion"},
    "scores_gap": {"fi": "Ero (osallistujat − kuntajohtajat), %-yks.",
                   "sv": "Skillnad (deltagare − direktörer), %-enh.",
                   "en": "Gap (participants − managers), pp"},
    "scores_change": {"fi": "Muutos, %-yks.", "sv": "Förändring, %-enh.",
                      "en": "Change, pp"},
    "scores_small_n": {"fi": "alle {n} vastaajaa", "sv": "under {n} svarande",
                       "en": "fewer than {n} respondents"},
    "scores_no_answers": {"fi": "ei vastauksia", "sv": "inga svar", "en": "no answers"},
    "scores_hidden": {"fi": "Piilotettu", "sv": "Dold", "en": "Hidden"},
    "scores_title_muni": {"fi": "Järjestöystävällisyys: {name}", "sv": "Föreningsvänlighet: {name}",
                          "en": "NGO-friendliness: {name}"},
    "scores_title_heat": {"fi": "Osallistujien keskiarvo kunnittain",
                          "sv": "Deltagarnas medelvärde per kommun",
                          "en": "Participants' mean by municipality"},
    "scores_title_gap": {"fi": "Ero: osallistujat − kuntajohtajat",
                         "sv": "Skillnad: deltagare − direktörer",
                         "en": "Gap: participants − managers"},
    "scores_title_change": {"fi": "Muutos kierrosten välillä", "sv": "Förändring mellan omgångar",
                            "en": "Change between rounds"},
    "scores_min_n": {"fi": "Pienin näytettävä vastaajaryhmä", "sv": "Minsta grupp som visas",
                     "en": "Smallest group shown"},
    "scores_min_n_help": {
        "fi": "Ryhmän keskiarvo piilotetaan, jos kunnan ja kriteerin vastaajia on vähemmän.",
        "sv": "Gruppens medelvärde döljs om kommunen och kriteriet har färre svarande.",
        "en": "A group's mean is hidden when a municipality and criterion have fewer respondents.",
    },
    "scores_show_example": {"fi": "Näytä esimerkkiaineisto", "sv": "Visa exempeldata",
                            "en": "Show example data"},
    "scores_example_warning": {
        "fi": "Esimerkkiaineisto: luvut ovat keksittyjä eivätkä ole tietokannassa.",
        "sv": "Exempeldata: siffrorna är påhittade och finns inte i databasen.",
        "en": "Example data: the figures are invented and are not in the database.",
    },
    "scores_empty": {
        "fi": "Järjestöystävällisyyden arvioita ei ole vielä ladattu.",
        "sv": "Inga bedömningar av föreningsvänlighet har laddats upp ännu.",
        "en": "No NGO-friendliness ratings have been uploaded yet.",
    },
    "scores_howto": {
        "fi": "**Näin lisäät arviot:**\n"
              "1. Lataa pohja alta ja täytä se (yksi arvio tai keskiarvo + vastaajia riviä kohti).\n"
              "2. Kirjaudu ja vie tiedosto sivulla *Lataa aineistoa* lajina **scores** "
              "(järjestöystävällisyys) – tai Mentimeterin tulostiedosto lajina **menti**.\n"
              "3. Tai komentoriviltä: `python -m kumppanuus import scores TIEDOSTO`.\n\n"
              "Voit katsoa sivua myös esimerkkiaineistolla (kytkin yllä); se ei tallennu "
              "tietokantaan.",
        "sv": "**Så lägger du till bedömningar:**\n"
              "1. Ladda ner mallen nedan och fyll i den.\n"
              "2. Logga in och ladda upp filen på sidan *Ladda upp data* som **scores** – "
              "eller en Mentimeter-export som **menti**.\n"
              "3. Eller på kommandoraden: `python -m kumppanuus import scores FIL`.\n\n"
              "Du kan också visa sidan med exempeldata (reglaget ovan); den sparas inte.",
        "en": "**How to add ratings:**\n"
              "1. Download the template below and fill it in.\n"
              "2. Log in and upload the file on *Upload data* as kind **scores** – or a "
              "Mentimeter export as **menti**.\n"
              "3. Or on the command line: `python -m kumppanuus import scores FILE`.\n\n"
              "You can also view the page with example data (toggle above); it is not saved.",
    },
    "scores_template": {"fi": "Lataa arviopohja (CSV)", "sv": "Ladda ner mall (CSV)",
                        "en": "Download template (CSV)"},
    "scores_none_for_filter": {
        "fi": "Valitulle kierrokselle tai kunnalle ei ole arvioita.",
        "sv": "Inga bedömningar för vald omgång eller kommun.",
        "en": "No ratings for the selected round or municipality.",
    },
    "scores_pick_municipality": {"fi": "Kunta", "sv": "Kommun", "en": "Municipality"},
    "scores_region": {"fi": "Alueen yleiskuva", "sv": "Regionöversikt", "en": "Region overview"},
    "scores_sort_by": {"fi": "Järjestä kunnat kriteerin mukaan",
                       "sv": "Sortera kommunerna efter kriterium",
                       "en": "Sort municipalities by criterion"},
    "scores_sort_all": {"fi": "kaikki kriteerit", "sv": "alla kriterier", "en": "all criteria"},
    "scores_gap_note": {
        "fi": "Ero = osallistujien keskiarvo − kuntajohtajien keskiarvo prosenttiyksikköinä "
              "0–100 %-asteikolla. Positiivinen: osallistujat arvioivat kunnan paremmaksi kuin "
              "kuntajohtajat; negatiivinen: kuntajohtajat arvioivat paremmaksi.",
        "sv": "Skillnad = deltagarnas medelvärde − direktörernas, i procentenheter på skalan "
              "0–100 %. Positiv: deltagarna bedömer kommunen högre än direktörerna.",
        "en": "Gap = participants' mean − managers' mean in percentage points on the 0–100 % "
              "scale. Positive: participants rate the municipality higher than its managers.",
    },
    "scores_scale_note": {
        "fi": "Eri asteikot (1–5, 0–5, 1–10) muunnetaan vertailua varten 0–100 %:ksi: "
              "(keskiarvo − min) / (max − min). Alkuperäinen asteikko näkyy työkaluvihjeessä.",
        "sv": "Olika skalor (1–5, 0–5, 1–10) räknas om till 0–100 %: (medel − min) / "
              "(max − min). Den ursprungliga skalan visas i verktygstipset.",
        "en": "Different scales (1–5, 0–5, 1–10) are compared on 0–100 %: (mean − min) / "
              "(max − min). The original scale is shown in the tooltip.",
    },
    "scores_rounds": {"fi": "Kierrosten vertailu", "sv": "Jämförelse mellan omgångar",
                      "en": "Comparison of rounds"},
    "feedback_heading": {"fi": "Palautekysely", "sv": "Responsenkät", "en": "Feedback poll"},
    "feedback_title_content": {"fi": "Miten arvioit pöydän sisällön?",
                               "sv": "Hur bedömer du bordets innehåll?",
                               "en": "How would you rate the content?"},
    "feedback_title_heard_via": {"fi": "Mistä kuulit kumppanuuspöydästä?",
                                 "sv": "Var hörde du om partnerskapsbordet?",
                                 "en": "Where did you hear about the table?"},
    "feedback_option": {"fi": "Vastaus", "sv": "Svar", "en": "Answer"},
    "feedback_count": {"fi": "Vastauksia", "sv": "Svar", "en": "Answers"},
    "feedback_table": {"fi": "Pöytä", "sv": "Bord", "en": "Table"},
    "feedback_whole_round": {"fi": "koko kierros", "sv": "hela omgången", "en": "whole round"},
    "feedback_empty": {"fi": "Palautekyselyn tuloksia ei ole ladattu (laji feedback).",
                       "sv": "Inga resultat från responsenkäten (typ feedback).",
                       "en": "No feedback poll results uploaded (kind feedback)."},
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
