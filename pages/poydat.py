"""Tables page: attendance per partnership table."""

import streamlit as st

from kumppanuus import metrics
from kumppanuus.i18n import fmt_date, fmt_number
from ui import context, data

ctx = context.current()
st.title(ctx.tr("page_tables"))
tables = data.frame("tables")
if ctx.round:
    tables = tables[tables["round"] == ctx.round]
totals = metrics.round_totals(tables)
c1, c2, c3 = st.columns(3)
c1.metric(ctx.tr("participants"), fmt_number(totals["participants"], ctx.lang))
c2.metric(ctx.tr("tables_count"), fmt_number(totals["tables"], ctx.lang))
c3.metric(ctx.tr("mean_participants"), fmt_number(totals["mean"], ctx.lang, 1))
view = metrics.tables_view(tables, data.reference("municipalities"))
view["päivämäärä"] = view["date"].map(lambda d: fmt_date(d, ctx.lang))
st.dataframe(view[["table_no", "päivämäärä", "name", "municipality_names", "participants"]],
             hide_index=True)
