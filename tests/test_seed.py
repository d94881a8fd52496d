"""The shipped facts match the spring 2021 report."""

import datetime as dt

import pandas as pd


def test_the_round_has_eleven_tables_with_483_participants(store):
    tables = store.frame("tables")
    assert len(tables) == 11
    assert tables["participants"].sum() == 483
    assert tables["table_no"].tolist() == list(range(1, 12))


def test_table_one_is_evijarvi_kauhava_on_27_january_with_58(store):
    one = store.frame("tables").set_index("table_no").loc[1]
    assert one["date"] == dt.date(2021, 1, 27)
    assert one["name"] == "Evijärvi-Kauhava"
    assert one["participants"] == 58
    assert (one["online_peak"], one["onsite"]) == (48, 7)
    assert (one["registered_local_orgs"], one["registered_regional_orgs"],
            one["registered_officials"]) == (18, 17, 9)


def test_organisers_numbering_is_kept_when_dates_are_out_of_order(store):
    t = store.frame("tables").set_index("table_no")
    assert t.loc[9, "date"] == dt.date(2021, 5, 19) and t.loc[9, "name"] == "Kuortane"
    assert t.loc[10, "date"] == dt.date(2021, 4, 20) and t.loc[10, "name"] == "Ilmajoki"


def test_eighteen_municipalities_each_in_exactly_one_leader_area(store):
    munis = store.reference("municipalities")
    areas = set(store.reference("leader_areas")["code"])
    assert len(munis) == 18 and munis["code"].is_unique
    assert munis["code"].str.fullmatch(r"\d{3}").all()
    assert set(munis["leader_area"]) == areas == {
        "liiveri", "aisapari", "suupohja", "kuudesta", "yhyres"}


def test_kurikka_is_split_with_its_jalasjarvi_part_in_liiveri(store):
    munis = store.reference("municipalities").set_index("code")
    parts = store.reference("municipality_parts")
    assert munis.loc["301", "leader_area"] == "suupohja"
    assert parts[["municipality_code", "part_name", "former_code", "leader_area"]].values \
        .tolist() == [["301", "Jalasjärvi", "164", "liiveri"]]


def test_population_comes_from_statistics_finland_reference(store):
    ref = pd.read_csv(
        __import__("tests.conftest", fromlist=["ROOT"]).ROOT.parent
        / "shared/reference/population_2020.csv", dtype={"code": str}
    ).set_index("code")["population_2020_12_31"]
    munis = store.reference("municipalities").set_index("code")["population_2020"]
    assert (munis == ref.loc[munis.index]).all()


def test_every_table_covers_known_municipalities_and_every_municipality_is_covered(store):
    codes = set(store.reference("municipalities")["code"])
    covered = {c for v in store.frame("tables")["municipalities"] for c in v.split(",")}
    assert covered == codes


def test_soini_liaison_is_marked_as_changing(store):
    contacts = store.frame("contacts")
    soini = contacts[contacts["municipality"] == "759"]
    assert soini[["name", "status"]].values.tolist() == [["Janne Kujala", "changing"]]


def test_seven_criteria_match_the_spec(store):
    crit = store.reference("criteria")
    assert crit["no"].tolist() == list(range(1, 8))
    assert crit.loc[2, "text_fi"].startswith("nimeää järjestöyhdyshenkilön")
