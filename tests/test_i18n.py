"""Translations: every string in three languages, and every page speaking Swedish or English
when the sidebar says so (AppTest), with the builders (charts, map, directory) following `lang`."""

from __future__ import annotations

import re
import string
from pathlib import Path

from babel.messages.pofile import read_po

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo import foliummap, mapdata, tooltips
from kumppanuus import charts, directory, metrics
from kumppanuus.i18n import (LANGUAGES, STRINGS, UnknownMessage, catalog_path, forms,
                             municipality_names, t)
from tests.page_support import open_page as open_page_at, shared_page
from tests.page_support import read_only_database, reading  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parent.parent


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_has_finnish_swedish_and_english(key):
    entry = STRINGS[key]
    assert set(entry) == set(LANGUAGES), key
    assert all(isinstance(entry[lang], str) and entry[lang].strip() for lang in LANGUAGES), key


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_placeholders_are_the_same_in_every_language(key):
    entry = STRINGS[key]
    assert placeholders(entry["sv"]) == placeholders(entry["fi"]) == placeholders(entry["en"])
    for lang in LANGUAGES:  # a singular form may leave the count out, never add a name
        assert all(placeholders(f) <= placeholders(entry[lang]) for f in forms(key, lang))


def test_an_unknown_language_falls_back_to_finnish_and_an_unknown_key_raises():
    assert t("page_map", "de") == "Kartta"
    with pytest.raises(UnknownMessage):
        t("no_such_key", "sv")


def test_the_three_catalogs_have_the_same_keys_and_plural_entries():
    keys = {lang: {m.id if isinstance(m.id, str) else m.id[0]: isinstance(m.id, tuple)
                   for m in read_po(catalog_path(lang).open("rb")) if m.id}
            for lang in LANGUAGES}
    assert keys["fi"] == keys["sv"] == keys["en"]


@pytest.mark.parametrize("lang,one,many", [
    ("fi", "on 1 ongelma –", "on 2 ongelmaa –"),
    ("sv", "har 1 problem – inget sparades. Rätta raden", "Rätta raderna"),
    ("en", "has 1 problem –", "has 2 problems –"),
])
def test_counts_take_the_plural_form_that_fits(lang, one, many):
    assert one in t("upload_problems", lang, file="a.csv", n=1)
    assert many in t("upload_problems", lang, file="a.csv", n=2)
    assert one.replace("1", "1\u00a0234", 1) not in t("upload_problems", lang, file="a.csv",
                                                     n="1\u00a0234")  # a formatted count


def test_one_municipality_is_not_all_1_municipalities():
    assert t("people_no_gaps", "fi", n=1) == "Kunta on nimennyt järjestöyhdyshenkilön."
    assert t("people_no_gaps", "fi", n=18).startswith("Kaikki 18 kuntaa")
    assert t("upload_warnings", "en", n=1).startswith("1 warning –")


KEY_CALL = re.compile(r"""(?:\bt|\.tr|ctx\.tr)\(\s*["']([a-z0-9_]+)["']""")


