"""Uploading through the real file widget in Chromium: log in, choose a file, check, confirm."""

from __future__ import annotations

from tests.browser_support import (STAFF_PASSWORD, STAFF_USER, leave_view, run_over,  # noqa: F401
                                   shared_view, worker_tab)

SPEAKERS = ("kierros;nro;nimi;tehtävä;organisaatio\n"
            "kevät 2021;8;Testi Puhuja;hyvinvointikoordinaattori;Lapuan kaupunki\n")


def login_page(page, app_url):
    """The upload URL as a viewer meets it once its run is over: the login form (one load
    shared by both tests)."""
    def opened(page):
        page.goto(f"{app_url}/lataa")
        page.get_by_text("vaativat henkilökunnan kirjautumisen").wait_for(timeout=60_000)
        run_over(page)

    return shared_view(page, f"{app_url}/lataa", opened)


def log_in(page, app_url):
    login_page(page, app_url)
    leave_view(page)  # from here on the page shows the staff's view
    page.get_by_label("Käyttäjätunnus").fill(STAFF_USER)
    page.get_by_label("Salasana").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.get_by_text("Tiedosto (CSV, XLSX tai Mentimeter-vienti)").wait_for(timeout=30_000)


def test_a_viewer_opening_the_upload_url_sees_the_login_and_no_file_widget(app_url, worker_tab):
    page = login_page(worker_tab, app_url)
    assert page.get_by_text("vaativat henkilökunnan kirjautumisen").is_visible()
    assert page.locator("input[type=file]").count() == 0


def test_staff_upload_a_file_through_the_widget_and_confirm_it(app_url, worker_tab, tmp_path):
    page = worker_tab
    log_in(page, app_url)
    path = tmp_path / "alustajat.csv"
    path.write_text(SPEAKERS, encoding="cp1252")  # plain "CSV" save on Finnish Windows
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_text("Otsikoiden perusteella laji on").wait_for(timeout=30_000)
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_text("Lisättäviä rivejä").wait_for(timeout=30_000)
    added = page.locator('[data-testid="stMetric"]').filter(has_text="Lisättäviä rivejä")
    assert added.locator('[data-testid="stMetricValue"]').inner_text() == "1"
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    saved = page.get_by_text("Tallennettu tuontina")
    saved.wait_for(timeout=30_000)
    assert "lisätty 1, päivitetty 0" in saved.inner_text()
    page.get_by_role("tab", name="Historia ja peruminen").click()
    page.get_by_role("button", name="Peru tuonti").wait_for(timeout=30_000)
    assert page.blocked_urls == []
