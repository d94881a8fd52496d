"""Forum page: one municipality (or Leader area) per screen for the managers' forum.

Participants' vs managers' view of the seven criteria with the gap, n, the tables that covered
it; previous / next in the presenter's order. The place is in the URL (`?kunta=408`, `?alue=…`,
`&jarjestys=gap`), so prepared links and reloads land on the same screen. Screens, order and
labels come from `kumppanuus.forum`; this file only draws.
"""

import pandas as pd
import streamlit as st

from kumppanuus import config, examples, forum, markup, scores
from kumppanuus.examples import real_round
from kumppanuus.metrics import in_round
from kumppanuus import forum_charts as fc
from kumppanuus import score_charts as sc
from kumppanuus.i18n import fmt_date, fmt_number, municipality_names
from ui import actions, context, data, present, reports, views

ctx = context.current()
KIND_PARAM = {"municipality": "kunta", "area": "alue"}
READS = ("scores", "tables")  # the kinds the kept screens read


@st.cache_data(show_spinner=False)
def example_scores() -> pd.DataFrame:
    return examples.load_scores()


def init_state() -> None:
    """First visit in this session: take kind, place, order and example flag from the URL."""
    if "forum_kind" in st.session_state:
        return
    area = present.url_param("alue")
    st.session_state["forum_kind"] = "area" if area else "municipality"
    st.session_state["forum_key"] = area or present.url_param("kunta") or ctx.municipality
    order = present.url_param("jarjestys")
    st.session_state["forum_order"] = order if order in forum.ORDERS else "name"
    st.session_state["forum_example"] = present.url_param("esimerkki") == "1"


def controls() -> None:
    """The presenter's choices, in the sidebar (collapsed while presenting)."""
    st.sidebar.radio(ctx.tr("forum_step_by"), forum.KINDS, key="forum_kind", horizontal=True,
                     format_func=lambda k: ctx.tr(f"forum_by_{k}"))
    st.sidebar.selectbox(ctx.tr("forum_order"), forum.ORDERS, key="forum_order",
                         format_func=lambda o: ctx.tr(f"forum_order_{o}"))
    if not ctx.presentation:
        value = st.sidebar.toggle(ctx.tr("scores_show_example"),
                                  value=st.session_state["forum_example"])
        st.session_state["forum_example"] = value


def go(keys: list[str], delta: int) -> None:
    st.session_state["forum_key"] = forum.step(keys, st.session_state.get("forum_key"), delta)


def navigation(keys: list[str], key: str, name: str, example: bool) -> None:
    """Heading (with the example label) and previous / next, in one row."""
    left, prev, pos, nxt = st.columns([6, 1.3, 0.7, 1.3], vertical_alignment="center")
    badge = f" :orange-badge[:material/science: {ctx.tr('example_label')}]" if example else ""
    left.header(ctx.tr("forum_heading", name=name,
                       round=real_round(ctx.round) or ctx.tr("all_rounds")) + badge,
                anchor=False)
    prev.button(ctx.tr("forum_prev"), on_click=go, args=(keys, -1), key="forum_prev",
                width="stretch")
    pos.markdown(ctx.tr("forum_position", i=keys.index(key) + 1, n=len(keys)))
    nxt.button(ctx.tr("forum_next"), on_click=go, args=(keys, 1), key="forum_next",
               width="stretch")


def table_line(scr: forum.Screen) -> str:
    """The tables that covered the screen, on one line (escaped: '1. …' is not a list)."""
    if scr.tables.empty:
        return ctx.tr("forum_no_tables")
    lines = [ctx.tr("forum_table_line", label=markup.plain(r.label),
                    date=fmt_date(r.date, ctx.lang),
                    participants=fmt_number(r.participants, ctx.lang))
             for r in scr.tables.itertuples()]
    return f"**{ctx.tr('forum_tables')}:** " + " · ".join(lines)


def side_panel(scr: forum.Screen) -> None:
    st.metric(ctx.tr("forum_in_tables"), fmt_number(scr.participants, ctx.lang))
    if scr.has_scores:
        st.metric(ctx.tr("forum_n_participants"), fmt_number(scr.n_of("participants"), ctx.lang))
        st.metric(ctx.tr("forum_n_managers"), fmt_number(scr.n_of("managers"), ctx.lang))


