"""The page-load sections of scripts/bench_speed.py (Debian chromium through Playwright).

`load`: a fresh tab on a warm server — what a user's page load is. Every page of the app is
opened in a new tab (the browser's cache warm, a new Streamlit session, the server's caches
filled by a first visit) and timed from the navigation's start to the page's content drawn,
measured by the browser itself (`performance.now()` when the condition first holds, polled on
every animation frame). `firstload`: the same, the first request after a server start (a fresh
server for each pair, its database and geometry cache already on disk, as after a restart).

"Drawn" per page (`drawn_kind`, from the kinds of elements the page draws; the bare twin is
given the same condition): the map frame with its units drawn (`path.kk-unit`, every unit for
the map page, the one square for the bare map); else the first chart's SVG marks or canvas
(the app's charts are SVG, a bare altair chart a canvas); else the first
table's canvas; else the heading — and always the page's heading (h1/h2) drawn, the script run
over (`data-test-script-state="notRunning"`), no stale element and no spinner left.

The floor ("bare") is a bare multipage Streamlit app under the project's .streamlit config, one
page per project page at the same URL path: each draws the same number and kinds of elements as
the project page drew for a fresh session (read from an AppTest run of app.py on that page,
speed_bare.bare_script; the sidebar's menu and filters included), with tiny data.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import shutil
import sys
from pathlib import Path

import speed_bare
from speed_common import Row, ms, paired, time_row, times
from kumppanuus import config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import browser_support  # noqa: E402

from speed_browser import ARGS, MAP_IFRAME, SETTLED_JS  # noqa: E402
EXAMPLE_ROUND = "esimerkki: kevät 2021"
#: name → (page file, URL path, query). The scores page and the forum open on the example round
#: (the region's stored round has no scores), the forum on Lapua: as scripts/screenshots.py.
#: "upload" is its URL as a fresh tab sees it: the login form (login lives in the session).
PAGES = {
    "map": ("pages/kartta.py", "", {}),
    "tables": ("pages/poydat.py", "poydat", {}),
    "people": ("pages/yhteyshenkilot.py", "yhteyshenkilot", {}),
    "scores": ("pages/jarjestoystavallisyys.py", "jarjestoystavallisyys",
               {"kierros": EXAMPLE_ROUND}),
    "forum": ("pages/foorumi.py", "foorumi", {"kierros": EXAMPLE_ROUND, "kunta": "408"}),
    "memos": ("pages/muistiot.py", "muistiot", {}),
    "upload": ("pages/lataa.py", "lataa", {}),
}
GOAL = "≤ 1.7× bare"  # issue 12: "keep the page loads where they are (1.2–1.7× a bare app)"
TIMEOUT = 180_000
#: ([kind, units]) → performance.now() once the page is drawn (see the module docstring)
DRAWN_JS = """([kind, units]) => {
    if (!%s || document.querySelector('[data-testid="stSpinner"]')) return false;
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main || !main.querySelector('h1, h2')) return false;
    let drawn = true;
    if (kind === 'map') drawn = Array.from(document.querySelectorAll('%s')).some(f => {
        if (f.getAttribute('width') === '-1') return false;
        let d = null;
        try { d = f.contentDocument; } catch (e) { return false; }
        return !!d && d.querySelectorAll('path.kk-unit').length >= units;
    });
    else if (kind === 'chart')
        drawn = !!main.querySelector('[data-testid="stVegaLiteChart"] svg.marks, '
            + '[data-testid="stVegaLiteChart"] canvas');  // the app draws SVG, altair's default canvas
    else if (kind === 'table') drawn = !!main.querySelector('[data-testid="stDataFrame"] canvas');
    return drawn && performance.now();
}""" % (SETTLED_JS, MAP_IFRAME)


class Twin:
    """A project page and its bare floor: where each is opened and what 'drawn' means."""

    def __init__(self, name: str, tree, units: int) -> None:
        self.name = name
        _, self.path, self.query = PAGES[name]
        self.script, counts = speed_bare.bare_script(tree, speed_bare.FOLIUM_DRAWN)
        self.shape = speed_bare.describe(counts)
        self.kind = drawn_kind(counts)
        self.units = units if self.kind == "map" else 0

    def url(self, base: str) -> str:
        from urllib.parse import urlencode

        return f"{base}/{self.path}" + (f"?{urlencode(self.query)}" if self.query else "")


def drawn_kind(counts) -> str:
    if counts["component_instance"]:
        return "map"
    if counts["vega_lite_chart"] or counts["arrow_vega_lite_chart"]:
        return "chart"
    return "table" if counts["dataframe"] else "heading"


def twins(setup, names: list[str]) -> list[Twin]:
    """Each page as a fresh session draws it: app.py run by AppTest, switched to the page with
    the page's query (in-process, on the region database)."""
    from streamlit.testing.v1 import AppTest

    import speed_browser

    os.environ[config.ENV_DATABASE_URL] = setup.region_url
    units, _ = speed_browser.region_units()
    out = []
    for name in names:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.query_params.update(PAGES[name][2])
        at.switch_page(PAGES[name][0])
        at.run()
        if at.exception:
            raise RuntimeError([e.value for e in at.exception])
        out.append(checked(Twin(name, at._tree, units), setup.tmp))
    return out


