"""The command-line contract of shared/spec/data-formats.md."""

import io
import os
import subprocess
import sys

import pandas as pd
import pytest

from tests.conftest import ROOT


def run_cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "kumppanuus", *args], cwd=ROOT, capture_output=True,
        text=True, env={**os.environ, **(env or {})}, timeout=120,
    )


def test_export_tables_prints_eleven_tables_adding_up_to_483():
    result = run_cli("export", "tables")
    assert result.returncode == 0, result.stderr
    df = pd.read_csv(io.StringIO(result.stdout))
    assert len(df) == 11 and df["participants"].sum() == 483


@pytest.mark.parametrize("kind", ["tables", "speakers", "municipalities", "leader_areas"])
def test_export_after_init_equals_the_seed_facts(kind):
    assert run_cli("init").returncode == 0
    out = run_cli("export", kind)
    exported = pd.read_csv(io.StringIO(out.stdout), dtype=str, keep_default_na=False)
    seed = pd.read_csv(ROOT / "data" / f"{kind}.csv", dtype=str, keep_default_na=False)
    seed = seed.drop(columns=["source"], errors="ignore")
    if kind in ("municipalities", "leader_areas"):  # reference data is listed by code
        assert set(exported.columns) - set(seed.columns) <= {"lat", "lon"}
        exported = exported[seed.columns].sort_values("code", ignore_index=True)
        seed = seed.sort_values("code", ignore_index=True)
    pd.testing.assert_frame_equal(exported, seed, check_dtype=False)


def test_contacts_export_omits_personal_data_unless_asked():
    default = run_cli("export", "contacts").stdout
    assert "@" not in default and "040" not in default and "email" not in default
    personal = run_cli("export", "contacts", "--include-personal").stdout
    assert "teija.matalamaki@jtal.fi" in personal


def test_init_twice_changes_nothing(tmp_path):
    out = tmp_path / "a.csv"
    assert run_cli("init").returncode == 0
    run_cli("export", "contacts", "--include-personal", "-o", str(out))
    first = out.read_bytes()
    second_init = run_cli("init")
    assert second_init.returncode == 0 and "mitään ei muutettu" in second_init.stdout
    run_cli("export", "contacts", "--include-personal", "-o", str(out))
    assert out.read_bytes() == first


def test_history_lists_imports_with_the_contract_columns():
    result = run_cli("history")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "id,created_at,user,kind,file_name,sha256,rows_added,rows_updated,undone_at")


def test_unknown_command_is_a_usage_error():
    assert run_cli("frobnicate").returncode == 2


def test_undo_of_an_unknown_import_exits_1():
    result = run_cli("undo", "999")
    assert result.returncode == 1 and "999" in result.stderr
