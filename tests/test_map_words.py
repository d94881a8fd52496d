"""What the map says and draws: one term (Leader-alue), a km-only scale, names on request, room
for the legend, and no background-map switch that would draw nothing offline."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import box
from streamlit.testing.v1 import AppTest

from geo import foliummap
from tests.conftest import ROOT


def two_units() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({
        "unit_id": ["005", "010"], "code": ["005", "010"], "part": ["", ""],
        "unit_name": ["Alajärvi", "Alavus"], "name_fi": ["Alajärvi", "Alavus"],
        "name_sv": ["Alajärvi", "Alavo"], "leader_area": ["aisapari", "kuudesta"],
    }, geometry=[box(23.5, 62.9, 24.2, 63.3), box(23.3, 62.4, 23.9, 62.8)], crs="EPSG:4326")


def test_the_map_scale_is_in_kilometres_only_and_the_legend_has_room():
    html = foliummap.build_map(two_units(), lang="fi").get_root().render()
    assert "imperial: false" in html
    assert "Leader-alue" in html and "Leader-ryhmä" not in html
    assert f'"paddingBottomRight":[{foliummap.LEGEND_WIDTH},0]' in "".join(html.split())


def test_municipality_names_are_drawn_inside_their_units_only_when_asked():
    units = two_units()
    assert "kk-name" not in foliummap.build_map(units).get_root().render()
    html = foliummap.build_map(units, names=True).get_root().render()
    assert "Alavus" in html and "kk-name" in html
    for (lat, lon, _), geometry in zip(foliummap.name_points(units), units.geometry):
        assert geometry.contains(gpd.points_from_xy([lon], [lat])[0])


def test_the_map_page_has_no_background_map_switch_and_says_why():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [t.label for t in at.toggle]
    assert "Taustakartta" not in labels and "Kuntien nimet" in labels
    assert any("ilman verkkoyhteyttä" in c.value for c in at.caption)


def test_tooltips_open_towards_the_centre_so_they_stay_inside_the_frame():
    html = foliummap.build_map(two_units()).get_root().render()
    assert '"direction": "auto"' in html
