"""The region's map units: attributes from the seed facts, Leader-area dissolve, neighbours."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.boundaries import REST_PART, TM35FIN

UNIT_COLUMNS = [
    "unit_id", "code", "part", "unit_name", "name_fi", "name_sv", "leader_area",
    "joint_authority", "population_2020", "split_note", "geometry",
]


def _normalised_municipalities(municipalities: pd.DataFrame) -> pd.DataFrame:
    """municipalities.csv with codes as 3-digit text and an empty joint authority as ''."""
    frame = municipalities.copy()
    frame["code"] = frame["code"].astype(str).str.zfill(3)
    frame["joint_authority"] = frame["joint_authority"].fillna("").astype(str)
    return frame.set_index("code")


def _part_attributes(parts: pd.DataFrame) -> pd.DataFrame:
    """municipality_parts.csv keyed by (code, part) with leader_area and note."""
    frame = parts.rename(columns={"municipality_code": "code", "part_name": "part"}).copy()
    frame["code"] = frame["code"].astype(str).str.zfill(3)
    frame["note"] = frame.get("note", pd.Series("", index=frame.index)).fillna("")
    return frame.set_index(["code", "part"])


def _unit_name(name_fi: str, part: str) -> str:
    """'Kurikka', 'Kurikka – Jalasjärvi' or 'Kurikka (muu)'."""
    if not part:
        return name_fi
    return f"{name_fi} ({REST_PART})" if part == REST_PART else f"{name_fi} – {part}"


def _split_note(parts_of_code: pd.DataFrame) -> str:
    """The note that explains why a municipality is drawn in pieces."""
    notes = [n for n in parts_of_code["note"] if n]
    return " ".join(dict.fromkeys(notes))


def _attributes(unit: pd.Series, munis: pd.DataFrame, parts: pd.DataFrame) -> dict:
    """Seed-fact attributes of one unit (parts take their own Leader area; population stays
    with the unit that carries the municipality's own Leader area, so totals add up)."""
    muni = munis.loc[unit["code"]]
    named_part = bool(unit["part"]) and unit["part"] != REST_PART
    of_code = parts.loc[unit["code"]] if unit["code"] in parts.index.get_level_values(0) else None
    return {
        "unit_name": _unit_name(muni["name_fi"], unit["part"]),
        "name_fi": muni["name_fi"], "name_sv": muni["name_sv"],
        "leader_area": parts.loc[(unit["code"], unit["part"]), "leader_area"] if named_part else muni["leader_area"],
        "joint_authority": muni["joint_authority"],
        "population_2020": pd.NA if named_part else int(muni["population_2020"]),
        "split_note": _split_note(of_code) if of_code is not None and unit["part"] else "",
    }


def build_map_units(national: gpd.GeoDataFrame, municipalities: pd.DataFrame, parts: pd.DataFrame) -> gpd.GeoDataFrame:
    """One row per region municipality (split ones as several rows), with seed-fact columns.

    `national` comes from `boundaries.national_units` (possibly simplified); `municipalities`
    and `parts` are the seed CSVs. Raises ValueError naming codes that have no boundary.
    """
    munis = _normalised_municipalities(municipalities)
    missing = sorted(set(munis.index) - set(national["code"]))
    if missing:
        raise ValueError(f"No boundary for municipality code(s) {missing} in the boundary file.")
    region = national[national["code"].isin(munis.index)].reset_index(drop=True)
    part_attrs = _part_attributes(parts)
    attrs = pd.DataFrame([_attributes(u, munis, part_attrs) for _, u in region.iterrows()])
    units = pd.concat([region[["unit_id", "code", "part"]], attrs, region[["geometry"]]], axis=1)
    units["population_2020"] = units["population_2020"].astype("Int64")
    return gpd.GeoDataFrame(units[UNIT_COLUMNS], geometry="geometry", crs=national.crs)


def dissolve_leader_areas(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per Leader area: leader_area, municipalities (unit names), n_units, population_2020."""
    grouped = units.dissolve(
        by="leader_area", as_index=False,
        aggfunc={"unit_name": lambda names: ", ".join(sorted(names)), "unit_id": "count",
                 "population_2020": "sum"},
    )
    areas = grouped.rename(columns={"unit_name": "municipalities", "unit_id": "n_units"})
    areas["population_2020"] = areas["population_2020"].astype("int64")
    return areas[["leader_area", "municipalities", "n_units", "population_2020", "geometry"]]


def neighbouring_units(national: gpd.GeoDataFrame, region_codes) -> gpd.GeoDataFrame:
    """Whole municipalities outside the region that touch it (drawn faintly for context)."""
    from geo.boundaries import whole_municipalities

    whole = whole_municipalities(national)
    inside = whole["code"].isin(list(region_codes))
    region = whole.loc[inside].union_all()
    touching = whole.loc[~inside & whole.intersects(region)]
    return touching.reset_index(drop=True)


def region_outline(regions: gpd.GeoDataFrame, codes, map_units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The region's outline: its configured rows of the regions file, or (none configured, as
    for a region made of municipalities from several) the union of its map units."""
    if codes:
        return regions[regions["code"].isin(list(codes))]
    return gpd.GeoDataFrame(geometry=[map_units.union_all()], crs=map_units.crs)


def projected_area_km2(gdf: gpd.GeoDataFrame) -> pd.Series:
    """Area of each row in km², computed in ETRS-TM35FIN."""
    return gdf.to_crs(TM35FIN).area / 1e6
