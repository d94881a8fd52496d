"""CLI imports of scores: a Mentimeter export with the user's flags, and example data on purpose."""

import pandas as pd

from kumppanuus.store import kinds
from kumppanuus.store import Store
from tests.cli_support import run_cli
from tests.conftest import ROOT
from tests.filefactory import Slide, menti_bytes, seven_counts


def test_a_menti_export_imports_as_participants_scores_for_the_given_municipality(tmp_path):
    path = tmp_path / "lapua.xlsx"
    path.write_bytes(menti_bytes([[Slide(counts=seven_counts())]]))
    result = run_cli("import", "menti", str(path), "--round", "kevät 2021", "--source",
                     "pöytä 8", "--municipality", "Lapua", "--group", "osallistujat",
                     "--user", "teija")
    assert result.returncode == 0, result.stderr
    stored = Store().frame("scores")
    assert len(stored) == 7 and set(stored["municipality"]) == {"408"}
    assert set(stored["respondent_group"]) == {"participants"}
    first = stored.set_index("criterion").loc[1]
    assert first["n"] == 1 + 2 + 1 + 2 + 1  # counts of statement 1
    assert first["score_sum"] == 1 * 1 + 2 * 2 + 3 * 1 + 4 * 2 + 5 * 1
    assert not stored["is_example"].any()


def test_menti_without_its_flags_is_a_usage_error(tmp_path):
    path = tmp_path / "lapua.xlsx"
    path.write_bytes(menti_bytes([[Slide(counts=seven_counts())]]))
    result = run_cli("import", "menti", str(path))
    assert result.returncode == 2 and "--round" in result.stderr
    assert Store().frame("scores").empty


def test_example_scores_reach_the_database_only_when_asked_and_are_marked():
    example = ROOT / "data" / "example" / "esimerkki_arviot.csv"
    assert Store().frame("scores").empty  # a new database has no scores at all
    result = run_cli("import", "scores", str(example), "--example")
    assert result.returncode == 0, result.stderr
    stored = Store().frame("scores")
    assert len(stored) == len(pd.read_csv(example)) and stored["is_example"].all()
    assert stored["round"].str.startswith("esimerkki: ").all()


def test_scores_export_round_trips_single_ratings_and_aggregates(tmp_path):
    path = tmp_path / "arviot.csv"
    path.write_text(
        "kierros;lähde;päivämäärä;kunta;vastaajaryhmä;kriteeri;arvo;keskiarvo;vastaajia;vastaaja\n"
        "kevät 2021;pöytä 8;18.3.2021;Lapua;osallistujat;1;4;;;v1\n"
        "kevät 2021;foorumi;26.1.2021;Lapua;kuntajohtajat;1;;3,5;2;\n", encoding="utf-8")
    assert run_cli("import", "scores", str(path)).returncode == 0
    exported = Store().export_frame("scores")
    assert list(exported.columns) == [*kinds.KINDS["scores"].export_columns, "example"]
    assert exported["example"].tolist() == ["false", "false"]
    assert exported[["score", "mean", "n"]].astype(object).where(exported.notna(), None) \
        .values.tolist() == [[4.0, None, None], [None, 3.5, 2]]
