"""Bytes → DataFrame of strings → validated canonical rows plus every problem found.

Two steps, both free of Streamlit and of the database:

* `read_table(data, filename)` turns an uploaded file (CSV in the encodings and delimiters Excel
  and LibreOffice write on Finnish Windows, or XLSX) into a DataFrame of strings whose index is
  the row number the user sees in Excel. It raises `UnreadableFile` / `FileTooLarge` for files
  that are not a table at all.
* `parse(kind, source, filename, resolver)` maps the headers, parses each cell (numbers, dates,
  municipalities, enums; the cell converters below), runs the kind's pandera model
  with ``lazy=True`` and checks duplicate keys. Bad input is data: it ends up as `Problem` rows.

Contract: `parse_bytes` NEVER raises (apart from KeyboardInterrupt and the like). Whatever the
bytes, it returns an `IngestResult`; a file that cannot be read at all has `unreadable=True` and
one problem on row 0. `rows` holds only the rows without problems, so a caller must write nothing
unless `result.ok`.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pandera.pandas as pa

from kumppanuus import config
from kumppanuus.errors import FileTooLarge, IngestError, UnreadableFile
from kumppanuus.municipality_names import MunicipalityResolver
from kumppanuus.schema import (
    KINDS, ROW_CHECKS, ColumnSpec, KindSpec, criterion_number, kind_spec, normalise_header,
    normalise_text,
)

if TYPE_CHECKING:
    from kumppanuus.menti import MentiContext

DEFAULT_MAX_BYTES = 10_000_000
FORMULA_START = ("=", "+", "-", "@")
_DELIMITERS = ";,\t"


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


def format_problem(p: Problem) -> str:
    """The command line's stderr line: ``FILE:ROW:COLUMN: message``."""
    return f"{p.file}:{p.row}:{p.column}: {p.message}"


# ------------------------------------------------------------------------------------ reading
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


def _blank(column: pd.Series) -> np.ndarray:
    """Per cell: empty or only spaces (each distinct text is looked at once)."""
    codes, uniques = _factorize(column)
    blank = np.array([str(u).strip() == "" for u in uniques] + [True])
    return blank[codes]


def _drop_blank_rows(body: pd.DataFrame) -> pd.DataFrame:
    """Drop rows with nothing in them; only rows with an empty first cell are candidates."""
    if not len(body.columns):
        return body
    candidates = body[_blank(body.iloc[:, 0])]
    if candidates.empty:
        return body
    blank = np.logical_and.reduce([_blank(candidates.iloc[:, i])
                                   for i in range(len(body.columns))])
    return body.drop(index=candidates.index[blank])


# ------------------------------------------------------------------------- cell converters
# Each converter gets the DISTINCT non-empty texts of one column (a str Series) and returns a
# frame indexed by those texts with columns value, error (Finnish, complete) and warning.
# Working on distinct values keeps the cost near that of pandas itself on 100 000-row files.
_SPACES = "[ \u00a0\u202f]"
_NUMBER_RE = rf"[+\-−]?(?:\d+|\d{{1,3}}(?:{_SPACES}\d{{3}})+)(?:[.,]\d+)?"
_FI_DATE_RE = r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})"
_ISO_DATE_RE = r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[ T]00:00(?::00)?)?"
_AMBIGUOUS_DATE_RE = r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
_DATE_FORMS = "27.1.2021, 27.01.2021 tai 2021-01-27"


def _result(values: pd.Series, errors: pd.Series, warnings: pd.Series | None = None):
    frame = pd.DataFrame({"value": values, "error": errors})
    frame["warning"] = None if warnings is None else warnings
    return frame


def _got(prefix: str, texts: pd.Series, bad: pd.Series) -> pd.Series:
    """'<prefix>, saatiin '<text>'' for the bad texts, None elsewhere (built only where bad)."""
    return _messages(texts, bad, lambda t: f"{prefix}, saatiin '{t}'")


def _messages(texts: pd.Series, bad: pd.Series, make) -> pd.Series:
    bad = bad.fillna(False).to_numpy(dtype=bool)
    out = np.full(len(texts), None, dtype=object)
    out[bad] = [make(t) for t in texts.to_numpy(dtype=object)[bad]]
    return pd.Series(out, index=texts.index, dtype=object)


