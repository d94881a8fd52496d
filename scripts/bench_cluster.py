"""Benchmark the service set-up: imports per second on PostgreSQL behind two app servers while
eight headless browsers read pages through HAProxy; p95 page time under that load vs no load.

    python scripts/bench_cluster.py [--browsers 8] [--loads 6] [--imports 40] [--rows 50]

Everything runs on 127.0.0.1: a throwaway PostgreSQL (durable settings: fsync on), two
`streamlit run app.py` servers and HAProxy with deploy/haproxy.cfg (tests/cluster_support.py),
Debian's Chromium through Playwright's async API (one browser, one context per reader).

1. No load: each reader opens `--loads` pages in turn (Pöydät, Yhteyshenkilöt, Kartta), a fresh
   Streamlit session each time; a page's time is from navigation until its content is drawn.
2. Load: the same reads while two importers (one per app server's share of the work, each its
   own process with its own connection pool) run the upload pipeline — validate, plan, write
   with audit rows and the original bytes — `--imports` times each, a tables file of `--rows`
   rows in a new round every time, so every import changes the data version and the servers
   drop their caches.
All loops are bounded; the figures are printed, nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = (("poydat", "text=Osallistujia"), ("yhteyshenkilot", '[data-testid="stDataFrame"]'),
         ("kartta", "iframe"))


def tables_file(worker: int, n: int, rows: int) -> bytes:
    lines = ["kierros;nro;päivämäärä;nimi;kunnat;osallistujia"]
    lines += [f"bench {worker}-{n};{i};1.3.2031;Pöytä {i};Lapua;{i}" for i in range(1, rows + 1)]
    return "\n".join(lines).encode("utf-8")


def importer(database_url: str, worker: int, count: int, rows: int, out) -> None:
    os.environ["DATABASE_URL"] = database_url
    from kumppanuus.ingest import pipeline
    from kumppanuus.store import Store

    store = Store()
    start = time.perf_counter()
    for n in range(count):
        checked = pipeline.check_bytes("tables", tables_file(worker, n, rows), f"b{n}.csv", store)
        pipeline.write(store, checked, user=f"bench{worker}")
    out.put((count, time.perf_counter() - start))


async def reader(browser, base: str, loads: int, times: list[float]) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    for n in range(loads):
        path, ready = PAGES[n % len(PAGES)]
        start = time.perf_counter()
        await page.goto(f"{base}/{path}", timeout=300_000)
        await page.locator(ready).first.wait_for(state="attached", timeout=300_000)
        times.append(time.perf_counter() - start)
    await context.close()


async def read_pages(base: str, browsers: int, loads: int) -> list[float]:
    from playwright.async_api import async_playwright

    times: list[float] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        await asyncio.gather(*(reader(browser, base, loads, times) for _ in range(browsers)))
        await browser.close()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) >= 2 else values[0]


def summary(label: str, times: list[float]) -> str:
    return (f"{label:<22} pages {len(times):>3}  median {statistics.median(times):6.2f} s  "
            f"p95 {p95(times):6.2f} s  max {max(times):6.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--browsers", type=int, default=8)
    parser.add_argument("--loads", type=int, default=6)
    parser.add_argument("--imports", type=int, default=40)
    parser.add_argument("--rows", type=int, default=50)
    args = parser.parse_args(argv)
    from tests.cluster_support import haproxy_binary, run_cluster

    if haproxy_binary() is None or not Path("/usr/bin/chromium").exists():
        print("needs haproxy, /usr/bin/chromium and PostgreSQL (see .ci/run)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp, \
            run_cluster(Path(tmp), fast_db=False, watch_sources=True) as cluster:  # as deployed
        asyncio.run(read_pages(cluster.balancer, 2, len(PAGES)))  # warm both servers' caches
        quiet = asyncio.run(read_pages(cluster.balancer, args.browsers, args.loads))
        print(summary("no load", quiet), flush=True)

        results = multiprocessing.get_context("spawn").Queue()
        workers = [multiprocessing.get_context("spawn").Process(
            target=importer, args=(cluster.database_url, w, args.imports, args.rows, results))
            for w in range(2)]
        start = time.perf_counter()
        for worker in workers:
            worker.start()
        loaded = asyncio.run(read_pages(cluster.balancer, args.browsers, args.loads))
        read_time = time.perf_counter() - start
        for worker in workers:
            worker.join(timeout=900)
        done = [results.get(timeout=5) for _ in workers]
    imports, import_time = sum(n for n, _ in done), max(s for _, s in done)
    print(f"cpu cores {os.cpu_count()}; {args.browsers} browsers x {args.loads} page loads; "
          f"2 importers x {args.imports} imports of {args.rows} rows")
    print(summary("while importing", loaded))
    print(f"imports: {imports} in {import_time:.1f} s = {imports / import_time:.2f} imports/s "
          f"({imports * args.rows / import_time:.0f} rows/s); per importer "
          + ", ".join(f"{n / s:.2f}/s" for n, s in done)
          + f"; the loaded reads took {read_time:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
