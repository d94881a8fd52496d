"""A refused file changes nothing: the ingest corpus of bad files and cells, imported the way
`python -m kumppanuus import KIND FILE` does it and through the real command line."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from kumppanuus.ingest import pipeline
from kumppanuus.store.kinds import KINDS
from kumppanuus.store import Store
from tests.cli_support import run_cli
from tests.filefactory import BAD_CELLS, BAD_FILES, VALID, csv_bytes

CELL_CASES = [pytest.param(kind, csv_bytes(rows), row, column, id=name)
              for name, kind, rows, row, column, _ in BAD_CELLS]
FILE_CASES = [pytest.param("tables", data, 0, "", id=name) for name, data, _ in BAD_FILES]
CELLS_BY_NAME = {case[0]: case for case in BAD_CELLS}
FILES_BY_NAME = {case[0]: case[1] for case in BAD_FILES}


def snapshot(store: Store) -> dict[str, pd.DataFrame]:
    """Everything a user can read back: a full export of every kind and the import history."""
    frames = {k: store.export_frame(k, include_personal=True) for k in KINDS}
    return {**frames, "history": store.history()}


def assert_unchanged(before: dict[str, pd.DataFrame], store: Store) -> None:
    after = snapshot(store)
    assert after.keys() == before.keys()
    for name, frame in before.items():
        pd.testing.assert_frame_equal(after[name], frame, obj=name)


def line_re(file_name: str) -> re.Pattern:
    """The stderr shape of one problem: FILE:ROW:COLUMN: message."""
    return re.compile(rf"^{re.escape(file_name)}:\d+:[^:]*: \S.*$")


def _prime(store: Store) -> Store:
    """The seeded database plus one earlier import, so the history is not empty."""
    checked = pipeline.check_bytes("speakers", csv_bytes(VALID["speakers"]), "ok.csv", store)
    pipeline.write(store, checked, user="test")
    assert len(store.history()) == 1
    return store


@pytest.fixture(scope="module")
def primed_url(module_environment) -> str:
    """One primed database for the module's refusals: a refused file must leave it as it was,
    and each test compares its own snapshots before and after (priming it per test was a
    third of this module's CPU)."""
    with module_environment() as store:
        yield _prime(store).url


@pytest.fixture(scope="module")
def primed_before(primed_url) -> dict[str, pd.DataFrame]:
    """The primed database's snapshot, taken once: every test on `primed` must leave it
    exactly so (a test that wrote would fail, and so would each later one). Taking it again
    before each test was a third of this module's CPU."""
    return snapshot(Store(primed_url))


@pytest.fixture
def primed(primed_url, monkeypatch) -> Store:
    """The module's primed database, also as DATABASE_URL (`Store()` and the CLI use it)."""
    monkeypatch.setenv("DATABASE_URL", primed_url)
    return Store(primed_url)


@pytest.fixture
def primed_of_its_own(store) -> Store:
    """A primed database for a test that writes to it."""
    return _prime(store)


def import_like_the_cli(kind: str, data: bytes, file_name: str) -> pipeline.Checked:
    """Check, then hand the file to the real write path, problems or not: `pipeline.write` must
    refuse a file with problems itself (a write would be the bug the snapshot catches)."""
    checked = pipeline.check_bytes(kind, data, file_name, Store())
    if checked.problems:
        with pytest.raises(ValueError):
            pipeline.write(Store(), checked, user="cli")
    else:
        pipeline.write(Store(), checked, user="cli")
    return checked


@pytest.mark.parametrize("kind, data, row, column", CELL_CASES + FILE_CASES)
def test_a_refused_file_is_reported_at_its_row_and_column_and_changes_nothing(
        kind, data, row, column, primed, primed_before):
    before = primed_before
    checked = import_like_the_cli(kind, data, "bad.csv")
    found = [(p.row, p.column) for p in checked.problems]
    assert (row, column) in found, checked.problem_lines()
    assert checked.unreadable == (row == 0)
    assert all(line_re("bad.csv").match(line) for line in checked.problem_lines())
    assert_unchanged(before, primed)


def test_the_corpus_is_large_enough_to_mean_something():
    assert len(CELL_CASES) + len(FILE_CASES) >= 30


def test_the_snapshot_notices_an_import_that_did_write(primed_of_its_own):
    before = snapshot(primed_of_its_own)
    import_like_the_cli("tables", csv_bytes(VALID["tables"]), "ok.csv")
    with pytest.raises(AssertionError):
        assert_unchanged(before, primed_of_its_own)


def _write(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("name, data, row, column", [
    pytest.param("negative.csv", csv_bytes(CELLS_BY_NAME["negative count"][2]), 2,
                 "osallistujia", id="negative count"),
    pytest.param("dup.csv", csv_bytes(CELLS_BY_NAME["duplicate key"][2]), 3, "kierros",
                 id="duplicate key"),
    pytest.param("html.csv", FILES_BY_NAME["html saved as csv"], 0, "", id="html saved as csv"),
    pytest.param("broken.xlsx", FILES_BY_NAME["broken zip"], 0, "", id="broken zip"),
])
def test_the_cli_refuses_an_import_exits_1_and_writes_nothing(name, data, row, column, primed,
                                                               primed_before, tmp_path):
    before = primed_before
    path = _write(tmp_path, name, data)
    result = run_cli("import", "tables", path)
    assert result.returncode == 1, result.stderr
    *problems, last = result.stderr.splitlines()
    assert last == f"{path}: mitään ei tallennettu"
    assert problems and all(line_re(path).match(line) for line in problems), problems
    assert any(line.startswith(f"{path}:{row}:{column}: ") for line in problems), problems
    assert_unchanged(before, primed)


@pytest.mark.parametrize("name", ["empty file", "legacy xls"])
def test_the_cli_validate_exits_2_for_a_file_that_is_no_table(name, primed, primed_before,
                                                              tmp_path):
    before = primed_before
    path = _write(tmp_path, "bad.csv", FILES_BY_NAME[name])
    result = run_cli("validate", "tables", path)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert line_re(path).match(line) and line.startswith(f"{path}:0:: ")
    assert_unchanged(before, primed)
