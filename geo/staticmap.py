"""The map as a static image for the report and the deck, drawn without a browser.

An Altair chart (rendered to PNG by vl-convert, which runs Vega in-process): the municipalities'
shapes from the boundary files (through the same derived-geometry cache as the web map, never
committed) coloured by Leader area and named; Kurikka in its two parts. When the boundary files
are missing, a simple drawing: one named point per municipality centre, so a report can still be
made on a machine without ../shared/geo.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd

from geo import boundaries, prepared, units
from kumppanuus import palette
from kumppanuus.i18n import name_column, t

WIDTH, HEIGHT = 560, 620


def _colour(area_names: dict[str, str], lang: str) -> alt.Color:
    codes = list(area_names)
    extra = iter(palette.EXTRA_COLOURS * (1 + len(codes) // 3))
    colours = [palette.LEADER_COLOURS.get(c) or next(extra) for c in codes]
    return alt.Color("area_name:N", title=t("leader_area", lang),
                     scale=alt.Scale(domain=[area_names[c] for c in codes], range=colours),
                     legend=alt.Legend(orient="bottom", columns=3) if len(codes) <= 12
                     else None)


def _shapes(geo_dir: Path, cache_dir: Path | None, munis: pd.DataFrame, parts: pd.DataFrame
            ) -> pd.DataFrame:
    geometry = prepared.prepare_geometry(geo_dir, parts, tuple(munis["code"]), cache_dir)
    frame = units.build_map_units(geometry.national, munis, parts).to_crs(boundaries.TM35FIN)
    point = frame.geometry.representative_point()
    return frame.assign(x=point.x, y=point.y)


def shape_chart(frame, area_names: dict[str, str], lang: str, labels: bool) -> alt.LayerChart:
    data = frame.assign(area_name=frame["leader_area"].map(area_names).fillna(""),
                        label=frame[name_column(lang)].fillna(frame["name_fi"])
                        .where(frame["part"].fillna("") == "", frame["unit_name"]))
    shapes = alt.Chart(data[["area_name", "label", "geometry"]]).mark_geoshape(
        stroke="white", strokeWidth=0.8).encode(color=_colour(area_names, lang))
    layers = [shapes]
    if labels:
        points = pd.DataFrame(data[["x", "y", "label"]])
        layers.append(alt.Chart(points).mark_text(fontSize=10, color="#222").encode(
            longitude="x:Q", latitude="y:Q", text="label:N"))
    return alt.layer(*layers).project(type="identity", reflectY=True)


def point_chart(munis: pd.DataFrame, centres: pd.DataFrame, area_names: dict[str, str],
                lang: str, labels: bool) -> alt.LayerChart:
    data = munis.drop(columns=[c for c in ("lat", "lon") if c in munis]).merge(
        centres, on="code", how="inner")
    data = data.assign(area_name=data["leader_area"].map(area_names).fillna(""),
                       label=data[name_column(lang)].fillna(data["name_fi"]))
    base = alt.Chart(data[["lat", "lon", "area_name", "label"]]).encode(
        longitude="lon:Q", latitude="lat:Q")
    layers = [base.mark_circle(size=260, opacity=0.9).encode(color=_colour(area_names, lang))]
    if labels:
        layers.append(base.mark_text(dy=-14, fontSize=10).encode(text="label:N"))
    return alt.layer(*layers).project(type="mercator")


def centres_of(munis: pd.DataFrame, centres_file: Path) -> pd.DataFrame:
    """Municipality centres: the database's lat/lon where it has them, else the shipped file."""
    if {"lat", "lon"} <= set(munis.columns) and munis[["lat", "lon"]].notna().all().all():
        return munis[["code", "lat", "lon"]]
    return pd.read_csv(centres_file, dtype={"code": str})


def region_map(munis: pd.DataFrame, leader_areas: pd.DataFrame, parts: pd.DataFrame, *,
               geo_dir: Path, cache_dir: Path | None, centres_file: Path, lang: str = "fi"
               ) -> tuple[alt.TopLevelMixin, bool]:
    """(chart, drawn from boundaries?) of the given municipalities, coloured by Leader area."""
    area_names = dict(zip(leader_areas["code"], leader_areas["name"]))
    area_names = {c: n for c, n in area_names.items() if c in set(munis["leader_area"])}
    labels = len(munis) <= 40
    if boundaries.missing_boundary_files(geo_dir):
        chart, real = point_chart(munis, centres_of(munis, centres_file), area_names, lang,
                                  labels), False
    else:
        chart, real = shape_chart(_shapes(geo_dir, cache_dir, munis, parts), area_names, lang,
                                  labels), True
    chart = chart.properties(width=WIDTH, height=HEIGHT, title=t("report_map", lang))
    return chart.configure_view(stroke=None), real
