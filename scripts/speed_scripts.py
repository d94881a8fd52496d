"""The in-process sections of scripts/bench_speed.py: warm page scripts (AppTest) against bare
scripts of the same shape, the scores page at nation scale, and reading the score rows.

Every page file runs as the AppTest main script (as scripts/bench_pages.py explains: the page
draws the shared sidebar itself, so a run costs what a user's rerun costs, sidebar included).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

import speed_bare
from speed_common import CpuClock, Row, paired, time_row, timed, times, ms
from kumppanuus import config

ROOT = Path(__file__).resolve().parent.parent
STAFF = "bench"
#: name → (page file, session state before the first run). The scores page shows the example
#: data (its six charts; the region's stored rounds have no scores); upload is staff only.
PAGES = {
    "map": ("pages/kartta.py", {}),
    "scores": ("pages/jarjestoystavallisyys.py", {"scores_example": True}),
    "people": ("pages/yhteyshenkilot.py", {}),
    "tables": ("pages/poydat.py", {}),
    "upload": ("pages/lataa.py", {"staff_user": STAFF}),
    "forum": ("pages/foorumi.py", {}),
    "memos": ("pages/muistiot.py", {}),
}
WARM_GOAL = "≤ 3× bare"


def _app(path: Path, state: dict):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(path), default_timeout=600)
    for key, value in state.items():
        at.session_state[key] = value
    return at


def _run(at) -> float:
    seconds = timed(at.run)
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    return seconds


def bare_twin(at, path: Path):
    """A warmed bare AppTest drawing what `at` drew, written to `path`; and its description."""
    script, counts = speed_bare.bare_script(at._tree)
    path.write_text(script, encoding="utf-8")
    bare = _app(path, {})
    _run(bare)
    _run(bare)
    again = speed_bare.bare_script(bare._tree)[1]
    shape = speed_bare.describe(counts)
    if again != counts:  # the floor must draw what the page drew
        shape += f" (BARE DIFFERS: {speed_bare.describe(again)})"
    return bare, shape


def warm_page(name: str, tmp: Path, repeat: int) -> Row:
    page, state = PAGES[name]
    at = _app(ROOT / page, state)
    _run(at)  # cold: caches fill
    _run(at)
    bare, shape = bare_twin(at, tmp / f"bare_{name}.py")
    clock = CpuClock()
    pairs = paired(lambda i: clock.project(lambda: _run(at)),
                   lambda i: clock.bare(lambda: _run(bare)), repeat)
    print(f"  warm {name:7} {ms(pairs.median_project):>9} vs bare {ms(pairs.median_bare):>7}"
          f"  {times(pairs.ratio):>6}  (CPU {ms(clock.cpu.median_project)} vs "
          f"{ms(clock.cpu.median_bare)})  {shape}", flush=True)
    return time_row(f"warm page script (AppTest): {name}", pairs, "bare", WARM_GOAL)


def warm(setup, repeat: int, pages: list[str] | None = None) -> list[Row]:
    os.environ[config.ENV_DATABASE_URL] = setup.region_url
    return [warm_page(name, setup.tmp, repeat) for name in pages or PAGES]


def _small_scores_import(store, k: int) -> None:
    """A 14-row scores file (one municipality, both groups, seven criteria) through the
    upload pipeline, as a staff member's import; then the importer's session's refresh."""
    import bench_ingest
    from kumppanuus.ingest import pipeline
    from ui import data

    munis = store.reference("municipalities")
    data_bytes = bench_ingest.scores_csv(14, munis.iloc[[k % len(munis)]])
    checked = pipeline.check_bytes("scores", data_bytes, f"speed_{k}.csv", store)
    assert not checked.problems, checked.problem_lines()[:3]
    pipeline.write(store, checked, user=STAFF)
    data.refresh()  # what the upload page does after writing (others see it within 2 s)


def nation(setup, repeat: int) -> list[Row]:
    """The scores page over ~200k score rows: warm, and the first run after an import."""
    store, n_scores = setup.nation
    os.environ[config.ENV_DATABASE_URL] = setup.nation_url
    at = _app(ROOT / PAGES["scores"][0], {})
    _run(at)
    _run(at)
    bare, shape = bare_twin(at, setup.tmp / "bare_nation_scores.py")
    warm_clock, import_clock = CpuClock(), CpuClock()
    warm_pairs = paired(lambda i: warm_clock.project(lambda: _run(at)),
                        lambda i: warm_clock.bare(lambda: _run(bare)), repeat)

    def after_import(i: int) -> float:
        _small_scores_import(store, i)
        return import_clock.project(lambda: _run(at))

    import_pairs = paired(after_import, lambda i: import_clock.bare(lambda: _run(bare)), repeat)
    print(f"  nation scores page ({n_scores:,} score rows; {shape}): warm "
          f"{ms(warm_pairs.median_project)}, first after an import "
          f"{ms(import_pairs.median_project)}, bare {ms(warm_pairs.median_bare)}", flush=True)
    return [time_row(f"scores page, nation ({n_scores // 1000}k scores): warm", warm_pairs,
                     "bare", "≤ 0.5 s", warm_clock.cpu),
            time_row("scores page, nation: first run after an import", import_pairs, "bare",
                     "≤ 2 s", import_clock.cpu)]


def frames(setup, repeat: int) -> list[Row]:
    """Store.frame('scores') against pandas.read_sql_query of the same table and order."""
    store, n_scores = setup.nation
    query = "SELECT * FROM scores ORDER BY id"
    with store.engine.connect() as conn:  # the bare read, checked to read the same rows
        n_read = len(pd.read_sql_query(query, conn))
    assert n_read == len(store.frame("scores")), (n_read, n_scores)

    clock = CpuClock()

    def bare(i: int) -> float:
        with store.engine.connect() as conn:
            return clock.bare(lambda: pd.read_sql_query(query, conn))

    pairs = paired(lambda i: clock.project(lambda: store.frame("scores")), bare, repeat)
    print(f"  Store.frame('scores') {ms(pairs.median_project)} vs read_sql_query "
          f"{ms(pairs.median_bare)} ({n_read:,} rows)", flush=True)
    return [time_row(f"reading {n_read // 1000}k score rows (Store.frame)", pairs,
                     "read_sql_query", "≤ 1.2×", clock.cpu)]
