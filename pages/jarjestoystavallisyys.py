"""NGO-friendliness page: the seven criteria, participants vs managers, region, rounds, feedback.

The example dataset is read in memory behind a toggle and never written to the database. Whether
a chart says "Esimerkkiaineisto" is read from the rows it draws (`examples.has_example_rows`),
never from the toggle, so example rows imported into the database are labelled too.
"""

import pandas as pd
import streamlit as st

from kumppanuus.markup import plain
from kumppanuus import config, examples, rounds, scores, templates
from kumppanuus import score_charts as sc
from kumppanuus import forum_charts as fc
from kumppanuus.i18n import municipality_names
from ui import context, data, present
from ui.downloads import chart_buttons

ctx = context.current()


@st.cache_data(show_spinner=False)
def example_frame(kind: str) -> pd.DataFrame:
    return examples.load_scores() if kind == "scores" else examples.load_feedback()


def show(chart, frame: pd.DataFrame, name: str, key: str) -> None:
    context.showing(frame)
    present.chart(chart, ctx.presentation)  # projector-sized text in presentation mode
    chart_buttons(chart, frame, name, key, ctx.lang)


def empty_state() -> None:
    st.info(ctx.tr("scores_empty"))
    st.markdown(ctx.tr("scores_howto"))
    st.download_button(ctx.tr("scores_template"), templates.template_csv("scores"),
                       file_name="arviot_pohja.csv", mime="text/csv", key="scores_template",
                       on_click="ignore")


def in_area(df: pd.DataFrame, munis: pd.DataFrame) -> pd.DataFrame:
    if not ctx.leader_area:
        return df
    return df[df["municipality"].isin(munis.loc[munis["leader_area"] == ctx.leader_area, "code"])]


def pick_municipality(df: pd.DataFrame, names: dict[str, str]) -> str | None:
    if ctx.municipality:
        return ctx.municipality
    codes = sorted(df["municipality"].unique(), key=lambda c: names.get(c, c))
    return st.selectbox(ctx.tr("scores_pick_municipality"), codes, key="scores_muni",
                        format_func=lambda c: names.get(c, c))


def municipality_section(df, labels, names, min_n) -> str | None:
    """One municipality's seven criteria; with several rounds one chart per round (named in
    its title), never one mean pooled over rounds. Returns the municipality shown."""
    code = pick_municipality(df, names)
    rows = df[df["municipality"] == code]
    if rows.empty:
        st.info(ctx.tr("scores_none_for_filter"))
        return code
    rounds_here = scores.round_order(rows)
    if len(rounds_here) > 1:
        st.caption(ctx.tr("scores_per_round_note", rounds=", ".join(map(plain, rounds_here))))
    for rnd in rounds_here:
        municipality_round(rows[rows["round"] == rnd], code, rnd, labels, names, min_n)
    st.caption(ctx.tr("scores_gap_note") + " " + ctx.tr("scores_scale_note"))
    return code


def municipality_round(rows, code, rnd, labels, names, min_n) -> None:
    example = examples.has_example_rows(rows)
    frame = sc.view_frame(scores.criterion_view(rows, min_n, list(labels)), labels, min_n, ctx.lang)
    name = f"{names.get(code, code)} · {rnd}"
    key = f"{code}_{rnd}"
    if ctx.presentation:  # the forum's comparison: every criterion in full, with the gap
        show(fc.comparison_chart(frame, labels, name=name, example=example, lang=ctx.lang),
             frame, f"arviot_{code}", f"sc_muni_{key}")
        return
    show(sc.municipality_chart(frame, labels, name=name, example=example, lang=ctx.lang),
         frame, f"arviot_{code}", f"sc_muni_{key}")


def region_section(df, labels, munis, names, min_n) -> None:
    st.subheader(ctx.tr("scores_region"))
    pooled = rounds.pooled_rounds(df)
    if len(pooled) > 1:  # the region matrix combines rounds: say which, above the charts
        st.warning(ctx.tr("scores_pooled_rounds", rounds=", ".join(map(plain, pooled))))
    example = examples.has_example_rows(df)
    shown_names = munis.assign(name_fi=munis["code"].map(names))  # names in the UI language
    matrix = scores.with_names(scores.gaps(df, min_n), shown_names)
    sort_by = st.selectbox(ctx.tr("scores_sort_by"), [None, *labels], key="scores_sort",
                           format_func=lambda c: ctx.tr("scores_sort_all") if c is None
                           else labels[c].replace("\n", " "))
    for value, key in (("participants_pct", "sc_heat"), ("gap_pct", "sc_gap")):
        frame = sc.matrix_frame(matrix, labels, value, min_n, ctx.lang)
        order = scores.municipality_order(frame, sort_by, value)
        show(sc.heatmap(frame, value, order, example=example, lang=ctx.lang), frame,
             f"arviot_{value}", key)
    st.caption(ctx.tr("scores_gap_note"))


