"""Example data says so wherever it goes, and never joins a real round; imports keep no
local paths; a template's example row never imports as a real row."""

import io

import pandas as pd
import pytest

from kumppanuus import examples, templates
from kumppanuus.ingest import pipeline
from kumppanuus.__main__ import main as cli
from tests.conftest import ROOT

FEEDBACK = ("kierros;nro;kysymys;vastaus;lukumäärä\n"
            "kevät 2021;1;sisältö;Hyvä;7\n").encode("utf-8")


def check(store, kind, data, name="tiedosto.csv"):
    return pipeline.check_bytes(kind, data, name, store)


def test_example_feedback_goes_to_its_own_round_and_leaves_the_real_row_alone(store):
    pipeline.write(store, check(store, "feedback", FEEDBACK), user="teija")
    invented = FEEDBACK.replace(b";7", b";99")
    pipeline.write(store, check(store, "feedback", invented), user="teija", example=True)
    rows = store.frame("feedback").set_index("round")
    assert rows.loc["kevät 2021", "count"] == 7 and not rows.loc["kevät 2021", "is_example"]
    assert rows.loc["esimerkki: kevät 2021", "count"] == 99
    assert rows.loc["esimerkki: kevät 2021", "is_example"]


def test_the_shipped_example_files_are_in_example_rounds_only():
    for frame in (examples.load_scores(), examples.load_feedback()):
        assert frame["round"].str.startswith(examples.ROUND_PREFIX).all()
        assert examples.has_example_rows(frame)


def test_has_example_rows_reads_the_rows_flag():
    assert not examples.has_example_rows(pd.DataFrame({"is_example": [False, False]}))
    assert examples.has_example_rows(pd.DataFrame({"is_example": [False, True]}))
    assert not examples.has_example_rows(pd.DataFrame({"x": [1]}))
    assert not examples.has_example_rows(None)


@pytest.mark.parametrize("kind", ["scores", "feedback"])
def test_export_carries_an_example_column_true_for_example_rows(store, kind, capsys):
    path = {"scores": examples.SCORES_FILE, "feedback": examples.FEEDBACK_FILE}[kind]
    assert cli(["import", kind, str(path), "--example"]) == 0
    capsys.readouterr()
    assert cli(["export", kind]) == 0
    exported = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str)
    assert exported.columns[-1] == "example" and set(exported["example"]) == {"true"}


def test_example_is_refused_for_a_kind_without_example_rows(store, capsys):
    assert cli(["import", "tables", str(ROOT / "data" / "tables.csv"), "--example"]) == 2
    assert "--example" in capsys.readouterr().err


@pytest.mark.parametrize("kind", list(templates.EXAMPLE_ROWS))
def test_a_template_with_its_example_row_left_in_writes_nothing(store, kind):
    before = store.frame(kind)
    checked = check(store, kind, templates.template_csv(kind), "pohja.csv")
    assert [p.row for p in checked.problems] == [2]
    assert "esimerkkirivi" in checked.problems[0].message
    with pytest.raises(ValueError):
        pipeline.write(store, checked, user="teija")
    pd.testing.assert_frame_equal(store.frame(kind), before)
    assert store.history().empty


def test_a_filled_in_template_imports_its_own_rows_but_never_the_example_row(store):
    text = templates.template_csv("feedback").decode("utf-8-sig").splitlines()
    kept = "\n".join([text[0], "kevät 2021;2;sisältö;Hyvä;3"]).encode("utf-8")
    checked = check(store, "feedback", kept)
    assert checked.problems == []
    pipeline.write(store, checked, user="teija")
    assert templates.MARK not in " ".join(store.frame("feedback")["round"])


@pytest.mark.parametrize("given", ["/home/teija/Työpöytä/pöydät.csv",
                                   "C:\\Users\\teija\\Desktop\\pöydät.csv", "pöydät.csv"])
def test_the_import_history_keeps_the_file_name_and_never_the_local_folder(store, given):
    pipeline.write(store, check(store, "feedback", FEEDBACK, given), user="teija")
    assert store.history()["file_name"].tolist() == ["pöydät.csv"]


def test_the_command_line_history_shows_no_local_path(store, tmp_path, capsys):
    path = tmp_path / "palaute.csv"
    path.write_bytes(FEEDBACK)
    assert cli(["import", "feedback", str(path)]) == 0
    capsys.readouterr()
    cli(["history"])
    out = capsys.readouterr().out
    assert "palaute.csv" in out and str(tmp_path) not in out


def test_a_download_of_example_rows_says_so_in_its_first_column_and_file_name():
    from kumppanuus import exports

    rows = pd.DataFrame({"criterion": [1, 2], "is_example": [True, False]})
    shown = exports.for_download(rows, "fi")
    assert list(shown.columns) == ["esimerkkiaineisto", "kriteeri"]
    assert shown["esimerkkiaineisto"].tolist() == ["kyllä", "ei"]
    assert list(exports.for_download(rows, "en").columns)[0] == "example data"
    assert exports.download_name(rows, "arviot") == "esimerkki_arviot"
    assert exports.download_name(rows.assign(is_example=False), "arviot") == "arviot"


def test_the_map_legend_of_a_score_metric_over_example_rows_names_the_example():
    from geo import mapdata

    metric = next(m for m in mapdata.METRICS if m.key == "mean_pct")
    example = pd.DataFrame({"code": ["005"], "mean_pct": [50.0], "is_example": [True]})
    assert metric.shows_example(example)
    assert metric.label_in("fi", metric.shows_example(example)).startswith("Esimerkkiaineisto: ")
    assert not metric.shows_example(example.assign(is_example=False))
    leader = next(m for m in mapdata.METRICS if m.key == "leader_area")
    assert not leader.shows_example(example)  # Leader colours are not drawn from scores
    table = mapdata.map_table(pd.DataFrame({"code": ["005"]}), example.set_index("code")
                              ["mean_pct"], metric, example=True)
    assert table["is_example"].all()


def test_a_download_rounds_as_the_screen_shows_and_names_leader_areas_in_the_language():
    from kumppanuus import exports

    rows = pd.DataFrame({"leader_area": ["aisapari"], "per_1000": [57.999999999999986],
                         "mean_pct": [62.49999], "participants": [12]})
    shown = exports.for_download(rows, "sv", {"aisapari": "Aisapari"})
    assert shown.iloc[0].tolist() == ["Aisapari", 58.0, 62.0, 12]
    assert list(shown.columns)[:2] == ["Leader-område", "deltagare_per_1000_invånare"]
    csv = exports.csv_bytes(shown, excel=True).decode("utf-8-sig")
    assert "57,99999" not in csv and "58,0" in csv