def checked(twin: Twin, tmp: Path) -> Twin:
    """`twin` once its bare script has run without an error and drawn what the page drew."""
    from streamlit.testing.v1 import AppTest

    path = tmp / f"check_bare_{twin.name}.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n" + twin.script,
                    encoding="utf-8")
    bare = AppTest.from_file(str(path), default_timeout=600).run()
    if bare.exception:
        raise RuntimeError([e.value for e in bare.exception])
    again = speed_bare.describe(speed_bare.bare_script(bare._tree)[1])
    if again != twin.shape:  # the floor must draw what the page drew
        twin.shape += f" (BARE DIFFERS: {again})"
    return twin


def staff_account(url: str) -> None:
    from kumppanuus import auth
    from kumppanuus.store import Store

    store = Store(url)
    auth.add_user(store, browser_support.STAFF_USER, browser_support.STAFF_PASSWORD)
    store.engine.dispose()


def bare_app(folder: Path, pages: list[Twin]) -> None:
    """Write the bare multipage app into `folder`: bare_app.py routing the twins' URL paths."""
    (folder / ".streamlit").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    if any(twin.kind == "map" for twin in pages):
        from geo import assets

        assets.ensure_static_assets(folder / "static")  # Leaflet for the bare map, no internet
    entries = []
    for twin in pages:
        (folder / f"bare_{twin.name}.py").write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n" + twin.script, encoding="utf-8")
        entries.append(f"st.Page('bare_{twin.name}.py', title={twin.name!r}, "
                       f"url_path={twin.path or twin.name!r}, default={not twin.path})")
    if all(t.path for t in pages):  # st.navigation needs a default page
        entries.append("st.Page(lambda: st.title('Bare'), title='bare', default=True)")
    (folder / "bare_app.py").write_text(
        "import streamlit as st\n"
        "st.set_page_config(page_title='Bare', layout='wide')\n"
        f"st.navigation([{', '.join(entries)}], position='hidden').run()\n", encoding="utf-8")


def bare_server(folder: Path):
    """`streamlit run bare_app.py` in `folder` on a free port; yields its URL."""
    return browser_support.streamlit_server("bare_app.py", folder, folder / "server.log")


def load(context, base: str, twin: Twin, bare: bool = False) -> float:
    """Open the page at `base` (the project's server, or with `bare` the bare app's) in a new
    tab of `context`: seconds from the navigation's start to the page drawn."""
    page = context.new_page()
    try:
        page.goto(twin.url(base), wait_until="commit", timeout=TIMEOUT)
        units = 1 if bare else twin.units  # the bare map draws one square
        drawn = page.wait_for_function(DRAWN_JS, arg=[twin.kind, units],
                                       timeout=TIMEOUT, polling="raf")
        return drawn.json_value() / 1000
    finally:
        page.close()


