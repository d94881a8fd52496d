"""A second region set up from data files alone (KUMPPANUUS_REGION_DIR), no code changes.

The region is made up for the test: five real municipalities of two other regions, with their
codes and names read from the national boundary file, in two invented Leader areas with
invented populations and joint authorities. Only CSV/TOML files are written, into tmp_path.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo import boundaries, units
from kumppanuus import config, region
from kumppanuus.ingest import pipeline
from kumppanuus.store import Store
from tests.cluster_support import require
from tests.conftest import ROOT

#: The second region's database is seeded from its own files, never from the template.
pytestmark = pytest.mark.empty_database

#: code → (made-up Leader area, made-up joint authority, made-up population)
MADE_UP = {"564": ("rannikko", "Testi-sote", 200_000), "244": ("rannikko", "Testi-sote", 18_000),
           "425": ("sisamaa", "", 10_000), "272": ("rannikko", "", 47_000),
           "217": ("sisamaa", "", 5_000)}


@pytest.fixture
def second_region(tmp_path, monkeypatch):
    require(boundaries.boundary_path(config.geo_dir(), boundaries.MUNICIPALITIES_2021) is not None,
            f"{boundaries.MUNICIPALITIES_2021} is not in {config.geo_dir()}")
    national = boundaries.read_municipalities_2021(config.geo_dir())
    picked = national[national["code"].isin(list(MADE_UP))]
    folder = tmp_path / "testimaakunta"
    folder.mkdir()
    pd.DataFrame({
        "code": picked["code"], "name_fi": picked["name_fi"], "name_sv": picked["name_sv"],
        "population_2020": [MADE_UP[c][2] for c in picked["code"]],
        "leader_area": [MADE_UP[c][0] for c in picked["code"]],
        "joint_authority": [MADE_UP[c][1] for c in picked["code"]],
    }).to_csv(folder / "municipalities.csv", index=False)
    pd.DataFrame({"code": ["rannikko", "sisamaa"], "name": ["Rannikkoleader", "Sisämaaleader"],
                  "coordinator": ["", ""]}).to_csv(folder / "leader_areas.csv", index=False)
    (folder / "region.toml").write_text('name = "Testimaakunta"\nmap_regions = []\n',
                                        encoding="utf-8")
    monkeypatch.setenv(config.ENV_REGION_DIR, str(folder))
    return folder


def test_a_new_database_of_the_second_region_has_its_municipalities_and_areas_and_no_tables(
        second_region):
    store = Store()
    assert sorted(store.reference("municipalities")["code"]) == sorted(MADE_UP)
    assert sorted(store.reference("leader_areas")["name"]) == ["Rannikkoleader", "Sisämaaleader"]
    assert store.reference("municipality_parts").empty
    assert len(store.reference("criteria")) == 7  # the model's criteria, from data/
    assert store.frame("tables").empty and store.frame("contacts").empty
    assert region.load().name == "Testimaakunta" and region.load().map_regions == ()


TABLE = "kierros;nro;päivämäärä;nimi;kunnat;osallistujia\nsyksy 2026;1;1.10.2026;Pöytä;{};20\n"


def test_its_tables_name_its_municipalities_and_a_south_ostrobothnian_one_is_refused(
        second_region):
    store = Store()
    ok = pipeline.check_bytes("tables", TABLE.format("Kempele, Kannus").encode(), "a.csv", store)
    assert ok.problems == []
    assert ok.rows["municipalities"].tolist() == ["244,217"]
    refused = pipeline.check_bytes("tables", TABLE.format("Lapua").encode(), "b.csv", store)
    assert [p.column for p in refused.problems] == ["kunnat"]


def test_its_map_units_leader_areas_and_outline_come_from_its_files(second_region):
    store = Store()
    m2021 = boundaries.read_municipalities_2021(config.geo_dir())
    national = m2021.assign(unit_id=m2021["code"], part="")
    munis, parts = store.reference("municipalities"), store.reference("municipality_parts")
    map_units = units.build_map_units(national, munis, parts)
    assert sorted(map_units["unit_name"]) == ["Kannus", "Kempele", "Kokkola", "Liminka", "Oulu"]
    areas = units.dissolve_leader_areas(map_units).set_index("leader_area")
    assert areas.loc["sisamaa", "population_2020"] == 15_000
    outline = units.region_outline(m2021.iloc[0:0], region.load().map_regions, map_units)
    assert len(outline) == 1 and outline.geometry.iloc[0].contains(
        map_units.geometry.iloc[0].representative_point())


def test_the_pages_offer_only_the_second_regions_municipalities(second_region):
    at = AppTest.from_file(str(ROOT / "pages" / "yhteyshenkilot.py"), default_timeout=60)
    at.run()
    assert not at.exception
    municipality = next(s for s in at.sidebar.selectbox if s.label == "Kunta")
    options = " ".join(str(o) for o in municipality.options)
    assert "Kempele" in options and "Oulu" in options
    assert "Lapua" not in options and "Seinäjoki" not in options
