"""Print the map's size and speed figures: GeoJSON bytes after simplification, map build time
cold/warm, and the warm run time of the map page under AppTest.

    python scripts/bench_geo.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from geo import foliummap, prepared, simplify, units  # noqa: E402
from kumppanuus import config  # noqa: E402


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, (time.perf_counter() - start) * 1000


def seed_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    munis = pd.read_csv(config.DATA_DIR / "municipalities.csv", dtype=str)
    return munis, pd.read_csv(config.DATA_DIR / "municipality_parts.csv", dtype=str)


def bench_geometry(cache: Path):
    munis, parts = seed_frames()
    args = (config.geo_dir(), parts, munis["code"], cache)
    geometry, cold = timed(prepared.prepare_geometry, *args)
    warm = sorted(timed(prepared.prepare_geometry, *args)[1] for _ in range(5))[2]
    region_bytes, national_bytes = prepared.budget_sizes(geometry.national, munis["code"])
    print(f"tolerance chosen           {geometry.tolerance} deg")
    print(f"region GeoJSON (19 units)  {region_bytes:>9,} B  (budget {simplify.REGION_BUDGET:,})")
    print(f"all 309 municipalities     {national_bytes:>9,} B  (budget {simplify.NATIONAL_BUDGET:,})")
    print(f"prepare geometry           cold {cold:7.1f} ms   warm (disk cache, median of 5) {warm:6.1f} ms")
    munis["population_2020"] = munis["population_2020"].astype(int)
    return units.build_map_units(geometry.national, munis, parts)


def bench_map(map_units) -> None:
    _, cold = timed(lambda: foliummap.build_map(map_units).get_root().render())
    _, warm = timed(lambda: foliummap.build_map(map_units).get_root().render())
    html = foliummap.build_map(map_units).get_root().render()
    print(f"build + render map         cold {cold:7.1f} ms   warm {warm:6.1f} ms   ({len(html):,} B HTML)")


def bench_page(tmp: Path) -> None:
    from streamlit.testing.v1 import AppTest

    os.environ[config.ENV_DATABASE_URL] = f"sqlite:///{tmp / 'bench.db'}"
    app = AppTest.from_file(str(config.REPO_ROOT / "app.py"), default_timeout=120)
    _, first = timed(app.run)
    runs = [timed(app.run)[1] for _ in range(5)]
    failed = [e.value for e in app.exception]
    print(f"map page (AppTest)         first {first:6.1f} ms   warm median {sorted(runs)[2]:6.1f} ms"
          + (f"   EXCEPTIONS: {failed}" if failed else ""))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ[config.ENV_CACHE_DIR] = str(Path(tmp) / "cache")
        map_units = bench_geometry(Path(tmp) / "cache")
        bench_map(map_units)
        if (config.REPO_ROOT / "pages" / "kartta.py").exists():
            bench_page(Path(tmp))


if __name__ == "__main__":
    main()
