"""Leader-area figures for the map's dissolved view: each metric computed for the area itself,
never as a mean of municipality values. DataFrames in, DataFrames out (no streamlit).

Conventions
- A municipality's rows (tables, population, scores, actions) count once, for the Leader area
  that `municipalities.csv` gives the municipality. A part drawn in another area (Kurikka's
  former Jalasjärvi, Leader Liiveri) has no population or rows of its own in the facts:
  Statistics Finland's 2020 figures are per 2021 municipality, and a table or score names
  Kurikka, not the part. So Kurikka's 20 456 inhabitants, its tables and its scores count for
  Suupohja (Kurikka's own area) and not also for Liiveri; `part_notes` says so on both areas.
- Attendance: a table counts once, for its Leader area (`metrics.tables_view`);
  `per_1000` = the area's participants / the area's population × 1 000 (NaN, no data, for an
  area without a table, as for a municipality).
- Scores: the area's mean is the combined mean of the area's ratings (sum of normalised
  ratings / number of ratings, `scores` conventions), over the municipality cells the small-n
  rule shows. A hidden municipality cell is left out, not pooled into a visible area cell:
  an area's value minus its other municipalities' values would reveal the hidden group.
  The gap pairs the groups within a municipality and criterion (both visible there).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from kumppanuus import followup, metrics, rounds, scores

SCORE_COLUMNS = ["code", "mean_pct", "gap_pct", "n_participants", "n_managers", "is_example"]
CHANGE_COLUMNS = ["code", "from_round", "to_round", "from_pct", "to_pct", "change_pct",
                  "is_example"]


def area_of(municipalities: pd.DataFrame) -> dict[str, str]:
    """{municipality code: the Leader area its rows count for} (Kurikka → suupohja)."""
    return dict(zip(municipalities["code"], municipalities["leader_area"]))


def attendance(tables: pd.DataFrame, municipalities: pd.DataFrame,
               leader_areas: pd.DataFrame) -> pd.DataFrame:
    """Per Leader area: code, population, n_tables, participants, per_1000 (each table once)."""
    summary = metrics.leader_area_summary(tables, municipalities, leader_areas)
    population = summary["population"].astype(float).where(summary["tables"] > 0)  # no table: no rate
    out = pd.DataFrame({
        "code": summary["code"], "population": summary["population"].astype("Int64"),
        "n_tables": summary["tables"].astype(int), "participants": summary["participants"],
        "per_1000": summary["participants"] * 1000 / population.where(population > 0),
    })
    return out.reset_index(drop=True)


def open_actions(actions: pd.DataFrame, municipalities: pd.DataFrame) -> pd.Series:
    """Open follow-up actions per Leader area code (0 where none)."""
    counts = followup.open_counts(actions, municipalities["code"])
    by_area = counts.groupby(counts.index.map(area_of(municipalities))).sum()
    return by_area.astype(int).rename("open_actions")


def _visible_rows(rows: pd.DataFrame, min_n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows whose municipality cell the small-n rule shows, rows of the visible cells whose
    municipality and criterion also have the other group visible)."""
    cells = scores.group_cells(rows, min_n)
    shown = cells.loc[~cells["hidden"], ["municipality", "criterion", "respondent_group"]]
    kept = rows.merge(shown, on=["municipality", "criterion", "respondent_group"])
    both = shown.groupby(["municipality", "criterion"])["respondent_group"].nunique()
    paired_keys = both[both == len(scores.GROUPS)].reset_index()[["municipality", "criterion"]]
    return kept, kept.merge(paired_keys, on=["municipality", "criterion"])


def _pooled_pct(rows: pd.DataFrame, group: str) -> pd.Series:
    """Combined 0–100 % mean of one respondent group's rows per `area`."""
    mine = scores.with_pct(rows[rows["respondent_group"] == group])
    sums = mine.groupby("area")[["pct_sum", "n"]].sum()
    return (sums["pct_sum"] / sums["n"].where(sums["n"] > 0)).astype(float)


