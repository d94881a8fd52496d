"""bytes → rows + problems: every accepted variant, every refused file, and the never-raise rule."""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.filefactory import (BAD_CELLS, BAD_FILES, VALID, csv_bytes, rows_of, with_column,
                               without_column, xlsx_bytes)
from kumppanuus import config
from kumppanuus.errors import FileTooLarge, UnknownKind, UnreadableFile
from kumppanuus.ingest import (IngestResult, Problem, format_problem, parse, parse_bytes,
                               read_table)
from kumppanuus.municipality_names import load_default_resolver

LINE_RE = re.compile(r"^[^:]+:\d+:[^:]*: \S.*$")


@pytest.fixture(scope="module")
def resolver():
    return load_default_resolver()


def run(kind, rows, resolver, **csv_options) -> IngestResult:
    return parse_bytes(kind, csv_bytes(rows, **csv_options), "f.csv", resolver)


def assert_problem(result: IngestResult, row: int, column: str, *fragments: str) -> Problem:
    """Pin the shape of an error: one problem at (row, column), Finnish, saying what was expected
    ("odotettiin"), rendered as a FILE:ROW:COLUMN line; nothing was accepted from that row."""
    found = [p for p in result.problems if (p.row, p.column) == (row, column)]
    got = [format_problem(p) for p in result.problems]
    assert found, f"no problem at {row}:{column}; got {got}"
    problem = found[0]
    assert problem.file == result.file
    assert "odotettiin" in problem.message
    for fragment in fragments:
        assert fragment in problem.message, problem.message
    assert LINE_RE.match(format_problem(problem)), format_problem(problem)
    assert row not in set(result.rows.index)
    assert not result.ok
    return problem


def assert_clean(result: IngestResult) -> pd.DataFrame:
    assert result.problems == [], [format_problem(p) for p in result.problems]
    return result.rows


# ------------------------------------------------------------------ accepted variants
EXPECTED_TABLES = [("kevät 2021", 1, date(2021, 1, 27), "Evijärvi-Kauhava", "052,233", 58,
                    "hybrid"),
                   ("kevät 2021", 2, date(2021, 2, 17), "Alavus", "010", 35, "online")]
TABLE_COLUMNS = ["round", "table_no", "date", "name", "municipalities", "participants", "format"]


def table_tuples(rows: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in rows[TABLE_COLUMNS].astype(object).itertuples(index=False)]


@pytest.mark.parametrize("options", [
    pytest.param({}, id="utf8-semicolon-crlf"),
    pytest.param({"bom": True}, id="utf8-bom"),
    pytest.param({"encoding": "cp1252"}, id="cp1252-finnish-windows-csv"),
    pytest.param({"encoding": "utf-16-le", "bom": True, "delimiter": "\t"}, id="utf16le-tab"),
    pytest.param({"encoding": "utf-16-be", "bom": True, "delimiter": "\t"}, id="utf16be-tab"),
    pytest.param({"delimiter": ","}, id="comma"),
    pytest.param({"delimiter": "\t"}, id="tab"),
    pytest.param({"newline": "\n"}, id="lf-line-ends"),
])
def test_every_encoding_and_delimiter_excel_writes_gives_the_same_rows(options, resolver):
    result = run("tables", VALID["tables"], resolver, **options)
    assert table_tuples(assert_clean(result)) == EXPECTED_TABLES


def test_an_excel_sep_hint_line_sets_the_delimiter_and_is_not_a_row(resolver):
    data = b"sep=;\r\n" + csv_bytes(VALID["tables"])
    result = parse_bytes("tables", data, "f.csv", resolver)
    assert table_tuples(assert_clean(result)) == EXPECTED_TABLES
    assert list(result.rows.index) == [2, 3]


def test_an_xlsx_first_sheet_with_typed_cells_gives_the_same_rows(resolver):
    rows = [VALID["tables"][0],
            ["kevät 2021", 1, datetime(2021, 1, 27), "Evijärvi-Kauhava", "052,233", 58.0,
             "hybridi"],
            ["kevät 2021", 2.0, date(2021, 2, 17), "Alavus", 10, 35, "verkko"]]
    result = parse_bytes("tables", xlsx_bytes(rows, extra_sheets=["Muu"]), "f.dat", resolver)
    assert table_tuples(assert_clean(result)) == EXPECTED_TABLES


def test_an_xlsx_table_below_empty_rows_keeps_the_sheet_row_numbers(resolver):
    rows = [[], [], *rows_of("tables", osallistujia="-3")]
    result = parse_bytes("tables", xlsx_bytes(rows), "f.xlsx", resolver)
    assert_problem(result, 4, "osallistujia", "'-3'")


