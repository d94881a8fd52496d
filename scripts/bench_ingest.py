"""Benchmark: read + validate a 100 000-row scores CSV vs a bare pandas.read_csv of the same file.

The file is written as Finnish Excel does (`;`, decimal comma, d.m.yyyy dates, UTF-8 with BOM)
against a nation-scale resolver of 309 municipalities, half given by name and half by code.

    python scripts/bench_ingest.py [--rows 100000] [--repeat 15]

Runs the two jobs alternately; prints the best time of each, their ratio and the median
ratio of the pairs; the aim is ≤ 4×.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kumppanuus.ingest import parse  # noqa: E402
from kumppanuus.municipality_names import MunicipalityResolver  # noqa: E402

HEADER = ["kierros", "lähde", "päivämäärä", "kunta", "vastaajaryhmä", "kriteeri", "keskiarvo",
          "vastaajia", "asteikko_min", "asteikko_max"]


def nation(count: int = 309) -> pd.DataFrame:
    """Synthetic municipalities 001…309 with Finnish and Swedish names."""
    codes = [f"{i:03d}" for i in range(1, count + 1)]
    return pd.DataFrame({"code": codes, "name_fi": [f"Kunta {c}" for c in codes],
                         "name_sv": [f"Kommun {c}" for c in codes]})


def scores_csv(rows: int, municipalities: pd.DataFrame, seed: int = 1) -> bytes:
    """`rows` aggregate score rows with unique keys, as Finnish Excel saves them."""
    rng = np.random.default_rng(seed)
    i = np.arange(rows)
    per_source = len(municipalities) * 2 * 7
    muni = municipalities.iloc[(i // 14) % len(municipalities)]
    written = np.where(i % 2 == 0, muni["name_fi"].to_numpy(), muni["code"].str.lstrip("0"))
    frame = pd.DataFrame({
        "kierros": "kevät 2021",
        "lähde": "pöytä " + pd.Series(i // per_source + 1).astype(str),
        "päivämäärä": pd.Series((i // per_source) % 28 + 1).astype(str) + ".2.2021",
        "kunta": written,
        "vastaajaryhmä": np.where((i // 7) % 2 == 0, "osallistujat", "kuntajohtajat"),
        "kriteeri": (i % 7 + 1).astype(str),
        "keskiarvo": pd.Series(rng.uniform(1, 5, rows).round(2)).astype(str).str.replace(".", ","),
        "vastaajia": rng.integers(1, 60, rows).astype(str),
        "asteikko_min": "1",
        "asteikko_max": "5",
    })
    return b"\xef\xbb\xbf" + frame.to_csv(sep=";", index=False, lineterminator="\r\n").encode()


def timed(job) -> tuple[float, object]:
    start = time.perf_counter()
    result = job()
    return time.perf_counter() - start, result


def interleaved(repeat: int, bare_job, our_job) -> tuple[list[float], list[float], object]:
    """Alternate the two jobs so that load from other processes hits both alike."""
    bare, ours, result = [], [], None
    for _ in range(repeat):
        bare.append(timed(bare_job)[0])
        seconds, result = timed(our_job)
        ours.append(seconds)
    return bare, ours, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    municipalities = nation()
    resolver = MunicipalityResolver(municipalities)
    data = scores_csv(args.rows, municipalities)
    frame = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    bare, ours, result = interleaved(
        args.repeat,
        lambda: pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig"),
        lambda: parse("scores", data, "bench.csv", resolver, max_bytes=len(data) + 1))
    assert len(frame) == args.rows and result.ok and len(result.rows) == args.rows, \
        result.problems[:3]
    pair = sorted(o / b for o, b in zip(ours, bare))[len(bare) // 2]
    print(f"file: {args.rows} rows, {len(data) / 1e6:.1f} MB, 309 municipalities")
    print(f"bare pandas.read_csv : {min(bare) * 1000:8.1f} ms (best of {args.repeat})")
    print(f"read_table + parse   : {min(ours) * 1000:8.1f} ms (best of {args.repeat})")
    print(f"ratio of the bests   : {min(ours) / min(bare):8.2f}x (aim <= 4x)")
    print(f"median paired ratio  : {pair:8.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
