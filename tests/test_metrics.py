"""Attendance metrics: totals, per capita, date order, filters, registration figures."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kumppanuus import metrics

MUNIS = pd.DataFrame({
    "code": ["001", "002", "003"], "name_fi": ["Aa", "Bee", "Cee"],
    "population_2020": [1000, 3000, 500], "leader_area": ["x", "x", "y"],
})


def tables_frame(*rows) -> pd.DataFrame:
    """Tables in stored form from (table_no, date, municipalities, participants, extra)."""
    cols = ["online_peak", "onsite", *metrics.REGISTRATION_COLUMNS]
    records = []
    for no, date, codes, participants, extra in rows:
        rec = {"round": "kevät 2021", "table_no": no, "date": dt.date.fromisoformat(date),
               "name": f"Pöytä {no}", "municipalities": codes, "participants": participants}
        records.append(rec | {c: extra.get(c) for c in cols})
    df = pd.DataFrame(records)
    for col in ["table_no", "participants", *cols]:
        df[col] = df[col].astype("Int64")
    return df


@pytest.fixture
def seed(store):
    return store.frame("tables"), store.reference("municipalities")


def test_the_spring_2021_round_has_483_participants_over_11_tables(seed):
    tables, _ = seed
    totals = metrics.round_totals(tables)
    assert totals["participants"] == 483
    assert totals["tables"] == 11
    assert totals["mean"] == pytest.approx(483 / 11)


def test_an_empty_selection_has_zero_participants_and_no_mean():
    empty = tables_frame((1, "2021-01-01", "001", 5, {}))[:0]
    assert metrics.round_totals(empty) == {"tables": 0, "participants": 0, "mean": None}


def test_a_table_covering_several_municipalities_divides_by_their_combined_population():
    view = metrics.tables_view(tables_frame((1, "2021-01-27", "001,002", 40, {}),
                                            (2, "2021-02-01", "003", 10, {})), MUNIS)
    assert view["population"].tolist() == [4000, 500]
    assert view["per_1000"].tolist() == pytest.approx([10.0, 20.0])


def test_table_1_of_spring_2021_has_3_2_participants_per_1000_inhabitants(seed):
    view = metrics.tables_view(*seed)
    first = view.iloc[0]
    assert first["municipality_names"] == "Evijärvi, Kauhava"
    assert first["population"] == 2408 + 15514
    assert first["per_1000"] == pytest.approx(58 * 1000 / 17922)


def test_tables_are_ordered_by_date_but_keep_the_organisers_numbers(seed):
    labels = metrics.tables_view(*seed)["label"].tolist()
    assert labels[:2] == ["1. Evijärvi-Kauhava", "2. Alavus"]
    assert labels[-3:] == ["10. Ilmajoki", "9. Kuortane", "11. Seinäjoki"]


def test_only_tables_with_registration_figures_appear_in_the_registrations(seed):
    tables, _ = seed
    regs = metrics.registrations(tables)
    assert set(regs["table_no"]) == {1}
    assert dict(zip(regs["group"], regs["count"])) == {
        "paikalliset järjestöt": 18, "laajemman alueen toimijat": 17, "viranhaltijat": 9}
    assert dict(zip(metrics.presence(tables)["measure"], metrics.presence(tables)["count"])) \
        == {"online_peak": 48, "onsite": 7}


def test_a_table_without_figures_reports_none_but_a_reported_zero_stays_zero():
    tables = tables_frame((1, "2021-01-01", "001", 5, {"registered_officials": 0}),
                          (2, "2021-01-02", "002", 6, {}))
    rows = tables.to_dict("records")
    assert metrics.figures_of(rows[0], metrics.REGISTRATION_COLUMNS) == {"viranhaltijat": 0}
    assert metrics.figures_of(rows[1], metrics.REGISTRATION_COLUMNS) is None
    assert metrics.has_figures(tables, metrics.REGISTRATION_COLUMNS).tolist() == [True, False]


@pytest.mark.parametrize("area, municipality, expected", [
    ("kuudesta", None, [2, 5, 9]),
    (None, "233", [1]),
    ("aisapari", "408", [8]),
    (None, None, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
])
def test_filters_keep_the_tables_that_covered_the_area_or_municipality(
        seed, area, municipality, expected):
    tables, munis = seed
    kept = metrics.filter_tables(tables, munis, leader_area=area, municipality=municipality)
    assert sorted(kept["table_no"].tolist()) == expected


def test_the_round_filter_keeps_only_that_round(seed):
    tables, munis = seed
    assert metrics.filter_tables(tables, munis, rnd="syksy 2021").empty
    assert len(metrics.filter_tables(tables, munis, rnd="kevät 2021")) == 11


def test_bar_labels_name_the_round_only_when_several_rounds_are_shown():
    one = tables_frame((1, "2021-01-01", "001", 5, {}))
    two = pd.concat([one, one.assign(round="syksy 2021")], ignore_index=True)
    assert metrics.with_unique_labels(metrics.tables_view(one, MUNIS))["bar_label"].tolist() \
        == ["1. Pöytä 1"]
    assert sorted(metrics.with_unique_labels(metrics.tables_view(two, MUNIS))["bar_label"]) \
        == ["1. Pöytä 1 (kevät 2021)", "1. Pöytä 1 (syksy 2021)"]


def test_speakers_of_a_table_come_in_speaking_order(store):
    speakers = metrics.speakers_of(store.frame("speakers"), "kevät 2021", 5)
    assert speakers["name"].tolist() == ["Seppo Karjala", "Johanna Rannanjärvi",
                                         "Maarit Lehtonen"]
    assert speakers["title"].iloc[1] == "kunnanjohtaja"


def test_the_attendance_export_uses_finnish_headers_and_leader_area_names(store):
    view = metrics.tables_view(store.frame("tables"), store.reference("municipalities"))
    out = metrics.attendance_export(view, store.reference("leader_areas"))
    first = out.iloc[0]
    assert first["nro"] == 1 and first["osallistujia"] == 58
    assert first["Leader-alue"] == "Aisapari"
    assert first["osallistujia_per_1000_asukasta"] == pytest.approx(3.24)
    assert first["ilmoittautuneet_viranhaltijat"] == 9
    assert pd.isna(out.iloc[1]["ilmoittautuneet_viranhaltijat"])


def test_a_table_takes_the_leader_area_of_most_of_its_municipalities():
    view = metrics.tables_view(tables_frame((1, "2021-01-01", "003,001,002", 9, {}),
                                            (2, "2021-01-02", "003,001", 9, {}),
                                            (3, "2021-01-03", "999", 9, {})), MUNIS)
    assert view["leader_area"].tolist()[:2] == ["x", "x"]  # 2 of 3; a tie goes to "x" < "y"
    assert view["municipality_names"].tolist() == ["Cee, Aa, Bee", "Cee, Aa", ""]
    assert pd.isna(view["per_1000"].iloc[2])  # an unknown municipality has no population


def test_in_round_keeps_one_round_or_every_round():
    from kumppanuus import metrics

    rows = pd.DataFrame({"round": ["kevät 2021", "syksy 2022", "kevät 2021"], "n": [1, 2, 3]})
    assert metrics.in_round(rows, "kevät 2021")["n"].tolist() == [1, 3]
    assert metrics.in_round(rows, None)["n"].tolist() == [1, 2, 3]
