"""People directory: joins, search and filters, gaps (criterion 3), privacy of shown/exported."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from kumppanuus import directory, exports
from kumppanuus.i18n import t

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(\+358|\b0)\d{1,3}[\s-]?\d{2,4}[\s-]?\d{2,4}")


@pytest.fixture
def seed(store):
    contacts = store.frame("contacts")
    munis = store.reference("municipalities")
    return contacts, munis, directory.build(contacts, munis, store.reference("leader_areas"))


def test_every_contact_gets_its_municipality_leader_area_and_finnish_labels(seed):
    people = seed[2]
    soini = people[people["name"] == "Janne Kujala"].iloc[0]
    assert (soini["municipality_name"], soini["leader_area_name"]) == ("Soini", "Kuudesta")
    assert (soini["role_label"], soini["status_label"]) == ("järjestöyhdyshenkilö",
                                                             "vaihtumassa")
    assert len(people) == 29


def test_liaisons_come_first_then_leader_coordinators_then_organisers(seed):
    roles = seed[2]["role"].tolist()
    assert roles == sorted(roles, key=["liaison", "leader", "organiser"].index)


@pytest.mark.parametrize("text, names", [
    ("soini", ["Janne Kujala"]),
    ("  SOINI ", ["Janne Kujala"]),
    ("hyvinvointijohtaja", ["Antti Iivari"]),
    ("aisapari.net", []),  # e-mail addresses are never searched
    ("0400", []),  # nor phone numbers
])
def test_search_matches_names_places_and_notes_but_not_contact_details(seed, text, names):
    assert directory.search(seed[2], text)["name"].tolist() == names


def test_filters_by_role_status_municipality_and_leader_area_combine(seed):
    people = seed[2]
    assert len(directory.search(people, roles=["leader"])) == 5
    assert directory.search(people, statuses=["changing"])["name"].tolist() == ["Janne Kujala"]
    assert sorted(directory.search(people, municipality="743", roles=["liaison"])["name"]) == [
        "Henna Rantasaari", "Kirsi Mattila", "Sanna Martin"]
    assert set(directory.search(people, leader_area="suupohja")["municipality"]) == {
        "151", "218", "232", "301", "846"}


def test_with_the_seed_every_municipality_names_a_liaison(seed):
    contacts, munis, _ = seed
    assert directory.gaps(contacts, munis).empty


def test_a_changing_liaison_still_counts_but_a_former_one_leaves_a_gap(seed):
    contacts, munis, _ = seed
    former = contacts.assign(status=contacts["status"].where(
        contacts["name"] != "Janne Kujala", "former"))
    assert directory.gaps(former, munis)["name_fi"].tolist() == ["Soini"]
    without = contacts[contacts["municipality"] != "052"]
    assert directory.gaps(without, munis)["name_fi"].tolist() == ["Evijärvi"]


def test_a_leader_coordinator_is_not_a_municipal_liaison(seed):
    contacts, munis, _ = seed
    only_leaders = contacts[contacts["role"] != "liaison"]
    assert len(directory.gaps(only_leaders, munis)) == 18


def test_the_viewer_version_has_no_contact_columns_and_the_staff_version_has_them(seed):
    people = seed[2]
    viewer = directory.shown(people, personal=False)
    staff = directory.shown(people, personal=True)
    assert "puhelin" not in viewer.columns and "sähköposti" not in viewer.columns
    assert "0400 239 359" in staff["puhelin"].tolist()
    assert "paivi.kultalahti@aisapari.net" in staff["sähköposti"].tolist()
    assert list(viewer.columns[:3]) == ["rooli", "nimi", "organisaatio"]


@pytest.mark.parametrize("note, expected", [
    ("soita 040 123 4567", "soita [piilotettu]"),
    ("p. +358 40 1234567 tai", "p. [piilotettu] tai"),
    ("etu.suku@kunta.fi", "[piilotettu]"),
    ("kokous 27.1.2021 klo 18", "kokous 27.1.2021 klo 18"),
    ("vuonna 2021, 58 osallistujaa", "vuonna 2021, 58 osallistujaa"),
])
def test_contact_details_inside_free_text_are_scrubbed_for_viewers(note, expected):
    assert directory.scrub(note) == expected


def test_a_note_with_a_phone_number_is_hidden_from_viewers_only(seed):
    people = seed[2].assign(note="soita 050 765 4321")
    assert set(directory.shown(people, personal=False)["huomio"]) == {"soita [piilotettu]"}
    assert set(directory.shown(people, personal=True)["huomio"]) == {"soita 050 765 4321"}


def test_the_default_export_contains_no_phone_numbers_or_email_addresses(seed):
    frame = directory.export_frame(seed[2])
    text = exports.csv_bytes(frame, excel=True).decode("utf-8-sig")
    assert "Janne Kujala" in text and "vaihtumassa" in text
    assert not EMAIL.search(text) and not PHONE.search(text)
    sheet = pd.read_excel(io.BytesIO(exports.xlsx_bytes(frame)), dtype=str)
    cells = " ".join(sheet.fillna("").to_numpy().ravel())
    assert "Janne Kujala" in cells
    assert not EMAIL.search(cells) and not PHONE.search(cells)


def test_exported_cells_that_look_like_formulas_are_neutralised(seed):
    people = seed[2].copy()
    people.loc[0, "name"] = '=HYPERLINK("http://x","y")'
    people.loc[1, "note"] = "@SUM(A1)"
    text = exports.csv_bytes(directory.export_frame(people), excel=True).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text
    assert ';=HYPERLINK' not in text


def test_liaisons_of_a_table_are_names_only_for_viewers(seed):
    people = seed[2]
    viewer = directory.liaisons_for(people, ["052", "233"], personal=False)
    assert viewer["nimi"].tolist() == ["Sanna Syrjälä", "Jaakko Erkinheimo"]
    assert list(viewer.columns) == ["nimi", "kunta", "tila"]
    staff = directory.liaisons_for(people, ["052"], personal=True)
    assert list(staff.columns) == ["nimi", "kunta", "tila", "sähköposti", "puhelin"]


def test_the_directory_download_is_headed_in_the_users_language(seed):
    for lang, name, code in (("fi", "nimi", "kuntanumero"), ("sv", "namn", "kommunnummer"),
                             ("en", "name", "municipality code")):
        frame = directory.export_frame(directory.labelled(seed[2], lang), lang=lang)
        columns = list(frame.columns)
        assert name in columns, (lang, columns)
        assert columns[1] == t("col_code", lang), (lang, columns)
