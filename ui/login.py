"""Login form, shown at the upload page's URL to anyone not logged in as staff."""

import streamlit as st

from kumppanuus.i18n import t
from ui import auth


def render(ctx) -> None:
    """Drawn by app.py instead of the upload page while nobody is logged in."""
    st.title(ctx.tr("page_upload"))
    _body(ctx.lang)


def _body(lang: str = "fi") -> None:
    st.info(t("login_info", lang))

    if auth.oidc_configured():
        st.button(t("login_oidc", lang), on_click=st.login, type="primary")

    if not auth.staff_configured():
        st.warning(t("login_not_configured", lang))  # no server path on screen
    else:
        with st.form("login"):
            username = st.text_input(t("username", lang))
            password = st.text_input(t("password", lang), type="password")
            submitted = st.form_submit_button(t("login_submit", lang), type="primary")
        if submitted:
            error = auth.try_login(username.strip(), password, lang)
            if error:
                st.error(error)
            else:
                st.rerun()
