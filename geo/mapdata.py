"""What the map page shows, as DataFrames: per-unit tooltip columns, metric values, the table
behind the map, Leader-area totals and the click panel's facts. No streamlit, no database.

Inputs are the lead's frames: `metrics.municipality_summary` / `tables_view` /
`leader_area_summary`, the stored speakers and contacts, `scores.municipality_metrics`.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

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
)


def available_metrics(has_scores: bool) -> list[Metric]:
    """The metrics that can be drawn (score metrics only when there are scores)."""
    return [m for m in METRICS if has_scores or not m.needs_scores]


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


def metric_values(summary: pd.DataFrame, score_metrics: pd.DataFrame | None, metric: Metric) -> pd.Series | None:
    """Values of `metric` indexed by municipality code (None for the Leader-area colouring)."""
    if not metric.column:
        return None
    source = score_metrics if metric.needs_scores else summary
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
