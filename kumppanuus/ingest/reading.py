"""Bytes → DataFrame of strings: the first step of `kumppanuus.ingest`.

`read_table` checks size and file type, decodes CSV with a fixed encoding ladder (BOM → strict
UTF-8 → cp1252), finds the delimiter, or reads the first sheet of an XLSX workbook, and enforces
the row limit. Anything that is not a table raises `UnreadableFile` / `FileTooLarge` with a
Finnish message; cell values are not interpreted here (that is `kumppanuus.ingest.cells`).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import numpy as np
import pandas as pd

from kumppanuus import config
from kumppanuus.errors import FileTooLarge, UnreadableFile

DEFAULT_MAX_BYTES = 10_000_000
_DELIMITERS = ";,\t"


def read_table(
    data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = config.MAX_ROWS,
) -> pd.DataFrame:
    """Read CSV or XLSX bytes into a DataFrame of strings as written ("" for an empty cell, NaN
    for a field missing at the end of a short CSV row; `parse` strips and converts). CSV columns
    come as categoricals of str (the parser hashes each column once, which `parse` reuses).

    Columns are the headers exactly as written (duplicates kept); the index is the Excel row
    number (header = 1, so the first data row is 2). Empty rows are dropped, their numbers skipped.
    Raises UnreadableFile (or FileTooLarge) with a Finnish message for anything that is not a
    table.
    """
    _check_size(data, filename, max_bytes)
    if data[:4] == b"PK\x03\x04":
        header, body, rows = _read_xlsx(data, filename, max_rows)
    else:
        header, body, rows = _read_csv(_decode(data, filename), filename, max_rows)
    return _finish(header, body, rows, filename, max_rows)


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


def _decode(data: bytes, filename: str) -> str:
    """The encoding ladder: BOM → strict UTF-8 → cp1252.

    No statistical guesser (chardet, charset-normalizer) on purpose: the encodings people send us
    are known (what Excel and LibreOffice write on Finnish Windows). Strict UTF-8 practically never
    accepts cp1252 text containing ä/ö/å, so this ladder is deterministic, whereas guessers are
    probabilistic on short files and would silently turn "Ähtäri" into mojibake.
    """
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                          (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return _decode_strict(data[len(bom):], encoding, filename)
    if b"\x00" in data:
        raise UnreadableFile(f"'{filename}' näyttää binääritiedostolta (siinä on NUL-tavuja); "
                             "odotettiin CSV-tekstiä tai .xlsx-työkirjaa (UTF-16-tekstin pitää "
                             "alkaa tavujärjestysmerkillä, BOM)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_strict(data, "cp1252", filename)
    return _refuse_binary_text(text, filename)


def _decode_strict(data: bytes, encoding: str, filename: str) -> str:
    try:
        return _refuse_binary_text(data.decode(encoding), filename)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"tiedoston '{filename}' merkistöä ei tunnistettu (kokeiltiin {encoding}: virheellinen "
            f"tavu kohdassa {exc.start}); odotettiin UTF-8-, UTF-16- tai Windows-1252-tekstiä"
        ) from None


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


def _read_csv(text: str, filename: str, max_rows: int) -> tuple[list[str], pd.DataFrame, int]:
    lines = text[:65_536].splitlines()[:50]
    match = re.fullmatch(r"\s*sep=(.)\s*", lines[0]) if lines else None
    if match:  # Excel's "sep=;" hint line: not shown as a row in Excel
        text = text.split("\n", 1)[1] if "\n" in text else ""
        lines = lines[1:]
    if not lines:
        raise UnreadableFile(f"tiedosto '{filename}' on tyhjä; odotettiin otsikkoriviä")
    delimiter = match.group(1) if match else _sniff_delimiter(lines)
    try:
        # category: the C parser hashes each column's texts itself, which is what `parse` needs
        raw = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype="category",
                          keep_default_na=False, skip_blank_lines=False, nrows=max_rows + 2,
                          quotechar='"', engine="c")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise UnreadableFile(_parser_message(filename, exc)) from None
    header = ["" if pd.isna(h) else str(h) for h in raw.iloc[0]]
    return header, raw.iloc[1:], 2


def _parser_message(filename: str, exc: Exception) -> str:
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    if found:
        want, line, got = found.groups()
        return (f"tiedoston '{filename}' rivillä {line} on {got} kenttää, odotettiin {want} "
                "(otsikkorivin mukaan); tarkista erotinmerkki ja lainausmerkit")
    return f"tiedostoa '{filename}' ei voitu lukea CSV-muodossa; odotettiin erotinmerkein " \
           f"eroteltua tekstiä ({exc.__class__.__name__})"


def _read_xlsx(data: bytes, filename: str, max_rows: int) -> tuple[list[str], pd.DataFrame, int]:
    sheet = first_sheet_rows(data, filename, max_rows)
    first = next((i for i, r in enumerate(sheet) if any(v != "" for v in r)), None)
    if first is None:
        raise UnreadableFile(f"työkirjan '{filename}' ensimmäinen taulukko on tyhjä; odotettiin "
                             "otsikkoriviä ja tietorivejä")
    width = max(len(r) for r in sheet)
    padded = [r + [""] * (width - len(r)) for r in sheet[first:]]
    return padded[0], pd.DataFrame(padded[1:], columns=range(width), dtype="str"), first + 2


def first_sheet_rows(data: bytes, filename: str, max_rows: int) -> list[list[str]]:
    """Cell texts of the workbook's first sheet, row 1 first (dates as ISO, 5.0 as "5")."""
    sheets = open_workbook(data, filename)
    try:
        return sheet_rows(sheets.worksheets[0], max_rows + 2)
    finally:
        sheets.close()


def open_workbook(data: bytes, filename: str):
    """openpyxl workbook in read-only, cached-values mode; UnreadableFile if it is not XLSX."""
    import openpyxl  # local: only XLSX uploads pay for the import

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError) as exc:
        raise UnreadableFile(f"tiedostoa '{filename}' ei voitu avata Excel-työkirjana (.xlsx); "
                             f"odotettiin .xlsx-tiedostoa ({exc.__class__.__name__})") from None


def sheet_rows(sheet, limit: int) -> list[list[str]]:
    """Cell texts of one openpyxl sheet, at most `limit` rows; trailing empty cells trimmed."""
    rows = []
    for values in sheet.iter_rows(values_only=True):
        cells = [cell_text(v) for v in values]
        while cells and cells[-1] == "":
            cells.pop()
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


def _finish(header: list[str], body: pd.DataFrame, first_row: int, filename: str,
            max_rows: int) -> pd.DataFrame:
    if len(body) > max_rows:
        raise FileTooLarge(f"tiedostossa '{filename}' on yli {max_rows:,} tietoriviä".replace(
            ",", " ") + "; jaa tiedosto osiin")
    body = body.set_axis(pd.RangeIndex(first_row, first_row + len(body), name="row"), axis=0)
    body = body.set_axis([str(h).strip() for h in header], axis=1)
    body = _drop_blank_rows(body)
    if body.empty:
        raise UnreadableFile(f"tiedostossa '{filename}' on vain otsikkorivi; odotettiin "
                             "vähintään yhtä tietoriviä")
    return body


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
