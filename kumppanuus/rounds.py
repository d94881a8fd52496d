"""Comparing rounds: one row per (municipality or Leader area, round), never pooled.

DataFrames in, DataFrames out (no database, no streamlit). Rounds are always named in the rows
(`round`), so every chart built from them can name them in its legend. The change is the later
round minus the earlier one of the rounds given, in their time order.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from kumppanuus import metrics, scores


def time_order(frame: pd.DataFrame, rounds: Sequence[str] | None = None) -> list[str]:
    """Rounds of `frame` (or `rounds`, if given, kept to those) by their earliest date."""
    if frame.empty:
        return list(rounds or [])
    first = pd.to_datetime(frame["date"]).groupby(frame["round"]).min().sort_values(kind="stable")
    order = first.index.tolist()
    if rounds is None:
        return order
    wanted = set(rounds)
    return [r for r in order if r in wanted] + [r for r in rounds if r not in set(order)]


def attendance_by_round(tables: pd.DataFrame, municipalities: pd.DataFrame,
                        rounds: Sequence[str]) -> pd.DataFrame:
    """Per municipality and round: code, name_fi, leader_area, round, n_tables, participants,
    per_1000, and change_participants (from the previous round given; NaN for the first or
    where the municipality had no table in one of them). Only municipalities some round
    covered; a municipality without a table in a round has n_tables 0 there."""
    parts = []
    for rnd in rounds:
        part = metrics.municipality_summary(tables[tables["round"] == rnd], municipalities)
        parts.append(part.assign(round=rnd))
    cols = ["code", "name_fi", "leader_area", "round", "n_tables", "participants", "per_1000"]
    if not parts:
        return pd.DataFrame(columns=[*cols, "change_participants"])
    out = pd.concat(parts, ignore_index=True)[cols]
    covered = out.groupby("code")["n_tables"].transform("sum") > 0
    out = out[covered].reset_index(drop=True)
    return _with_change(out, "code", "participants", rounds)


def area_attendance_by_round(tables: pd.DataFrame, municipalities: pd.DataFrame,
                             leader_areas: pd.DataFrame, rounds: Sequence[str]) -> pd.DataFrame:
    """Per Leader area and round: code, name, round, tables, participants (each table once),
    change_participants."""
    parts = [metrics.leader_area_summary(tables[tables["round"] == rnd], municipalities,
                                         leader_areas).assign(round=rnd) for rnd in rounds]
    if not parts:
        return pd.DataFrame(columns=["code", "name", "round", "tables", "participants",
                                     "change_participants"])
    out = pd.concat(parts, ignore_index=True)[["code", "name", "round", "tables",
                                               "participants"]]
    return _with_change(out, "code", "participants", rounds)


def _with_change(df: pd.DataFrame, key: str, value: str, rounds: Sequence[str]) -> pd.DataFrame:
    order = {r: i for i, r in enumerate(rounds)}
    out = df.assign(_o=df["round"].map(order)).sort_values([key, "_o"])
    count = "n_tables" if "n_tables" in out.columns else "tables"
    counted = out[value].astype(float).where(out[count] != 0)  # no table: no change to show
    out[f"change_{value}"] = counted.groupby(out[key]).diff().astype(float)
    return out.drop(columns="_o").reset_index(drop=True)


def municipality_score_change(scores_df: pd.DataFrame, min_n: int,
                              rounds: Sequence[str]) -> pd.DataFrame:
    """Per municipality: the participants' mean over the criteria (0–100 %) in the last two
    of `rounds` and the change (percentage points): code, from_round, to_round, from_pct,
    to_pct, change_pct, is_example. Only municipalities with a visible value in both."""
    cols = ["code", "from_round", "to_round", "from_pct", "to_pct", "change_pct", "is_example"]
    if len(rounds) < 2:
        return pd.DataFrame(columns=cols)
    first, second = rounds[-2], rounds[-1]
    a = scores.municipality_metrics(scores_df[scores_df["round"] == first], min_n)
    b = scores.municipality_metrics(scores_df[scores_df["round"] == second], min_n)
    pair = a.merge(b, on="code", suffixes=("_from", "_to")).dropna(
        subset=["mean_pct_from", "mean_pct_to"])
    out = pd.DataFrame({
        "code": pair["code"], "from_round": first, "to_round": second,
        "from_pct": pair["mean_pct_from"], "to_pct": pair["mean_pct_to"],
        "change_pct": pair["mean_pct_to"] - pair["mean_pct_from"],
        "is_example": pair["is_example_from"] | pair["is_example_to"],
    })
    return out[cols].reset_index(drop=True)


def pooled_rounds(frame: pd.DataFrame) -> list[str]:
    """The rounds a view combines, in time order; more than one means the page must say so."""
    return time_order(frame) if "round" in frame.columns and len(frame) else []


def partners_by_round(organisations: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """One row per organisation (name, type), one column per round in `names` holding its role
    in that round ('' where it was not a partner), plus `new` (not in the first round given)."""
    rows = organisations[organisations["round"].isin(list(names))]
    wide = rows.pivot_table(index=["name", "type"], columns="round", values="role",
                            aggfunc="first").reindex(columns=list(names))
    wide = wide.fillna("").reset_index()
    wide.columns.name = None
    if len(names) > 1:
        wide["new"] = wide[names[0]].eq("") & wide[list(names[1:])].ne("").any(axis=1)
    return wide.sort_values(["type", "name"]).reset_index(drop=True)


def hosts_of(table_hosts: pd.DataFrame, rnd: str, table_no: int) -> list[str]:
    """The organisations that co-hosted one table, in the order they were stored."""
    rows = table_hosts[(table_hosts["round"] == rnd) & (table_hosts["table_no"] == table_no)]
    return rows["organisation"].tolist()


def facts_of(facts: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """The narrative facts of the rounds in `names`, each with its source, in round order."""
    order = {r: i for i, r in enumerate(names)}
    rows = facts[facts["round"].isin(list(names))]
    return rows.assign(_o=rows["round"].map(order)).sort_values("_o", kind="stable").drop(
        columns="_o").reset_index(drop=True)


def previous_with_scores(scores_df: pd.DataFrame, shown: str | None) -> str | None:
    """The latest round before `shown` (by date) that has score rows of the same kind (a round
    of example rows follows one of example rows, a real one a real one: the rows' `is_example`
    says which, so the two never mix); None when
    `shown` is None (every round), has no scores itself, or no such round exists."""
    if shown is None or scores_df.empty or shown not in set(scores_df["round"]):
        return None
    example = scores_df.groupby("round")["is_example"].any().astype(bool)  # from the rows
    order = [r for r in time_order(scores_df) if example[r] == example[shown]]
    earlier = order[:order.index(shown)]
    return earlier[-1] if earlier else None
