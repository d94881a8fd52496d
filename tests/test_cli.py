"""The command-line contract of shared/spec/data-formats.md."""

import io
import subprocess

import pandas as pd
import pytest

from tests.cli_support import run_cli
from tests.conftest import ROOT, _fresh_database


def test_export_tables_prints_eleven_tables_adding_up_to_483():
    result = run_cli("export", "tables")
    assert result.returncode == 0, result.stderr
    df = pd.read_csv(io.StringIO(result.stdout))
    assert len(df) == 11 and df["participants"].sum() == 483


@pytest.fixture(scope="module")
def after_init(tmp_path_factory) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """`init` run once on an empty database of this module's own (~0.7 CPU s: every migration
    and the seed), and the environment that points a command at it; the exports only read it."""
    url = _fresh_database(tmp_path_factory.mktemp("after-init"), None, module=True)
    return run_cli("init", env={"DATABASE_URL": url}), {"DATABASE_URL": url}


@pytest.mark.parametrize("kind", ["tables", "speakers", "municipalities", "leader_areas"])
def test_export_after_init_equals_the_seed_facts(after_init, kind):
    init, environment = after_init
    assert init.returncode == 0
    out = run_cli("export", kind, env=environment)
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


@pytest.mark.empty_database
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


def test_validate_exit_codes_follow_the_contract(tmp_path):
    good = tmp_path / "hyvä.csv"
    good.write_text("kierros;nro;päivämäärä;nimi;kunnat;osallistujia\n"
                    "kevät 2022;1;3.2.2022;Testi;Lapua;12\n", encoding="cp1252")
    bad = tmp_path / "huono.csv"
    bad.write_text("kierros;nro;päivämäärä;nimi;kunnat;osallistujia\n"
                   "kevät 2022;1;31.2.2022;Testi;Lapua;12\n", encoding="utf-8")
    binary = tmp_path / "kuva.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    assert run_cli("validate", "tables", str(good)).returncode == 0
    invalid = run_cli("validate", "tables", str(bad))
    assert invalid.returncode == 1
    assert invalid.stderr.splitlines()[0].startswith(f"{bad}:2:päivämäärä: ")
    assert run_cli("validate", "tables", str(binary)).returncode == 2
    assert run_cli("validate", "tables", str(tmp_path / "ei-ole.csv")).returncode == 2
    assert run_cli("validate", "nonsense", str(good)).returncode == 2


def test_an_invalid_import_writes_nothing_and_exits_1(tmp_path):
    bad = tmp_path / "huono.csv"
    bad.write_text("kierros;nro;päivämäärä;nimi;kunnat;osallistujia\n"
                   "kevät 2022;1;3.2.2022;Testi;Lapua;12\n"
                   "kevät 2022;2;3.2.2022;Testi;Lapuaa;-3\n", encoding="utf-8")
    before = run_cli("export", "tables").stdout
    result = run_cli("import", "tables", str(bad))
    assert result.returncode == 1
    assert f"{bad}:3:kunnat: " in result.stderr and "tarkoititko 'Lapua'" in result.stderr
    assert f"{bad}:3:osallistujia: " in result.stderr
    assert run_cli("export", "tables").stdout == before
    assert len(run_cli("history").stdout.splitlines()) == 1  # header only


def test_add_user_stores_a_bcrypt_hash_that_logs_in():
    from kumppanuus import auth, config
    from kumppanuus.store import Store

    result = run_cli("add-user", "teija", "--password-stdin", stdin="pitkä-salasana-42\n")
    assert result.returncode == 0, result.stderr
    users = auth.load_users(Store())
    assert auth.verify(users, "teija", "pitkä-salasana-42")
    assert not config.staff_file().exists()  # accounts live in the database only
