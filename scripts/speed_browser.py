"""The browser sections of scripts/bench_speed.py (Debian chromium through Playwright, servers
started as tests/browser_support.py starts them).

Each figure is the time from the user's action (the click, the option picked) until the result
is on screen and the run is over: the new panel heading / legend / tab chart is in the DOM,
the app reports `data-test-script-state="notRunning"` and no element is left stale. The floor
is the same measure on a bare one-page app (title, metric, one altair chart whose selectbox
changes its data: select → chart redrawn), run by its own server side by side.

`wire`: every websocket frame the page receives during a metric change, decoded as Streamlit's
ForwardMsg; the map's message is the st_folium component element (the ratio); what the page
fetched over HTTP while the change was drawn is printed beside it (a map may fetch its layers
as files; the largest fetches are named in the detail line). Its floor is the GeoJSON of
the units' geometry (no properties; as issue 12's table): what a map that re-sends its geometry
on each change must send at the least. The geometry of all the map draws (neighbours and the
region's outline too) is printed beside it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from pathlib import Path

import speed_bare
from speed_common import Row, kb, paired, time_row, times
from kumppanuus import config
from kumppanuus.i18n import t

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import browser_support  # noqa: E402

ARGS = browser_support.CHROMIUM_ARGS
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
SETTLED_JS = """(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-stale="true"]');
})()"""
CHART_JS = "title => %s && Array.from(document.querySelectorAll("  \
    "'[data-testid=\"stVegaLiteChart\"] svg text')).some(e => e.textContent === title)" % SETTLED_JS
PANEL_JS = "name => %s && Array.from(document.querySelectorAll("  \
    "'[data-testid=\"stMain\"] h3')).some(h => h.textContent.trim() === name)" % SETTLED_JS
TAB_JS = """label => %s && Array.from(document.querySelectorAll('[role="tab"]')).some(tab => {
    if (tab.getAttribute('aria-selected') !== 'true' || tab.textContent.trim() !== label) return false;
    const panel = document.getElementById(tab.getAttribute('aria-controls'));
    return !!panel && !!panel.querySelector('[data-testid="stVegaLiteChart"] svg.marks');
})""" % SETTLED_JS
MAP_JS = """([title, units]) => %s && Array.from(document.querySelectorAll('%s')).some(f => {
    if (f.getAttribute('width') === '-1') return false;
    let d = null;
    try { d = f.contentDocument; } catch (e) { return false; }
    const legend = d && d.querySelector('.kk-legend-title');
    return !!legend && legend.textContent.trim() === title
        && d.querySelectorAll('path.kk-unit').length >= units;
})""" % (SETTLED_JS, MAP_IFRAME)
TIMEOUT = 120_000
GOAL = "≤ 2× bare"


@contextlib.contextmanager
def bare_server(tmp: Path):
    """The bare one-page app under the project's .streamlit config; yields its URL."""
    folder = tmp / "bare_app"
    (folder / ".streamlit").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    (folder / "bare_app.py").write_text(speed_bare.BARE_APP, encoding="utf-8")
    with browser_support.streamlit_server("bare_app.py", folder, folder / "server.log") as url:
        yield url


def settle(page) -> None:
    page.wait_for_function(SETTLED_JS, timeout=TIMEOUT)
    page.wait_for_timeout(300)  # the map's iframe finishes drawing, late frames arrive


def pick(page, label: str, option: str, ready_js: str, arg) -> float:
    """Open the selectbox `label`, then time: choose `option` → `ready_js(arg)` holds."""
    page.get_by_role("combobox", name=label, exact=True).click()
    choice = page.get_by_role("option", name=option, exact=True)
    choice.wait_for(timeout=TIMEOUT)
    start = time.perf_counter()
    choice.click()
    page.wait_for_function(ready_js, arg=arg, timeout=TIMEOUT, polling="raf")
    seconds = time.perf_counter() - start
    settle(page)
    return seconds


class Bare:
    """The bare app's page: each call switches its selectbox and times the chart's redraw."""

    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.page.goto(url)
        self.page.wait_for_function(CHART_JS, arg="Chart a", timeout=TIMEOUT)
        self.choice = "a"

    def redraw(self, _i: int = 0) -> float:
        self.choice = "b" if self.choice == "a" else "a"
        return pick(self.page, "Data", self.choice, CHART_JS, f"Chart {self.choice}")


def map_page(browser, url: str, units: int):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.frames_seen = []

    def record(payload) -> None:  # a Python function: Playwright tags its handlers
        page.frames_seen.append(payload)

    page.on("websocket", lambda ws: ws.on("framereceived", record))
    page.requests_seen = []

    def finished(request) -> None:
        page.requests_seen.append(request)

    page.on("requestfinished", finished)
    page.goto(f"{url}/")
    page.wait_for_function(MAP_JS, arg=[t("leader_group"), units], timeout=TIMEOUT)
    settle(page)
    return page


