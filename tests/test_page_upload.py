"""The upload page as a user meets it: gated for viewers, usable for staff."""

from streamlit.testing.v1 import AppTest

from kumppanuus import auth, config
from kumppanuus.store import Store
from tests.page_support import open_page
from tests.page_support import read_only_database, reading  # noqa: F401 (fixtures)

NEW_TABLE = ("kierros;nro;päivämäärä;nimi;kunnat;osallistujia\n"
             "kevät 2022;1;3.2.2022;Uusi pöytä;Lapua;30\n").encode("utf-8")


def upload_url(user: str | None = None, **state) -> AppTest:
    """app.py opened at the upload page's URL (/lataa), logged in as `user` if given."""
    return open_page("pages/lataa.py", **state, **({"staff_user": user} if user else {}))


def texts(at) -> str:
    parts = [e.value for kind in ("markdown", "info", "warning", "error", "success", "title")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def test_a_viewer_gets_the_login_page_at_the_upload_url_and_no_upload_widget(reading):
    at = upload_url()
    assert "kirjautumisen" in texts(at)
    assert "add-user" in texts(at)  # no staff configured: says how to configure one
    assert len(at.get("file_uploader")) == 0


def test_staff_log_in_with_the_password_of_their_database_account():
    auth.add_user(Store(), "teija", "oikea-salasana-123")
    at = upload_url()
    at.text_input[0].input("teija")
    at.text_input[1].input("väärä-salasana")
    at.button[0].click().run()
    assert "Väärä käyttäjätunnus tai salasana" in texts(at)
    at.text_input[1].input("oikea-salasana-123")
    at.button[0].click().run()
    assert at.session_state["staff_user"] == "teija"


def test_a_logged_in_user_uploads_previews_confirms_and_sees_the_new_table():
    at = upload_url(user="teija")
    assert len(at.get("file_uploader")) == 1
    # AppTest cannot drive the file widget; the page keeps the upload in its own state,
    # so we place the file there as the widget callback would (the browser test uses the widget).
    at.session_state["upload"] = {"file_id": "t", "name": "uusi.csv", "data": NEW_TABLE,
                                  "guess": "tables", "kind": "tables"}
    at.run()
    next(b for b in at.button if b.label == "Tarkista tiedosto").click().run()
    assert [m.value for m in at.metric][:3] == ["1", "0", "0"]
    assert not any("Tallennettu" in s.value for s in at.success)  # nothing written yet
    next(b for b in at.button if b.label == "Vahvista ja tallenna").click().run()
    assert any("Tallennettu tuontina 1" in s.value for s in at.success)
    # another visitor opens the tables page, every round side by side: 483 and 30
    at = open_page("pages/poydat.py", flt_round="__all__")
    assert at.session_state["_ctx"].round is None
    shown = {m.label: m.value for m in at.metric}
    assert (shown["Osallistujia · kevät 2021"], shown["Osallistujia · kevät 2022"]) == (
        "483", "30")


def test_a_file_with_errors_is_refused_with_row_and_column_and_nothing_written(reading):
    # reading: the shared database's teardown fails if the check wrote anything
    bad = NEW_TABLE.replace(b";30", b";-5")
    at = upload_url(user="teija", upload={"file_id": "t", "name": "huono.csv", "data": bad,
                                          "guess": "tables", "kind": "tables"})
    next(b for b in at.button if b.label == "Tarkista tiedosto").click().run()
    assert any("mitään ei tallennettu" in e.value for e in at.error)
    problems = at.dataframe[0].value
    assert problems[["rivi", "sarake"]].values.tolist() == [[2, "osallistujia"]]
    assert not any(b.label == "Vahvista ja tallenna" for b in at.button)


def every_text(at) -> str:
    parts = [e.value for kind in ("markdown", "info", "warning", "error", "success", "title",
                                  "caption", "code") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def test_the_login_page_shows_no_server_path_without_accounts_or_with_a_broken_file():
    at = upload_url()
    folder = str(config.staff_file().parent)
    assert "add-user" in every_text(at) and folder not in every_text(at)
    assert str(config.REPO_ROOT) not in every_text(at)
    auth.add_user(Store(), "teija", "oikea-salasana-123")
    config.staff_file().write_text("[users\nrikki", encoding="utf-8")
    at = upload_url()
    if at.text_input:  # a broken file may still show the form; trying to log in says why
        at.text_input[0].input("teija")
        at.text_input[1].input("oikea-salasana-123")
        at.button[0].click().run()
    assert folder not in every_text(at) and "toml" not in every_text(at)


FEEDBACK = "kierros;nro;kysymys;vastaus;lukumäärä\nkevät 2021;1;sisältö;Hyvä;7\n".encode()


def test_staff_can_mark_a_feedback_file_as_example_and_it_lands_in_its_own_round(store):
    at = upload_url(user="teija", upload={"file_id": "f", "name": "palaute.csv",
                                          "data": FEEDBACK, "guess": "feedback",
                                          "kind": "feedback"})
    box = next(c for c in at.checkbox if "esimerkkiaineistoa" in c.label)
    box.check().run()
    next(b for b in at.button if b.label == "Tarkista tiedosto").click().run()
    next(b for b in at.button if b.label == "Vahvista ja tallenna").click().run()
    stored = store.frame("feedback")
    assert stored["round"].tolist() == ["esimerkki: kevät 2021"] and stored["is_example"].all()


def test_a_tables_file_offers_no_example_mark(reading):
    at = upload_url(user="teija", upload={"file_id": "t", "name": "uusi.csv",
                                          "data": NEW_TABLE, "guess": "tables",
                                          "kind": "tables"})
    assert not any("esimerkkiaineistoa" in c.label for c in at.checkbox)


def upload_page(name: str, data: bytes, kind: str | None = None) -> AppTest:
    """The upload page with a file placed as the file widget's callback would place it."""
    from ui import upload

    state = {}

    class File:  # what st.file_uploader hands over
        file_id, getvalue = "f", staticmethod(lambda: data)

    File.name = name
    upload.start(state, File)
    if kind:
        state["kind"] = kind
    return upload_url(user="teija", upload=state)


def test_a_tables_file_without_its_date_is_never_offered_as_speakers(reading):
    no_date = "kierros;nro;nimi;kunnat;osallistujia\nkevät 2022;1;Uusi;Lapua;30\n".encode()
    at = upload_page("poydat.csv", no_date)
    warning = " ".join(w.value for w in at.warning)
    assert "kumppanuuspöydät" in warning and "päivämäärä" in warning
    assert at.selectbox[0].value == "tables"


def test_the_menti_date_starts_from_the_files_own_date_not_today(reading):
    import datetime as dt

    from tests.filefactory import Slide, menti_bytes, seven_counts

    at = upload_page("lapua.xlsx", menti_bytes([[Slide(counts=seven_counts())]]))
    assert at.date_input[0].value == dt.date(2021, 1, 26)


def test_the_preview_shows_municipality_names_and_headers_in_the_chosen_language(reading):
    at = upload_page("uusi.csv", NEW_TABLE)
    next(b for b in at.button if b.label == "Tarkista tiedosto").click().run()
    added = at.dataframe[0].value
    assert added["Kunnat"].tolist() == ["Lapua"] and "päivämäärä" in added.columns
    assert "None" not in added.astype(str).to_csv() and "<NA>" not in added.astype(str).to_csv()


def test_undo_asks_first_and_the_history_shows_it_at_once(store):
    from kumppanuus.ingest import pipeline

    checked = pipeline.check_bytes("tables", NEW_TABLE, "uusi.csv", store)
    pipeline.write(store, checked, user="teija")
    at = upload_url(user="teija")
    next(b for b in at.button if b.label == "Peru tuonti 1").click().run()
    assert store.history()["undone_at"].isna().all(), "nothing undone before confirming"
    assert any("Perutaanko tuonti 1" in w.value for w in at.warning)
    next(b for b in at.button if b.label == "Kyllä, peru tuonti 1").click().run()
    assert store.history()["undone_at"].notna().all()
    assert any("Tuonti 1 peruttu" in s.value for s in at.success)
    history = at.dataframe[0].value
    assert history.iloc[0].astype(str).str.contains("2026|20\\d\\d").any()  # undone time shown
    assert not any(b.label.startswith("Peru tuonti") for b in at.button)


def test_the_file_widget_states_the_configured_size_limit(reading, monkeypatch):
    monkeypatch.setenv("KUMPPANUUS_MAX_UPLOAD_MB", "3")
    at = upload_url(user="teija")
    widget = at.get("file_uploader")[0].proto
    assert widget.max_upload_size_mb == 3
    assert any("3 Mt" in c.value for c in at.caption)


CONTACTS = "kunta;nimi;tila\nSoini;Testi Seuraaja;aktiivinen\n".encode()


def test_a_contacts_file_is_filed_under_the_round_staff_pick_the_newest_by_default(store):
    from tests.test_rounds import AUTUMN, add_autumn_tables

    add_autumn_tables(store)
    at = upload_page("yhteys.csv", CONTACTS)
    picker = at.selectbox(key="upload_contacts_round")
    assert (picker.label, picker.options, picker.value) == (
        "Kierros, johon yhteyshenkilöt kuuluvat", ["kevät 2021", AUTUMN], AUTUMN)
    picker.select("kevät 2021").run()
    next(b for b in at.button if b.label == "Tarkista tiedosto").click().run()
    next(b for b in at.button if b.label == "Vahvista ja tallenna").click().run()
    assert not at.exception, [e.value for e in at.exception]
    last = store.history().iloc[-1]
    assert (last["kind"], last["round"]) == ("contacts", "kevät 2021")


def test_a_tables_file_has_no_round_picker(reading):
    at = upload_page("uusi.csv", NEW_TABLE)
    assert not any(s.key == "upload_contacts_round" for s in at.selectbox)
