"""Tables page: participants per table, per capita, the round's timeline, registrations,
feedback and one table's details. Logic lives in kumppanuus.metrics / charts / directory."""

import pandas as pd
import streamlit as st

from kumppanuus import charts, directory, examples, metrics, rounds
from kumppanuus.values import record
from kumppanuus.markup import plain
from kumppanuus.i18n import fmt_date, fmt_number, t
from kumppanuus.score_charts import feedback_chart
from ui import compare, context, data, downloads, present, reports, views

TABS = ["tab_participants", "tab_per_capita", "tab_timeline", "tab_registrations",
        "tab_feedback", "tab_details"]  # STRINGS keys
TABLES = ("tables",)  # the kind the kept views read (`ui.views.memo`)
#: Headers of the downloaded chart data (downloads keep the spec's Finnish headers).
FIGURE_HEADERS = {"round": "kierros", "table_no": "nro", "name": "nimi", "group": "ryhmä",
                  "count": "lukumäärä"}


def chart_block(chart, df, name: str, lang: str, note: str = "", drawn: bool = False) -> None:
    """A chart (or, `drawn`, a spec already made by `present.spec`) and its downloads."""
    if note:
        st.caption(note)
    spec = chart if drawn else present.spec(chart, context.presenting())
    present.draw(spec, width="stretch")
    downloads.chart_buttons(spec, df, name, key=name, lang=lang)


def figure_labels(columns: dict[str, str], lang: str) -> dict[str, str]:
    """{column: label in `lang`} for metrics.REGISTRATION_COLUMNS / PRESENCE_COLUMNS."""
    return {column: t(f"fig_{column}", lang) for column in columns}


def figures_block(row: dict, columns: dict[str, str], missing: str, lang: str) -> None:
    figures = metrics.figures_of(row, figure_labels(columns, lang))
    if not figures:
        st.info(missing)
        return
    for col, (label, value) in zip(st.columns(len(figures)), figures.items()):
        col.metric(label.capitalize(), fmt_number(value, lang))


def stacked_block(long, view, columns: dict[str, str], what: str, name: str, lang: str
                  ) -> None:
    """`what`: 'registrations' or 'presence' (the STRINGS keys); `name`: the file name."""
    if long.empty:
        st.info(t(f"{what}_empty", lang))
        return
    labels = figure_labels(columns, lang)
    long = long.assign(group=long["measure"].map(labels)).merge(
        view[["round", "table_no", "bar_label"]], on=["round", "table_no"])
    chart_block(charts.stacked_chart(long, t(f"chart_{what}", lang), list(labels.values()),
                                     lang=lang),
                long[list(FIGURE_HEADERS)].rename(columns=FIGURE_HEADERS), name, lang)
    missing = len(view) - len(long[["round", "table_no"]].drop_duplicates())
    if missing:
        st.caption(t(f"{what}_missing", lang, n=fmt_number(missing, lang)))


def figures_tab(tables, view, lang: str) -> None:
    stacked_block(metrics.registrations(tables), view, metrics.REGISTRATION_COLUMNS,
                  "registrations", "ilmoittautuneita", lang)
    stacked_block(metrics.presence(tables), view, metrics.PRESENCE_COLUMNS, "presence",
                  "läsnä", lang)


def feedback_block(feedback, view, lang: str) -> None:
    if feedback.empty:
        st.info(t("tables_feedback_empty", lang))
        return
    keys = metrics.feedback_tables(feedback, view)
    pick = st.selectbox(t("label_table", lang), [None, *keys], key="feedback_pick",
                        format_func=lambda k: t("all_selected_tables", lang) if k is None
                        else keys[k])
    rows = metrics.feedback_rows(feedback, pick)
    for question in [q for q in ("content", "heard_via") if q in set(rows["question"])]:
        context.showing(rows)
        chart = feedback_chart(rows, question, examples.has_example_rows(rows), lang=lang,
                               subtitle=keys[pick] if pick else None)
        chart_block(chart, rows[["round", "table_no", "question", "option", "count",
                                 "is_example"]], f"palaute_{question}", lang)


def round_people(rnd: str):
    """The directory of the contacts as they stood in round `rnd` (kumppanuus.liaisons)."""
    return views.memo("tb_people", ("contacts", "tables"), (rnd, ctx.lang),
                      lambda: directory.build(data.contact_history().roster(rnd), munis,
                                              areas_df, lang=ctx.lang))


