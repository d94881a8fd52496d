"""Attendance metrics: DataFrames in, DataFrames out (no database, no streamlit).

Conventions
- A table that covers several municipalities is divided by their *combined* population when
  computing participants per 1,000 inhabitants.
- Per municipality, `participants` is the sum of the participants of every table that covered it
  (a shared table counts in full for each of its municipalities), and `per_1000` is the sum of
  those tables' per-capita rates. Leader-area totals count each table once.
"""

from __future__ import annotations

import pandas as pd

from kumppanuus.schema import kind_spec
from kumppanuus.values import text_of

REGISTRATION_COLUMNS = {
    "registered_local_orgs": "paikalliset järjestöt",
    "registered_regional_orgs": "laajemman alueen toimijat",
    "registered_officials": "viranhaltijat",
}
PRESENCE_COLUMNS = {"online_peak": "verkossa enimmillään", "onsite": "paikan päällä"}


def in_round(rows: pd.DataFrame, round_name: str | None) -> pd.DataFrame:
    """The rows of one round; every round when `round_name` is None (the sidebar's "all")."""
    return rows if round_name is None else rows[rows["round"] == round_name]


def split_codes(value: str | None) -> list[str]:
    return [c.strip() for c in text_of(value).split(",") if c.strip()]


def table_municipalities(tables: pd.DataFrame) -> pd.DataFrame:
    """One row per (table, municipality): round, table_no, municipality code."""
    rows = [
        {"round": r["round"], "table_no": r["table_no"], "code": code, "order": i}
        for r in tables[["round", "table_no", "municipalities"]].to_dict("records")
        for i, code in enumerate(split_codes(r["municipalities"]))
    ]
    return pd.DataFrame(rows, columns=["round", "table_no", "code", "order"])


def tables_view(tables: pd.DataFrame, municipalities: pd.DataFrame) -> pd.DataFrame:
    """Tables sorted by date, with municipality names, Leader area, population and per 1,000.

    A table's Leader area is the most common one among its municipalities (ties: the first
    code alphabetically). Each table's municipalities are looked up in a dict, once per table:
    on the region's dozen tables the former merges and groupbys cost ~40 ms a call, mostly
    pandas' fixed cost per operation, and a page's facts call this three times.
    """
    places = _places_of(tables, municipalities)
    out = tables.copy()
    out["municipality_names"] = pd.Series([p[0] for p in places], index=out.index, dtype="str")
    out["population"] = pd.array([p[1] for p in places], dtype="Int64")
    out["leader_area"] = pd.Series([p[2] for p in places], index=out.index,
                                   dtype=municipalities["leader_area"].dtype)
    out["per_1000"] = (out["participants"].astype("Float64") * 1000 /
                       out["population"].replace(0, pd.NA)).astype("Float64")
    out["label"] = out["table_no"].astype(str) + ". " + out["name"]
    return out.sort_values(["date", "table_no"]).reset_index(drop=True)


def _na(value) -> bool:
    """pandas' missing scalars (dropna's rule: an empty string is a value)."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _places_of(tables: pd.DataFrame, municipalities: pd.DataFrame) -> list[tuple]:
    """Per table row: its known municipalities' names (", "), their summed population (None
    when none is known) and their most common Leader area (ties: the first alphabetically)."""
    info = {code: (name, population, area) for code, name, population, area in zip(
        municipalities["code"], municipalities["name_fi"], municipalities["population_2020"],
        municipalities["leader_area"])}
    out = []
    for rnd, table_no, codes in zip(tables["round"], tables["table_no"],
                                    tables["municipalities"]):
        if _na(rnd) or _na(table_no):  # no key: as a groupby over the key, nothing joined
            out.append(("", None, None))
            continue
        names, population, areas = [], None, {}
        for code in split_codes(codes):
            name, people, area = info.get(code, (None, None, None))
            if not _na(name):
                names.append(name)
            if not _na(people):
                population = (population or 0) + int(people)
            if not _na(area):
                areas[area] = areas.get(area, 0) + 1
        leader = min(areas.items(), key=lambda kv: (-kv[1], kv[0]))[0] if areas else None
        out.append((", ".join(names), population, leader))
    return out


def round_totals(tables: pd.DataFrame) -> dict:
    """Total participants, number of tables, mean per table."""
    count = int(len(tables))
    total = int(tables["participants"].fillna(0).sum()) if count else 0
    return {"tables": count, "participants": total, "mean": total / count if count else None}


def municipality_summary(tables: pd.DataFrame, municipalities: pd.DataFrame) -> pd.DataFrame:
    """Per municipality: tables covering it, participants, participants per 1,000."""
    view = tables_view(tables, municipalities)
    links = table_municipalities(tables).merge(
        view[["round", "table_no", "label", "date", "participants", "per_1000"]],
        on=["round", "table_no"],
    )
    agg = links.sort_values("date").groupby("code").agg(
        n_tables=("table_no", "count"),
        participants=("participants", "sum"),
        per_1000=("per_1000", "sum"),
        table_labels=("label", lambda s: "; ".join(s)),
    ).reset_index()
    out = municipalities.merge(agg, on="code", how="left")
    out["n_tables"] = out["n_tables"].fillna(0).astype(int)
    out["participants"] = out["participants"].astype("Int64")
    out["per_1000"] = out["per_1000"].astype("Float64")
    return out


def leader_area_summary(
    tables: pd.DataFrame, municipalities: pd.DataFrame, leader_areas: pd.DataFrame
) -> pd.DataFrame:
    """Per Leader area: municipalities, population, tables and participants (each table once)."""
    base = municipalities.groupby("leader_area").agg(
        municipalities=("code", "count"), population=("population_2020", "sum")
    )
    view = tables_view(tables, municipalities)
    per_table = view.groupby("leader_area").agg(
        tables=("table_no", "count"), participants=("participants", "sum")
    )
    out = leader_areas.set_index("code")[["name"]].join(base).join(per_table)
    out[["tables", "participants"]] = out[["tables", "participants"]].fillna(0).astype(int)
    return out.reset_index().rename(columns={"index": "code"})


def _long(tables: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    present = tables.dropna(subset=list(columns), how="all")
    long = present.melt(
        id_vars=["round", "table_no", "name"], value_vars=list(columns),
        var_name="measure", value_name="count",
    ).dropna(subset=["count"])
    long["group"] = long["measure"].map(columns)
    long["count"] = long["count"].astype(int)
    return long.reset_index(drop=True)


def registrations(tables: pd.DataFrame) -> pd.DataFrame:
    """Registrations by group, long form, only for tables that have the figures."""
    return _long(tables, REGISTRATION_COLUMNS)


def presence(tables: pd.DataFrame) -> pd.DataFrame:
    """Online peak vs on-site, long form, only for tables that have the figures."""
    return _long(tables, PRESENCE_COLUMNS)


# -- filters and per-table facts (the tables page) ----------------------------------------

def covered_codes(municipalities: pd.DataFrame, leader_area: str | None = None,
                  municipality: str | None = None) -> set[str] | None:
    """Municipality codes a filter keeps; None when nothing is filtered."""
    if municipality:
        return {municipality}
    if leader_area:
        return set(municipalities.loc[municipalities["leader_area"] == leader_area, "code"])
    return None


def filter_tables(tables: pd.DataFrame, municipalities: pd.DataFrame, *, rnd: str | None = None,
                  leader_area: str | None = None, municipality: str | None = None
                  ) -> pd.DataFrame:
    """Tables of round `rnd` that covered the municipality, or any municipality of the area."""
    out = tables if rnd is None else tables[tables["round"] == rnd]
    codes = covered_codes(municipalities, leader_area, municipality)
    if codes is not None:
        out = out[out["municipalities"].map(lambda v: bool(codes & set(split_codes(v))))]
    return out.reset_index(drop=True)


def with_unique_labels(view: pd.DataFrame) -> pd.DataFrame:
    """`bar_label`: the organisers' `1. Name`, plus the round when several rounds are shown."""
    out = view.copy()
    several = out["round"].nunique() > 1
    out["bar_label"] = (out["label"] + " (" + out["round"] + ")") if several else out["label"]
    return out


