"""Map page: the municipalities by Leader area (the folium map is drawn by geo/)."""

import streamlit as st

from kumppanuus import metrics
from ui import context, data

ctx = context.current()
st.title(ctx.tr("page_map"))
summary = metrics.municipality_summary(data.frame("tables"), data.reference("municipalities"))
st.dataframe(summary[["code", "name_fi", "name_sv", "leader_area", "joint_authority",
                      "n_tables", "participants"]], hide_index=True)
