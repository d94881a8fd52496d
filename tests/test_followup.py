"""What the staff overview flags: open actions not updated in six months, liaisons changing."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kumppanuus import followup


def _actions(*rows):
    cols = ["round", "table_no", "action_no", "municipality", "title", "status", "updated"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


ACTIONS = _actions(
    ("kevät 2021", 5, 1, "989", "Kylätalojen vuokratuki", "decided", dt.date(2021, 3, 1)),
    ("kevät 2021", 5, 2, "989", "Yhdistysten tiedote", "in_decision", dt.date(2021, 9, 2)),
    ("kevät 2021", 5, 3, "759", "Järjestömarkkinat", "done", dt.date(2021, 3, 1)),
    ("kevät 2021", 8, 1, "408", "Maksuttomat tilat", "proposed", None),
)


def test_an_open_action_older_than_six_months_is_flagged_and_a_done_one_is_not():
    stale = followup.stale_actions(ACTIONS, dt.date(2021, 9, 15))
    assert stale["title"].tolist() == ["Maksuttomat tilat", "Kylätalojen vuokratuki"]


def test_six_months_counts_calendar_months():
    assert followup.stale_since(dt.date(2021, 8, 31)) == dt.date(2021, 2, 28)
    assert followup.stale_actions(ACTIONS.iloc[:1], dt.date(2021, 9, 1)).empty
    assert len(followup.stale_actions(ACTIONS.iloc[:1], dt.date(2021, 9, 2))) == 1


def test_open_actions_are_counted_per_municipality_with_zero_for_the_rest():
    counts = followup.open_counts(ACTIONS, ["989", "759", "408", "005"])
    assert counts.to_dict() == {"989": 2, "759": 0, "408": 1, "005": 0}


def test_a_municipality_lists_its_open_actions_before_the_closed_ones():
    done = _actions(("kevät 2021", 1, 1, "989", "Kyselyt", "done", dt.date(2021, 2, 1)))
    shown = followup.for_municipality(pd.concat([done, ACTIONS]), "989")
    assert shown["title"].tolist() == ["Kylätalojen vuokratuki", "Yhdistysten tiedote",
                                       "Kyselyt"]
    assert followup.for_municipality(ACTIONS, "005").empty


def test_a_liaison_marked_changing_is_flagged():
    contacts = pd.DataFrame({"municipality": ["791", "989", "791"],
                             "name": ["Janne Kujala", "Anu Paalanen", "Leader X"],
                             "role": ["liaison", "liaison", "leader"],
                             "status": ["changing", "active", "changing"]})
    assert followup.changing_liaisons(contacts)["name"].tolist() == ["Janne Kujala"]


def test_a_row_without_an_updated_date_gets_today_only_when_it_is_new_or_changes():
    stored = ACTIONS.assign(criterion=pd.array([4, 7, 7, None], dtype="Int64"))
    incoming = stored.drop(columns="updated").copy()
    incoming.loc[1, "status"] = "decided"                       # changed → today
    incoming = pd.concat([incoming, _actions(                   # new → today
        ("kevät 2021", 9, 1, "301", "Uusi", "proposed", None)).drop(columns="updated")])
    incoming.index = range(2, 2 + len(incoming))                # Excel row numbers
    today = dt.date(2021, 10, 1)
    filled = followup.fill_updated(incoming, stored, today)
    assert filled["updated"].tolist() == [dt.date(2021, 3, 1), today, dt.date(2021, 3, 1),
                                          None, today]
