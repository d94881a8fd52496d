"""What a command-line import loads: only what validating and storing a table needs.

The memory figure itself is measured by scripts/bench_speed.py (import section); these tests
check the causes that can be seen without timing anything: a `python -m kumppanuus import`
process never imports the map, chart or report libraries, and pandera still knows a geometry
column once geopandas is loaded (kumppanuus.schema_geo_probe changes nothing else).
"""

from __future__ import annotations

from tests import footprint_child
from tests.cli_support import run_cli
from tests.conftest import ROOT

#: Libraries of the map, the charts and the reports: none is needed to import a table.
NOT_FOR_AN_IMPORT = ("geopandas", "shapely", "pyproj", "folium", "altair", "reportlab", "pptx",
                     "streamlit")


def test_a_command_line_import_loads_no_map_chart_or_report_library():
    """Forked from the fork server (tests/footprint_child.py; ~2 CPU s less than a fresh
    interpreter): the server holds only the CLI's own imports, so the run names every library
    a fresh `python -m kumppanuus import` would load."""
    scores = ROOT / "data" / "example" / "esimerkki_arviot.csv"
    done = run_cli("import", "scores", str(scores), "--example", child=footprint_child.run,
                   child_args=(list(NOT_FOR_AN_IMPORT),))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "tuonti" in done.stdout and "lisätty" in done.stdout  # the rows were written
    assert done.stderr.strip().splitlines()[-1] == "exit 0 loaded -"


def test_pandera_still_knows_a_geometry_column_once_geopandas_is_imported():
    import geopandas
    import pandera.pandas as pa
    from pandera.engines import pandas_engine

    from kumppanuus import schema_geo_probe  # noqa: F401 — installs the probe

    assert pandas_engine.is_geopandas_dtype.kumppanuus_wrapped
    assert pandas_engine.is_geopandas_dtype(geopandas.array.GeometryDtype)
    assert not pandas_engine.is_geopandas_dtype(str)
    frame = geopandas.GeoDataFrame({"name": ["a"]},
                                   geometry=geopandas.points_from_xy([24.9], [60.2]))
    schema = pa.DataFrameSchema({"geometry": pa.Column(geopandas.array.GeometryDtype)})
    assert schema.validate(frame)["geometry"].dtype.name == "geometry"
