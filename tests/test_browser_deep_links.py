"""A deep link as the very first request after a server start, as a user pasting a link would
meet it: the page with its figures and the app's own menu, never raw file names or a
"Page not found" dialog (Streamlit's pages/ mode before any st.navigation, see ui/nav.py)."""

from __future__ import annotations

import pytest

from tests.browser_support import running_app

FILE_NAMES = ("poydat", "kartta", "jarjestoystavallisyys", "yhteyshenkilot", "lataa", "foorumi",
              "muistiot", "app")
MENU = ["Kartta", "Pöydät", "Yhteyshenkilöt", "Järjestöystävällisyys", "Foorumi", "Muistiot",
        "Tuo aineistoa"]


def sidebar_links(page) -> list[str]:
    """Link texts without the Material icon's ligature name ('map\\n\\nKartta' → 'Kartta')."""
    return [t.strip().splitlines()[-1] for t in page.locator(
        "[data-testid='stSidebar'] [data-testid='stPageLink'] a").all_inner_texts()]


def no_dialog(page) -> bool:
    return page.locator("[role='dialog']").count() == 0


@pytest.fixture
def fresh_app(tmp_path):
    with running_app(tmp_path) as url:
        yield url


def test_the_tables_page_as_the_first_request_shows_its_figures_and_the_real_menu(
        fresh_app, browser_page):
    page = browser_page
    page.goto(f"{fresh_app}/poydat")
    seen = []
    for _ in range(20):  # while the first run draws, the menu never lists file names
        seen += page.locator("[data-testid='stSidebar']").all_inner_texts()
        page.wait_for_timeout(150)
    page.locator("[data-testid='stMetricValue']").first.wait_for(timeout=60_000)
    assert page.locator("[data-testid='stMetricValue']").first.inner_text() == "483"
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=60_000)
    assert page.locator("h1").first.inner_text() == "Pöydät"
    assert sidebar_links(page) == MENU
    lines = {line.strip() for text in seen for line in text.splitlines()}
    assert not lines & set(FILE_NAMES), lines & set(FILE_NAMES)
    assert no_dialog(page)


def test_kartta_opens_the_map_without_a_page_not_found_dialog(fresh_app, browser_page):
    page = browser_page
    page.goto(fresh_app)
    page.locator("h1").filter(has_text="Kartta").wait_for(timeout=60_000)
    page.goto(f"{fresh_app}/kartta")
    page.locator("h1").filter(has_text="Kartta").wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    assert no_dialog(page), page.locator("[role='dialog']").all_inner_texts()
    assert sidebar_links(page) == MENU
