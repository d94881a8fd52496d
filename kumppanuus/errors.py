"""Named domain errors of the ingest layer.

Every message is Finnish and says what was expected, what was got and, where it helps, how to fix
it. Pages and the command line catch only these, at the edge. `ingest.parse_bytes` never lets them
escape: it turns them into a problem of an `IngestResult` instead — on the Excel row and column
the error carries (`row`, `column`), or on row 0 (the whole file) when it names none.
"""

from __future__ import annotations


class IngestError(Exception):
    """Base class: a file or request the ingest layer cannot work with."""

    def __init__(self, message: str = "", *, row: int = 0, column: str = "") -> None:
        super().__init__(message)
        self.row = row  # Excel row (header = 1); 0 = the whole file
        self.column = column  # the column as written, or its Excel letter


class UnreadableFile(IngestError):
    """The bytes are not a table we can read (empty, binary, HTML, broken XLSX, …)."""


class FileTooLarge(UnreadableFile):
    """The file is over the size limit or has too many data rows."""


class NotMentiExport(UnreadableFile):
    """An XLSX workbook that does not have the layout of a Mentimeter results export."""


class UnknownKind(IngestError):
    """The caller asked for a kind of file that does not exist."""

    def __init__(self, kind: str, known: tuple[str, ...]) -> None:
        self.kind = kind
        self.known = known
        super().__init__(
            f"tuntematon tiedostolaji '{kind}'; odotettiin jotakin näistä: {', '.join(known)}"
        )
