"""Bytes → DataFrame of strings → validated canonical rows plus every problem found.

The public entry point of the ingest layer, free of Streamlit and of the database. The steps live
in their own modules and are re-exported here:

* `kumppanuus.ingest.reading` — `read_table(data, filename)` turns an uploaded file (CSV in the
  encodings and delimiters Excel and LibreOffice write on Finnish Windows, or XLSX) into a
  DataFrame of strings whose index is the row number the user sees in Excel. It raises
  `UnreadableFile` / `FileTooLarge` for files that are not a table at all.
* `kumppanuus.ingest.cells` — the cell converters (numbers, dates, municipalities, enums, criteria).
* `kumppanuus.ingest.validation` — maps the headers, converts each column, runs the kind's pandera
  model with ``lazy=True`` and checks duplicate keys. Bad input is data: `Problem` rows.
* `kumppanuus.ingest.results` — `Problem`, `IngestResult` and their helpers.

* `kumppanuus.ingest.parsing` — `parse(kind, source, filename, resolver)` runs the steps on bytes
  or on a frame.
* `kumppanuus.ingest.menti` — Mentimeter exports (kind ``menti``) into score rows.
* `kumppanuus.ingest.pipeline` — preview, store and undo of one upload (uses `kumppanuus.store`).

Contract: `parse_bytes` NEVER raises (apart from KeyboardInterrupt and the like). Whatever the
bytes, it returns an `IngestResult`; a file that cannot be read at all has `unreadable=True` and
one problem on row 0. `rows` holds only the rows without problems, so a caller must write nothing
unless `result.ok`.
"""

from __future__ import annotations

from kumppanuus import config
from kumppanuus.errors import IngestError
from kumppanuus.ingest.cells import CONVERTERS, DTYPES, Converted, convert_column
from kumppanuus.ingest.menti import MentiContext, parse_menti
from kumppanuus.ingest.parsing import parse
from kumppanuus.ingest.reading import (DEFAULT_MAX_BYTES, cell_text, first_sheet_rows,
                                       open_workbook, read_table, sheet_rows)
from kumppanuus.ingest.results import (IngestResult, Problem, empty_rows, format_problem,
                                       format_warning, unreadable_result)
from kumppanuus.ingest.validation import FORMULA_START
from kumppanuus.municipality_names import MunicipalityResolver

__all__ = [
    "CONVERTERS", "DEFAULT_MAX_BYTES", "DTYPES", "FORMULA_START", "Converted", "IngestResult",
    "Problem", "cell_text", "convert_column", "empty_rows", "first_sheet_rows", "format_problem",
    "format_warning",
    "open_workbook", "parse", "parse_bytes", "read_table", "sheet_rows", "unreadable_result",
]


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
            return parse_menti(data, filename, resolver, menti, max_bytes=max_bytes)
        return parse(kind, data, filename, resolver, max_bytes=max_bytes, max_rows=max_rows)
    except IngestError as exc:
        return unreadable_result(kind, filename, str(exc), row=exc.row, column=exc.column)
    except Exception as exc:  # noqa: BLE001 — the documented contract: bad input never raises
        return unreadable_result(kind, filename, "odottamaton virhe tiedostoa luettaessa "
                                 f"({exc.__class__.__name__}: {exc}); odotettiin luettavaa "
                                 "taulukkoa — ilmoita tästä ylläpidolle")
