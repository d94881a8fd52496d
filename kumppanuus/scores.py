"""NGO-friendliness scores: aggregation, normalisation, the small-n rule, gaps and rounds.

DataFrames in (the stored form of `kinds.KINDS["scores"]`: one row per single rating or
aggregate with `score_sum`, `n`, `scale_min`, `scale_max`, `is_example`), DataFrames out.
No database, no streamlit.

Conventions
- Combining: rows are combined by adding `score_sum` and `n` (never a mean of means), so one
  aggregate mean 4.0 (n 4) plus a single rating 2 gives mean 18 / 5 = 3.6.
- Normalising: every row keeps its own scale; comparisons use the 0–100 % scale
  `(score − scale_min) / (scale_max − scale_min) × 100`. A row's normalised sum is
  `pct_sum = (score_sum − n × scale_min) / (scale_max − scale_min) × 100`, so normalised
  sums and counts combine exactly across scales too. `mean` (original scale) is given only
  when every row of a group has the same scale; otherwise it is NaN and `scale` lists them.
- Small groups: a (municipality, criterion, participants) cell with fewer than `min_n`
  respondents (`config.min_group_n()`, default 5) has its means hidden (NaN) and `hidden` True;
  `n` is shown. The rule protects individual participants. The managers' group is the
  municipality's own assessment at the managers' forum, usually given by one to three managers
  who speak for the municipality, so it has its own threshold `MANAGERS_MIN_N` (1): hiding it
  would hide the very comparison the forum asked for.
- Gap: `gap_pct = participants' mean_pct − managers' mean_pct`, in percentage points.
  **Positive = participants rate the municipality higher than its managers do**; negative =
  managers rate it higher. A gap exists only where neither group is hidden.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd

from kumppanuus.i18n import has, t

GROUPS = ("participants", "managers")
VALUE_COLUMNS = ("n", "score_sum", "pct_sum")
FEEDBACK_ORDER = {
    "content": ("Erittäin hyvä", "Hyvä", "Kohtalainen", "Huono"),
    "heard_via": ("Lehtijuttu", "Facebook", "Sähköposti", "Tuttavan tai työn kautta", "Muu"),
}
MANAGERS_MIN_N = 1
METRIC_COLUMNS = ["code", "mean_pct", "gap_pct", "n_participants", "n_managers", "is_example"]


def threshold(floor: int, requested: int | None = None) -> int:
    """The small-n threshold in use: the configured `floor` (`config.min_group_n()`), or more
    when a staff member raises it; never less, whatever a page or its session state asks."""
    floor = max(1, int(floor))
    return floor if requested is None else max(floor, int(requested))


def with_pct(df: pd.DataFrame) -> pd.DataFrame:
    """Add `pct_sum`: the rows' sum of ratings on the 0–100 % scale (vectorised)."""
    out = df.copy()
    n = out["n"].to_numpy(dtype=float, na_value=np.nan)
    lo = out["scale_min"].to_numpy(dtype=float, na_value=np.nan)
    hi = out["scale_max"].to_numpy(dtype=float, na_value=np.nan)
    total = out["score_sum"].to_numpy(dtype=float, na_value=np.nan)
    out["pct_sum"] = (total - n * lo) / (hi - lo) * 100.0
    out["n"] = n
    return out


def _scale_label(lo: float, hi: float) -> str:
    return f"{lo:g}–{hi:g}"


