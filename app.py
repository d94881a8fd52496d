"""Kumppanuuskartta: page config, shared sidebar, login state and the navigation."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from kumppanuus.i18n import t
from ui import auth, context, data, login

lang = context.chosen_lang()
st.set_page_config(page_title=t("app_title", lang), page_icon="🗺️", layout="wide")

try:
    with st.spinner(t("opening_db", lang)):
        data.store()  # creates and seeds the database on first run
    ctx = context.sidebar()
except SQLAlchemyError as exc:
    st.error(t("db_error", lang, error=type(exc).__name__))
    st.stop()
st.session_state["_ctx"] = ctx
if ctx.presentation:
    context.presentation_css()

pages = [
    st.Page("pages/kartta.py", title=ctx.tr("page_map"), icon=":material/map:", url_path="kartta",
            default=True),
    st.Page("pages/poydat.py", title=ctx.tr("page_tables"), icon=":material/event:", url_path="poydat"),
    st.Page("pages/yhteyshenkilot.py", title=ctx.tr("page_people"), icon=":material/groups:",
            url_path="yhteyshenkilot"),
    st.Page("pages/jarjestoystavallisyys.py", title=ctx.tr("page_scores"), icon=":material/thumb_up:",
            url_path="jarjestoystavallisyys"),
    st.Page("pages/lataa.py", title=ctx.tr("page_upload"), icon=":material/upload_file:", url_path="lataa"),
]
page = st.navigation(pages)
if ctx.user:
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
