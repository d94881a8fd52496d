"""A metric change on the map page, in a real browser: the browser gets no geometry it already
has (no shape in the websocket messages, the geometry file fetched once) and keeps its map."""

from __future__ import annotations

import time

import pytest

from geo import boundaries, foliummap
from kumppanuus import config

pytestmark = pytest.mark.skipif(
    bool(boundaries.missing_boundary_files(config.geo_dir())),
    reason=f"boundary files not found in {config.geo_dir()}",
)
MAP = 'iframe[title="streamlit_folium.st_folium"]'


def legend_title(frame) -> str:
    return frame.locator(".kk-legend-title").first.inner_text(timeout=30_000)


def test_a_metric_change_sends_no_geometry_and_keeps_the_map(app_url, browser_page):
    page, received, fetched = browser_page, [], []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(payload)))
    page.on("response", lambda r: fetched.append(r.url) if "/app/static/geo/" in r.url and r.url.endswith(".json") else None)
    page.goto(f"{app_url}/")
    page.wait_for_selector(MAP, timeout=60_000)
    frame = page.frame_locator(MAP)
    frame.locator(f"path.{foliummap.UNIT_CLASS}").nth(18).wait_for(timeout=30_000)
    assert legend_title(frame) == "Leader-alue"
    frame.locator("body").evaluate("() => { window.kkSameMap = true; }")
    received.clear()
    page.get_by_label("Väritä kartta").click()
    page.get_by_role("option", name="Kumppanuuspöytiä", exact=True).click()
    deadline = time.monotonic() + 30
    while legend_title(frame) != "Kumppanuuspöytiä" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert legend_title(frame) == "Kumppanuuspöytiä"
    assert frame.locator(f"path.{foliummap.UNIT_CLASS}").count() == 19
    assert frame.locator("body").evaluate("() => window.kkSameMap === true")  # not a new iframe
    assert received and not any(b"coordinates" in bytes(p, "utf-8") if isinstance(p, str) else
                                b"coordinates" in p for p in received)
    assert len(fetched) == 1
