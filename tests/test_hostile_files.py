"""Hostile and careless files: bounded before parsing, refused in Finnish on the right row and
column, or read correctly with a warning. Every file is built in code (tests/filefactory.py)."""

from __future__ import annotations

import functools

import openpyxl
import pytest

from kumppanuus.ingest import format_problem, format_warning, parse_bytes
from kumppanuus.ingest.menti import MentiContext
from kumppanuus.municipality_names import load_default_resolver
from tests.filefactory import (STRUCTURE_ERRORS, VALID, blank_rows_xlsx, csv_bytes,
                               hidden_row_xlsx, huge_shared_string, lying_size_xlsx,
                               mac_roman_csv,
                               many_columns_csv, raw_xlsx, repeated, sheet_row,
                               utf8_with_stray_byte, wide_row_bomb)

MENTI = MentiContext("kevät 2021", "pöytä 8", "Lapua", "osallistujat")


@pytest.fixture(scope="module")
def resolver():
    return load_default_resolver()


@functools.cache
def bomb(name: str) -> bytes:
    return {"ten million cells in one row": wide_row_bomb,
            "a 200-million-character string": lambda: huge_shared_string(200_000_000)}[name]()


@pytest.fixture
def no_openpyxl(monkeypatch):
    """Proof that a file was refused BEFORE parsing: opening it with openpyxl fails the test."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("openpyxl was asked to parse a file that should have been refused")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def refusal(result) -> str:
    assert result.unreadable and not result.ok and result.rows.empty
    (problem,) = result.problems
    return problem.message


# ------------------------------------------------------------------------ outages: bombs
@pytest.mark.parametrize("name", ["ten million cells in one row",
                                  "a 200-million-character string"])
@pytest.mark.parametrize("kind", ["speakers", "menti"])
def test_a_decompression_bomb_is_refused_before_it_is_parsed(name, kind, resolver, no_openpyxl):
    data = bomb(name)
    assert len(data) < 300_000
    message = refusal(parse_bytes(kind, data, "pommi.xlsx", resolver, menti=MENTI))
    assert "purkautuu" in message and "odotettiin enintään 100 Mt" in message


def test_a_workbook_hiding_its_size_from_the_zip_directory_is_refused_as_broken(resolver):
    message = refusal(parse_bytes("speakers", lying_size_xlsx(), "valhe.xlsx", resolver))
    assert "on rikki" in message and "odottamaton" not in message


def test_a_row_wider_than_excel_allows_is_refused_while_counting(resolver, no_openpyxl):
    data = raw_xlsx(['<row r="1">', *repeated("<c/>", 2_000_000), "</row>"])
    message = refusal(parse_bytes("speakers", data, "leveä.xlsx", resolver))
    assert "rivillä 1 on yli 16 384 solua" in message


def test_too_many_cells_in_all_are_refused_while_counting(resolver, no_openpyxl):
    rows = (f'<row r="{n}">' + "<c/>" * 100 + "</row>" for n in range(1, 60_000))
    message = refusal(parse_bytes("speakers", raw_xlsx(rows), "solut.xlsx", resolver))
    assert "yli 5 000 000 solua" in message


def test_more_rows_than_an_excel_sheet_has_are_refused_blank_ones_counted(resolver, no_openpyxl):
    from kumppanuus.ingest.limits import EXCEL_MAX_ROWS

    # three speaker rows and blank ones up to exactly one row more than Excel allows
    data = blank_rows_xlsx(EXCEL_MAX_ROWS + 1 - len(VALID["speakers"]))
    message = refusal(parse_bytes("speakers", data, "tyhjät.xlsx", resolver))
    assert "yli 1 048 576 riviä (tyhjät rivit mukaan lukien)" in message


def test_a_cell_longer_than_excel_allows_is_refused_naming_row_and_column(resolver):
    result = parse_bytes("speakers", huge_shared_string(40_000), "pitkä.xlsx", resolver)
    (problem,) = result.problems
    assert (problem.row, problem.column) == (2, "C")
    assert "40 000 merkkiä; odotettiin enintään 32 767" in problem.message


def test_a_csv_cell_longer_than_excel_allows_is_refused_naming_its_header(resolver):
    rows = [list(r) for r in VALID["speakers"]]
    rows[2][3] = "x" * 40_000
    result = parse_bytes("speakers", csv_bytes(rows), "pitkä.csv", resolver)
    (problem,) = result.problems
    assert (problem.row, problem.column) == (3, "tehtävä")


def test_a_csv_header_of_millions_of_separators_is_refused_before_parsing(resolver):
    data = b"kierros;nro;nimi" + b";" * 3_000_000 + b"\r\nk;1;a\r\n"
    assert "3 000 003 saraketta" in refusal(parse_bytes("speakers", data, "erottimet.csv",
                                                        resolver))


# ------------------------------------------------------------------- tolerated, bounded
def test_blank_rows_do_not_count_toward_the_row_limit(resolver):
    data = csv_bytes(VALID["speakers"]) + b";;;;\r\n" * 50
    result = parse_bytes("speakers", data, "tyhjät.csv", resolver, max_rows=2)
    assert result.ok and len(result.rows) == 2


def test_a_million_blank_csv_rows_are_still_bounded(resolver):
    data = csv_bytes(VALID["speakers"]) + b";;;;\r\n" * 1_100_000
    assert "tyhjät rivit mukaan lukien" in refusal(parse_bytes("speakers", data, "t.csv",
                                                               resolver))


def test_formatted_blank_rows_after_the_data_are_read_past(resolver):
    result = parse_bytes("speakers", blank_rows_xlsx(5_000), "muotoiltu.xlsx", resolver)
    assert result.ok and len(result.rows) == 2


def test_twenty_thousand_extra_columns_give_one_summarised_warning(resolver):
    result = parse_bytes("speakers", many_columns_csv(20_000), "leveä.csv", resolver)
    assert result.ok and len(result.rows) == 2
    (warning,) = result.warnings
    assert "20 000 ylimääräistä saraketta" in warning.message and "'x1'" in warning.message


def test_a_few_extra_columns_are_each_named(resolver):
    result = parse_bytes("speakers", many_columns_csv(2), "kaksi.csv", resolver)
    assert [w.column for w in result.warnings] == ["x1", "x2"]


# ------------------------------------------------------------- structure errors located
@pytest.mark.parametrize("data, row, column, fragment",
                         [pytest.param(*case[1:], id=case[0]) for case in STRUCTURE_ERRORS])
def test_a_csv_structure_error_names_the_excel_row_and_column(data, row, column, fragment,
                                                               resolver):
    result = parse_bytes("speakers", data, "rikki.csv", resolver)
    (problem,) = result.problems
    assert (problem.row, problem.column) == (row, column), problem
    assert fragment in problem.message and "odotettiin" in problem.message
    assert "ParserError" not in problem.message


# -------------------------------------------------------------------- wrong encodings
def test_a_mac_roman_csv_is_read_as_mac_roman_with_a_warning(resolver):
    rows = [list(r) for r in VALID["speakers"]]
    rows[1][0] = rows[2][0] = "kevät 2022"
    rows[1][4] = "Ähtärin kaupunki"
    result = parse_bytes("speakers", mac_roman_csv(rows), "mac.csv", resolver)
    assert result.ok, [format_problem(p) for p in result.problems]
    assert set(result.rows["round"]) == {"kevät 2022"}
    assert "Ähtärin kaupunki" in set(result.rows["organisation"])
    assert any("Mac" in w.message for w in result.warnings)


def test_one_stray_cp1252_byte_in_utf8_is_read_as_such_and_located(resolver):
    rows = [list(r) for r in VALID["speakers"]]
    rows[2][4] = "Ähtärin kaupunki"
    data = utf8_with_stray_byte(rows, row=3, column=3, char="ä")
    result = parse_bytes("speakers", data, "sekoitus.csv", resolver)
    assert result.ok
    assert "Ähtärin kaupunki" in set(result.rows["organisation"])  # not Ã„htÃ¤ri
    assert "kuntayhtymän johtajaä" in set(result.rows["title"])
    (warning,) = [w for w in result.warnings if "0xE4" in w.message]
    assert (warning.row, warning.column) == (3, "tehtävä")


# ---------------------------------------------------------------------- careless XLSX
def test_a_hidden_xlsx_row_is_imported_with_a_warning_on_that_row(resolver):
    result = parse_bytes("speakers", hidden_row_xlsx(), "piilo.xlsx", resolver)
    assert result.ok and len(result.rows) == 2
    assert [(w.row, "piilotettu" in w.message) for w in result.warnings] == [(3, True)]


# -------------------------------------------------------------------- message format
def test_warning_lines_are_marked_and_error_lines_parse_with_a_colon_in_a_column():
    from kumppanuus.ingest import Problem

    problem = Problem("f.csv", 4, "Kriteerit: viestii", "", "odotettiin lukua\nrivillä")
    error, warning = format_problem(problem), format_warning(problem)
    file, row, column, message = error.split(":", 3)
    assert (file, row, message) == ("f.csv", "4", " odotettiin lukua rivillä")
    assert column.startswith("Kriteerit") and "viestii" in column
    assert warning.split(":", 3)[3].startswith(" varoitus: ")
    assert not error.split(":", 3)[3].startswith(" varoitus")


def test_the_readme_states_the_limits_the_code_enforces():
    from kumppanuus.ingest import limits
    from tests.conftest import ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    for value in (limits.EXCEL_MAX_ROWS, limits.EXCEL_MAX_COLUMNS, limits.EXCEL_MAX_CELL_CHARS,
                  limits.MAX_COLUMNS, limits.MAX_CELLS):
        assert limits.fi_int(value) in readme, value
    assert f"inflate to {limits.UNCOMPRESSED_FACTOR} ×" in readme