@pytest.mark.parametrize("written, expected", [
    ("3,5", 3.5), ("3.5", 3.5), ("4", 4.0), ("2,75", 2.75), ("−1,5", None),
])
def test_decimal_comma_and_point_both_give_numbers(written, expected, resolver):
    result = run("scores", rows_of("scores", keskiarvo=written), resolver)
    if expected is None:
        assert_problem(result, 2, "keskiarvo", "väliltä 1–5")
    else:
        assert assert_clean(result).loc[2, "mean"] == expected


@pytest.mark.parametrize("written", ["1 234", "1\u00a0234", "1\u202f234", "1234"])
def test_thousands_grouped_with_any_kind_of_space_give_one_integer(written, resolver):
    result = run("tables", rows_of("tables", osallistujia=written), resolver)
    assert assert_clean(result).loc[2, "participants"] == 1234


@pytest.mark.parametrize("written", ["27.1.2021", "27.01.2021", "2021-01-27",
                                     "2021-01-27 00:00:00"])
def test_the_three_date_forms_give_the_same_date(written, resolver):
    result = run("tables", rows_of("tables", päivämäärä=written), resolver)
    assert assert_clean(result).loc[2, "date"] == date(2021, 1, 27)


@pytest.mark.parametrize("written, code", [
    ("5", "005"), ("05", "005"), ("005", "005"), ("52", "052"), ("Alajärvi", "005"),
    ("SEINÄJOKI", "743"), ("  seinäjoki ", "743"), ("Storkyro", "152"), ("Ilmola", "145"),
    ("Östermark", "846"), ("etseri", "989"),
])
def test_municipality_by_code_with_lost_zeros_or_by_finnish_or_swedish_name(written, code,
                                                                          resolver):
    result = run("contacts", rows_of("contacts", kunta=written), resolver)
    assert assert_clean(result).loc[2, "municipality"] == code
    assert result.warnings == []


@pytest.mark.parametrize("written, code, former", [
    ("Jalasjärvi", "301", "Jalasjärvi"), ("nurmo", "743", "Nurmo"), ("164", "301", "Jalasjärvi"),
    ("Töysä", "010", "Töysä"), ("4", "233", "Alahärmä"),
])
def test_a_former_municipality_maps_to_the_one_it_joined_with_a_warning(written, code, former,
                                                                      resolver):
    result = run("contacts", rows_of("contacts", kunta=written), resolver)
    assert assert_clean(result).loc[2, "municipality"] == code
    (warning,) = result.warnings
    assert (warning.row, warning.column) == (2, "kunta")
    assert former in warning.message and code in warning.message


def test_the_municipalities_of_a_table_keep_the_files_order_as_codes(resolver):
    result = run("tables", rows_of("tables", kunnat="Kauhava, 52 ,Jalasjärvi"), resolver)
    assert assert_clean(result).loc[2, "municipalities"] == "233,052,301"
    assert "Jalasjärvi" in result.warnings[0].message


@pytest.mark.parametrize("kind, header, written, column, stored", [
    ("tables", "muoto", "Verkko", "format", "online"),
    ("tables", "muoto", "paikan  päällä", "format", "onsite"),
    ("tables", "muoto", "HYBRIDI", "format", "hybrid"),
    ("tables", "muoto", "", "format", "online"),
    ("contacts", "rooli", "Leader-kyläkehittäjä", "role", "leader"),
    ("contacts", "rooli", "järjestäjä", "role", "organiser"),
    ("contacts", "rooli", "", "role", "liaison"),
    ("contacts", "tila", "vaihtumassa", "status", "changing"),
    ("contacts", "tila", "Entinen", "status", "former"),
    ("contacts", "tila", "", "status", "active"),
    ("scores", "vastaajaryhmä", "kuntajohtajat", "respondent_group", "managers"),
    ("scores", "vastaajaryhmä", "participants", "respondent_group", "participants"),
    ("feedback", "kysymys", "Sisältö", "question", "content"),
    ("feedback", "kysymys", "mistä kuulit?", "question", "heard_via"),
    ("feedback", "kysymys", "Tulisitko uudelleen?", "question", "Tulisitko uudelleen?"),
    ("scores", "kriteeri", "Maksaa järjestöavustuksia.", "criterion", 5),
    ("scores", "kriteeri", "7", "criterion", 7),
])
def test_finnish_synonyms_and_defaults_become_canonical_values(kind, header, written, column,
                                                              stored, resolver):
    result = run(kind, rows_of(kind, **{header: written}), resolver)
    assert assert_clean(result).loc[2, column] == stored


