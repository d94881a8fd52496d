"""Login form shown at the upload page's URL to anyone not logged in as staff."""

import streamlit as st

from ui import context

ctx = context.current()
st.title(ctx.tr("page_upload"))
st.info("Aineiston lataaminen vaatii henkilökunnan kirjautumisen.")
