"""Follow-up actions: a municipality's list (map panel, forum view, memos page), the staff
editor and the staff overview. What is open, stale or changing is decided in
`kumppanuus.followup`; saving an edit goes through `kumppanuus.ingest.actions_edit`, which makes it an
import like any file (checked, one transaction, recorded, undoable)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kumppanuus import followup
from kumppanuus.ingest import actions_edit
from kumppanuus.i18n import fmt_date, municipality_names, t
from kumppanuus.markup import plain
from kumppanuus.values import text_of
from ui import context, data, views

LIST_HEADERS = {"round": "round", "table_no": "col_table", "action_no": "col_action_no",
                "title": "col_action_title", "status": "col_status", "owner": "col_owner",
                "decided_by": "col_decided_by", "due": "col_due", "updated": "col_updated"}


def status_label(status, lang: str = "fi") -> str:
    return t(f"status_{text_of(status, 'proposed')}", lang)


def shown_frame(actions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Actions as a viewer reads them: status and dates in `lang`, headers translated."""
    out = actions[[c for c in LIST_HEADERS if c in actions.columns]].copy()
    out["status"] = out["status"].map(lambda s: status_label(s, lang))
    for col in ("due", "updated"):
        out[col] = out[col].map(lambda d: "" if pd.isna(d) else fmt_date(d, lang))
    return out.rename(columns={c: t(k, lang) for c, k in LIST_HEADERS.items()})


def municipality_actions(codes, lang: str = "fi", *, round_name: str | None = None) -> None:
    """The actions of one municipality (or of a Leader area's municipalities) and their
    status: the map panel and the forum view."""
    codes = [codes] if isinstance(codes, str) else list(codes)

    def listed() -> tuple[int, pd.DataFrame]:
        actions = data.frame("actions")
        if round_name:
            actions = actions[actions["round"] == round_name]
        mine = pd.concat([followup.for_municipality(actions, c) for c in codes]) if codes \
            else actions.iloc[0:0]
        return int(followup.is_open(mine).sum()), shown_frame(mine, lang)

    # once per version of the actions (a map click reruns the panel)
    n_open, shown = views.memo("municipality_actions", ("actions",), (tuple(codes), round_name, lang), listed)
    st.markdown(f"**{t('actions_heading', lang)}** · {t('actions_open_n', lang, n=n_open)}")
    if shown.empty:
        st.caption(t("actions_none", lang))
        return
    st.dataframe(shown, hide_index=True)


def actions_section(ctx: context.Context) -> None:
    actions = data.frame("actions")
    if ctx.round:
        actions = actions[actions["round"] == ctx.round]
    if ctx.municipality:
        actions = actions[actions["municipality"] == ctx.municipality]
    names = municipality_names(data.reference("municipalities"), ctx.lang)
    if ctx.user and not ctx.presentation:
        editor(actions, ctx)
        return
    if actions.empty:
        st.info(ctx.tr("actions_none"))
        return
    shown = shown_frame(actions, ctx.lang)
    shown.insert(0, ctx.tr("municipality"), actions["municipality"].map(names).to_numpy())
    st.dataframe(shown, hide_index=True)


def _editor_config(ctx: context.Context, names: dict[str, str]) -> dict:
    cc = st.column_config
    return {
        "round": cc.TextColumn(ctx.tr("round"), required=True),
        "table_no": cc.NumberColumn(ctx.tr("col_table"), min_value=1, step=1, required=True),
        "action_no": cc.NumberColumn(ctx.tr("col_action_no"), min_value=1, step=1,
                                     required=True),
        "municipality": cc.SelectboxColumn(ctx.tr("municipality"), options=list(names),
                                           format_func=names.get, required=True),
        "title": cc.TextColumn(ctx.tr("col_action_title"), required=True, width="large"),
        "criterion": cc.SelectboxColumn(ctx.tr("col_criterion"), options=list(range(1, 8))),
        "owner": cc.TextColumn(ctx.tr("col_owner")),
        "status": cc.SelectboxColumn(ctx.tr("col_status"), options=list(followup.STATUS_ORDER),
                                     format_func=lambda s: status_label(s, ctx.lang),
                                     default="proposed"),
        "decided_by": cc.TextColumn(ctx.tr("col_decided_by")),
        "due": cc.DateColumn(ctx.tr("col_due"), format="D.M.YYYY"),
        "updated": cc.DateColumn(ctx.tr("col_updated"), format="D.M.YYYY"),
        "note": cc.TextColumn(ctx.tr("col_note")),
    }


def editor(actions: pd.DataFrame, ctx: context.Context) -> None:
    """Staff edit the actions in place; saving is an import (audit, undo)."""
    names = municipality_names(data.reference("municipalities"), ctx.lang)
    st.caption(ctx.tr("actions_edit_help"))
    frame = actions_edit.editable(actions)
    edited = st.data_editor(frame, column_config=_editor_config(ctx, names), num_rows="add",
                            hide_index=True, key="actions_editor")
    if not st.button(ctx.tr("actions_save"), type="primary", key="actions_save"):
        _announce()
        return
    checked = actions_edit.check_edit(data.store(), frame, edited, today=dt.date.today())
    if checked is None:
        st.info(ctx.tr("actions_no_change"))
    elif checked.problems:
        st.error(ctx.tr("actions_problems", n=len(checked.problems)))
        st.dataframe(checked.result.problems_frame(), hide_index=True)
    else:
        import_id, plan = actions_edit.write(data.store(), checked, user=ctx.user)
        data.refresh()
        st.session_state["actions_saved"] = (import_id, len(plan.added), len(plan.updated))
        st.session_state.pop("actions_editor", None)
        st.rerun()


def _announce() -> None:
    done = st.session_state.pop("actions_saved", None)
    if done:
        st.success(t("actions_saved", context.current().lang, id=done[0], added=done[1],
                     updated=done[2]))


def followup_section(ctx: context.Context) -> None:
    """Staff overview: stale open actions, liaisons changing."""
    names = municipality_names(data.reference("municipalities"), ctx.lang)
    stale = followup.stale_actions(data.frame("actions"), dt.date.today())
    st.subheader(ctx.tr("followup_stale", months=followup.STALE_MONTHS))
    if stale.empty:
        st.success(ctx.tr("followup_stale_none"))
    else:
        shown = shown_frame(stale, ctx.lang)
        shown.insert(0, ctx.tr("municipality"), stale["municipality"].map(names).to_numpy())
        st.dataframe(shown, hide_index=True)
    st.subheader(ctx.tr("followup_changing"))
    changing = followup.changing_liaisons(data.frame("contacts"))
    if changing.empty:
        st.success(ctx.tr("followup_changing_none"))
        return
    for row in changing.itertuples(index=False):
        st.markdown(f"- **{plain(names.get(row.municipality, row.municipality))}**: "
                    f"{plain(row.name)} — {plain(text_of(row.note))}")
