"""The geo package: boundaries, the Kurikka split, Leader areas, size budgets, offline maps."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo import assets, boundaries, foliummap, prepared, scales, simplify, units
from kumppanuus import config

DATA = config.DATA_DIR
REGION_POPULATION = 192_150


@pytest.fixture(scope="module")
def seed():
    """The seed facts the map reads: municipalities, parts, Leader area names, centres."""
    munis = pd.read_csv(DATA / "municipalities.csv", dtype=str)
    munis["population_2020"] = munis["population_2020"].astype(int)
    parts = pd.read_csv(DATA / "municipality_parts.csv", dtype=str)
    leaders = pd.read_csv(DATA / "leader_areas.csv", dtype=str)
    centres = pd.read_csv(DATA / "municipality_centres.csv", dtype={"code": str})
    return {"munis": munis, "parts": parts, "names": dict(zip(leaders["code"], leaders["name"])),
            "centres": centres.merge(munis, on="code")}


@pytest.fixture(scope="module")
def geo_dir() -> Path:
    path = config.geo_dir()
    if boundaries.missing_boundary_files(path):
        pytest.skip(f"boundary files not found in {path}")
    return path


@pytest.fixture(scope="module")
def geometry(geo_dir, seed, tmp_path_factory) -> prepared.PreparedGeometry:
    cache = tmp_path_factory.mktemp("geo-cache")
    return prepared.prepare_geometry(geo_dir, seed["parts"], seed["munis"]["code"], cache)


@pytest.fixture(scope="module")
def map_units(geometry, seed) -> gpd.GeoDataFrame:
    return units.build_map_units(geometry.national, seed["munis"], seed["parts"])


def kurikka(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return frame[frame["code"] == "301"]


# Boundaries and map units ---------------------------------------------------------------------

def test_the_2021_file_holds_all_eighteen_region_municipalities(geo_dir, seed):
    m2021 = boundaries.read_municipalities_2021(geo_dir)
    assert set(seed["munis"]["code"]) <= set(m2021["code"])
    assert len(m2021[m2021["code"].isin(seed["munis"]["code"])]) == 18


def test_map_units_are_the_eighteen_municipalities_with_kurikka_in_two(map_units):
    assert map_units["code"].nunique() == 18
    assert len(map_units) == 19
    assert map_units["unit_id"].is_unique
    assert {"unit_id", "code", "part", "leader_area", "geometry"} <= set(map_units.columns)


def test_the_2013_codes_are_read_as_three_digit_text(geo_dir):
    m2013 = boundaries.read_municipalities_2013(geo_dir)
    assert "164" in set(m2013["code"]) and "005" in set(m2013["code"])


def test_jalasjarvi_part_is_liiveri_and_the_rest_of_kurikka_is_suupohja(map_units):
    parts = kurikka(map_units).set_index("part")["leader_area"].to_dict()
    assert parts == {"Jalasjärvi": "liiveri", "muu": "suupohja"}
    assert set(kurikka(map_units)["unit_id"]) == {"301-164", "301-muu"}


def test_kurikka_parts_add_up_to_kurikkas_2021_area_within_one_percent(map_units, geo_dir):
    m2021 = boundaries.read_municipalities_2021(geo_dir)
    whole = units.projected_area_km2(kurikka(m2021)).sum()
    parts = units.projected_area_km2(kurikka(map_units))
    assert parts.sum() == pytest.approx(whole, rel=0.01)
    assert (parts > 0.2 * whole).all(), "each part should be a real share of Kurikka, not a sliver"


def test_kurikka_parts_do_not_overlap(map_units):
    jalas, rest = kurikka(map_units).geometry.to_crs(boundaries.TM35FIN)
    assert jalas.intersection(rest).area < 1.0  # m²: they only share a border


def test_dissolve_gives_five_leader_areas_whose_populations_add_up_to_the_region(map_units, seed):
    areas = units.dissolve_leader_areas(map_units)
    assert sorted(areas["leader_area"]) == sorted(seed["names"])
    assert areas["population_2020"].sum() == seed["munis"]["population_2020"].sum() == REGION_POPULATION


def test_liiveri_includes_the_jalasjarvi_part_of_kurikka(map_units):
    areas = units.dissolve_leader_areas(map_units).set_index("leader_area")
    assert "Kurikka – Jalasjärvi" in areas.loc["liiveri", "municipalities"]
    assert "Kurikka (muu)" in areas.loc["suupohja", "municipalities"]


def test_neighbours_touch_the_region_but_are_not_in_it(geometry, seed):
    near = units.neighbouring_units(geometry.national, seed["munis"]["code"])
    assert 10 <= len(near) <= 40
    assert not set(near["code"]) & set(seed["munis"]["code"])
    assert {"Vaasa", "Perho"} <= set(near["name_fi"])


# Simplification, budgets and the cache ---------------------------------------------------------

@pytest.mark.parametrize(
    ("which", "budget"),
    [("region", simplify.REGION_BUDGET), ("national", simplify.NATIONAL_BUDGET)],
)
def test_simplified_geojson_is_under_its_byte_budget(geometry, seed, which, budget):
    region_bytes, national_bytes = prepared.budget_sizes(geometry.national, seed["munis"]["code"])
    assert {"region": region_bytes, "national": national_bytes}[which] <= budget


def test_all_309_municipalities_are_counted_in_the_national_budget(geometry):
    assert len(boundaries.whole_municipalities(geometry.national)) == 309


def test_simplified_units_still_form_a_gapless_coverage(geometry):
    assert shapely.coverage_is_valid(geometry.national.geometry.values)
    assert geometry.national.is_valid.all()


def test_coverage_simplification_keeps_shared_borders_aligned(geometry):
    coarse = simplify.simplified(geometry.national, 0.01)
    assert shapely.coverage_is_valid(coarse.geometry.values)
    assert shapely.get_num_coordinates(coarse.geometry.values).sum() < \
        shapely.get_num_coordinates(geometry.national.geometry.values).sum()


def test_coordinates_sent_to_the_browser_have_at_most_five_decimals(map_units):
    text = json.dumps(simplify.feature_collection(map_units, ["unit_id"]))
    assert not re.search(r"\d\.\d{6,}", text)


def _copy_geo(source: Path, target: Path) -> Path:
    target.mkdir()
    for name in boundaries.BOUNDARY_FILES:
        shutil.copy2(source / name, target / name)
    return target


def test_second_load_reads_the_disk_cache_instead_of_recomputing(geo_dir, seed, tmp_path, monkeypatch):
    args = (geo_dir, seed["parts"], seed["munis"]["code"], tmp_path)
    first = prepared.prepare_geometry(*args)
    monkeypatch.setattr(prepared, "compute_geometry", lambda *a: pytest.fail("recomputed"))
    second = prepared.prepare_geometry(*args)
    assert list(second.national["unit_id"]) == list(first.national["unit_id"])
    assert list((tmp_path / "geo").glob("national-*.parquet"))


def test_cache_key_changes_when_a_boundary_file_changes(geo_dir, seed, tmp_path):
    copy = _copy_geo(geo_dir, tmp_path / "geo")
    before = prepared.cache_key(copy, seed["parts"], seed["munis"]["code"])
    (copy / boundaries.REGIONS_2023).write_bytes((copy / boundaries.REGIONS_2023).read_bytes() + b"\n")
    assert prepared.cache_key(copy, seed["parts"], seed["munis"]["code"]) != before


def test_default_cache_lives_outside_the_repository():
    assert config.REPO_ROOT not in config.cache_dir().resolve().parents


# Missing files ---------------------------------------------------------------------------------

def test_missing_boundary_dir_raises_boundary_file_missing_naming_the_path(tmp_path):
    with pytest.raises(boundaries.BoundaryFileMissing) as caught:
        boundaries.read_municipalities_2021(tmp_path / "nowhere")
    assert caught.value.path == tmp_path / "nowhere" / boundaries.MUNICIPALITIES_2021
    assert str(tmp_path / "nowhere") in str(caught.value)


def test_missing_boundary_dir_lists_every_missing_file_and_finds_none(tmp_path):
    assert boundaries.boundary_path(tmp_path, boundaries.MUNICIPALITIES_2021) is None
    assert len(boundaries.missing_boundary_files(tmp_path)) == 3


def test_missing_boundary_dir_falls_back_to_a_marker_map(tmp_path, seed):
    assert boundaries.missing_boundary_files(tmp_path)
    html = foliummap.build_marker_map(seed["centres"], leader_names=seed["names"]).get_root().render()
    assert html.count(foliummap.MARKER_CLASS) >= 18
    assert "Leader Liiveri" in html


# The folium map ---------------------------------------------------------------------------------

def _maps(map_units, seed, geometry):
    values = pd.Series({"005": 1.5, "743": 2.25, "301": 0.5})
    outline = geometry.regions[geometry.regions["code"] == boundaries.REGION_CODE]
    near = units.neighbouring_units(geometry.national, seed["munis"]["code"])
    return {
        "leader": foliummap.build_map(map_units, leader_names=seed["names"], neighbours=near, outline=outline),
        "metric": foliummap.build_map(map_units, values, "per_1000", label="Osallistujia / 1 000"),
        "gap": foliummap.build_map(map_units, values - 1, "gap", label="Ero", diverging=True),
        "areas": foliummap.build_leader_area_map(units.dissolve_leader_areas(map_units)),
        "markers": foliummap.build_marker_map(seed["centres"]),
    }


@pytest.fixture(scope="module")
def rendered(map_units, seed, geometry) -> dict[str, str]:
    return {name: m.get_root().render() for name, m in _maps(map_units, seed, geometry).items()}


@pytest.mark.parametrize("name", ["leader", "metric", "gap", "areas", "markers"])
def test_rendered_map_html_loads_nothing_from_external_hosts(rendered, name):
    html = rendered[name]
    links = re.findall(r'<(?:script|img|iframe)[^>]*\bsrc="([^"]*)"', html)
    links += re.findall(r'<link[^>]*\bhref="([^"]*)"', html)
    assert links, "expected the local Leaflet links"
    assert all(link.startswith(assets.VENDOR_URL + "/") for link in links), links
    for word in ("cdn", "bootstrap", "awesome", "fontawesome", "d3js", "tile.openstreetmap"):
        assert word not in html.lower()


def test_offline_assets_leave_folium_defaults_alone():
    m = assets.use_offline_assets(folium.Map(tiles=None))
    assert m.default_js == assets.offline_js()
    assert any("cdn" in url for _, url in folium.Map.default_js)


def test_static_assets_are_copied_where_the_links_point(tmp_path):
    vendor = assets.ensure_static_assets(tmp_path / "static")
    for _, url in assets.offline_js() + assets.offline_css():
        assert (vendor / url.removeprefix(assets.VENDOR_URL + "/")).is_file()
    assert (vendor / "leaflet" / "images" / "marker-icon.png").is_file()


def test_standalone_html_inlines_leaflet_and_links_nothing(map_units):
    html = assets.standalone_html(foliummap.build_map(map_units))
    assert not re.search(r'<script[^>]*\bsrc=|<link[^>]*\bhref=', html)
    assert "L.map(" in html and "Leaflet" in html


def legend_labels(html: str) -> list[str]:
    """The label texts of the legend control in a rendered map."""
    legend = json.loads(re.search(r"div.innerHTML = (\".*?\");", html).group(1))
    return re.findall(r'<div class="kk-legend-item">.*?<span>(.*?)</span></div>', legend)


def test_leader_legend_names_the_five_areas(rendered, seed):
    labels = legend_labels(rendered["leader"])
    assert labels == [f"Leader {seed['names'][code]}" for code in scales.LEADER_COLOURS]


def test_metric_legend_uses_finnish_numbers_and_names_missing_data(rendered):
    labels = legend_labels(rendered["metric"])
    assert labels[0] == "0,50–0,85" and labels[-2].endswith("2,25")
    assert labels[-1] == "ei tietoa"
    assert not any("." in label for label in labels)


def test_attribution_names_the_national_land_survey(rendered):
    for name in ("leader", "metric", "areas"):
        assert "Maanmittauslaitos, CC BY 4.0" in rendered[name].encode().decode("unicode_escape")


def test_every_unit_feature_carries_its_unit_id(map_units):
    m = foliummap.build_map(map_units)
    layer = next(c for c in m._children.values() if isinstance(c, folium.GeoJson) and c.layer_name == "kunnat")
    ids = [f["id"] for f in layer.data["features"]]
    assert ids == [f["properties"]["unit_id"] for f in layer.data["features"]]
    assert sorted(ids) == sorted(map_units["unit_id"])


def test_kurikka_tooltips_explain_the_split(map_units):
    frame = foliummap._unit_frame(map_units, None, foliummap.LEADER_METRIC, "", {"liiveri": "Liiveri"},
                                  foliummap.UNIT_TOOLTIP).set_index("unit_id")
    assert "Leader Liiveri toimii Jalasjärven alueella" in frame.loc["301-164", "tooltip"]
    assert "Leader Suupohja" in frame.loc["301-muu", "tooltip"]
    assert "Jalasjärven" not in frame.loc["743", "tooltip"]


def test_tooltip_text_from_users_is_escaped(map_units):
    hostile = map_units.assign(tables=[["<img src=x onerror=alert(1)>"]] * len(map_units))
    frame = foliummap._unit_frame(hostile, None, foliummap.LEADER_METRIC, "", None, foliummap.UNIT_TOOLTIP)
    assert "<img" not in frame["tooltip"].iloc[0]
    assert "&lt;img" in frame["tooltip"].iloc[0]


def test_tooltips_show_finnish_and_swedish_names(map_units):
    frame = foliummap._unit_frame(map_units, None, foliummap.LEADER_METRIC, "", None,
                                  foliummap.UNIT_TOOLTIP).set_index("unit_id")
    assert frame.loc["846", "tooltip"].startswith("<b>Teuva / Östermark</b>")


def test_same_inputs_give_the_same_map_script(map_units, seed):
    def script(m):
        return re.sub(r"_[0-9a-f]{32}", "_ID", m.get_root().render())

    first = foliummap.build_map(map_units, leader_names=seed["names"])
    second = foliummap.build_map(map_units, leader_names=seed["names"])
    assert script(first) == script(second)


def test_values_by_code_colour_both_kurikka_parts(map_units):
    aligned = foliummap.aligned_values(map_units, pd.Series({"301": 4.0}))
    assert list(aligned[map_units["code"] == "301"]) == [4.0, 4.0]
    assert aligned[map_units["code"] != "301"].isna().all()


# Scales --------------------------------------------------------------------------------------

def test_finnish_numbers_use_a_decimal_comma_and_no_break_space_groups():
    assert scales.format_fi(1234.5) == "1\u00a0234,5"


def test_the_five_leader_colours_are_distinct():
    assert len(set(scales.LEADER_COLOURS.values())) == 5


def test_diverging_classes_are_symmetric_around_zero():
    classes = scales.numeric_classes(pd.Series([-0.4, 0.1, 0.8]), diverging=True)
    assert classes.edges[0] == -classes.edges[-1]
    assert classes.colour(0.0) == scales.DIVERGING[2]


def test_every_value_falls_in_a_class_whose_label_contains_it():
    values = pd.Series([0.37, 1.2, 2.9, 4.44, 7.05])
    classes = scales.numeric_classes(values)
    assert classes.edges[0] <= values.min() and classes.edges[-1] >= values.max()
    assert classes.colour(float("nan")) == scales.MISSING_COLOUR


# What the page shows ---------------------------------------------------------------------------

def test_score_metrics_are_offered_only_when_there_are_scores():
    from geo import mapdata

    assert [m.key for m in mapdata.available_metrics(False)] == [
        "leader_area", "per_1000", "n_tables", "open_actions"]
    assert "gap_pct" in [m.key for m in mapdata.available_metrics(True)]


def test_click_panel_lists_liaison_names_but_never_phone_or_email(map_units):
    from geo import mapdata

    contacts = pd.DataFrame({
        "municipality": ["743", "743", "743"], "name": ["Liisa Liaison", "Olli Organiser", "Entinen"],
        "role": ["liaison", "organiser", "liaison"], "organisation": ["Seinäjoen kaupunki", "", ""],
        "email": ["liisa@example.fi", "olli@example.fi", ""], "phone": ["040 1", "040 2", ""],
        "status": ["active", "active", "former"],
    })
    empty = pd.DataFrame(columns=["round", "table_no", "label", "date", "participants"])
    unit = map_units[map_units["unit_id"] == "743"].iloc[0]
    details = mapdata.unit_details(unit, empty, pd.DataFrame(columns=["round", "table_no", "code"]),
                                   pd.DataFrame(columns=["round", "table_no", "name"]), contacts)
    assert details.liaisons == ["Liisa Liaison (Seinäjoen kaupunki)"]
    assert "@" not in repr(details) and "040" not in repr(details)
