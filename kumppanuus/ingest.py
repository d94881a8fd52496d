"""Bytes → DataFrame of strings → validated canonical rows plus every problem found.

The public entry point of the ingest layer, free of Streamlit and of the database. The steps live
in their own modules and are re-exported here:

* `kumppanuus.reading` — `read_table(data, filename)` turns an uploaded file (CSV in the
  encodings and delimiters Excel and LibreOffice write on Finnish Windows, or XLSX) into a
  DataFrame of strings whose index is the row number the user sees in Excel. It raises
  `UnreadableFile` / `FileTooLarge` for files that are not a table at all.
* `kumppanuus.cells` — the cell converters (numbers, dates, municipalities, enums, criteria).
* `kumppanuus.validation` — maps the headers, converts each column, runs the kind's pandera
  model with ``lazy=True`` and checks duplicate keys. Bad input is data: `Problem` rows.
* `kumppanuus.results` — `Problem`, `IngestResult` and their helpers.

`parse(kind, source, filename, resolver)` runs the steps on bytes or on a frame.

Contract: `parse_bytes` NEVER raises (apart from KeyboardInterrupt and the like). Whatever the
bytes, it returns an `IngestResult`; a file that cannot be read at all has `unreadable=True` and
one problem on row 0. `rows` holds only the rows without problems, so a caller must write nothing
unless `result.ok`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from kumppanuus import config
from kumppanuus.cells import CONVERTERS, DTYPES, Converted, convert_column
from kumppanuus.errors import IngestError
from kumppanuus.municipality_names import MunicipalityResolver
from kumppanuus.reading import (DEFAULT_MAX_BYTES, cell_text, first_sheet_rows, open_workbook,
                                read_table, sheet_rows)
from kumppanuus.results import (IngestResult, Problem, empty_rows, format_problem,
                                unreadable_result)
from kumppanuus.schema import kind_spec
from kumppanuus.validation import FORMULA_START, TableParser

if TYPE_CHECKING:
    from kumppanuus.menti import MentiContext

__all__ = [
    "CONVERTERS", "DEFAULT_MAX_BYTES", "DTYPES", "FORMULA_START", "Converted", "IngestResult",
    "Problem", "cell_text", "convert_column", "empty_rows", "first_sheet_rows", "format_problem",
    "open_workbook", "parse", "parse_bytes", "read_table", "sheet_rows", "unreadable_result",
]


def parse(
    kind: str, source: pd.DataFrame | bytes, filename: str, resolver: MunicipalityResolver, *,
    max_bytes: int = DEFAULT_MAX_BYTES, max_rows: int = config.MAX_ROWS,
) -> IngestResult:
    """Validate one file of `kind` (bytes, or a `read_table` frame) into canonical rows.

    Raises UnknownKind and, for bytes, UnreadableFile/FileTooLarge; every other kind of bad input
    is returned as problems. Use `parse_bytes` for the never-raises contract.
    """
    spec = kind_spec(kind)
    if isinstance(source, pd.DataFrame):
        table = _as_strings(source)
    else:
        table = read_table(source, filename, max_bytes=max_bytes, max_rows=max_rows)
    return TableParser(spec, table, filename, resolver).run()


def parse_bytes(
    kind: str, data: bytes, filename: str, resolver: MunicipalityResolver, *,
    menti: MentiContext | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = config.MAX_ROWS,
) -> IngestResult:
    """Like `parse`, but NEVER raises: any failure becomes a row-0 problem (`unreadable=True`).

    For kind ``menti`` pass `menti` (round, source, municipality, group, date of the file).
    """
    try:
        if kind == "menti":
            from kumppanuus.menti import parse_menti  # menti imports this module

            return parse_menti(data, filename, resolver, menti, max_bytes=max_bytes)
        return parse(kind, data, filename, resolver, max_bytes=max_bytes, max_rows=max_rows)
    except IngestError as exc:
        return unreadable_result(kind, filename, str(exc))
    except Exception as exc:  # noqa: BLE001 — the documented contract: bad input never raises
        return unreadable_result(kind, filename, "odottamaton virhe tiedostoa luettaessa "
                                 f"({exc.__class__.__name__}: {exc}); odotettiin luettavaa "
                                 "taulukkoa — ilmoita tästä ylläpidolle")


def _as_strings(table: pd.DataFrame) -> pd.DataFrame:
    out = table.apply(lambda col: col if col.dtype == "str" else col.map(cell_text))
    out.columns = [str(c).strip() for c in table.columns]
    if isinstance(out.index, pd.RangeIndex) and out.index.start == 0:
        out.index = pd.RangeIndex(2, 2 + len(out))  # a plain frame: first data row is 2
    out.index.name = "row"
    return out
