"""What the map page shows, as DataFrames: per-unit tooltip columns, metric values, the table
behind the map, Leader-area totals and the click panel's facts. No streamlit, no database.

Inputs are the lead's frames: `metrics.municipality_summary` / `tables_view` /
`leader_area_summary`, the stored speakers and contacts, `scores.municipality_metrics`.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from kumppanuus import areas, followup, metrics, rounds, scores
from kumppanuus.examples import has_example_rows
from kumppanuus.i18n import fmt_date, t
from kumppanuus.values import is_missing, text_of


@dataclass(frozen=True)
class Metric:
    """A way to colour the map: the column of the per-municipality frame and its Finnish label."""

    key: str
    label: str
    column: str = ""
    diverging: bool = False
    needs_scores: bool = False
    needs_change: bool = False  # drawn from the change since the previous round with scores

    def label_in(self, lang: str = "fi", example: bool = False) -> str:
        """The label in `lang` (`label` is the Finnish one, kept for the CSV header); with
        `example`, prefixed "Esimerkkiaineisto: " (legend, tooltip)."""
        text = t(f"metric_{self.key}", lang)
        return f"{t('example_label', lang)}: {text}" if example else text

    def shows_example(self, score_metrics: pd.DataFrame | None) -> bool:
        """True when this metric is drawn from score rows of which some are example data."""
        return self.needs_scores and has_example_rows(score_metrics)


METRICS = (
    Metric("leader_area", "Leader-alue"),
    Metric("per_1000", "Osallistujia / 1 000 asukasta", "per_1000"),
    Metric("n_tables", "Kumppanuuspöytiä", "n_tables"),
    Metric("open_actions", "Avoimia toimenpiteitä", "open_actions"),
    Metric("mean_pct", "Järjestöystävällisyys, osallistujat (%)", "mean_pct", needs_scores=True),
    Metric("gap_pct", "Ero: osallistujat − kuntajohtajat (%-yks.)", "gap_pct", diverging=True,
           needs_scores=True),
    Metric("change_pct", "Muutos edellisestä kierroksesta, osallistujat (%-yks.)", "change_pct",
           diverging=True, needs_scores=True, needs_change=True),
)


def available_metrics(has_scores: bool, has_change: bool = False) -> list[Metric]:
    """The metrics that can be drawn (score metrics only when there are scores, the change only
    when the shown round has a previous round with scores)."""
    return [m for m in METRICS if (has_scores or not m.needs_scores)
            and (has_change or not m.needs_change)]


def table_lines(view: pd.DataFrame, links: pd.DataFrame, lang: str = "fi") -> pd.Series:
    """Per municipality code, the tables covering it: ['4. Kurikka 24.2.2021 (46)', …]."""
    merged = links.merge(view[["round", "table_no", "label", "date", "participants"]],
                         on=["round", "table_no"]).sort_values(["date", "table_no"])
    merged["line"] = [f"{lbl} {fmt_date(d, lang)} ({'–' if pd.isna(p) else int(p)})"
                      for lbl, d, p in zip(merged["label"], merged["date"], merged["participants"])]
    return merged.groupby("code")["line"].agg(list)


def with_table_columns(units: gpd.GeoDataFrame, summary: pd.DataFrame, lines: pd.Series) -> gpd.GeoDataFrame:
    """Units plus `tables` (list of lines), `participants`, `n_tables`, `per_1000` by code."""
    out = units.copy()
    facts = summary.set_index("code")
    out["tables"] = [lines.get(code, []) for code in out["code"]]
    for column in ("participants", "n_tables", "per_1000"):
        out[column] = out["code"].map(facts[column]) if column in facts else pd.NA
    return out


def metric_values(summary: pd.DataFrame, score_metrics: pd.DataFrame | None, metric: Metric,
                  change: pd.DataFrame | None = None) -> pd.Series | None:
    """Values of `metric` indexed by municipality code (None for the Leader-area colouring)."""
    if not metric.column:
        return None
    source = change if metric.needs_change else score_metrics if metric.needs_scores else summary
    if source is None or source.empty:
        return pd.Series(dtype=float)
    return pd.to_numeric(source.set_index("code")[metric.column], errors="coerce").astype(float)


MAP_TABLE_HEADERS = {
    "unit_id": "tunnus", "code": "kuntanumero", "unit_name": "kunta", "name_sv": "kommun",
    "leader_area": "Leader-alue", "joint_authority": "yhteistoiminta-alue",
    "population_2020": "asukkaita_2020", "n_tables": "kumppanuuspöytiä",
    "participants": "osallistujia", "per_1000": "osallistujia_per_1000_asukasta",
}


def map_table(units: pd.DataFrame, values: pd.Series | None, metric: Metric,
              example: bool = False) -> pd.DataFrame:
    """The table behind the map (one row per drawn unit), with Finnish headers, for CSV;
    `example`: the values are (partly) example data, said in an `is_example` column."""
    columns = [c for c in MAP_TABLE_HEADERS if c in units.columns]
    out = pd.DataFrame(units[columns]).rename(columns=MAP_TABLE_HEADERS)
    if values is not None and metric.column not in MAP_TABLE_HEADERS:
        out[metric.label] = units["code"].map(values).to_numpy()
    if example:
        out["is_example"] = True
    return out.reset_index(drop=True)


def area_totals(areas: gpd.GeoDataFrame, leader_summary: pd.DataFrame) -> gpd.GeoDataFrame:
    """Dissolved Leader areas plus `tables` and `participants` from `leader_area_summary`."""
    totals = leader_summary.set_index("code")[["tables", "participants"]]
    return areas.join(totals, on="leader_area")


@dataclass(frozen=True)
class UnitDetails:
    """What the click panel shows for one unit; names only, never phone or e-mail."""

    title: str
    note: str
    tables: pd.DataFrame
    speakers: pd.DataFrame
    liaisons: list[str]


def unit_details(unit: pd.Series, view: pd.DataFrame, links: pd.DataFrame, speakers: pd.DataFrame,
                 contacts: pd.DataFrame) -> UnitDetails:
    """Tables covering the unit's municipality, their speakers and its liaison names."""
    keys = links.loc[links["code"] == unit["code"], ["round", "table_no"]].drop_duplicates()
    tables = view.merge(keys, on=["round", "table_no"])[["label", "date", "participants"]]
    spoke = speakers.merge(keys, on=["round", "table_no"])
    spoke = spoke[[c for c in ("table_no", "name", "title", "organisation") if c in spoke]]
    people = contacts[(contacts["municipality"] == unit["code"]) & (contacts["role"] == "liaison")
                      & (contacts["status"].fillna("active") != "former")]
    liaisons = [f"{n} ({o})" if not is_missing(o) else n
                for n, o in zip(people["name"], people["organisation"])]
    return UnitDetails(unit["unit_name"], text_of(unit.get("split_note")), tables.reset_index(drop=True),
                       spoke.reset_index(drop=True), liaisons)


