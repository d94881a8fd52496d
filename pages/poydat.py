"""Tables page: participants per table, per capita, the round's timeline, registrations,
feedback and one table's details. Logic lives in kumppanuus.metrics / charts / directory."""

import streamlit as st

from kumppanuus import charts, directory, metrics
from kumppanuus.i18n import fmt_date, fmt_number
from kumppanuus.score_charts import feedback_chart
from ui import context, data, downloads

TABS = ["Osallistujat", "Suhteessa väkilukuun", "Aikajana", "Ilmoittautuneet", "Palaute",
        "Pöydän tiedot"]
FIGURE_HEADERS = {"round": "kierros", "table_no": "nro", "name": "nimi", "group": "ryhmä",
                  "count": "lukumäärä"}
PER_CAPITA_NOTE = "Usean kunnan pöytä jaetaan kuntien yhteenlasketulla väkiluvulla (2020)."
FEEDBACK_EMPTY = ("Palautekyselyn tuloksia ei ole vielä ladattu – lisää ne Lataa aineistoa "
                  "-sivulla (laji: feedback)")


def chart_block(chart, df, name: str, lang: str, note: str = "") -> None:
    if note:
        st.caption(note)
    st.altair_chart(chart, width="stretch")
    downloads.chart_buttons(chart, df, name, key=name, lang=lang)


def figures_block(row: dict, columns: dict[str, str], missing: str, lang: str) -> None:
    figures = metrics.figures_of(row, columns)
    if not figures:
        st.info(missing)
        return
    for col, (label, value) in zip(st.columns(len(figures)), figures.items()):
        col.metric(label.capitalize(), fmt_number(value, lang))


def stacked_block(long, view, columns: dict[str, str], title: str, what: str, lang: str
                  ) -> None:
    if long.empty:
        st.info(f"Valituista pöydistä ei ole {what} – puuttuvia lukuja ei näytetä nollina.")
        return
    long = long.merge(view[["round", "table_no", "bar_label"]], on=["round", "table_no"])
    chart_block(charts.stacked_chart(long, title, list(columns.values())),
                long[list(FIGURE_HEADERS)].rename(columns=FIGURE_HEADERS), title.lower(), lang)
    missing = len(view) - len(long[["round", "table_no"]].drop_duplicates())
    if missing:
        st.caption(f"{fmt_number(missing, lang)} pöydältä ei ole {what}; "
                   "niitä ei näytetä nollina.")


def figures_tab(tables, view, lang: str) -> None:
    stacked_block(metrics.registrations(tables), view, metrics.REGISTRATION_COLUMNS,
                  "Ilmoittautuneita", "ilmoittautumislukuja", lang)
    stacked_block(metrics.presence(tables), view, metrics.PRESENCE_COLUMNS, "Läsnä",
                  "läsnäololukuja (verkossa enimmillään / paikan päällä)", lang)


def feedback_block(feedback, view, lang: str) -> None:
    if feedback.empty:
        st.info(FEEDBACK_EMPTY)
        return
    keys = metrics.feedback_tables(feedback, view)
    pick = st.selectbox("Pöytä", [None, *keys], key="feedback_pick",
                        format_func=lambda k: "Kaikki valitut pöydät" if k is None else keys[k])
    rows = metrics.feedback_rows(feedback, pick)
    for question in [q for q in ("content", "heard_via") if q in set(rows["question"])]:
        chart = feedback_chart(rows, question, bool(rows["is_example"].any()), lang=lang,
                               subtitle=keys[pick] if pick else None)
        chart_block(chart, rows[["round", "table_no", "question", "option", "count"]],
                    f"palaute_{question}", lang)


def detail_block(view, people, ctx: context.Context) -> None:
    keys = [f"{r}|{n}" for r, n in zip(view["round"], view["table_no"])]
    labels = dict(zip(keys, view["bar_label"] + " – " + view["date"].map(fmt_date)))
    pick = st.selectbox("Valitse pöytä", keys, format_func=labels.get, key="table_pick")
    row = view.iloc[keys.index(pick)].to_dict()
    st.markdown(f"**Päivämäärä:** {fmt_date(row['date'], ctx.lang)}  \n"
                f"**Kunnat:** {row['municipality_names']}  \n"
                f"**Osallistujia:** {fmt_number(row['participants'], ctx.lang)}")
    st.markdown("**Ilmoittautuneet ryhmittäin**")
    figures_block(row, metrics.REGISTRATION_COLUMNS,
                  "Tästä pöydästä ei ole ilmoittautumislukuja.", ctx.lang)
    st.markdown("**Läsnä verkossa ja paikan päällä**")
    figures_block(row, metrics.PRESENCE_COLUMNS, "Tästä pöydästä ei ole läsnäololukuja.",
                  ctx.lang)
    st.markdown("**Alustajat**")
    speakers = metrics.speakers_of(data.frame("speakers"), row["round"], row["table_no"])
    st.dataframe(speakers.rename(columns={"name": "nimi", "title": "tehtävä",
                                          "organisation": "organisaatio"}), hide_index=True)
    st.markdown("**Kuntien järjestöyhdyshenkilöt**")
    st.dataframe(directory.liaisons_for(people, metrics.split_codes(row["municipalities"]),
                                        personal=ctx.personal), hide_index=True)
    if row.get("memo_url"):
        st.link_button("Avaa pöydän muistio", row["memo_url"])


ctx = context.current()
st.title(ctx.tr("page_tables"))
munis = data.reference("municipalities")
areas_df = data.reference("leader_areas")
areas = dict(zip(areas_df["code"], areas_df["name"]))
tables = metrics.filter_tables(data.frame("tables"), munis, rnd=ctx.round,
                               leader_area=ctx.leader_area, municipality=ctx.municipality)
if tables.empty:
    st.info("Valinnoilla ei löydy yhtään pöytää. Vaihda kierrosta, Leader-aluetta tai kuntaa "
            "sivupalkista.")
else:
    view = metrics.with_unique_labels(metrics.tables_view(tables, munis))
    totals = metrics.round_totals(tables)
    c1, c2, c3 = st.columns(3)
    c1.metric(ctx.tr("participants"), fmt_number(totals["participants"], ctx.lang))
    c2.metric(ctx.tr("tables_count"), fmt_number(totals["tables"], ctx.lang))
    c3.metric(ctx.tr("mean_participants"), fmt_number(totals["mean"], ctx.lang, 1))
    st.caption(f"Kierros: {ctx.round or 'kaikki kierrokset'}")
    frame = charts.attendance_frame(view, areas, ctx.lang)
    export = metrics.attendance_export(view, areas_df)
    sections = [
        lambda: chart_block(charts.participants_chart(frame, areas), export, "osallistujat",
                            ctx.lang),
        lambda: chart_block(charts.per_capita_chart(frame, areas), export,
                            "osallistujat_per_1000", ctx.lang, PER_CAPITA_NOTE),
        lambda: chart_block(charts.timeline_chart(frame, areas), export, "aikajana", ctx.lang),
        lambda: figures_tab(tables, view, ctx.lang),
        lambda: feedback_block(metrics.feedback_of(data.frame("feedback"), tables), view,
                               ctx.lang),
        lambda: detail_block(view, directory.build(data.frame("contacts"), munis, areas_df),
                             ctx),
    ]
    # Lazy tabs: only the open tab is computed and sent (one chart per run, not five).
    for tab, draw in zip(st.tabs(TABS, key="tables_tab", on_change="rerun"), sections):
        if tab.open:
            with tab:
                draw()
