"""Mentimeter exports (built in code following the spec's layout) → scores rows."""

from __future__ import annotations

import functools
import io
from datetime import date

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kumppanuus.ingest import IngestResult, format_problem, parse_bytes
from kumppanuus.ingest.menti import MentiContext, is_menti_export
from kumppanuus.municipality_names import load_default_resolver
from kumppanuus.schema import CRITERIA
from tests.filefactory import Slide, csv_bytes, menti_bytes, seven_counts, xlsx_bytes, VALID

CONTEXT = {"round": "kevät 2021", "source": "pöytä 8", "municipality": "Lapua",
           "group": "osallistujat"}
COUNTS = [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [1, 1, 1, 1, 1], [0, 0, 5, 0, 0],
          [2, 0, 0, 0, 2], [0, 0, 0, 0, 9], [1, 2, 3, 2, 1]]


@pytest.fixture(scope="module")
def resolver():
    return load_default_resolver()


def run(resolver, sessions, context=CONTEXT) -> IngestResult:
    return parse_bytes("menti", menti_bytes(sessions), "menti.xlsx", resolver, menti=context)


def clean(result: IngestResult):
    assert result.problems == [], [format_problem(p) for p in result.problems]
    return result.rows


def expected_means(counts, scale):
    return [sum(v * c for v, c in zip(scale, row)) / sum(row) for row in counts]


