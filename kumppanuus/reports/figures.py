"""The report's and the deck's images: charts as PNG (vl-convert, no browser), each captioned
with its title, round, filters and source line (`chart_style.captioned_spec`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kumppanuus import charts, config, examples, forum, metrics, scores
from kumppanuus import forum_charts as fc
from kumppanuus import score_charts as sc
from kumppanuus.reports.content import Content

SCALE = 1.5  # PNG pixels per CSS pixel: sharp enough in print and on a projector


@dataclass(frozen=True)
class Figure:
    title: str
    png: bytes


def _png(chart, content: Content, title: str, *, map_: bool = False) -> Figure:
    return Figure(title, charts.to_png(chart, scale=SCALE, lang=content.lang,
                                       caption=content.caption(title, map_=map_)))


def attendance(content: Content) -> Figure | None:
    """Participants per table, coloured by Leader area."""
    inputs = content.inputs
    munis, areas_df = inputs.refs["municipalities"], inputs.refs["leader_areas"]
    tables = metrics.filter_tables(inputs.frames["tables"], munis,
                                   rnd=examples.real_round(inputs.round),
                                   municipality=inputs.municipality)
    if tables.empty:
        return None
    areas = dict(zip(areas_df["code"], areas_df["name"]))
    view = metrics.with_unique_labels(metrics.tables_view(tables, munis))
    chart = charts.participants_chart(charts.attendance_frame(view, areas, content.lang),
                                      areas, lang=content.lang)
    return _png(chart, content, content.tr("report_attendance"))


def feedback(content: Content) -> list[Figure]:
    rows = content.feedback
    out = []
    for question in [q for q in ("content", "heard_via") if q in set(rows["question"])]:
        chart = sc.feedback_chart(rows, question, content.is_example, lang=content.lang)
        out.append(_png(chart, content, content.tr(f"feedback_title_{question}")))
    return out


def comparison(content: Content, screen: forum.Screen) -> Figure:
    """One screen's seven criteria, participants vs managers, with the gap."""
    frame = sc.view_frame(screen.view, content.labels, content.inputs.min_n, content.lang)
    chart = fc.comparison_chart(frame, content.labels, name=screen.name,
                                example=screen.is_example, lang=content.lang)
    return _png(chart, content, "")


def region_comparison(content: Content) -> Figure | None:
    """All rated municipalities combined (one chart for the report's criteria section)."""
    rows = content.inputs.frames["scores"]
    rows = rows[rows["round"] == content.inputs.round]
    if content.inputs.municipality:
        rows = rows[rows["municipality"] == content.inputs.municipality]
    if rows.empty:
        return None
    view = scores.criterion_view(rows, content.inputs.min_n, list(content.labels))
    screen = forum.Screen("all", "region", content.filters, "", view, pd.DataFrame(), True,
                          bool(rows["is_example"].any()), bool(view["hidden"].any()))
    return comparison(content, screen)


def map_figure(content: Content) -> tuple[Figure, bool]:
    """(the map, drawn from the boundary files?)"""
    from geo import staticmap  # geo owns boundaries; imported here so reports load without it

    inputs = content.inputs
    munis = inputs.refs["municipalities"]
    if inputs.municipality:
        munis = munis[munis["code"] == inputs.municipality]
    chart, real = staticmap.region_map(
        munis, inputs.refs["leader_areas"], inputs.refs["municipality_parts"],
        geo_dir=config.geo_dir(), cache_dir=config.cache_dir(),
        centres_file=config.region_dir() / "municipality_centres.csv", lang=content.lang)
    return _png(chart, content, content.tr("report_map"), map_=real), real
