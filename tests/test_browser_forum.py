"""The forum view on a projector, in a real browser (Debian chromium) at 1280×720 and 1920×1080:
it fits without scrolling, names all seven criteria, shows no contact data, and its key figures
and chart text are at least 1.5× their normal size. Also: printing hides the sidebar and buttons.
"""

from __future__ import annotations

import re

import pytest

from geo import boundaries
from kumppanuus import config
from kumppanuus.i18n import t

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(\+358|\b0)\d{1,3}[\s-]?\d{2,4}[\s-]?\d{2,4}")
VIEWPORTS = [(1280, 720), (1920, 1080)]
SCREENS = ["kunta=408", "kunta=232", "alue=aisapari"]  # Lapua; Kauhajoki (small group); an area

MEASURE_JS = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  const sidebar = document.querySelector("[data-testid='stSidebar']");
  const texts = [...document.querySelectorAll("[data-testid='stVegaLiteChart'] svg text")];
  const value = [...document.querySelectorAll("[data-testid='stMetricValue']")]
    .map(e => [...e.querySelectorAll('*')].filter(x => x.textContent.trim() && !x.children.length))
    .flat().map(x => parseFloat(getComputedStyle(x).fontSize));
  return {overflow: main.scrollHeight - main.clientHeight,
          sidebar: sidebar ? sidebar.getBoundingClientRect().width : 0,
          chartText: texts.map(x => x.textContent).join(' '),
          chartSizes: texts.map(x => parseFloat(getComputedStyle(x).fontSize)),
          metricSizes: value, text: document.body.innerText};
}"""


@pytest.fixture
def open_view(browser, app_url):
    """open_view(query, width, height) → what the browser measured on the forum view."""
    contexts = []

    def _open(query: str, width: int, height: int) -> dict:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{app_url}/foorumi?esimerkki=1&{query}")
        page.locator("[data-testid='stVegaLiteChart'] svg text").first.wait_for(timeout=60_000)
        page.locator("[data-testid='stMetricValue']").first.wait_for(timeout=30_000)
        page.wait_for_timeout(1500)  # let Vega finish laying out
        return page.evaluate(MEASURE_JS)

    yield _open
    for context in contexts:
        context.close()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("width, height", VIEWPORTS)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_presented_forum_view_fits_the_screen_with_every_criterion_named(
        open_view, store, screen, width, height):
    shown = open_view(f"esitys=1&{screen}", width, height)
    assert shown["overflow"] <= 1, f"scrolls by {shown['overflow']} px at {width}×{height}"
    assert shown["sidebar"] < 5, "the sidebar is collapsed while presenting"
    criteria = store.reference("criteria")
    for no, text in zip(criteria["no"], criteria["text_fi"]):
        assert squeeze(f"{no}. {text}") in squeeze(shown["chartText"]), no
    assert not EMAIL.search(shown["text"]) and not PHONE.search(shown["text"])
    assert t("download_report_pdf") not in shown["text"]


def test_key_figures_and_chart_text_are_at_least_one_and_a_half_times_normal(open_view):
    normal = open_view("kunta=408", 1280, 720)
    presented = open_view("esitys=1&kunta=408", 1280, 720)
    assert min(presented["metricSizes"]) >= 1.5 * max(normal["metricSizes"])
    assert min(presented["chartSizes"]) >= 1.5 * min(normal["chartSizes"])
    assert sorted(presented["chartSizes"])[len(presented["chartSizes"]) // 2] >= \
        1.5 * sorted(normal["chartSizes"])[len(normal["chartSizes"]) // 2]


def test_printing_a_page_hides_the_sidebar_and_the_buttons(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/foorumi?esimerkki=1&kunta=408")
        page.get_by_text(t("download_report_pdf")).first.wait_for(timeout=60_000)
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ["[data-testid='stSidebar']",
            "[data-testid='stDownloadButton']", "[data-testid='stHeader']"].map(
            s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none'))""")
        assert hidden == [True, True, True]
        assert page.locator("[data-testid='stVegaLiteChart']").first.is_visible()
    finally:
        context.close()


@pytest.mark.skipif(bool(boundaries.missing_boundary_files(config.geo_dir())),
                    reason=f"boundary files not found in {config.geo_dir()}")
def test_the_map_html_download_holds_the_map_once(browser, app_url, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/")
        page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=60_000)
        with page.expect_download(timeout=60_000) as info:
            page.get_by_text(t("map_download_html")).click()
        html = (tmp_path / "map.html")
        info.value.save_as(html)
        text = html.read_text(encoding="utf-8")
        assert text.count("L.map(") == 1
        assert text.count('class="folium-map"') == 1
    finally:
        context.close()
