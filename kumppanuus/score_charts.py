"""Altair builders for NGO-friendliness scores and the feedback poll: DataFrame in, Chart out.

Inputs come from `kumppanuus.scores` (`criterion_view`, `gaps`, `round_changes`,
`feedback_summary`). Every chart of example data says so in its title ("Esimerkkiaineisto").
Colours (Okabe-Ito): participants blue, managers vermilion; the gap diverges between them, so a
blue gap means participants rate higher (positive gap) and a vermilion one managers rate higher.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kumppanuus import scores
from kumppanuus.charts import vega_locale
from kumppanuus.i18n import fmt_number, fmt_percent, has, t

GROUP_COLOURS = {"participants": "#0072B2", "managers": "#D55E00"}
GAP_RANGE = [GROUP_COLOURS["managers"], "#F7F7F7", GROUP_COLOURS["participants"]]
MISSING_FILL = "#E6E6E6"
WRAP_LABELS = "split(datum.label, '\\n')"


def title(text: str, example: bool, lang: str = "fi") -> alt.TitleParams:
    """Chart title; example data is named in the title itself, with a subtitle."""
    if not example:
        return alt.TitleParams(text=text, anchor="start")
    return alt.TitleParams(text=f"{t('example_label', lang)}: {text}", anchor="start",
                           subtitle=t("example_subtitle", lang), subtitleColor="#B35900")


def _finish(chart: alt.TopLevelMixin, lang: str = "fi") -> alt.TopLevelMixin:
    return chart.configure(locale=vega_locale(lang)).configure_view(stroke=None)


def group_names(lang: str = "fi") -> dict[str, str]:
    return {g: t(f"group_{g}", lang) for g in scores.GROUPS}


def _group_colour(lang: str, legend: bool = True) -> alt.Color:
    names = group_names(lang)
    return alt.Color("group_name:N", title=None, legend=alt.Legend(orient="top") if legend
                     else None, scale=alt.Scale(domain=list(names.values()),
                                                range=list(GROUP_COLOURS.values())))


def _cell_label(mean_pct, n: int, hidden: bool, min_n: int, lang: str) -> str:
    if n == 0:
        return t("scores_no_answers", lang)
    if hidden:
        return f"{t('scores_small_n', lang, n=min_n)} (n {n})"
    return f"{fmt_number(mean_pct, lang)} % · n {n}"


def _original(mean, scale: str, lang: str) -> str:
    if mean != mean:  # NaN: hidden or several scales
        return f"– ({t('scores_scale', lang).lower()} {scale})"
    return f"{fmt_number(mean, lang, 2)} ({t('scores_scale', lang).lower()} {scale})"


def view_frame(view: pd.DataFrame, labels: dict[int, str], min_n: int,
               lang: str = "fi") -> pd.DataFrame:
    """Chart rows of `scores.criterion_view`: labels for axis, bars and tooltips."""
    out = view.copy()
    out["criterion_label"] = out["criterion"].map(labels)
    out["group_name"] = out["respondent_group"].map(group_names(lang))
    out["value_label"] = [_cell_label(m, n, h, min_n, lang) for m, n, h in
                          zip(out["mean_pct"], out["n"], out["hidden"])]
    out["original"] = [_original(m, s, lang) for m, s in zip(out["mean"], out["scale"])]
    out["gap_label"] = [_signed(g, lang) for g in out["gap_pct"]]
    out["label_x"] = out["mean_pct"].fillna(0.0)
    return out


def _signed(value, lang: str) -> str:
    if value != value:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{fmt_number(abs(value), lang, 1)} {t('pp_unit', lang)}"


def _criterion_y(labels: dict[int, str], axis: bool = True, large: bool = False) -> alt.Y:
    axis_def = alt.Axis(labelExpr=WRAP_LABELS, labelLimit=400, title=None,
                        labelFontSize=16 if large else 11) if axis else None
    return alt.Y("criterion_label:N", sort=[labels[k] for k in sorted(labels)], axis=axis_def)


def _tooltip(lang: str) -> list[alt.Tooltip]:
    return [alt.Tooltip("criterion_label:N", title=t("scores_criterion", lang)),
            alt.Tooltip("group_name:N", title=t("scores_group", lang)),
            alt.Tooltip("value_label:N", title=t("scores_mean_pct", lang)),
            alt.Tooltip("original:N", title=t("scores_mean_orig", lang)),
            alt.Tooltip("n:Q", title=t("scores_n", lang))]


def _bars(data: pd.DataFrame, labels: dict[int, str], lang: str, *, large: bool = False,
          offset: bool = True) -> alt.LayerChart:
    """Bars of mean_pct per criterion (both groups side by side when `offset`), labelled."""
    base = alt.Chart(data).encode(y=_criterion_y(labels, large=large), tooltip=_tooltip(lang))
    if offset:
        base = base.encode(yOffset=alt.YOffset("group_name:N",
                                               sort=list(group_names(lang).values())))
    x = alt.X("mean_pct:Q", title=t("scores_mean_pct", lang),
              scale=alt.Scale(domain=[0, 100]))
    bars = base.mark_bar(height={"band": 0.9} if offset else {"band": 0.7}).encode(
        x=x, color=_group_colour(lang, legend=offset))
    text = base.mark_text(align="left", dx=4, fontSize=15 if large else 11).encode(
        x=alt.X("label_x:Q"), text="value_label:N")
    return alt.layer(bars, text)


def municipality_chart(frame: pd.DataFrame, labels: dict[int, str], *, name: str,
                       example: bool, lang: str = "fi") -> alt.TopLevelMixin:
    """The seven criteria for one municipality: both groups side by side, n, and the gap."""
    height = 66 * len(labels)
    left = _bars(frame, labels, lang).properties(width=420, height=height)
    gaps = frame.drop_duplicates("criterion")
    gap_base = alt.Chart(gaps).encode(y=_criterion_y(labels, axis=False),
                                      tooltip=[alt.Tooltip("criterion_label:N"),
                                               alt.Tooltip("gap_label:N",
                                                           title=t("scores_gap", lang))])
    gap_bars = gap_base.mark_bar(height={"band": 0.5}).encode(
        x=alt.X("gap_pct:Q", title=t("scores_gap", lang)),
        color=alt.Color("gap_pct:Q", legend=None,
                        scale=alt.Scale(domainMid=0, range=GAP_RANGE)))
    gap_text = gap_base.mark_text(align="left", dx=4, dy=-14).encode(
        x=alt.datum(0), text="gap_label:N")
    right = alt.layer(gap_bars, gap_text).properties(width=180, height=height)
    chart = alt.hconcat(left, right, spacing=10).resolve_scale(y="shared", color="independent")
    return _finish(chart.properties(title=title(t("scores_title_muni", lang, name=name),
                                                 example, lang)), lang)


def group_chart(frame: pd.DataFrame, labels: dict[int, str], group: str, *, name: str,
                example: bool, lang: str = "fi") -> alt.TopLevelMixin:
    """One group's view of one municipality, large (presentation mode: side by side)."""
    data = frame[frame["respondent_group"] == group]
    chart = _bars(data, labels, lang, large=True, offset=False).properties(
        width=360, height=70 * len(labels))
    text = f"{group_names(lang)[group]} – {name}"
    return _finish(chart.properties(title=title(text, example, lang)), lang) \
        .configure_title(fontSize=22).configure_axis(labelFontSize=15)


