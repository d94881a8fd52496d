"""The app's pages and its sidebar menu.

Streamlit treats a `pages/` folder as a "v1" multipage app until some session has called
`st.navigation` ("As soon as any session of your app executes the st.navigation command, your
app will ignore the pages/ directory (across all sessions)", st.navigation docs). Until then —
the first request after a server start — it lists the raw file names in the sidebar and runs a
deep link such as /poydat without app.py. Two supported pieces fix that while `pages/` stays:

* `.streamlit/config.toml` sets `client.showSidebarNavigation = false`, so the v1 file list is
  never drawn; `st.navigation(..., position="hidden")` routes, and `menu()` draws the menu with
  `st.page_link`, as the docs suggest for a custom menu.
* A page that finds itself run without app.py (`in_v1_run()`) calls `run_app_instead()`: it
  runs app.py in its place within the same run and stops. app.py's `st.navigation` switches
  every session to app.py's navigation and routes the URL to the same page. (A `st.rerun()`
  would do the same but lose the click that started the run; AppTest starts every run in the
  v1 mode, so there every click would be lost.)

The map is the default page (the root URL) and also answers at /kartta: a hidden alias page, so
an old link or bookmark to /kartta never meets Streamlit's "Page not found" dialog.
"""

from __future__ import annotations

import streamlit as st

from kumppanuus import config
from kumppanuus.i18n import t

#: (script, title key, icon, url path); the first is the default page.
PAGES = (
    ("pages/kartta.py", "page_map", ":material/map:", "kartta"),
    ("pages/poydat.py", "page_tables", ":material/event:", "poydat"),
    ("pages/yhteyshenkilot.py", "page_people", ":material/groups:", "yhteyshenkilot"),
    ("pages/jarjestoystavallisyys.py", "page_scores", ":material/thumb_up:",
     "jarjestoystavallisyys"),
    ("pages/foorumi.py", "page_forum", ":material/co_present:", "foorumi"),
    ("pages/muistiot.py", "page_memos", ":material/forum:", "muistiot"),
    ("pages/lataa.py", "page_upload", ":material/upload_file:", "lataa"),
)
#: Pages left out while presenting (no editing or admin entry on a projector).
STAFF_ONLY = ("lataa",)
ROOT_ALIAS = "kartta"
#: Pages the sidebar's round filter changes nothing on (it is not drawn there).
WITHOUT_ROUND = ("lataa",)  # the people page shows a round's roster and compares rounds


def pages(lang: str, presentation: bool) -> list[st.Page]:
    """The pages in `lang`: the default page at the root, the rest by their url path, plus the
    hidden /kartta alias of the default page."""
    out = []
    for i, (script, key, icon, url) in enumerate(PAGES):
        if presentation and url in STAFF_ONLY:
            continue
        out.append(st.Page(script, title=t(key, lang), icon=icon,
                           url_path="" if i == 0 else url, default=i == 0))
    script, key, icon, url = PAGES[0]
    out.append(st.Page(script, title=t(key, lang), icon=icon, url_path=ROOT_ALIAS,
                       visibility="hidden"))
    return out


def navigate(nav_pages: list[st.Page]) -> st.Page:
    """Route this run (the menu is drawn by `menu`)."""
    return st.navigation(nav_pages, position="hidden")


def menu(nav_pages: list[st.Page]) -> None:
    """The sidebar menu: one link per visible page."""
    for page in nav_pages:
        if page.visibility == "visible":
            st.sidebar.page_link(page)
    st.sidebar.divider()


def in_v1_run() -> bool:
    """True when Streamlit ran a page file directly (the first request after a server start).
    Read only: app.py's `st.navigation` is what turns the mode off."""
    from streamlit.runtime.pages_manager import PagesManager

    return bool(PagesManager.uses_pages_directory)


def run_app_instead() -> None:
    """From a page run without app.py: run app.py (page config, sidebar, login gate, routing to
    this same page) within this run, then stop."""
    app_path = config.REPO_ROOT / "app.py"
    code = compile(app_path.read_text(encoding="utf-8"), str(app_path), "exec")
    exec(code, {"__name__": "__main__", "__file__": str(app_path)})  # noqa: S102
    st.stop()
