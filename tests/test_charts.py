"""Chart builders give valid Vega-Lite with Finnish formats, and PNG export gives an image."""

from __future__ import annotations

import pytest

from kumppanuus import charts, metrics

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def spring(store):
    tables = store.frame("tables")
    view = metrics.with_unique_labels(
        metrics.tables_view(tables, store.reference("municipalities")))
    areas_df = store.reference("leader_areas")
    areas = dict(zip(areas_df["code"], areas_df["name"]))
    return tables, view, areas, charts.attendance_frame(view, areas)


def _registrations(tables, view):
    long = metrics.registrations(tables).merge(view[["round", "table_no", "bar_label"]])
    return charts.stacked_chart(long, "Ilmoittautuneita",
                                list(metrics.REGISTRATION_COLUMNS.values()))


def all_charts(spring):
    tables, view, areas, data = spring
    return {
        "participants": charts.participants_chart(data, areas),
        "per_capita": charts.per_capita_chart(data, areas),
        "timeline": charts.timeline_chart(data, areas),
        "registrations": _registrations(tables, view),
    }


def test_the_chart_rows_carry_finnish_labels(spring):
    data = spring[3]
    first = data.iloc[0]
    assert first["bar_label"] == "1. Evijärvi-Kauhava"
    assert first["date_label"] == "27.1.2021"
    assert first["per_1000_label"] == "3,2"
    assert first["area_name"] == "Aisapari"


def test_every_chart_builder_returns_vega_lite_with_the_finnish_locale(spring):
    for name, chart in all_charts(spring).items():
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/"), name
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        assert spec["config"]["locale"]["time"]["date"] == "%-d.%-m.%Y"


def test_the_participants_chart_lists_tables_in_date_order_with_their_numbers(spring):
    spec = all_charts(spring)["participants"].to_dict()
    sort = spec["layer"][0]["encoding"]["y"]["sort"]
    assert sort[-3:] == ["10. Ilmajoki", "9. Kuortane", "11. Seinäjoki"]


def test_bars_are_coloured_with_the_shared_leader_palette(spring):
    spec = all_charts(spring)["participants"].to_dict()
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"]))
    assert colours["Aisapari"] == charts.LEADER_COLOURS["aisapari"]
    assert colours["Liiveri"] == charts.LEADER_COLOURS["liiveri"]
    assert charts.NO_AREA not in colours  # every spring 2021 table has a Leader area


def test_the_per_capita_chart_ranks_isokyro_first(spring):
    spec = all_charts(spring)["per_capita"].to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"][0] == "6. Isokyrö"


@pytest.mark.parametrize("name", ["participants", "per_capita", "timeline", "registrations"])
def test_png_export_produces_an_image(spring, name):
    png = charts.to_png(all_charts(spring)[name], scale=1)
    assert png.startswith(PNG_MAGIC)
    assert len(png) > 2000


def size_encoding(spec: dict) -> dict:
    return next(layer["encoding"]["size"] for layer in spec["layer"]
                if "size" in layer.get("encoding", {}))


def test_the_timeline_size_legend_names_real_tables_on_the_scale_of_the_circles(spring):
    _, _, areas, data = spring
    counts = sorted(data["participants"])
    spec = charts.timeline_chart(data, areas).to_dict()
    size = size_encoding(spec)
    assert size["legend"]["values"] == [counts[0], sorted(set(counts))[len(set(counts)) // 2],
                                        counts[-1]]
    assert set(size["legend"]["values"]) <= set(counts), "every legend circle is a real table"
    assert size["scale"]["domain"] == [0, counts[-1]], "area from 0, the largest table fills it"
    svg = charts.to_svg(spec)  # the legend's labels as drawn, in the marks' own size scale
    for value in size["legend"]["values"]:
        assert f">{value}</text>" in svg


def test_a_small_timeline_legend_lists_each_distinct_size_once():
    import pandas as pd

    assert charts.size_values(pd.Series([40, 12, 40])) == [12, 40]
    assert charts.size_values(pd.Series([], dtype=int)) == []
