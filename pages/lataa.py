"""Upload page (staff only): validate, preview, confirm, audit, undo."""

import streamlit as st

from ui import context

ctx = context.current()
st.title(ctx.tr("page_upload"))
