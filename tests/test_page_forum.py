"""The forum page as a presenter uses it (AppTest over app.py): one screen per municipality or
Leader area, previous / next, the place in the URL, labels for example data and small groups."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from kumppanuus import config, examples, forum, markup
from kumppanuus.store import Store
from tests.page_support import open_page, shared_page
from tests.page_support import read_only_database, reading  # noqa: F401 (fixtures)

PAGE = "pages/foorumi.py"


def open_forum(rnd: str = "kevät 2021", **params: str) -> AppTest:
    """The forum at its own URL with the URL's parameters (esimerkki="1": the in-memory
    example data), the sidebar on the round `rnd`."""
    at = open_page(PAGE, query=params)
    if at.sidebar.selectbox(key="flt_round").value != rnd:  # chosen as a user would
        at.sidebar.selectbox(key="flt_round").set_value(rnd).run()
    assert at.sidebar.selectbox(key="flt_round").value == rnd
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def lapua_example(read_only_database) -> AppTest:
    """Lapua's screen of the example round, rendered once for the tests that only read it."""
    page = shared_page(read_only_database, PAGE, query={"esimerkki": "1", "kunta": "408"})
    assert page.at.sidebar.selectbox(key="flt_round").value == "kevät 2021"
    return page.at


def import_example_scores(store: Store) -> None:
    """The example file imported on purpose: its rows live in the round `esimerkki: kevät 2021`."""
    rows = examples.load_scores()
    store.commit_import("scores", rows, user="testi", file_name="esimerkki.csv",
                        sha256="1" * 64)


EXAMPLE_ROUND = examples.ROUND_PREFIX + "kevät 2021"
# Tests that import nothing read the module's shared database (`reading`, tests/page_support.py).


def heading(at: AppTest) -> str:
    return at.header[0].value


def chart_rows(at: AppTest) -> pd.DataFrame:
    """Every row of the screen's chart datasets (Streamlit sends them as Arrow)."""
    frames = [pa.ipc.open_stream(io.BytesIO(ds.data.data)).read_pandas()
              for e in at.main if getattr(e, "type", "") == "vega_lite_chart"
              for ds in e.proto.datasets]
    return pd.concat(frames, ignore_index=True)


def chart_spec(at: AppTest) -> dict:
    specs = [json.loads(e.proto.spec) for e in at.main if getattr(e, "type", "") ==
             "vega_lite_chart"]
    assert len(specs) == 1
    return specs[0]


def test_the_forum_is_in_the_navigation_and_opens_on_the_municipality_in_the_url(
        lapua_example):
    at = lapua_example
    assert heading(at).startswith("Lapua")
    assert {m.label for m in at.metric} >= {"Osallistujia pöydissä", "Vastaajia: osallistujat"}
    assert at.query_params["kunta"] == "408"


def test_next_and_previous_step_through_the_municipalities_and_the_url_follows(reading):
    at = open_forum(esimerkki="1", kunta="408")
    at.button(key="forum_next").click().run()
    assert heading(at).startswith("Seinäjoki")
    assert at.query_params["kunta"] == "743"
    at.button(key="forum_prev").click().run()
    at.button(key="forum_prev").click().run()
    assert heading(at).startswith("Lappajärvi")


def test_the_presenter_can_order_the_screens_by_gap(store, reading):
    rows = examples.load_scores()
    rows = rows[rows["round"] == EXAMPLE_ROUND]
    expected = forum.screens(rows, store.frame("tables"), store.reference("municipalities"),
                             store.reference("leader_areas"), order="gap",
                             min_n=config.min_group_n())
    at = open_forum(esimerkki="1", jarjestys="gap", kunta=expected["key"][0])
    expected = expected["name"].tolist()
    assert heading(at).startswith(expected[0])
    at.button(key="forum_next").click().run()
    assert heading(at).startswith(expected[1])
    assert at.query_params["jarjestys"] == "gap"
    at.sidebar.selectbox(key="forum_order").set_value("name").run()
    assert heading(at).startswith(expected[1]), "changing the order keeps the place"
    assert "jarjestys" not in at.query_params


def test_a_leader_area_screen_combines_its_municipalities(reading):
    at = open_forum(esimerkki="1", alue="aisapari")
    assert heading(at).startswith("Leader Aisapari")
    labels = " ".join(chart_rows(at)["criterion_label"].dropna()).replace("\n", " ")
    for label in ("1. mahdollistaa asukkaiden", "7. viestii järjestötoiminnasta"):
        assert label in labels


def test_every_criterion_is_labelled_in_full_and_never_dropped(store, lapua_example):
    at = lapua_example
    spec = chart_spec(at)
    labels = {label.replace("\n", " ") for label in chart_rows(at)["criterion_label"]}
    criteria = store.reference("criteria")
    assert labels == {f"{n}. {text}" for n, text in zip(criteria["no"], criteria["text_fi"])}
    assert "labelOverlap': False" in repr(spec)


def test_example_rows_imported_into_the_database_are_labelled_in_their_own_round(store):
    import_example_scores(store)
    at = open_forum(EXAMPLE_ROUND, kunta="408")
    assert heading(at).startswith("Lapua · kevät 2021")
    assert "Esimerkkiaineisto" in heading(at)


def test_example_rows_and_small_groups_are_labelled(reading):
    at = open_forum(esimerkki="1", kunta="232")  # Kauhajoki: 2 participants answered in the example round
    values = set(chart_rows(at)["value_label"].dropna())
    assert "alle 5 vastaajaa (n 2)" in values
    assert any("Alle 5 vastaajan" in c.value for c in at.caption)
    assert "Esimerkkiaineisto" in heading(at)  # the badge beside the heading


def test_without_ratings_the_forum_still_shows_the_tables_that_covered_it(reading):
    at = open_forum(kunta="408")
    assert heading(at) == "Lapua · kevät 2021", "real data carries no example label"
    assert any(markup.plain("8. Lapua") in m.value for m in at.markdown)
    assert any("arvioita" in i.value for i in at.info)


def test_a_prepared_link_opens_in_presentation_mode_and_in_swedish(reading):
    at = open_page(query={"esitys": "1", "lang": "sv", "kunta": "408"})
    assert at.session_state["presentation"] is True and at.session_state["lang"] == "sv"
    assert at.query_params["esitys"] == "1" and at.query_params["lang"] == "sv"
    assert "Ladda upp data" not in repr(at.get("navigation")), "no upload entry while presenting"


def test_presentation_mode_hides_the_presenters_toggles_and_the_downloads(reading):
    at = open_forum(esimerkki="1", kunta="408")
    assert {b.label for b in at.get("download_button")} >= {
        "Lataa kierrosraportti (PDF)", "Lataa foorumiesitys (PPTX)"}
    # AppTest's switch_page resets widgets, so the presenter's toggle is set as a user would
    at.sidebar.toggle(key="presentation").set_value(True).run()
    assert heading(at).startswith("Lapua")
    assert [t.key for t in at.sidebar.toggle] == ["presentation"]
    assert not at.get("download_button")
    spec = chart_spec(at)
    assert spec["config"]["axis"]["labelFontSize"] >= 1.5 * 12  # the theme's 12 px
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"


def test_in_swedish_and_english_the_forum_names_the_criteria_in_that_language(reading):
    from kumppanuus.i18n import t

    for lang in ("sv", "en"):
        at = open_forum(esimerkki="1", kunta="408", lang=lang)
        labels = {label.replace("\n", " ") for label in chart_rows(at)["criterion_label"]}
        assert labels == {f"{n}. {t(f'criterion_{n}', lang)}" for n in range(1, 8)}, lang
