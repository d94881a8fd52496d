"""Bytes → DataFrame of strings: the first step of `kumppanuus.ingest`.

`read_table` checks size and file type, bounds the work before parsing (`limits`), decodes CSV
with a fixed encoding ladder (`decoding`), finds the delimiter, or reads the first sheet of an
XLSX workbook, and enforces the row limit (data rows; blank rows are bounded separately). Anything
that is not a table raises `UnreadableFile` / `FileTooLarge` with a Finnish message naming the
row and column where it can; cell values are not interpreted here (that is `ingest.cells`).
What reading noticed but tolerated (a stray byte, Mac encoding, a hidden row) travels with the
frame as `frame.attrs["notes"]` (`ReadNote`s) and becomes warnings.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kumppanuus import config
from kumppanuus.errors import FileTooLarge, UnreadableFile
from kumppanuus.ingest import limits
from kumppanuus.ingest.decoding import decode

DEFAULT_MAX_BYTES = 10_000_000
_DELIMITERS = ";,\t"
#: Up to this many header fields each CSV column is read as a categorical (hashed once, reused
#: by `parse`); a wider file is read as Python strings in one block (per-column arrays cost
#: ~1 ms each: 20 000 stray columns would take half a minute).
_CATEGORY_COLUMNS = 64
#: From this size on, CSV cells are read as categoricals (one hash table per column, small at the
#: memory peak of a 100,000-row file). Below it, Python strings: a categorical column costs ~1 ms
#: to set up, ten times the whole parse of a ten-row file, and object columns stay faster up to
#: ~10,000 rows; `factorize` takes either.
_CATEGORY_BYTES = 1_000_000


@dataclass(frozen=True)
class ReadNote:
    """Something reading tolerated: Excel row (0 = whole file), column position or None."""

    row: int
    column: int | None
    message: str


def read_table(
    data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = config.MAX_ROWS,
) -> pd.DataFrame:
    """Read CSV or XLSX bytes into a DataFrame of strings as written ("" for an empty cell, NaN
    for a field missing at the end of a short CSV row; `parse` strips and converts).

    Columns are the headers exactly as written (duplicates kept); the index is the Excel row
    number (header = 1, so the first data row is 2). Empty rows are dropped, their numbers
    skipped, and do not count toward `max_rows`. Raises UnreadableFile (or FileTooLarge) with a
    Finnish message for anything that is not a table or is too big to read.
    """
    _check_size(data, filename, max_bytes)
    if data[:4] == b"PK\x03\x04":
        header, body, first, notes = _read_xlsx(data, filename, max_bytes)
    else:
        header, body, first, notes = _read_csv(data, filename)
    table = _finish(header, body, first, filename, max_rows)
    table.attrs["notes"] = notes
    return table


def _check_size(data: bytes, filename: str, max_bytes: int) -> None:
    blank = b" \t\r\n\xef\xbb\xbf\xff\xfe\x00"
    if not data[:4096].strip(blank) and not data.strip(blank):
        raise UnreadableFile(f"tiedosto '{filename}' on tyhjä; odotettiin otsikkoriviä ja "
                             "vähintään yhtä tietoriviä")
    if len(data) > max_bytes:
        raise FileTooLarge(f"tiedosto '{filename}' on liian suuri: {len(data) / 1e6:.1f} Mt; "
                           f"odotettiin enintään {max_bytes / 1e6:.1f} Mt — jaa tiedosto osiin")
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise UnreadableFile(f"'{filename}' on vanha Excel 97–2003 -tiedosto (.xls); odotettiin "
                             "CSV- tai .xlsx-tiedostoa — tallenna se Excelissä muodossa .xlsx")
    if data[:5] == b"%PDF-":
        raise UnreadableFile(f"'{filename}' on PDF-tiedosto; odotettiin CSV- tai .xlsx-taulukkoa")


# -------------------------------------------------------------------------------------- CSV
def _read_csv(data: bytes, filename: str) -> tuple[list[str], pd.DataFrame, int, list]:
    _refuse_nul_bytes(data, filename)
    decoded = decode(data, filename)
    text = _refuse_binary_text(decoded.text, filename)
    lines = text[:65_536].splitlines()[:50]
    match = re.fullmatch(r"\s*sep=(.)\s*", lines[0]) if lines else None
    hint_chars = 0
    if match:  # Excel's "sep=;" hint line: not shown as a row in Excel
        hint_chars = text.index("\n") + 1 if "\n" in text else len(text)
        text, lines = text[hint_chars:], lines[1:]
    if not lines:
        raise UnreadableFile(f"tiedosto '{filename}' on tyhjä; odotettiin otsikkoriviä")
    delimiter = match.group(1) if match else _sniff_delimiter(lines)
    end = text.find("\n")
    fields = _count_outside_quotes(text[: end if end >= 0 else len(text)], delimiter) + 1
    limits.check_csv_text(text, fields, filename)
    _check_long_cells(text, delimiter, filename)
    notes = [_note_at(text, offset - hint_chars, delimiter, message)
             for offset, message in decoded.notes]
    if fields > _CATEGORY_COLUMNS:
        raw = _read_wide_csv(text, delimiter, fields, filename)
    elif decoded.encoding == "utf-8" and not decoded.notes and not hint_chars:
        # Clean UTF-8: pandas parses the file's own bytes (utf-8-sig drops a BOM), and the
        # decoded text is let go first — two 100,000-row copies (text, re-encoded bytes) fewer
        # at the peak. The text is decoded again only to locate a structure error.
        del text, decoded
        raw = _parse_csv(data, "utf-8-sig", delimiter, filename,
                         lambda: decode(data, filename).text)
    else:
        # UTF-8 bytes, not io.StringIO(text): StringIO keeps 4 bytes per character (27 MB
        # more at the peak for a 100,000-row file); the text is already decoded and checked.
        raw = _parse_csv(text.encode("utf-8", "surrogatepass"), "utf-8", delimiter, filename,
                         lambda: text)
    header = ["" if pd.isna(h) else str(h) for h in raw.iloc[0]]
    return header, raw.iloc[1:], 2, notes


def _parse_csv(data: bytes, encoding: str, delimiter: str, filename: str, text_again
               ) -> pd.DataFrame:
    """pandas' C parser over UTF-8 bytes, every cell the text as written (a categorical of the
    texts for a big file, `_CATEGORY_BYTES`); a file it cannot split into rows → UnreadableFile
    naming the row (`text_again()`: the decoded text, to find it)."""
    dtype = "category" if len(data) >= _CATEGORY_BYTES else object
    try:
        return pd.read_csv(io.BytesIO(data), sep=delimiter, encoding=encoding,
                           encoding_errors="surrogatepass", header=None, dtype=dtype,
                           keep_default_na=False, skip_blank_lines=False, quotechar='"',
                           nrows=limits.EXCEL_MAX_ROWS + 2, engine="c")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise _structure_error(filename, exc, text_again(), delimiter) from None


def _read_wide_csv(text: str, delimiter: str, fields: int, filename: str) -> pd.DataFrame:
    """A CSV wider than `_CATEGORY_COLUMNS`: the csv module into ONE block of Python strings.
    pandas' parser builds one array per column, ~1 ms each — 30 s for 20 000 stray columns."""
    rows = []
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text, newline=""),
                                                   delimiter=delimiter, quotechar='"'), 1):
            if len(record) > fields:
                exc = pd.errors.ParserError(f"Expected {fields} fields in line {number}, "
                                            f"saw {len(record)}")
                raise _structure_error(filename, exc, text, delimiter)
            rows.append(record)
    except csv.Error as exc:
        raise _structure_error(filename, exc, text, delimiter) from None
    return pd.DataFrame(rows, columns=range(fields), dtype=object)


