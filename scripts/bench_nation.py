"""The nation-scale database every benchmark shares (one generator, no copies in the scripts).

- `nation_database(url, n_tables, n_rounds)`: all 309 municipalities of
  shared/reference/population_2020.csv in the five Leader areas of the region plus 45 generated
  ones, N tables over several rounds, liaisons, speakers and feedback, inserted directly with
  SQLAlchemy (kumppanuus.store.db models; no upload pipeline), without the region's seed.
- `add_scores(store, rounds)`: ~200,000 generated score rows (309 municipalities × 7 criteria ×
  2 groups × 8 rounds × 6 rows) and the seven criteria the scores page labels its axes with.
- `nation_store(url, ...)`: both, the set-up of bench_rounds.py and bench_speed.py.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import insert
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kumppanuus import rounds, scores  # noqa: E402
from kumppanuus.store import SEED_MARKER, Store, db  # noqa: E402

POPULATION = ROOT.parent / "shared" / "reference" / "population_2020.csv"
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


def add_scores(store: Store, names: list[str], rows_per_cell: int = 6) -> int:
    munis = store.reference("municipalities")["code"].to_numpy()
    first = store.frame("tables").groupby("round")["date"].min()
    rng = np.random.default_rng(8)
    idx = np.arange(len(munis) * 7 * 2 * len(names) * rows_per_cell)
    muni, rest = np.divmod(idx // rows_per_cell, 7 * 2 * len(names))
    crit, rest = np.divmod(rest, 2 * len(names))
    group, rnd = np.divmod(rest, len(names))
    frame = pd.DataFrame({
        "round": np.array(names)[rnd], "source": "bench " + (idx % rows_per_cell).astype(str),
        "date": [first[names[r]] for r in rnd], "municipality": munis[muni],
        "respondent_group": np.array(scores.GROUPS)[group], "criterion": crit + 1,
        "respondent": "", "n": 10, "score_sum": 10 * (1 + 4 * rng.random(idx.size)),
        "scale_min": 1.0, "scale_max": 5.0, "is_example": False})
    criteria = pd.read_csv(ROOT / "data" / "criteria.csv", dtype={"no": int})
    missing = store.reference("criteria").empty  # read before the write transaction
    with store.engine.begin() as conn:
        conn.execute(insert(db.Score.__table__), frame.to_dict("records"))
        if missing:  # the pages' axis labels
            conn.execute(insert(db.Criterion.__table__),
                         criteria[["no", "text_fi"]].to_dict("records"))
    return len(frame)


def nation_store(url: str, n_tables: int = 2000, n_rounds: int = 8, rows_per_cell: int = 6
                 ) -> tuple[Store, int]:
    """The nation database with scores at `url` (an empty file); (store, score rows)."""
    nation_database(url, n_tables, n_rounds)
    store = Store(url, seed_data=False)
    names = rounds.time_order(store.frame("tables"))
    return store, add_scores(store, names, rows_per_cell)
