"""The NGO-friendliness page as a user sees it (AppTest over app.py)."""

import datetime as dt
import io
import json

import pandas as pd
import pytest
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from kumppanuus.store import kinds
from kumppanuus.store import Store
from tests import page_support
from tests.page_support import read_only_database, reading  # noqa: F401 (fixtures)

PAGE = "pages/jarjestoystavallisyys.py"


def open_page(presentation: bool = False) -> AppTest:
    """app.py at the page's own URL; `presentation`: then switched to presentation mode."""
    at = page_support.open_page(PAGE)
    if presentation:
        at.toggle(key="presentation").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.main if getattr(e, "type", "") ==
            "vega_lite_chart"]


def chart_rows(at: AppTest) -> list[pd.DataFrame]:
    """Every dataset of every chart on the page, decoded from Arrow."""
    frames = []
    for e in at.main:
        if getattr(e, "type", "") == "vega_lite_chart":
            for ds in e.proto.datasets:
                frames.append(pa.ipc.open_stream(io.BytesIO(ds.data.data)).read_pandas())
    return frames


def titles(at: AppTest) -> list[str]:
    out = []
    for spec in chart_specs(at):
        title = spec.get("title", "")
        out.append(title["text"] if isinstance(title, dict) else title)
    return out


def add_scores(store: Store, manager_n: int = 6, participant_n: int = 12) -> None:
    base = {"round": "kevät 2021", "date": dt.date(2021, 1, 27), "municipality": "743"}
    rows = [base | {"source": "pöytä 8", "respondent_group": "participants", "criterion": c,
                    "mean": 3.5, "n": participant_n} for c in range(1, 8)]
    rows += [base | {"source": "kuntajohtajafoorumi 26.1.2021", "respondent_group": "managers",
                     "criterion": c, "mean": 7.0, "n": manager_n, "scale_min": 1,
                     "scale_max": 10} for c in range(1, 8)]
    store.commit_import("scores", kinds.scores_to_db(pd.DataFrame(rows)), user="testi",
                        file_name="arviot.csv", sha256="0" * 64)


def test_without_scores_the_page_explains_how_to_add_them_and_offers_the_template(reading):
    at = open_page()
    text = " ".join(m.value for m in at.markdown) + " ".join(i.value for i in at.info)
    assert "ei ole vielä tuotu" in text
    assert "python -m kumppanuus import scores" in text
    assert "Tuo aineistoa" in text and "menti" in text
    assert [b.label for b in at.get("download_button")] == ["Lataa arviopohja (CSV)"]
    assert at.toggle(key="scores_example").label == "Näytä esimerkkiaineisto"
    assert not chart_specs(at)


def test_the_example_toggle_labels_every_chart_and_the_page_as_example_data(reading):
    store = reading.store  # the database the page reads
    at = open_page()
    at.toggle(key="scores_example").set_value(True).run()
    assert not at.exception
    assert any("Esimerkkiaineisto" in w.value for w in at.warning)
    shown = titles(at)
    assert len(shown) >= 5 and all(t.startswith("Esimerkkiaineisto") for t in shown)
    assert store.frame("scores").empty, "the example never reaches the database"


@pytest.fixture(scope="module")
def seinajoki(module_environment):
    """A database with Seinäjoki's scores of both groups, for the tests that only read it."""
    with page_support.shared_database(module_environment, add_scores) as shared:
        yield shared


@pytest.fixture(scope="module")
def seinajoki_page(seinajoki) -> AppTest:
    """The page on that database, rendered once for the tests below that only read it."""
    return page_support.shared_page(seinajoki, PAGE).at


