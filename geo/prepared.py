"""Derived geometry (split, simplified, rounded), cached on disk outside the repository.

The cache key is the source files' names, sizes and modification times plus the parts table
and the simplification settings, so a new boundary file or a changed split rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import boundaries, simplify

#: Bump when the derived layout changes, so old cache files are ignored.
CACHE_VERSION = 3


@dataclass(frozen=True)
class PreparedGeometry:
    """Simplified geometry: every 2021 municipality (split ones in parts) and region outlines."""

    national: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    tolerance: float


def source_signature(geo_dir: Path) -> list[list]:
    """[name, size, mtime_ns] of each boundary file; raises BoundaryFileMissing if one is absent."""
    signature = []
    for name in boundaries.BOUNDARY_FILES:
        stat = boundaries.require_boundary_file(geo_dir, name).stat()
        signature.append([name, stat.st_size, stat.st_mtime_ns])
    return signature


def cache_key(geo_dir: Path, parts: pd.DataFrame, region_codes) -> str:
    """Hex digest that changes whenever the derived geometry would."""
    spec = {
        "version": CACHE_VERSION,
        "sources": source_signature(geo_dir),
        "parts": [vars(p) for p in boundaries.part_specs(parts)],
        "region": sorted(region_codes),
        "budgets": [simplify.REGION_BUDGET, simplify.NATIONAL_BUDGET, simplify.DECIMALS],
        "tolerances": list(simplify.TOLERANCES),
    }
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:20]


def budget_sizes(national: gpd.GeoDataFrame, region_codes) -> tuple[int, int]:
    """(region units' GeoJSON bytes, all whole municipalities' GeoJSON bytes)."""
    region = national[national["code"].isin(list(region_codes))]
    whole = boundaries.whole_municipalities(national)
    return (simplify.geojson_bytes(region, ["unit_id", "code", "part"]),
            simplify.geojson_bytes(whole, ["code"]))


def choose_tolerance(national: gpd.GeoDataFrame, region_codes) -> tuple[float, gpd.GeoDataFrame]:
    """The smallest tolerance in TOLERANCES whose result meets both byte budgets."""
    for tolerance in simplify.TOLERANCES:
        candidate = simplify.simplified(national, tolerance)
        region_bytes, national_bytes = budget_sizes(candidate, region_codes)
        if region_bytes <= simplify.REGION_BUDGET and national_bytes <= simplify.NATIONAL_BUDGET:
            return tolerance, candidate
    return tolerance, candidate


def compute_geometry(geo_dir: Path, parts: pd.DataFrame, region_codes) -> PreparedGeometry:
    """Read the boundary files, split, simplify to budget (no cache)."""
    m2021 = boundaries.read_municipalities_2021(geo_dir)
    m2013 = boundaries.read_municipalities_2013(geo_dir)
    national = boundaries.national_units(m2021, m2013, parts)
    national = national.merge(m2021[["code", "name_fi", "name_sv"]], on="code", how="left")
    tolerance, national = choose_tolerance(national, region_codes)
    regions = simplify.simplified(boundaries.read_regions(geo_dir), tolerance)
    return PreparedGeometry(national=national, regions=regions, tolerance=tolerance)


def _cache_paths(cache_dir: Path, key: str) -> tuple[Path, Path, Path]:
    base = Path(cache_dir) / "geo"
    return base / f"national-{key}.parquet", base / f"regions-{key}.parquet", base / f"meta-{key}.json"


def _write_atomic(gdf: gpd.GeoDataFrame, path: Path) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    gdf.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def _write_cache(prepared: PreparedGeometry, paths: tuple[Path, Path, Path]) -> None:
    national_path, regions_path, meta_path = paths
    national_path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(prepared.national, national_path)
    _write_atomic(prepared.regions, regions_path)
    meta_path.write_text(json.dumps({"tolerance": prepared.tolerance}))


def _read_cache(paths: tuple[Path, Path, Path]) -> PreparedGeometry | None:
    national_path, regions_path, meta_path = paths
    if not all(p.is_file() for p in paths):
        return None
    try:
        tolerance = json.loads(meta_path.read_text())["tolerance"]
        return PreparedGeometry(gpd.read_parquet(national_path), gpd.read_parquet(regions_path), tolerance)
    except (OSError, ValueError, KeyError):
        return None


def prepare_geometry(geo_dir: Path, parts: pd.DataFrame, region_codes, cache_dir: Path | None) -> PreparedGeometry:
    """Derived geometry from the disk cache, or computed and cached (cache_dir None: no cache)."""
    if cache_dir is None:
        return compute_geometry(geo_dir, parts, region_codes)
    paths = _cache_paths(cache_dir, cache_key(geo_dir, parts, region_codes))
    cached = _read_cache(paths)
    if cached is not None:
        return cached
    prepared = compute_geometry(geo_dir, parts, region_codes)
    try:
        _write_cache(prepared, paths)
    except OSError:
        pass  # a read-only cache folder only costs speed
    return prepared
