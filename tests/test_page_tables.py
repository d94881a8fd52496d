"""The tables page (AppTest): totals, filters, one table's figures, empty states, downloads.

Behaviour tests run the page file as the main script: a page run without app.py runs app.py
within that run (`ui.nav.run_app_instead`: page config, the shared sidebar, the login gate), so
the real sidebar's filters can be driven; `open_page` opens app.py at the page's own URL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.page_support import open_page
from tests.page_support import read_only_database, reading  # noqa: F401 (fixtures)
from tests.test_page_liaisons import made  # noqa: F401 (fixture: the registered downloads)

ROOT = Path(__file__).resolve().parent.parent
FEEDBACK_EMPTY = "Palautekyselyn tuloksia ei ole vielä tuotu – lisää ne Tuo aineistoa -sivulla"


@pytest.fixture
def page(reading):
    """The page on the module's shared database: the tests using it write nothing."""
    at = AppTest.from_file(str(ROOT / "pages" / "poydat.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_tab(at: AppTest, label: str) -> AppTest:
    """The page's tabs are lazy (`on_change="rerun"`): choosing one is a rerun with its label."""
    at.session_state["tables_tab"] = label
    return at.run()


def metrics_of(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_total_shows_483_participants_and_a_finnish_mean(reading):
    at = open_page("pages/poydat.py")  # the page's own URL, through app.py
    shown = metrics_of(at)
    assert shown["Osallistujia"] == "483"
    assert shown["Pöytiä"] == "11"
    assert shown["Keskimäärin / pöytä"] == "43,9"


def test_selecting_table_1_shows_its_registrations_18_17_9_and_presence(page):
    open_tab(page, "Pöydän tiedot")
    page.selectbox(key="table_pick").set_value("kevät 2021|2").run()
    assert "Tästä pöydästä ei ole ilmoittautumislukuja." in [i.value for i in page.info]
    assert "Paikalliset järjestöt" not in metrics_of(page)
    page.selectbox(key="table_pick").set_value("kevät 2021|1").run()
    shown = metrics_of(page)
    assert (shown["Paikalliset järjestöt"], shown["Laajemman alueen toimijat"],
            shown["Viranhaltijat"]) == ("18", "17", "9")
    assert (shown["Verkossa enimmillään"], shown["Paikan päällä"]) == ("48", "7")


def test_the_detail_view_names_date_speakers_and_liaisons(page):
    open_tab(page, "Pöydän tiedot")
    page.selectbox(key="table_pick").set_value("kevät 2021|1").run()
    text = " ".join(m.value for m in page.markdown)
    assert "27.1.2021" in text and "Evijärvi, Kauhava" in text
    frames = [df.value for df in page.dataframe]
    speakers = next(f for f in frames if "tehtävä" in f.columns)
    assert speakers["nimi"].tolist() == ["Mikko Huhtala", "Piia Kujala"]
    liaisons = next(f for f in frames if "tila" in f.columns)
    assert liaisons["nimi"].tolist() == ["Sanna Syrjälä", "Jaakko Erkinheimo"]
    assert "puhelin" not in liaisons.columns


def test_a_leader_area_filter_narrows_the_total_to_its_tables(page):
    page.sidebar.selectbox(key="flt_area").set_value("kuudesta").run()
    assert metrics_of(page)["Osallistujia"] == "99"  # tables 2, 5 and 9: 35 + 46 + 18
    assert metrics_of(page)["Pöytiä"] == "3"


def test_without_feedback_the_page_says_where_to_import_it(page):
    open_tab(page, "Palaute")
    assert any(i.value.startswith(FEEDBACK_EMPTY) for i in page.info)


@pytest.mark.parametrize("tab, charts", [
    ("Osallistujat", 1), ("Suhteessa väkilukuun", 1), ("Aikajana", 1),
    ("Ilmoittautuneet", 2),  # registrations by group, online peak vs on site
])
def test_every_chart_offers_png_csv_and_xlsx(page, tab, charts):
    open_tab(page, tab)
    assert len(page.get("vega_lite_chart")) == charts
    labels = [b.label for b in page.get("download_button")]
    assert (labels.count("Lataa PNG"), labels.count("Lataa CSV"),
            labels.count("Lataa XLSX")) == (charts, charts, charts)


def test_only_the_open_tab_draws_its_chart(page):
    assert len(page.get("vega_lite_chart")) == 1
    open_tab(page, "Pöydän tiedot")
    assert len(page.get("vega_lite_chart")) == 0


def test_loaded_feedback_is_drawn_per_question_with_downloads(store):
    from kumppanuus.ingest import pipeline

    text = ("kierros;nro;kysymys;vastaus;lukumäärä\n"
            "kevät 2021;1;sisältö;Erittäin hyvä;12\nkevät 2021;1;sisältö;Hyvä;9\n"
            "kevät 2021;1;mistä kuulit;Facebook;7\n").encode("utf-8")
    checked = pipeline.check_bytes("feedback", text, "palaute.csv", store)
    assert checked.problems == []
    pipeline.write(store, checked, user="teija")  # the real write path: caches see it
    from ui import data

    data.refresh()  # another writer's import shows within the 2 s version cache; skip the wait
    at = AppTest.from_file(str(ROOT / "pages" / "poydat.py"), default_timeout=60)
    at.session_state["tables_tab"] = "Palaute"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not any(i.value.startswith(FEEDBACK_EMPTY) for i in at.info)
    assert len(at.get("vega_lite_chart")) == 2
    at.selectbox(key="feedback_pick").set_value("kevät 2021|1").run()
    assert len(at.get("vega_lite_chart")) == 2
    keys = {b.key for b in at.get("download_button")}
    assert {"palaute_content_png", "palaute_heard_via_png"} <= keys


def test_a_round_without_tables_shows_an_empty_state(store):
    from sqlalchemy import insert

    from kumppanuus.store import db

    with store.engine.begin() as conn:
        conn.execute(insert(db.Round.__table__), [{"round": "syksy 2099"}])
    at = AppTest.from_file(str(ROOT / "pages" / "poydat.py"), default_timeout=60)
    at.run()
    at.sidebar.selectbox(key="flt_round").set_value("syksy 2099").run()
    assert not at.exception
    assert any("Valinnoilla ei löydy yhtään pöytää" in i.value for i in at.info)


def test_the_tables_page_offers_the_round_report_and_the_forum_deck(page):
    labels = [b.label for b in page.get("download_button")]
    assert "Lataa kierrosraportti (PDF)" in labels and "Lataa foorumiesitys (PPTX)" in labels


def add_many_tables(store, liiveri: int, others: int) -> None:
    """One round ("syksy 2030") of `liiveri` tables in Seinäjoki and `others` in Lapua."""
    import datetime as dt

    import pandas as pd

    rows = [{"round": "syksy 2030", "table_no": i + 1, "name": f"Pöytä {i + 1}",
             "date": dt.date(2030, 9, 1) + dt.timedelta(days=i), "participants": 10 + i,
             "municipalities": "743" if i < liiveri else "408", "format": "online"}
            for i in range(liiveri + others)]
    store.commit_import("tables", pd.DataFrame(rows), user="testi", file_name="syksy.csv",
                        sha256="9" * 64)
    from ui import data

    data.refresh()


def bars_of(at: AppTest) -> list[str]:
    import json

    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    return spec["layer"][0]["encoding"]["y"]["sort"]  # the bars, in date order


def test_a_round_of_hundreds_of_tables_is_paged_forty_bars_at_a_time(store):
    add_many_tables(store, liiveri=50, others=70)
    at = AppTest.from_file(str(ROOT / "pages" / "poydat.py"), default_timeout=60)
    at.session_state["flt_round"] = "syksy 2030"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    pages = at.selectbox(key="tables_page")
    assert [o.split(" (")[0] for o in pages.options] == ["1–40 / 120", "41–80 / 120",
                                                        "81–120 / 120"]
    assert len(bars_of(at)) == 40
    assert metrics_of(at)["Pöytiä"] == "120"  # the totals cover every table, not one page


def test_a_page_number_a_filter_made_stale_falls_back_to_the_last_page(store):
    add_many_tables(store, liiveri=50, others=70)
    at = AppTest.from_file(str(ROOT / "pages" / "poydat.py"), default_timeout=60)
    at.session_state["flt_round"] = "syksy 2030"
    at.run()
    at.selectbox(key="tables_page").set_value(2).run()  # tables 81–120
    at.sidebar.selectbox(key="flt_area").set_value("liiveri").run()  # 50 tables: 2 pages
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="tables_page").value == 1
    assert bars_of(at) == [f"{n}. Pöytä {n}" for n in range(41, 51)]


def test_a_page_number_beyond_the_list_kept_in_the_session_shows_the_last_page(store):
    add_many_tables(store, liiveri=50, others=70)
    at = AppTest.from_file(str(ROOT / "pages" / "poydat.py"), default_timeout=60)
    at.session_state["flt_round"] = "syksy 2030"
    at.session_state["tables_page"] = 99  # e.g. kept from a longer list, or crafted
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="tables_page").value == 2
    assert bars_of(at) == [f"{n}. Pöytä {n}" for n in range(81, 121)]


def detail_of(rnd: str, table_no: int) -> tuple[str, list[str]]:
    """The liaisons heading and names of one table's details, with the sidebar on its round."""
    at = AppTest.from_file(str(ROOT / "pages" / "poydat.py"), default_timeout=60)
    at.session_state["flt_round"] = rnd
    at.session_state["tables_tab"] = "Pöydän tiedot"
    at.session_state["table_pick"] = f"{rnd}|{table_no}"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    heading = next(m.value for m in at.markdown if "järjestöyhdyshenkilöt" in m.value)
    liaisons = next(df.value for df in at.dataframe if "tila" in df.value.columns)
    return heading, liaisons["nimi"].tolist()


def test_a_tables_details_name_the_liaisons_of_its_round_not_todays(store):
    from tests.test_liaisons import import_contacts
    from tests.test_reports import LAPUA_AUTUMN
    from tests.test_rounds import AUTUMN, add_autumn_tables

    add_autumn_tables(store)
    import_contacts(store, LAPUA_AUTUMN)  # Lapua's liaison changes for autumn 2022
    heading, names = detail_of("kevät 2021", 8)  # 8. Lapua
    assert "kierroksella kevät 2021" in heading
    assert "Susanna Oversteyns" in names and "Testi Lapualainen" not in names
    heading, names = detail_of(AUTUMN, 2)  # 2. Lapua
    assert f"kierroksella {AUTUMN}" in heading
    assert "Testi Lapualainen" in names and "Susanna Oversteyns" not in names


def test_the_pages_round_report_names_the_liaisons_of_the_sidebars_round(store, made):
    from tests.test_liaisons import import_contacts
    from tests.test_reports import LAPUA_AUTUMN, pdf_text
    from tests.test_rounds import add_autumn_tables

    add_autumn_tables(store)
    import_contacts(store, LAPUA_AUTUMN)
    at = AppTest.from_file(str(ROOT / "pages" / "poydat.py"), default_timeout=60)
    at.session_state["flt_round"] = "kevät 2021"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(pdf_text(made["kierrosraportti_kevat_2021.pdf"]()).split())
    assert "Susanna Oversteyns" in text and "Testi Lapualainen" not in text
