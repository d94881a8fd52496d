"""The people page compares rounds (AppTest): new and changed liaisons, each round named, in
Finnish and Swedish; contact details only for logged-in staff, never while presenting."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kumppanuus import config
from kumppanuus.store import Store
from tests.test_liaisons import AUTUMN, AUTUMN_CONTACTS, SPRING, import_contacts
from tests import page_support
from tests.test_page_people import contact_details_in, everything_shown
from tests.test_rounds import add_autumn_tables


def _autumn(store: Store) -> None:
    add_autumn_tables(store)
    import_contacts(store, AUTUMN_CONTACTS)


@pytest.fixture(scope="module")
def autumn_round(module_environment):
    """A database with an autumn round and its contacts import: every test here only reads it,
    so the module shares one (tests/page_support.py)."""
    with page_support.shared_database(module_environment, _autumn) as shared:
        yield shared


@pytest.fixture
def two_rounds(autumn_round, monkeypatch) -> Store:
    """This test's pages read that database; its Store, for the expectations."""
    return autumn_round.use(monkeypatch).store


def people(*, lang="fi", rnd=AUTUMN, compare=SPRING, user=None, presentation=False) -> AppTest:
    at = AppTest.from_file(str(config.REPO_ROOT / "pages" / "yhteyshenkilot.py"),
                           default_timeout=60)
    at.session_state["lang"] = lang
    at.session_state["flt_round"] = rnd
    at.session_state["flt_compare"] = compare
    at.session_state["presentation"] = presentation
    if user:
        at.session_state["staff_user"] = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def changes_table(at: AppTest, first_header: str):
    return next(f.value for f in at.dataframe if f.value.columns[0] == first_header)


def test_the_comparison_names_both_rounds_and_shows_who_became_who(two_rounds):
    at = people()
    assert f"Järjestöyhdyshenkilöiden muutokset: {SPRING} → {AUTUMN}" in [
        h.value for h in at.subheader]
    shown = changes_table(at, "kunta").set_index("kunta")
    assert shown.loc["Soini", ["muutos", "ennen", "jälkeen"]].tolist() == [
        "vaihtui", "Janne Kujala", "Testi Seuraaja"]
    assert shown.loc["Alavus", ["muutos", "ennen", "jälkeen"]].tolist() == [
        "tila muuttui", "Anu Katajamäki (aktiivinen)", "Anu Katajamäki (vaihtumassa)"]
    assert (shown["kierroksesta"].unique().tolist(), shown["kierrokseen"].unique().tolist()) \
        == ([SPRING], [AUTUMN])
    assert "Lataa CSV" in [b.proto.label for b in at.get("download_button")]


def test_in_swedish_the_comparison_is_swedish_too(two_rounds):
    at = people(lang="sv")
    assert f"Ändringar bland föreningskontaktpersonerna: {SPRING} → {AUTUMN}" in [
        h.value for h in at.subheader]
    shown = changes_table(at, "kommun").set_index("kommun")
    assert shown.loc["Soini", ["ändring", "före", "efter"]].tolist() == [
        "byttes", "Janne Kujala", "Testi Seuraaja"]
    assert "status ändrades" in shown["ändring"].tolist()


def test_a_viewer_sees_no_contact_details_in_the_comparison_staff_do_except_presenting(
        two_rounds):
    assert contact_details_in(everything_shown(people())) == []
    staff = contact_details_in(everything_shown(people(user="teija")))
    assert "seuraaja@example.org" in staff
    presenting = everything_shown(people(user="teija", presentation=True))
    assert contact_details_in(presenting) == [] and "Testi Seuraaja" in presenting


def test_the_round_filter_picks_the_roster_shown(two_rounds):
    spring = people(rnd=SPRING, compare="__all__")
    assert f"Yhteyshenkilöt kierroksella {SPRING}: tähän kierrokseen kirjatut tuonnit." in [
        c.value for c in spring.caption]
    liaisons = spring.dataframe[0].value
    assert "Testi Seuraaja" not in liaisons["nimi"].tolist()
    assert not any(h.value.startswith("Järjestöyhdyshenkilöiden muutokset")
                   for h in spring.subheader)  # one round: nothing compared…
    assert any("vertailukierros" in c.value for c in spring.caption)  # …and it says how
    autumn = people(compare="__all__").dataframe[0].value
    assert "Testi Seuraaja" in autumn["nimi"].tolist()


