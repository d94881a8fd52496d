"""The forum's comparison chart: the seven criteria, participants beside managers, and the gap.

Input: `score_charts.view_frame` of one screen's `scores.criterion_view`. Every criterion is
labelled in full (wrapped, never truncated or dropped); each bar says its mean and n, or that the
group is under the small-n threshold; example data is named in the title. Sizes are the normal
ones; `chart_style.presentation_spec` makes them projector-sized.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kumppanuus import score_charts as sc
from kumppanuus.i18n import t

ROW_HEIGHT = 32       # px per criterion (two bars and a two-line label)
BAR_WIDTH = 340
GAP_WIDTH = 130
LABEL_WIDTH = 40      # characters per line of a criterion label


def _criterion_axis(labels: dict[int, str], show: bool) -> alt.Y:
    axis = alt.Axis(labelExpr=sc.WRAP_LABELS, labelLimit=0, labelOverlap=False, title=None,
                    labelPadding=8) if show else None
    return alt.Y("criterion_label:N", sort=[labels[k] for k in sorted(labels)], axis=axis)


def _bars(frame: pd.DataFrame, labels: dict[int, str], lang: str) -> alt.LayerChart:
    order = list(sc.group_names(lang).values())
    base = alt.Chart(frame).encode(y=_criterion_axis(labels, True),
                                   yOffset=alt.YOffset("group_name:N", sort=order),
                                   tooltip=sc._tooltip(lang))
    bars = base.mark_bar(height={"band": 0.9}).encode(
        x=alt.X("mean_pct:Q", title=None, scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(format="d", labelExpr="datum.label + ' %'", tickCount=5)),
        color=alt.Color("group_name:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=order, range=list(sc.GROUP_COLOURS.values()))))
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(
        x=alt.X("label_x:Q"), text="value_label:N")
    return alt.layer(bars, text).properties(width=BAR_WIDTH, height=ROW_HEIGHT * len(labels))


def _gap(frame: pd.DataFrame, labels: dict[int, str], lang: str) -> alt.LayerChart:
    gaps = frame.drop_duplicates("criterion")
    base = alt.Chart(gaps).encode(y=_criterion_axis(labels, False),
                                  tooltip=[alt.Tooltip("criterion_label:N",
                                                       title=t("scores_criterion", lang)),
                                           alt.Tooltip("gap_label:N", title=t("scores_gap", lang))])
    bars = base.mark_bar(height={"band": 0.4}, yOffset=7).encode(
        x=alt.X("gap_pct:Q", title=t("forum_gap_short", lang),
                axis=alt.Axis(orient="top", tickCount=3, titleFontWeight="bold"),
                scale=alt.Scale(domain=[-50, 50], clamp=True)),
        color=alt.Color("gap_pct:Q", legend=None,
                        scale=alt.Scale(domainMid=0, domain=[-50, 50], range=sc.GAP_RANGE)))
    text = base.mark_text(align="center", dy=-9, fontSize=12, fontWeight="bold").encode(
        x=alt.datum(0), text="gap_label:N")
    return alt.layer(bars, text).properties(width=GAP_WIDTH, height=ROW_HEIGHT * len(labels))


def comparison_chart(frame: pd.DataFrame, labels: dict[int, str], *, name: str, example: bool,
                     lang: str = "fi", titled: bool = True) -> alt.TopLevelMixin:
    """Participants vs managers on the seven criteria of one screen, with the gap column.
    `titled=False` leaves the title out (the forum page's heading names the screen)."""
    chart = alt.hconcat(_bars(frame, labels, lang), _gap(frame, labels, lang), spacing=16) \
        .resolve_scale(y="shared", color="independent")
    if titled:
        text = f"{name}: {t('forum_chart_title', lang)}"
        chart = chart.properties(title=sc.title(text, example, lang))
    elif example:
        chart = chart.properties(title=sc.title(name, example, lang))
    return sc._finish(chart, lang)
