"""The managers' forum: which screens there are, in which order, and what each one shows.

One screen is one municipality or one Leader area of a round. DataFrames in, plain data out (no
database, no streamlit); the page, the deck and the report all build their screens here.

Which screens: the municipalities (or areas) that have ratings in the round; when the round has
no ratings at all yet, those its tables covered, so the forum can still show who came.
Orders: `name`; `area` (Leader area, then name); `gap` (largest absolute gap between
participants and managers first, screens without a gap last, then by name).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kumppanuus import metrics, scores

ORDERS = ("name", "area", "gap")
KINDS = ("municipality", "area")


@dataclass(frozen=True)
class Screen:
    """What one forum screen shows (labels derive from the rows, here, once)."""

    key: str                 # municipality code or Leader-area code
    kind: str                # 'municipality' or 'area'
    name: str
    area_name: str
    view: pd.DataFrame       # scores.criterion_view: criterion × group, n, mean_pct, gap_pct
    tables: pd.DataFrame     # round, table_no, label, date, participants (date order)
    has_scores: bool
    is_example: bool         # any example row among the ratings shown
    has_small_group: bool    # a group hidden by the small-n rule

    @property
    def participants(self) -> int:
        return int(self.tables["participants"].fillna(0).sum()) if len(self.tables) else 0

    def n_of(self, group: str) -> int:
        """Respondents of a group: its largest criterion cell (everyone usually rates all)."""
        rows = self.view[self.view["respondent_group"] == group]
        return int(rows["n"].max()) if len(rows) else 0


def _area_codes(municipalities: pd.DataFrame) -> dict[str, str]:
    return dict(zip(municipalities["code"], municipalities["leader_area"]))


def _keyed(df: pd.DataFrame, kind: str, municipalities: pd.DataFrame) -> pd.DataFrame:
    """Score rows with `municipality` replaced by the screen key (the area for kind 'area')."""
    if kind == "municipality":
        return df
    return df.assign(municipality=df["municipality"].map(_area_codes(municipalities)))


def _table_keys(tables: pd.DataFrame, kind: str, municipalities: pd.DataFrame) -> set[str]:
    codes = set(metrics.table_municipalities(tables)["code"])
    if kind == "municipality":
        return codes
    areas = _area_codes(municipalities)
    return {areas[c] for c in codes if c in areas and areas[c]}


def screens(scores_df: pd.DataFrame, tables: pd.DataFrame, municipalities: pd.DataFrame,
            leader_areas: pd.DataFrame, *, kind: str = "municipality", order: str = "name",
            min_n: int = 5, lang_names: dict[str, str] | None = None) -> pd.DataFrame:
    """The round's screens in order: key, name, area, area_name, gap_pct (filter rows by round
    first). `lang_names` maps municipality code → name in the UI language."""
    names, area_names = _names(kind, municipalities, leader_areas, lang_names)
    if len(scores_df):
        metric = scores.municipality_metrics(_keyed(scores_df, kind, municipalities), min_n)
        keys, gaps = list(metric["code"]), dict(zip(metric["code"], metric["gap_pct"]))
    else:
        keys, gaps = sorted(_table_keys(tables, kind, municipalities)), {}
    areas = _area_codes(municipalities)
    out = pd.DataFrame({"key": [k for k in keys if k in names]})
    out["name"] = out["key"].map(names)
    out["area"] = out["key"] if kind == "area" else out["key"].map(areas)
    out["area_name"] = out["area"].map(area_names).fillna("")
    out["gap_pct"] = out["key"].map(gaps).astype(float)
    return order_screens(out, order)


def _names(kind, municipalities, leader_areas, lang_names):
    area_names = dict(zip(leader_areas["code"], leader_areas["name"]))
    if kind == "area":
        return area_names, area_names
    return lang_names or dict(zip(municipalities["code"], municipalities["name_fi"])), area_names


def order_screens(frame: pd.DataFrame, order: str) -> pd.DataFrame:
    """Sort screens by `name`, `area` (then name) or `gap` (|gap| descending, missing last)."""
    if order == "area":
        out = frame.sort_values(["area_name", "name"], kind="stable")
    elif order == "gap":
        size = frame["gap_pct"].abs().to_numpy(dtype=float)
        idx = np.lexsort((frame["name"].to_numpy(), -np.nan_to_num(size, nan=-1.0)))
        out = frame.iloc[idx]
    else:
        out = frame.sort_values("name", kind="stable")
    return out.reset_index(drop=True)


def step(keys: list[str], current: str | None, delta: int) -> str | None:
    """The key `delta` steps from `current` (wrapping round); the first when current is unknown."""
    if not keys:
        return None
    if current not in keys:
        return keys[0]
    return keys[(keys.index(current) + delta) % len(keys)]


VIEW_COLUMNS = ["criterion", "respondent_group", "n", "mean", "mean_pct", "scale", "hidden",
                "gap_pct", "is_example"]


def all_views(scores_df: pd.DataFrame, min_n: int, criteria: list[int]) -> dict[str, pd.DataFrame]:
    """`scores.criterion_view` of every municipality (key) at once: one aggregation instead of
    one per screen, so a deck of 309 municipalities is made in seconds."""
    if scores_df.empty:
        return {}
    cells = scores.group_cells(scores_df, min_n).set_index(
        ["municipality", "criterion", "respondent_group"])
    keys = sorted(scores_df["municipality"].dropna().unique())
    full = pd.MultiIndex.from_product([keys, list(criteria), list(scores.GROUPS)],
                                      names=["municipality", "criterion", "respondent_group"])
    out = cells.reindex(full).reset_index()
    out["n"] = out["n"].fillna(0).astype(int)
    out["hidden"] = out["hidden"].astype("boolean").fillna(False).astype(bool)
    out["scale"] = out["scale"].fillna("")
    example = scores_df.groupby("municipality")["is_example"].any()
    out["is_example"] = out["municipality"].map(example).fillna(False).astype(bool)
    pct = out.pivot_table(index=["municipality", "criterion"], columns="respondent_group",
                          values="mean_pct", aggfunc="first", dropna=False)
    gap = pct.get("participants", np.nan) - pct.get("managers", np.nan)
    out["gap_pct"] = pd.Series(gap, dtype=float).reindex(
        pd.MultiIndex.from_frame(out[["municipality", "criterion"]])).to_numpy()
    return {key: frame[VIEW_COLUMNS].reset_index(drop=True)
            for key, frame in out.groupby("municipality", sort=False)}


def screen(key: str, kind: str, scores_df: pd.DataFrame, tables: pd.DataFrame,
           municipalities: pd.DataFrame, leader_areas: pd.DataFrame, *, min_n: int,
           criteria: list[int], name: str, view: pd.DataFrame | None = None) -> Screen:
    """One screen's rows: the criterion view and the tables that covered it (one round).
    `view`: this key's entry of `all_views`, when many screens are made at once."""
    keyed = _keyed(scores_df, kind, municipalities)
    rows = keyed[keyed["municipality"] == key] if len(keyed) else keyed
    if view is None:
        view = scores.criterion_view(rows, min_n, criteria)
    codes = [key] if kind == "municipality" else list(
        municipalities.loc[municipalities["leader_area"] == key, "code"])
    covered = _tables_covering(tables, codes)
    area = key if kind == "area" else _area_codes(municipalities).get(key)
    area_names = dict(zip(leader_areas["code"], leader_areas["name"]))
    return Screen(key=key, kind=kind, name=name, area_name=area_names.get(area, ""),
                  view=view, tables=_table_rows(covered), has_scores=bool(len(rows)),
                  is_example=bool(rows["is_example"].any()) if len(rows) else False,
                  has_small_group=bool(view["hidden"].any()))


