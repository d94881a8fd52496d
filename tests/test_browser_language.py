"""Switching the language in a real browser: every control speaks the new language at once (no
label left over from the old one), and a reload keeps it (`?lang=sv`)."""

from __future__ import annotations

from kumppanuus.i18n import t
from tests.browser_support import run_over, settled, tab, worker_tab  # noqa: F401

KEYS = ("round", "leader_area", "municipality", "presentation_mode", "map_colour_by",
        "map_show_areas", "map_names", "page_tables", "page_people")


LABELS = ("[data-testid='stWidgetLabel'], [data-testid='stSidebar'] [data-testid='stPageLink'], "
          "[role='tab'], h1")


def labels(page) -> str:
    return "\n".join(page.locator(LABELS).all_inner_texts())


def switched(page, lang: str, heading_key: str) -> None:
    """Wait until the run the switch started is over (its heading is in `lang`) and the labels
    have stopped changing."""
    page.locator("h1").filter(has_text=t(heading_key, lang)).wait_for(timeout=60_000)
    run_over(page)
    settled(page, f"() => [...document.querySelectorAll({LABELS!r})].map(e => e.innerText)")


def choose_language(page, name: str) -> None:
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name=name).click()


def test_after_a_switch_no_control_keeps_the_old_language_and_a_reload_keeps_the_new(
        app_url, tab):
    page = tab
    page.goto(app_url)
    page.locator("h1").filter(has_text=t("page_map", "fi")).wait_for(timeout=90_000)
    choose_language(page, "Svenska")
    switched(page, "sv", "page_map")
    shown = labels(page)
    for key in KEYS:
        assert t(key, "sv") in shown, key
        if t(key, "fi") != t(key, "sv"):
            assert t(key, "fi") not in shown.splitlines(), key
    assert "lang=sv" in page.url
    page.reload()
    page.locator("h1").filter(has_text=t("page_map", "sv")).wait_for(timeout=60_000)


def test_the_tables_pages_tabs_follow_a_language_switch(app_url, tab):
    page = tab
    page.goto(f"{app_url}/poydat")
    page.locator("[role='tab']").first.wait_for(timeout=90_000)
    page.get_by_role("tab", name=t("tab_timeline", "fi")).click()
    page.locator("[role='tab'][aria-selected='true']").filter(
        has_text=t("tab_timeline", "fi")).wait_for(timeout=30_000)
    choose_language(page, "English")
    switched(page, "en", "page_tables")
    tabs = page.locator("[role='tab']").all_inner_texts()
    assert t("tab_timeline", "en") in tabs and t("tab_timeline", "fi") not in tabs
    # Vega mounts a chart after the run's elements have settled (once read 0 charts here)
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=30_000)
    assert page.locator("[data-testid='stVegaLiteChart']").count() >= 1