def _numbers(texts: pd.Series) -> pd.Series:
    """Floats for decimal comma/point and space-grouped thousands, NaN where not a number."""
    cleaned = texts.where(texts.str.fullmatch(_NUMBER_RE).fillna(False).astype(bool))
    cleaned = cleaned.str.replace(_SPACES, "", regex=True).str.replace(",", ".", regex=False)
    return pd.to_numeric(cleaned.str.replace("−", "-", regex=False), errors="coerce")


def _convert_number(texts: pd.Series, col: ColumnSpec, resolver) -> pd.DataFrame:
    values = _numbers(texts).astype("float64")
    return _result(values, _got(f"odotettiin {col.expected}", texts, values.isna()))


def _convert_int(texts: pd.Series, col: ColumnSpec, resolver) -> pd.DataFrame:
    numbers = _numbers(texts)
    bad = numbers.isna() | (numbers % 1 != 0) | (numbers.abs() >= 2**53)
    values = numbers.where(~bad).astype("Int64")
    return _result(values, _got(f"odotettiin {col.expected}", texts, bad))


def _convert_date(texts: pd.Series, col: ColumnSpec, resolver) -> pd.DataFrame:
    parts = texts.str.extract(f"^{_FI_DATE_RE}$").fillna(texts.str.extract(f"^{_ISO_DATE_RE}$"))
    parts = parts.apply(pd.to_numeric, errors="coerce")
    stamps = pd.to_datetime(parts[["year", "month", "day"]], errors="coerce")
    stamps = stamps.where(parts["year"].between(1900, 2100))
    values = stamps.astype("datetime64[us]")  # date objects only at the very end (`_dates`)
    return _result(values, _messages(texts, stamps.isna(), _date_error))


def _date_error(text: str) -> str:
    if re.fullmatch(_FI_DATE_RE, text) or re.fullmatch(_ISO_DATE_RE, text):
        return (f"päivämäärää '{text}' ei ole olemassa; odotettiin oikeaa päivämäärää vuosilta "
                f"1900–2100, esim. {_DATE_FORMS}")
    if re.fullmatch(_AMBIGUOUS_DATE_RE, text):
        return (f"päivämäärä '{text}' on monitulkintainen (päivä ja kuukausi voivat olla kummin "
                f"päin tahansa); odotettiin {_DATE_FORMS}")
    return f"odotettiin päivämäärää muodossa {_DATE_FORMS}, saatiin '{text}'"


def _convert_enum(texts: pd.Series, col: ColumnSpec, resolver) -> pd.DataFrame:
    values = texts.map(normalise_text).map(dict(col.choices))
    if col.type == "open_enum":
        return _result(values.fillna(texts), pd.Series(None, index=texts.index, dtype=object))
    return _result(values, _got(f"odotettiin {col.expected}", texts, values.isna()))


def _convert_criterion(texts: pd.Series, col: ColumnSpec, resolver) -> pd.DataFrame:
    numbers = _numbers(texts)
    numbers = numbers.where(numbers % 1 == 0)
    by_text = texts.map(criterion_number)
    values = numbers.fillna(by_text.astype("float64")).astype("Int64")
    return _result(values, _got(f"odotettiin {col.expected}", texts, values.isna()))


def _convert_municipality(texts: pd.Series, col: ColumnSpec, resolver) -> pd.DataFrame:
    found = resolver.resolve_many(texts)
    return _result(found["code"], found["error"], found["warning"])


def _convert_municipalities(texts: pd.Series, col: ColumnSpec, resolver) -> pd.DataFrame:
    rows = [_municipality_list(text, resolver) for text in texts]
    return pd.DataFrame(rows, index=texts.index, columns=["value", "error", "warning"])


def _municipality_list(text: str, resolver: MunicipalityResolver) -> tuple:
    found = [resolver.resolve(part) for part in text.split(",")]
    errors = [f.error for f in found if f.error]
    warnings = [f.warning for f in found if f.warning]
    if errors:
        return None, "; ".join(dict.fromkeys(errors)), None
    codes = ",".join(f.code for f in found)
    return codes, None, "; ".join(dict.fromkeys(warnings)) or None


