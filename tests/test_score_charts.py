"""Score and feedback chart builders give valid Vega-Lite that carries its data and labels."""

import altair as alt
import pandas as pd
import pytest

from kumppanuus import charts, examples, scores
from kumppanuus.store import seed
from kumppanuus import score_charts as sc

MIN_N = 5


@pytest.fixture(scope="module")
def example():
    return examples.load_scores()


@pytest.fixture(scope="module")
def labels():
    criteria = seed.read_seed("criteria").astype({"no": int})
    return scores.criterion_labels(criteria)


def spec_of(chart: alt.TopLevelMixin) -> dict:
    return chart.to_dict()  # validates against the Vega-Lite schema


def title_text(spec: dict) -> str:
    title = spec["title"]
    return title["text"] if isinstance(title, dict) else title


def values(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def muni_frame(df, labels, code="743"):
    view = scores.criterion_view(df[df["municipality"] == code], MIN_N, list(labels))
    return sc.view_frame(view, labels, MIN_N)


def all_charts(df, labels):
    frame = muni_frame(df, labels)
    matrix = scores.with_names(scores.gaps(df, MIN_N), seed.read_seed("municipalities"))
    heat = sc.matrix_frame(matrix, labels, "participants_pct", MIN_N)
    gap = sc.matrix_frame(matrix, labels, "gap_pct", MIN_N)
    change = sc.change_frame(scores.round_changes(df, MIN_N), labels)
    example = bool(df["is_example"].any())
    return {
        "municipality": sc.municipality_chart(frame, labels, name="Seinäjoki", example=example),
        "group": sc.group_chart(frame, labels, "managers", name="Seinäjoki", example=example),
        "heatmap": sc.heatmap(heat, "participants_pct", scores.municipality_order(heat, 1),
                              example=example),
        "gap": sc.heatmap(gap, "gap_pct", scores.municipality_order(gap, None, "gap_pct"),
                          example=example),
        "rounds": sc.round_change_chart(change, labels, example=example),
        "feedback": sc.feedback_chart(examples.load_feedback(), "content", example),
    }


def test_every_builder_gives_valid_vega_lite_labelled_as_example_data(example, labels):
    for name, chart in all_charts(example, labels).items():
        spec = spec_of(chart)
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/"), name
        assert title_text(spec).startswith("Esimerkkiaineisto"), name


def test_real_data_charts_carry_no_example_label(example, labels):
    real = example.assign(is_example=False)
    for name, chart in all_charts(real, labels).items():
        if name == "feedback":
            chart = sc.feedback_chart(examples.load_feedback(), "content", False)
        assert "Esimerkkiaineisto" not in title_text(spec_of(chart)), name


def test_the_municipality_chart_shows_both_groups_n_and_the_gap(example, labels):
    spec = spec_of(sc.municipality_chart(muni_frame(example, labels), labels, name="X",
                                         example=True))
    rows = values(spec)
    assert {r["group_name"] for r in rows} == {"osallistujat", "kuntajohtajat"}
    assert all(r["value_label"].endswith(f"n {r['n']}") for r in rows if r["n"])
    assert any("%-yks." in r["gap_label"] for r in rows)


def test_a_hidden_group_says_fewer_than_n_respondents_instead_of_a_mean(labels):
    df = examples.load_scores()
    cells = scores.group_cells(df, MIN_N)
    code = cells.loc[cells["hidden"], "municipality"].iloc[0]
    rows = values(spec_of(sc.municipality_chart(muni_frame(df, labels, code), labels,
                                                name="X", example=True)))
    hidden = [r for r in rows if r["hidden"]]
    assert hidden and all(r["value_label"].startswith("alle 5 vastaajaa") for r in hidden)
    assert all(r["mean_pct"] is None for r in hidden)


def test_the_original_scale_is_in_the_tooltip_data(example, labels):
    rows = values(spec_of(sc.municipality_chart(muni_frame(example, labels), labels,
                                                name="X", example=True)))
    assert any("asteikko 1–10" in r["original"] for r in rows)


def test_the_gap_heatmap_diverges_around_zero(example, labels):
    matrix = scores.gaps(example, MIN_N).assign(name=lambda d: d["municipality"])
    frame = sc.matrix_frame(matrix, labels, "gap_pct", MIN_N)
    spec = spec_of(sc.heatmap(frame, "gap_pct", sorted(frame["name"].unique()), example=True))
    colour = [layer for layer in spec["layer"] if "color" in layer.get("encoding", {})][0]
    assert colour["encoding"]["color"]["scale"]["domainMid"] == 0


def test_feedback_options_are_drawn_in_the_poll_order():
    fb = pd.DataFrame({"round": "r", "table_no": 1, "question": "heard_via",
                       "option": ["Muu", "Facebook"], "count": [2, 5], "is_example": False})
    spec = spec_of(sc.feedback_chart(fb, "heard_via", False, subtitle="pöytä 1"))
    y = spec["layer"][0]["encoding"]["y"]
    assert y["sort"] == list(scores.FEEDBACK_ORDER["heard_via"])
    assert "pöytä 1" in title_text(spec)


def test_a_chart_renders_to_png(example, labels):
    png = charts.to_png(all_charts(example, labels)["municipality"])
    assert png.startswith(b"\x89PNG")
