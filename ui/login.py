"""Login form, shown at the upload page's URL to anyone not logged in as staff."""

import streamlit as st

from kumppanuus import config
from ui import auth


def render(ctx) -> None:
    """Drawn by app.py instead of the upload page while nobody is logged in."""
    st.title(ctx.tr("page_upload"))
    _body()


def _body() -> None:
    st.info("Aineiston lataaminen ja yhteystietojen näkeminen vaativat henkilökunnan kirjautumisen. "
            "Kaikki muut sivut ovat avoinna ilman kirjautumista.")

    if auth.oidc_configured():
        st.button("Kirjaudu organisaation tunnuksella", on_click=st.login, type="primary")

    if not auth.staff_configured():
        st.warning(
            "Henkilökunnan tunnuksia ei ole vielä määritetty, joten lataussivu on suljettu.\n\n"
            "Ylläpitäjä lisää tunnuksen komennolla\n\n"
            "`python -m kumppanuus add-user KÄYTTÄJÄTUNNUS`\n\n"
            f"(salasana kysytään; tunnukset tallentuvat bcrypt-tiivisteinä tiedostoon "
            f"`{config.staff_file()}`, joka ei kuulu versionhallintaan)."
        )
    else:
        with st.form("login"):
            username = st.text_input("Käyttäjätunnus")
            password = st.text_input("Salasana", type="password")
            submitted = st.form_submit_button("Kirjaudu", type="primary")
        if submitted:
            error = auth.try_login(username.strip(), password)
            if error:
                st.error(error)
            else:
                st.rerun()