def _convert_text(texts: pd.Series, col: ColumnSpec, resolver) -> pd.DataFrame:
    return _result(texts.astype("str"), pd.Series(None, index=texts.index, dtype=object))


CONVERTERS = {
    "text": _convert_text, "email": _convert_text, "phone": _convert_text, "url": _convert_text,
    "int": _convert_int, "number": _convert_number, "date": _convert_date,
    "enum": _convert_enum, "open_enum": _convert_enum, "criterion": _convert_criterion,
    "municipality": _convert_municipality, "municipalities": _convert_municipalities,
}
DTYPES = {"int": "Int64", "criterion": "Int64", "number": "float64", "date": "datetime64[us]"}


@dataclass(frozen=True)
class Converted:
    """One converted column: typed values for every row, which cells were empty, and the
    rows with an error or a warning (index = Excel row, value = Finnish message)."""

    values: pd.Series
    empty: np.ndarray
    errors: pd.Series
    warnings: pd.Series
    texts: pd.Series
    codes: np.ndarray
    value_codes: np.ndarray  # per row: equal typed values ⇔ equal code; -1 = no value


def convert_column(raw: pd.Series, col: ColumnSpec, resolver) -> Converted:
    """Convert one column. Each distinct text is stripped and converted once (factorize), then
    spread back to the rows by position, so the cost follows the number of distinct values."""
    codes, uniques = _factorize(raw)  # a missing cell gets code -1: the "" appended below
    texts = pd.Series([str(u).strip() for u in uniques] + [""], dtype=object)
    empty_u = (texts == "").to_numpy(dtype=bool)
    used = np.bincount(codes[codes >= 0], minlength=len(texts)) > 0  # categories may be unused
    table = CONVERTERS[col.type](texts[~empty_u & used], col, resolver).reindex(texts.index)
    if col.default is not None:
        table.loc[empty_u, "value"] = col.default
    values = table["value"].iloc[codes].set_axis(raw.index)
    value_codes = pd.factorize(table["value"])[0][codes]
    return Converted(values, empty_u[codes], _spread(table["error"], codes, raw.index),
                     _spread(table["warning"], codes, raw.index), texts, codes, value_codes)


def _factorize(raw: pd.Series) -> tuple[np.ndarray, object]:
    if isinstance(raw.dtype, pd.CategoricalDtype):  # from read_table: already factorized
        return raw.cat.codes.to_numpy(), raw.cat.categories
    return pd.factorize(raw)


