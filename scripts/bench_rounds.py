"""Round comparison at nation scale: the comparison functions and the pages comparing rounds.

    python scripts/bench_rounds.py [--tables 2000] [--rounds 8] [--repeat 3]

The nation database of scripts/bench_nation.py (309 municipalities, 2,000 tables over 8 rounds,
~200,000 generated score rows inserted directly). Prints each comparison's median time and each page's warm run (second run;
aim < 1 s) with "all rounds" chosen and with two rounds compared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench_nation  # noqa: E402
from kumppanuus import rounds, scores  # noqa: E402


def median_of(fn, repeat: int) -> float:
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def warm_page(page: str, state: dict) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / page), default_timeout=300)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    start = time.perf_counter()
    at.run()
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='kumppanuus-rounds-')) / 'nation.db'}"
    store, n_scores = bench_nation.nation_store(url, args.tables, args.rounds)
    tables, munis = store.frame("tables"), store.reference("municipalities")
    names = rounds.time_order(tables)
    frame = store.frame("scores")
    print(f"nation: {len(munis)} municipalities, {len(tables)} tables, {len(names)} rounds, "
          f"{n_scores} score rows")
    areas = store.reference("leader_areas")
    timings = {
        "attendance per municipality × round": lambda: rounds.attendance_by_round(
            tables, munis, names),
        "attendance per Leader area × round": lambda: rounds.area_attendance_by_round(
            tables, munis, areas, names),
        "criteria change, all round pairs": lambda: scores.round_changes(frame, 5),
        "criteria change, one municipality": lambda: scores.round_changes(
            frame[frame["municipality"] == munis["code"].iloc[0]], 5, names[-2:]),
        "map: change since previous round": lambda: rounds.municipality_score_change(
            frame, 5, names),
    }
    for title, fn in timings.items():
        print(f"{title:40} {median_of(fn, args.repeat):6.3f} s")
    os.environ["DATABASE_URL"] = url
    worst = 0.0
    for title, page, state in (
            ("Pöydät, all rounds", "pages/poydat.py", {"flt_round": "__all__"}),
            ("Pöydät, two rounds", "pages/poydat.py", {"flt_round": names[-1],
                                                       "flt_compare": names[-2]}),
            ("Järjestöystävällisyys, all rounds", "pages/jarjestoystavallisyys.py",
             {"flt_round": "__all__"}),
            ("Järjestöystävällisyys, two rounds", "pages/jarjestoystavallisyys.py",
             {"flt_round": names[-1], "flt_compare": names[-2]})):
        warm = warm_page(page, state)
        worst = max(worst, warm)
        print(f"{title:40} {warm:6.2f} s warm")
    print(f"slowest warm comparison page: {worst:.2f} s "
          f"({'under' if worst < 1 else 'OVER'} the 1 s aim)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