def aggregate(df: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Combine rows per `by`: n, score_sum, pct_sum, mean (original scale), mean_pct, scale,
    scale_min/scale_max (NaN when the group mixes scales), is_example (any row)."""
    by = list(by)
    rows = with_pct(df)
    rows["is_example"] = rows["is_example"].astype(bool)
    codes, lows, highs = _scale_codes(rows)
    flags = {f"_s{i}": (codes == i) for i in range(len(lows))}  # one column per scale seen
    rows = rows.assign(**flags)
    out = rows.groupby(by, sort=True, observed=True, dropna=False).agg(
        n=("n", "sum"), score_sum=("score_sum", "sum"), pct_sum=("pct_sum", "sum"),
        is_example=("is_example", "max"), **{f: (f, "max") for f in flags},
    ).reset_index()
    out["n"] = out["n"].astype(int)
    present = out[list(flags)].to_numpy(dtype=bool)
    single = present.sum(axis=1) == 1
    first = present.argmax(axis=1) if len(lows) else np.zeros(len(out), dtype=int)
    out["scale_min"] = np.where(single, lows[first], np.nan) if len(lows) else np.nan
    out["scale_max"] = np.where(single, highs[first], np.nan) if len(lows) else np.nan
    out["mean"] = (out["score_sum"] / out["n"]).where(single)
    out["mean_pct"] = out["pct_sum"] / out["n"]
    out["scale"] = _scale_labels(present, lows, highs)
    out["is_example"] = out["is_example"].astype(bool)
    return out.drop(columns=list(flags))


def _scale_codes(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's scale as a code into the distinct (scale_min, scale_max) pairs, sorted."""
    lo_codes, lo_values = pd.factorize(rows["scale_min"].astype(float), sort=True)
    hi_codes, hi_values = pd.factorize(rows["scale_max"].astype(float), sort=True)
    width = max(len(hi_values), 1)
    codes, pairs = pd.factorize(lo_codes * width + hi_codes, sort=True)
    lows = np.asarray(lo_values, dtype=float)[pairs // width]
    highs = np.asarray(hi_values, dtype=float)[pairs % width]
    return codes, lows, highs


def _scale_labels(present: np.ndarray, lows: np.ndarray, highs: np.ndarray) -> np.ndarray:
    """'1–5' for a single-scale group; its distinct scales joined by ', ' otherwise.
    Vectorised: each group's set of scales is a bit mask, labelled once per distinct mask."""
    if present.shape[1] == 0:
        return np.array([], dtype=object)
    mask = present.astype(np.int64) @ (np.int64(1) << np.arange(present.shape[1], dtype=np.int64))
    unique, inverse = np.unique(mask, return_inverse=True)
    names = [", ".join(_scale_label(lows[i], highs[i]) for i in range(len(lows)) if m >> i & 1)
             for m in unique]
    return np.array(names, dtype=object)[inverse]


def hide_small(agg: pd.DataFrame, min_n: int, *,
               managers_min_n: int = MANAGERS_MIN_N) -> pd.DataFrame:
    """The small-n rule: means of cells with n below their group's threshold become NaN,
    `hidden` marks them (participants: `min_n`; managers: `managers_min_n`)."""
    out = agg.copy()
    threshold = int(min_n)
    if "respondent_group" in out.columns:
        threshold = np.where(out["respondent_group"] == "managers", int(managers_min_n),
                             int(min_n))
    out["hidden"] = out["n"] < threshold
    for col in ("mean", "mean_pct"):
        if col in out.columns:
            out[col] = out[col].mask(out["hidden"])
    return out


def group_cells(df: pd.DataFrame, min_n: int,
                by: Sequence[str] = ("municipality", "criterion")) -> pd.DataFrame:
    """Long form: one row per `by` × respondent group, combined and with the small-n rule."""
    return hide_small(aggregate(df, [*by, "respondent_group"]), min_n)


def gaps(df: pd.DataFrame, min_n: int,
         by: Sequence[str] = ("municipality", "criterion")) -> pd.DataFrame:
    """Wide form per `by`: participants_pct, managers_pct, n_participants, n_managers,
    hidden_participants, hidden_managers, gap_pct (participants − managers), is_example."""
    by = list(by)
    return _wide(group_cells(df, min_n, by), by)


def _wide(cells: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """`group_cells` output → one row per `by` with both groups side by side and the gap."""
    wide = cells.set_index([*by, "respondent_group"])[["mean_pct", "n", "hidden"]] \
        .unstack("respondent_group")
    out = pd.DataFrame(index=wide.index)
    for group in GROUPS:
        has = ("n", group) in wide.columns
        out[f"{group}_pct"] = wide[("mean_pct", group)].astype(float) if has else np.nan
        out[f"n_{group}"] = wide[("n", group)].fillna(0).astype(int) if has else 0
        hidden = wide[("hidden", group)] if has else pd.Series(False, index=wide.index)
        out[f"hidden_{group}"] = hidden.astype("boolean").fillna(False).astype(bool)
    out["gap_pct"] = out["participants_pct"] - out["managers_pct"]
    out["is_example"] = cells.groupby(by)["is_example"].max().reindex(out.index).astype(bool)
    return out.reset_index()


def criterion_view(df: pd.DataFrame, min_n: int,
                   criteria: Sequence[int] = range(1, 8)) -> pd.DataFrame:
    """One municipality's rows (filter first) → one row per criterion × group, every criterion
    and both groups present (n 0 when nobody answered): criterion, respondent_group, n, mean,
    mean_pct, scale, hidden, gap_pct (participants − managers), is_example."""
    cells = group_cells(df, min_n, by=("criterion",)).set_index(["criterion", "respondent_group"])
    full = pd.MultiIndex.from_product([list(criteria), list(GROUPS)],
                                      names=["criterion", "respondent_group"])
    out = cells.reindex(full).reset_index()
    out["n"] = out["n"].fillna(0).astype(int)
    out["hidden"] = out["hidden"].astype("boolean").fillna(False).astype(bool)
    out["scale"] = out["scale"].fillna("")
    out["is_example"] = bool(df["is_example"].any()) if len(df) else False
    pct = out.pivot(index="criterion", columns="respondent_group", values="mean_pct").reindex(
        columns=list(GROUPS))  # both groups, even when every cell of one is empty
    gap = pct["participants"] - pct["managers"]
    out["gap_pct"] = out["criterion"].map(gap).astype(float)
    return out[["criterion", "respondent_group", "n", "mean", "mean_pct", "scale", "hidden",
                "gap_pct", "is_example"]]


def municipality_metrics(scores_df: pd.DataFrame, min_n: int) -> pd.DataFrame:
    """Per municipality for the map: code, mean_pct, gap_pct, n_participants, n_managers,
    is_example.

    `mean_pct` is the participants' combined mean over all criteria whose cell passes the
    small-n rule (sum of normalised ratings / number of ratings). `gap_pct` is participants −
    managers in percentage points, both combined over the criteria where *neither* group is
    hidden (nor missing), so the two means cover the same criteria. `n_*` is the respondents
    of the group's largest criterion cell (everyone usually rates every criterion). Rows of
    every round given are combined; filter `scores_df` by round first for one round.
    """
    if scores_df.empty:
        return pd.DataFrame(columns=METRIC_COLUMNS)
    cells = group_cells(scores_df, min_n)
    both = _wide(cells, ["municipality", "criterion"])
    shared = both.dropna(subset=["participants_pct", "managers_pct"])[
        ["municipality", "criterion"]]
    visible = cells[~cells["hidden"]]
    overall = _pooled(visible[visible["respondent_group"] == "participants"])
    paired = _pooled(visible.merge(shared, on=["municipality", "criterion"]), by_group=True)
    out = cells.groupby("municipality").agg(is_example=("is_example", "max")).join(overall)
    counts = cells.pivot_table(index="municipality", columns="respondent_group", values="n",
                               aggfunc="max")
    for group in GROUPS:
        col = counts[group] if group in counts.columns else pd.Series(dtype=float)
        out[f"n_{group}"] = col.reindex(out.index).fillna(0).astype(int)
    gap = paired.get("participants", np.nan) - paired.get("managers", np.nan)
    out["gap_pct"] = gap.reindex(out.index) if isinstance(gap, pd.Series) else np.nan
    out = out.reset_index().rename(columns={"municipality": "code"})
    out["is_example"] = out["is_example"].astype(bool)
    return out[METRIC_COLUMNS]


def _pooled(cells: pd.DataFrame, *, by_group: bool = False) -> pd.DataFrame | pd.Series:
    """Combined 0–100 % mean of cells per municipality (per group if `by_group`)."""
    keys = ["municipality", "respondent_group"] if by_group else ["municipality"]
    sums = cells.groupby(keys)[["pct_sum", "n"]].sum()
    mean = sums["pct_sum"] / sums["n"]
    if by_group:
        return mean.unstack("respondent_group")
    return mean.rename("mean_pct").to_frame()


def round_order(df: pd.DataFrame) -> list[str]:
    """Rounds in time order (by the earliest date of each round's rows)."""
    if df.empty:
        return []
    first = pd.to_datetime(df["date"]).groupby(df["round"]).min()
    return first.sort_values(kind="stable").index.tolist()


def round_changes(df: pd.DataFrame, min_n: int,
                  rounds: Sequence[str] | None = None) -> pd.DataFrame:
    """Change per criterion and group between consecutive rounds (percentage points).

    `rounds`: the rounds to compare (default every round), taken in time order. Each pair
    compares only the municipalities that have rows in both rounds, so a change never mixes
    different municipalities. One row per (criterion, respondent_group, round pair):
    from_round, to_round, from_pct, to_pct, change_pct = to − from, n_from, n_to,
    municipalities (how many the pair compares), is_example. Cells hidden by the small-n rule
    give NaN. Empty when fewer than two rounds exist.
    """
    order = round_order(df)
    if rounds is not None:
        order = [r for r in order if r in set(rounds)]
    columns = ["criterion", "respondent_group", "from_round", "to_round", "from_pct", "to_pct",
               "change_pct", "n_from", "n_to", "municipalities", "is_example"]
    if len(order) < 2:
        return pd.DataFrame(columns=columns)
    # One pass over the rows: sums per (round, municipality, criterion, group); each pair then
    # adds up only its shared municipalities' sums (sums of n and of normalised ratings, as
    # `aggregate` combines rows), instead of re-aggregating both rounds' rows per pair.
    rows = with_pct(df[df["round"].isin(order)])
    rows["is_example"] = rows["is_example"].astype(bool)
    sums = rows.groupby(["round", "municipality", "criterion", "respondent_group"],
                        sort=False, observed=True, dropna=False).agg(
        n=("n", "sum"), pct_sum=("pct_sum", "sum"), is_example=("is_example", "max")
    ).reset_index()
    present = sums.groupby("round")["municipality"].agg(set)
    parts = []
    for first, second in zip(order, order[1:]):  # one small sum per round pair
        both = present.get(first, set()) & present.get(second, set())
        if not both:
            continue
        pair_rows = sums[sums["round"].isin([first, second]) & sums["municipality"].isin(both)]
        cells = pair_rows.groupby(["round", "criterion", "respondent_group"], sort=True,
                                  dropna=False).agg(
            n=("n", "sum"), pct_sum=("pct_sum", "sum"), is_example=("is_example", "max")
        ).reset_index()
        cells["n"] = cells["n"].astype(int)
        cells["mean_pct"] = cells["pct_sum"] / cells["n"]
        cells = hide_small(cells, min_n)
        pair = cells[cells["round"] == first].merge(
            cells[cells["round"] == second], on=["criterion", "respondent_group"],
            suffixes=("_from", "_to"))
        pair["from_round"], pair["to_round"], pair["municipalities"] = first, second, len(both)
        parts.append(pair)
    if not parts:
        return pd.DataFrame(columns=columns)
    out = pd.concat(parts, ignore_index=True)
    out = out.rename(columns={"mean_pct_from": "from_pct", "mean_pct_to": "to_pct"})
    out["change_pct"] = out["to_pct"] - out["from_pct"]
    out["is_example"] = out["is_example_from"] | out["is_example_to"]
    return out[columns]


def criterion_text(no: int, text_fi: str, lang: str = "fi") -> str:
    """A criterion in `lang`: the stored Finnish text (the data) in Finnish, the catalog's
    translation (`criterion_<no>`) in Swedish and English."""
    key = f"criterion_{int(no)}"
    return text_fi if lang == "fi" or not has(key) else t(key, lang)


def criterion_labels(criteria: pd.DataFrame, width: int = 34, lang: str = "fi") -> dict[int, str]:
    """`{1: '1. mahdollistaa asukkaiden\\naktiivisen osallistumisen', …}` wrapped for axes."""
    return {
        int(no): "\n".join(textwrap.wrap(f"{int(no)}. {criterion_text(no, text, lang)}",
                                         width=width))
        for no, text in zip(criteria["no"], criteria["text_fi"])
    }


def option_label(option: str, lang: str = "fi") -> str:
    """A feedback answer in `lang` ('Erittäin hyvä' → 'Very good'); other answers as written."""
    key = "feedback_option_" + re.sub(r"[^a-z]+", "_", unicodedata.normalize(
        "NFKD", str(option).lower()).encode("ascii", "ignore").decode()).strip("_")
    return t(key, lang) if has(key) else str(option)


def municipality_order(matrix: pd.DataFrame, criterion: int | None = None,
                       value: str = "participants_pct") -> list[str]:
    """Municipality names sorted by `value` of one criterion (None: mean over criteria),
    highest first; municipalities without a value last, by name."""
    rows = matrix if criterion is None else matrix[matrix["criterion"] == criterion]
    key = rows.groupby("name")[value].mean()
    names = pd.Series(sorted(matrix["name"].unique()))
    key = key.reindex(names).to_numpy(dtype=float, na_value=np.nan)
    order = np.lexsort((names.to_numpy(), np.isnan(key), -np.nan_to_num(key, nan=0.0)))
    return names.iloc[order].tolist()


def with_names(df: pd.DataFrame, municipalities: pd.DataFrame,
               column: str = "municipality") -> pd.DataFrame:
    """Add `name` (Finnish municipality name; the code when unknown)."""
    names = dict(zip(municipalities["code"], municipalities["name_fi"]))
    out = df.copy()
    out["name"] = out[column].map(names).fillna(out[column])
    return out


def feedback_summary(feedback: pd.DataFrame, question: str) -> pd.DataFrame:
    """Counts per option of one feedback question, summed over the rows given (one table or a
    whole round), in the poll's order (known options first, others after): option, count,
    share (0–1), order, is_example."""
    rows = feedback[feedback["question"] == question]
    out = rows.groupby("option", sort=False).agg(
        count=("count", "sum"), is_example=("is_example", "max")).reset_index()
    known = FEEDBACK_ORDER.get(question, ())
    if known:
        missing = [o for o in known if o not in set(out["option"])]
        filler = pd.DataFrame({"option": missing, "count": 0, "is_example": False})
        out = pd.concat([out, filler], ignore_index=True) if missing else out
    rank = {o: i for i, o in enumerate(known)}
    out["order"] = [rank.get(o, len(known) + i) for i, o in enumerate(out["option"])]
    out = out.sort_values("order").reset_index(drop=True)
    out["count"] = out["count"].astype(int)
    total = out["count"].sum()
    out["share"] = out["count"] / total if total else 0.0
    out["is_example"] = out["is_example"].astype(bool)
    return out[["option", "count", "share", "order", "is_example"]]
