"""Bounds on the work one uploaded file can cause, checked BEFORE it is parsed.

A 293 KB workbook can hold ten million cells and a 197 KB one a 200-million-character string:
parsing first and counting afterwards takes the server down. So every file is measured first —
an XLSX by its zip directory (the declared uncompressed sizes, which `zipfile` enforces while
inflating) and by one streaming pass over each sheet's XML that counts rows (blank ones too) and
cells without building them; a CSV by its lines and header fields — and refused with a Finnish
message naming the limit. Cell text is bounded while reading (Excel's own 32 767 characters);
each column's own length is the schema's promise (`ColumnSpec.max_length`).

The streaming count is hand-written on purpose: openpyxl's read-only reader still builds a whole
row in memory before yielding it (one row of ten million cells is gigabytes), and neither
openpyxl nor lxml offers a "stop after N cells" switch.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from kumppanuus.errors import FileTooLarge, UnreadableFile

#: Excel's own sheet limits: a file beyond them cannot have come from Excel.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
EXCEL_MAX_CELL_CHARS = 32_767
#: CSV header fields: above Excel's 16 384 so that a file with 20 000 stray empty columns is
#: read (with one summarised warning), yet a header of millions of separators is not.
MAX_COLUMNS = 50_000
#: Cells (rows × columns, blank rows included): 200 000 data rows of the widest kind fit.
MAX_CELLS = 5_000_000
#: A workbook may inflate to this many times the upload limit (XML compresses ~5–10×).
UNCOMPRESSED_FACTOR = 10
MAX_ZIP_ENTRIES = 2_000
_CHUNK = 1 << 20


def fi_int(n: int) -> str:
    """1 048 576 (Finnish thousands grouping with a space)."""
    return f"{n:,}".replace(",", " ")


@dataclass
class SheetScan:
    """What one streaming pass over a worksheet's XML found."""

    name: str
    rows: int = 0
    cells: int = 0
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)


