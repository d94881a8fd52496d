"""Round comparison widgets shared by the pages: totals per round, attendance per municipality
and Leader area per round side by side, and one round (one page of tables) at a time for the
per-table charts. Every number comes from kumppanuus.rounds / metrics; rounds are named in
every legend and heading, and no widget adds rounds together."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from kumppanuus import charts, metrics, rounds
from kumppanuus.i18n import fmt_number
from kumppanuus.markup import plain
from ui import data, views
from ui.downloads import chart_buttons

#: Bars per page in a per-table chart (a nation-scale round has hundreds of tables).
PAGE = 40


def totals_per_round(tables: pd.DataFrame, names: list[str], ctx) -> None:
    """One column per round: participants (change from the previous round), tables, mean."""
    previous = None
    for col, rnd in zip(st.columns(len(names)), names):
        totals = metrics.round_totals(tables[tables["round"] == rnd])
        delta = None if previous is None else fmt_number(
            totals["participants"] - previous, ctx.lang)
        col.metric(f"{ctx.tr('participants')} · {rnd}",
                   fmt_number(totals["participants"], ctx.lang), delta)
        col.caption(ctx.tr("tables_round_counts", tables=fmt_number(totals["tables"], ctx.lang),
                           mean=fmt_number(totals["mean"], ctx.lang, 1)))
        previous = totals["participants"]


def _change_labels(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return df.assign(change_label=[
        "–" if v != v else ("+" if v > 0 else "") + fmt_number(v, lang)
        for v in df["change_participants"]])


def attendance_by_round(tables, munis, areas_df, names: list[str], ctx, scope: tuple) -> None:
    """Participants per Leader area and per municipality, one bar per round, side by side;
    more than `PAGE` municipalities (a nation) are paged, most participants first. Built once
    per data version of the tables and the sidebar's choices (`scope`)."""
    st.subheader(ctx.tr("compare_heading", rounds=" – ".join(map(plain, names))))

    def frames() -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
        per_muni = _change_labels(rounds.attendance_by_round(tables, munis, names), ctx.lang)
        per_muni = per_muni.assign(participants=per_muni["participants"].fillna(0).astype(int))
        per_area = _change_labels(
            rounds.area_attendance_by_round(tables, munis, areas_df, names), ctx.lang)
        order = per_muni.groupby("code")["participants"].max().sort_values(
            ascending=False, kind="stable").index.tolist()
        return per_area, per_muni, order
    key = (*scope, tuple(names))
    per_area, per_muni, order = views.memo("cmp_attendance", ("tables",), key, frames)
    page = municipality_page(len(order), ctx)
    shown = per_muni[per_muni["code"].isin(order[page * PAGE:(page + 1) * PAGE])]

    def build() -> list[tuple[dict, pd.DataFrame, str]]:
        out = []
        for frame, category, title_key, name in (
                (per_area, "name", "compare_per_area", "osallistujat_alueittain_kierroksittain"),
                (shown, "name_fi", "compare_per_municipality",
                 "osallistujat_kunnittain_kierroksittain")):
            chart = charts.round_bars(frame, category, "participants", names,
                                      title=ctx.tr(title_key), lang=ctx.lang)
            out.append((chart.to_dict(validate=False), frame.drop(columns=["change_label"]),
                        name))
        return out
    for spec, frame, name in views.memo("cmp_attendance_charts", ("tables",), (*key, page),
                                        build):
        st.vega_lite_chart(spec=spec, width="stretch")
        chart_buttons(spec, frame, name, key=name, lang=ctx.lang)


def municipality_page(total: int, ctx) -> int:
    """Which `PAGE` municipalities the per-municipality comparison shows (0 when all fit)."""
    if total <= PAGE:
        return 0
    pages = math.ceil(total / PAGE)
    if "compare_muni_page" in st.session_state:
        st.session_state["compare_muni_page"] = valid_page(
            st.session_state["compare_muni_page"], pages)
    return st.selectbox(ctx.tr("compare_municipality_page"), range(pages),
                        key="compare_muni_page", format_func=lambda i: ctx.tr(
                            "compare_municipality_page_of", first=i * PAGE + 1,
                            last=min((i + 1) * PAGE, total), total=total))


def one_round(names: list[str], ctx) -> str:
    """Which round the per-table charts show (never one list of every round's tables)."""
    if len(names) == 1:
        return names[0]
    if st.session_state.get("tables_one_round") not in names:
        st.session_state["tables_one_round"] = names[-1]
    return st.segmented_control(ctx.tr("compare_show_round"), names, key="tables_one_round")


def valid_page(kept, pages: int) -> int:
    """A page number that exists: a stale one (the list shrank under a filter, or a crafted
    session) falls back to the last page, anything that is no page number to the first."""
    if isinstance(kept, bool) or not isinstance(kept, int):
        return 0
    return min(max(kept, 0), pages - 1)


def page_of(view: pd.DataFrame, ctx) -> tuple[pd.DataFrame, int]:
    """The tables of one page (date order) when there are more than `PAGE`, and its number."""
    if len(view) <= PAGE:
        return view, 0
    ordered = view.sort_values(["date", "table_no"])
    pages = math.ceil(len(ordered) / PAGE)
    if "tables_page" in st.session_state:
        st.session_state["tables_page"] = valid_page(st.session_state["tables_page"], pages)
    page = st.selectbox(ctx.tr("tables_page"), range(pages), key="tables_page",
                        format_func=lambda i: ctx.tr(
                            "tables_page_of", first=i * PAGE + 1,
                            last=min((i + 1) * PAGE, len(ordered)), total=len(ordered)))
    return ordered.iloc[page * PAGE:(page + 1) * PAGE], page


def round_overview(names: list[str], ctx) -> None:
    """The rounds' narrative facts (each with its source) and partner organisations."""
    facts, partners = views.memo("cmp_overview", ("round_facts", "organisations"),
                                 (tuple(names), ctx.lang), lambda: _overview(names, ctx))
    for rnd, rows in facts.groupby("round", sort=False):
        st.markdown(f"**{ctx.tr('round_facts_heading', round=rnd)}**")
        for text, source in zip(rows["text"], rows["source"]):
            st.markdown(f"- {plain(text)} *({ctx.tr('source_label')}: {plain(source)})*")
    if partners is None:
        return
    with st.expander(ctx.tr("partners_heading", n=len(partners), rounds=", ".join(names))):
        st.dataframe(partners, hide_index=True)


def _overview(names: list[str], ctx) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The facts of the rounds and their partners as shown (roles and types in words)."""
    facts = rounds.facts_of(data.frame("round_facts"), names)
    partners = rounds.partners_by_round(data.frame("organisations"), names)
    if partners.empty:
        return facts, None
    roles = {r: ctx.tr(f"org_role_{r}") for r in ("organiser", "host", "partner")}
    shown = partners.assign(type=partners["type"].map(lambda v: ctx.tr(f"org_type_{v}")))
    for rnd in names:
        shown[rnd] = shown[rnd].map(lambda v: roles.get(v, "–") if v else "–")
    if "new" in shown.columns:
        shown["new"] = shown["new"].map({True: ctx.tr("partner_new"), False: ""})
    return facts, shown.rename(columns={"name": ctx.tr("col_name"), "type": ctx.tr("org_type"),
                                        "new": ctx.tr("partner_new")})