def score_metrics(score_rows: pd.DataFrame, municipalities: pd.DataFrame,
                  min_n: int) -> pd.DataFrame:
    """Per Leader area: code, mean_pct (participants), gap_pct (participants − managers),
    n_participants / n_managers (respondents of the area's largest criterion cell),
    is_example. Empty when there are no score rows."""
    if score_rows.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    areas = area_of(municipalities)
    rows = score_rows[score_rows["municipality"].isin(areas)]
    kept, paired = (frame.assign(area=frame["municipality"].map(areas))
                    for frame in _visible_rows(rows, min_n))
    cells = kept.groupby(["area", "criterion", "respondent_group"])["n"].sum()
    largest = cells.groupby(["area", "respondent_group"]).max().unstack("respondent_group")
    everyone = rows.assign(area=rows["municipality"].map(areas))
    out = everyone.groupby("area").agg(is_example=("is_example", "max"))
    out["mean_pct"] = _pooled_pct(kept, "participants")
    out["gap_pct"] = _pooled_pct(paired, "participants") - _pooled_pct(paired, "managers")
    for group in scores.GROUPS:
        column = largest[group] if group in largest.columns else pd.Series(dtype=float)
        out[f"n_{group}"] = column.reindex(out.index).fillna(0).astype(int)
    out = out.rename_axis("code").reset_index()
    out["is_example"] = out["is_example"].astype(bool)
    return out[SCORE_COLUMNS]


def score_change(score_rows: pd.DataFrame, municipalities: pd.DataFrame, min_n: int,
                 pair: Sequence[str]) -> pd.DataFrame:
    """Per Leader area, the participants' mean in the two rounds of `pair` (earlier, later)
    and the change in percentage points, over the same municipalities in both rounds (those
    `rounds.municipality_score_change` compares): code, from_round, to_round, from_pct,
    to_pct, change_pct, is_example."""
    if len(pair) != 2 or score_rows.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    compared = rounds.municipality_score_change(score_rows, min_n, list(pair))["code"]
    rows = score_rows[score_rows["municipality"].isin(set(compared))]
    before, after = (score_metrics(rows[rows["round"] == r], municipalities, min_n)
                     for r in pair)
    both = before.merge(after, on="code", suffixes=("_from", "_to")).dropna(
        subset=["mean_pct_from", "mean_pct_to"])
    out = pd.DataFrame({
        "code": both["code"], "from_round": pair[0], "to_round": pair[1],
        "from_pct": both["mean_pct_from"], "to_pct": both["mean_pct_to"],
        "change_pct": both["mean_pct_to"] - both["mean_pct_from"],
        "is_example": both["is_example_from"].astype(bool) | both["is_example_to"].astype(bool),
    })
    return out[CHANGE_COLUMNS].reset_index(drop=True)


def split_parts(parts: pd.DataFrame, municipalities: pd.DataFrame) -> pd.DataFrame:
    """Parts drawn in another Leader area than their municipality's rows count for:
    code, part, name_fi (the municipality), part_area, counted_in."""
    columns = ["code", "part", "name_fi", "part_area", "counted_in"]
    if parts is None or parts.empty:
        return pd.DataFrame(columns=columns)
    frame = parts.rename(columns={"municipality_code": "code", "part_name": "part",
                                  "leader_area": "part_area"})
    frame = frame.assign(code=frame["code"].astype(str).str.zfill(3))
    joined = frame.merge(municipalities[["code", "name_fi", "leader_area"]], on="code")
    joined = joined.rename(columns={"leader_area": "counted_in"})
    return joined.loc[joined["part_area"] != joined["counted_in"], columns].reset_index(drop=True)


def part_notes(parts: pd.DataFrame, municipalities: pd.DataFrame,
               describe) -> dict[str, str]:
    """{Leader area code: note} for the areas a split part concerns, from `split_parts`;
    `describe(kind, row)` words one note ('drawn_here' for the part's area, 'counted_here'
    for the area its municipality's rows count for), so languages stay in the catalogs."""
    notes: dict[str, list[str]] = {}
    for row in split_parts(parts, municipalities).to_dict("records"):
        notes.setdefault(row["part_area"], []).append(describe("drawn_here", row))
        notes.setdefault(row["counted_in"], []).append(describe("counted_here", row))
    return {code: " ".join(texts) for code, texts in notes.items()}


def values_by_area(frame: pd.DataFrame, column: str) -> pd.Series:
    """One column of an area frame as floats indexed by area code (empty when absent)."""
    if frame is None or frame.empty or column not in frame.columns:
        return pd.Series(dtype=float)
    return pd.to_numeric(frame.set_index("code")[column], errors="coerce").astype(float)

