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
from ui import context, data, present, views
from ui.downloads import chart_buttons

ctx = context.current()
#: The kinds each view reads; its cache key carries their data version (`ui.views.memo`).
FEEDBACK = ("feedback",)  # scores views key on the rounds they read (Scope.stamp)


@st.cache_data(show_spinner=False)
def example_frame(kind: str) -> pd.DataFrame:
    return examples.load_scores() if kind == "scores" else examples.load_feedback()


def source_rows(kind: str, example: bool) -> pd.DataFrame:
    """Every row of `kind` the page draws from: the in-memory example or the stored rows."""
    return example_frame(kind) if example else data.frame(kind)


def view(chart, frame: pd.DataFrame, name: str) -> tuple[dict, pd.DataFrame, str]:
    """What `show` draws, built once per choice (kept by `views.memo`)."""
    return present.spec(chart, ctx.presentation), frame, name


def show(shown: tuple[dict, pd.DataFrame, str], key: str) -> None:
    spec, frame, name = shown
    context.showing(frame)
    present.draw(spec)  # projector-sized text in presentation mode (present.spec)
    chart_buttons(spec, frame, name, key, ctx.lang)


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


class Scope:
    """The rows the sidebar's choices select, read only when a view is not kept yet, and only
    of the rounds that view needs (`rows`; `area`: every round; `shown`: of the round, or every
    round; `both`: of the rounds compared), and the kept views' keys: `key` (the choices) and
    `stamp` (the version of the rounds a view reads, so an import of one round rebuilds only
    the views that read that round)."""

    def __init__(self, example: bool, rnd: str | None, compared: list[str]) -> None:
        self.example, self.rnd, self.compared = example, rnd, compared
        self.key = (example, rnd, tuple(compared) if rnd else None, ctx.leader_area)
        self.shown_rounds = (rnd,) if rnd else None
        self.both_rounds = tuple(compared) if rnd else None
        self._rows: dict[tuple[str, ...] | None, pd.DataFrame] = {}

    def rows(self, rounds: tuple[str, ...] | None) -> pd.DataFrame:
        """The Leader area's rows of `rounds` (None: every round), once per run."""
        if rounds not in self._rows:
            if self.example:
                rows = example_frame("scores")
                rows = rows if rounds is None else rows[rows["round"].isin(rounds)]
            else:  # each round read once per its own version (ui.data.rows_of_rounds)
                rows = data.rows_of_rounds("scores", rounds)
            self._rows[rounds] = in_area(rows, munis)
        return self._rows[rounds]

    def stamp(self, rounds: tuple[str, ...] | None) -> str:
        return "example" if self.example else data.round_stamp("scores", rounds)

    def area(self) -> pd.DataFrame:
        return self.rows(None)

    def shown(self) -> pd.DataFrame:
        return self.rows(self.shown_rounds)

    def both(self) -> pd.DataFrame:
        return self.rows(self.both_rounds)

    def summary(self) -> dict:
        every = (not example_frame("scores").empty) if self.example \
            else bool(data.rounds_of("scores"))

        def build() -> dict:
            shown = self.shown()
            codes = self.both()["municipality"].unique()
            return {"any": every, "shown": not shown.empty,
                    "example": examples.has_example_rows(shown),
                    "codes": sorted(codes, key=lambda c: names.get(c, c))}
        read = None if self.rnd is None else tuple(dict.fromkeys((self.rnd, *self.compared)))
        return views.memo_stamped("sc_scope", self.stamp(read),
                                  (*self.key, every, ctx.lang), build)


def pick_municipality(codes: list[str]) -> str | None:
    if ctx.municipality:
        return ctx.municipality
    return st.selectbox(ctx.tr("scores_pick_municipality"), codes, key="scores_muni",
                        format_func=lambda c: names.get(c, c))


def municipality_section(scope: Scope, codes: list[str], min_n: int) -> str | None:
    """One municipality's seven criteria; with several rounds one chart per round (named in
    its title), never one mean pooled over rounds. Returns the municipality shown."""
    code = pick_municipality(codes)

    def order() -> list[str]:
        rows = scope.both()
        return scores.round_order(rows[rows["municipality"] == code])

    def build(rnd: str):
        rows = scope.rows((rnd,))
        return municipality_round(rows[rows["municipality"] == code], code, rnd, min_n)
    rounds_here = views.memo_stamped("sc_muni_rounds", scope.stamp(scope.both_rounds),
                                     (*scope.key, code), order)
    # one kept chart per round: an import of one round's scores rebuilds that round's only
    shown = [views.memo_stamped("sc_muni", scope.stamp((rnd,)), (
        scope.example, rnd, ctx.leader_area, code, min_n, ctx.lang, ctx.presentation),
        lambda rnd=rnd: build(rnd)) for rnd in rounds_here]
    if not shown:
        st.info(ctx.tr("scores_none_for_filter"))
        return code
    if len(rounds_here) > 1:
        st.caption(ctx.tr("scores_per_round_note", rounds=", ".join(map(plain, rounds_here))))
    for rnd, one in zip(rounds_here, shown):
        show(one, f"sc_muni_{code}_{rnd}")
    st.caption(ctx.tr("scores_gap_note") + " " + ctx.tr("scores_scale_note"))
    return code