def region_units() -> tuple[int, dict[str, tuple[int, str]]]:
    """(units drawn, {code: (position in the map's feature order, Finnish name)}): the map's
    features are sorted by code, Kurikka in two parts (tests/test_browser_map.py)."""
    import pandas as pd

    munis = pd.read_csv(config.DATA_DIR / "municipalities.csv", dtype=str).sort_values("code")
    parts = pd.read_csv(config.DATA_DIR / "municipality_parts.csv", dtype=str)
    split = set(parts["municipality_code"])
    order, out = [], {}
    for code, name in zip(munis["code"], munis["name_fi"]):
        out[code] = (len(order), name)
        order += [code] * (2 if code in split else 1)
    return len(order), out


def click_section(browser, bare: Bare, url: str, repeat: int) -> list[Row]:
    units, positions = region_units()
    page = map_page(browser, url, units)
    targets = [positions["743"], positions["408"]]  # Seinäjoki, Lapua
    frame = page.frame_locator(f'{MAP_IFRAME}:not([width="-1"])')

    def click(i: int) -> float:
        index, name = targets[i % 2]
        path = frame.locator("path.kk-unit").nth(index)
        point = path.evaluate(browser_support.INTERIOR_POINT_JS)
        start = time.perf_counter()
        path.click(position=point)
        page.wait_for_function(PANEL_JS, arg=name, timeout=TIMEOUT, polling="raf")
        seconds = time.perf_counter() - start
        settle(page)
        return seconds

    click(1), bare.redraw()  # warm-up of both
    pairs = paired(click, bare.redraw, repeat)
    page.close()
    print(f"  click → panel {pairs.median_project * 1000:.0f} ms, bare select → chart "
          f"{pairs.median_bare * 1000:.0f} ms", flush=True)
    return [time_row("click a municipality → panel drawn (Chromium)", pairs,
                     "select → chart redrawn", GOAL)]


def metric_changer(page, units: int):
    """A callable switching the map to the next of four metrics (the page opens on the first);
    returns seconds to the new map. Four, not two: Streamlit's browser keeps a message for two
    runs and is sent a reference instead, so going back and forth would measure its cache."""
    cycle = [("leader_area", t("leader_group")), ("per_1000", None), ("n_tables", None),
             ("open_actions", None)]

    shown = [0]

    def change(_i: int = 0) -> float:
        shown[0] = (shown[0] + 1) % len(cycle)
        key, legend = cycle[shown[0]]
        option = t(f"metric_{key}")
        return pick(page, t("map_colour_by"), option, MAP_JS, [legend or option, units])
    return change


def metric_section(browser, bare: Bare, url: str, repeat: int) -> list[Row]:
    units, _ = region_units()
    page = map_page(browser, url, units)
    change = metric_changer(page, units)
    change(), bare.redraw()
    pairs = paired(change, bare.redraw, repeat)
    page.close()
    print(f"  metric → map {pairs.median_project * 1000:.0f} ms, bare "
          f"{pairs.median_bare * 1000:.0f} ms", flush=True)
    return [time_row("change the map metric → map redrawn", pairs, "select → chart redrawn",
                     GOAL)]


def tabs_section(browser, bare: Bare, url: str, repeat: int) -> list[Row]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{url}/poydat")
    labels = [t("tab_participants"), t("tab_timeline")]
    page.wait_for_function(TAB_JS, arg=labels[0], timeout=TIMEOUT)
    settle(page)

    def switch(i: int) -> float:
        label = labels[(i + 1) % 2]
        tab = page.get_by_role("tab", name=label, exact=True)
        start = time.perf_counter()
        tab.click()
        page.wait_for_function(TAB_JS, arg=label, timeout=TIMEOUT, polling="raf")
        seconds = time.perf_counter() - start
        settle(page)
        return seconds

    switch(0), switch(1), bare.redraw()
    pairs = paired(switch, bare.redraw, repeat)
    page.close()
    print(f"  Pöydät tab → chart {pairs.median_project * 1000:.0f} ms, bare "
          f"{pairs.median_bare * 1000:.0f} ms", flush=True)
    return [time_row("Pöydät tab switch → tab drawn", pairs, "select → chart redrawn", GOAL)]


