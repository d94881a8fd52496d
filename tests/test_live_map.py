"""The map page's live map (geo.livemap): geometry goes once by URL, a metric change swaps only
the coloured layer, and a click is reported at once."""

from __future__ import annotations

import json

import pandas as pd

from geo import foliummap, livemap
from tests.test_map_words import two_units
from ui import mapcomponent


def live(values=None, metric=foliummap.LEADER_METRIC, label=""):
    return livemap.split(foliummap.build_map(two_units(), values, metric, label=label, names=True))


def per_tables():
    return live(pd.Series({"005": 1.0, "010": 3.0}), "n_tables", "Kumppanuuspöytiä")


def test_the_geometry_file_holds_every_shape_and_the_map_script_none():
    one = live()
    shapes = json.loads(one.geometry)
    assert [len(layer) for layer in shapes.values()] == [2]
    args = mapcomponent.arguments(one, "kartta")
    assert "coordinates" not in args["script"] + args["feature_group"] + args["header"]
    assert f"{livemap.GEOMETRY_URL}/{one.file_name}" in args["script"]


def test_a_metric_change_keeps_the_map_script_and_geometry_and_swaps_the_layer():
    leader, tables = mapcomponent.arguments(live(), "kartta"), mapcomponent.arguments(per_tables(), "kartta")
    assert leader["script"] == tables["script"] and leader["key"] == tables["key"]
    assert leader["feature_group"] != tables["feature_group"]
    assert "Kumppanuusp" in tables["feature_group"] and "Kumppanuusp" not in leader["feature_group"]
    assert live().geometry == per_tables().geometry


def test_tooltips_legend_and_names_travel_with_the_layer():
    group = mapcomponent.arguments(live(), "kartta")["feature_group"]
    assert "Alavus / Alavo" in group and "kk-legend" in group and "kk-name" in group
    assert '["005","010"]' in group and "kk-tooltip" in group
    assert "\\u003c" not in group  # tooltip HTML as it is, not six bytes per '<'



def test_a_click_is_reported_at_once_not_after_the_frontends_debounce():
    one = live()
    args = mapcomponent.arguments(one, "kartta")
    assert f"{livemap.GEOMETRY_URL}/{livemap.SCRIPT_FILE}" in args["js_links"]
    assert f"{livemap.GEOMETRY_URL}/{livemap.STYLE_FILE}" in args["css_links"]
    report = one.files()[livemap.SCRIPT_FILE].decode()
    assert "window.Streamlit.setComponentValue(value)" in report
    assert "state.previous_data = value" in report  # the late debounced report sends nothing


def test_the_geometry_file_is_written_once_under_its_content_hash(tmp_path):
    one, folder = live(), tmp_path / "static_geo"  # tmp_path also holds the test's database
    path = livemap.write_geometry(one, folder)
    assert path.name == one.file_name and path.read_bytes() == one.geometry
    assert sorted(p.name for p in folder.iterdir()) == sorted(one.files())
    before = path.stat().st_mtime_ns
    livemap.write_geometry(live(), folder)
    assert path.stat().st_mtime_ns == before


def test_tooltips_built_column_by_column_match_the_row_by_row_html():
    from geo.tooltips import tooltip_html, tooltips_html, unit_tooltip

    units = two_units().assign(
        leader_name=["Leader <Aisapari>", "Leader Kuudestaan"], joint_authority=["", "JIK"],
        tables=[["4. Alajärvi 24.2.2021 (46)", "5. Lappajärvi 3.3.2021 (12)"], []],
        participants=[1234.5, float("nan")], split_note=[None, "Jaettu & kahtia"])
    fields = unit_tooltip("fi")
    headings = ["Alajärvi", "Alavus / Alavo"]
    rows = [tooltip_html(h, row, fields) for h, (_, row) in zip(headings, units.iterrows())]
    assert tooltips_html(headings, units, fields) == rows
    assert "&lt;Aisapari&gt;" in rows[0] and "1 234,5" in rows[0].replace("\xa0", " ")
