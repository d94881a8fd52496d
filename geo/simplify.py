"""Geometry simplification that keeps shared borders aligned, and GeoJSON size budgets."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import shapely

#: Coordinates sent to the browser are rounded to this many decimals (~1 m).
DECIMALS = 5
#: Byte budgets for the GeoJSON sent to the browser.
REGION_BUDGET = 60_000
NATIONAL_BUDGET = 400_000
#: Tolerances tried in order (degrees); the first that meets both budgets is used.
TOLERANCES = (0.0, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016)


def round_coordinates(geoms: np.ndarray, decimals: int = DECIMALS) -> np.ndarray:
    """Round every coordinate; identical vertices stay identical, so a coverage stays one."""
    rounded = shapely.transform(geoms, lambda xy: np.round(xy, decimals))
    return shapely.make_valid(rounded, method="structure", keep_collapsed=False)


def simplify_coverage(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    """Simplify polygons that share borders without opening gaps or overlaps between them.

    Uses `shapely.coverage_simplify` (GEOS >= 3.12); otherwise falls back to simplifying the
    shared line network once and re-polygonising, which keeps shared edges identical too.
    """
    if tolerance <= 0:
        return np.asarray(geoms)
    if hasattr(shapely, "coverage_simplify"):
        return shapely.coverage_simplify(geoms, tolerance)
    return _simplify_via_edges(np.asarray(geoms), tolerance)


def _simplify_via_edges(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    """Fallback: simplify the noded edge network, polygonise, give each face to its source."""
    edges = shapely.union_all(shapely.boundary(geoms))
    simple = shapely.simplify(shapely.line_merge(edges), tolerance, preserve_topology=True)
    faces = np.asarray(shapely.get_parts(shapely.polygonize(shapely.get_parts(simple))))
    owners = shapely.STRtree(geoms).query(shapely.point_on_surface(faces), predicate="within")
    out = []
    for index in range(len(geoms)):
        own = faces[owners[0][owners[1] == index]]
        out.append(shapely.union_all(own) if len(own) else geoms[index])
    return np.asarray(out)


def simplified(gdf: gpd.GeoDataFrame, tolerance: float, decimals: int = DECIMALS) -> gpd.GeoDataFrame:
    """Copy of `gdf` with coverage-simplified, rounded geometry."""
    out = gdf.copy()
    geoms = simplify_coverage(np.asarray(gdf.geometry.values), tolerance)
    out["geometry"] = round_coordinates(np.asarray(geoms), decimals)
    return out


def feature_collection(gdf: gpd.GeoDataFrame, properties: list[str], id_column: str | None = None) -> dict:
    """A GeoJSON FeatureCollection dict, in row order, with only `properties` (deterministic)."""
    features = []
    for row in gdf.itertuples(index=False):
        feature = {"type": "Feature", "properties": {p: getattr(row, p) for p in properties},
                   "geometry": shapely.geometry.mapping(row.geometry)}
        if id_column:
            feature["id"] = getattr(row, id_column)
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(gdf: gpd.GeoDataFrame, properties: list[str]) -> int:
    """Size in bytes of `gdf` as compact GeoJSON with the given properties."""
    text = json.dumps(feature_collection(gdf, properties), ensure_ascii=False, separators=(",", ":"))
    return len(text.encode("utf-8"))