def test_every_key_the_code_asks_for_literally_is_in_the_catalogs():
    used = set()
    for folder in ("app.py", "pages", "ui", "kumppanuus", "geo"):
        paths = [ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py")
        for path in paths:
            used |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 100
    assert sorted(k for k in used if k not in STRINGS) == []


def test_swedish_municipality_names_are_used_in_swedish_only():
    munis = pd.DataFrame({"code": ["301", "846"], "name_fi": ["Kurikka", "Teuva"],
                          "name_sv": ["Kurikka", "Östermark"]})
    assert municipality_names(munis, "sv")["846"] == "Östermark"
    assert municipality_names(munis, "en")["846"] == "Teuva"


# -- builders -------------------------------------------------------------------------------

def texts_of(spec) -> str:
    return repr(spec)


def test_attendance_charts_are_titled_in_the_chosen_language(store):
    tables = store.frame("tables")
    munis, areas_df = store.reference("municipalities"), store.reference("leader_areas")
    areas = dict(zip(areas_df["code"], areas_df["name"]))
    view = metrics.with_unique_labels(metrics.tables_view(tables, munis))
    frame = charts.attendance_frame(view, areas, "sv")
    spec = texts_of(charts.per_capita_chart(frame, areas, lang="sv").to_dict())
    assert "Deltagare / 1 000 invånare" in spec and "Invånare 2020" in spec
    assert "Osallistujia" not in spec
    english = charts.timeline_chart(charts.attendance_frame(view, areas, "en"), areas, lang="en")
    spec = english.to_dict()
    assert "Date" in texts_of(spec) and spec["config"]["locale"]["number"]["decimal"] == "."


def test_the_map_legend_tooltips_and_attribution_follow_the_language(store):
    centres = pd.read_csv(ROOT / "data" / "municipality_centres.csv", dtype={"code": str})
    munis = store.reference("municipalities").drop(columns=["lat", "lon"], errors="ignore")
    munis = munis.merge(centres[["code", "lat", "lon"]], on="code")
    html = foliummap.build_marker_map(munis.assign(participants=12), lang="sv").get_root().render()
    assert "Leader-område" in html and "Deltagare" in html
    assert "Leader-alue" not in html and "Osallistujia" not in html
    assert tooltips.unit_tooltip("en")[0] == ("leader_name", "Leader area")
    assert [m.label_in("fi") for m in mapdata.METRICS] == [m.label for m in mapdata.METRICS]


def test_the_directory_shows_swedish_headers_and_labels_but_exports_finnish(store):
    people = directory.build(store.frame("contacts"), store.reference("municipalities"),
                             store.reference("leader_areas"), lang="sv")
    shown = directory.shown(people, personal=False, lang="sv")
    assert list(shown.columns[:3]) == ["roll", "namn", "organisation"]
    assert "föreningskontaktperson" in set(shown["roll"])
    exported = directory.export_frame(directory.labelled(people), personal=False)
    assert "rooli" in exported.columns and "järjestöyhdyshenkilö" in set(exported["rooli"])


# -- pages (AppTest) ------------------------------------------------------------------------
# These tests write nothing: they read the module's shared database (`reading`,
# tests/page_support.py), so only the first of them builds a page's views.

def open_page(page: str, lang: str, *, user: str | None = None) -> AppTest:
    """app.py at the page's URL (a deep link: the page itself on the first run, no map first)
    with `lang` chosen before the first run; "kartta", the map, is the root URL."""
    state = {"lang": lang} | ({"staff_user": user} if user else {})
    return open_page_at(None if page == "kartta" else f"pages/{page}.py", **state)


def shown_texts(at: AppTest) -> list[str]:
    """Labels and bodies of every element, and the headers of every table."""
    out = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        for attr in ("label", "body", "placeholder", "help"):
            value = getattr(proto, attr, None) if proto is not None else None
            if isinstance(value, str) and value:
                out.append(value)
    out += [str(c) for frame in at.dataframe for c in frame.value.columns]
    return out


def finnish_leftovers(at: AppTest, lang: str) -> list[str]:
    """Shown texts that are exactly (or start with) a Finnish UI string that differs in `lang`."""
    finnish = {e["fi"] for e in STRINGS.values()
               if e["fi"] != e[lang] and len(e["fi"]) >= 6 and "{" not in e["fi"]}
    return [text for text in shown_texts(at)
            if text in finnish or any(text.startswith(f) for f in finnish if len(f) >= 12)]


SWEDISH = [
    ("kartta", "Karta", "Färglägg kartan"),
    ("poydat", "Borden", "Medeltal / bord"),
    ("yhteyshenkilot", "Kontaktpersoner", "Sök (namn, organisation, kommun, anmärkning)"),
    ("jarjestoystavallisyys", "Föreningsvänlighet", "Visa exempeldata"),
    ("lataa", "Importera data", "Att importera data och se kontaktuppgifter kräver"),
    ("muistiot", "Minnesanteckningar", "Sök ord eller del av ord"),
]


@pytest.mark.parametrize("page, title, label", SWEDISH)
def test_every_page_speaks_swedish_when_chosen(reading, page, title, label):
    at = open_page(page, "sv")
    assert [x.value for x in at.title] == [title]
    assert any(text.startswith(label) for text in shown_texts(at)), shown_texts(at)
    assert not finnish_leftovers(at, "sv")


def test_the_upload_page_speaks_swedish_to_staff(reading):
    at = open_page("lataa", "sv", user="teija")
    assert [tab.label for tab in at.tabs] == ["Importera fil", "Historik och ångring", "Mallar"]
    assert at.get("file_uploader")[0].proto.label.startswith("Fil (CSV, XLSX")
    assert not finnish_leftovers(at, "sv")


@pytest.fixture(scope="module")
def swedish_tables_page(read_only_database):
    """The tables page in Swedish, rendered once; each test below opens its own tab on it."""
    return shared_page(read_only_database, "pages/poydat.py", lang="sv")


@pytest.mark.parametrize("tab", ["tab_per_capita", "tab_timeline", "tab_registrations",
                                 "tab_feedback", "tab_details"])
def test_every_tab_of_the_tables_page_speaks_swedish(swedish_tables_page, tab):
    at = swedish_tables_page.run(tables_tab=t(tab, "sv"))
    assert [x.label for x in at.tabs if x.children] == [t(tab, "sv")]  # that tab is drawn
    assert not finnish_leftovers(at, "sv")


def test_the_scores_page_with_example_data_speaks_swedish(reading):
    at = open_page("jarjestoystavallisyys", "sv")
    at.toggle(key="scores_example").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(w.value.startswith("Exempeldata") for w in at.warning)
    titles = [e.proto.spec for e in at.main if getattr(e, "type", "") == "vega_lite_chart"]
    assert titles and all("Exempeldata" in spec for spec in titles)
    assert not any("Osallistujien keskiarvo" in spec for spec in titles)
    assert not finnish_leftovers(at, "sv")


def test_the_tables_page_speaks_english_when_chosen(reading):
    at = open_page("poydat", "en")
    assert [x.value for x in at.title] == ["Tables"]
    shown = {m.label: m.value for m in at.metric}
    assert shown["Participants"] == "483" and shown["Mean per table"] == "43.9"
    assert [tab.label for tab in at.tabs][:3] == ["Participants", "Per capita", "Timeline"]
    assert not finnish_leftovers(at, "en")


def test_finnish_stays_the_default(reading):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert [x.value for x in at.title] == ["Kartta"]
    assert at.session_state["lang"] == "fi"


# -- words that follow the language -----------------------------------------------------------

def test_the_criteria_are_translated_and_the_finnish_text_stays_the_data(store):
    from kumppanuus import scores

    criteria = store.reference("criteria")
    fi, sv, en = (scores.criterion_labels(criteria, width=200, lang=lang) for lang in LANGUAGES)
    assert fi[1] == "1. " + criteria.loc[criteria["no"] == 1, "text_fi"].iloc[0]
    assert sv[5] == "5. betalar föreningsbidrag" and en[5] == "5. pays grants to NGOs"
    assert len(set(sv.values())) == len(set(en.values())) == 7


def test_feedback_answers_follow_the_language_and_unknown_answers_stay_as_written():
    from kumppanuus import scores, score_charts

    rows = pd.DataFrame({"question": ["content", "content"], "option": ["Erittäin hyvä", "Jees"],
                         "count": [3, 1], "is_example": [False, False]})
    shown = score_charts.feedback_frame(rows, "content", "en")
    assert {"Very good", "Good", "Fair", "Poor", "Jees"} == set(shown["option_label"])
    assert scores.option_label("Tuttavan tai työn kautta", "sv") == "Via bekanta eller arbetet"


def test_municipality_names_are_swedish_on_every_page_in_swedish(swedish_tables_page, reading):
    at = swedish_tables_page.at  # the sidebar: the same whichever tab is open
    shown = " ".join(str(e.value) for e in at.sidebar.selectbox) + repr(
        [o for s in at.sidebar.selectbox for o in s.options])
    assert "Alavo" in shown and "Storå" in shown and "Alavus" not in shown
    at = open_page("yhteyshenkilot", "sv")
    names = " ".join(" ".join(map(str, d.value.astype(str).values.ravel())) for d in at.dataframe)
    assert "Alavo" in names and "Alavus" not in names


def test_the_language_comes_from_the_url_and_is_written_back_to_it(reading):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "sv"
    at.run()
    assert [x.value for x in at.title] == ["Karta"]
    at.sidebar.selectbox(key="lang").set_value("en").run()
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"
    assert [x.value for x in at.title] == ["Map"]