def test_a_one_to_five_block_gives_seven_aggregate_rows_with_recomputed_means(resolver):
    rows = clean(run(resolver, [[Slide(type="multiple_choice"), Slide(counts=COUNTS)]]))
    assert rows["criterion"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert rows["mean"].tolist() == pytest.approx(expected_means(COUNTS, [1, 2, 3, 4, 5]))
    assert rows["n"].tolist() == [10, 10, 5, 5, 4, 9, 9]
    assert set(rows["scale_min"]) == {1.0} and set(rows["scale_max"]) == {5.0}
    assert rows["score"].isna().all()
    first = rows.iloc[0]
    assert (first["round"], first["source"], first["municipality"], first["respondent_group"],
            first["date"]) == ("kevät 2021", "pöytä 8", "408", "participants", date(2021, 1, 26))


def test_a_zero_to_five_block_keeps_its_scale(resolver):
    counts = [[1, *c] for c in COUNTS]
    rows = clean(run(resolver, [[Slide(counts=counts, scale=(0, 1, 2, 3, 4, 5))]]))
    assert set(rows["scale_min"]) == {0.0} and set(rows["scale_max"]) == {5.0}
    assert rows["mean"].tolist() == pytest.approx(expected_means(counts, range(6)))


def test_scale_headers_written_as_floats_are_read_as_the_scale(resolver):
    rows = clean(run(resolver, [[Slide(counts=COUNTS, scale=("1.0", "2.0", "3.0", "4.0", 5.0))]]))
    assert rows["mean"].tolist() == pytest.approx(expected_means(COUNTS, [1, 2, 3, 4, 5]))


def test_skipped_answers_fewer_votes_than_respondents_are_fine(resolver):
    result = run(resolver, [[Slide(counts=COUNTS, respondents=12)]])
    assert len(clean(result)) == 7 and result.warnings == []


def test_statements_with_extra_spaces_case_and_punctuation_still_match_by_text(resolver):
    texts = [f"  {i}. {t.upper()}  !" if i % 2 else f"{t}   ." for i, t in enumerate(CRITERIA, 1)]
    result = run(resolver, [[Slide(statements=texts, counts=COUNTS)]])
    assert len(clean(result)) == 7 and result.warnings == []


def test_statements_in_another_order_map_to_their_own_criteria(resolver):
    order = [6, 5, 4, 3, 2, 1, 0]
    slide = Slide(statements=[CRITERIA[i] for i in order], counts=[COUNTS[i] for i in order])
    rows = clean(run(resolver, [[slide]]))
    assert rows.set_index("criterion")["n"].to_dict() == {i + 1: sum(c) for i, c in
                                                          enumerate(COUNTS)}


def test_seven_unrecognised_statements_map_by_order_with_a_warning(resolver):
    result = run(resolver, [[Slide(statements=[f"väite {i}" for i in range(7)], counts=COUNTS)]])
    assert clean(result)["criterion"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert "järjestyksessä" in result.warnings[0].message


def test_a_block_with_no_votes_is_skipped_and_the_other_session_is_used(resolver):
    result = run(resolver, [[Slide(no_votes=True)], [Slide(counts=COUNTS)]])
    assert len(clean(result)) == 7
    (warning,) = result.warnings
    assert "No votes" in warning.message and warning.column.startswith("Session 1")


def test_a_file_with_only_unvoted_blocks_is_a_problem(resolver):
    result = run(resolver, [[Slide(no_votes=True)]])
    assert not result.ok and "seitsemän kriteeriä" in result.problems[0].message


def test_two_sessions_are_added_up_count_by_count(resolver):
    rows = clean(run(resolver, [[Slide(counts=COUNTS)], [Slide(counts=seven_counts())]]))
    added = [[a + b for a, b in zip(x, y)] for x, y in zip(COUNTS, seven_counts())]
    assert rows["n"].tolist() == [sum(c) for c in added]
    assert rows["mean"].tolist() == pytest.approx(expected_means(added, [1, 2, 3, 4, 5]))


def test_a_statement_nobody_answered_gives_no_row_and_a_warning(resolver):
    counts = [list(c) for c in COUNTS]
    counts[2] = [0, 0, 0, 0, 0]
    result = run(resolver, [[Slide(counts=counts)]])
    assert 3 not in clean(result)["criterion"].tolist()
    assert "kriteereille 3" in result.warnings[0].message


def test_averages_that_disagree_with_the_counts_are_a_problem_at_the_statement_row(resolver):
    averages = [round(m, 1) for m in expected_means(COUNTS, [1, 2, 3, 4, 5])]
    averages[6] = 4.4  # should be 3.0
    result = run(resolver, [[Slide(counts=COUNTS, averages=averages)]])
    assert result.rows.empty and len(result.problems) == 1
    problem = result.problems[0]
    # Question row 1, five meta rows, Choices header on 7, statements on rows 8–14
    assert (problem.row, problem.column) == (14, "Session 1 / Weighted average")
    assert "3.00" in problem.message and "odotettiin" in problem.message


def test_rounded_averages_within_the_tolerance_are_not_a_contradiction(resolver):
    averages = [round(m, 2) for m in expected_means(COUNTS, [1, 2, 3, 4, 5])]
    assert len(clean(run(resolver, [[Slide(counts=COUNTS, averages=averages)]]))) == 7


def test_more_votes_than_respondents_is_a_problem(resolver):
    result = run(resolver, [[Slide(counts=COUNTS, respondents=6)]])
    assert not result.ok
    assert {p.column for p in result.problems} == {"Session 1 / Respondents"}
    assert "vastaajia vain 6" in result.problems[0].message


def test_a_count_that_is_not_a_number_is_a_problem(resolver):
    counts = [list(c) for c in COUNTS]
    counts[0][1] = "paljon"
    result = run(resolver, [[Slide(counts=counts, averages=[""] * 7, respondents=20)]])
    assert [p.row for p in result.problems] == [8]


@pytest.mark.parametrize("data", [
    pytest.param(xlsx_bytes([["kierros", "nro"], ["k", 1]]), id="ordinary-workbook"),
    pytest.param(csv_bytes(VALID["scores"]), id="csv-file"),
    pytest.param(b"PK\x03\x04not really a zip", id="broken-zip"),
    pytest.param(b"", id="empty"),
])
def test_a_file_that_is_no_menti_export_is_a_clear_finnish_error(data, resolver):
    result = parse_bytes("menti", data, "x.xlsx", resolver, menti=CONTEXT)
    assert result.unreadable and result.rows.empty
    (problem,) = result.problems
    assert problem.row == 0 and "odotettiin" in problem.message
    assert "odottamaton" not in problem.message


def test_a_workbook_without_a_criteria_block_is_a_problem(resolver):
    slide = Slide(statements=["yksi", "kaksi"], counts=COUNTS[:2])
    result = run(resolver, [[slide]])
    assert not result.ok and "Type = scales" in result.problems[0].message


@pytest.mark.parametrize("field, value, column, fragment", [
    ("municipality", "Seinäjoi", "kunta", "tarkoititko 'Seinäjoki'?"),
    ("group", "kaikki", "vastaajaryhmä", "osallistujat"),
    ("date", "1/2/2021", "päivämäärä", "monitulkintainen"),
    ("round", "", "kierros", "pakollinen"),
])
def test_the_users_own_fields_are_checked_once_on_row_zero(field, value, column, fragment,
                                                           resolver):
    result = run(resolver, [[Slide(counts=COUNTS)]], context={**CONTEXT, field: value})
    (problem,) = result.problems
    assert (problem.row, problem.column) == (0, column) and fragment in problem.message


def test_a_given_date_wins_over_the_slide_date(resolver):
    context = MentiContext("kevät 2021", "pöytä 8", "408", "managers", date(2021, 3, 18))
    rows = clean(run(resolver, [[Slide(counts=COUNTS)]], context=context))
    assert set(rows["date"]) == {date(2021, 3, 18)} and set(rows["respondent_group"]) == {
        "managers"}


def test_a_merged_municipality_given_by_the_user_maps_with_a_warning(resolver):
    result = run(resolver, [[Slide(counts=COUNTS)]], context={**CONTEXT, "municipality": "Nurmo"})
    assert set(clean(result)["municipality"]) == {"743"}
    assert any("Nurmo" in w.message for w in result.warnings)


def test_menti_without_the_users_fields_is_refused(resolver):
    result = parse_bytes("menti", menti_bytes([[Slide(counts=COUNTS)]]), "m.xlsx", resolver)
    assert result.unreadable and "kierros" in result.problems[0].message


def test_is_menti_export_tells_an_export_from_other_files():
    assert is_menti_export(menti_bytes([[Slide(counts=COUNTS)]]))
    assert not is_menti_export(xlsx_bytes([["a"], ["b"]]))
    assert not is_menti_export(b"kierros;nro\n")


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_as_menti_give_problems_never_an_exception(data, resolver):
    result = parse_bytes("menti", data, "m.xlsx", resolver, menti=CONTEXT)
    assert result.problems and not any("odottamaton" in p.message for p in result.problems)


CELLS = st.one_of(st.none(), st.integers(-3, 12), st.floats(0, 6, allow_nan=False),
                  st.sampled_from(["", "Choices", "Type", "scales", "No votes for this session",
                                   "Question 2", "Respondents", CRITERIA[0], "x"]))


@functools.cache
def one_slide_export() -> bytes:
    """The export the noise is appended to: built once, not once per example (a third of an
    example's CPU); each example still loads it, appends its rows and saves it anew."""
    return menti_bytes([[Slide(counts=COUNTS)]])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(noise=st.lists(st.lists(CELLS, min_size=1, max_size=8), max_size=12))
def test_a_session_sheet_with_arbitrary_rows_gives_rows_or_problems(noise, resolver):
    workbook = openpyxl.load_workbook(io.BytesIO(one_slide_export()))
    for row in noise:
        workbook["Session 1"].append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = parse_bytes("menti", buffer.getvalue(), "m.xlsx", resolver, menti=CONTEXT)
    assert result.ok or result.problems
    assert not any("odottamaton" in p.message for p in result.problems)


@pytest.mark.parametrize("counts, total, n", [
    pytest.param([0, 0, 1, 2, 0], 11.0, 3, id="mean-11/3"),
    pytest.param([0, 0, 0, 6, 1], 29.0, 7, id="mean-29/7-where-mean-times-n-is-off"),
])
def test_a_menti_row_stores_the_exact_sum_of_value_times_count(counts, total, n, store):
    from kumppanuus.ingest import pipeline

    data = menti_bytes([[Slide(statements=CRITERIA[:1], counts=[counts])]])
    checked = pipeline.check_bytes("menti", data, "menti.xlsx", store, menti_meta=CONTEXT)
    assert checked.problems == [], checked.problem_lines()
    (row,) = pipeline.db_rows(checked).to_dict("records")
    assert (row["score_sum"], row["n"]) == (total, n)
    pipeline.write(store, checked, user="test")
    stored = store.frame("scores").query("source == 'pöytä 8'")
    assert stored[["score_sum", "n"]].values.tolist() == [[total, n]]