def draw(scr: forum.Screen, spec: dict | None, min_n: int):
    main, side = st.columns([4, 1])
    with main:
        if spec is not None:
            present.draw(spec, key="forum_chart")
            notes = [ctx.tr("scores_gap_note")]
            if scr.has_small_group:
                notes.insert(0, ctx.tr("forum_small_note", n=min_n))
            st.caption(" ".join(notes))
        else:
            st.info(ctx.tr("forum_no_scores"))
        st.markdown(table_line(scr))
    with side:
        side_panel(scr)
    return side


def selected_rows() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The scores (of the round, of the municipalities shown) and the round's tables."""
    rows = in_round(example_scores() if example else data.frame("scores"), rnd)
    return (rows[rows["municipality"].isin(munis["code"])],
            in_round(data.frame("tables"), real_round(ctx.round)))


def ordered_screens() -> tuple[pd.DataFrame, bool]:
    """The screens in the presenter's order, and whether their rows hold example data."""
    score_rows, tables = selected_rows()
    return (forum.screens(score_rows, tables, munis, areas, kind=kind, order=order,
                          min_n=min_n, lang_names=names), examples.has_example_rows(score_rows))


def screen_and_chart(key: str, name: str) -> tuple[forum.Screen, dict | None]:
    """One screen and its chart's finished spec (None without scores)."""
    score_rows, tables = selected_rows()
    scr = forum.screen(key, kind, score_rows, tables, munis, areas, min_n=min_n,
                       criteria=list(labels), name=name)
    if not scr.has_scores:
        return scr, None
    frame = sc.view_frame(scr.view, labels, min_n, ctx.lang)
    chart = fc.comparison_chart(frame, labels, name=scr.name, example=False,
                                lang=ctx.lang, titled=False)  # the heading says it
    return scr, present.spec(chart, ctx.presentation)


init_state()
controls()
kind, order = st.session_state["forum_kind"], st.session_state["forum_order"]
example = st.session_state["forum_example"]
munis, areas = data.reference("municipalities"), data.reference("leader_areas")
if ctx.leader_area and kind == "municipality":
    munis = munis[munis["leader_area"] == ctx.leader_area]
min_n = config.min_group_n()
labels = scores.criterion_labels(data.reference("criteria"), width=fc.LABEL_WIDTH, lang=ctx.lang)
# The in-memory example lives in example rounds: the sidebar's round selects its example twin.
rnd = examples.example_round(ctx.round) if example and ctx.round else ctx.round
names = municipality_names(munis, ctx.lang)
#: Every view is kept per data version of scores and tables and these choices (ui.views).
scope = (kind, order, example, rnd, ctx.round, ctx.leader_area, min_n, ctx.lang)
order_df, example_rows = views.memo("forum_order", READS, scope, ordered_screens)
if example_rows:
    st.session_state[context.EXAMPLE_SHOWN] = True  # context.showing, from the kept flag
keys = order_df["key"].tolist()
if not keys:
    st.title(ctx.tr("page_forum"))
    st.info(ctx.tr("forum_nothing"))
    present.write_url(ctx.presentation, ctx.lang)
    st.stop()
key = st.session_state.get("forum_key")
key = key if key in keys else keys[0]
st.session_state["forum_key"] = key
name = dict(zip(order_df["key"], order_df["name"]))[key]
name = ctx.tr("forum_area_of", area=name) if kind == "area" else name
scr, spec = views.memo("forum_screen", READS, (*scope, key, name, ctx.presentation),
                       lambda: screen_and_chart(key, name))
navigation(keys, key, name, scr.is_example)
side = draw(scr, spec, min_n)
codes = [key] if kind == "municipality" else munis.loc[munis["leader_area"] == key, "code"]
if ctx.presentation:  # one button beside the figures, so the screen still fits a projector
    with side, st.popover(ctx.tr("actions_heading"), width="stretch"):
        actions.municipality_actions(codes, ctx.lang, round_name=real_round(ctx.round))
else:
    actions.municipality_actions(codes, ctx.lang, round_name=real_round(ctx.round))
present.write_url(ctx.presentation, ctx.lang, **{KIND_PARAM[kind]: key},
                  **{KIND_PARAM[k]: None for k in forum.KINDS if k != kind},
                  jarjestys=None if order == "name" else order,
                  esimerkki="1" if example else None)
reports.download_buttons(ctx, key="forum", example=example)
