"""Speed you can feel (issue 12): every figure as a ratio against a bare floor measured side by
side in the same run (medians of interleaved pairs). It reports; it never fails on a figure.

    python scripts/bench_speed.py                       # every section
    python scripts/bench_speed.py click metric tabs warm nation frames wire import
    python scripts/bench_speed.py warm --pages map scores --repeat 9
    python scripts/bench_speed.py load firstload --pages map tables
    python scripts/bench_speed.py --smoke               # tiny inputs, a quick check it all runs

Sections (see speed_browser.py, speed_scripts.py, speed_import.py, speed_load.py for what each measures):
  click  — click a municipality on the map → panel drawn (Chromium) vs bare select → chart
  metric — change the map metric → map redrawn vs the same bare redraw
  tabs   — Pöydät tab switch → the tab's chart drawn vs the same bare redraw
  warm   — warm page script (AppTest) of map / scores / people / tables / upload / forum /
           memos vs a bare script drawing the same number and kinds of elements, tiny data
  nation — scores page at nation scale (309 municipalities, 8 rounds, 2,000 tables, ~200k
           scores): warm, and the first run after an import
  frames — reading the ~208k score rows: Store.frame vs pandas.read_sql_query
  wire   — the map's websocket message on a metric change, region and nation, vs the bytes of
           the geometry it draws (and the nation map's metric change time)
  import — validate + import of 100,000 score rows (CLI process): time and peak memory vs a
           read_csv process; re-import of the same file vs the first import
  load   — page load of every page in a fresh tab on a warm server (Chromium): navigation →
           the page's content drawn (map geometry / first chart / first table / heading, run
           over, no spinner) vs a bare multipage app drawing the same kinds of elements
  firstload — the same, the first load after a server start (a server started per measure)

The region data is the shipped spring 2021 round with the example scores and feedback imported
as example rows (as scripts/screenshots.py does); the nation database is scripts/bench_nation.py's.
The load average is printed at the start and the end: the machine is shared.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from speed_common import Row, load_average, print_table  # noqa: E402

SECTIONS = ("click", "metric", "tabs", "warm", "nation", "frames", "wire", "import", "load",
            "firstload")
BROWSER = ("click", "metric", "tabs", "wire")
LOADS = ("load", "firstload")


class Setup:
    """The data the sections share, made once per run under `tmp` when first needed."""

    def __init__(self, tmp: Path, smoke: bool) -> None:
        self.tmp, self.smoke = tmp, smoke
        self.nation_url = f"sqlite:///{tmp / 'nation.db'}"
        os.environ["KUMPPANUUS_CACHE_DIR"] = str(tmp / "cache")
        os.environ["KUMPPANUUS_STAFF_FILE"] = str(tmp / "staff.toml")
        if smoke:  # its figures are no result: its servers skip the file watcher's CPU cost
            from tests.browser_support import NO_FILE_WATCHER

            os.environ.update(NO_FILE_WATCHER)

    @functools.cached_property
    def region_url(self) -> str:
        """The seeded region with the example scores and feedback imported as example rows:
        what `python -m kumppanuus import KIND FILE --example` writes, through the same
        pipeline in this process (which imports these modules anyway), not two fresh
        interpreters (~3 CPU s each)."""
        from kumppanuus.ingest import pipeline
        from kumppanuus.store import Store

        url = f"sqlite:///{self.tmp / 'region.db'}"
        store = Store(url)
        for kind, name in (("scores", "esimerkki_arviot.csv"),
                           ("feedback", "esimerkki_palaute.csv")):
            path = ROOT / "data" / "example" / name
            checked = pipeline.check_bytes(kind, path.read_bytes(), str(path), store)
            if checked.problems:
                raise RuntimeError(checked.problem_lines()[:3])
            pipeline.write(store, checked, user="cli", example=True)
        store.engine.dispose()
        return url

    @functools.cached_property
    def nation(self):
        """(Store, score rows) of the nation database (built on first use)."""
        import bench_nation

        start = time.perf_counter()
        tables, rounds, per_cell = (40, 2, 1) if self.smoke else (2000, 8, 6)
        store, n_scores = bench_nation.nation_store(self.nation_url, tables, rounds, per_cell)
        print(f"  nation database: 309 municipalities, {tables} tables, {rounds} rounds, "
              f"{n_scores:,} score rows ({time.perf_counter() - start:.1f} s to build)",
              flush=True)
        return store, n_scores


def run_section(name: str, setup: Setup, args, chromium=None) -> list[Row]:
    """One section (or the page loads); each imports only its own modules (a one-section run,
    as the smoke tests make, skips the others' imports)."""
    repeat = args.repeat or (1 if args.smoke else 7)
    if set(name.split()) <= set(LOADS):  # "load", "firstload" or both, one browser
        import speed_load

        return speed_load.page_load_sections(setup, name.split(), repeat, args.pages,
                                             args.repeat or (1 if args.smoke else 3), chromium)
    if name == "import":
        import speed_import

        return speed_import.import_section(setup, repeat if args.repeat else
                                           (1 if args.smoke else 3),
                                           1000 if args.smoke else args.rows)
    import speed_scripts

    if name == "warm":
        return speed_scripts.warm(setup, repeat, args.pages)
    if name == "nation":
        return speed_scripts.nation(setup, repeat if args.repeat else (1 if args.smoke else 3))
    if name == "frames":
        return speed_scripts.frames(setup, repeat if args.repeat else (1 if args.smoke else 5))
    raise ValueError(name)


def main(argv: list[str] | None = None, chromium=None) -> int:
    """The command line; `chromium`: a Playwright browser the page loads use instead of
    launching their own (tests/test_bench_speed.py passes its session's)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sections", nargs="*", metavar="SECTION",
                        help=f"any of {', '.join(SECTIONS)} (default: all)")
    parser.add_argument("--repeat", type=int, help="pairs per figure (default 7; 3 for the "
                        "slow ones: nation, frames 5, import, firstload)")
    parser.add_argument("--pages", nargs="+", help="warm, load, firstload: only these pages "
                        "(map tables people scores forum memos upload)")
    parser.add_argument("--rows", type=int, default=100_000, help="import: rows in the file")
    parser.add_argument("--smoke", action="store_true",
                        help="tiny inputs, one pair each (no warm-up pair, no file "
                        "watcher on its servers): checks that the sections run")
    args = parser.parse_args(argv)
    unknown = [n for n in args.sections if n not in SECTIONS]
    if unknown:
        parser.error(f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    names = args.sections or (["warm", "frames", "import"] if args.smoke else list(SECTIONS))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                            capture_output=True).stdout.strip()
    print(f"bench_speed {' '.join(names)} at {commit}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
          f"{load_average()}", flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="kumppanuus-speed-") as folder:
        setup = Setup(Path(folder), args.smoke)
        browser = [n for n in names if n in BROWSER]
        loads = [n for n in names if n in LOADS]
        groups = [[n] for n in names if n not in BROWSER + LOADS]
        if browser:  # one set of servers and one browser for every browser section
            groups.insert(names.index(browser[0]), browser)
        if loads:  # the page loads share their bare app, its pages and one browser
            groups.append([" ".join(loads)])
        for group in groups:
            start = time.perf_counter()
            print(f"\n== {' '.join(group)}", flush=True)
            if group is browser:
                import speed_browser

                rows += speed_browser.browser_sections(setup, browser, args.repeat or 7)
            else:
                rows += run_section(group[0], setup, args, chromium)
            print(f"   ({time.perf_counter() - start:.0f} s; {load_average()})", flush=True)
    print_table(rows, f"Speed, side by side ({load_average()}; ratio = median of the "
                      "per-pair ratios)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