def matrix_frame(matrix: pd.DataFrame, labels: dict[int, str], value: str,
                 min_n: int, lang: str = "fi") -> pd.DataFrame:
    """Chart rows of `scores.gaps` (+ names) for a heatmap of `value`."""
    out = matrix.copy()
    out["criterion_label"] = out["criterion"].map(labels).str.replace("\n", " ")
    out["criterion_no"] = out["criterion"].astype(int).astype(str)
    gap = value == "gap_pct"
    out["cell_label"] = [
        (_signed(v, lang).replace(" " + t("pp_unit", lang), "") if gap else fmt_number(v, lang))
        if v == v else "–" for v in out[value]
    ]
    out["why"] = [_why_missing(r, gap, min_n, lang) for r in out.itertuples()]
    out["participants_label"] = [fmt_percent(v / 100, lang) for v in out["participants_pct"]]
    out["managers_label"] = [fmt_percent(v / 100, lang) for v in out["managers_pct"]]
    out["gap_label"] = [_signed(v, lang) for v in out["gap_pct"]]
    return out


def _why_missing(row, gap: bool, min_n: int, lang: str) -> str:
    groups = ("participants", "managers") if gap else ("participants",)
    for g in groups:
        if getattr(row, f"n_{g}") == 0:
            return f"{group_names(lang)[g]}: {t('scores_no_answers', lang)}"
        if getattr(row, f"hidden_{g}"):
            return f"{group_names(lang)[g]}: {t('scores_small_n', lang, n=min_n)}"
    return ""


