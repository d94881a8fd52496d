"""Benchmark of the store: reading frames, importing and re-importing, module imports.

    python scripts/bench_store.py [--rows-per-cell 12] [--import-rows 100000] [--repeat 3]

Every figure is a ratio of jobs measured side by side in one run (CPU time, interleaved), so a
loaded machine slows both alike:

* frame  — `Store.frame("scores")` of ~208,000 stored score rows (bench_scores.make_rows,
  inserted directly) against `pandas.read_sql_query` of the same SELECT (aim ≤ 1.2×).
* import — validate + import of a 100,000-row scores CSV (bench_ingest's Finnish Excel file)
  into a fresh nation database (the Store opened, as the CLI does) against `pandas.read_csv`
  of the file; then the re-import of the same file (no changes) against the first import
  (aim ≤ 1×). Peak memory: the maximum resident size of a process that only reads the CSV
  with pandas against one that validates and imports it (aim ≤ 1.5×; the re-import's peak,
  measured from after the first import, is printed beside it).
* modules — CPU time of importing what the import needs (`kumppanuus.ingest.pipeline`) in a
  fresh process, and whether pandera was loaded by it.

Prints figures; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def cpu(job) -> tuple[float, object]:
    start = time.process_time()
    result = job()
    return time.process_time() - start, result


def paired(repeat: int, *jobs) -> list[list[float]]:
    """CPU seconds of each job, the jobs run in turn `repeat` times."""
    runs: list[list[float]] = [[] for _ in jobs]
    for _ in range(repeat):
        for i, job in enumerate(jobs):
            runs[i].append(cpu(job)[0])
    return runs


def median_ratio(ours: list[float], floor: list[float]) -> float:
    return statistics.median(o / f for o, f in zip(ours, floor))


# -- frame ---------------------------------------------------------------------------------
def scores_database(path: Path, rows_per_cell: int) -> int:
    """A seeded database plus bench_scores' rows written straight into `scores`."""
    import bench_scores

    from kumppanuus.store import Store

    Store(f"sqlite:///{path}")
    rows = bench_scores.make_rows(rows_per_cell)
    rows["source"] = [f"bench {i % rows_per_cell}" for i in range(len(rows))]  # unique keys
    rows["date"] = rows["date"].dt.strftime("%Y-%m-%d")
    rows["is_example"] = rows["is_example"].astype(int)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            f"INSERT INTO scores ({', '.join(rows.columns)}) VALUES "
            f"({', '.join('?' * rows.shape[1])})",
            rows.astype(object).itertuples(index=False, name=None))
    conn.close()
    return len(rows)


def bench_frame(tmp: Path, rows_per_cell: int, repeat: int) -> None:
    import pandas as pd

    from kumppanuus.store import Store

    path = tmp / "frame.db"
    count = scores_database(path, rows_per_cell)
    store = Store(f"sqlite:///{path}", seed_data=False)
    names = list(store.frame("scores").columns)
    sql = f"SELECT {', '.join(names)} FROM scores ORDER BY id"

    def bare():
        with store.engine.connect() as conn:
            return pd.read_sql_query(sql, conn)

    ours, floor = paired(repeat, lambda: store.frame("scores"), bare)
    print(f"frame: {count:,} score rows")
    print(f"  pandas.read_sql_query : {statistics.median(floor) * 1000:7.0f} ms CPU (median)")
    print(f"  Store.frame('scores') : {statistics.median(ours) * 1000:7.0f} ms CPU (median)")
    print(f"  ratio                 : {median_ratio(ours, floor):7.2f}x (aim <= 1.2x)")


