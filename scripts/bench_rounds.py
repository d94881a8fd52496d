"""Round comparison at nation scale: the comparison functions and the pages comparing rounds.

    python scripts/bench_rounds.py [--tables 2000] [--rounds 8] [--repeat 3]

The nation database of scripts/bench_nation.py (309 municipalities, 2,000 tables over 8 rounds,
~200,000 generated score rows inserted directly). Prints each comparison's median time and each page's warm run (second run;
aim < 1 s) with "all rounds" chosen and with two rounds compared. For the liaisons between rounds,
every round after the first gets a contacts import filed under it in which a quarter of the
municipalities change their liaison and some liaisons change status.
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
import pandas as pd  # noqa: E402

from kumppanuus import liaisons, rounds, scores  # noqa: E402


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


def add_liaison_rounds(store, names: list[str]) -> int:
    """One contacts import per round after the first (filed under it): a quarter of the
    municipalities name a new liaison (the old one becomes `former`), a tenth change status."""
    contacts = store.frame("contacts")
    liaison = contacts[contacts["role"] == "liaison"].drop_duplicates("municipality")
    imported = 0
    for step, name in enumerate(names[1:], start=1):
        rows = []
        for i, (code, person) in enumerate(zip(liaison["municipality"], liaison["name"])):
            if (i + step) % 4 == 0:
                rows += [{"municipality": code, "name": person, "role": "liaison",
                          "status": "former"},
                         {"municipality": code, "name": f"Uusi {code}-{step}", "role": "liaison",
                          "status": "active"}]
            elif (i + step) % 10 == 1:
                rows.append({"municipality": code, "name": person, "role": "liaison",
                             "status": "changing"})
        frame = pd.DataFrame(rows).drop_duplicates(["municipality", "name", "role"])
        store.commit_import("contacts", frame, user="bench", file_name=f"yhteys_{step}.csv",
                            sha256=f"{step:064d}", update_columns=("status",), round=name)
        imported += len(frame)
    return imported


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
    n_contacts = add_liaison_rounds(store, names)
    print(f"nation: {len(munis)} municipalities, {len(tables)} tables, {len(names)} rounds, "
          f"{n_scores} score rows, {n_contacts} contact rows imported over the rounds")
    history = liaisons.history_of(store)
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
        "liaisons: replay the contacts history": lambda: liaisons.history_of(store),
        "liaisons: changes, all round pairs": lambda: liaisons.changes_between(history, names),
        "liaisons: changes, two rounds": lambda: liaisons.liaison_changes(
            history, names[-2], names[-1]),
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
             {"flt_round": names[-1], "flt_compare": names[-2]}),
            ("Yhteyshenkilöt, all rounds", "pages/yhteyshenkilot.py", {"flt_round": "__all__"}),
            ("Yhteyshenkilöt, two rounds", "pages/yhteyshenkilot.py",
             {"flt_round": names[-1], "flt_compare": names[-2]})):
        warm = warm_page(page, state)
        worst = max(worst, warm)
        print(f"{title:40} {warm:6.2f} s warm")
    print(f"slowest warm comparison page: {worst:.2f} s "
          f"({'under' if worst < 1 else 'OVER'} the 1 s aim)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
