"""What Finnish office users really send: read right (with a warning where we changed anything),
or refused for the right reason — and never a second row for the same key."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from sqlalchemy import String

from kumppanuus import exports
from kumppanuus.ingest import pipeline
from kumppanuus.ingest import format_problem, parse_bytes
from kumppanuus.ingest.menti import MentiContext
from kumppanuus.municipality_names import load_default_resolver
from kumppanuus.schema import CRITERIA, KINDS as SCHEMA_KINDS
from kumppanuus.store import Store
from kumppanuus.store.kinds import KINDS as STORE_KINDS
from tests.filefactory import (VALID, Slide, csv_bytes, menti_bytes, rows_of, seven_counts,
                               xlsx_bytes)

MENTI = MentiContext("kevät 2021", "pöytä 8", "Lapua", "osallistujat")


@pytest.fixture(scope="module")
def resolver():
    return load_default_resolver()


def check(store: Store, kind: str, rows, name: str = "f.csv") -> pipeline.Checked:
    return pipeline.check_bytes(kind, csv_bytes(rows), name, store)


# ------------------------------------------------------------------------- text lengths
def test_every_free_text_column_promises_no_more_than_its_database_column_holds():
    for kind, store_spec in STORE_KINDS.items():
        if kind not in SCHEMA_KINDS:
            continue
        table = store_spec.model.__table__
        for col in SCHEMA_KINDS[kind].columns:
            assert col.limit > 0
            db_type = table.c[col.name].type if col.name in table.c else None
            if col.free_text and isinstance(db_type, String) and db_type.length:
                assert col.limit <= db_type.length, (kind, col.name)


def test_a_name_longer_than_the_column_promises_is_refused_and_not_echoed(resolver):
    result = parse_bytes("speakers", csv_bytes(rows_of("speakers", nimi="x" * 30_000)),
                         "pitkä.csv", resolver)
    (problem,) = result.problems
    assert (problem.row, problem.column) == (2, "nimi")
    assert "30 000 merkkiä; odotettiin enintään 200 merkkiä" in problem.message
    assert len(problem.value) < 300 and len(format_problem(problem)) < 400


def test_a_long_note_within_its_promise_is_kept_whole(resolver):
    rows = [VALID["contacts"][0] + ["huomio"], VALID["contacts"][1] + ["a" * 3000]]
    result = parse_bytes("contacts", csv_bytes(rows), "f.csv", resolver)
    assert result.ok and result.rows["note"].str.len().tolist() == [3000]


# --------------------------------------------------------------------------- tolerance
def test_a_criterion_written_as_a_numbered_list_item_is_accepted(resolver):
    result = parse_bytes("scores", csv_bytes(rows_of("scores", kriteeri=f"1. {CRITERIA[0]}")),
                         "f.csv", resolver)
    assert result.ok and result.rows["criterion"].tolist()[0] == 1


def test_a_numbered_criterion_whose_number_and_text_disagree_is_refused(resolver):
    result = parse_bytes("scores", csv_bytes(rows_of("scores", kriteeri=f"2. {CRITERIA[0]}")),
                         "f.csv", resolver)
    assert [(p.row, p.column) for p in result.problems] == [(2, "kriteeri")]


@pytest.mark.parametrize("criterion", ["123456789012345678901", "12345678901234567890.",
                                       "99999999999999999999999. " + CRITERIA[0]])
def test_a_criterion_of_twenty_digits_is_a_problem_at_its_row_and_column(resolver, criterion):
    result = parse_bytes("scores", csv_bytes(rows_of("scores", kriteeri=criterion)), "f.csv",
                         resolver)
    assert not result.unreadable
    assert [(p.row, p.column) for p in result.problems] == [(2, "kriteeri")]
    assert "odotettiin" in result.problems[0].message


def test_an_xlsx_date_time_cell_is_a_date(resolver):
    rows = [list(r) for r in VALID["tables"]]
    rows[1][2] = datetime(2021, 9, 1, 18, 0)
    result = parse_bytes("tables", xlsx_bytes(rows), "f.xlsx", resolver)
    assert result.ok, [format_problem(p) for p in result.problems]
    assert result.rows["date"].tolist()[0] == date(2021, 9, 1)


def test_a_finnish_date_with_a_time_is_a_date(resolver):
    result = parse_bytes("tables", csv_bytes(rows_of("tables", päivämäärä="1.9.2021 18:00")),
                         "f.csv", resolver)
    assert result.ok and result.rows["date"].tolist()[0] == date(2021, 9, 1)


def test_a_menti_slide_with_the_seven_criteria_and_one_more_statement_imports_the_seven(
        resolver):
    slide = Slide(statements=[*CRITERIA, "Kunta on mukava"],
                  counts=[*seven_counts(), [1, 1, 1, 1, 1]])
    result = parse_bytes("menti", menti_bytes([[slide]]), "m.xlsx", resolver, menti=MENTI)
    assert result.ok, [format_problem(p) for p in result.problems]
    assert result.rows["criterion"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    (warning,) = [w for w in result.warnings if "Kunta on mukava" in w.message]
    assert "ohitetaan" in warning.message


def test_a_menti_slide_naming_one_criterion_twice_is_refused_saying_so(resolver):
    slide = Slide(statements=[*CRITERIA[:6], CRITERIA[0]], counts=seven_counts())
    result = parse_bytes("menti", menti_bytes([[slide]]), "m.xlsx", resolver, menti=MENTI)
    assert any("kriteeri 1 on samalla diassa" in p.message for p in result.problems)


def test_mojibake_in_an_xlsx_cell_is_repaired_with_a_warning(resolver):
    rows = [list(r) for r in VALID["speakers"]]
    rows[1][4] = "Ã„htÃ¤rin kaupunki"
    result = parse_bytes("speakers", xlsx_bytes(rows), "f.xlsx", resolver)
    assert result.ok and result.rows["organisation"].tolist()[0] == "Ähtärin kaupunki"
    assert any("Ã„htÃ¤rin" in w.message and w.row == 2 for w in result.warnings)


# ----------------------------------------------------------------------- look-alike keys
@pytest.mark.parametrize("written", ["Kevät 2021", "kevät  2021", " KEVÄT 2021",
                                     unicodedata.normalize("NFD", "kevät 2021")])
def test_a_look_alike_round_updates_the_stored_table_instead_of_adding_one(written, store):
    rows = rows_of("tables", kierros=written, nro="2", osallistujia="36")
    rows = [rows[0], rows[1]]
    checked = check(store, "tables", rows)
    assert checked.problems == [], checked.problem_lines()
    assert checked.rows["round"].tolist() == ["kevät 2021"]
    assert any("kevät 2021" in line for line in checked.warning_lines())
    plan = pipeline.preview(store, checked)
    assert (len(plan.added), len(plan.updated)) == (0, 1)


def test_two_rows_of_one_file_differing_only_in_case_are_one_key_twice(resolver):
    rows = [list(r) for r in VALID["speakers"]]
    rows[2][2] = rows[1][2].upper()
    result = parse_bytes("speakers", csv_bytes(rows), "f.csv", resolver)
    assert any("avain on sama" in p.message for p in result.problems)


# ---------------------------------------------------------------------- against the store
def test_a_speaker_for_a_table_that_does_not_exist_is_imported_with_a_warning(store):
    rows = rows_of("speakers", nro="12")
    checked = check(store, "speakers", [rows[0], rows[1]])
    assert checked.problems == []
    (warning,) = [w for w in checked.result.warnings if "ei ole tallennettu" in w.message]
    assert (warning.row, warning.column) == (2, "nro")
    assert checked.warning_lines()[0].split(":", 3)[3].startswith(" varoitus: ")


def test_a_downloaded_spreadsheet_csv_re_imports_without_a_change(store):
    rows = [["kunta", "nimi", "organisaatio", "puhelin"],
            ["Lapua", "Testi Henkilö", "-hanke", "+358 40 123 4567"]]
    pipeline.write(store, check(store, "contacts", rows), user="test")
    download = exports.csv_bytes(store.export_frame("contacts", include_personal=True),
                                 excel=True)
    assert b"'+358 40 123 4567" in download and b"'-hanke" in download
    again = pipeline.check_bytes("contacts", download, "lataus.csv", store)
    assert again.problems == [], again.problem_lines()
    plan = pipeline.preview(store, again)
    assert (len(plan.added), len(plan.updated)) == (0, 0)
