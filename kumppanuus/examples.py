"""A deterministic, clearly-labelled example dataset of scores and feedback for demonstrations.

Generated from a seeded RNG (`SEED`), so `scripts/make_example_data.py` always writes the same
bytes. The numbers are invented: every round and source is named `esimerkki: …`, every respondent
id starts with `esimerkki-`, and `load_scores` / `load_feedback` mark every row `is_example=True`.
An import marked as example (`--example`, or the upload page's checkbox) goes through
`as_example` too, so example rows can never join a real round. The page
reads them in memory; they reach a database only when someone imports them on purpose
(`python -m kumppanuus import scores FILE --example`).

What the example shows on purpose: single ratings (1–5) and aggregates (0–5 Mentimeter-style
participants, 1–10 managers) mixed; groups below the small-n threshold; two rounds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from kumppanuus import config
from kumppanuus.store.kinds import KINDS, scores_to_db

SEED = 2021
EXAMPLE_DIR = config.DATA_DIR / "example"
SCORES_FILE = EXAMPLE_DIR / "esimerkki_arviot.csv"
FEEDBACK_FILE = EXAMPLE_DIR / "esimerkki_palaute.csv"
N_CRITERIA = 7
#: Every example row's round starts with this, so example rows live in rounds of their own and
#: never merge into (or overwrite) a real round's rows: an example feedback row for table 1 of
#: `kevät 2021` would otherwise share the real row's key.
ROUND_PREFIX = "esimerkki: "
#: (round, date of the managers' forum, date of the first table)
ROUNDS = ((ROUND_PREFIX + "kevät 2021", dt.date(2021, 1, 26), dt.date(2021, 1, 27)),
          (ROUND_PREFIX + "kevät 2022", dt.date(2022, 1, 25), dt.date(2022, 1, 26)))
CONTENT_P = (0.35, 0.45, 0.15, 0.05)
HEARD_P = (0.15, 0.30, 0.35, 0.15, 0.05)
SCORE_COLUMNS = list(KINDS["scores"].export_columns)
FEEDBACK_COLUMNS = list(KINDS["feedback"].export_columns)


def example_round(name: str) -> str:
    """The example round for `name`: `kevät 2021` → `esimerkki: kevät 2021` (kept if it is one)."""
    text = str(name)
    return text if text.startswith(ROUND_PREFIX) else ROUND_PREFIX + text


def real_round(name: str | None) -> str | None:
    """The real round an example round stands beside: `esimerkki: kevät 2021` → `kevät 2021`
    (tables are facts, so an example round's ratings go with the real round's tables); a real
    round, or None (every round), as it is."""
    return name.removeprefix(ROUND_PREFIX) if name else name


def as_example(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows marked as example data (`is_example` True) and moved to their example round."""
    out = rows.assign(is_example=True)
    if "round" in out.columns:
        out["round"] = out["round"].map(example_round)
    return out


def has_example_rows(df: pd.DataFrame | None) -> bool:
    """True when any row of `df` is example data (its `is_example` flag): the one place a page,
    chart or download decides whether to say "Esimerkkiaineisto"."""
    if df is None or "is_example" not in df.columns or df.empty:
        return False
    return bool(df["is_example"].fillna(False).astype(bool).any())


def _ratings(rng: np.random.Generator, level: np.ndarray, k: int, lo: int, hi: int) -> np.ndarray:
    """k respondents × criteria integer ratings around `level` (0–1 per criterion)."""
    noisy = level[None, :] + rng.normal(0.0, 0.15, size=(k, level.size))
    return np.rint(lo + (hi - lo) * np.clip(noisy, 0.0, 1.0)).astype(int)


def _participant_rows(rng, rnd, date, code, table, level) -> list[dict]:
    k = int(rng.integers(2, 16))
    base = {"round": rnd, "source": f"esimerkki: pöytä {table}", "date": date,
            "municipality": code, "respondent_group": "participants"}
    if rng.random() < 0.5:  # one row per person, scale 1–5
        ratings = _ratings(rng, level, k, 1, 5)
        return [base | {"criterion": c + 1, "score": int(ratings[i, c]), "scale_min": 1,
                        "scale_max": 5, "respondent": f"esimerkki-{code}-{i + 1}"}
                for i in range(k) for c in range(level.size)]
    ratings = _ratings(rng, level, k, 0, 5)  # a Mentimeter-style aggregate, scale 0–5
    return [base | {"criterion": c + 1, "mean": round(float(ratings[:, c].mean()), 3), "n": k,
                    "scale_min": 0, "scale_max": 5} for c in range(level.size)]


