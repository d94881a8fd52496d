"""Warm page-run time of the tables and people pages (AppTest), region and nation scale.

    python scripts/bench_pages.py [--tables 2000] [--rounds 8] [--repeat 3]

For each dataset a temporary SQLite database is made and named by DATABASE_URL:
- region: the shipped spring 2021 round (11 tables, 29 contacts), seeded as the app does;
- nation: all 309 municipalities of shared/reference/population_2020.csv in the five Leader areas
  of the region plus 45 generated ones, N tables over several rounds, liaisons, speakers and
  feedback, inserted directly with SQLAlchemy (kumppanuus.store.db models; no upload pipeline).

Each page file runs as the AppTest main script: with no context from app.py the page draws the
shared sidebar itself (ui.context.current), so a run costs what a user's rerun costs, sidebar
included. (In Streamlit 1.67 `AppTest.switch_page` does not re-run app.py, so timing through it
would leave the sidebar out and keep a stale filter context.) The first run is cold; the second
is the "warm" figure (the aim is under 1 s); the median of `--repeat` further runs is printed
too. "latest" is the sidebar's default (the newest round); "all rounds" sets the round filter
to every round before the first run (the worst case: every table in one chart).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from kumppanuus.store import db  # noqa: E402
from kumppanuus.store import SEED_MARKER, Store  # noqa: E402

POPULATION = ROOT.parent / "shared" / "reference" / "population_2020.csv"
PAGES = {"Pöydät": "pages/poydat.py", "Yhteyshenkilöt": "pages/yhteyshenkilot.py"}
SEASONS = [("kevät", 2, 5), ("syksy", 9, 11)]


def _areas_and_municipalities(rng: random.Random) -> tuple[list[dict], list[dict]]:
    region = pd.read_csv(ROOT / "data" / "municipalities.csv", dtype=str)
    areas = pd.read_csv(ROOT / "data" / "leader_areas.csv", dtype=str)
    pop = pd.read_csv(POPULATION, dtype={"code": str})
    own = dict(zip(region["code"], region["leader_area"]))
    area_rows = [{"code": c, "name": n, "coordinator": k}
                 for c, n, k in zip(areas["code"], areas["name"], areas["coordinator"])]
    area_rows += [{"code": f"alue{i:02d}", "name": f"Leader {i:02d}", "coordinator": None}
                  for i in range(1, 46)]
    others = [c for c in pop["code"] if c not in own]
    munis = []
    for row in pop.itertuples():
        area = own.get(row.code) or f"alue{others.index(row.code) * 45 // len(others) + 1:02d}"
        munis.append({"code": row.code, "name_fi": row.name_fi, "name_sv": row.name_sv,
                      "population_2020": int(row.population_2020_12_31), "leader_area": area,
                      "lat": 60 + rng.random() * 8, "lon": 21 + rng.random() * 9})
    return area_rows, munis


def _round_names(n_rounds: int) -> list[tuple[str, dt.date, dt.date]]:
    out = []
    for i in range(n_rounds):
        season, start, end = SEASONS[i % 2]
        year = 2021 + i // 2
        out.append((f"{season} {year}", dt.date(year, start, 1), dt.date(year, end, 28)))
    return out


def _tables(rng, munis, rounds, n_tables) -> tuple[list[dict], list[dict], list[dict]]:
    by_area: dict[str, list[str]] = {}
    for m in munis:
        by_area.setdefault(m["leader_area"], []).append(m["code"])
    tables, speakers, feedback = [], [], []
    for i in range(n_tables):
        name, start, end = rounds[i % len(rounds)]
        no = i // len(rounds) + 1
        codes = by_area[rng.choice(sorted(by_area))]
        first = rng.randrange(len(codes))
        covered = codes[first:first + rng.choice([1, 1, 2, 3, 4])]
        full = rng.random() < 0.1
        figures = ({"online_peak": rng.randint(10, 60), "onsite": rng.randint(0, 15),
                    "registered_local_orgs": rng.randint(5, 25),
                    "registered_regional_orgs": rng.randint(0, 20),
                    "registered_officials": rng.randint(0, 12)} if full else {})
        tables.append({"round": name, "table_no": no, "name": f"Pöytä {name} {no}",
                       "date": start + dt.timedelta(days=rng.randrange((end - start).days)),
                       "municipalities": ",".join(covered), "participants": rng.randint(8, 95),
                       "format": "online", "memo_url": "https://example.org/muistio"} | figures)
        speakers += [{"round": name, "table_no": no, "name": f"Alustaja {i}-{k}",
                      "title": "kunnanjohtaja", "organisation": "Kunta"} for k in range(2)]
        if rng.random() < 0.2:
            feedback += [{"round": name, "table_no": no, "question": "content", "option": o,
                          "count": rng.randint(0, 20)} for o in ("Erittäin hyvä", "Hyvä")]
    return tables, speakers, feedback


def _contacts(rng, munis, areas) -> list[dict]:
    out = []
    for m in munis:
        for k in range(rng.choice([0, 1, 1, 1, 2])):
            out.append({"municipality": m["code"], "name": f"Yhdyshenkilö {m['code']}-{k}",
                        "role": "liaison", "organisation": m["name_fi"],
                        "email": f"etunimi.{m['code']}{k}@kunta.fi" if k == 0 else None,
                        "phone": f"040 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                        "status": rng.choice(["active"] * 12 + ["changing", "former"])})
    first = {}
    for m in munis:
        first.setdefault(m["leader_area"], m["code"])
    out += [{"municipality": first[a["code"]], "name": f"Kyläkehittäjä {a['code']}",
             "role": "leader", "organisation": f"Leader {a['name']}", "status": "active"}
            for a in areas if a["code"] in first]
    return out


def nation_database(url: str, n_tables: int, n_rounds: int, seed: int = 2021) -> None:
    """Create a nation-scale database at `url` (empty file), without the region's seed."""
    rng = random.Random(seed)
    store = Store(url, seed_data=False)
    areas, munis = _areas_and_municipalities(rng)
    rounds = _round_names(n_rounds)
    tables, speakers, feedback = _tables(rng, munis, rounds, n_tables)
    with Session(store.engine) as session, session.begin():
        for model, rows in [
            (db.LeaderArea, areas), (db.Municipality, munis),
            (db.Round, [{"round": r, "start_date": s, "end_date": e} for r, s, e in rounds]),
            (db.PartnershipTable, tables), (db.Speaker, speakers), (db.Feedback, feedback),
            (db.Contact, _contacts(rng, munis, areas)),
        ]:
            columns = {k for row in rows for k in row}  # executemany wants the same keys
            session.execute(insert(model.__table__),
                            [{k: row.get(k) for k in columns} for row in rows])
        session.add(db.Meta(key=SEED_MARKER, value="bench"))  # keeps the region seed out