# -- every metric of one round, per municipality and per Leader area ------------------------

AREA_COLUMNS = ["population", "n_tables", "participants", "per_1000", "open_actions",
                "mean_pct", "gap_pct", "n_participants", "change_pct"]


@dataclass(frozen=True)
class MapFigures:
    """What the map can colour by for the round shown: `summary` (per municipality: tables,
    participants, per_1000, open_actions), `scores` (per municipality score metrics; None
    without score rows), `change` (per municipality change since `change_rounds[0]`; empty
    without a previous round with scores) and `areas` (the same metrics computed for each
    Leader area itself, `kumppanuus.areas`). `change_note` is the catalog key that says why
    the change is not offered ('' when it is)."""

    summary: pd.DataFrame
    scores: pd.DataFrame | None
    change: pd.DataFrame
    areas: pd.DataFrame
    change_rounds: tuple[str, str] | None = None
    change_note: str = ""
    #: the rounds the shown rows come from, in time order (several with "all rounds")
    table_rounds: tuple[str, ...] = ()
    score_rounds: tuple[str, ...] = ()

    def pooled(self, metric: Metric) -> tuple[str, ...]:
        """The rounds `metric`'s values combine when they are more than one (else ()): the map
        must say so (issue 8: no view pools rounds without saying so). Derived from the rows,
        never from the sidebar's choice. The change compares two named rounds: never pooled."""
        if not metric.column or metric.needs_change:
            return ()
        shown = self.score_rounds if metric.needs_scores else self.table_rounds
        return shown if len(shown) > 1 else ()

    def metrics(self) -> list[Metric]:
        return available_metrics(self.scores is not None, not self.change.empty)

    def values(self, metric: Metric, by_area: bool = False) -> pd.Series | None:
        """The metric's values by municipality code, or by Leader area code with `by_area`
        (None for the Leader-area colouring)."""
        if not metric.column:
            return None
        if by_area:
            return areas.values_by_area(self.areas, metric.column)
        return metric_values(self.summary, self.scores, metric, self.change)

    def shows_example(self, metric: Metric) -> bool:
        """True when the metric is drawn from rows of which some are example data."""
        return metric.shows_example(self.change if metric.needs_change else self.scores)

    def label(self, metric: Metric, lang: str = "fi") -> str:
        """The legend's title: the metric in `lang` (example-labelled from the rows); the
        change names both rounds ('… (kevät 2021 → syksy 2022)')."""
        text = metric.label_in(lang, self.shows_example(metric))
        if metric.needs_change and self.change_rounds:
            text = f"{text} ({self.change_rounds[0]} → {self.change_rounds[1]})"
        elif self.pooled(metric):
            text = f"{text} ({' + '.join(self.pooled(metric))})"
        return text


