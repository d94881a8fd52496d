"""The small-n rule protects participants; the managers' own assessment stays visible."""

import pandas as pd

from kumppanuus import scores


def cells(n_participants: int, n_managers: int) -> pd.DataFrame:
    rows = [
        {"round": "r", "source": "pöytä", "municipality": "408", "respondent_group": "participants",
         "criterion": 1, "score_sum": 4.0 * n_participants, "n": n_participants,
         "scale_min": 1.0, "scale_max": 5.0, "is_example": False},
        {"round": "r", "source": "foorumi", "municipality": "408", "respondent_group": "managers",
         "criterion": 1, "score_sum": 3.0 * n_managers, "n": n_managers,
         "scale_min": 1.0, "scale_max": 5.0, "is_example": False},
    ]
    return pd.DataFrame(rows)


def test_one_managers_rating_is_shown_while_four_participants_are_hidden():
    out = scores.group_cells(cells(4, 1), min_n=5).set_index("respondent_group")
    assert bool(out.loc["participants", "hidden"]) and pd.isna(out.loc["participants", "mean"])
    assert not out.loc["managers", "hidden"] and out.loc["managers", "mean"] == 3.0


def test_the_gap_appears_once_participants_reach_the_threshold():
    gap = scores.gaps(cells(5, 1), min_n=5).iloc[0]
    assert gap["gap_pct"] == 25.0  # (4 − 1) / 4 × 100 − (3 − 1) / 4 × 100


def test_a_stricter_managers_threshold_can_be_asked_for():
    out = scores.hide_small(scores.aggregate(cells(5, 1), ["municipality", "criterion",
                                                           "respondent_group"]),
                            5, managers_min_n=2).set_index("respondent_group")
    assert bool(out.loc["managers", "hidden"])
