"""A real Streamlit server and Debian's chromium for browser tests, with the internet cut off.

`app_url`, `browser` and `browser_page` are registered in conftest.py. What keeps a browser test
cheap: a page load in a new context costs the browser ~2.5 CPU s more than one on a tab that has
loaded the app before, so a test that opens its page with `goto` takes `tab` (import `worker_tab`
and `tab` into the module: one tab per worker, shared by every module); tests that only read one
view share one load of it (`shared_view`, or a module-scoped fixture that measures it once).
Wait for what the test reads (`run_over`, `settled`), never a fixed time.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kumppanuus import config

CHROMIUM = Path("/usr/bin/chromium")
#: The flags every headless Chromium of the tests and benchmarks runs with.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: Any URL to a host but 127.0.0.1/localhost (what `offline_context` records as blocked).
NON_LOCAL = re.compile(r"^(https?|wss?)://(?!(127\.0\.0\.1|localhost)(:\d+)?([/?#]|$))", re.I)
#: Where an offline context sends every request to a host but 127.0.0.1/localhost: a local port
#: nothing listens on (discard), so the request fails and never leaves the machine.
OFFLINE_PROXY = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"}
STAFF_USER, STAFF_PASSWORD = "selain", "selaintesti-salasana"
#: A test or smoke server's environment without Streamlit's source file watcher: no test edits a
#: source file, and the watcher costs the server ~0.3 CPU s for every new session.
NO_FILE_WATCHER = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Poll Streamlit's health endpoint until it answers 'ok' (or fail with the server log)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout:.0f} s")


def sessions_opened(url: str) -> int:
    """How many browser sessions the Streamlit server at `url` has opened since its start (its
    own /_stcore/metrics): 0 means no script has run there yet."""
    with urllib.request.urlopen(f"{url}/_stcore/metrics?families=session_events",
                                timeout=10) as response:
        text = response.read().decode()
    found = re.search(r'session_events_total\{type="connect"\} (\d+)', text)
    if found is None:
        raise RuntimeError(f"no session count in {url}/_stcore/metrics: {text[:300]!r}")
    return int(found.group(1))


@contextlib.contextmanager
def running_app(tmp: Path, extra_env: dict[str, str] | None = None):
    """`streamlit run app.py` on a free 127.0.0.1 port with a throwaway database, geometry
    cache and one staff account (in that database), all under `tmp`; yields the URL."""
    from kumppanuus import auth
    from kumppanuus.store import Store

    database_url = (extra_env or {}).get(config.ENV_DATABASE_URL, f"sqlite:///{tmp / 'app.db'}")
    auth.add_user(Store(database_url), STAFF_USER, STAFF_PASSWORD)
    env = os.environ | {
        config.ENV_DATABASE_URL: database_url,
        config.ENV_CACHE_DIR: str(tmp / "cache"),
        config.ENV_STAFF_FILE: str(tmp / "staff.toml"),
    } | (extra_env or {})
    with streamlit_server("app.py", config.REPO_ROOT, tmp / "server.log", env) as url:
        yield url


def streamlit_command(script: str, port: int) -> list[str]:
    """`streamlit run script`, headless on 127.0.0.1:`port`, no usage statistics."""
    return [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false"]


@contextlib.contextmanager
def streamlit_server(script: str, cwd: Path, log_path: Path, env: dict[str, str] | None = None):
    """`streamlit run script` in `cwd` on a free 127.0.0.1 port, output to `log_path`; yields
    the URL once the server is healthy, and stops the server after."""
    port = free_port()
    log = log_path.open("ab")
    process = subprocess.Popen(streamlit_command(script, port), cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def server_environment(tmp: Path, database_template: str, cache_dir: Path) -> dict[str, str]:
    """`running_app`'s extra environment for a test server: its database a copy of the test
    run's seeded template (SQLite; the same rows `Store()` would migrate and seed, without doing
    it again) and the worker's geometry cache folder (its files are keyed by their inputs, as a
    restarted server finds its own). Streamlit's source file watcher is off: no test edits a
    source file, and it cost the server ~0.3 CPU s for every new session (a test's `goto`).
    So is its full garbage collection after every script run (runner.postScriptGC): ~0.16 CPU s
    of each run here, and nothing a test reads (8 page loads side by side: server 5.4 -> 4.1
    CPU s, the same memory)."""
    env = {config.ENV_CACHE_DIR: str(cache_dir), **NO_FILE_WATCHER,
           "STREAMLIT_RUNNER_POST_SCRIPT_GC": "false"}
    if database_template.startswith("sqlite:///"):
        path = tmp / "app.db"
        shutil.copyfile(database_template.removeprefix("sqlite:///"), path)
        env[config.ENV_DATABASE_URL] = f"sqlite:///{path}"
    return env


@pytest.fixture(scope="session")
def app_url(tmp_path_factory, database_template, shared_cache_dir):
    """One server per test session (per xdist worker), shared by the browser tests."""
    tmp = tmp_path_factory.mktemp("browser-app")
    with running_app(tmp, server_environment(tmp, database_template, shared_cache_dir)) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():  # under CI=true conftest.py fails the run instead
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
        )
        yield launched
        launched.close()


def offline_context(browser, **options):
    """A new context that reaches no host but 127.0.0.1/localhost: any other request goes to
    OFFLINE_PROXY and fails, and its URL is recorded in `context.blocked_urls` (shared by its
    pages as `page.blocked_urls`, see `offline_page`), so a test proves the app works offline.
    Not `context.route`: routing switches the browser's HTTP cache off (Playwright's docs), so
    every page load fetched and compiled Streamlit's ~100 scripts again (8 loads side by side:
    browser 23.7 → 15.3 CPU s, server 4.7 → 3.7 s). A request listener only looks: the
    requests never wait for pytest. The context prefers reduced motion (unless `options` say
    otherwise), as a user may set it: Streamlit then skips its enter and fade animations, whose
    frames cost the browser ~20 % of a page load's CPU (tests read the end state, the same)."""
    context = browser.new_context(**({"reduced_motion": "reduce", "proxy": OFFLINE_PROXY} | options))
    context.blocked_urls = []

    def record(request):
        if NON_LOCAL.match(request.url):
            context.blocked_urls.append(request.url)

    context.on("request", record)
    return context