def municipality_round(rows, code, rnd, min_n) -> tuple[dict, pd.DataFrame, str]:
    example = examples.has_example_rows(rows)
    frame = sc.view_frame(scores.criterion_view(rows, min_n, list(labels)), labels, min_n, ctx.lang)
    name = f"{names.get(code, code)} · {rnd}"
    build = fc.comparison_chart if ctx.presentation else sc.municipality_chart
    # presentation: the forum's comparison, every criterion in full, with the gap
    return view(build(frame, labels, name=name, example=example, lang=ctx.lang), frame,
                f"arviot_{code}")


def region_section(scope: Scope, min_n: int) -> None:
    st.subheader(ctx.tr("scores_region"))

    def matrices() -> tuple[list[str], bool, dict[str, pd.DataFrame]]:
        shown = scope.shown()
        shown_names = munis.assign(name_fi=munis["code"].map(names))  # names in the UI language
        matrix = scores.with_names(scores.gaps(shown, min_n), shown_names)
        return (rounds.pooled_rounds(shown), examples.has_example_rows(shown),
                {value: sc.matrix_frame(matrix, labels, value, min_n, ctx.lang)
                 for value in ("participants_pct", "gap_pct")})
    key = (*scope.key, min_n, ctx.lang)
    stamp = scope.stamp(scope.shown_rounds)
    pooled, example, frames = views.memo_stamped("sc_matrix", stamp, key, matrices)
    if len(pooled) > 1:  # the region matrix combines rounds: say which, above the charts
        st.warning(ctx.tr("scores_pooled_rounds", rounds=", ".join(map(plain, pooled))))
    sort_by = st.selectbox(ctx.tr("scores_sort_by"), [None, *labels], key="scores_sort",
                           format_func=lambda c: ctx.tr("scores_sort_all") if c is None
                           else labels[c].replace("\n", " "))

    def heatmaps() -> list:
        return [view(sc.heatmap(frame, value, scores.municipality_order(frame, sort_by, value),
                                example=example, lang=ctx.lang), frame, f"arviot_{value}")
                for value, frame in frames.items()]
    for one, key_ in zip(views.memo_stamped("sc_heat", stamp, (*key, sort_by, ctx.presentation),
                                            heatmaps), ("sc_heat", "sc_gap")):
        show(one, key_)
    st.caption(ctx.tr("scores_gap_note"))


def rounds_section(scope: Scope, code: str | None, min_n: int) -> None:
    """Change between rounds for the municipality shown above (or every municipality of the
    filter that both rounds have), for the rounds the sidebar compares (default: all)."""
    chosen = tuple(compared) if len(compared) > 1 else None

    def build() -> tuple | None:
        rows = scope.rows(chosen)  # only the rounds compared are read
        rows = rows[rows["municipality"] == code] if code else rows
        changes = scores.round_changes(rows, min_n, chosen)
        if changes.empty:
            return None
        where = names.get(code, code) if code else ctx.tr(
            "scores_change_where", n=int(changes["municipalities"].max()))
        frame = sc.change_frame(changes, labels, ctx.lang)
        return view(sc.round_change_chart(frame, labels, example=examples.has_example_rows(
            changes), lang=ctx.lang, where=where), frame, "arviot_muutos")
    shown = views.memo_stamped("sc_change", scope.stamp(chosen), (
        scope.example, tuple(compared), ctx.leader_area, code, min_n, ctx.lang,
        ctx.presentation), build)
    if shown is None:
        return
    st.subheader(ctx.tr("scores_rounds"))
    show(shown, "sc_rounds")


def feedback_section(feedback: pd.DataFrame, rnd: str | None, example: bool) -> None:
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

    def build() -> list:
        rows = feedback if table is None else feedback[feedback["table_no"] == table]
        where = (ctx.tr("feedback_whole_round") if table is None
                 else f"{ctx.tr('feedback_table')} {table}")
        flagged = examples.has_example_rows(rows)
        return [view(sc.feedback_chart(rows, question, flagged, lang=ctx.lang,
                                       subtitle=where),
                     sc.feedback_frame(rows, question, ctx.lang), f"palaute_{question}")
                for question in ("content", "heard_via")]
    charts = views.memo("sc_feedback", FEEDBACK, (example, rnd, table, ctx.lang,
                                                  ctx.presentation), build)
    for col, question, one in zip(st.columns(2), ("content", "heard_via"), charts):
        with col:
            show(one, f"fb_{question}")


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
feedback = source_rows("feedback", show_example)
munis = data.municipalities(ctx.lang)
labels = scores.criterion_labels(data.reference("criteria"), lang=ctx.lang)
names = municipality_names(munis, ctx.lang)
scope = Scope(show_example, rnd, compared)
summary = scope.summary()
shown_feedback = feedback[feedback["round"] == rnd] if rnd else feedback
if summary["example"] or examples.has_example_rows(shown_feedback):
    st.warning(ctx.tr("scores_example_warning") if show_example
               else ctx.tr("scores_example_stored_warning"), icon="⚠️")
    st.badge(ctx.tr("example_label"), icon=":material/science:", color="orange")  # an emoji needs a font a projector PC may lack

if not summary["any"]:
    empty_state()
else:
    code = ctx.municipality
    if not summary["shown"]:
        st.info(ctx.tr("scores_none_for_filter"))
    else:
        # the chosen round and the one compared with it: one chart per round, side by side
        code = municipality_section(scope, summary["codes"], min_n)
        region_section(scope, min_n)
    rounds_section(scope, code, min_n)
feedback_section(feedback, rnd, show_example)