def _note_at(text: str, offset: int, delimiter: str, message: str) -> ReadNote:
    """A decoding note at character `offset` of the text without the hint line → its Excel row
    (physical line) and column position; a note about the whole file stays on row 0."""
    if not message.startswith("tavu"):
        return ReadNote(0, None, message)
    start = text.rfind("\n", 0, offset) + 1
    return ReadNote(text.count("\n", 0, offset) + 1,
                    _count_outside_quotes(text[start:offset], delimiter), message)


def _refuse_nul_bytes(data: bytes, filename: str) -> None:
    """One to three NUL bytes in a text: name the row and column; more (UTF-16 without a BOM, a
    binary file): not a CSV at all. UTF-16 with a BOM is decoded before any NUL matters."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in data:
        return
    if data.count(b"\x00") > 3:
        raise UnreadableFile(f"'{filename}' näyttää binääritiedostolta (siinä on NUL-tavuja); "
                             "odotettiin CSV-tekstiä tai .xlsx-työkirjaa (UTF-16-tekstin pitää "
                             "alkaa tavujärjestysmerkillä, BOM)")
    at = data.index(b"\x00")
    first_line = data.split(b"\n", 1)[0].decode("latin-1")
    delimiter = _sniff_delimiter([first_line])
    row = data.count(b"\n", 0, at) + 1
    line = data[data.rfind(b"\n", 0, at) + 1:at].decode("latin-1")
    column = _column_name(first_line.split(delimiter), _count_outside_quotes(line, delimiter))
    raise UnreadableFile(
        f"tiedoston '{filename}' rivillä {row} sarakkeessa '{column}' on NUL-merkki (tavu 0x00) "
        "keskellä tekstiä; odotettiin tekstiä — tiedosto on osittain rikki, tallenna se uudelleen",
        row=row, column=column)


def _refuse_binary_text(text: str, filename: str) -> str:
    controls = sum(1 for ch in text[:20_000] if ch < " " and ch not in "\t\r\n\f")
    if controls > max(2, len(text[:20_000]) // 100):
        raise UnreadableFile(f"'{filename}' näyttää binääritiedostolta (ohjausmerkkejä "
                             f"{controls}); odotettiin CSV-tekstiä tai .xlsx-työkirjaa")
    head = text.lstrip("\ufeff \t\r\n")[:2000].casefold()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<table" in head:
        raise UnreadableFile(f"'{filename}' on HTML- tai XML-sivu eikä CSV-tiedosto; odotettiin "
                             "erotinmerkein (; , tai sarkain) eroteltua tekstiä — tallenna "
                             "taulukko Excelissä muodossa CSV tai .xlsx")
    return text


def _sniff_delimiter(lines: list[str]) -> str:
    """csv.Sniffer restricted to ; , tab; when it fails or disagrees with the header line, the
    delimiter that occurs most often on the header line (outside quotes) wins."""
    counts = {d: _count_outside_quotes(lines[0], d) for d in _DELIMITERS}
    try:
        sniffed = csv.Sniffer().sniff("\n".join(lines), delimiters=_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed and counts.get(sniffed, 0) > 0:
        return sniffed
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    return sum(part.count(delimiter) for part in line.split('"')[::2])


def _column_name(header: list[str], index: int) -> str:
    """The header as written at `index`, else the Excel column letter (F, AA, …)."""
    if 0 <= index < len(header) and header[index].strip():
        return header[index].strip()
    return column_letter(index)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (Excel's column names)."""
    letters, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _structure_error(filename: str, exc: Exception, text: str, delimiter: str) -> UnreadableFile:
    """A CSV the parser cannot split into rows: name the Excel row and column (found again
    with the csv module, which counts records the way Excel shows rows)."""
    try:
        return _locate_structure_error(filename, exc, text, delimiter)
    except csv.Error:
        return UnreadableFile(f"tiedostoa '{filename}' ei voitu lukea CSV-muodossa; odotettiin "
                              f"erotinmerkein eroteltua tekstiä ({exc.__class__.__name__})")