def _sizes(payloads: list) -> tuple[int, int, int, int]:
    """(bytes of the st_folium element messages, bytes of all messages, references to a
    message the browser has cached, GeoJSON geometries in the st_folium messages) among
    `payloads`."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    folium = total = refs = geometries = 0
    for payload in payloads:
        data = payload if isinstance(payload, bytes) else payload.encode()
        total += len(data)
        try:
            msg = ForwardMsg.FromString(data)
        except Exception:  # noqa: BLE001 — a frame that is not a ForwardMsg counts in the total
            continue
        refs += msg.WhichOneof("type") == "ref_hash"
        if (msg.WhichOneof("type") == "delta"
                and msg.delta.WhichOneof("type") == "new_element"
                and msg.delta.new_element.WhichOneof("type") == "component_instance"
                and "folium" in msg.delta.new_element.component_instance.component_name):
            folium += len(data)
            geometries += data.count(b'coordinates')  # GeoJSON geometry objects, any quoting
    return folium, total, refs, geometries


def geometry_floor(url: str, cache_dir: Path) -> tuple[int, int, int]:
    """(units drawn, GeoJSON bytes of the units' geometry, of all geometry the map page draws
    for `url`'s data: units, neighbours, outline)."""
    from geo import prepared, simplify, units
    from kumppanuus import region as region_config
    from kumppanuus.i18n import localised_municipalities
    from kumppanuus.store import Store

    store = Store(url, seed_data=False)
    munis = localised_municipalities(store.reference("municipalities"), "fi")
    parts = store.reference("municipality_parts")
    geometry = prepared.prepare_geometry(str(config.geo_dir()), parts, tuple(munis["code"]),
                                         str(cache_dir))
    map_units = units.build_map_units(geometry.national, munis, parts)
    outline = units.region_outline(geometry.regions, region_config.load().map_regions, map_units)
    near = units.neighbouring_units(geometry.national, munis["code"])
    store.engine.dispose()
    sizes = [simplify.geojson_bytes(g, []) for g in (map_units, near, outline)]
    return len(map_units), sizes[0], sum(sizes)


def wire_rows(browser, bare: Bare, name: str, url: str, cache_dir: Path, database: str,
              repeat: int) -> list[Row]:
    """Metric changes on `url`: the map message's size against the geometry floor, and (nation
    only; the region's time is the metric row) the time against the bare redraw."""
    units, floor, drawn = geometry_floor(database, cache_dir)
    page = map_page(browser, url, units)
    change = metric_changer(page, units)
    change()
    sizes, fetches = [], []

    def measured(i: int) -> float:
        seen, fetched = len(page.frames_seen), len(page.requests_seen)
        seconds = change(i)
        bodies = [(max(0, r.sizes()["responseBodySize"]), r.url.rsplit("/", 1)[-1][:40])
                  for r in page.requests_seen[fetched:]]
        fetches.extend(bodies)
        sizes.append((*_sizes(page.frames_seen[seen:]), sum(b for b, _ in bodies)))
        return seconds

    pairs = paired(measured, bare.redraw, repeat)
    page.close()
    folium = sorted(s[0] for s in sizes)[len(sizes) // 2]
    total = sorted(s[1] for s in sizes)[len(sizes) // 2]
    refs = sum(s[2] for s in sizes)
    geometries = sorted(s[3] for s in sizes)[len(sizes) // 2]
    http = sorted(s[4] for s in sizes)[len(sizes) // 2]
    largest = ", ".join(f"{name} {kb(size)}" for size, name in sorted(set(fetches))[::-1][:4])
    print(f"  wire {name}: {units} units, map message {kb(folium)} + {kb(http)} fetched over "
          f"HTTP during the change (all websocket messages of the "
          f"rerun {kb(total)}; {refs} cached-message references in {len(sizes)} changes), geometry floor {kb(floor)} (units; with neighbours and outline "
          f"{kb(drawn)}); change {pairs.median_project * 1000:.0f}"
          f" ms vs bare {pairs.median_bare * 1000:.0f} ms; largest HTTP: {largest or '–'}",
          flush=True)
    rows = [Row(f"map message on a metric change, {name} ({units} units)",
                f"{kb(folium)}, {geometries} geometries (+{kb(http)} HTTP)",
                f"geometry floor {kb(floor)}",
                times(folium / floor),
                "0 geometries re-sent")]
    if name == "nation":
        rows.append(time_row("change the map metric → map redrawn, nation", pairs,
                             "select → chart redrawn", GOAL))
    return rows


def browser_sections(setup, names: list[str], repeat: int) -> list[Row]:
    from playwright.sync_api import sync_playwright

    rows = []
    with contextlib.ExitStack() as stack:
        region_tmp = setup.tmp / "region_app"
        region_tmp.mkdir(exist_ok=True)
        env = {config.ENV_DATABASE_URL: setup.region_url}
        region = stack.enter_context(browser_support.running_app(region_tmp, env))
        bare_url = stack.enter_context(bare_server(setup.tmp))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=str(browser_support.CHROMIUM),
                                             args=ARGS)
        stack.callback(browser.close)
        bare = Bare(browser, bare_url)
        sections = {"click": click_section, "metric": metric_section, "tabs": tabs_section}
        for name in [n for n in names if n in sections]:
            rows += sections[name](browser, bare, region, repeat)
        if "wire" in names:
            rows += wire_rows(browser, bare, "region", region, region_tmp / "cache",
                              setup.region_url, repeat)
            nation_tmp = setup.tmp / "nation_app"
            nation_tmp.mkdir(exist_ok=True)
            setup.nation  # built before its server starts
            nation = stack.enter_context(browser_support.running_app(
                nation_tmp, {config.ENV_DATABASE_URL: setup.nation_url}))
            rows += wire_rows(browser, bare, "nation", nation, nation_tmp / "cache",
                              setup.nation_url, max(3, repeat // 2))
    return rows
