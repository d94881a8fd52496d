"""Charts for a projector and for taking along: 1.5× text, and PNGs that say what they are."""

from __future__ import annotations

import re

from kumppanuus import chart_style, charts, metrics
from kumppanuus.chart_style import Caption


def attendance_chart(store):
    munis, areas_df = store.reference("municipalities"), store.reference("leader_areas")
    areas = dict(zip(areas_df["code"], areas_df["name"]))
    view = metrics.with_unique_labels(metrics.tables_view(store.frame("tables"), munis))
    return charts.participants_chart(charts.attendance_frame(view, areas), areas)


def test_a_chart_png_carries_its_title_round_filters_and_source(store):
    chart = attendance_chart(store)
    spec = chart.to_dict()
    caption = Caption(chart_style.chart_title(spec), "Kierros: kevät 2021",
                      "Rajaus: Leader Aisapari", "Lähde: Kumppanuuspöydät kevät 2021 -raportti")
    svg = charts.to_svg(chart, caption=caption)
    text = " ".join(re.findall(r">([^<>]+)<", svg))
    for line in ("Osallistujia", "Kierros: kevät 2021", "Rajaus: Leader Aisapari",
                 "Lähde: Kumppanuuspöydät kevät 2021 -raportti"):
        assert line in text, line
    assert charts.to_png(chart, caption=caption).startswith(b"\x89PNG")


def test_presentation_makes_every_font_size_one_and_a_half_times_and_keeps_labels(store):
    spec = attendance_chart(store).to_dict()
    spec["layer"][1]["mark"]["fontSize"] = 11
    big = chart_style.presentation_spec(spec)
    assert big["layer"][1]["mark"]["fontSize"] == 16.5
    assert big["config"]["axis"]["labelFontSize"] == 18  # the theme's 12 px × 1.5
    assert big["config"]["axisBand"]["labelOverlap"] is False
    assert big["usermeta"]["embedOptions"]["renderer"] == "svg"
    assert spec["layer"][1]["mark"]["fontSize"] == 11, "the original spec is left alone"