def test_scores_get_the_default_scale_one_to_five(resolver):
    rows = assert_clean(run("scores", VALID["scores"], resolver))
    assert (rows["scale_min"] == 1.0).all() and (rows["scale_max"] == 5.0).all()
    assert rows["mean"].tolist() == [3.5, 2.75] and rows["n"].tolist() == [12, 12]


@pytest.mark.parametrize("headers", [
    ["round", "table_no", "date", "name", "municipalities", "participants", "format"],
    [" KIERROS ", "Nro", "PÄIVÄMÄÄRÄ", "Nimi ", "kunnat", "osallistujia", "muoto"],
])
def test_canonical_english_and_finnish_headers_in_any_case_are_accepted(headers, resolver):
    result = run("tables", [headers, *VALID["tables"][1:]], resolver)
    assert table_tuples(assert_clean(result)) == EXPECTED_TABLES


def test_an_extra_column_is_ignored_with_a_warning_not_stored(resolver):
    result = run("tables", with_column(VALID["tables"], "Lisätieto", ["x", "y"]), resolver)
    assert "Lisätieto" not in assert_clean(result).columns
    (warning,) = result.warnings
    assert (warning.row, warning.column) == (1, "Lisätieto") and "ohitetaan" in warning.message


def test_the_result_lists_the_canonical_columns_the_file_had(resolver):
    result = run("contacts", without_column(VALID["contacts"], "sähköposti"), resolver)
    assert result.present == ("municipality", "name", "role", "organisation", "phone", "status")


def test_rows_are_typed_and_indexed_by_the_excel_row_number(resolver):
    rows = assert_clean(run("tables", VALID["tables"], resolver))
    assert list(rows.index) == [2, 3]
    assert str(rows["table_no"].dtype) == "Int64" and isinstance(rows.loc[2, "date"], date)


def test_an_empty_line_in_the_middle_keeps_the_row_numbers_excel_shows(resolver):
    rows = [*VALID["tables"][:2], [""] * 7, rows_of("tables", osallistujia="x")[1]]
    rows[3][1] = "3"
    result = run("tables", rows, resolver)
    assert_problem(result, 4, "osallistujia", "'x'")


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1 lisää", "-hanke", "@kaikki"])
def test_formula_looking_text_is_kept_as_text_with_a_warning(text, resolver):
    result = run("speakers", rows_of("speakers", tehtävä=text), resolver)
    assert assert_clean(result).loc[2, "title"] == text
    (warning,) = result.warnings
    assert (warning.row, warning.column) == (2, "tehtävä") and "kaavalta" in warning.message


def test_a_phone_number_starting_with_plus_is_not_a_formula(resolver):
    result = run("contacts", VALID["contacts"], resolver)
    assert assert_clean(result).loc[2, "phone"] == "+358 40 123 4567"
    assert result.warnings == []


def test_the_seed_files_of_the_spring_2021_round_parse_cleanly(resolver):
    for kind in ("tables", "contacts", "speakers"):
        data = (config.DATA_DIR / f"{kind}.csv").read_bytes()
        assert len(assert_clean(parse_bytes(kind, data, f"{kind}.csv", resolver))) > 10


# ------------------------------------------------------------------ refused cells and rows
@pytest.mark.parametrize("kind, rows, row, column, fragments",
                         [pytest.param(*case[1:], id=case[0]) for case in BAD_CELLS])
def test_a_bad_cell_is_a_problem_at_its_excel_row_and_written_column(kind, rows, row, column,
                                                                     fragments, resolver):
    assert_problem(run(kind, rows, resolver), row, column, *fragments)


def test_every_problem_in_a_file_is_reported_at_once(resolver):
    rows = rows_of("tables", osallistujia="-3", päivämäärä="31.2.2021", kunnat="Seinäjoi")
    result = run("tables", rows, resolver)
    assert [(p.row, p.column) for p in result.problems] == [
        (2, "päivämäärä"), (2, "kunnat"), (2, "osallistujia")]
    assert list(result.rows.index) == [3]


# ------------------------------------------------------------------ refused files
@pytest.mark.parametrize("data, fragment", [pytest.param(*c[1:], id=c[0]) for c in BAD_FILES])
def test_a_file_that_is_no_table_is_refused_with_one_finnish_file_level_problem(data, fragment,
                                                                                resolver):
    result = parse_bytes("speakers", data, "bad.csv", resolver)
    assert result.unreadable and result.rows.empty and not result.ok
    (problem,) = result.problems
    assert (problem.row, problem.column) == (0, "")
    assert fragment in problem.message and "odottamaton" not in problem.message
    assert format_problem(problem).startswith("bad.csv:0:: ")