def _locate_structure_error(filename: str, exc: Exception, text: str, delimiter: str
                            ) -> UnreadableFile:
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    header = next(records, [])
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    if found:
        want = int(found.group(1))
        for number, record in enumerate(records, start=2):
            if len(record) > want:
                return UnreadableFile(
                    f"tiedoston '{filename}' rivillä {number} on {len(record)} kenttää, "
                    f"odotettiin {want} (otsikkorivin mukaan); ylimääräinen kenttä alkaa "
                    f"sarakkeesta {column_letter(want)} — tarkista erotinmerkki ja "
                    "lainausmerkit (onko tekstissä erotinmerkki ilman lainausmerkkejä?)",
                    row=number, column=column_letter(want))
    quote = re.search(r"EOF inside string starting at row (\d+)", str(exc))
    if quote:
        number = int(quote.group(1)) + 1
        record = next((r for n, r in enumerate(records, start=2) if n == number), [])
        column = _column_name(header, max(len(record) - 1, 0))
        return UnreadableFile(
            f"tiedoston '{filename}' rivillä {number} sarakkeessa '{column}' alkaa lainausmerkki "
            "(\"), joka ei pääty; odotettiin lainausmerkkien pareja — lopputiedosto luettaisiin "
            "yhdeksi soluksi; tarkista solu", row=number, column=column)
    return UnreadableFile(f"tiedostoa '{filename}' ei voitu lukea CSV-muodossa; odotettiin "
                          f"erotinmerkein eroteltua tekstiä ({exc.__class__.__name__})")


