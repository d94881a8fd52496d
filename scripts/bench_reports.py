"""Time to make the round report (PDF) and the forum deck (PPTX), region and nation scale.

    python scripts/bench_reports.py [--tables 2000] [--rounds 8]

- region: the shipped spring 2021 round plus the example scores and feedback imported (18
  municipalities, 11 tables), report of the example round (every screen has ratings);
- nation: bench_nation's 309-municipality database plus example scores for all 309.

Each figure is one process's first build (cold: vl-convert and the geometry cache start up)
and a second build (warm), including `reports.collect` (the page's and the CLI's path). The
aim is a region report and deck under 5 s each.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from kumppanuus import examples, reports  # noqa: E402
from kumppanuus.store import Store  # noqa: E402

EXAMPLE_ROUND = examples.ROUND_PREFIX + "kevät 2021"


def with_example_scores(store: Store, codes: list[str] | None = None) -> None:
    """Import example scores (for `codes`, default the shipped file) and example feedback."""
    if codes is None:
        rows = examples.load_scores()
    else:  # the example generator's file for these codes, read as the shipped file is
        path = Path(tempfile.mkdtemp()) / "arviot.csv"
        path.write_bytes(examples.csv_bytes(examples.make_scores(codes)))
        rows = examples.load_scores(path)
    store.commit_import("scores", rows, user="bench", file_name="esimerkki.csv",
                        sha256="b" * 64)
    if codes is None:
        store.commit_import("feedback", examples.load_feedback(), user="bench",
                            file_name="palaute.csv", sha256="c" * 64)


def nation_store(url: str, n_tables: int, n_rounds: int) -> Store:
    """bench_nation's database at `url` with example scores for all 309 municipalities; it has
    no criteria rows (bench_nation adds them with its own scores), so a report draws no charts."""
    import bench_nation

    bench_nation.nation_database(url, n_tables, n_rounds)
    store = Store(url)
    with_example_scores(store, list(store.reference("municipalities")["code"]))
    return store


def time_builds(store: Store, rnd: str) -> dict[str, tuple[float, float, int]]:
    """{format: (cold s, warm s, bytes)}"""
    out = {}
    for fmt in reports.FORMATS:
        runs, size = [], 0
        for _ in range(2):
            start = time.perf_counter()
            payload = reports.build(fmt, reports.collect(reports.Inputs.from_store(store, rnd)))
            runs.append(time.perf_counter() - start)
            size = len(payload)
        out[fmt] = (runs[0], runs[1], size)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kumppanuus-bench-reports-"))
    os.environ.setdefault("KUMPPANUUS_CACHE_DIR", str(tmp / "cache"))
    region = Store(f"sqlite:///{tmp / 'region.db'}")
    with_example_scores(region)
    nation = nation_store(f"sqlite:///{tmp / 'nation.db'}", args.tables, args.rounds)
    print(f"{'dataset':8} {'format':6} {'cold s':>7} {'warm s':>7} {'bytes':>10}")
    worst = 0.0
    for name, store in (("region", region), ("nation", nation)):
        for fmt, (cold, warm, size) in time_builds(store, EXAMPLE_ROUND).items():
            worst = max(worst, warm) if name == "region" else worst
            print(f"{name:8} {fmt:6} {cold:7.2f} {warm:7.2f} {size:10,d}")
    print(f"slowest warm region build: {worst:.2f} s "
          f"({'under' if worst < 5 else 'OVER'} the 5 s aim)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
