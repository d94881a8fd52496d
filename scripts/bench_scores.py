"""Benchmark score aggregation over ~200k rows (generated in memory, nothing written).

    python scripts/bench_scores.py [--rows-per-cell 12] [--repeat 5]

309 municipalities × 7 criteria × 2 groups × 4 rounds × rows per cell (single ratings and
aggregates on mixed scales). Reports each function cold (first call in the process) and warm
(median of the repeats).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from kumppanuus import scores  # noqa: E402

N_MUNICIPALITIES, N_CRITERIA, ROUNDS = 309, 7, ("r1", "r2", "r3", "r4")
SCALES = np.array([(1.0, 5.0), (0.0, 5.0), (1.0, 10.0)])


def make_rows(rows_per_cell: int, seed: int = 1) -> pd.DataFrame:
    """Stored-form score rows, fully vectorised."""
    rng = np.random.default_rng(seed)
    codes = np.array([f"{i:03d}" for i in range(1, N_MUNICIPALITIES + 1)])
    cells = N_MUNICIPALITIES * N_CRITERIA * len(scores.GROUPS) * len(ROUNDS)
    idx = np.repeat(np.arange(cells), rows_per_cell)
    muni, rest = np.divmod(idx, N_CRITERIA * len(scores.GROUPS) * len(ROUNDS))
    crit, rest = np.divmod(rest, len(scores.GROUPS) * len(ROUNDS))
    group, rnd = np.divmod(rest, len(ROUNDS))
    scale = SCALES[rng.integers(0, len(SCALES), idx.size)]
    n = np.where(rng.random(idx.size) < 0.8, 1, rng.integers(2, 30, idx.size))
    mean = scale[:, 0] + (scale[:, 1] - scale[:, 0]) * rng.random(idx.size)
    return pd.DataFrame({
        "round": np.array(ROUNDS)[rnd], "source": "bench",
        "date": pd.to_datetime("2021-01-01") + pd.to_timedelta(rnd * 180, unit="D"),
        "municipality": codes[muni], "respondent_group": np.array(scores.GROUPS)[group],
        "criterion": crit + 1, "respondent": "", "score_sum": mean * n, "n": n,
        "scale_min": scale[:, 0], "scale_max": scale[:, 1], "is_example": False,
    })


def timed(fn, repeat: int) -> tuple[float, float]:
    start = time.perf_counter()
    fn()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        warm.append(time.perf_counter() - start)
    return cold, statistics.median(warm)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows-per-cell", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    df = make_rows(args.rows_per_cell)
    min_n = 5
    one_round = df[df["round"] == ROUNDS[-1]]
    cases = {
        "group_cells (kunta × kriteeri × ryhmä × kierros)":
            lambda: scores.group_cells(df, min_n, by=("round", "municipality", "criterion")),
        "gaps (kunta × kriteeri, yksi kierros)": lambda: scores.gaps(one_round, min_n),
        "municipality_metrics (kaikki kierrokset)":
            lambda: scores.municipality_metrics(df, min_n),
        "round_changes (4 kierrosta)": lambda: scores.round_changes(df, min_n),
    }
    print(f"{len(df):,} riviä ({N_MUNICIPALITIES} kuntaa × {N_CRITERIA} kriteeriä × "
          f"2 ryhmää × {len(ROUNDS)} kierrosta × {args.rows_per_cell})")
    for name, fn in cases.items():
        cold, warm = timed(fn, args.repeat)
        print(f"{name:52s} kylmä {cold * 1000:7.1f} ms   lämmin {warm * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
