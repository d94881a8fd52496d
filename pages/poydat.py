"""Tables page: participants per table, per capita, the round's timeline, registrations,
feedback and one table's details. Logic lives in kumppanuus.metrics / charts / directory."""

import streamlit as st

from kumppanuus import charts, directory, metrics
from kumppanuus.i18n import fmt_date, fmt_number
from ui import context, data, downloads

FEEDBACK_EMPTY = ("Palautekyselyn tuloksia ei ole vielä ladattu – lisää ne Lataa aineistoa "
                  "-sivulla (laji: feedback)")


def chart_block(chart, df, name: str, lang: str) -> None:
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
                long[["round", "table_no", "name", "group", "count"]], title.lower(), lang)
    missing = len(view) - len(long[["round", "table_no"]].drop_duplicates())
    if missing:
        st.caption(f"{fmt_number(missing, lang)} pöydältä ei ole {what}; niitä ei näytetä nollina.")


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
    people = directory.build(data.frame("contacts"), munis, areas_df)
    totals = metrics.round_totals(tables)
    c1, c2, c3 = st.columns(3)
    c1.metric(ctx.tr("participants"), fmt_number(totals["participants"], ctx.lang))
    c2.metric(ctx.tr("tables_count"), fmt_number(totals["tables"], ctx.lang))
    c3.metric(ctx.tr("mean_participants"), fmt_number(totals["mean"], ctx.lang, 1))
    st.caption(f"Kierros: {ctx.round or 'kaikki kierrokset'}")
    frame = charts.attendance_frame(view, areas, ctx.lang)
    export = metrics.attendance_export(view, areas_df)
    tabs = st.tabs(["Osallistujat", "Suhteessa väkilukuun", "Aikajana", "Ilmoittautuneet",
                    "Palaute", "Pöydän tiedot"])
    with tabs[0]:
        chart_block(charts.participants_chart(frame, areas), export, "osallistujat", ctx.lang)
    with tabs[1]:
        st.caption("Usean kunnan pöytä jaetaan kuntien yhteenlasketulla väkiluvulla (2020).")
        chart_block(charts.per_capita_chart(frame, areas), export, "osallistujat_per_1000",
                    ctx.lang)
    with tabs[2]:
        chart_block(charts.timeline_chart(frame, areas), export, "aikajana", ctx.lang)
    with tabs[3]:
        stacked_block(metrics.registrations(tables), view, metrics.REGISTRATION_COLUMNS,
                      "Ilmoittautuneita", "ilmoittautumislukuja", ctx.lang)
        stacked_block(metrics.presence(tables), view, metrics.PRESENCE_COLUMNS, "Läsnä",
                      "läsnäololukuja (verkossa enimmillään / paikan päällä)", ctx.lang)
    with tabs[4]:
        feedback = metrics.feedback_of(data.frame("feedback"), tables)
        if feedback.empty:
            st.info(FEEDBACK_EMPTY)
        else:
            st.dataframe(feedback[["table_no", "question", "option", "count"]], hide_index=True)
    with tabs[5]:
        detail_block(view, people, ctx)