def heatmap(frame: pd.DataFrame, value: str, order: list[str], *, example: bool,
            lang: str = "fi") -> alt.TopLevelMixin:
    """Municipality × criterion: `participants_pct` (0–100 %) or diverging `gap_pct`."""
    gap = value == "gap_pct"
    drawn = ["name", "criterion_no", "criterion_label", value, "cell_label", "participants_label",
             "n_participants", "managers_label", "n_managers", "gap_label", "why"]
    base = alt.Chart(frame[drawn]).encode(  # only what is drawn: 309 × 7 cells at nation scale
        x=alt.X("criterion_no:O", title=t("scores_criterion", lang),
                axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("name:N", sort=order, title=None),
        tooltip=[alt.Tooltip("name:N", title=t("municipality", lang)),
                 alt.Tooltip("criterion_label:N", title=t("scores_criterion", lang)),
                 alt.Tooltip("participants_label:N", title=t("group_participants", lang)),
                 alt.Tooltip("n_participants:Q", title=t("scores_n", lang)),
                 alt.Tooltip("managers_label:N", title=t("group_managers", lang)),
                 alt.Tooltip("n_managers:Q", title=t("scores_n", lang)),
                 alt.Tooltip("gap_label:N", title=t("scores_gap", lang)),
                 alt.Tooltip("why:N", title=t("scores_hidden", lang))],
    )
    scale = alt.Scale(domainMid=0, range=GAP_RANGE) if gap else \
        alt.Scale(domain=[0, 100], scheme="blues")
    legend_title = t("scores_gap", lang) if gap else t("scores_mean_pct", lang)
    background = base.mark_rect(fill=MISSING_FILL)
    cells = base.transform_filter(f"isValid(datum.{value})").mark_rect().encode(
        color=alt.Color(f"{value}:Q", scale=scale, title=legend_title))
    dark = f"abs(datum.{value}) > 20" if gap else f"datum.{value} > 70"
    text = base.mark_text(fontSize=11).encode(
        text="cell_label:N",
        color=alt.condition(f"isValid(datum.{value}) && {dark}", alt.value("white"),
                            alt.value("black")))
    key = "scores_title_gap" if gap else "scores_title_heat"
    chart = alt.layer(background, cells, text).properties(
        width=60 * frame["criterion_no"].nunique(), height=alt.Step(22),
        title=title(t(key, lang), example, lang))
    return _finish(chart, lang)


def change_frame(changes: pd.DataFrame, labels: dict[int, str], lang: str = "fi"
                 ) -> pd.DataFrame:
    """Chart rows of `scores.round_changes`."""
    out = changes.copy()
    out["criterion_label"] = out["criterion"].map(labels)
    out["group_name"] = out["respondent_group"].map(group_names(lang))
    out["pair"] = out["from_round"] + " → " + out["to_round"]
    out["change_label"] = [_signed(v, lang) for v in out["change_pct"]]
    out["from_label"] = [fmt_percent(v / 100, lang) for v in out["from_pct"]]
    out["to_label"] = [fmt_percent(v / 100, lang) for v in out["to_pct"]]
    return out


def round_change_chart(frame: pd.DataFrame, labels: dict[int, str], *, example: bool,
                       lang: str = "fi", where: str = "") -> alt.TopLevelMixin:
    """Change per criterion and group between consecutive rounds (percentage points); every
    round pair is a column headed by its rounds, `where` (the municipality, or how many
    municipalities both rounds have) is said in the title."""
    base = alt.Chart(frame).encode(
        y=_criterion_y(labels),
        yOffset=alt.YOffset("group_name:N", sort=list(group_names(lang).values())),
        tooltip=[alt.Tooltip("pair:N", title=t("round", lang)),
                 alt.Tooltip("criterion_label:N", title=t("scores_criterion", lang)),
                 alt.Tooltip("group_name:N", title=t("scores_group", lang)),
                 alt.Tooltip("from_label:N", title="←"), alt.Tooltip("to_label:N", title="→"),
                 alt.Tooltip("change_label:N", title=t("scores_change", lang))],
    )
    bars = base.mark_bar().encode(x=alt.X("change_pct:Q", title=t("scores_change", lang)),
                                  color=_group_colour(lang))
    chart = alt.layer(bars, alt.Chart(frame).mark_rule(color="#555").encode(x=alt.datum(0)))
    chart = chart.properties(width=420, height=60 * len(labels))
    chart = chart.facet(column=alt.Column("pair:N", title=None,
                                          sort=list(dict.fromkeys(frame["pair"]))))
    text = t("scores_title_change", lang) + (f": {where}" if where else "")
    return _finish(chart.properties(title=title(text, example, lang)), lang)


def feedback_frame(feedback: pd.DataFrame, question: str, lang: str = "fi") -> pd.DataFrame:
    """Chart rows: `scores.feedback_summary` plus a `12 (35 %)` label."""
    out = scores.feedback_summary(feedback, question)
    out["option_label"] = [scores.option_label(o, lang) for o in out["option"]]
    out["label"] = [f"{fmt_number(c, lang)} ({fmt_percent(s, lang)})"
                    for c, s in zip(out["count"], out["share"])]
    return out


def feedback_chart(feedback_df: pd.DataFrame, question: str, example: bool, *,
                   lang: str = "fi", subtitle: str | None = None) -> alt.TopLevelMixin:
    """Counts per option of one feedback question (content rating or how people heard),
    summed over the rows given: one table's rows or a whole round's."""
    data = feedback_frame(feedback_df, question, lang)
    known = f"feedback_title_{question}"
    text = t(known, lang) if has(known) else question
    if subtitle:
        text = f"{text} – {subtitle}"
    base = alt.Chart(data).encode(
        y=alt.Y("option_label:N", sort=data["option_label"].tolist(), title=None),
        tooltip=[alt.Tooltip("option_label:N", title=t("feedback_option", lang)),
                 alt.Tooltip("label:N", title=t("feedback_count", lang))])
    bars = base.mark_bar(color=GROUP_COLOURS["participants"]).encode(
        x=alt.X("count:Q", title=t("feedback_count", lang), axis=alt.Axis(tickMinStep=1)))
    labels = base.mark_text(align="left", dx=4).encode(x="count:Q", text="label:N")
    chart = alt.layer(bars, labels).properties(width=360, height=alt.Step(28),
                                               title=title(text, example, lang))
    return _finish(chart, lang)