def detail_block(view, ctx: context.Context) -> None:
    keys = [f"{r}|{n}" for r, n in zip(view["round"], view["table_no"])]
    dates = view["date"].map(lambda d: fmt_date(d, ctx.lang))
    labels = dict(zip(keys, view["bar_label"] + " – " + dates))
    pick = st.selectbox(ctx.tr("pick_table"), keys, format_func=labels.get, key="table_pick")
    row = record(view.iloc[keys.index(pick)])  # missing → None: `if row[...]` is safe
    st.markdown(f"**{ctx.tr('label_date')}:** {fmt_date(row['date'], ctx.lang)}  \n"
                f"**{ctx.tr('label_municipalities')}:** {row['municipality_names']}  \n"
                f"**{ctx.tr('participants')}:** {fmt_number(row['participants'], ctx.lang)}")
    st.markdown(f"**{ctx.tr('registrations_by_group')}**")
    figures_block(row, metrics.REGISTRATION_COLUMNS, ctx.tr("no_registrations"), ctx.lang)
    st.markdown(f"**{ctx.tr('presence_heading')}**")
    figures_block(row, metrics.PRESENCE_COLUMNS, ctx.tr("no_presence"), ctx.lang)
    st.markdown(f"**{ctx.tr('speakers')}**")
    speakers = metrics.speakers_of(data.frame("speakers"), row["round"], row["table_no"])
    st.dataframe(speakers.rename(columns=ctx.headers(
        {"name": "col_name", "title": "col_title", "organisation": "col_organisation"})),
        hide_index=True)
    hosts = rounds.hosts_of(data.frame("table_hosts"), row["round"], row["table_no"])
    if hosts:
        st.markdown(f"**{ctx.tr('table_hosts')}:** " + ", ".join(plain(h) for h in hosts))
    # the liaisons of the table's round, as that round's contacts imports left them
    st.markdown(f"**{ctx.tr('municipal_liaisons_round', round=plain(row['round']))}**")
    st.dataframe(directory.liaisons_for(round_people(row["round"]), metrics.split_codes(row["municipalities"]),
                                        personal=ctx.personal, lang=ctx.lang), hide_index=True)
    if row["memo_url"]:
        st.link_button(ctx.tr("open_memo"), row["memo_url"])


def selected_tables() -> pd.DataFrame:
    """The tables of the sidebar's area or municipality, in the rounds it compares."""
    tables = metrics.filter_tables(data.frame("tables"), munis, leader_area=ctx.leader_area,
                                   municipality=ctx.municipality)
    return tables[tables["round"].isin(ctx.rounds)].reset_index(drop=True)


def tables_and_rounds() -> tuple[pd.DataFrame, list[str]]:
    """The selected tables and their rounds in time order."""
    tables = selected_tables()
    return tables, [r for r in rounds.time_order(tables, ctx.rounds) if r in set(tables["round"])]


def round_view(tables: pd.DataFrame) -> pd.DataFrame:
    """One round's tables (or every selected round's, when only one) for the per-table views."""
    return metrics.with_unique_labels(metrics.tables_view(tables, munis))


def tab_chart(build, name: str, note: str = "") -> None:
    """One tab's chart, built once per filter, round, page, language and presentation."""
    def make() -> tuple[dict, pd.DataFrame]:
        return (present.spec(build(charts.attendance_frame(view, areas, ctx.lang)),
                             context.presenting()), metrics.attendance_export(view, areas_df))
    spec, export = views.memo(f"tb_{name}", TABLES, (*scope, shown_round, page_no, ctx.lang,
                                                     context.presenting()), make)
    chart_block(spec, export, name, ctx.lang, note, drawn=True)


ctx = context.current()
st.title(ctx.tr("page_tables"))
munis = data.municipalities(ctx.lang)
areas_df = data.reference("leader_areas")
areas = dict(zip(areas_df["code"], areas_df["name"]))
#: What the sidebar chose: every view below is kept per data version of the tables and this.
scope = (ctx.leader_area, ctx.municipality, tuple(ctx.rounds), ctx.lang)
tables, names = views.memo("tb_tables", TABLES, scope, tables_and_rounds)
if tables.empty:
    st.info(ctx.tr("tables_none"))
else:
    compare.round_overview(names, ctx)
    shown_round = None
    if len(names) > 1:  # rounds side by side, each named; never one merged total or list
        compare.totals_per_round(tables, names, ctx)
        compare.attendance_by_round(tables, munis, areas_df, names, ctx, scope)
        shown_round = compare.one_round(names, ctx)
        tables = tables[tables["round"] == shown_round]
    view = views.memo("tb_view", TABLES, (*scope, shown_round), lambda: round_view(tables))
    totals = metrics.round_totals(tables)
    c1, c2, c3 = st.columns(3)
    c1.metric(ctx.tr("participants"), fmt_number(totals["participants"], ctx.lang))
    c2.metric(ctx.tr("tables_count"), fmt_number(totals["tables"], ctx.lang))
    c3.metric(ctx.tr("mean_participants"), fmt_number(totals["mean"], ctx.lang, 1))
    st.caption(ctx.tr("tables_round", round=", ".join(map(plain, sorted(set(tables["round"]))))))
    view, page_no = compare.page_of(view, ctx)
    reports.download_buttons(ctx, key="tables_report")
    sections = [
        lambda: tab_chart(lambda f: charts.participants_chart(f, areas, lang=ctx.lang),
                          "osallistujat"),
        lambda: tab_chart(lambda f: charts.per_capita_chart(f, areas, lang=ctx.lang),
                          "osallistujat_per_1000", ctx.tr("per_capita_note")),
        lambda: tab_chart(lambda f: charts.timeline_chart(f, areas, lang=ctx.lang), "aikajana"),
        lambda: figures_tab(tables, view, ctx.lang),
        lambda: feedback_block(metrics.feedback_of(data.frame("feedback"), tables), view,
                               ctx.lang),
        lambda: detail_block(view, ctx),
    ]
    # Lazy tabs: only the open tab is computed and sent (one chart per run, not five).
    tabs = st.tabs([ctx.tr(key) for key in TABS], key="tables_tab", on_change="rerun")
    for tab, draw in zip(tabs, sections):
        if tab.open:
            with tab:
                draw()