# ------------------------------------------------------------------------------------- XLSX
def _read_xlsx(data: bytes, filename: str, max_bytes: int
               ) -> tuple[list[str], pd.DataFrame, int, list]:
    sheets, scans = open_workbook(data, filename, max_bytes=max_bytes, with_scans=True)
    try:
        first_sheet = sheets.worksheets[0]
        sheet = sheet_rows(first_sheet, limits.EXCEL_MAX_ROWS + 2, filename)
        scan = scans.get(getattr(first_sheet, "_worksheet_path", ""))
    finally:
        sheets.close()
    first = next((i for i, r in enumerate(sheet) if any(v != "" for v in r)), None)
    if first is None:
        raise UnreadableFile(f"työkirjan '{filename}' ensimmäinen taulukko on tyhjä; odotettiin "
                             "otsikkoriviä ja tietorivejä")
    width = max(len(r) for r in sheet)
    padded = [r + [""] * (width - len(r)) for r in sheet[first:]]
    body = pd.DataFrame(padded[1:], columns=range(width), dtype="str")
    return padded[0], body, first + 2, _hidden_notes(scan, padded[0])


def _hidden_notes(scan: limits.SheetScan | None, header: list[str]) -> list[ReadNote]:
    if scan is None:
        return []
    notes = [ReadNote(row, None, "rivi on piilotettu Excelissä; se luettiin ja tuodaan kuten "
                      "muutkin — tarkista, kuuluuko se mukaan") for row in scan.hidden_rows]
    for low, high in scan.hidden_columns:
        for index in range(max(low, 1) - 1, min(high, len(header))):
            notes.append(ReadNote(1, index, "sarake on piilotettu Excelissä; se luettiin kuten "
                                  "muutkin — tarkista, kuuluuko se mukaan"))
    return notes


def first_sheet_rows(data: bytes, filename: str, max_rows: int) -> list[list[str]]:
    """Cell texts of the workbook's first sheet, row 1 first (dates as ISO, 5.0 as "5")."""
    sheets = open_workbook(data, filename)
    try:
        return sheet_rows(sheets.worksheets[0], max_rows + 2, filename)
    finally:
        sheets.close()


def open_workbook(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  with_scans: bool = False):
    """openpyxl workbook in read-only, cached-values mode, after `limits.check_workbook` has
    measured it; UnreadableFile if it is not XLSX, FileTooLarge if it would be too much work.
    With `with_scans`, (workbook, {sheet part: SheetScan})."""
    import openpyxl  # local: only XLSX uploads pay for the import

    scans = limits.check_workbook(data, filename, max_bytes)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError) as exc:
        raise UnreadableFile(f"tiedostoa '{filename}' ei voitu avata Excel-työkirjana (.xlsx); "
                             f"odotettiin .xlsx-tiedostoa ({exc.__class__.__name__})") from None
    return (book, scans) if with_scans else book


