"""The memos page as viewers and staff meet it: search, highlights, actions, memos, follow-up."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from kumppanuus.ingest import memo
from kumppanuus.store import Store
from tests import page_support
from tests.page_support import read_only_database, reading  # noqa: F401 (fixtures)

INTERNAL = ("Sisäinen muistio: kylätalojen vuokratuesta sovittiin luottamuksellisesti. "
            "Yhteyshenkilö matti.meikalainen@esimerkki.fi, puh. 040 123 4567.")
PUBLIC = "Julkinen muistio: kylätalojen yhteiskäyttö esiteltiin valtuustolle."


def _memo(store, text: str, table_no: int, public: bool) -> None:
    checked = memo.check_memo(store, text.encode("utf-8"), f"muistio_{table_no}.txt",
                              round_name="kevät 2021", table_no=table_no, public=public)
    assert not checked.problems, checked.problems
    memo.write(store, checked, user="teija")


def _both_memos(store) -> None:
    _memo(store, INTERNAL, 4, public=False)
    _memo(store, PUBLIC, 8, public=True)


@pytest.fixture(scope="module")
def both_memos(module_environment):
    """A database with an internal and a public memo, shared by the tests that only read it."""
    with page_support.shared_database(module_environment, _both_memos) as shared:
        yield shared


@pytest.fixture
def memos_stored(both_memos, monkeypatch):
    """This test's pages read that database."""
    return both_memos.use(monkeypatch).store


def page(user: str | None = None, presentation: bool = False, tab: str | None = None,
         query: str | None = None) -> AppTest:
    state = {"presentation": presentation} | ({"staff_user": user} if user else {})
    at = page_support.open_page("pages/muistiot.py", **state)  # the page's own URL
    if tab:
        at.session_state["memos_tab"] = tab
        at.run()
    if query is not None:
        at.text_input(key="memos_query").input(query).run()
    assert not at.exception, at.exception
    return at


def shown(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success",
                                  "title", "subheader") for e in getattr(at, kind)]
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    return "\n".join(str(p) for p in parts).replace("\\", "")  # Markdown escapes


def test_a_viewer_finds_the_criterion_4_passage_by_a_word_inside_kylatalojen(reading):
    at = page(query="kylätalo")
    text = shown(at)
    assert re.search(r"\*\*kylätalo(\*\*)?jen(\*\*)? yhteiskäyttöön", text)
    assert "kriteeri 4: tarjoaa järjestöjen käyttöön maksuttomia tiloja" in text


def test_in_swedish_a_passage_names_its_criterion_in_swedish(reading):
    at = page_support.open_page("pages/muistiot.py", query={"lang": "sv"})
    at.text_input(key="memos_query").input("kylätalo").run()
    assert not at.exception, at.exception
    text = shown(at)
    assert "kriterium 4: erbjuder föreningarna avgiftsfria lokaler" in text
    assert "tarjoaa järjestöjen käyttöön" not in text


def test_an_internal_memo_never_reaches_a_viewer(memos_stored):
    at = page(query="kylätalojen")
    assert "Julkinen muistio" in shown(at)
    assert "Sisäinen muistio" not in shown(at)
    at = page(tab="Muistiotiedostot")
    assert "muistio_8.txt" in shown(at)
    assert "muistio_4.txt" not in shown(at)


def test_an_internal_memo_never_reaches_presentation_mode_even_for_staff(memos_stored):
    at = page(user="teija", presentation=True, query="kylätalojen")
    assert "Julkinen muistio" in shown(at)
    assert "Sisäinen muistio" not in shown(at)
    at = page(user="teija", presentation=True, tab="Muistiotiedostot")
    assert "muistio_4.txt" not in shown(at)


def test_logged_in_staff_see_the_internal_memo_with_its_contact_details(memos_stored):
    text = shown(page(user="teija", query="Yhteyshenkilö"))
    assert "luottamuksellisesti" in text and ":orange[sisäinen]" in text
    assert "040 123 4567" in text


def test_a_public_memo_hides_contact_details_from_viewers(store):
    _memo(store, "Julkinen: kylätalo-ilta, tiedustelut matti@esimerkki.fi tai 040 123 4567.",
          8, public=True)
    text = shown(page(query="kylätalo-ilta"))
    assert "matti@esimerkki.fi" not in text and "040 123 4567" not in text
    assert "[piilotettu]" in text


def test_a_search_shorter_than_three_letters_asks_for_more(reading):
    assert "vähintään 3 kirjainta" in shown(page(query="ky"))


def test_highlights_are_listed_per_criterion_with_the_general_effects(reading):
    text = shown(page(tab="Poiminnat"))
    assert "kriteeri 7: viestii järjestötoiminnasta asukkaille" in text
    assert "yleiset vaikutukset" in text
    assert "Kunnat saivat pöydissä myös kehuja, se kannustaa." in text


def test_the_followup_tab_is_for_staff_only_and_flags_the_changing_liaison(reading):
    viewer = page()
    assert "Seuranta" not in [t.label for t in viewer.tabs]
    at = page(user="teija", tab="Seuranta")
    assert "Janne Kujala" in shown(at)