def offline_page(context):
    page = context.new_page()
    page.blocked_urls = context.blocked_urls
    return page


@pytest.fixture
def browser_page(browser):
    """A page of its own context (no cookie, storage or cache of another test), offline
    (`page.blocked_urls`, see `offline_context`)."""
    context = offline_context(browser, viewport={"width": 1400, "height": 1000})
    yield offline_page(context)
    context.close()


TAB_SIZE = {"width": 1400, "height": 1000}
_WORKER_TABS: dict[int, object] = {}


@pytest.fixture(scope="module")
def worker_tab(browser):
    """The worker's one offline tab (downloads accepted), opened by the first module that asks
    and closed with the browser: every module that imports `worker_tab` and `tab` shares it, so
    only the first page load of a worker pays for a new context and renderer. (A session-scoped
    fixture imported into several modules would be one fixture per module, hence the cache.)"""
    page = _WORKER_TABS.get(id(browser))
    if page is None or page.is_closed():
        context = offline_context(browser, viewport=TAB_SIZE, accept_downloads=True)
        page = _WORKER_TABS[id(browser)] = offline_page(context)
    return page


def reset_tab(page) -> None:
    """1400×1000, screen media, no blocked URL recorded yet (what `tab` gives a test)."""
    page.set_viewport_size(TAB_SIZE)
    page.emulate_media(media="null")
    page.blocked_urls.clear()


@pytest.fixture
def tab(worker_tab):
    """This test's page, for a test that opens its page with `goto` first: the worker's tab,
    reset (`reset_tab`). The test's `goto` makes a new document and a new Streamlit session
    (nothing of the previous test's run or DOM is left), on a renderer that has already parsed
    the app's scripts: a new context per test cost the browser ~2.5 CPU s more. (A test that
    needs its own cookies or listeners takes `browser_page`.)"""
    reset_tab(worker_tab)
    return worker_tab


_VIEW_JS = "() => window.__kkSharedView ?? null"


def shared_view(page, view: str, open_view) -> object:
    """`page` showing `view` (a name: a URL, or a state such as "the Leader-area map"), for
    tests that read it or go on from it: opened with `open_view(page)` (after `reset_tab`; it
    loads the page and waits until the view is drawn) unless the page's document is still one
    that showed `view` (`mark_view`) — any `goto` or reload makes a new document, which forgets
    it. A test that changes the view into another calls `leave_view` (or `mark_view` with the
    view it leaves). `page.blocked_urls` holds what was blocked since the view's load."""
    if page.evaluate(_VIEW_JS) != view:
        reset_tab(page)
        open_view(page)
        mark_view(page, view)
    return page


def mark_view(page, view: str) -> None:
    """`page`'s document now shows `view`: a later `shared_view(page, view, …)` goes on from here."""
    page.evaluate("view => { window.__kkSharedView = view; }", view)


def leave_view(page) -> None:
    """The test changes what `page` shows: no later `shared_view` call reuses this document."""
    page.evaluate("() => { delete window.__kkSharedView; }")


#: Streamlit's root element says whether a script run is going on (its own e2e tests wait on
#: this attribute): "initial" before the first run, then "running" / "notRunning".
RUN_OVER = "[data-testid='stApp'][data-test-script-state='notRunning']"


def run_over(page, timeout: float = 60_000) -> None:
    """Wait until the script run of `page` is over. Call it after a sign that the run you mean
    has started (something it draws): just after a click the previous run's 'notRunning' is
    still there."""
    page.locator(RUN_OVER).wait_for(timeout=timeout)


_SETTLED_JS = """([source, frames, token]) => {
  const runs = (window.__kkSettled ||= {}), s = (runs[token] ||= {value: null, same: 0});
  const now = JSON.stringify((0, eval)("(" + source + ")")());
  if (document.fonts.status !== "loaded" || now !== s.value) { s.value = now; s.same = 0; }
  else s.same += 1;
  return s.same >= frames ? now : false;
}"""


def settled(page, measure_js: str, frames: int = 10, timeout: float = 30_000):
    """What the function expression `measure_js` returns in `page` once its value has stayed
    the same on `frames` animation frames in a row with the page's fonts loaded: the layout
    after Vega, the fonts and Streamlit have finished drawing, without a fixed sleep."""
    handle = page.wait_for_function(_SETTLED_JS, arg=[measure_js, frames, secrets.token_hex(8)],
                                    timeout=timeout)
    return json.loads(handle.json_value())


#: A point inside an element that the element itself receives (a click there hits it, not a
#: neighbour or a label on top): for clicking a map unit.
INTERIOR_POINT_JS = """el => {
    const r = el.getBoundingClientRect();
    for (let fy = 0.5; fy < 1; fy += 0.05) for (const sy of [1, -1])
        for (let fx = 0.5; fx < 1; fx += 0.05) for (const sx of [1, -1]) {
            const x = r.left + r.width * (0.5 + sx * (fx - 0.5)), y = r.top + r.height * (0.5 + sy * (fy - 0.5));
            if (document.elementFromPoint(x, y) === el) return {x: x - r.left, y: y - r.top};
        }
    return null;
}"""
