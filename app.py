"""Kumppanuuskartta: page config, shared sidebar, login state and the navigation."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from kumppanuus.i18n import t
from ui import auth, context, data, login, nav, present

present.read_url_once()  # ?esitys=1&lang=sv&kierros=…: a prepared link or a reload
lang = context.chosen_lang()
st.set_page_config(page_title=t("app_title", lang), page_icon="🗺️", layout="wide",
                   initial_sidebar_state=present.sidebar_state())

nav_pages = nav.pages(lang, context.presenting())
nav.menu(nav_pages)  # first in the sidebar, as Streamlit's own
page = nav.navigate(nav_pages)
try:
    with st.spinner(t("opening_db", lang)):
        data.store()  # creates and seeds the database on first run
    ctx = context.sidebar(round_filter=page.url_path not in nav.WITHOUT_ROUND)
except SQLAlchemyError as exc:
    st.error(t("db_error", lang, error=type(exc).__name__))
    st.stop()
st.session_state["_ctx"] = ctx
present.styles(ctx.presentation)
present.write_url(ctx.presentation, ctx.lang)

if ctx.user and not ctx.presentation:
    st.sidebar.caption(ctx.tr("logged_in_as", user=ctx.user))
    st.sidebar.button(ctx.tr("logout"), on_click=auth.logout)
context.start_run()
try:
    if page.url_path == "lataa" and not ctx.user:
        # Gate in the navigation: for anyone not logged in as staff, the upload page's URL
        # (also a deep link) shows the login form and the upload page's code never runs.
        login.render(ctx)
    else:
        page.run()
except SQLAlchemyError as exc:
    st.error(t("db_error", ctx.lang, error=type(exc).__name__))
context.source_note(ctx)
