"""Round comparison at nation scale: the comparison functions and the pages comparing rounds.

    python scripts/bench_rounds.py [--tables 2000] [--rounds 8] [--repeat 3]

The nation database of scripts/bench_nation.py (309 municipalities, 2,000 tables over 8 rounds,
~200,000 generated score rows inserted directly). Prints each comparison's median time and each page's warm run (second run;
aim < 1 s, wall and CPU time) with "all rounds" chosen, with two rounds compared, for one Leader
area or municipality, and the scores page's first run after a small scores import (aim ≤ 2 s). For the liaisons between rounds,
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


def _run(at) -> tuple[float, float]:
    """(wall, CPU) seconds of one AppTest run (CPU: every thread of this process, so the
    script's own thread is in it; the machine is shared, so wall time includes neighbours)."""
    start, cpu = time.perf_counter(), time.process_time()
    at.run()
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    return time.perf_counter() - start, time.process_time() - cpu


def warm_page(page: str, state: dict, after=None) -> tuple[float, float]:
    """The second run of `page` with `state`; with `after`, the first run after `after()`
    (e.g. an import: every view of that kind is made afresh)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / page), default_timeout=300)
    for key, value in state.items():
        at.session_state[key] = value
    _run(at)
    warm = _run(at)
    if after is None:
        return warm
    after()
    return _run(at)


def small_scores_import(store, municipality: str, rnd: str, k: int) -> None:
    """14 score rows (one municipality, both groups, seven criteria) as a staff import; then
    the importer's refresh (what the upload page does after writing)."""
    import datetime as dt

    from kumppanuus.store import kinds
    from ui import data

    rows = pd.DataFrame([{"round": rnd, "date": dt.date(2024, 10, 1), "source": f"bench {k}",
                          "municipality": municipality, "respondent_group": group,
                          "criterion": c, "mean": 3.0 + k % 2, "n": 10}
                         for group in scores.GROUPS for c in range(1, 8)])
    store.commit_import("scores", kinds.scores_to_db(rows), user="bench",
                        file_name=f"arviot_{k}.csv", sha256=f"{k:064x}")
    data.refresh()


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
    first_code, area = munis["code"].iloc[0], munis["leader_area"].iloc[0]
    two = {"flt_round": names[-1], "flt_compare": names[-2]}
    every = {"flt_round": "__all__"}
    imports = iter(range(1, 1000))
    after_import = lambda: small_scores_import(store, first_code, names[-1], next(imports))  # noqa: E731
    print(f"{'page and comparison':56} {'wall s':>7} {'CPU s':>6}")
    for title, page, state, after in (
            ("Pöydät, all rounds", "pages/poydat.py", every, None),
            ("Pöydät, two rounds", "pages/poydat.py", two, None),
            ("Pöydät, one Leader area, all rounds", "pages/poydat.py",
             every | {"flt_area": area}, None),
            ("Pöydät, two rounds, per-table page 3", "pages/poydat.py",
             two | {"tables_page": 2}, None),
            ("Järjestöystävällisyys, all rounds", "pages/jarjestoystavallisyys.py", every, None),
            ("Järjestöystävällisyys, two rounds", "pages/jarjestoystavallisyys.py", two, None),
            ("Järjestöystävällisyys, one municipality, all", "pages/jarjestoystavallisyys.py",
             every | {"flt_muni": first_code}, None),
            ("Järjestöystävällisyys, two rounds, 1st after an import",
             "pages/jarjestoystavallisyys.py", two, after_import),
            ("Järjestöystävällisyys, all rounds, 1st after an import",
             "pages/jarjestoystavallisyys.py", every, after_import),
            ("Foorumi, newest round", "pages/foorumi.py", {}, None),
            ("Yhteyshenkilöt, all rounds", "pages/yhteyshenkilot.py", every, None),
            ("Yhteyshenkilöt, two rounds", "pages/yhteyshenkilot.py", two, None)):
        wall, cpu = warm_page(page, state, after)
        if after is None:
            worst = max(worst, cpu)
        print(f"{title:56} {wall:7.2f} {cpu:6.2f}" + ("" if after is None else "  (not warm)"))
    print(f"slowest warm comparison page: {worst:.2f} s CPU "
          f"({'under' if worst < 1 else 'OVER'} the 1 s aim)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