def _change_of(score_rows: pd.DataFrame, shown: str | None, min_n: int):
    """(per-municipality change, (previous, shown) or None, note key)."""
    empty = pd.DataFrame(columns=areas.CHANGE_COLUMNS)
    if score_rows.empty:
        return empty, None, ""
    if shown is None:
        return empty, None, "map_change_pick_round"
    previous = rounds.previous_with_scores(score_rows, shown)
    if previous is None:
        return empty, None, "map_change_no_previous"
    pair = (previous, shown)
    change = rounds.municipality_score_change(score_rows, min_n, list(pair))
    return change, pair, "" if not change.empty else "map_change_none_in_both"


def map_figures(tables: pd.DataFrame, municipalities: pd.DataFrame, leader_areas: pd.DataFrame,
                actions: pd.DataFrame, score_rows: pd.DataFrame, shown: str | None,
                min_n: int) -> MapFigures:
    """Every map metric of round `shown` (None: every round) from the stored frames; `tables`,
    `actions` and `score_rows` may hold every round (they are cut to `shown` here)."""
    tables, actions = metrics.in_round(tables, shown), metrics.in_round(actions, shown)
    shown_scores = metrics.in_round(score_rows, shown)
    summary = metrics.municipality_summary(tables, municipalities)
    summary["open_actions"] = followup.open_counts(actions, summary["code"]).to_numpy()
    per_muni = scores.municipality_metrics(shown_scores, min_n) if len(shown_scores) else None
    change, pair, note = _change_of(score_rows, shown, min_n)
    area = areas.attendance(tables, municipalities, leader_areas).set_index("code")
    area["open_actions"] = areas.open_actions(actions, municipalities).reindex(area.index)\
        .fillna(0).astype(int)
    by_area = areas.score_metrics(shown_scores, municipalities, min_n).set_index("code")
    area = area.join(by_area[["mean_pct", "gap_pct", "n_participants", "is_example"]])
    if pair:
        moved = areas.score_change(score_rows, municipalities, min_n, pair).set_index("code")
        area["change_pct"] = moved["change_pct"].reindex(area.index)
    else:
        area["change_pct"] = float("nan")
    return MapFigures(summary, per_muni, change, area.reset_index(), pair, note,
                      tuple(rounds.pooled_rounds(tables)), tuple(rounds.pooled_rounds(shown_scores)))


def area_frame(dissolved: gpd.GeoDataFrame, figures: MapFigures, notes: dict[str, str]
               ) -> gpd.GeoDataFrame:
    """Dissolved Leader areas plus every area metric, `tables` (the count the tooltip names)
    and `note` (why a split part counts where it does)."""
    facts = figures.areas.set_index("code")
    out = dissolved.join(facts.drop(columns=["population"]), on="leader_area")
    out["tables"] = out["n_tables"]
    out["note"] = out["leader_area"].map(notes).fillna("")
    return out


def part_notes(parts: pd.DataFrame, municipalities: pd.DataFrame, leader_names: dict,
               lang: str = "fi") -> dict[str, str]:
    """{Leader area code: note in `lang`} for the areas a split part (Kurikka's Jalasjärvi)
    concerns: where the part is drawn, and where its municipality's rows count."""
    def describe(kind: str, row: dict) -> str:
        return t(f"map_part_{kind}", lang, part=row["part"], municipality=row["name_fi"],
                 counted_in=leader_names.get(row["counted_in"], row["counted_in"]),
                 part_area=leader_names.get(row["part_area"], row["part_area"]))

    return areas.part_notes(parts, municipalities, describe)


AREA_TABLE_COLUMNS = ["leader_area", "municipalities", "population_2020", "n_tables",
                      "participants", "per_1000", "open_actions", "mean_pct", "gap_pct",
                      "n_participants", "change_pct", "note"]


def area_table(frame: pd.DataFrame, example: bool = False) -> pd.DataFrame:
    """The table behind the Leader-area map (one row per area, every area metric) for CSV;
    `example`: the drawn metric comes from example rows, said in an `is_example` column."""
    out = pd.DataFrame(frame[[c for c in AREA_TABLE_COLUMNS if c in frame.columns]])
    if example:
        out["is_example"] = True
    return out.reset_index(drop=True)
