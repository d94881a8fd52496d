"""Find and read the NLS boundary files; build the region's map units.

Nothing here reads the database: callers pass the seed facts (municipalities, parts) as DataFrames.
All geometry is WGS84 (EPSG:4326); areas are computed in ETRS-TM35FIN (EPSG:3067).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

MUNICIPALITIES_2021 = "municipalities_2021.geojson"
MUNICIPALITIES_2013 = "municipalities_2013.geojson"
REGIONS_2023 = "regions_2023.geojson"
BOUNDARY_FILES = (MUNICIPALITIES_2021, MUNICIPALITIES_2013, REGIONS_2023)

#: Etelä-Pohjanmaa in the regions file (the default region's outline, data/region.toml).
REGION_CODE = "14"
WGS84 = "EPSG:4326"
TM35FIN = "EPSG:3067"
#: `part` value of what is left of a municipality once its named parts are cut out.
REST_PART = "muu"


class BoundaryFileMissing(FileNotFoundError):
    """A boundary file is not where the configuration says it is."""

    def __init__(self, path: Path):
        self.path = Path(path)
        super().__init__(
            f"Rajatiedostoa ei löytynyt: odotettiin tiedostoa {self.path}. "
            "Aseta ympäristömuuttuja KUMPPANUUS_GEO_DIR kansioon, jossa on "
            f"{', '.join(BOUNDARY_FILES)}."
        )


def boundary_path(geo_dir: Path, name: str) -> Path | None:
    """Path of boundary file `name` in `geo_dir`, or None when it is not there."""
    path = Path(geo_dir) / name
    return path if path.is_file() else None


def require_boundary_file(geo_dir: Path, name: str) -> Path:
    """Path of boundary file `name`; raises BoundaryFileMissing naming the path looked at."""
    path = boundary_path(geo_dir, name)
    if path is None:
        raise BoundaryFileMissing(Path(geo_dir) / name)
    return path


def missing_boundary_files(geo_dir: Path) -> list[Path]:
    """The boundary files absent from `geo_dir` (empty when the map can be drawn)."""
    return [Path(geo_dir) / name for name in BOUNDARY_FILES if boundary_path(geo_dir, name) is None]


def _standardise(gdf: gpd.GeoDataFrame, code: str, name_fi: str, name_sv: str, width: int) -> gpd.GeoDataFrame:
    """Rename the file's columns to code/name_fi/name_sv; codes as zero-padded text."""
    codes = gdf[code].astype("int64").astype(str).str.zfill(width)
    frame = gpd.GeoDataFrame(
        {"code": codes.astype(object), "name_fi": gdf[name_fi].astype(object),
         "name_sv": gdf[name_sv].astype(object)},
        geometry=gdf.geometry.values, crs=gdf.crs,
    )
    return frame.to_crs(WGS84).sort_values("code", ignore_index=True)


def read_municipalities_2021(geo_dir: Path) -> gpd.GeoDataFrame:
    """All 309 municipalities of 2021: code (3-digit text), name_fi, name_sv, geometry."""
    raw = gpd.read_file(require_boundary_file(geo_dir, MUNICIPALITIES_2021))
    return _standardise(raw, "NATCODE", "NAMEFIN", "NAMESWE", 3)


def read_municipalities_2013(geo_dir: Path) -> gpd.GeoDataFrame:
    """The 320 municipalities of 2013 (the file's integer natcode becomes 3-digit text)."""
    raw = gpd.read_file(require_boundary_file(geo_dir, MUNICIPALITIES_2013))
    return _standardise(raw, "natcode", "namefin", "nameswe", 3)


def read_regions(geo_dir: Path) -> gpd.GeoDataFrame:
    """The 19 regions of 2023: code (2-digit text), name_fi, name_sv, geometry."""
    raw = gpd.read_file(require_boundary_file(geo_dir, REGIONS_2023))
    return _standardise(raw, "NATCODE", "NAMEFIN", "NAMESWE", 2)


def part_id(code: str, part: str, former_code: str = "") -> str:
    """Stable id of a map unit: '301' whole, '301-164' the part that was municipality 164,
    '301-muu' the rest."""
    if not part:
        return code
    return f"{code}-{former_code or part}"


@dataclass(frozen=True)
class PartSpec:
    """A named part of a 2021 municipality, drawn from a former municipality's geometry."""

    code: str
    part: str
    former_code: str


def part_specs(parts: pd.DataFrame) -> list[PartSpec]:
    """Read municipality_parts.csv rows (municipality_code, part_name, former_code)."""
    return [
        PartSpec(str(row.municipality_code).zfill(3), str(row.part_name), str(row.former_code).zfill(3))
        for row in parts.itertuples(index=False)
    ]


def split_geometry(whole, pieces: list) -> tuple[list, object]:
    """Clip each piece to `whole` and return (clipped pieces, what is left of `whole`)."""
    clipped = [shapely.intersection(whole, piece) for piece in pieces]
    rest = shapely.difference(whole, shapely.union_all(clipped))
    return clipped, rest


def _unit_row(code: str, part: str, former_code: str, geometry) -> dict:
    return {"unit_id": part_id(code, part, former_code), "code": code, "part": part,
            "former_code": former_code, "geometry": geometry}


def _split_rows(m2021: gpd.GeoDataFrame, m2013: gpd.GeoDataFrame, code: str, specs: list[PartSpec]) -> list[dict]:
    """Rows for one municipality cut into its named parts plus the rest."""
    whole = m2021.loc[m2021["code"] == code, "geometry"].iloc[0]
    former = m2013.set_index("code")["geometry"]
    missing = [s.former_code for s in specs if s.former_code not in former.index]
    if missing:
        raise ValueError(f"Former municipality code(s) {missing} are not in {MUNICIPALITIES_2013}.")
    clipped, rest = split_geometry(whole, [former[s.former_code] for s in specs])
    rows = [_unit_row(code, s.part, s.former_code, g) for s, g in zip(specs, clipped)]
    return rows + [_unit_row(code, REST_PART, "", rest)]


def national_units(m2021: gpd.GeoDataFrame, m2013: gpd.GeoDataFrame, parts: pd.DataFrame) -> gpd.GeoDataFrame:
    """Every 2021 municipality as one unit, except split ones, which become their parts + rest.

    The result is a polygon coverage (no overlaps, shared edges identical), which is what
    coverage simplification needs to keep borders aligned.
    """
    specs = part_specs(parts)
    split_codes = sorted({s.code for s in specs})
    rows = [_unit_row(r.code, "", "", r.geometry) for r in m2021.itertuples() if r.code not in split_codes]
    for code in split_codes:
        rows += _split_rows(m2021, m2013, code, [s for s in specs if s.code == code])
    units = gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
    return units.sort_values(["code", "part"], ignore_index=True)


def whole_municipalities(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dissolve parts back into whole municipalities: one row per code (names kept if present)."""
    columns = ["code"] + [c for c in ("name_fi", "name_sv") if c in units.columns] + ["geometry"]
    whole = units.dissolve(by="code", as_index=False, aggfunc="first")[columns]
    return whole.sort_values("code", ignore_index=True)