def sheet_rows(sheet, limit: int, filename: str = "") -> list[list[str]]:
    """Cell texts of one openpyxl sheet, at most `limit` rows; trailing empty cells trimmed.
    A cell longer than Excel's 32 767 characters is refused (FileTooLarge, row and column)."""
    rows = []
    for values in sheet.iter_rows(values_only=True):
        cells = [cell_text(v) for v in values]
        while cells and cells[-1] == "":
            cells.pop()
        for index, text in enumerate(cells):
            if len(text) > limits.EXCEL_MAX_CELL_CHARS:
                raise limits.cell_too_long(filename, len(rows) + 1, column_letter(index),
                                           len(text))
        rows.append(cells)
        if len(rows) >= limit:
            break
    return rows


def cell_text(value: object) -> str:
    """Text of one XLSX cell value: ISO dates, integral floats without ".0", stripped strings."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".15g")
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value).strip()


# ----------------------------------------------------------------------------------- common
def _finish(header: list[str], body: pd.DataFrame, first_row: int, filename: str,
            max_rows: int) -> pd.DataFrame:
    body = body.set_axis(pd.RangeIndex(first_row, first_row + len(body), name="row"), axis=0)
    body = body.set_axis([str(h).strip() for h in header], axis=1)
    body = _drop_blank_rows(body)
    if len(body) > max_rows:
        raise FileTooLarge(f"tiedostossa '{filename}' on yli {limits.fi_int(max_rows)} "
                           "tietoriviä (tyhjiä rivejä ei laskettu); jaa tiedosto osiin")
    if body.empty:
        raise UnreadableFile(f"tiedostossa '{filename}' on vain otsikkorivi; odotettiin "
                             "vähintään yhtä tietoriviä")
    return body


def _check_long_cells(text: str, delimiter: str, filename: str) -> None:
    """Refuse the first CSV cell longer than Excel's 32 767 characters, naming its row and
    column. Only a line longer than that can hold such a cell, so only those lines are split."""
    limit = limits.EXCEL_MAX_CELL_CHARS
    if len(text) <= limit:
        return
    header: list[str] | None = None
    # Anchored at a line start: unanchored, the search restarts at every character of every
    # shorter line (5× slower on a 100,000-row file); a long line is found at its start anyway.
    for line in re.finditer(rf"(?m)^[^\n]{{{limit + 1},}}", text):
        fields = next(csv.reader([line.group(0)], delimiter=delimiter), [])
        for index, value in enumerate(fields):
            if len(value) > limit:
                if header is None:
                    header = next(csv.reader([text[: text.find("\n")]], delimiter=delimiter))
                row = text.count("\n", 0, line.start()) + 1
                raise limits.cell_too_long(filename, row, _column_name(header, index),
                                           len(value))


def blank_cells(column: pd.Series) -> np.ndarray:
    """Per cell: empty or only spaces (each distinct text is looked at once)."""
    codes, uniques = factorize(column)
    blank = np.array([str(u).strip() == "" for u in uniques] + [True])
    return blank[codes]


def _drop_blank_rows(body: pd.DataFrame) -> pd.DataFrame:
    """Drop rows with nothing in them; only rows with an empty first cell are candidates."""
    if not len(body.columns):
        return body
    candidates = body[blank_cells(body.iloc[:, 0])]
    if candidates.empty:
        return body
    blank = np.logical_and.reduce([blank_cells(candidates.iloc[:, i])
                                   for i in range(len(body.columns))])
    return body.drop(index=candidates.index[blank])


def factorize(raw: pd.Series) -> tuple[np.ndarray, object]:
    """(codes, distinct values) of a column; -1 marks a missing cell. Reuses the categories of a
    `read_table` column instead of hashing the texts again."""
    if isinstance(raw.dtype, pd.CategoricalDtype):  # from read_table: already factorized
        return raw.cat.codes.to_numpy(), raw.cat.categories
    return pd.factorize(raw)
