"""The kind declarations agree with the published spec; the pandera models catch what they own."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest

from kumppanuus.config import DATA_DIR, REPO_ROOT
from kumppanuus.errors import UnknownKind
from kumppanuus.schema import (CRITERIA, EXTENSION_KINDS, KINDS, ROW_CHECKS, ScoresModel,
                               criterion_number, guess_kind, kind_spec, normalise_header)
from tests.filefactory import VALID

SPEC = REPO_ROOT.parent / "shared" / "spec" / "data-formats.md"


def spec_tables(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """kind → [(column with *, Finnish header, required cell)] from the spec's markdown tables."""
    tables: dict[str, list[tuple[str, str, str]]] = {}
    kind = None
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### (\w+)", line)
        if heading:
            kind = heading.group(1)
        elif kind in KINDS and line.startswith("| ") and not line.startswith(("| column", "| ---")):
            cells = [c.strip() for c in line.strip("|").split("|")]
            tables.setdefault(kind, []).append((cells[0], cells[1], cells[3]))
    return tables


@pytest.fixture(scope="module")
def published():
    if not SPEC.exists():
        pytest.skip("shared/spec/data-formats.md is not next to the repository")
    return spec_tables(SPEC)


PUBLISHED = [k for k in KINDS if k not in EXTENSION_KINDS]


@pytest.mark.parametrize("kind", PUBLISHED)
def test_each_kind_has_the_published_columns_finnish_headers_and_keys(kind, published):
    rows = published[kind]
    assert [c.name for c in KINDS[kind].columns] == [r[0].rstrip("*") for r in rows]
    assert [c.header_fi for c in KINDS[kind].columns] == [r[1] for r in rows]
    assert set(KINDS[kind].key) - {"respondent"} == {r[0].rstrip("*") for r in rows
                                                     if r[0].endswith("*")}


@pytest.mark.parametrize("kind", PUBLISHED)
def test_required_columns_are_the_ones_the_spec_marks_yes(kind, published):
    marked = {r[0].rstrip("*") for r in published[kind] if r[2].startswith("yes")}
    assert {c.name for c in KINDS[kind].columns if c.required} == marked


def test_defaults_are_the_published_ones():
    defaults = {(k, c.name): c.default for k, s in KINDS.items() for c in s.columns
                if c.default is not None}
    assert defaults == {("tables", "format"): "online", ("contacts", "role"): "liaison",
                        ("contacts", "status"): "active", ("scores", "scale_min"): 1.0,
                        ("scores", "scale_max"): 5.0, ("actions", "status"): "proposed",
                        ("organisations", "type"): "other", ("organisations", "role"): "partner"}


def test_the_seven_criteria_are_those_of_the_seed_file():
    seed = pd.read_csv(DATA_DIR / "criteria.csv", dtype=str)
    assert tuple(seed["text_fi"]) == CRITERIA and list(seed["no"]) == list("1234567")


@pytest.mark.parametrize("written, number", [
    ("maksaa järjestöavustuksia", 5), ("  MAKSAA   järjestöavustuksia. ", 5),
    ("Viestii järjestötoiminnasta asukkaille!", 7), ("jotain muuta", None),
])
def test_criteria_match_by_text_ignoring_case_spacing_and_punctuation(written, number):
    assert criterion_number(written) == number


@pytest.mark.parametrize("written", ["Kierros", " kierros ", "KIERROS", "round"])
def test_headers_match_case_insensitively_without_surrounding_spaces(written):
    assert KINDS["tables"].header_lookup()[normalise_header(written)] == "round"


def test_finnish_headers_with_spaces_instead_of_underscores_are_accepted():
    assert KINDS["tables"].header_lookup()[normalise_header("Paikan päällä")] == "onsite"


@pytest.mark.parametrize("kind", list(VALID))
def test_the_kind_is_guessed_from_the_headers_of_its_file(kind):
    assert guess_kind(VALID[kind][0]) == kind


def test_a_full_tables_header_is_not_mistaken_for_speakers():
    assert guess_kind([c.name for c in KINDS["tables"].columns]) == "tables"


@pytest.mark.parametrize("headers", [[], ["a", "b"], ["kierros", "nro"]])
def test_headers_of_no_kind_guess_nothing(headers):
    assert guess_kind(headers) is None


def test_an_unknown_kind_is_a_named_error_listing_the_kinds():
    with pytest.raises(UnknownKind, match="odotettiin jotakin näistä: tables, contacts"):
        kind_spec("alustajat")


def test_every_row_check_of_the_scores_model_has_a_finnish_message():
    checks = {check.name for check in ScoresModel.checks}
    assert checks == set(ROW_CHECKS)
    assert all("odotettiin" in message for _, message in ROW_CHECKS.values())


def test_the_scores_model_reports_every_failure_at_once_with_lazy_validation():
    frame = pd.DataFrame({
        "round": ["k", "k"], "source": ["s", "s"], "date": pd.to_datetime(["2021-01-01"] * 2),
        "municipality": ["408", "408"], "respondent_group": ["participants", "managers"],
        "criterion": pd.array([1, 9], dtype="Int64"), "score": [7.0, float("nan")],
        "mean": [float("nan"), 3.0], "n": pd.array([None, 0], dtype="Int64"),
        "scale_min": [1.0, 1.0], "scale_max": [5.0, 5.0], "respondent": ["a", None],
    }, index=[2, 3])
    with pytest.raises(pa.errors.SchemaErrors) as caught:
        ScoresModel.validate(frame, lazy=True)
    cases = caught.value.failure_cases
    failed = set(zip(cases["check"], cases["index"]))
    assert {("score_in_scale", 2), ("greater_than_or_equal_to(1)", 3)} <= failed
    assert any(c.startswith("in_range") and i == 3 for c, i in failed)
