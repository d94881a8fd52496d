"""The forum view on a projector, in a real browser (Debian chromium) at 1280×720 and 1920×1080:
it fits without scrolling, names all seven criteria, shows no contact data, and its key figures
and chart text are at least 1.5× their normal size. Also: printing hides the sidebar and buttons.
"""

from __future__ import annotations

import re

import pytest

from kumppanuus.i18n import t
from tests.browser_support import run_over, settled, worker_tab  # noqa: F401

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


@pytest.fixture(scope="module")
def forum_tab(worker_tab):
    """The worker's tab (see `worker_tab`): each load is a new document and a new Streamlit
    session."""
    return worker_tab


def load(page, url: str, width: int, height: int) -> None:
    """Open `url` at width×height and wait until its run is over with a chart and a figure."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.locator("[data-testid='stVegaLiteChart'] svg text").first.wait_for(timeout=60_000)
    page.locator("[data-testid='stMetricValue']").first.wait_for(timeout=30_000)
    run_over(page)


def measure_at(page, width: int, height: int) -> dict:
    """What the browser shows at width×height once the layout has settled (Vega redraws a
    chart for a new width)."""
    page.set_viewport_size({"width": width, "height": height})
    return settled(page, MEASURE_JS)


@pytest.fixture(scope="module")
def presented(forum_tab, app_url):
    """presented(screen) → {(width, height): what the browser measured} for the presented
    view of `screen`: one load, measured at every size in VIEWPORTS. Every other screen starts
    from the other size, so each size is met both on a fresh load and after a resize."""
    seen: dict[str, dict] = {}

    def _presented(screen: str) -> dict:
        if screen not in seen:
            sizes = VIEWPORTS if SCREENS.index(screen) % 2 == 0 else VIEWPORTS[::-1]
            load(forum_tab, f"{app_url}/foorumi?esimerkki=1&esitys=1&{screen}", *sizes[0])
            seen[screen] = {size: measure_at(forum_tab, *size) for size in sizes}
        return seen[screen]

    return _presented


PRINT_HIDDEN = ("[data-testid='stSidebar']", "[data-testid='stDownloadButton']",
                "[data-testid='stHeader']")


@pytest.fixture(scope="module")
def normal_view(forum_tab, app_url) -> dict:
    """Lapua's forum view, not presented, at 1280×720: what the browser shows, and then, printed,
    whether each of PRINT_HIDDEN is hidden (`printed`) and the chart still shows
    (`chart_printed`)."""
    load(forum_tab, f"{app_url}/foorumi?esimerkki=1&kunta=408", 1280, 720)
    forum_tab.get_by_text(t("download_report_pdf")).first.wait_for(timeout=60_000)
    shown = measure_at(forum_tab, 1280, 720)
    forum_tab.emulate_media(media="print")
    try:
        shown["printed"] = forum_tab.evaluate("""selectors => selectors.map(s =>
            [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none'))""",
                                              list(PRINT_HIDDEN))
        shown["chart_printed"] = forum_tab.locator("[data-testid='stVegaLiteChart']").first.is_visible()
    finally:
        forum_tab.emulate_media(media="null")
    return shown


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("width, height", VIEWPORTS)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_presented_forum_view_fits_the_screen_with_every_criterion_named(
        presented, store, screen, width, height):
    shown = presented(screen)[(width, height)]
    size = f"{width}×{height}"
    assert shown["overflow"] <= 1, f"scrolls by {shown['overflow']} px at {size}"
    assert shown["sidebar"] < 5, f"the sidebar is collapsed while presenting ({size})"
    criteria = store.reference("criteria")
    for no, text in zip(criteria["no"], criteria["text_fi"]):
        assert squeeze(f"{no}. {text}") in squeeze(shown["chartText"]), f"criterion {no} at {size}"
    assert not EMAIL.search(shown["text"]) and not PHONE.search(shown["text"]), size
    assert t("download_report_pdf") not in shown["text"], size


def test_key_figures_and_chart_text_are_at_least_one_and_a_half_times_normal(
        presented, normal_view):
    normal, big = normal_view, presented("kunta=408")[(1280, 720)]
    assert min(big["metricSizes"]) >= 1.5 * max(normal["metricSizes"])
    assert min(big["chartSizes"]) >= 1.5 * min(normal["chartSizes"])
    assert sorted(big["chartSizes"])[len(big["chartSizes"]) // 2] >= \
        1.5 * sorted(normal["chartSizes"])[len(normal["chartSizes"]) // 2]


def test_printing_a_page_hides_the_sidebar_and_the_buttons(normal_view):
    assert dict(zip(PRINT_HIDDEN, normal_view["printed"])) == dict.fromkeys(PRINT_HIDDEN, True)
    assert normal_view["chart_printed"]