def _tables_covering(tables: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    wanted = set(codes)
    mask = tables["municipalities"].map(lambda v: bool(wanted & set(metrics.split_codes(v))))
    return tables[mask]


def _table_rows(tables: pd.DataFrame) -> pd.DataFrame:
    out = tables.assign(label=tables["table_no"].astype(str) + ". " + tables["name"])
    return out.sort_values(["date", "table_no"])[
        ["round", "table_no", "label", "date", "participants"]].reset_index(drop=True)


def _empty_view(criteria: list[int]) -> pd.DataFrame:
    """A criterion view with nobody's answers (n 0, no means) for a screen without ratings."""
    out = pd.DataFrame([(c, g) for c in criteria for g in scores.GROUPS],
                       columns=["criterion", "respondent_group"])
    return out.assign(n=0, mean=np.nan, mean_pct=np.nan, scale="", hidden=False,
                      gap_pct=np.nan, is_example=False)[VIEW_COLUMNS]


def many_screens(keys: list[str], names: list[str], scores_df: pd.DataFrame,
                 tables: pd.DataFrame, municipalities: pd.DataFrame,
                 leader_areas: pd.DataFrame, *, min_n: int, criteria: list[int]) -> list[Screen]:
    """The municipality screens of `keys` (in that order) at once, for the deck and the report:
    one aggregation and one table join for all, not one per screen."""
    views = all_views(scores_df, min_n, criteria)
    empty = _empty_view(criteria)
    links = metrics.table_municipalities(tables).merge(
        _table_rows(tables), on=["round", "table_no"]).sort_values(["date", "table_no"])
    by_code = {code: rows.drop(columns=["code", "order"]).reset_index(drop=True)
               for code, rows in links.groupby("code", sort=False)}
    no_tables = _table_rows(tables.iloc[0:0])
    areas = _area_codes(municipalities)
    area_names = dict(zip(leader_areas["code"], leader_areas["name"]))
    out = []
    for key, name in zip(keys, names):
        view = views.get(key, empty)
        out.append(Screen(key=key, kind="municipality", name=name,
                          area_name=area_names.get(areas.get(key), ""), view=view,
                          tables=by_code.get(key, no_tables), has_scores=key in views,
                          is_example=bool(view["is_example"].any()),
                          has_small_group=bool(view["hidden"].any())))
    return out
