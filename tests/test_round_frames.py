"""Scores read round by round: the same rows as reading everything, and each round's cache key
changes only when an import or undo writes that round's rows."""

import datetime as dt

import pandas as pd
import pytest

from kumppanuus import scores
from kumppanuus.store import kinds


def import_round(store, rnd: str, mean: float, k: int) -> int:
    rows = pd.DataFrame([{"round": rnd, "date": dt.date(2030, 10, 1), "source": "testi",
                          "municipality": "005", "respondent_group": group, "criterion": c,
                          "mean": mean, "n": 10}
                         for group in scores.GROUPS for c in range(1, 8)])
    import_id, _ = store.commit_import("scores", kinds.scores_to_db(rows), user="testi",
                                       file_name=f"arviot_{k}.csv", sha256=f"{k:064x}")
    return import_id


@pytest.fixture
def two_rounds(store):
    from ui import data

    import_round(store, "syksy 2030", 3.0, 1)
    import_round(store, "kevät 2031", 4.0, 2)
    data.refresh()
    return store


def test_the_rows_of_every_round_put_together_are_the_stored_rows_in_their_order(two_rounds):
    from ui import data

    pd.testing.assert_frame_equal(data.rows_of_rounds("scores"), two_rounds.frame("scores"))


def test_the_rows_of_one_round_are_the_stored_rows_of_that_round(two_rounds):
    from ui import data

    every = two_rounds.frame("scores")
    expected = every[every["round"] == "kevät 2031"].reset_index(drop=True)
    pd.testing.assert_frame_equal(data.rows_of_rounds("scores", ["kevät 2031"]), expected)
    assert "syksy 2030" in data.rounds_of("scores")


def test_an_import_of_one_round_changes_that_rounds_key_only(two_rounds):
    from ui import data

    autumn, spring = data.round_stamp("scores", ["syksy 2030"]), data.round_stamp(
        "scores", ["kevät 2031"])
    import_round(two_rounds, "kevät 2031", 2.0, 3)
    data.refresh()
    assert data.round_stamp("scores", ["syksy 2030"]) == autumn
    assert data.round_stamp("scores", ["kevät 2031"]) != spring
    changed = data.rows_of_rounds("scores", ["kevät 2031"])
    assert set(changed["score_sum"] / changed["n"]) == {2.0}


def test_an_undo_changes_every_rounds_key_and_the_rows_are_read_again(two_rounds):
    from ui import data

    before = data.round_stamp("scores")
    newest = import_round(two_rounds, "kevät 2031", 2.0, 4)
    data.refresh()
    autumn = data.round_stamp("scores", ["syksy 2030"])
    two_rounds.undo_import(newest)
    data.refresh()
    assert data.round_stamp("scores", ["syksy 2030"]) != autumn
    assert data.round_stamp("scores") != before  # the undone import is named in every key
    pd.testing.assert_frame_equal(data.rows_of_rounds("scores"), two_rounds.frame("scores"))
