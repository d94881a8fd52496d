"""The map page in a real browser (Debian chromium), with every non-local request blocked."""

from __future__ import annotations

import re

import pytest

from geo import boundaries, foliummap
from kumppanuus import config
from kumppanuus.i18n import t
from tests.browser_support import (INTERIOR_POINT_JS, mark_view, run_over,  # noqa: F401
                                  settled, shared_view, tab, worker_tab)

REGION_UNITS = 19  # 18 municipalities, Kurikka drawn in two parts
SEINAJOKI = 14  # position of unit 743 in the map's feature order (sorted by code)
MAP = 'iframe[title="streamlit_folium.st_folium"]'
#: Views a test leaves in the worker's tab for the next one (see browser_support.shared_view).
SEINAJOKI_PANEL, AREA_MAP = "the map with Seinäjoki's panel", "the Leader-area map"

pytestmark = pytest.mark.skipif(
    bool(boundaries.missing_boundary_files(config.geo_dir())),
    reason=f"boundary files not found in {config.geo_dir()}",
)


@pytest.fixture
def map_tab(worker_tab, app_url):
    """The map page as first drawn, one load shared by the tests that only read it (hover and
    the HTML download included: they change nothing on the server); the tests that click open
    the page in `tab` or go on from a view a click test left (`shared_view`)."""
    def opened(page):
        page.goto(f"{app_url}/")  # the map is the main page
        drawn_map(page)

    return shared_view(worker_tab, "the map as first drawn", opened)


def drawn_map(page):
    """The folium iframe of the map page in `page`, once Leaflet has drawn every unit."""
    page.wait_for_selector(MAP, timeout=60_000)
    frame = page.frame_locator(MAP)
    frame.locator(f"path.{foliummap.UNIT_CLASS}").nth(REGION_UNITS - 1).wait_for(timeout=30_000)
    return frame


@pytest.fixture
def map_frame(map_tab):
    return drawn_map(map_tab)


def seinajoki(frame):
    """Seinäjoki's path and a point inside it that no other unit covers (it is not convex)."""
    path = frame.locator(f"path.{foliummap.UNIT_CLASS}").nth(SEINAJOKI)
    return path, path.evaluate(INTERIOR_POINT_JS)


def test_the_map_draws_every_region_unit_offline(map_frame, map_tab):
    assert map_frame.locator(f"path.{foliummap.UNIT_CLASS}").count() == REGION_UNITS
    assert map_frame.locator(f"path.{foliummap.NEIGHBOUR_CLASS}").count() > 0
    assert map_tab.blocked_urls == []


def test_the_legend_names_the_five_leader_areas(map_frame):
    labels = map_frame.locator(".kk-legend-item").all_inner_texts()
    assert len(labels) == 5
    assert "Leader Liiveri" in labels and "Leader Yhyres" in labels


def test_the_map_credits_the_national_land_survey(map_frame):
    attribution = map_frame.locator(".leaflet-control-attribution").inner_text()
    assert "© Maanmittauslaitos, CC BY 4.0" in attribution


def test_hovering_a_municipality_shows_its_tooltip(map_frame):
    path, point = seinajoki(map_frame)
    path.hover(position=point)
    tooltip = map_frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    text = tooltip.inner_text()
    assert "Seinäjoki" in text and "Leader Liiveri" in text


def test_the_map_html_download_holds_the_map_once(map_frame, map_tab, tmp_path):
    with map_tab.expect_download(timeout=60_000) as info:
        map_tab.get_by_text(t("map_download_html")).click()
    html = (tmp_path / "map.html")
    info.value.save_as(html)
    text = html.read_text(encoding="utf-8")
    assert text.count("L.map(") == 1
    assert text.count('class="folium-map"') == 1


def test_clicking_a_municipality_fills_the_panel_beside_the_map(app_url, tab):
    tab.goto(f"{app_url}/")
    path, point = seinajoki(drawn_map(tab))
    path.click(position=point)
    heading = tab.get_by_role("heading", name="Seinäjoki")
    heading.wait_for(timeout=20_000)
    # the panel renders element by element: wait for its last line (the liaisons) to arrive
    tab.get_by_text("Henna Rantasaari", exact=False).first.wait_for(timeout=20_000)
    panel = tab.locator("section.main, [data-testid='stMain']").first.inner_text()
    assert "Henna Rantasaari" in panel
    assert "@" not in panel and "040 684" not in panel
    mark_view(tab, SEINAJOKI_PANEL)


BUTTONS_JS = """() => {
  const main = document.querySelector("[data-testid='stMain']").getBoundingClientRect();
  return [...document.querySelectorAll("[data-testid='stMain'] button")]
    .filter(b => b.offsetParent && b.innerText.trim())
    .map(b => { const r = b.getBoundingClientRect();
      return {text: b.innerText.trim(), left: r.left, right: r.right,
              inside: r.left >= main.left - 1 && r.right <= Math.min(innerWidth, main.right) + 1,
              cut: [...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1)}; });
}"""