def has_figures(tables: pd.DataFrame, columns) -> pd.Series:
    """True for the tables that report at least one of `columns` (missing ≠ zero)."""
    return tables[list(columns)].notna().any(axis=1)


def figures_of(row: dict, columns: dict[str, str]) -> dict[str, int] | None:
    """{Finnish label: count} for one table, or None when the table has none of the figures."""
    values = {label: row.get(col) for col, label in columns.items()}
    present = {k: int(v) for k, v in values.items() if not pd.isna(v)}
    return present or None


def speakers_of(speakers: pd.DataFrame, rnd: str, table_no: int) -> pd.DataFrame:
    """The table's speakers in speaking order: name, title, organisation."""
    mask = (speakers["round"] == rnd) & (speakers["table_no"] == table_no)
    return speakers.loc[mask, ["name", "title", "organisation"]].reset_index(drop=True)


def feedback_of(feedback: pd.DataFrame, tables: pd.DataFrame) -> pd.DataFrame:
    """Feedback rows of the given tables (matched on round and table number)."""
    keys = tables[["round", "table_no"]].drop_duplicates()
    return feedback.merge(keys, on=["round", "table_no"]).reset_index(drop=True)


_TABLE_HEADERS = {c.name: c.header_fi for c in kind_spec("tables").columns}
ATTENDANCE_HEADERS = {
    **{c: _TABLE_HEADERS[c] for c in ("round", "table_no", "date", "name")},
    "municipality_names": _TABLE_HEADERS["municipalities"], "leader_area_name": "Leader-alue",
    "participants": _TABLE_HEADERS["participants"], "population": "asukkaita_2020",
    "per_1000": "osallistujia_per_1000_asukasta",
    **{c: _TABLE_HEADERS[c] for c in ("online_peak", "onsite", "registered_local_orgs",
                                      "registered_regional_orgs", "registered_officials")},
}


def attendance_export(view: pd.DataFrame, leader_areas: pd.DataFrame) -> pd.DataFrame:
    """The data behind the attendance charts, with the spec's Finnish headers."""
    names = dict(zip(leader_areas["code"], leader_areas["name"]))
    out = view.assign(leader_area_name=view["leader_area"].map(names),
                      per_1000=view["per_1000"].round(2))
    return out[list(ATTENDANCE_HEADERS)].rename(columns=ATTENDANCE_HEADERS)


def feedback_tables(feedback: pd.DataFrame, view: pd.DataFrame) -> dict[str, str]:
    """`round|table_no` → bar label, for the tables (in date order) that have feedback rows."""
    have = set(zip(feedback["round"], feedback["table_no"]))
    return {f"{r}|{n}": label for r, n, label in zip(view["round"], view["table_no"],
                                                      view["bar_label"]) if (r, n) in have}


def feedback_rows(feedback: pd.DataFrame, key: str | None) -> pd.DataFrame:
    """Feedback rows of one table (`round|table_no`), or all rows when key is None."""
    if key is None:
        return feedback
    rnd, _, no = key.rpartition("|")
    return feedback[(feedback["round"] == rnd) & (feedback["table_no"] == int(no))]
