"""Liaisons between rounds: each contacts import belongs to a round; a round's roster is the
import history replayed up to it (undo respected), and `liaison_changes` says what changed."""

from __future__ import annotations

import pandas as pd
import pytest

from kumppanuus import exports, liaisons
from kumppanuus.ingest import pipeline
from kumppanuus.store import Store
from tests.cli_support import run_cli
from tests.filefactory import csv_bytes
from tests.test_rounds import AUTUMN, add_autumn_tables

SPRING = "kevät 2021"
HEADER = ["kunta", "nimi", "rooli", "organisaatio", "sähköposti", "puhelin", "tila", "huomio"]
# Soini's liaison changes (a made-up successor, with contact details), Alavus' becomes
# `changing`; every other municipality keeps its spring 2021 liaison.
AUTUMN_CONTACTS = [
    HEADER,
    ["Soini", "Janne Kujala", "järjestöyhdyshenkilö", "Soinin kunta", "", "", "entinen", ""],
    ["Soini", "Testi Seuraaja", "järjestöyhdyshenkilö", "Soinin kunta", "seuraaja@example.org",
     "040 111 2222", "aktiivinen", "aloitti syksyllä 2022, puh. 040 111 2222"],
    ["Alavus", "Anu Katajamäki", "järjestöyhdyshenkilö", "Alavuden kaupunki", "", "",
     "vaihtumassa", ""],
]


def import_contacts(store: Store, rows, *, round: str | None = None, name="syksy.csv") -> int:
    checked = pipeline.check_bytes("contacts", csv_bytes(rows), name, store)
    assert not checked.problems, checked.problem_lines()
    import_id, _ = pipeline.write(store, checked, user="testi", round=round)
    return import_id


@pytest.fixture
def two_rounds(store: Store) -> Store:
    add_autumn_tables(store)
    import_contacts(store, AUTUMN_CONTACTS)
    return store


def changes(store: Store, a: str = SPRING, b: str = AUTUMN) -> pd.DataFrame:
    return liaisons.liaison_changes(liaisons.history_of(store), a, b)


def test_a_contacts_import_belongs_to_the_newest_round_unless_told_otherwise(store):
    add_autumn_tables(store)
    newest = import_contacts(store, AUTUMN_CONTACTS)
    earlier = import_contacts(store, AUTUMN_CONTACTS[:2], round=SPRING, name="korjaus.csv")
    rounds = store.history().set_index("id")["round"]
    assert (rounds[newest], rounds[earlier]) == (AUTUMN, SPRING)
    assert pd.isna(rounds[1])  # a tables import: its rows name their round


def test_a_contacts_import_refuses_a_round_the_database_does_not_know(store):
    checked = pipeline.check_bytes("contacts", csv_bytes(AUTUMN_CONTACTS), "x.csv", store)
    with pytest.raises(pipeline.UnknownRound, match="syksy 2030"):
        pipeline.write(store, checked, user="testi", round="syksy 2030")
    assert store.history().empty


def test_the_seed_roster_is_spring_2021_and_the_newest_round_is_the_current_directory(
        two_rounds):
    history = liaisons.history_of(two_rounds)
    spring = history.roster(SPRING).set_index(["municipality", "name"])
    assert spring.loc[("759", "Janne Kujala"), "status"] == "changing"
    assert ("759", "Testi Seuraaja") not in spring.index
    current = two_rounds.frame("contacts").drop(columns="import_id")
    pd.testing.assert_frame_equal(history.roster(AUTUMN).drop(columns="import_id"), current,
                                  check_dtype=False)


def test_a_changed_liaison_between_rounds_is_detected_with_who_became_who(two_rounds):
    got = changes(two_rounds).set_index(["municipality", "change"])
    soini = got.loc[("759", "changed")]
    assert (soini["before"], soini["after"]) == ("Janne Kujala", "Testi Seuraaja")
    assert (soini["from_round"], soini["to_round"]) == (SPRING, AUTUMN)
    alavus = got.loc[("010", "status")]
    assert (alavus["status_before"], alavus["status_after"]) == ("active", "changing")
    assert set(got.index) == {("759", "changed"), ("010", "status")}  # nothing else changed


def test_undoing_the_round_2_import_takes_its_changes_away(two_rounds):
    assert len(changes(two_rounds)) == 2
    two_rounds.undo_import(int(two_rounds.history()["id"].max()))
    assert changes(two_rounds).empty
    assert "Testi Seuraaja" not in set(liaisons.history_of(two_rounds).roster(AUTUMN)["name"])