def _spread(messages: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Per-distinct-text messages → messages of the rows that have them (only those rows)."""
    found = messages.notna().to_numpy()
    if not found.any():
        return pd.Series(dtype=object)
    rows = found[codes]
    return pd.Series(messages.to_numpy(dtype=object)[codes[rows]], index=index[rows])


# ------------------------------------------------------------------------------------ parsing
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
    return _Parser(spec, table, filename, resolver).run()


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


def unreadable_result(kind: str, filename: str, message: str) -> IngestResult:
    """An IngestResult for a file that could not be read at all (one problem on row 0)."""
    problem = Problem(filename, 0, "", "", message)
    return IngestResult(kind, filename, empty_rows(kind), [problem], [], unreadable=True)


def empty_rows(kind: str) -> pd.DataFrame:
    """A canonical frame of `kind` with no rows."""
    kind = "scores" if kind == "menti" else kind
    names = kind_spec(kind).names if kind in KINDS else []
    return pd.DataFrame(columns=names, index=pd.RangeIndex(0, name="row"))


def _as_strings(table: pd.DataFrame) -> pd.DataFrame:
    out = table.apply(lambda col: col if col.dtype == "str" else col.map(cell_text))
    out.columns = [str(c).strip() for c in table.columns]
    if isinstance(out.index, pd.RangeIndex) and out.index.start == 0:
        out.index = pd.RangeIndex(2, 2 + len(out))  # a plain frame: first data row is 2
    out.index.name = "row"
    return out


class _Parser:
    """The steps of `parse` for one file; collects problems and warnings as it goes."""

    def __init__(self, spec: KindSpec, table: pd.DataFrame, filename: str, resolver) -> None:
        self.spec, self.table, self.file, self.resolver = spec, table, filename, resolver
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.headers: dict[str, str] = {}
        self.raw: dict[str, pd.Series] = {}
        self.key_codes: dict[str, np.ndarray] = {}

    def run(self) -> IngestResult:
        self._map_headers()
        typed = pd.DataFrame({c.name: self._column(c) for c in self.spec.columns},
                             index=self.table.index)
        self._validate(typed)
        self._duplicates(typed)
        bad = {p.row for p in self.problems}
        rows = typed[~typed.index.isin(bad)] if bad else typed
        for col in self.spec.columns:
            if col.type == "date":
                rows = rows.assign(**{col.name: _dates(rows[col.name])})
        order = {name: i for i, name in enumerate(self.table.columns)}
        for items in (self.problems, self.warnings):
            items.sort(key=lambda p: (p.row, order.get(p.column, -1)))
        present = tuple(c for c in self.spec.names if c in self.headers)
        return IngestResult(self.spec.name, self.file, rows, self.problems, self.warnings,
                            present=present)

    def _header(self, column: str) -> str:
        """The header as written in the file, else the Finnish header of the spec."""
        if column in self.headers:
            return self.headers[column]
        return self.spec.column(column).header_fi if column in self.spec.names else column

    def _add(self, target: list, column: str, messages: pd.Series) -> None:
        header = self._header(column)
        raw = self.raw.get(column, pd.Series(dtype="str"))
        for row, message in messages.dropna().items():
            value = str(raw.get(row, "")).strip()
            target.append(Problem(self.file, int(row), header, value, message))

    def _map_headers(self) -> None:
        lookup = self.spec.header_lookup()
        for pos, written in enumerate(self.table.columns):
            canonical = lookup.get(normalise_header(written))
            if canonical is None:
                self._extra_column(written, pos)
            elif canonical in self.headers:
                self.problems.append(Problem(self.file, 1, written, written, (
                    f"sarake '{written}' on jo otsikossa (sarake '{self.headers[canonical]}'); "
                    "odotettiin kutakin saraketta vain kerran")))
            else:
                self.headers[canonical] = written
                self.raw[canonical] = self.table.iloc[:, pos]
        for col in self.spec.columns:
            if col.required and col.name not in self.headers:
                self.problems.append(Problem(self.file, 1, col.header_fi, "", (
                    f"pakollinen sarake puuttuu: odotettiin otsikkoa '{col.header_fi}' "
                    f"(tai '{col.name}')")))

    def _extra_column(self, written: str, pos: int) -> None:
        if not written and _blank(self.table.iloc[:, pos]).all():
            return  # a trailing separator, nothing in it
        known = ", ".join(c.header_fi for c in self.spec.columns)
        self.warnings.append(Problem(self.file, 1, written, written, (
            f"ylimääräinen sarake '{written}' ohitetaan; tunnetut sarakkeet: {known}")))

    def _column(self, col: ColumnSpec) -> pd.Series:
        dtype = DTYPES.get(col.type, "str")
        if col.name not in self.raw:
            return pd.Series(col.default, index=self.table.index, dtype=dtype)
        converted = convert_column(self.raw[col.name], col, self.resolver)
        if col.required and converted.empty.any():
            self._add(self.problems, col.name, pd.Series(
                f"pakollinen arvo puuttuu; odotettiin {col.expected}",
                index=self.table.index[converted.empty]))
        self._add(self.problems, col.name, converted.errors)
        self._add_grouped_warnings(col.name, converted.warnings)
        if col.free_text:
            self._formulas(col.name, converted)
        self.key_codes[col.name] = converted.value_codes
        return converted.values.astype(dtype)

    def _add_grouped_warnings(self, column: str, messages: pd.Series) -> None:
        messages = messages.dropna()
        for message, rows in messages.groupby(messages).groups.items():
            more = f" (sama {len(rows) - 1} muulla rivillä)" if len(rows) > 1 else ""
            self._add(self.warnings, column, pd.Series({rows[0]: message + more}))

    def _validate(self, typed: pd.DataFrame) -> None:
        try:
            self.spec.model.validate(typed, lazy=True, inplace=True)
        except pa.errors.SchemaErrors as exc:
            self._failures(exc.failure_cases, typed)

    def _failures(self, cases: pd.DataFrame, typed: pd.DataFrame) -> None:
        already = {p.row for p in self.problems}
        cases = cases.drop_duplicates(subset=["check", "index", "schema_context"])
        for case in cases.itertuples(index=False):
            if case.schema_context == "DataFrameSchema" and case.check in ROW_CHECKS:
                if case.index not in already:
                    self._row_check(case.check, case.index, typed)
            else:
                self._column_check(case)

    def _row_check(self, check: str, row: int, typed: pd.DataFrame) -> None:
        column, template = ROW_CHECKS[check]
        values = {k: (v if pd.notna(v) else float("nan")) for k, v in typed.loc[row].items()}
        message = template.format(**values)
        written = self.raw.get(column, pd.Series(dtype="str")).get(row, "")
        if written:
            message += f", saatiin '{written}'"
        self._add(self.problems, column, pd.Series({row: message}))

    def _column_check(self, case) -> None:
        if case.index is None or pd.isna(case.index):
            self.problems.append(Problem(self.file, 0, self._header(str(case.column)),
                                         str(case.failure_case), f"tarkistus {case.check} ei "
                                         "mennyt läpi; odotettiin kelvollisia arvoja"))
            return
        col = self.spec.column(case.column)
        raw = self.raw.get(case.column, pd.Series(dtype="str")).get(case.index, "")
        message = f"odotettiin {col.expected}, saatiin '{raw or case.failure_case}'"
        self._add(self.problems, case.column, pd.Series({int(case.index): message}))

    def _duplicates(self, typed: pd.DataFrame) -> None:
        """Rows whose key repeats an earlier row's key: a problem naming both rows.

        Works on the per-row codes of the typed values (so "Lapua" and "408" are the same key).
        An empty `respondent` is a value of its own; a row missing another key part is skipped.
        """
        keys = list(self.spec.key)
        if any(k not in self.key_codes for k in keys if k != "respondent"):
            return  # a key column is missing: already a header problem
        nothing = np.zeros(len(typed), dtype=np.intp)
        frame = pd.DataFrame({k: self.key_codes.get(k, nothing) for k in keys}, index=typed.index)
        if "respondent" in frame:
            frame["respondent"] = frame["respondent"].clip(lower=-1) + 1  # empty → 0
        frame = frame[(frame >= 0).all(axis=1)]
        dup = frame.duplicated(keep=False)
        if not dup.any():
            return
        frame = frame[dup]
        first = frame.reset_index().groupby(keys)["row"].transform("min").to_numpy()
        for row, first_row in zip(frame.index, first):
            if row != first_row:
                self._add(self.problems, keys[0], pd.Series({row: self._dup_message(
                    keys, first_row, row)}))

    def _dup_message(self, keys: list[str], first_row: int, row: int) -> str:
        shown = ", ".join(f"{self._header(k)}="
                          f"'{self.raw[k].get(row, '') if k in self.raw else ''}'" for k in keys)
        return (f"rivien {first_row} ja {row} avain on sama ({shown}); odotettiin kutakin "
                "avainta vain kerran tiedostossa")

    def _formulas(self, column: str, converted: Converted) -> None:
        """Formula-looking text (=, +, -, @ first) is kept as text, with a warning.

        Refusing would block real text such as "-hanke" or "+ 2 muuta"; the export side
        neutralises such cells before they can reach a spreadsheet again.
        """
        looks = converted.texts.str.startswith(FORMULA_START).to_numpy()
        if not looks.any():
            return
        rows = looks[converted.codes]
        firsts = converted.texts.str[0].to_numpy(dtype=object)[converted.codes[rows]]
        self._add(self.warnings, column, pd.Series(
            [f"solu alkaa merkillä '{c}' ja näyttää kaavalta; odotettiin tekstiä — se "
             "tallennetaan tekstinä sellaisenaan" for c in firsts], index=self.table.index[rows]))


def _dates(values: pd.Series) -> pd.Series:
    """datetime64 → datetime.date objects (None when missing), converting each distinct day once."""
    codes, uniques = pd.factorize(values)  # NaT gets code -1, the None at the end
    days = np.array([d.date() for d in uniques] + [None], dtype=object)
    return pd.Series(days[codes], index=values.index, dtype=object)