def rounds_section(df, code, labels, names, min_n) -> None:
    """Change between rounds for the municipality shown above (or every municipality of the
    filter that both rounds have), for the rounds the sidebar compares (default: all)."""
    rows = df[df["municipality"] == code] if code else df
    chosen = compared if len(compared) > 1 else None
    changes = scores.round_changes(rows, min_n, chosen)
    if changes.empty:
        return
    example = examples.has_example_rows(changes)
    st.subheader(ctx.tr("scores_rounds"))
    where = names.get(code, code) if code else ctx.tr(
        "scores_change_where", n=int(changes["municipalities"].max()))
    frame = sc.change_frame(changes, labels, ctx.lang)
    show(sc.round_change_chart(frame, labels, example=example, lang=ctx.lang, where=where),
         frame, "arviot_muutos", "sc_rounds")


def feedback_section(feedback: pd.DataFrame, rnd: str | None) -> None:
    st.subheader(ctx.tr("feedback_heading"))
    if rnd:
        feedback = feedback[feedback["round"] == rnd]
    if feedback.empty:
        st.info(ctx.tr("feedback_empty"))
        return
    tables = sorted(feedback["table_no"].dropna().astype(int).unique())
    table = st.selectbox(ctx.tr("feedback_table"), [None, *tables], key="scores_fb_table",
                         format_func=lambda n: ctx.tr("feedback_whole_round") if n is None
                         else f"{ctx.tr('feedback_table')} {n}")
    rows = feedback if table is None else feedback[feedback["table_no"] == table]
    example = examples.has_example_rows(rows)
    where = (ctx.tr("feedback_whole_round") if table is None
             else f"{ctx.tr('feedback_table')} {table}")
    for col, question in zip(st.columns(2), ("content", "heard_via")):
        with col:
            show(sc.feedback_chart(rows, question, example, lang=ctx.lang, subtitle=where),
                 sc.feedback_frame(rows, question, ctx.lang), f"palaute_{question}",
                 f"fb_{question}")


def small_group_threshold(column) -> int:
    """The configured minimum for everyone; a staff member may raise it, nobody can lower it."""
    floor = config.min_group_n()
    if not ctx.user:
        column.caption(ctx.tr("scores_min_n_fixed", n=floor))
        return scores.threshold(floor)
    requested = column.number_input(ctx.tr("scores_min_n"), min_value=floor, max_value=1000,
                                    value=floor, step=1, key="scores_min_n",
                                    help=ctx.tr("scores_min_n_help"))
    return scores.threshold(floor, requested)


st.title(ctx.tr("page_scores"))
if ctx.presentation:  # no toggles on a projector: the choice made before presenting stays
    show_example = bool(st.session_state.get("scores_example_kept"))
    min_n = scores.threshold(config.min_group_n())
else:
    c1, c2 = st.columns(2)
    show_example = c1.toggle(ctx.tr("scores_show_example"), key="scores_example")
    st.session_state["scores_example_kept"] = show_example
    min_n = small_group_threshold(c2)
# The in-memory example lives in example rounds: the sidebar's round selects its example twin.
rnd = examples.example_round(ctx.round) if show_example and ctx.round else ctx.round
compared = [examples.example_round(r) if show_example else r for r in ctx.rounds]
all_scores = example_frame("scores") if show_example else data.frame("scores")
feedback = example_frame("feedback") if show_example else data.frame("feedback")
munis = data.municipalities(ctx.lang)
labels = scores.criterion_labels(data.reference("criteria"), lang=ctx.lang)
names = municipality_names(munis, ctx.lang)
area_scores = in_area(all_scores, munis)
shown = area_scores[area_scores["round"] == rnd] if rnd else area_scores
shown_feedback = feedback[feedback["round"] == rnd] if rnd else feedback
if examples.has_example_rows(shown) or examples.has_example_rows(shown_feedback):
    st.warning(ctx.tr("scores_example_warning") if show_example
               else ctx.tr("scores_example_stored_warning"), icon="⚠️")
    st.badge(ctx.tr("example_label"), icon="🧪", color="orange")

if all_scores.empty:
    empty_state()
else:
    code = ctx.municipality
    if shown.empty:
        st.info(ctx.tr("scores_none_for_filter"))
    else:
        # the chosen round and the one compared with it: one chart per round, side by side
        both = area_scores[area_scores["round"].isin(compared)] if rnd else shown
        code = municipality_section(both, labels, names, min_n)
        region_section(shown, labels, munis, names, min_n)
    rounds_section(area_scores, code, labels, names, min_n)
feedback_section(feedback, rnd)
