"""The service set-up of deploy/: PostgreSQL, two app servers and HAProxy with sticky sessions.

A browser logs in through the balancer and uploads a file there (Streamlit refuses an upload
that reaches a server other than the one holding the browser's session, so this only passes
with working affinity); then the *other* server, opened directly, lets the same user log in
and shows the imported round and the import in its history.
"""

from __future__ import annotations

import urllib.request

import pytest

from tests.browser_support import STAFF_PASSWORD, STAFF_USER
from tests.cluster_support import prerequisites, run_cluster

TABLES = ("kierros;nro;päivämäärä;nimi;kunnat;osallistujia\n"
          "syksy 2030;1;1.10.2030;Klusteripöytä;Lapua;12\n")


@pytest.fixture
def cluster(tmp_path):
    """One cluster for the one test here (so xdist never starts a second one elsewhere)."""
    prerequisites()
    with run_cluster(tmp_path / "cluster") as running:
        yield running


def cookies_of_new_browsers(balancer: str, count: int) -> set[str]:
    seen = set()
    for _ in range(count):
        with urllib.request.urlopen(f"{balancer}/_stcore/health", timeout=5) as response:
            seen |= {c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or ()
                     if c.startswith("SERVERID=")}
    return seen


def log_in(page, base_url: str | None = None) -> None:
    """On the upload page opened at `base_url`, or (None) reached by this session's menu link
    to it, without loading the app again."""
    if base_url is None:
        page.locator("[data-testid='stSidebar'] [data-testid='stPageLink'] a",
                     has_text="Tuo aineistoa").click()
    else:
        page.goto(f"{base_url}/lataa")
    # the first run of a page after a server start: as long as the other first waits here
    page.get_by_label("Käyttäjätunnus").fill(STAFF_USER, timeout=60_000)
    page.get_by_label("Salasana").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.get_by_text("Tiedosto (CSV, XLSX tai Mentimeter-vienti)").wait_for(timeout=60_000)


def pinned_server(page) -> str:
    """The app server HAProxy's SERVERID cookie pins this browser to."""
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return cookies["SERVERID"]


def upload(page, path) -> None:
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Tarkista tiedosto").click()
    page.get_by_role("button", name="Vahvista ja tallenna").click(timeout=60_000)
    page.get_by_text("Tallennettu tuontina").wait_for(timeout=60_000)


def test_a_file_uploaded_through_the_balancer_is_on_the_other_server_where_the_user_logs_in_too(
        cluster, browser_page, tmp_path):
    # new browsers are spread over both servers, each pinned by its SERVERID cookie
    assert cookies_of_new_browsers(cluster.balancer, 4) == {"SERVERID=app1", "SERVERID=app2"}
    page = browser_page
    log_in(page, cluster.balancer)
    path = tmp_path / "klusteri.csv"
    path.write_text(TABLES, encoding="utf-8")
    upload(page, path)
    pinned = pinned_server(page)
    assert pinned in cluster.servers, cluster.log_text()

    page.context.clear_cookies()
    other = cluster.other(pinned)
    page.goto(f"{other}/poydat")
    # the newest round is the sidebar's default: it exists only through the import on `pinned`
    page.get_by_text("Kierros: syksy 2030").wait_for(timeout=60_000)
    log_in(page)  # on `other`: the account lives in the database, not in one server
    page.get_by_role("tab", name="Historia ja peruminen").click()
    # the grid is canvas-drawn; its accessible copy of the cells is in the DOM, hidden
    page.locator("[role=gridcell]", has_text="klusteri.csv").first.wait_for(
        state="attached", timeout=30_000)
    assert page.blocked_urls == []
