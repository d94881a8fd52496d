"""What ingest hands back: `Problem` rows and the `IngestResult` of one file."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pandas as pd

from kumppanuus.schema import KINDS, kind_spec


@dataclass(frozen=True)
class Problem:
    """One problem: `row` as Excel numbers it (header = 1, whole file = 0), `column` as written."""

    file: str
    row: int
    column: str
    value: str
    message: str


@dataclass
class IngestResult:
    """What parsing one file gave. Write `rows` only when `ok`."""

    kind: str
    file: str
    rows: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unreadable: bool = False
    #: Canonical columns the file had; an update of an existing row should change only these.
    present: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there is nothing to fix (warnings do not block an import)."""
        return not self.problems

    def problems_frame(self) -> pd.DataFrame:
        """Problems as a table (file, row, column, value, message) for the upload page."""
        return _frame(self.problems)

    def warnings_frame(self) -> pd.DataFrame:
        """Warnings as a table with the same columns as `problems_frame`."""
        return _frame(self.warnings)


def _frame(items: list[Problem]) -> pd.DataFrame:
    columns = ["file", "row", "column", "value", "message"]
    return pd.DataFrame([vars(p) for p in items], columns=columns)


#: The marker that tells a warning line from an error line (compilers' `file:line: warning:`).
WARNING_MARK = "varoitus"


def format_problem(p: Problem) -> str:
    """The command line's stderr line for an error: ``FILE:ROW:COLUMN: message``.

    One line, always parseable: line breaks become spaces, and a ":" inside the column name is
    written as "꞉" (U+A789, a colon-like letter), so the first ": " after ROW ends COLUMN even for
    a Mentimeter column such as "Kriteerit: mahdollistaa …".
    """
    return f"{_field(p.file)}:{p.row}:{_column(p.column)}: {_field(p.message)}"


def format_warning(p: Problem) -> str:
    """A warning line: ``FILE:ROW:COLUMN: varoitus: message`` — an error line never starts its
    message with the marker, so a reader of the spec's error lines can skip these."""
    return f"{_field(p.file)}:{p.row}:{_column(p.column)}: {WARNING_MARK}: {_field(p.message)}"


def _field(text: str) -> str:
    return " ".join(str(text).split())


def _column(text: str) -> str:
    return _field(text).replace(":", "\ua789")


def unreadable_result(kind: str, filename: str, message: str, *, row: int = 0,
                      column: str = "") -> IngestResult:
    """An IngestResult for a file that could not be read at all: one problem, on the row and
    column the reader named, else on row 0 (the whole file)."""
    problem = Problem(filename, row, column, "", message)
    return IngestResult(kind, filename, empty_rows(kind), [problem], [], unreadable=True)


def empty_rows(kind: str) -> pd.DataFrame:
    """A canonical frame of `kind` with no rows (a copy of one built once per kind: building
    it cost a millisecond, more than refusing most unreadable files)."""
    kind = "scores" if kind == "menti" else kind
    return _empty_template(kind if kind in KINDS else "").copy()


@functools.cache
def _empty_template(kind: str) -> pd.DataFrame:
    names = kind_spec(kind).names if kind else []
    return pd.DataFrame(columns=names, index=pd.RangeIndex(0, name="row"))
