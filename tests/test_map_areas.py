"""The map's Leader-area view computes each metric for the area itself (per 1 000, score, gap,
open actions, change since the previous round), and Kurikka's Jalasjärvi part is counted once."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import mapdata
from kumppanuus import areas, config, examples, rounds
from kumppanuus.store import Store

DATA = config.DATA_DIR


@pytest.fixture(scope="module")
def seed():
    munis = pd.read_csv(DATA / "municipalities.csv", dtype={"code": str})
    parts = pd.read_csv(DATA / "municipality_parts.csv", dtype=str)
    leaders = pd.read_csv(DATA / "leader_areas.csv", dtype=str)
    tables = pd.read_csv(DATA / "tables.csv", dtype={"municipalities": str})
    tables["date"] = pd.to_datetime(tables["date"]).dt.date
    return {"munis": munis, "parts": parts, "leaders": leaders, "tables": tables,
            "names": dict(zip(leaders["code"], leaders["name"]))}


NO_ACTIONS = pd.DataFrame(columns=["round", "table_no", "municipality", "status"])


def score_rows(cells: list[tuple[str, str, int, int, float]], rnd: str = "kevät 2021",
               example: bool = False) -> pd.DataFrame:
    """Rows (municipality, group, criterion, n, mean on a 1–5 scale) as the store keeps them."""
    columns = ["round", "source", "date", "municipality", "respondent_group", "criterion", "n",
               "score_sum", "scale_min", "scale_max", "respondent", "is_example"]
    return pd.DataFrame([{
        "round": rnd, "source": "testi", "date": pd.Timestamp("2021-03-01").date(),
        "municipality": code, "respondent_group": group, "criterion": criterion, "n": n,
        "score_sum": mean * n, "scale_min": 1.0, "scale_max": 5.0, "respondent": None,
        "is_example": example} for code, group, criterion, n, mean in cells], columns=columns)


def test_an_areas_per_1000_is_its_participants_over_its_population(seed):
    tables, munis = seed["tables"], seed["munis"]
    liiveri = set(munis.loc[munis["leader_area"] == "liiveri", "code"])
    own = tables[tables["municipalities"].map(lambda v: set(v.split(",")) <= liiveri)]
    expected = own["participants"].sum() * 1000 / munis.loc[
        munis["code"].isin(liiveri), "population_2020"].sum()
    figures = areas.attendance(tables, munis, seed["leaders"]).set_index("code")
    assert figures.loc["liiveri", "per_1000"] == pytest.approx(expected)
    assert figures.loc["liiveri", "n_tables"] == len(own)


def test_the_areas_per_1000_is_not_a_sum_or_mean_of_its_municipalities_rates(seed):
    tables, munis = seed["tables"], seed["munis"]
    summary = mapdata.map_figures(tables, munis, seed["leaders"], NO_ACTIONS,
                                  score_rows([]).iloc[0:0], "kevät 2021", 5)
    by_muni = summary.summary.set_index("code")["per_1000"].astype(float)
    liiveri = munis.loc[munis["leader_area"] == "liiveri", "code"]
    area = summary.areas.set_index("code").loc["liiveri", "per_1000"]
    assert area != pytest.approx(by_muni[liiveri].mean())
    assert area != pytest.approx(by_muni[liiveri].sum())


def test_an_areas_score_is_the_mean_of_its_ratings_not_of_its_municipality_means(seed):
    rows = score_rows([("145", "participants", 1, 10, 5.0),    # Ilmajoki: 10 × 100 %
                       ("743", "participants", 1, 30, 1.0)])   # Seinäjoki: 30 × 0 %
    area = areas.score_metrics(rows, seed["munis"], 5).set_index("code")
    assert area.loc["liiveri", "mean_pct"] == pytest.approx(25.0)  # 1 000 / 40, not 50
    assert area.loc["liiveri", "n_participants"] == 40


def test_a_hidden_small_group_is_left_out_of_its_areas_score(seed):
    rows = score_rows([("145", "participants", 1, 10, 5.0),
                       ("743", "participants", 1, 3, 1.0)])    # 3 < 5: hidden in Seinäjoki
    area = areas.score_metrics(rows, seed["munis"], 5).set_index("code")
    assert area.loc["liiveri", "mean_pct"] == pytest.approx(100.0)  # never (1 000 + 0) / 13


def test_an_areas_gap_pairs_the_groups_within_each_municipality(seed):
    rows = score_rows([("145", "participants", 1, 10, 4.0), ("145", "managers", 1, 1, 5.0),
                       ("743", "participants", 1, 10, 2.0)])   # Seinäjoki has no managers
    area = areas.score_metrics(rows, seed["munis"], 5).set_index("code")
    assert area.loc["liiveri", "gap_pct"] == pytest.approx(75.0 - 100.0)
    assert area.loc["liiveri", "mean_pct"] == pytest.approx(50.0)


def test_kurikkas_tables_and_inhabitants_count_once_for_suupohja_not_for_liiveri(seed):
    tables, munis = seed["tables"], seed["munis"]
    figures = areas.attendance(tables, munis, seed["leaders"]).set_index("code")
    assert figures["n_tables"].sum() == len(tables)  # every table once, none twice
    assert figures["population"].sum() == munis["population_2020"].sum()
    kurikka = tables.loc[tables["municipalities"] == "301", "participants"].sum()
    suupohja = munis.loc[munis["leader_area"] == "suupohja", "code"]
    covering = tables[tables["municipalities"].map(lambda v: bool(set(v.split(",")) &
                                                                 set(suupohja)))]
    assert figures.loc["suupohja", "participants"] == covering["participants"].sum()
    assert kurikka and figures.loc["liiveri", "participants"] == tables.loc[
        tables["municipalities"].isin(["145", "743"]), "participants"].sum()


def test_kurikkas_scores_count_for_suupohja(seed):
    rows = score_rows([("301", "participants", 1, 10, 5.0)])
    area = areas.score_metrics(rows, seed["munis"], 5).set_index("code")
    assert area.loc["suupohja", "mean_pct"] == pytest.approx(100.0)
    assert "liiveri" not in area.index


def test_both_areas_of_kurikka_say_where_the_jalasjarvi_part_is_counted(seed):
    notes = mapdata.part_notes(seed["parts"], seed["munis"], seed["names"])
    assert set(notes) == {"liiveri", "suupohja"}
    assert "Jalasjärvi" in notes["liiveri"] and "Leader Suupohja" in notes["liiveri"]
    assert "Jalasjärvi" in notes["suupohja"] and "Leader Liiveri" in notes["suupohja"]
    sv = mapdata.part_notes(seed["parts"], seed["munis"], seed["names"], "sv")
    assert "Delen Jalasjärvi" in sv["liiveri"]


def test_the_previous_round_with_scores_never_mixes_example_and_real_rounds():
    real = pd.concat([score_rows([("145", "participants", 1, 9, 3.0)], "kevät 2021"),
                      score_rows([("145", "participants", 1, 9, 3.0)], "syksy 2022")
                      .assign(date=pd.Timestamp("2022-10-01").date())])
    example = examples.load_scores()
    both = pd.concat([real, example], ignore_index=True)
    later_example = examples.ROUND_PREFIX + "kevät 2022"
    assert rounds.previous_with_scores(both, "syksy 2022") == "kevät 2021"
    assert rounds.previous_with_scores(both, later_example) == examples.ROUND_PREFIX + "kevät 2021"
    assert rounds.previous_with_scores(both, "kevät 2021") is None
    assert rounds.previous_with_scores(both, None) is None


def test_the_change_is_offered_only_with_a_previous_round_and_names_both_rounds(seed):
    rows = examples.load_scores()
    first, later = (examples.ROUND_PREFIX + "kevät 2021", examples.ROUND_PREFIX + "kevät 2022")
    args = (seed["tables"], seed["munis"], seed["leaders"], NO_ACTIONS, rows)
    at_first = mapdata.map_figures(*args, first, 5)  # each call costs ~0.2 CPU s: once
    assert "change_pct" not in [m.key for m in at_first.metrics()]
    assert at_first.change_note == "map_change_no_previous"
    assert mapdata.map_figures(*args, None, 5).change_note == "map_change_pick_round"
    figures = mapdata.map_figures(*args, later, 5)
    metric = next(m for m in figures.metrics() if m.key == "change_pct")
    label = figures.label(metric, "fi")
    assert label.startswith("Esimerkkiaineisto: ")  # from the rows' flag
    assert label.endswith(f"({first} → {later})")
    expected = rounds.municipality_score_change(rows, 5, [first, later]).set_index("code")
    assert figures.values(metric).to_dict() == pytest.approx(expected["change_pct"].to_dict())


def test_an_areas_change_compares_the_same_municipalities_in_both_rounds(seed):
    first = score_rows([("145", "participants", 1, 10, 3.0)], "kevät 2021")
    later = score_rows([("145", "participants", 1, 10, 4.0),
                        ("743", "participants", 1, 10, 1.0)], "syksy 2022").assign(
        date=pd.Timestamp("2022-10-01").date())
    change = areas.score_change(pd.concat([first, later]), seed["munis"], 5,
                                ("kevät 2021", "syksy 2022")).set_index("code")
    assert change.loc["liiveri", "change_pct"] == pytest.approx(25.0)  # Seinäjoki is new: out


def test_open_actions_are_counted_per_municipality_and_per_area_beside_the_other_metrics(seed):
    actions = pd.DataFrame({"round": ["kevät 2021"] * 3, "municipality": ["408", "989", "301"],
                            "status": ["proposed", "done", "decided"]})
    figures = mapdata.map_figures(seed["tables"], seed["munis"], seed["leaders"], actions,
                                  score_rows([]).iloc[0:0], "kevät 2021", 5)
    metric = next(m for m in figures.metrics() if m.key == "open_actions")
    by_code = figures.values(metric)
    assert by_code["408"] == 1 and by_code["989"] == 0
    by_area = figures.values(metric, by_area=True)
    assert by_area["aisapari"] == 1 and by_area["suupohja"] == 1 and by_area["kuudesta"] == 0


def test_the_app_store_reads_the_frames_map_figures_takes(store: Store, seed):
    figures = mapdata.map_figures(store.frame("tables"), seed["munis"], seed["leaders"],
                                  store.frame("actions"), store.frame("scores"), "kevät 2021", 5)
    assert figures.areas["n_tables"].sum() == len(store.frame("tables"))


def test_the_area_maps_csv_has_every_area_metric_in_the_users_language(seed):
    from kumppanuus import exports

    figures = mapdata.map_figures(seed["tables"], seed["munis"], seed["leaders"], NO_ACTIONS,
                                  score_rows([]).iloc[0:0], "kevät 2021", 5)
    frame = figures.areas.rename(columns={"code": "leader_area", "population": "population_2020"})
    table = mapdata.area_table(frame.assign(note=""), example=True)
    shown = exports.for_download(table, "sv", seed["names"])
    assert {"invånare_2020", "partnerskapsbord", "deltagare_per_1000_invånare"} <= set(shown.columns)
    assert shown.iloc[:, 0].eq("ja").all() and "Liiveri" in set(shown["Leader-område"])


def test_a_change_in_a_tooltip_is_signed_and_in_finnish_number_form():
    from geo.tooltips import value_html
    from kumppanuus.i18n import fmt_number

    assert value_html(3.3, "fi", signed=True) == "+3,3"
    assert value_html(-1234.5, "fi", signed=True) == fmt_number(-1234.5, "fi", 1)
    assert "\u00a0" in value_html(-1234.5, "fi", signed=True)  # Babel's no-break space group
    assert value_html(3.3, "fi") == "3,3"


def test_all_rounds_on_the_map_name_the_rounds_its_figures_combine(seed):
    first = score_rows([("145", "participants", 1, 10, 3.0)], "kevät 2021")
    later = score_rows([("145", "participants", 1, 10, 4.0)], "syksy 2022").assign(
        date=pd.Timestamp("2022-10-01").date())
    tables = pd.concat([seed["tables"], seed["tables"].head(2).assign(
        round="syksy 2022", date=pd.Timestamp("2022-10-01").date())], ignore_index=True)
    args = (tables, seed["munis"], seed["leaders"], NO_ACTIONS, pd.concat([first, later]))
    pooled = mapdata.map_figures(*args, None, 5)
    by_key = {m.key: m for m in pooled.metrics()}
    assert pooled.pooled(by_key["mean_pct"]) == ("kevät 2021", "syksy 2022")
    assert pooled.pooled(by_key["per_1000"]) == ("kevät 2021", "syksy 2022")
    assert pooled.pooled(by_key["leader_area"]) == ()
    assert pooled.label(by_key["mean_pct"], "fi").endswith("(kevät 2021 + syksy 2022)")
    one = mapdata.map_figures(*args, "syksy 2022", 5)
    assert one.pooled(by_key["mean_pct"]) == () and one.pooled(by_key["per_1000"]) == ()
    assert " + " not in one.label(by_key["mean_pct"], "fi")
