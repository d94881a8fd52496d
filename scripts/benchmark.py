"""Run every benchmark of the project and print their figures (numbers, not asserts).

    python scripts/benchmark.py            # all
    python scripts/benchmark.py geo pages  # some

geo    — GeoJSON bytes sent to the browser (region, all 309 municipalities), map build, map page
pages  — warm page runs of Pöydät / Yhteyshenkilöt, region and nation scale (2,000 tables)
scores — score aggregation over ~200k rows
reports — round report (PDF) and forum deck (PPTX), region and nation scale (aim: region < 5 s)
rounds — round comparison (8 rounds, 2,000 tables, ~200k scores): functions and warm pages
ingest — validate + import-ready parse of a 100,000-row scores CSV vs bare pandas.read_csv
store  — reading 208k score rows vs pandas.read_sql_query; validate + import of 100,000 score
         rows vs read_csv (CPU time, peak memory); re-import vs first import; module imports
speed  — issue 12's table, every figure against a bare floor measured side by side (clicks, map
         metric, tabs, warm pages, nation scores page, frames, map message size, import, page
         loads in a fresh tab and after a server start);
         `python scripts/bench_speed.py SECTION…` runs some of it
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = {"geo": "bench_geo.py", "pages": "bench_pages.py", "scores": "bench_scores.py",
           "ingest": "bench_ingest.py", "reports": "bench_reports.py",
           "rounds": "bench_rounds.py", "speed": "bench_speed.py"}


def main(names: list[str]) -> int:
    failed = 0
    for name in names or list(SCRIPTS):
        print(f"\n=== {name} ({SCRIPTS[name]}) ===", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / SCRIPTS[name])], cwd=HERE.parent)
        print(f"--- {name}: exit {code}, {time.perf_counter() - start:.1f} s wall", flush=True)
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
