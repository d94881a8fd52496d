"""The people page (AppTest): directory, status, gaps, and no contact details for viewers.

The page file runs as the main script (see tests/test_page_tables.py for why), so the real
sidebar and the login state in `st.session_state["staff_user"]` decide what it shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kumppanuus import directory, exports
from kumppanuus.store import Store
from tests.page_support import read_only_database, reading  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parent.parent
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(\+358|\b0)\d{1,3}[\s-]?\d{2,4}[\s-]?\d{2,4}")


def people_page(*, user: str | None = None, presentation: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "yhteyshenkilot.py"), default_timeout=60)
    if user:
        at.session_state["staff_user"] = user
    at.session_state["presentation"] = presentation
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "text", "code", "info",
                 "warning", "error", "success", "exception", "latex", "json")
WIDGETS = ("button", "checkbox", "toggle", "radio", "selectbox", "multiselect", "text_input",
           "text_area", "number_input", "date_input", "slider", "select_slider")


def everything_shown(at: AppTest) -> str:
    """What a user can read on the page: every text element, every widget's label, options,
    value, placeholder and help, every metric, every cell and header of every table. Never
    internal ids (they carry the clone's path and random digits)."""
    parts = []
    for kind in TEXT_ELEMENTS:
        parts += [str(e.value) for e in getattr(at, kind)]
    for kind in WIDGETS:
        for w in getattr(at, kind):
            parts += [str(getattr(w, a, "") or "") for a in ("label", "value", "placeholder",
                                                            "help")]
            parts += [str(o) for o in (getattr(w, "options", None) or [])]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [b.proto.label for b in at.get("download_button")]
    for frame in at.dataframe:
        parts.append(frame.value.astype(str).to_csv())
    return "\n".join(parts)


# The page tests that write nothing read the module's shared database (`reading`,
# tests/page_support.py).
def contact_details_in(text: str) -> list[str]:
    return [m.group(0) for m in EMAIL.finditer(text)] + [m.group(0) for m in PHONE.finditer(text)]


def test_a_viewer_never_sees_a_phone_number_or_email_address(reading):
    at = people_page()
    text = everything_shown(at)
    assert "Teija Matalamäki" in text  # the directory is there…
    assert contact_details_in(text) == []  # …without anyone's contact details
    assert str(ROOT) not in text, "what a user sees, never ids that carry the clone path"


@pytest.mark.parametrize("presentation", [False, True])
def test_staff_see_contact_details_except_in_presentation_mode(reading, presentation):
    found = contact_details_in(everything_shown(people_page(user="teija",
                                                            presentation=presentation)))
    if presentation:
        assert found == []
    else:
        assert "0400 239 359" in found and "teija.matalamaki@jtal.fi" in found


def test_the_default_export_has_no_contact_details(store: Store):
    # The same function and byte writers the download buttons use.
    people = directory.build(store.frame("contacts"), store.reference("municipalities"),
                             store.reference("leader_areas"))
    frame = directory.export_frame(people)
    assert "Päivi Kultalahti" in frame["nimi"].tolist()
    csv_text = exports.csv_bytes(frame, excel=True).decode("utf-8-sig")
    assert contact_details_in(csv_text) == []
    xlsx = exports.xlsx_bytes(frame)
    assert b"aisapari.net" not in xlsx and b"0400 239" not in xlsx


def test_a_staff_member_gets_the_viewer_export_unless_they_ask_for_contacts(reading):
    at = people_page(user="teija")
    box = at.checkbox(key="people_personal")
    assert box.value is False
    box.check().run()
    assert at.checkbox(key="people_personal").value is True


def test_a_changing_liaison_is_shown_plainly(reading):
    at = people_page()
    assert any(w.value.startswith("Soini: Janne Kujala – vaihtumassa") for w in at.warning)
    liaisons = at.dataframe[0].value
    assert liaisons.loc[liaisons["nimi"] == "Janne Kujala", "tila"].tolist() == ["vaihtumassa"]


def test_with_the_seed_there_are_no_gaps_and_the_page_says_so(reading):
    at = people_page()
    assert [s.value for s in at.success] == [
        "Kaikki 18 kuntaa ovat nimenneet järjestöyhdyshenkilön."]


def test_the_directory_is_grouped_by_role(reading):
    at = people_page()
    assert [h.value for h in at.subheader][:3] == [
        "Järjestöyhdyshenkilöt kunnittain", "Leader-kyläkehittäjät Leader-alueittain",
        "Järjestäjät"]
    assert len(at.dataframe[0].value) == 21 and len(at.dataframe[1].value) == 5


def test_searching_narrows_the_directory(reading):
    at = people_page()
    at.text_input(key="people_q").input("lapua").run()
    assert sorted(at.dataframe[0].value["nimi"]) == ["Niko Savinainen", "Susanna Oversteyns"]


def test_role_and_sidebar_filters_combine(reading):
    at = people_page()
    at.multiselect(key="people_roles").select("leader").run()
    at.sidebar.selectbox(key="flt_area").set_value("suupohja").run()
    frames = [f.value for f in at.dataframe]
    assert len(frames) == 1 and frames[0]["nimi"].tolist() == ["Tuija Takamäki"]


def test_a_municipality_without_a_liaison_is_listed_as_a_gap(store: Store):
    from sqlalchemy import delete

    from kumppanuus.store import db

    with store.engine.begin() as conn:
        conn.execute(delete(db.Contact.__table__).where(db.Contact.municipality == "052"))
    at = people_page()
    gaps = at.dataframe[-1].value
    assert gaps["kunta"].tolist() == ["Evijärvi"]
    assert not at.success


def test_a_status_is_said_once_not_again_in_the_note(reading):
    assert directory.without_status("on vaihtumassa, siirtynyt muualle töihin",
                                    "changing") == "Siirtynyt muualle töihin"
    assert directory.without_status("lomalla", "active") == "lomalla"
    at = people_page()
    warning = " ".join(w.value for w in at.warning)
    assert warning.count("vaihtumassa") == 1, warning


def test_a_municipality_filter_keeps_its_leader_areas_coordinator(store: Store):
    people = directory.build(store.frame("contacts"), store.reference("municipalities"),
                             store.reference("leader_areas"))
    leaders = people[people["role"] == "leader"]
    coordinator = leaders.iloc[0]
    munis = store.reference("municipalities")
    other = munis[(munis["leader_area"] == coordinator["leader_area"])
                  & (munis["code"] != coordinator["municipality"])]["code"].iloc[0]
    found = directory.search(people, municipality=other,
                             municipality_area=coordinator["leader_area"])
    assert coordinator["name"] in found["name"].tolist()
    assert not (found["role"] == "leader").sum() > 1


def test_the_round_filter_picks_the_people_pages_roster_and_keeps_its_value(reading):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.sidebar.selectbox(key="flt_round").set_value("__all__").run()
    at.switch_page("pages/yhteyshenkilot.py").run()
    assert at.sidebar.selectbox(key="flt_round").value == "__all__"
    assert "Kaikki kierrokset: yhteyshenkilöt nyt (viimeisin tieto)." in [
        c.value for c in at.caption]
    at.switch_page("pages/poydat.py").run()
    assert at.sidebar.selectbox(key="flt_round").value == "__all__"
