"""Map page speed beside bare Streamlit apps measured in the same run (prints, never asserts).

    python scripts/bench_map.py [--repeat 5] [--skip-browser] [--skip-apptest]

Browser (Debian chromium via Playwright), medians of interleaved rounds:
- bare altair: a one-page app with a title, a metric and one altair chart whose selectbox
  changes the data; "select → chart redrawn" is the floor of a Streamlit redraw;
- bare folium: a one-page st_folium map of two squares whose click fills a panel: the floor of
  streamlit-folium itself (its frontend waits 250 ms after a click before it reports it);
- bare pydeck: the same with `st.pydeck_chart(on_select="rerun")` (the alternative component
  considered in geo/livemap.py; no figure when the browser has no WebGL);
- project: click Seinäjoki → panel heading drawn; change the map metric → legend redrawn, and the
  websocket bytes the browser received for that change (plus any HTTP fetch of geometry).
AppTest (CPU time, `time.process_time`): the map page's warm run beside a bare script with the
same number and kinds of elements and tiny data.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser_support import (  # noqa: E402
    CHROMIUM, CHROMIUM_ARGS, free_port, running_app, wait_until_healthy)

BARE_ALTAIR = '''
import altair as alt, pandas as pd, streamlit as st
st.title("Bare")
choice = st.selectbox("Data", ["a", "b", "c"])
n = {"a": 3, "b": 5, "c": 7}[choice]
st.metric("Rows", n)
st.altair_chart(alt.Chart(pd.DataFrame({"x": list(range(n)), "y": [i * i for i in range(n)]}))
                .mark_bar().encode(x="x:O", y="y:Q").properties(title=f"chart {choice}"))
'''

BARE_FOLIUM = '''
import sys; sys.path.insert(0, ROOT)
import folium, streamlit as st
from streamlit_folium import st_folium
from geo import assets
st.title("Bare folium")
m = assets.use_offline_assets(folium.Map(location=[62.8, 22.8], zoom_start=8, tiles=None))
for uid, x in (("left", 22.0), ("right", 23.0)):
    folium.GeoJson({"type": "Feature", "properties": {"unit_id": uid}, "geometry": {"type": "Polygon",
                    "coordinates": [[[x, 62.5], [x + 0.9, 62.5], [x + 0.9, 63.1], [x, 63.1], [x, 62.5]]]}},
                   style_function=lambda f: {"className": "kk-unit"}).add_to(m)
out = st_folium(m, key="bare", returned_objects=["last_active_drawing"], height=500, width=700)
picked = ((out or {}).get("last_active_drawing") or {}).get("properties", {}).get("unit_id")
st.subheader(f"Panel {picked}" if picked else "Pick")
'''

BARE_PYDECK = '''
import pydeck as pdk, streamlit as st
st.title("Bare pydeck")
squares = [{"unit_id": uid, "polygon": [[x, 62.5], [x + 0.9, 62.5], [x + 0.9, 63.1], [x, 63.1]]}
           for uid, x in (("left", 22.0), ("right", 23.0))]
layer = pdk.Layer("PolygonLayer", squares, id="units", get_polygon="polygon", pickable=True,
                  get_fill_color=[0, 114, 178, 160], get_line_color=[0, 0, 0])
deck = pdk.Deck(layers=[layer], map_style=None,
                initial_view_state=pdk.ViewState(latitude=62.8, longitude=22.95, zoom=8))
event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="deck", height=500)
objects = (event.selection.objects or {}).get("units", []) if event else []
st.subheader(f"Panel {objects[0]['unit_id']}" if objects else "Pick")
'''

#: the same kinds and number of elements as the map page (sidebar excluded), tiny data
BARE_PAGE = '''
import folium, pandas as pd, streamlit as st
from streamlit_folium import st_folium
st.title("Kartta")
c1, c2, c3 = st.columns([3, 2, 2])
c1.selectbox("Väri", ["a", "b"], key="m")
c2.toggle("Alueet", key="t1")
c3.toggle("Nimet", key="t2")
st.caption("x")
left, right = st.columns([3, 2])
with left:
    st_folium(folium.Map(location=[62.8, 22.8], zoom_start=8, tiles=None), key="k",
              returned_objects=["last_active_drawing"], height=620, use_container_width=True)
right.caption("pick")
st.download_button("html", lambda: "x", "x.html", "text/html", on_click="ignore")
st.download_button("csv", pd.DataFrame({"a": [1]}).to_csv(), "x.csv", "text/csv", on_click="ignore")
'''


@contextlib.contextmanager
def bare_app(source: str, tmp: Path):
    script = tmp / f"bare_{abs(hash(source))}.py"
    script.write_text(f"ROOT = {str(ROOT)!r}\n" + source, encoding="utf-8")
    if not (tmp / "static").exists():  # Leaflet from the project's static folder (no internet)
        (tmp / "static").symlink_to(ROOT / "static")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.headless",
                                "true", "--server.port", str(port), "--server.address", "127.0.0.1",
                                "--browser.gatherUsageStats", "false", "--server.enableStaticServing", "true"], cwd=tmp,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _timed(action, done) -> float:
    start = time.perf_counter()
    action()
    done()
    return (time.perf_counter() - start) * 1000


def _pick(page, label: str, option: str) -> None:
    page.get_by_label(label, exact=False).first.click()
    page.get_by_role("option", name=option, exact=True).click()


def altair_redraws(page, url: str, repeat: int) -> list[float]:
    page.goto(url)
    page.locator("[data-testid='stVegaLiteChart'], .vega-embed").first.wait_for(timeout=60_000)
    times, options = [], ["b", "c", "a"]
    for i in range(repeat):
        choice = options[i % 3]
        times.append(_timed(lambda: _pick(page, "Data", choice),
                            lambda: page.get_by_text(f"chart {choice}").first.wait_for(timeout=30_000)))
    return times


def folium_clicks(page, url: str, repeat: int) -> list[float]:
    page.goto(url)
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=60_000)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    frame.locator("path.kk-unit").nth(1).wait_for(timeout=30_000)
    times = []
    for i in range(repeat):
        which = ("left", "right")[i % 2]
        times.append(_timed(lambda: frame.locator("path.kk-unit").nth(i % 2).click(),
                            lambda: page.get_by_role("heading", name=f"Panel {which}").wait_for(timeout=30_000)))
    return times


def pydeck_clicks(page, url: str, repeat: int) -> list[float]:
    """Clicks on the left and right square of a bare st.pydeck_chart(on_select="rerun")."""
    page.goto(url)
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # deck.gl's first frame
    box = canvas.bounding_box()
    times = []
    for i in range(repeat):
        which, fx = (("left", 0.3), ("right", 0.7))[i % 2]
        times.append(_timed(lambda: page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * 0.5),
                            lambda: page.get_by_role("heading", name=f"Panel {which}").wait_for(timeout=30_000)))
    return times


def _legend_title(page) -> str:
    for frame in page.frames:
        with contextlib.suppress(Exception):
            if frame.evaluate("() => !!window.map && document.visibilityState === 'visible'"):
                text = frame.evaluate("() => (document.querySelector('.kk-legend-title') || {}).innerText")
                if text:
                    return text
    return ""


def _wait_legend(page, title: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _legend_title(page) == title:
            return
        time.sleep(0.01)
    raise TimeoutError(f"legend never showed {title!r}")


def project_runs(page, url: str, repeat: int, frames: list[int], geometry: list[int]) -> dict:
    from tests.browser_support import INTERIOR_POINT_JS
    from tests.test_browser_map import SEINAJOKI

    page.goto(f"{url}/")
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=60_000)
    _wait_legend(page, "Leader-alue")
    clicks, changes, sizes, fetched = [], [], [], []
    metrics = [("Kumppanuuspöytiä", "Kumppanuuspöytiä"), ("Leader-alue", "Leader-alue")]
    for i in range(repeat):
        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]:not([width="-1"])')
        path = frame.locator("path.kk-unit").nth(SEINAJOKI)
        point = path.evaluate(INTERIOR_POINT_JS)
        clicks.append(_timed(lambda: path.click(position=point),
                             lambda: page.get_by_text("Henna Rantasaari", exact=False).first.wait_for(timeout=30_000)))
        page.get_by_role("heading", name="Seinäjoki").wait_for(timeout=30_000)
        for option, title in metrics:
            time.sleep(0.3)
            frames.clear(), geometry.clear()
            changes.append(_timed(lambda: _pick(page, "Väritä", option), lambda: _wait_legend(page, title)))
            time.sleep(0.5)  # late frames of the same change
            sizes.append(sum(frames))
            fetched.append(sum(geometry))
        page.reload()
        page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=60_000)
        _wait_legend(page, "Leader-alue")
    return {"clicks": clicks, "changes": changes, "bytes": sizes, "geometry_fetched": fetched}


def browser_figures(repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp_name, sync_playwright() as pw:
        tmp = Path(tmp_name)
        browser = pw.chromium.launch(executable_path=str(CHROMIUM),
                                     args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        frames: list[int] = []
        geometry: list[int] = []
        page.on("websocket", lambda ws: ws.on(
            "framereceived", lambda payload: frames.append(len(payload) if payload else 0)))
        page.on("response", lambda r: geometry.append(int(r.headers.get("content-length") or 0))
                if "/geo/" in r.url and r.status == 200 else None)
        with bare_app(BARE_ALTAIR, tmp) as alt_url, bare_app(BARE_FOLIUM, tmp) as fol_url, \
                bare_app(BARE_PYDECK, tmp) as deck_url, running_app(tmp) as app_url:
            altair, folium, deck = [], [], []
            project = {"clicks": [], "changes": [], "bytes": [], "geometry_fetched": []}
            for _ in range(repeat):  # interleaved rounds: the machine's load hits all alike
                altair += altair_redraws(page, alt_url, 3)
                folium += folium_clicks(page, fol_url, 3)
                try:
                    deck += pydeck_clicks(page, deck_url, 3)
                except Exception as error:  # noqa: BLE001 — no WebGL in this browser: no figure
                    print(f"bare pydeck: no figure ({type(error).__name__})")
                for key, values in project_runs(page, app_url, 1, frames, geometry).items():
                    project[key] += values
        browser.close()
    bare = statistics.median(altair)
    print(f"bare altair select → chart redrawn: {bare:.0f} ms (median of {len(altair)})")
    print(f"bare streamlit-folium click → panel: {statistics.median(folium):.0f} ms "
          f"({statistics.median(folium) / bare:.1f}× bare altair; its 250 ms click debounce included)")
    if deck:
        print(f"bare st.pydeck_chart(on_select) click → panel: {statistics.median(deck):.0f} ms "
              f"({statistics.median(deck) / bare:.1f}× bare altair)")
    for key, label in (("clicks", "map click → panel drawn"), ("changes", "map metric change → map redrawn")):
        value = statistics.median(project[key])
        print(f"project {label}: {value:.0f} ms = {value / bare:.1f}× bare altair (goal ≤ 2×)")
    print(f"project websocket bytes per metric change: median {statistics.median(project['bytes']) / 1000:.1f} KB "
          f"(all: {', '.join(f'{b / 1000:.1f}' for b in project['bytes'])} KB)")
    print(f"project geometry fetched over HTTP per metric change: {sum(project['geometry_fetched'])} bytes in all")


def apptest_figures(repeat: int) -> None:
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'app.db'}")
        os.environ.setdefault("KUMPPANUUS_CACHE_DIR", str(tmp / "cache"))
        bare_script = tmp / "bare_page.py"
        bare_script.write_text(BARE_PAGE, encoding="utf-8")
        tests = {"bare": AppTest.from_file(str(bare_script), default_timeout=120),
                 "map": AppTest.from_file(str(ROOT / "pages" / "kartta.py"), default_timeout=120)}
        for test in tests.values():
            test.run(), test.run()
        times = {name: [] for name in tests}
        for _ in range(repeat):
            for name, test in tests.items():
                start = time.process_time()
                test.run()
                times[name].append((time.process_time() - start) * 1000)
        bare, page = statistics.median(times["bare"]), statistics.median(times["map"])
        print(f"warm script (AppTest CPU): map page {page:.0f} ms, bare {bare:.0f} ms = {page / bare:.1f}× (goal ≤ 3×)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-apptest", action="store_true")
    args = parser.parse_args()
    if not args.skip_apptest:
        apptest_figures(args.repeat * 2)
    if not args.skip_browser:
        browser_figures(args.repeat)


if __name__ == "__main__":
    main()
