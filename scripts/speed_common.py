"""Side-by-side timing for scripts/bench_speed.py: interleaved pairs, medians, the final table.

A figure of this benchmark is never a lone wall time: each project measurement is paired with
its bare floor, measured right before or after it (the order alternates from pair to pair), so
load from the other processes on the machine hits both alike. The ratio printed is the median
of the per-pair ratios; the two medians are printed beside it.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Pairs:
    project: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)

    def add(self, project: float, bare: float) -> None:
        self.project.append(project)
        self.bare.append(bare)

    @property
    def ratio(self) -> float:
        return statistics.median(p / b for p, b in zip(self.project, self.bare) if b > 0)

    @property
    def median_project(self) -> float:
        return statistics.median(self.project)

    @property
    def median_bare(self) -> float:
        return statistics.median(self.bare)


def timed(job: Callable[[], object]) -> float:
    """Seconds (wall) that `job()` took."""
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def paired(project: Callable[[int], float], bare: Callable[[int], float], repeat: int) -> Pairs:
    """`repeat` interleaved pairs; each callable gets the pair's number and returns seconds (or
    any measure); even pairs run the project first, odd pairs the bare floor first."""
    out = Pairs()
    for i in range(repeat):
        if i % 2 == 0:
            p = project(i)
            b = bare(i)
        else:
            b = bare(i)
            p = project(i)
        out.add(p, b)
    return out


@dataclass(frozen=True)
class Row:
    what: str
    project: str
    floor: str
    ratio: str
    goal: str


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms".replace(",", " ")


def kb(n_bytes: float) -> str:
    return f"{n_bytes / 1000:,.1f} KB".replace(",", " ")


def mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:,.0f} MB".replace(",", " ")


def times(ratio: float, digits: int = 1) -> str:
    """`1.5×`; a ratio read against a goal at its own precision (≤ 1.5×) gets `digits=2`, so
    that 1.53× is not printed as a met 1.5×."""
    return f"{ratio:.{digits}f}×"


def time_row(what: str, pairs: Pairs, floor_name: str, goal: str, cpu: Pairs | None = None
             ) -> Row:
    """A row of wall medians and their paired ratio; with `cpu`, the CPU medians beside."""
    project, bare = ms(pairs.median_project), ms(pairs.median_bare)
    if cpu is not None:
        project += f" (CPU {ms(cpu.median_project)})"
        bare += f" (CPU {ms(cpu.median_bare)})"
    return Row(what, project, f"{floor_name} {bare}", times(pairs.ratio), goal)


class CpuClock:
    """Wall seconds of in-process jobs, noting each job's CPU seconds (time.process_time: this
    process, all threads; AppTest runs the script in a thread while the caller waits) in
    `cpu`, a Pairs filled in the same order as the wall pairs."""

    def __init__(self) -> None:
        self.cpu = Pairs()

    def project(self, job: Callable[[], object]) -> float:
        cpu, wall = time.process_time(), timed(job)
        self.cpu.project.append(time.process_time() - cpu)
        return wall

    def bare(self, job: Callable[[], object]) -> float:
        cpu, wall = time.process_time(), timed(job)
        self.cpu.bare.append(time.process_time() - cpu)
        return wall


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def print_table(rows: list[Row], title: str) -> None:
    header = Row("what", "project", "bare / floor", "ratio", "goal")
    widths = [max(len(getattr(r, f)) for r in [header, *rows]) for f in vars(header)]
    print(f"\n{title}")
    for i, row in enumerate([header, *rows]):
        print("| " + " | ".join(v.ljust(w) for v, w in zip(vars(row).values(), widths)) + " |")
        if i == 0:
            print("| " + " | ".join("-" * w for w in widths) + " |")
