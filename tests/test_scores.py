"""Score aggregation: sums and counts, normalised scales, the small-n rule, gaps and rounds."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kumppanuus import config, scores
from kumppanuus.store.kinds import scores_to_db

BY = ["municipality", "criterion", "respondent_group"]


def rows(*specs: dict) -> pd.DataFrame:
    """File-form score rows with defaults → stored form."""
    base = {"round": "kevät 2021", "source": "pöytä 1", "date": dt.date(2021, 1, 27),
            "municipality": "743", "respondent_group": "participants", "criterion": 1}
    return scores_to_db(pd.DataFrame([base | s for s in specs]))


def cell(df: pd.DataFrame, **where) -> pd.Series:
    agg = scores.aggregate(df, BY)
    for k, v in where.items():
        agg = agg[agg[k] == v]
    assert len(agg) == 1
    return agg.iloc[0]


def test_an_aggregate_and_a_single_rating_combine_to_sums_and_counts():
    df = rows({"mean": 4.0, "n": 4}, {"score": 2, "respondent": "a", "source": "pöytä 2"})
    got = cell(df)
    assert got["n"] == 5
    assert got["mean"] == pytest.approx(3.6)
    assert got["mean_pct"] == pytest.approx(65.0)


def test_two_aggregates_are_weighted_by_their_counts_not_averaged():
    df = rows({"mean": 5.0, "n": 9}, {"mean": 1.0, "n": 1, "source": "pöytä 2"})
    assert cell(df)["mean"] == pytest.approx(4.6)  # a mean of means would say 3.0


@pytest.mark.parametrize(("lo", "hi", "mean", "pct"), [
    (1, 5, 3.0, 50.0),
    (1, 5, 1.0, 0.0),
    (0, 5, 2.5, 50.0),
    (0, 5, 5.0, 100.0),
    (1, 10, 10.0, 100.0),
    (1, 10, 5.5, 50.0),
])
def test_every_scale_is_normalised_to_0_100_percent(lo, hi, mean, pct):
    got = cell(rows({"mean": mean, "n": 3, "scale_min": lo, "scale_max": hi}))
    assert got["mean_pct"] == pytest.approx(pct)
    assert got["mean"] == pytest.approx(mean)
    assert got["scale"] == f"{lo}–{hi}"


def test_rows_on_different_scales_combine_on_the_percentage_scale():
    df = rows({"mean": 5.0, "n": 1, "scale_min": 0, "scale_max": 5},       # 100 %
              {"mean": 1.0, "n": 3, "scale_min": 1, "scale_max": 10, "source": "foorumi"})
    got = cell(df)
    assert got["mean_pct"] == pytest.approx(25.0)  # (100 + 3 × 0) / 4
    assert pd.isna(got["mean"]), "no single original-scale mean across different scales"
    assert got["scale"] == "0–5, 1–10"


@given(ratings=st.lists(st.integers(1, 5), min_size=1, max_size=40),
       cut=st.integers(0, 40))
@settings(max_examples=60, deadline=None)
def test_splitting_ratings_into_singles_and_an_aggregate_never_changes_the_mean(ratings, cut):
    cut = min(cut, len(ratings))
    head, tail = ratings[:cut], ratings[cut:]
    specs = [{"score": r, "respondent": f"r{i}"} for i, r in enumerate(head)]
    if tail:
        specs.append({"mean": sum(tail) / len(tail), "n": len(tail), "source": "menti"})
    got = cell(rows(*specs))
    assert got["n"] == len(ratings)
    assert got["mean"] == pytest.approx(sum(ratings) / len(ratings))


@pytest.mark.parametrize(("n", "hidden"), [(4, True), (5, False), (12, False)])
def test_a_group_below_the_threshold_has_its_mean_hidden_but_its_n_shown(n, hidden):
    got = scores.group_cells(rows({"mean": 4.0, "n": n}), min_n=5).iloc[0]
    assert bool(got["hidden"]) is hidden
    assert got["n"] == n
    assert pd.isna(got["mean_pct"]) is hidden and pd.isna(got["mean"]) is hidden


def test_the_threshold_comes_from_the_environment(monkeypatch):
    assert config.min_group_n() == 5
    monkeypatch.setenv("KUMPPANUUS_MIN_GROUP_N", "3")
    assert config.min_group_n() == 3
    got = scores.group_cells(rows({"mean": 4.0, "n": 3}), config.min_group_n()).iloc[0]
    assert not got["hidden"]


def test_gap_is_participants_minus_managers_so_positive_means_participants_rate_higher():
    df = rows({"mean": 4.0, "n": 6},  # 75 %
              {"mean": 2.0, "n": 5, "respondent_group": "managers", "source": "foorumi"})  # 25 %
    got = scores.gaps(df, min_n=5).iloc[0]
    assert got["gap_pct"] == pytest.approx(50.0)
    flipped = rows({"mean": 2.0, "n": 6},
                   {"mean": 4.0, "n": 5, "respondent_group": "managers", "source": "foorumi"})
    assert scores.gaps(flipped, min_n=5).iloc[0]["gap_pct"] == pytest.approx(-50.0)


def test_no_gap_when_either_group_is_hidden():
    df = rows({"mean": 4.0, "n": 2},
              {"mean": 4.0, "n": 6, "respondent_group": "managers", "source": "foorumi"})
    got = scores.gaps(df, min_n=5).iloc[0]
    assert got["hidden_participants"] and pd.isna(got["gap_pct"])
    assert got["managers_pct"] == pytest.approx(75.0)


def test_criterion_view_lists_every_criterion_and_both_groups():
    view = scores.criterion_view(rows({"mean": 4.0, "n": 6, "criterion": 2}), min_n=5)
    assert len(view) == 14
    missing = view[(view["criterion"] == 1)]
    assert (missing["n"] == 0).all() and missing["mean_pct"].isna().all()
    assert view["respondent_group"].tolist()[:2] == ["participants", "managers"]


def test_municipality_metrics_feed_the_map():
    df = rows(
        {"mean": 5.0, "n": 5, "criterion": 1},                                  # 100 %
        {"mean": 3.0, "n": 5, "criterion": 2},                                  # 50 %
        {"mean": 1.0, "n": 5, "criterion": 1, "respondent_group": "managers",   # 0 %
         "source": "foorumi"},
        {"mean": 5.0, "n": 2, "criterion": 3},                                  # hidden
        {"mean": 1.0, "n": 2, "municipality": "005"},                           # hidden
    )
    got = scores.municipality_metrics(df, min_n=5).set_index("code")
    assert list(got.reset_index().columns) == scores.METRIC_COLUMNS
    assert got.loc["743", "mean_pct"] == pytest.approx(75.0)
    assert got.loc["743", "gap_pct"] == pytest.approx(100.0)  # only criterion 1 is shared
    assert got.loc["743", "n_participants"] == 5 and got.loc["743", "n_managers"] == 5
    assert pd.isna(got.loc["005", "mean_pct"]) and got.loc["005", "n_managers"] == 0
    assert not got["is_example"].any()


def test_municipality_metrics_of_no_scores_is_an_empty_frame_with_the_columns():
    empty = scores.municipality_metrics(rows({"mean": 1.0, "n": 1}).iloc[0:0], 5)
    assert empty.empty and list(empty.columns) == scores.METRIC_COLUMNS


def test_round_changes_follow_the_rounds_in_time_order():
    df = rows({"mean": 2.0, "n": 5, "round": "syksy 2021", "date": dt.date(2021, 10, 1)},
              {"mean": 4.0, "n": 5, "round": "kevät 2021"})
    got = scores.round_changes(df, min_n=5)
    assert scores.round_order(df) == ["kevät 2021", "syksy 2021"]
    only = got.iloc[0]
    assert (only["from_round"], only["to_round"]) == ("kevät 2021", "syksy 2021")
    assert only["change_pct"] == pytest.approx(-50.0)


def test_one_round_has_no_changes():
    assert scores.round_changes(rows({"mean": 2.0, "n": 5}), 5).empty


def test_municipalities_sort_by_the_chosen_criterion_and_missing_last():
    matrix = pd.DataFrame({
        "name": ["A", "A", "B", "B", "C"], "criterion": [1, 2, 1, 2, 1],
        "participants_pct": [10.0, 90.0, 50.0, 20.0, None]})
    assert scores.municipality_order(matrix, 1) == ["B", "A", "C"]
    assert scores.municipality_order(matrix, 2) == ["A", "B", "C"]
    assert scores.municipality_order(matrix, None) == ["A", "B", "C"]


def test_feedback_options_come_in_the_poll_order_with_zeros_for_missing_options():
    fb = pd.DataFrame({"round": "r", "table_no": [1, 1, 2], "question": "content",
                       "option": ["Huono", "Hyvä", "Hyvä"], "count": [1, 2, 3],
                       "is_example": False})
    got = scores.feedback_summary(fb, "content")
    assert got["option"].tolist() == ["Erittäin hyvä", "Hyvä", "Kohtalainen", "Huono"]
    assert got["count"].tolist() == [0, 5, 0, 1]
    assert got["share"].sum() == pytest.approx(1.0)


def test_an_unknown_feedback_option_follows_the_known_ones():
    fb = pd.DataFrame({"round": "r", "table_no": 1, "question": "heard_via",
                       "option": ["Radio", "Muu"], "count": [1, 1], "is_example": False})
    got = scores.feedback_summary(fb, "heard_via")["option"].tolist()
    assert got[-1] == "Radio" and got[:2] == ["Lehtijuttu", "Facebook"]
