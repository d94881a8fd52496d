"""folium maps of the region: municipalities by Leader area or by a metric, Leader areas,
and a marker fallback for when the boundary files are missing.

Every map loads Leaflet from the app itself (geo.assets), has no background tiles unless asked,
shows the NLS attribution, and gives each feature a stable `unit_id` property so a click can be
read back from st_folium's `last_active_drawing`. The same inputs give the same map script.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from geo import assets, scales, simplify
from geo.elements import HATCH_FILL, Attribution, KmScale, Legend, LegendEntry, NameLabels
from geo.tooltips import (AREA_TOOLTIP, UNIT_TOOLTIP, area_tooltip, bilingual,  # noqa: F401
                          tooltip_html, tooltips_html, unit_tooltip, value_html)
from kumppanuus.i18n import t

LEADER_METRIC = "leader_area"
ATTRIBUTION = t("map_attribution")  # Finnish; maps use t("map_attribution", lang)
UNIT_CLASS = "kk-unit"
AREA_CLASS = "kk-area"
NEIGHBOUR_CLASS = "kk-neighbour"
OUTLINE_CLASS = "kk-outline"
MARKER_CLASS = "kk-marker"
LEADER_TITLE = t("leader_group")  # Finnish; legends use t("leader_group", lang)
LEGEND_WIDTH = 190  # px the bottom-right legend needs
HIGHLIGHT = {"weight": 3, "color": "#000000"}
FILL_OPACITY = 0.8


def leader_label(code: str, leader_names: Mapping[str, str] | None) -> str:
    """'Leader Liiveri' for code 'liiveri' (the code itself when no name is known)."""
    return f"Leader {(leader_names or {}).get(code, code)}"


def base_map(bounds: Sequence[float], *, tiles: bool = False, base_url: str = assets.VENDOR_URL) -> folium.Map:
    """Empty map fitted to (minx, miny, maxx, maxy), loading only local Leaflet/jQuery."""
    minx, miny, maxx, maxy = (float(b) for b in bounds)
    m = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=8, tiles=None,
                   control_scale=False, min_zoom=5, max_zoom=13, zoom_snap=0.25)
    assets.use_offline_assets(m, base_url)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap").add_to(m)
    # room on the right for the legend (bottom right), so it covers no municipality
    m.fit_bounds([[miny, minx], [maxy, maxx]], padding_bottom_right=(LEGEND_WIDTH, 0))
    m.add_child(KmScale())
    return m


def _plain(value):
    """A JSON-safe Python value (numpy scalars unwrapped, NA → None)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or (np.isscalar(value) and pd.isna(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _style(fill: str, class_name: str, missing: bool = False) -> dict:
    style = {"fillColor": fill, "fillOpacity": FILL_OPACITY, "color": "#333333", "weight": 1,
             "className": class_name}
    if missing:
        style.update({"fillColor": HATCH_FILL, "fillOpacity": 1, "dashArray": "4 3"})
    return style


def _feature_layer(gdf: gpd.GeoDataFrame, id_column: str, styles: dict, name: str) -> folium.GeoJson:
    """GeoJson layer with one style per feature id and a tooltip from the `tooltip` column."""
    properties = [c for c in gdf.columns if c != "geometry"]
    frame = gdf.copy()
    for column in properties:
        frame[column] = [_plain(v) for v in frame[column]]
    data = simplify.feature_collection(frame, properties, id_column=id_column)
    return folium.GeoJson(
        data, name=name,
        style_function=lambda feature: styles[feature["properties"][id_column]],
        highlight_function=lambda feature: HIGHLIGHT,
        # direction "auto": Leaflet opens the tooltip towards the map's centre, so it stays
        # inside the map's frame at the region's edges
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True,
                                      class_name="kk-tooltip", direction="auto"),
    )


def _context_layer(gdf: gpd.GeoDataFrame | None, style: dict, name: str) -> folium.GeoJson | None:
    """A faint non-interactive layer (neighbours, region outline), or None."""
    if gdf is None or gdf.empty:
        return None
    data = simplify.feature_collection(gdf[["geometry"]], [])
    return folium.GeoJson(data, name=name, style_function=lambda feature: style, interactive=False)


def _add_context(m: folium.Map, neighbours, outline, before: bool) -> None:
    """Neighbours go under the region's units, the outline over them."""
    layer = (_context_layer(neighbours, {"fillColor": "#f2f2f2", "fillOpacity": 1, "color": "#bdbdbd",
                                         "weight": 0.7, "className": NEIGHBOUR_CLASS}, "naapurikunnat")
             if before else
             _context_layer(outline, {"fill": False, "color": "#222222", "weight": 2.2,
                                      "className": OUTLINE_CLASS}, "maakunta"))
    if layer is not None:
        layer.add_to(m)


def aligned_values(units: pd.DataFrame, values: pd.Series | None) -> pd.Series:
    """`values` (indexed by unit_id or by municipality code) in units' row order; NaN if absent."""
    if values is None:
        return pd.Series(np.nan, index=units.index, dtype=float)
    numeric = pd.to_numeric(values, errors="coerce")
    numeric.index = numeric.index.astype(str)
    by_unit = units["unit_id"].map(numeric)
    by_code = units["code"].map(numeric[~numeric.index.duplicated()])
    return by_unit.fillna(by_code).astype(float)


def _leader_legend(codes: Sequence[str], leader_names, lang: str = "fi") -> Legend:
    order = [c for c in scales.LEADER_COLOURS if c in codes] + sorted(set(codes) - set(scales.LEADER_COLOURS))
    entries = [LegendEntry(leader_label(c, leader_names), scales.leader_colour(c, order)) for c in order]
    return Legend(t("leader_group", lang), entries)


def _metric_legend(label: str, classes: scales.Classes, has_missing: bool, lang: str = "fi") -> Legend:
    entries = [LegendEntry(text, colour) for text, colour in zip(classes.labels(lang), classes.colours)]
    if has_missing:
        entries.append(LegendEntry(t("no_data", lang), missing=True))
    return Legend(label, entries)


def _unit_frame(units, values, metric, label, leader_names, tooltip, lang: str = "fi",
                signed: bool = False) -> pd.DataFrame:
    """Properties of each unit feature, including the composed tooltip HTML."""
    frame = units.copy()
    frame["leader_name"] = [leader_label(c, leader_names) for c in frame["leader_area"]]
    frame["value"] = aligned_values(frame, values) if metric != LEADER_METRIC else np.nan
    fields = list(tooltip)
    if metric != LEADER_METRIC:
        frame["value_text"] = [value_html(v, lang, signed) if not pd.isna(v) else t("no_data", lang)
                               for v in frame["value"]]
        fields = [("value_text", label or metric)] + fields
    names = frame["unit_name"] if "unit_name" in frame.columns else frame["name_fi"]
    swedish = frame["name_sv"] if "name_sv" in frame.columns else [None] * len(frame)
    heading = [bilingual(n, s) for n, s in zip(names, swedish)]
    frame["tooltip"] = tooltips_html(heading, frame, fields, lang)
    keep = ["unit_id", "code", "part", "leader_area", "value", "tooltip", "geometry"]
    return frame[keep]


def _unit_styles(frame: pd.DataFrame, metric: str, diverging: bool) -> tuple[dict, scales.Classes | None]:
    if metric == LEADER_METRIC:
        order = list(dict.fromkeys(frame["leader_area"]))
        return {u: _style(scales.leader_colour(c, order), UNIT_CLASS)
                for u, c in zip(frame["unit_id"], frame["leader_area"])}, None
    classes = scales.numeric_classes(frame["value"], diverging=diverging)
    return {u: _style(classes.colour(v), UNIT_CLASS, missing=pd.isna(v))
            for u, v in zip(frame["unit_id"], frame["value"])}, classes


def build_map(
    units: gpd.GeoDataFrame,
    values: pd.Series | None = None,
    metric: str = LEADER_METRIC,
    *,
    label: str = "",
    diverging: bool = False,
    leader_names: Mapping[str, str] | None = None,
    tooltip: Sequence[tuple[str, str]] | None = None,
    neighbours: gpd.GeoDataFrame | None = None,
    outline: gpd.GeoDataFrame | None = None,
    tiles: bool = False,
    base_url: str = assets.VENDOR_URL,
    lang: str = "fi",
    names: bool = False,
) -> folium.Map:
    """Municipalities coloured by Leader area (`metric='leader_area'`) or by `values`.

    `values` is a numeric Series indexed by unit_id or municipality code (both Kurikka parts
    take Kurikka's value unless a part has its own); `label` names it in the legend and
    tooltip; `diverging=True` centres the scale on 0 (for a gap). Tooltip rows come from
    `tooltip` (column, label) pairs whose columns the caller put in `units` (default
    UNIT_TOOLTIP, labelled in `lang`); legend, tooltips and attribution speak `lang`.
    """
    m = base_map(units.total_bounds, tiles=tiles, base_url=base_url)
    _add_context(m, neighbours, outline, before=True)
    tooltip = unit_tooltip(lang) if tooltip is None else tooltip
    frame = _unit_frame(units, values, metric, label, leader_names, tooltip, lang, signed=diverging)
    styles, classes = _unit_styles(frame, metric, diverging)
    _feature_layer(frame, "unit_id", styles, "kunnat").add_to(m)
    _add_context(m, neighbours, outline, before=False)
    if classes is None:
        m.add_child(_leader_legend(list(frame["leader_area"]), leader_names, lang))
    else:
        m.add_child(_metric_legend(label or metric, classes, bool(frame["value"].isna().any()), lang))
    m.add_child(Attribution(t("map_attribution", lang)))
    if names:
        m.add_child(NameLabels(name_points(units)))
    return m


def name_points(units: gpd.GeoDataFrame) -> list[tuple[float, float, str]]:
    """(lat, lon, name) inside each unit (a point on its surface, not a centroid that may fall
    outside), one per unit name."""
    points = units.geometry.representative_point()
    label = units["unit_name"] if "unit_name" in units.columns else units["name_fi"]
    return [(p.y, p.x, n) for p, n in zip(points, label)]


def build_leader_area_map(
    areas: gpd.GeoDataFrame,
    values: pd.Series | None = None,
    metric: str = LEADER_METRIC,
    *,
    label: str = "",
    diverging: bool = False,
    leader_names: Mapping[str, str] | None = None,
    tooltip: Sequence[tuple[str, str]] | None = None,
    neighbours: gpd.GeoDataFrame | None = None,
    outline: gpd.GeoDataFrame | None = None,
    tiles: bool = False,
    base_url: str = assets.VENDOR_URL,
    lang: str = "fi",
    names: bool = False,
) -> folium.Map:
    """The dissolved Leader areas (from `units.dissolve_leader_areas` plus the caller's totals
    columns, e.g. tables and participants) with totals in the tooltips (default AREA_TOOLTIP,
    labelled in `lang`), coloured by Leader area or by `values` (indexed by area code, the
    area's own figure: `geo.mapdata.MapFigures.values(by_area=True)`), named `label`."""
    tooltip = area_tooltip(lang) if tooltip is None else tooltip
    m = base_map(areas.total_bounds, tiles=tiles, base_url=base_url)
    _add_context(m, neighbours, outline, before=True)
    frame = areas.copy()
    frame["unit_id"] = frame["code"] = frame["leader_area"]
    frame["value"] = aligned_values(frame, values) if metric != LEADER_METRIC else np.nan
    if metric != LEADER_METRIC:
        frame["value_text"] = [value_html(v, lang, diverging) if not pd.isna(v) else t("no_data", lang)
                               for v in frame["value"]]
        tooltip = [("value_text", label or metric), *tooltip]
    frame["tooltip"] = tooltips_html([leader_label(c, leader_names) for c in frame["leader_area"]],
                                     frame, tooltip, lang)
    styles, classes = _unit_styles(frame, metric, diverging)
    styles = {u: {**style, "className": AREA_CLASS} for u, style in styles.items()}
    _feature_layer(frame[["unit_id", "leader_area", "tooltip", "geometry"]], "unit_id", styles, "leader").add_to(m)
    _add_context(m, neighbours, outline, before=False)
    if classes is None:
        m.add_child(_leader_legend(list(frame["leader_area"]), leader_names, lang))
    else:
        m.add_child(_metric_legend(label or metric, classes, bool(frame["value"].isna().any()), lang))
    m.add_child(Attribution(t("map_attribution", lang)))
    if names:
        m.add_child(NameLabels(name_points(frame.assign(
            unit_name=[leader_label(c, leader_names) for c in frame["leader_area"]]))))
    return m


def build_marker_map(
    centres: pd.DataFrame,
    *,
    leader_names: Mapping[str, str] | None = None,
    tooltip: Sequence[tuple[str, str]] | None = None,
    tiles: bool = False,
    base_url: str = assets.VENDOR_URL,
    lang: str = "fi",
) -> folium.Map:
    """Fallback without boundary files: one circle per municipality centre (code, lat, lon,
    name_fi, leader_area and any tooltip columns), coloured by Leader area."""
    tooltip = unit_tooltip(lang) if tooltip is None else tooltip
    bounds = (centres["lon"].min() - 0.3, centres["lat"].min() - 0.2, centres["lon"].max() + 0.3,
              centres["lat"].max() + 0.2)
    m = base_map(bounds, tiles=tiles, base_url=base_url)
    order = list(dict.fromkeys(centres["leader_area"]))
    for _, row in centres.sort_values("code").iterrows():
        row = row.copy()
        row["leader_name"] = leader_label(row["leader_area"], leader_names)
        text = tooltip_html(bilingual(row["name_fi"], row.get("name_sv")), row, tooltip, lang)
        folium.CircleMarker(
            location=[float(row["lat"]), float(row["lon"])], radius=9, weight=1, color="#333333",
            fill=True, fill_color=scales.leader_colour(row["leader_area"], order), fill_opacity=0.9,
            class_name=MARKER_CLASS, tooltip=folium.Tooltip(text, class_name="kk-tooltip"),
        ).add_to(m)
    m.add_child(_leader_legend(order, leader_names, lang))
    return m