def test_a_municipality_with_scores_shows_both_groups_and_the_gap(seinajoki_page):
    at = seinajoki_page
    assert not at.warning
    assert titles(at)[0] == "Järjestöystävällisyys: Seinäjoki · kevät 2021"
    muni = chart_rows(at)[0]
    assert set(muni["group_name"]) == {"osallistujat", "kuntajohtajat"}
    assert muni["mean_pct"].round(3).tolist().count(62.5) == 7        # 3,5 on 1–5
    assert muni["mean_pct"].round(3).tolist().count(66.667) == 7      # 7 on 1–10
    assert set(muni["gap_label"]) == {"−4,2 %-yks."}
    assert len(at.get("download_button")) >= 3  # PNG, CSV, XLSX


def participants_means(at: AppTest) -> pd.Series:
    return chart_rows(at)[0].query("group_name == 'osallistujat'")["mean_pct"]


def test_small_groups_are_hidden_and_a_viewer_has_no_way_to_lower_the_threshold(store):
    add_scores(store, manager_n=1, participant_n=3)
    at = open_page()
    muni = chart_rows(at)[0]
    participants = muni[muni["group_name"] == "osallistujat"]
    assert participants["mean_pct"].isna().all()
    assert participants["value_label"].str.startswith("alle 5 vastaajaa").all()
    managers = muni[muni["group_name"] == "kuntajohtajat"]
    assert managers["mean_pct"].notna().all()  # one manager's own assessment stays visible
    assert not at.number_input, "a viewer gets no threshold control"
    assert any("Alle 5 vastaajan" in c.value for c in at.caption)
    at.session_state["scores_min_n"] = 1  # what a crafted session could send
    at.run()
    assert participants_means(at).isna().all()


def test_staff_may_raise_the_threshold_but_never_below_the_configured_floor(store, monkeypatch):
    monkeypatch.setenv("KUMPPANUUS_MIN_GROUP_N", "3")
    add_scores(store, manager_n=1, participant_n=4)
    at = page_support.open_page(PAGE, staff_user="teija")  # the page's own URL on the first run
    control = at.number_input(key="scores_min_n")
    assert control.min == 3 and control.value == 3
    assert participants_means(at).notna().all()  # 4 ≥ 3
    control.set_value(5).run()
    assert participants_means(at).isna().all()  # raised: 4 < 5 hidden


def test_scores_imported_as_example_are_labelled_without_the_toggle(store, tmp_path):
    from kumppanuus import examples
    from kumppanuus.ingest import pipeline

    data = examples.SCORES_FILE.read_bytes()
    checked = pipeline.check_bytes("scores", data, "arviot.csv", store)
    pipeline.write(store, checked, user="teija", example=True)
    at = page_support.open_page(PAGE, flt_round="__all__")  # all rounds from the first run
    assert at.sidebar.selectbox(key="flt_round").value == "__all__"
    assert not at.toggle(key="scores_example").value
    shown = titles(at)
    assert shown and all(t.startswith("Esimerkkiaineisto") for t in shown)
    assert any("Esimerkkiaineisto" in w.value for w in at.warning)
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "raportti" not in sidebar and "Esimerkkiaineisto" in sidebar


def test_real_scores_keep_the_report_source_note(seinajoki_page):
    at = seinajoki_page
    assert any("raportti" in c.value for c in at.sidebar.caption)


def test_presentation_mode_shows_both_groups_with_the_gap_in_projector_sizes(seinajoki,
                                                                           monkeypatch):
    seinajoki.use(monkeypatch)  # Seinäjoki's scores; switching to presentation writes nothing
    at = open_page(presentation=True)
    assert titles(at)[0].startswith("Seinäjoki · kevät 2021")
    spec = chart_specs(at)[0]
    assert len(spec["hconcat"]) == 2, "the gap column stays beside the bars"
    assert spec["config"]["axis"]["labelFontSize"] >= 18
    assert not at.main.toggle and not at.main.number_input, "no toggles or threshold on a projector"
    shown_text = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info])
    assert "@" not in shown_text, "no contact data in presentation mode"
    assert all("respondent" not in frame.columns for frame in chart_rows(at))