# -- import --------------------------------------------------------------------------------
def child(argv: list[str]) -> int:
    """One measured job in a process of its own: prints JSON (CPU s, max RSS MB)."""
    job, csv_path = argv[0], argv[1]
    start = time.process_time()
    if job == "read_csv":
        import pandas as pd

        imported = time.process_time()
        pd.read_csv(csv_path, sep=";", decimal=",", encoding="utf-8-sig")
        cold = time.process_time()
        pd.read_csv(csv_path, sep=";", decimal=",", encoding="utf-8-sig")
        figures = {"cold": cold - imported, "warm": time.process_time() - cold}
    else:
        from kumppanuus.ingest import pipeline
        from kumppanuus.store import Store

        imported = time.process_time()
        store = Store(f"sqlite:///{argv[2]}")
        data = Path(csv_path).read_bytes()
        checked = pipeline.check_bytes("scores", data, "arviot.csv", store)
        assert not checked.problems, checked.problem_lines()[:3]
        first = time.process_time()
        pipeline.write(store, checked, user="bench")
        written = time.process_time()
        import_peak = peak_rss_mb()
        Path("/proc/self/clear_refs").write_text("5")  # the re-import's own peak from here
        _, again = pipeline.write(store, checked, user="bench")
        figures = {"import": written - first, "reimport": time.process_time() - written,
                   "validate": first - imported, "changes": again.changes,
                   "import_rss_mb": import_peak}
    done = time.process_time()
    figures |= {"imports": imported - start, "job": done - imported,
                "rss_mb": peak_rss_mb(),
                "pandera": "pandera" in sys.modules}
    print(json.dumps(figures))
    return 0


def peak_rss_mb() -> float:
    """This process's peak resident size (VmHWM: unlike ru_maxrss not inherited from the
    process that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True,
                         capture_output=True, text=True, cwd=ROOT,
                         env=os.environ | {"KUMPPANUUS_MAX_UPLOAD_MB": "50"}).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_import(tmp: Path, rows: int, repeat: int) -> None:
    import bench_import as base
    import bench_ingest

    template = tmp / "import.db"
    base.nation_database(template)
    csv_path = tmp / "arviot.csv"
    csv_path.write_bytes(bench_ingest.scores_csv(rows, base.nation_municipalities()))
    bare, ours = [], []
    for i in range(repeat):
        bare.append(run_child("read_csv", str(csv_path)))
        fresh = tmp / f"fresh{i}.db"
        shutil.copy(template, fresh)
        ours.append(run_child("import", str(csv_path), str(fresh)))
    jobs_bare = [b["cold"] for b in bare]
    warm_bare = [b["warm"] for b in bare]
    total = [o["validate"] + o["import"] for o in ours]
    print(f"import: {rows:,} score rows, {csv_path.stat().st_size / 1e6:.1f} MB CSV "
          f"(each job in a fresh process, {repeat} pairs)")
    print(f"  pandas.read_csv         : {statistics.median(jobs_bare) * 1000:7.0f} ms CPU first "
          f"call, {statistics.median(warm_bare) * 1000:.0f} ms second, "
          f"peak {statistics.median(b['rss_mb'] for b in bare):5.0f} MB")
    print(f"  validate + import       : {statistics.median(total) * 1000:7.0f} ms CPU "
          f"(validate {statistics.median(o['validate'] for o in ours) * 1000:.0f} ms), "
          f"peak {statistics.median(o['import_rss_mb'] for o in ours):5.0f} MB "
          f"(re-import: {statistics.median(o['rss_mb'] for o in ours):.0f} MB)")
    print(f"  time ratio              : {median_ratio(total, jobs_bare):7.2f}x read_csv's first "
          f"call, {median_ratio(total, warm_bare):.1f}x its second")
    print(f"  memory ratio            : "
          f"{median_ratio([o['import_rss_mb'] for o in ours], [b['rss_mb'] for b in bare]):7.2f}x "
          f"read_csv (aim <= 1.5x)")
    reimport = [o["reimport"] for o in ours]
    print(f"  re-import (no changes)  : {statistics.median(reimport) * 1000:7.0f} ms CPU = "
          f"{median_ratio(reimport, [o['import'] for o in ours]):.2f}x the first import "
          f"(aim <= 1x; {ours[-1]['changes']} changes)")
    print(f"  module imports          : {statistics.median(o['imports'] for o in ours):7.2f} s "
          f"CPU (pandas alone {statistics.median(b['imports'] for b in bare):.2f} s); "
          f"pandera loaded: {ours[-1]['pandera']}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows-per-cell", type=int, default=12)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("frame", "import"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'unused.db'}"
        if args.only in (None, "frame"):
            bench_frame(tmp, args.rows_per_cell, args.repeat)
        if args.only in (None, "import"):
            bench_import(tmp, args.import_rows, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