def _manager_rows(rng, rnd, date, code, level) -> list[dict]:
    k = int(rng.integers(2, 9))
    bias = rng.normal(0.04, 0.12)  # managers tend to, but do not always, rate higher
    ratings = _ratings(rng, np.clip(level + bias, 0, 1), k, 1, 10)
    return [{"round": rnd, "source": "esimerkki: kuntajohtajafoorumi", "date": date,
             "municipality": code, "respondent_group": "managers", "criterion": c + 1,
             "mean": round(float(ratings[:, c].mean()), 3), "n": k, "scale_min": 1,
             "scale_max": 10} for c in range(level.size)]


def make_scores(municipalities: Sequence[str], seed: int = SEED) -> pd.DataFrame:
    """Example scores in the spec's file form (canonical columns), two rounds."""
    rng = np.random.default_rng(seed)
    levels = rng.beta(4, 3, size=(len(municipalities), N_CRITERIA))
    rows: list[dict] = []
    for rnd, forum_date, first_table in ROUNDS:
        for i, code in enumerate(municipalities):
            table = i // 2 + 1
            date = first_table + dt.timedelta(days=7 * (table - 1))
            rows += _participant_rows(rng, rnd, date, code, table, levels[i])
            rows += _manager_rows(rng, rnd, forum_date, code, levels[i])
        levels = np.clip(levels + rng.normal(0.03, 0.06, size=levels.shape), 0, 1)
    return _typed_scores(pd.DataFrame(rows))


def _typed_scores(df: pd.DataFrame) -> pd.DataFrame:
    for col in SCORE_COLUMNS:
        if col not in df.columns:
            df[col] = None
    for col in ("criterion", "score", "n", "scale_min", "scale_max"):
        df[col] = df[col].astype("Int64")
    df["mean"] = df["mean"].astype(float)
    df["respondent"] = df["respondent"].fillna("")
    return df[SCORE_COLUMNS]


def make_feedback(tables: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Example feedback poll counts for the given tables (round, table_no, participants)."""
    rng = np.random.default_rng(seed + 1)
    rows: list[dict] = []
    for rnd, table_no, participants in tables[["round", "table_no", "participants"]] \
            .itertuples(index=False):
        voters = max(3, int(rng.binomial(int(participants), 0.35)))
        for question, options, p in (("content", _options("content"), CONTENT_P),
                                     ("heard_via", _options("heard_via"), HEARD_P)):
            counts = rng.multinomial(voters, p)
            rows += [{"round": example_round(rnd), "table_no": int(table_no), "question": question,
                      "option": o, "count": int(c)} for o, c in zip(options, counts)]
    return pd.DataFrame(rows, columns=FEEDBACK_COLUMNS)


def _options(question: str) -> tuple[str, ...]:
    from kumppanuus.scores import FEEDBACK_ORDER

    return FEEDBACK_ORDER[question]


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The spec's canonical CSV (UTF-8, `,`, canonical headers, `\\n` line ends)."""
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


def load_scores(path: Path | None = None) -> pd.DataFrame:
    """The example scores file → stored form, every row `is_example=True` (nothing written)."""
    df = pd.read_csv(path or SCORES_FILE, dtype={"municipality": str, "respondent": str,
                                                  "round": str, "source": str})
    df["date"] = pd.to_datetime(df["date"]).dt.date
    df["criterion"] = df["criterion"].astype("Int64")
    return as_example(scores_to_db(df, is_example=True))


def load_feedback(path: Path | None = None) -> pd.DataFrame:
    """The example feedback file with `is_example=True` (nothing written)."""
    df = pd.read_csv(path or FEEDBACK_FILE, dtype={"round": str, "question": str,
                                                    "option": str})
    df["table_no"] = df["table_no"].astype("Int64")
    df["count"] = df["count"].astype("Int64")
    return as_example(df)
