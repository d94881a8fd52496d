"""The import section of scripts/bench_speed.py: `python -m kumppanuus import scores FILE` of a
100,000-row file, as a whole process (module imports included, as a user waits for it), against
a process that only runs pandas.read_csv on the same file; then the same import again.

Each job is its own child process, so its peak memory (ru_maxrss from wait4) is its own. The
file comes from scripts/bench_ingest.py (Finnish Excel: `;`, decimal comma, d.m.yyyy, BOM); the
database is seeded as the app does and knows all 309 municipalities (scripts/bench_import.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_import
import bench_ingest
from speed_common import Pairs, Row, mb, ms, paired, time_row, times

ROOT = Path(__file__).resolve().parent.parent
TIME = "/usr/bin/time"  # GNU time: the child's own CPU time and peak RSS
READ_CSV = ("import sys, pandas as pd; "
            "pd.read_csv(sys.argv[1], sep=';', decimal=',', encoding='utf-8-sig')")


def child(command: list[str], env: dict | None = None) -> tuple[float, float, int]:
    """(wall s, CPU s, peak RSS bytes) of one child process; raises if it fails.

    Run under /usr/bin/time: Linux carries a process's peak RSS over fork and exec, so a child
    forked straight from this (large) process would report at least this process's peak."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        result = subprocess.run([TIME, "-f", "%U %S %M", "-o", out.name, *command], cwd=ROOT,
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        if result.returncode != 0:
            error = result.stderr.decode(errors="replace")[-2000:]
            raise RuntimeError(f"{command[:5]} exited {result.returncode}: {error}")
        user, system, peak_kb = out.read().split()[-3:]
    return wall, float(user) + float(system), int(peak_kb) * 1024


def import_section(setup, repeat: int, rows: int) -> list[Row]:
    tmp = setup.tmp
    template = tmp / "import_template.db"
    bench_import.nation_database(template)
    munis = bench_import.nation_municipalities()
    csv = tmp / "arviot_100k.csv"
    csv.write_bytes(bench_ingest.scores_csv(rows, munis))
    command = [sys.executable, "-m", "kumppanuus", "import", "scores", str(csv)]
    bare_command = [sys.executable, "-c", READ_CSV, str(csv)]
    first, again, bare = [], [], []

    def project(i: int) -> float:
        database = tmp / f"import_{i}.db"
        shutil.copy(template, database)
        env = os.environ | {"DATABASE_URL": f"sqlite:///{database}",
                            "KUMPPANUUS_MAX_UPLOAD_MB": "100"}
        first.append(child(command, env))
        again.append(child(command, env))  # the same file once more: nothing changes
        database.unlink()
        return first[-1][0]

    def read_csv(i: int) -> float:
        bare.append(child(bare_command))
        return bare[-1][0]

    wall = paired(project, read_csv, repeat)
    cpu = Pairs([f[1] for f in first], [b[1] for b in bare])
    memory = Pairs([f[2] for f in first], [b[2] for b in bare])
    reimport = Pairs([a[0] for a in again], [f[0] for f in first])
    print(f"  file: {rows:,} rows, {csv.stat().st_size / 1e6:.1f} MB; import wall "
          f"{ms(wall.median_project)} (CPU {ms(cpu.median_project)}, peak "
          f"{mb(memory.median_project)}); read_csv wall {ms(wall.median_bare)} (CPU "
          f"{ms(cpu.median_bare)}, peak {mb(memory.median_bare)}); re-import "
          f"{ms(reimport.median_project)}", flush=True)
    label = f"validate + import {rows // 1000}k score rows (CLI process)"
    return [
        time_row(f"{label}: wall", wall, "read_csv process", "—"),
        time_row(f"{label}: CPU", cpu, "read_csv process", "—"),
        Row(f"{label}: peak memory", mb(memory.median_project),
            f"read_csv process {mb(memory.median_bare)}", times(memory.ratio, 2), "≤ 1.50×"),
        time_row("re-import of the same file (no changes)", reimport, "first import", "≤ 1×"),
    ]