@pytest.mark.parametrize("rows, fragment", [
    pytest.param([["kierros", "nro", "nimi"]], "vain otsikkorivi", id="xlsx-header-only"),
    pytest.param([], "tyhjä", id="xlsx-empty-sheet"),
])
def test_an_xlsx_without_data_rows_is_refused(rows, fragment, resolver):
    result = parse_bytes("speakers", xlsx_bytes(rows), "t.xlsx", resolver)
    assert result.unreadable and fragment in result.problems[0].message


def test_a_file_over_the_size_limit_is_refused_before_reading():
    with pytest.raises(FileTooLarge, match="liian suuri"):
        read_table(csv_bytes(VALID["tables"]), "f.csv", max_bytes=100)


def test_the_row_limit_is_a_parameter(resolver):
    result = parse_bytes("tables", csv_bytes(VALID["tables"]), "f.csv", resolver, max_rows=1)
    assert result.unreadable and "yli 1 tietoriviä" in result.problems[0].message


def test_parse_raises_only_named_errors_for_unreadable_bytes(resolver):
    with pytest.raises(UnreadableFile, match="tyhjä"):
        parse("tables", b"", "f.csv", resolver)
    with pytest.raises(UnknownKind, match="odotettiin jotakin näistä: tables"):
        parse("pöydät", b"a", "f.csv", resolver)


def test_an_unknown_kind_is_a_problem_from_parse_bytes(resolver):
    result = parse_bytes("pöydät", b"a;b\n1;2\n", "f.csv", resolver)
    assert result.unreadable and "tuntematon tiedostolaji 'pöydät'" in result.problems[0].message


def test_parse_accepts_a_frame_read_elsewhere_and_numbers_its_rows_from_two(resolver):
    frame = pd.DataFrame(VALID["speakers"][1:], columns=VALID["speakers"][0])
    frame.loc[1, "nro"] = "x"
    assert_problem(parse("speakers", frame, "f.csv", resolver), 3, "nro", "kokonaislukua")


def test_format_problem_is_the_cli_stderr_line():
    message = "odotettiin kokonaislukua ≥ 0, saatiin '-3'"
    problem = Problem("t.csv", 4, "osallistujia", "-3", message)
    assert format_problem(problem) == (
        "t.csv:4:osallistujia: odotettiin kokonaislukua ≥ 0, saatiin '-3'")


def test_the_problems_frame_has_one_row_per_problem(resolver):
    result = run("tables", rows_of("tables", osallistujia="-3", nro="x"), resolver)
    frame = result.problems_frame()
    assert list(frame.columns) == ["file", "row", "column", "value", "message"]
    assert frame[["row", "column", "value"]].values.tolist() == [[2, "nro", "x"],
                                                                 [2, "osallistujia", "-3"]]


# ------------------------------------------------------------------ never raises
def _never_raises(kind, data, resolver):
    result = parse_bytes(kind, data, "h.csv", resolver)
    assert isinstance(result, IngestResult)
    assert result.ok or result.problems
    assert not any("odottamaton" in p.message for p in result.problems), result.problems
    assert set(result.rows.columns) >= {"round"} or kind == "contacts"


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), kind=st.sampled_from(list(VALID)))
def test_arbitrary_bytes_give_rows_or_problems_never_an_exception(data, kind, resolver):
    _never_raises(kind, data, resolver)


CELL = st.one_of(
    st.sampled_from(["", "1", "-3", "3,5", "1 234", "27.1.2021", "31.2.2021", "1/2/2021", "5",
                     "Lapua", "Jalasjärvi", "Seinäjoi", "verkko", "osallistujat", "=1+1", '"',
                     "kevät 2021", "a;b", "x,y", "\n"]),
    st.text(max_size=8),
)
HEADERS = [h for rows in VALID.values() for h in rows[0]] + ["arvo", "asteikko_max", "muu"]


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(list(VALID)),
       headers=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=9),
       cells=st.lists(st.lists(CELL, min_size=1, max_size=9), max_size=6),
       delimiter=st.sampled_from([";", ",", "\t"]))
def test_small_arbitrary_tables_give_rows_or_problems_never_an_exception(kind, headers, cells,
                                                                        delimiter, resolver):
    _never_raises(kind, csv_bytes([headers, *cells], delimiter=delimiter), resolver)
