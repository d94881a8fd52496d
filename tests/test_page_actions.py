"""Follow-up actions where people look for them: the map (panel and colouring), the forum view,
and the staff editor whose save is an import with the same audit and undo."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from streamlit.testing.v1 import AppTest

from geo import mapdata
from kumppanuus import examples, followup
from kumppanuus.ingest import actions_edit, pipeline
import pytest

from tests import page_support

ACTIONS = ("kierros;nro;toimenpide_nro;kunta;otsikko;kriteeri;tila;päivitetty\n"
           "kevät 2021;8;1;Lapua;Kylätalojen vuokratuki;4;päätöksenteossa;1.3.2021\n"
           "kevät 2021;8;2;Lapua;Järjestöjen tiedote;7;toteutettu;1.4.2021\n"
           "kevät 2021;5;1;Ähtäri;Maksuttomat tilat;4;ehdotettu;1.3.2021\n")


def import_actions(store, text: str = ACTIONS):
    checked = pipeline.check_bytes("actions", text.encode("utf-8"), "toimenpiteet.csv", store)
    assert not checked.problems, checked.problem_lines()
    return pipeline.write(store, checked, user="teija")


def app(**state) -> AppTest:
    return page_support.open_page(**state)


def tables_text(at) -> str:
    return "\n".join(frame.value.to_string() for frame in at.dataframe)


@pytest.fixture(scope="module")
def three_actions(module_environment):
    """A database with ACTIONS imported, shared by the map tests that only read it."""
    with page_support.shared_database(module_environment, import_actions) as shared:
        yield shared


@pytest.fixture
def with_actions(three_actions, monkeypatch):
    """This test's pages read that database; its Store."""
    return three_actions.use(monkeypatch).store


def test_the_map_panel_lists_the_municipalitys_actions_and_their_status(with_actions):
    at = app(flt_muni="408")
    assert any("Avoimia toimenpiteitä: 1" in m.value for m in at.markdown)
    assert "Kylätalojen vuokratuki" in tables_text(at) and "päätöksenteossa" in tables_text(at)
    assert "Maksuttomat tilat" not in tables_text(at)  # Ähtäri's


def test_the_map_can_be_coloured_by_open_actions(with_actions):
    store = with_actions
    at = app()
    picker = at.selectbox(key="kartta_metric")
    assert "Avoimia toimenpiteitä" in picker.options
    metric = next(m for m in mapdata.METRICS if m.key == "open_actions")
    picker.set_value(metric).run()
    assert not at.exception, [e.value for e in at.exception]
    summary = pd.DataFrame({"code": ["408", "989", "005"]})
    summary["open_actions"] = followup.open_counts(store.frame("actions"), summary["code"])\
        .to_numpy()
    values = mapdata.metric_values(summary, None, metric)
    assert values.to_dict() == {"408": 1.0, "989": 1.0, "005": 0.0}


def test_the_forum_view_shows_the_municipalitys_actions(store):
    import_actions(store)
    store.commit_import("scores", examples.load_scores(), user="testi", file_name="e.csv",
                        sha256="1" * 64)
    at = page_support.open_page("pages/foorumi.py", query={"kunta": "408"})  # its own URL
    assert "Kylätalojen vuokratuki" in tables_text(at)
    assert "toteutettu" in tables_text(at)


def test_staff_edit_an_action_and_the_save_is_an_import_that_undo_reverts(store):
    import_actions(store)
    before = store.frame("actions")
    frame = actions_edit.editable(before)
    edited = frame.copy()
    edited.loc[edited["title"] == "Maksuttomat tilat", "status"] = "decided"
    today = dt.date(2021, 10, 1)
    checked = actions_edit.check_edit(store, frame, edited, today=today)
    assert checked is not None and not checked.problems, checked.problem_lines()
    import_id, plan = actions_edit.write(store, checked, user="teija")
    assert (len(plan.added), len(plan.updated)) == (0, 1)
    after = store.frame("actions").set_index("title")
    assert after.loc["Maksuttomat tilat", "status"] == "decided"
    assert after.loc["Maksuttomat tilat", "updated"] == today
    assert store.history().iloc[-1]["kind"] == "actions"
    store.undo_import(import_id)
    pd.testing.assert_frame_equal(store.frame("actions"), before)


def test_an_unchanged_editor_saves_nothing(store):
    import_actions(store)
    frame = actions_edit.editable(store.frame("actions"))
    assert actions_edit.check_edit(store, frame, frame.copy(), today=dt.date.today()) is None


def test_a_bad_edit_is_refused_with_its_column_and_nothing_is_written(store):
    import_actions(store)
    frame = actions_edit.editable(store.frame("actions"))
    edited = frame.copy()
    edited.loc[0, "title"] = ""
    checked = actions_edit.check_edit(store, frame, edited, today=dt.date.today())
    assert [p.column for p in checked.problems] == ["title"]
    assert len(store.history()) == 1