def test_the_municipality_filter_narrows_the_comparison(two_rounds):
    at = AppTest.from_file(str(config.REPO_ROOT / "pages" / "yhteyshenkilot.py"),
                           default_timeout=60)
    for key, value in {"flt_round": AUTUMN, "flt_compare": SPRING, "flt_muni": "759"}.items():
        at.session_state[key] = value
    at.run()
    assert changes_table(at, "kunta")["kunta"].tolist() == ["Soini"]


@pytest.fixture
def made(monkeypatch) -> dict:
    """{file name: callable} of the downloads the page registers (it makes its files on a
    click, a callable; this catches the callables)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    made = {}
    register = MediaFileManager.add_deferred

    def keep(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return made


def test_the_csv_download_is_what_is_shown_in_the_chosen_language_and_neutralised(
        two_rounds, made):
    from kumppanuus import exports, liaisons

    at = people(lang="sv")
    shown = next(f.value for f in at.dataframe if f.value.columns[0] == "kommun")
    payload = made["yhteyshenkilomuutokset.csv"]()
    history = liaisons.history_of(two_rounds)
    expected = liaisons.shown_changes(liaisons.liaison_changes(history, SPRING, AUTUMN),
                                      two_rounds.reference("municipalities"), personal=False,
                                      lang="sv")
    assert payload == exports.csv_bytes(exports.for_download(expected, "sv"), excel=True)
    text = payload.decode("utf-8-sig")
    assert text.splitlines()[0].split(";") == list(shown.columns)
    assert "Testi Seuraaja" in text and "040 111" not in text


def csv_rows(payload: bytes) -> list[list[str]]:
    return [line.split(";") for line in payload.decode("utf-8-sig").splitlines()]


def test_an_older_rounds_directory_download_names_its_round_in_the_file_and_a_column(
        two_rounds, made):
    people(lang="sv", rnd=SPRING, compare="__all__")
    assert {"yhteyshenkilot_kevat_2021.csv", "yhteyshenkilot_kevat_2021.xlsx"} <= set(made)
    rows = csv_rows(made["yhteyshenkilot_kevat_2021.csv"]())
    assert rows[0][0] == "omgång"  # the header in the user's language
    assert {r[0] for r in rows[1:]} == {SPRING} and len(rows) > 20
    text = "\n".join(";".join(r) for r in rows)
    assert "Janne Kujala" in text and "Testi Seuraaja" not in text  # spring's roster
    assert contact_details_in(text) == []  # the viewer version
    sheet = pd.read_excel(io.BytesIO(made["yhteyshenkilot_kevat_2021.xlsx"]()), dtype=str)
    assert sheet.columns[0] == "omgång" and set(sheet["omgång"]) == {SPRING}


def test_the_directory_download_of_today_says_so_and_carries_contacts_only_when_staff_ask(
        two_rounds, made):
    at = people(rnd="__all__", user="teija")
    assert "yhteyshenkilot.csv" in made
    rows = csv_rows(made["yhteyshenkilot.csv"]())
    assert rows[0][0] == "kierros" and {r[0] for r in rows[1:]} == {"nyt (kaikki kierrokset)"}
    assert "Testi Seuraaja" in "\n".join(";".join(r) for r in rows)
    assert contact_details_in(made["yhteyshenkilot.csv"]().decode("utf-8-sig")) == []
    made.clear()
    at.checkbox(key="people_personal").check().run()
    staff = made["yhteyshenkilot.csv"]().decode("utf-8-sig")
    assert "seuraaja@example.org" in staff


def test_the_newer_rounds_directory_download_is_named_for_it(two_rounds, made):
    people(rnd=AUTUMN, compare="__all__")
    rows = csv_rows(made["yhteyshenkilot_syksy_2022.csv"]())
    assert rows[0][0] == "kierros" and {r[0] for r in rows[1:]} == {AUTUMN}
    assert "Testi Seuraaja" in "\n".join(";".join(r) for r in rows)