def test_a_municipality_without_a_liaison_any_more_has_left_and_a_first_one_is_new(store):
    add_autumn_tables(store)
    import_contacts(store, [HEADER, ["Soini", "Janne Kujala", "", "", "", "", "entinen", ""]],
                    round=SPRING)
    import_contacts(store, [HEADER, ["Soini", "Testi Seuraaja", "", "", "", "", "", ""]])
    got = changes(store)
    assert got[["municipality", "change", "before", "after"]].values.tolist() == [
        ["759", "new", "", "Testi Seuraaja"]]
    assert changes(store, AUTUMN, SPRING)["change"].tolist() == ["left"]


def test_a_correction_filed_under_an_earlier_round_counts_for_that_round(two_rounds):
    # imported after autumn's file, but for spring: spring's Alavus liaison was `changing`
    import_contacts(two_rounds, [HEADER, ["Alavus", "Anu Katajamäki", "", "", "", "", "vaihtumassa",
                                          ""]], round=SPRING, name="korjaus.csv")
    history = liaisons.history_of(two_rounds)
    spring = history.roster(SPRING).set_index("name")
    assert spring.loc["Anu Katajamäki", "status"] == "changing"
    assert "010" not in set(changes(two_rounds)["municipality"])


def test_an_undone_earlier_update_leaves_the_chain_as_if_it_never_happened(store):
    add_autumn_tables(store)
    first = import_contacts(store, [HEADER, ["Alavus", "Anu Katajamäki", "", "", "", "",
                                             "vaihtumassa", ""]], round=SPRING)
    store.undo_import(first)
    import_contacts(store, AUTUMN_CONTACTS)
    history = liaisons.history_of(store)
    assert history.roster(SPRING).set_index("name").loc["Anu Katajamäki", "status"] == "active"


def test_the_shown_changes_hide_contact_details_from_viewers_and_name_both_rounds(two_rounds):
    munis = two_rounds.reference("municipalities")
    viewer = liaisons.shown_changes(changes(two_rounds), munis, personal=False, lang="sv")
    assert list(viewer.columns) == ["kommun", "ändring", "från_omgång", "till_omgång", "före",
                                    "efter", "anmärkning"]
    text = exports.csv_bytes(viewer, excel=True).decode("utf-8-sig")
    assert "040 111" not in text and "example.org" not in text and AUTUMN in text
    assert "Soini" in text and "Janne Kujala" in text
    staff = liaisons.shown_changes(changes(two_rounds), munis, personal=True, lang="fi")
    assert "seuraaja@example.org" in staff["sähköposti"].tolist()


def test_round_order_is_by_date_without_example_rounds(two_rounds):
    order = liaisons.round_order(two_rounds.frame("tables"), two_rounds.reference("rounds"),
                                 ["esimerkki: kevät 2021"])
    assert order == [SPRING, AUTUMN]


def test_the_cli_files_a_contacts_import_under_a_round_and_refuses_an_unknown_one(
        two_rounds, tmp_path):
    path = tmp_path / "yhteys.csv"
    path.write_bytes(csv_bytes(AUTUMN_CONTACTS[:2]))
    assert run_cli("import", "contacts", str(path), "--round", SPRING).returncode == 0
    assert Store().history().iloc[-1]["round"] == SPRING
    bad = run_cli("import", "contacts", str(path), "--round", "syksy 2030")
    assert bad.returncode == 2 and "syksy 2030" in bad.stderr and "Traceback" not in bad.stderr


def test_a_note_that_looks_like_a_formula_is_neutralised_in_the_download(store):
    add_autumn_tables(store)
    import_contacts(store, [HEADER, ["Soini", "Testi Seuraaja", "", "", "", "", "",
                                     "=HYPERLINK(\"http://x\")"]])
    shown = liaisons.shown_changes(changes(store), store.reference("municipalities"),
                                   personal=False)
    text = exports.csv_bytes(exports.for_download(shown), excel=True).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_seed_contacts_count_for_every_round_where_the_rounds_do_not_name_the_seed_round(store):
    contacts = store.frame("contacts")
    history = liaisons.contact_history(contacts, store.history(), store.import_trail("contacts"),
                                       ["syksy 2030", "kevät 2031"])
    assert len(history.roster("kevät 2031")) == len(history.roster("syksy 2030")) == len(contacts)


def test_a_contacts_import_without_a_recorded_round_counts_from_the_first_round(store):
    add_autumn_tables(store)
    import_contacts(store, AUTUMN_CONTACTS)
    imports = store.history().assign(round=float("nan"))  # as a reader may give a NULL
    history = liaisons.contact_history(store.frame("contacts"), imports,
                                       store.import_trail("contacts"), [SPRING, AUTUMN])
    assert "Testi Seuraaja" in set(history.roster(SPRING)["name"])