PANEL_SIZES = [(1280, 720), (1920, 1080)]


@pytest.fixture(scope="module")
def seinajoki_panel_buttons(worker_tab, app_url):
    """{(width, height): the buttons of Seinäjoki's panel} at both sizes, each measured once the
    layout is settled: on the page the click test left with Seinäjoki's panel, or else on one
    opened at 1280×720 that chose Seinäjoki in the sidebar."""
    def opened(page):
        page.set_viewport_size({"width": 1280, "height": 720})
        page.goto(f"{app_url}/")
        page.wait_for_selector(MAP, timeout=60_000)
        page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(
            has_text="Kunta").click()
        page.keyboard.type("Seinäjoki")
        page.keyboard.press("Enter")

    page = shared_view(worker_tab, SEINAJOKI_PANEL, opened)
    main = page.locator("[data-testid='stMain']")
    main.get_by_role("button", name="Järjestöystävällisyys").wait_for(timeout=60_000)
    run_over(page)
    found = {}
    for width, height in PANEL_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        found[(width, height)] = settled(page, BUTTONS_JS)
    return found


@pytest.mark.parametrize("width, height", PANEL_SIZES)
def test_every_panel_button_is_whole_and_inside_the_window(seinajoki_panel_buttons, width, height):
    buttons = seinajoki_panel_buttons[(width, height)]
    assert {"Pöydät", "Yhteyshenkilöt", "Järjestöystävällisyys"} <= {b["text"] for b in buttons}
    for button in buttons:
        assert button["inside"], f"{button['text']} sticks out at {width}×{height}: {button}"
        assert not button["cut"], f"{button['text']} is cut off at {width}×{height}"


def leader_area_map(page):
    """Switch the drawn map of `page` to the Leader areas; the frame once all five are drawn."""
    page.get_by_text("Näytä Leader-alueet").click()
    # while it redraws, Streamlit keeps the old map's frame hidden (width -1) beside the new one
    # (for a moment both frames may be full width; `.last` is re-resolved on every retry and
    # ends on the one frame left, so the strict locator never sees two)
    frame = page.frame_locator(f'{MAP}:not([width="-1"])').last
    frame.locator(f"path.{foliummap.AREA_CLASS}").nth(4).wait_for(timeout=60_000)
    return frame


def test_clicking_a_leader_area_opens_that_areas_panel(app_url, tab):
    page = tab
    page.goto(f"{app_url}/")
    page.wait_for_selector(MAP, timeout=60_000)
    area = leader_area_map(page).locator(f"path.{foliummap.AREA_CLASS}").first
    area.click(position=area.evaluate(INTERIOR_POINT_JS))
    heading = page.get_by_role("heading", name=re.compile(r"^Leader "))
    heading.wait_for(timeout=30_000)
    page.get_by_text("Asukkaita 2020").first.wait_for(timeout=30_000)  # the panel's last line
    panel = page.locator("[data-testid='stMain']").first.inner_text()
    assert "Kunnat:" in panel and "Pöytiä" in panel and "Osallistujia" in panel
    mark_view(page, AREA_MAP)


def test_the_leader_area_view_coloured_by_per_1000_opens_an_areas_panel_with_its_value(
        app_url, worker_tab):
    def opened(page):
        page.goto(f"{app_url}/")
        page.wait_for_selector(MAP, timeout=60_000)
        leader_area_map(page)

    page = shared_view(worker_tab, AREA_MAP, opened)  # the previous test's, an area's panel open
    page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Osallistujia / 1 000 asukasta").first.click()
    frame = page.frame_locator(f'{MAP}:not([width="-1"])').last
    frame.locator(".kk-legend-title", has_text="Osallistujia / 1 000").wait_for(timeout=60_000)
    areas = frame.locator(f"path.{foliummap.AREA_CLASS}")
    areas.nth(4).wait_for(timeout=60_000)
    liiveri = areas.nth(2)  # the dissolved areas come sorted by code: aisapari, kuudesta, liiveri
    liiveri.click(position=liiveri.evaluate(INTERIOR_POINT_JS))
    page.get_by_role("heading", name="Leader Liiveri").wait_for(timeout=60_000)
    run_over(page)  # nothing left of an earlier panel: every line below is Liiveri's
    panel = page.locator("[data-testid='stMain']").first
    panel.get_by_text("Jalasjärvi", exact=False).first.wait_for(timeout=30_000)
    value = panel.locator("[data-testid='stMetric']").filter(has_text="1 000 asukasta")
    value.wait_for(timeout=30_000)  # the panel renders element by element
    assert re.search(r"\d,\d", value.inner_text())  # the area's own rate, Finnish form
    assert "lasketaan kerran" in panel.inner_text()
