"""Memos page: search what was said and what came of it; highlights, actions, memo files; for
staff the actions editor and the follow-up overview. Internal memos only for logged-in staff,
never in presentation mode (the package decides: `privacy.can_see_internal`)."""

import streamlit as st

from ui import actions, context, memos

ctx = context.current()
st.title(ctx.tr("page_memos"))
st.caption(ctx.tr("memos_intro"))

TABS = ["tab_search", "tab_highlights", "tab_actions", "tab_memo_files"]
if ctx.user and not ctx.presentation:
    TABS.append("tab_followup")
SECTIONS = {"tab_search": memos.search_section, "tab_highlights": memos.highlights_section,
            "tab_actions": actions.actions_section, "tab_memo_files": memos.memo_files_section,
            "tab_followup": actions.followup_section}

# Lazy tabs: only the open tab is computed and sent.
tabs = st.tabs([ctx.tr(key) for key in TABS], key="memos_tab", on_change="rerun")
for key, tab in zip(TABS, tabs):
    if tab.open:
        with tab:
            SECTIONS[key](ctx)
