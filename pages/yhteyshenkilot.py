"""People page: liaisons per municipality, Leader coordinators and organisers."""

import streamlit as st

from kumppanuus import privacy
from ui import context, data

ctx = context.current()
st.title(ctx.tr("page_people"))
contacts = privacy.for_viewer(data.frame("contacts"), user=ctx.user,
                              presentation=ctx.presentation)
st.dataframe(contacts, hide_index=True)
