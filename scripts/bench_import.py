"""Benchmark: validate + import (one transaction, with audit rows) of a 100,000-row scores CSV,
against a bare pandas.read_csv of the same file.

    python scripts/bench_import.py [--rows 100000]

A temporary SQLite database is seeded as the app does and given all 309 municipalities of
shared/reference/population_2020.csv (so names and codes resolve); the file comes from
scripts/bench_ingest.py's generator (Finnish Excel: `;`, decimal comma, d.m.yyyy, BOM).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def nation_municipalities() -> pd.DataFrame:
    pop = pd.read_csv(ROOT.parent / "shared" / "reference" / "population_2020.csv",
                      dtype={"code": str})
    return pd.DataFrame({"code": pop["code"], "name_fi": pop["name_fi"],
                         "name_sv": pop["name_sv"],
                         "population_2020": pop["population_2020_12_31"]})


def nation_database(path: Path) -> None:
    """A seeded database that also knows all 309 municipalities (no scores yet); shared by
    bench_store.py and speed_import.py."""
    from kumppanuus.store import Store, db

    store = Store(f"sqlite:///{path}")
    munis = nation_municipalities()
    known = set(store.reference("municipalities")["code"])
    extra = munis[~munis["code"].isin(known)].assign(leader_area="liiveri")
    with store.engine.begin() as conn:
        conn.execute(insert(db.Municipality.__table__), extra.to_dict("records"))
    store.engine.dispose()


def raw_insert_floor(path: str, rows: pd.DataFrame) -> float:
    """What any import must pay: the rows through sqlite3's executemany into a plain table."""
    import sqlite3

    tuples = list(rows.astype(str).itertuples(index=False, name=None))
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(rows.shape[1]))})")
    start = time.perf_counter()
    with conn:
        conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * rows.shape[1])})", tuples)
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
        os.environ["KUMPPANUUS_MAX_UPLOAD_MB"] = "50"
        from kumppanuus.ingest import pipeline
        from kumppanuus.store import db
        from kumppanuus.store import Store

        store = Store()
        munis = nation_municipalities()
        known = set(store.reference("municipalities")["code"])
        extra = munis[~munis["code"].isin(known)].assign(leader_area="liiveri")
        with store.engine.begin() as conn:
            conn.execute(insert(db.Municipality.__table__), extra.to_dict("records"))
        import bench_ingest

        data = bench_ingest.scores_csv(args.rows, munis.assign(
            name_fi=munis["name_fi"], name_sv=munis["name_sv"]))
        start = time.perf_counter()
        pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
        bare = time.perf_counter() - start

        start = time.perf_counter()
        checked = pipeline.check_bytes("scores", data, "arviot.csv", store)
        validated = time.perf_counter() - start
        assert not checked.problems, checked.problem_lines()[:3]
        start = time.perf_counter()
        import_id, plan = pipeline.write(store, checked, user="bench")
        written = time.perf_counter() - start
        start = time.perf_counter()
        _, again = pipeline.write(store, checked, user="bench")
        rewritten = time.perf_counter() - start
        floor = raw_insert_floor(f"{tmp}/floor.db", pipeline.db_rows(checked))
    total = validated + written
    print(f"file: {args.rows} rows, {len(data) / 1e6:.1f} MB")
    print(f"bare pandas.read_csv      : {bare * 1000:8.0f} ms")
    print(f"validate (read + parse)   : {validated * 1000:8.0f} ms")
    print(f"import (one transaction)  : {written * 1000:8.0f} ms  ({len(plan.added)} added)")
    print(f"validate + import         : {total * 1000:8.0f} ms  = {total / bare:.1f}x read_csv")
    print(f"re-import of the same file: {rewritten * 1000:8.0f} ms  ({again.changes} changes)")
    print(f"floor: bare sqlite3 executemany of the same rows, no checks: {floor * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
