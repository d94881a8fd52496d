"""Upload page (staff only): choose a file, validate, preview, confirm; history and undo.

The parsed upload and its preview live in session state this page owns ("upload"), so leaving
the page and coming back does not lose the work (Streamlit drops widget state on navigation).
"""

import streamlit as st

from kumppanuus import config, templates
from kumppanuus.i18n import fmt_number
from ui import context, data, login, upload

ctx = context.current()
if not ctx.user:  # app.py already gates the navigation; never trust one lock alone
    login.render(ctx)
    st.stop()
st.title(ctx.tr("page_upload"))
state = st.session_state.setdefault("upload", {})
upload.announce_done(ctx.lang)

tab_upload, tab_history, tab_templates = st.tabs(
    [ctx.tr("tab_upload_file"), ctx.tr("tab_history"), ctx.tr("tab_templates")])
with tab_upload:
    file = st.file_uploader(ctx.tr("upload_file_label"), type=["csv", "txt", "tsv", "xlsx"],
                            key="upload_file", max_upload_size=config.max_upload_mb())
    if file is not None and file.file_id != state.get("file_id"):
        upload.start(state, file)
    if state.get("data") is None:
        st.info(ctx.tr("upload_choose_file"))
    else:
        upload.choose_kind(state, ctx.lang)
        if state["kind"] == "menti":
            upload.menti_form(state, data.municipalities(ctx.lang), ctx.lang)
        if st.button(ctx.tr("upload_check"), type="primary"):
            upload.check(state, ctx.lang)
        if state.get("checked") is not None:
            upload.show_result(state, ctx.user, ctx.lang)

with tab_history:
    upload.announce_undo(ctx.lang)
    upload.history(ctx.lang)

with tab_templates:
    st.write(ctx.tr("templates_note"))
    for kind in templates.EXAMPLE_ROWS:
        c1, c2, c3 = st.columns([2, 1, 1])
        c1.write(f"**{upload.kind_title(kind, ctx.lang)}** (`{kind}`)")
        # made on a click (a callable), not ten workbooks on every rerun
        c2.download_button("CSV", lambda kind=kind: templates.template_csv(kind),
                           f"pohja_{kind}.csv", "text/csv", key=f"tpl_csv_{kind}",
                           on_click="ignore")
        c3.download_button("XLSX", lambda kind=kind: templates.template_xlsx(kind),
                           f"pohja_{kind}.xlsx", key=f"tpl_xlsx_{kind}", on_click="ignore")
    st.caption(ctx.tr("upload_limits", mb=fmt_number(config.max_upload_mb(), ctx.lang),
                      rows=fmt_number(config.MAX_ROWS, ctx.lang)))