def _shown(at) -> str:
    """What the run drew, as a sanity check: tables in the totals, or directory rows."""
    tables = {m.label: m.value for m in at.metric}.get("Pöytiä")
    if tables:
        return f"{tables} tables"
    return f"{sum(len(df.value) for df in at.dataframe)} rows"


def time_page(page: str, *, all_rounds: bool, repeat: int
              ) -> tuple[float, float, float, str]:
    """(cold, warm = second run, median of `repeat` more runs) in seconds, and what it drew."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / page), default_timeout=300)
    if all_rounds:
        at.session_state["flt_round"] = "__all__"
    runs = []
    for _ in range(2 + repeat):
        start = time.perf_counter()
        at.run()
        runs.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError([e.value for e in at.exception])
    median = statistics.median(runs[2:]) if repeat else runs[1]
    return runs[0], runs[1], median, _shown(at)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kumppanuus-bench-"))
    datasets = {"region": f"sqlite:///{tmp / 'region.db'}",
                "nation": f"sqlite:///{tmp / 'nation.db'}"}
    Store(datasets["region"])
    start = time.perf_counter()
    nation_database(datasets["nation"], args.tables, args.rounds)
    print(f"nation database: 309 municipalities, {args.tables} tables, {args.rounds} rounds "
          f"({time.perf_counter() - start:.1f} s to build)")
    print(f"{'dataset':8} {'rounds':11} {'page':15} {'cold s':>7} {'warm s':>7} {'median s':>8}"
          "  shown")
    worst = 0.0
    for name, url in datasets.items():
        os.environ["DATABASE_URL"] = url
        for scope in ("latest", "all rounds"):
            for title, page in PAGES.items():
                cold, warm, median, shown = time_page(
                    page, all_rounds=scope == "all rounds", repeat=args.repeat)
                worst = max(worst, warm)
                print(f"{name:8} {scope:11} {title:15} {cold:7.2f} {warm:7.2f} {median:8.2f}"
                      f"  {shown}")
    print(f"slowest warm run: {worst:.2f} s ({'under' if worst < 1 else 'OVER'} the 1 s aim)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
