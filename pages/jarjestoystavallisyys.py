"""NGO-friendliness page: the seven criteria, participants vs managers."""

import streamlit as st

from ui import context, data

ctx = context.current()
st.title(ctx.tr("page_scores"))
st.dataframe(data.reference("criteria"), hide_index=True)
if data.frame("scores").empty:
    st.info("Arvioita ei ole vielä ladattu.")