def _report(label: str, twin: Twin, pairs) -> Row:
    print(f"  {label} {twin.name:7} {ms(pairs.median_project):>9} vs bare "
          f"{ms(pairs.median_bare):>8}  {times(pairs.ratio):>6}  (drawn: {twin.kind}; "
          f"{twin.shape})", flush=True)
    return time_row(f"{label}: {twin.name} (drawn: {twin.kind})", pairs, "bare", GOAL)


def load_section(browser, pages: list[Twin], region: str, bare: str, repeat: int,
                 warm_up: bool = True) -> list[Row]:
    """Fresh tabs on warm servers, each page's pairs interleaved with its bare twin's
    (`warm_up` False, for --smoke only: the first pair fills the servers' caches)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    rows = []
    for twin in pages:
        if warm_up:
            load(context, region, twin), load(context, bare, twin, True)
        pairs = paired(lambda i: load(context, region, twin),
                       lambda i: load(context, bare, twin, True), repeat)
        rows.append(_report("page load, fresh tab", twin, pairs))
    context.close()
    return rows


def firstload_section(browser, pages: list[Twin], setup, folder: Path, repeat: int
                      ) -> list[Row]:
    """The first load after a server start: each measure on a server of its own, just up."""
    region_tmp = setup.tmp / "region_app"
    region_tmp.mkdir(exist_ok=True)
    env = {config.ENV_DATABASE_URL: setup.region_url}
    if not setup.smoke:  # the caches on disk (geometry, static files), as after the restart
        with browser_support.running_app(region_tmp, env) as url:  # of a used server
            context = browser.new_context()
            for twin in pages:
                load(context, url, twin)
            context.close()
    rows = []

    def first(twin: Twin, project: bool) -> float:
        server = (browser_support.running_app(region_tmp, env) if project
                  else bare_server(folder))
        with server as url:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            try:
                return load(context, url, twin, not project)
            finally:
                context.close()

    for twin in pages:
        pairs = paired(lambda i: first(twin, True), lambda i: first(twin, False), repeat)
        rows.append(_report("first load after a server start", twin, pairs))
    return rows


def page_load_sections(setup, names: list[str], repeat: int, pages: list[str] | None,
                       first_repeat: int, browser=None) -> list[Row]:
    """`load` and/or `firstload` (in `names`) for `pages` (default: every page), in `browser`
    (default: a Chromium of its own)."""
    from playwright.sync_api import sync_playwright

    staff_account(setup.region_url)  # the login form, as on the servers (running_app adds it)
    folder = setup.tmp / "bare_pages"
    rows = []
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(concurrent.futures.ThreadPoolExecutor(2))
        if "load" in names:  # the servers boot while this process works (nothing is timed yet)
            region_tmp = setup.tmp / "region_app"
            region_tmp.mkdir(exist_ok=True)
            region = started(stack, pool, browser_support.running_app(
                region_tmp, {config.ENV_DATABASE_URL: setup.region_url}))
        chosen = twins(setup, pages or list(PAGES))
        bare_app(folder, chosen)
        if "load" in names:
            bare = started(stack, pool, bare_server(folder))
        if browser is None:
            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=str(browser_support.CHROMIUM),
                                                 args=ARGS)
            stack.callback(browser.close)
        if "load" in names:
            rows += load_section(browser, chosen, region.result(), bare.result(), repeat,
                                 warm_up=not setup.smoke)
        if "firstload" in names:
            rows += firstload_section(browser, chosen, setup, folder, first_repeat)
    return rows


def started(stack: contextlib.ExitStack, pool, server) -> concurrent.futures.Future:
    """`server` (a context manager yielding its URL once healthy) entered in `pool`'s thread;
    the future of its URL. It is stopped when `stack` closes."""
    future = pool.submit(server.__enter__)

    def stop() -> None:
        if future.exception() is None:  # waits for the start; a failed start left nothing
            server.__exit__(None, None, None)

    stack.callback(stop)
    return future
