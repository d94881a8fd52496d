"""`parse(kind, source, filename, resolver)`: run the ingest steps on bytes or on a frame.

Raises for unreadable bytes; `kumppanuus.ingest.parse_bytes` wraps it in the never-raises contract.
"""

from __future__ import annotations

import pandas as pd

from kumppanuus import config
from kumppanuus.ingest.reading import DEFAULT_MAX_BYTES, cell_text, read_table
from kumppanuus.ingest.results import IngestResult
from kumppanuus.ingest.validation import TableParser
from kumppanuus.municipality_names import MunicipalityResolver
from kumppanuus.schema import kind_spec


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



def _as_strings(table: pd.DataFrame) -> pd.DataFrame:
    out = table.apply(lambda col: col if col.dtype == "str" else col.map(cell_text))
    out.columns = [str(c).strip() for c in table.columns]
    if isinstance(out.index, pd.RangeIndex) and out.index.start == 0:
        out.index = pd.RangeIndex(2, 2 + len(out))  # a plain frame: first data row is 2
    out.index.name = "row"
    return out
