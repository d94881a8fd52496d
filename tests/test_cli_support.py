"""The test suite's way of running the command line (tests/cli_support.py): a process forked
from a fork server that imported the CLI once gives what a fresh `python -m kumppanuus` gives —
the same stdout, stderr and exit code — and each run sees only its own environment and input."""

from __future__ import annotations

import pytest

from tests.cli_support import run_cli
from tests.conftest import _fresh_database

BAD_DATE = "kierros;nro;päivämäärä;nimi;kunnat;osallistujia\nkevät 2022;1;31.2.2022;T;Lapua;12\n"


def both(*args, **kwargs):
    forked = run_cli(*args, **kwargs)
    fresh = run_cli(*args, fresh_interpreter=True, **kwargs)
    return forked, fresh


@pytest.mark.empty_database
def test_a_forked_run_prints_and_exits_as_a_fresh_interpreter_does(tmp_path):
    bad = tmp_path / "huono.csv"
    bad.write_text(BAD_DATE, encoding="utf-8")
    runs = {}
    for args in (["frobnicate"], ["validate", "tables", str(bad)], ["export", "tables"]):
        forked, fresh = runs[args[0]] = both(*args)  # a fresh interpreter costs ~3 CPU s
        assert (forked.returncode, forked.stdout, forked.stderr) == (
            fresh.returncode, fresh.stdout, fresh.stderr), args
    assert [run.returncode for run in runs["validate"]] == [1, 1]
    assert [run.returncode for run in runs["frobnicate"]] == [2, 2]
    assert "Evijärvi-Kauhava" in runs["export"][0].stdout


def test_a_forked_run_reads_its_input_and_its_own_environment_only(tmp_path, database_template):
    # another seeded database (a copy of the template: no migrations and seed in the run)
    other = _fresh_database(tmp_path, database_template, module=True)
    assert run_cli("add-user", "teija", "--password-stdin", stdin="pitkä-salasana-42\n",
                   env={"DATABASE_URL": other}).returncode == 0
    assert run_cli("add-user", "teija", "--password-stdin", stdin="",
                   env={"DATABASE_URL": other}).returncode != 0  # no password given: refused
    from kumppanuus import auth
    from kumppanuus.store import Store

    assert "teija" in auth.load_users(Store(other))
    assert "teija" not in auth.load_users(Store())  # the next run's default database


def test_a_forked_run_never_runs_the_script_an_apptest_left_as_main(tmp_path, monkeypatch):
    """Streamlit's script runner leaves its script as `__main__`; a forked CLI run must not run
    it again (multiprocessing re-runs the parent's main script in each child it starts)."""
    import sys
    import types

    marker = tmp_path / "ran"
    script = tmp_path / "page.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", page)
    done = run_cli("frobnicate")
    assert done.returncode == 2 and "frobnicate" in done.stderr
    assert not marker.exists()