# ------------------------------------------------------------------------------------ XLSX
def check_workbook(data: bytes, filename: str, max_bytes: int) -> dict[str, SheetScan]:
    """Refuse a workbook that would inflate or parse into too much; else every worksheet part's
    counts (by part name, e.g. 'xl/worksheets/sheet1.xml')."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise UnreadableFile(f"tiedostoa '{filename}' ei voitu avata Excel-työkirjana (.xlsx); "
                             "odotettiin .xlsx-tiedostoa (BadZipFile)") from None
    with book:
        _check_directory(book.infolist(), filename, max_bytes)
        scans = {}
        cells = 0
        for info in book.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                scan = _scan_or_refuse(book, info.filename, filename, MAX_CELLS - cells)
                cells += scan.cells
                scans[info.filename] = scan
        return scans


def _scan_or_refuse(book: zipfile.ZipFile, part: str, filename: str, budget: int) -> SheetScan:
    try:
        return scan_sheet(book, part, filename, budget)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        # e.g. a part that inflates past the size its directory entry declares (CRC fails)
        raise UnreadableFile(f"työkirja '{filename}' on rikki (osa {part}: "
                             f"{exc.__class__.__name__}); odotettiin ehjää .xlsx-tiedostoa — "
                             "tallenna se Excelissä uudelleen") from None


def _check_directory(infos: list[zipfile.ZipInfo], filename: str, max_bytes: int) -> None:
    if len(infos) > MAX_ZIP_ENTRIES:
        raise FileTooLarge(f"työkirjassa '{filename}' on {fi_int(len(infos))} osaa; odotettiin "
                           f"enintään {fi_int(MAX_ZIP_ENTRIES)} — tallenna se Excelissä uudelleen")
    limit = UNCOMPRESSED_FACTOR * max_bytes
    total = sum(i.file_size for i in infos)
    if total > limit:
        biggest = max(infos, key=lambda i: i.file_size)
        raise FileTooLarge(
            f"työkirja '{filename}' purkautuu {total / 1e6:.0f} Mt:n kokoiseksi (suurin osa "
            f"{biggest.filename}: {biggest.file_size / 1e6:.0f} Mt); odotettiin enintään "
            f"{limit / 1e6:.0f} Mt — tiedostossa on valtavasti soluja tai tekstiä; tarkista se "
            "ja jaa se osiin")


_ROW = re.compile(rb"<(\w+:)?row\b([^>]*)>")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]*\d*:?([A-Z]*)(\d*)"')
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*>")  # `_ROW` without groups: cheaper to count
#: Any cell tag, whatever the namespace prefix (a piece without one holds only blank rows).
_ANY_CELL = re.compile(rb"<(?:\w+:)?c[ >/]")


def scan_sheet(book: zipfile.ZipFile, part: str, filename: str, cell_budget: int) -> SheetScan:
    """Count rows (blank ones too) and cells of one worksheet in one streaming pass; refuse as
    soon as a row is wider than Excel allows, or the rows or cells run over the limits."""
    scan = SheetScan(part)
    state = {"in_row": 0, "head": True, "prefix": b"", "cell_tag": b"<c"}
    tail = b""
    with book.open(part) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk and not tail:
                break
            buffer = tail + chunk
            cut = len(buffer)
            if chunk:
                last_open, last_close = buffer.rfind(b"<"), buffer.rfind(b">")
                if last_open > last_close:  # a tag runs on into the next chunk
                    cut = last_open
            _scan_piece(buffer[:cut], scan, state, filename, cell_budget)
            tail = buffer[cut:]
            if not chunk:
                break
    return scan


def _scan_piece(piece: bytes, scan: SheetScan, state: dict, filename: str,
                cell_budget: int) -> None:
    if state["head"]:
        _scan_head(piece, scan, filename)
    if b"hidden" not in piece and not _has_cell(piece):
        _count_blank_rows(piece, scan, state, filename)
        return
    position = 0
    for match in _ROW.finditer(piece):
        # one find per row first: the exact count costs more, and most rows of a long sheet
        # (blank formatted ones) hold no cell at all
        if piece.find(state["cell_tag"], position, match.start()) >= 0:
            _count_cells(piece, position, match.start(), scan, state, filename, cell_budget)
        state["head"] = False
        prefix = match.group(1) or b""
        if prefix != state["prefix"]:
            state["prefix"], state["cell_tag"] = prefix, b"<" + prefix + b"c"
        scan.rows += 1
        if b"hidden" in match.group(2):  # attributes parsed only when they can matter
            attributes = dict(_ATTR.findall(match.group(2)))
            if attributes.get(b"hidden") in (b"1", b"true"):
                scan.hidden_rows.append(int(attributes.get(b"r", scan.rows) or scan.rows))
        if scan.rows > EXCEL_MAX_ROWS:
            raise _too_many_rows(filename)
        state["in_row"] = 0
        position = match.end()
    _count_cells(piece, position, len(piece), scan, state, filename, cell_budget)


def _has_cell(piece: bytes) -> bool:
    """Whether a piece holds any cell tag (two substring scans decide most pieces)."""
    return (b"<c" in piece or b":c" in piece) and _ANY_CELL.search(piece) is not None


def _count_blank_rows(piece: bytes, scan: SheetScan, state: dict, filename: str) -> None:
    """`_scan_piece` for a piece with no cell and no hidden row (the blank formatted rows Excel
    keeps at the end of a sheet): the rows are counted in one regex pass, not one by one."""
    rows = _ROW_TAG.findall(piece)
    if not rows:
        return
    state["head"] = False
    prefix = _ROW.match(rows[-1]).group(1) or b""
    if prefix != state["prefix"]:
        state["prefix"], state["cell_tag"] = prefix, b"<" + prefix + b"c"
    state["in_row"] = 0
    scan.rows += len(rows)
    if scan.rows > EXCEL_MAX_ROWS:
        raise _too_many_rows(filename)


def _too_many_rows(filename: str) -> FileTooLarge:
    return FileTooLarge(f"työkirjan '{filename}' taulukossa on yli {fi_int(EXCEL_MAX_ROWS)} "
                        "riviä (tyhjät rivit mukaan lukien); odotettiin Excel-taulukkoa — poista "
                        "tyhjät rivit lopusta")


def _count_cells(piece: bytes, start: int, end: int, scan: SheetScan, state: dict,
                 filename: str, cell_budget: int) -> None:
    tag = state["cell_tag"]
    found = sum(piece.count(tag + end_char, start, end) for end_char in (b" ", b">", b"/"))
    if not found:
        return
    state["in_row"] += found
    scan.cells += found
    if state["in_row"] > EXCEL_MAX_COLUMNS:
        raise FileTooLarge(f"työkirjan '{filename}' rivillä {scan.rows} on yli "
                           f"{fi_int(EXCEL_MAX_COLUMNS)} solua; odotettiin enintään Excelin "
                           f"{fi_int(EXCEL_MAX_COLUMNS)} saraketta — tiedosto on rikki tai "
                           "tahallaan paisutettu")
    if scan.cells > cell_budget:
        raise FileTooLarge(f"työkirjassa '{filename}' on yli {fi_int(MAX_CELLS)} solua; "
                           f"odotettiin enintään {fi_int(MAX_CELLS)} — jaa tiedosto osiin")


def _scan_head(piece: bytes, scan: SheetScan, filename: str) -> None:
    """The part before the first row: the declared dimension and hidden columns."""
    head = piece[: piece.find(b"<sheetData") if b"<sheetData" in piece else len(piece)]
    found = _DIMENSION.search(head)
    if found and found.group(2) and int(found.group(2)) > EXCEL_MAX_ROWS:
        raise FileTooLarge(f"työkirjan '{filename}' taulukon koko on ilmoitettu "
                           f"{fi_int(int(found.group(2)))} riviksi; odotettiin enintään "
                           f"{fi_int(EXCEL_MAX_ROWS)}")
    for col in _COL.finditer(head):
        attributes = dict(_ATTR.findall(col.group(1)))
        if attributes.get(b"hidden") in (b"1", b"true"):
            scan.hidden_columns.append((int(attributes.get(b"min", 0)),
                                        int(attributes.get(b"max", 0))))


# ------------------------------------------------------------------------------------- CSV
def check_csv_text(text: str, header_fields: int, filename: str) -> None:
    """Refuse a CSV with too many lines (blank ones too), header fields or cells."""
    lines = text.count("\n") + 1
    if lines > EXCEL_MAX_ROWS + 1:
        raise FileTooLarge(f"tiedostossa '{filename}' on yli {fi_int(EXCEL_MAX_ROWS)} riviä "
                           "(tyhjät rivit mukaan lukien); odotettiin enintään "
                           f"{fi_int(EXCEL_MAX_ROWS)} — poista tyhjät rivit ja jaa tiedosto osiin")
    if header_fields > MAX_COLUMNS:
        raise FileTooLarge(f"tiedoston '{filename}' otsikkorivillä on {fi_int(header_fields)} "
                           f"saraketta; odotettiin enintään {fi_int(MAX_COLUMNS)} — tarkista "
                           "erotinmerkki")
    if lines * header_fields > MAX_CELLS:
        raise FileTooLarge(f"tiedostossa '{filename}' on {fi_int(lines)} riviä × "
                           f"{fi_int(header_fields)} saraketta; odotettiin enintään "
                           f"{fi_int(MAX_CELLS)} solua — jaa tiedosto osiin")


def cell_too_long(filename: str, row: int, column: str, length: int) -> FileTooLarge:
    """The refusal of a cell over Excel's 32 767 characters, naming its row and column."""
    return FileTooLarge(f"tiedoston '{filename}' solussa on {fi_int(length)} merkkiä; odotettiin "
                        f"enintään {fi_int(EXCEL_MAX_CELL_CHARS)} (Excelin solun enimmäispituus)",
                        row=row, column=column)
