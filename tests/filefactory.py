"""Upload files built in code: CSV in every encoding/delimiter Excel writes, XLSX, Menti exports.

Nothing here reads a real file; every test states the bytes it feeds to ingest.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import openpyxl

from kumppanuus.schema import CRITERIA

#: One valid row per kind, Finnish headers (as staff write them).
VALID = {
    "tables": [["kierros", "nro", "päivämäärä", "nimi", "kunnat", "osallistujia", "muoto"],
               ["kevät 2021", "1", "27.1.2021", "Evijärvi-Kauhava", "052,233", "58", "hybridi"],
               ["kevät 2021", "2", "17.2.2021", "Alavus", "10", "35", "verkko"]],
    "contacts": [["kunta", "nimi", "rooli", "organisaatio", "sähköposti", "puhelin", "tila"],
                 ["Evijärvi", "Sanna Syrjälä", "järjestöyhdyshenkilö", "Evijärven kunta",
                  "sanna@example.fi", "+358 40 123 4567", "aktiivinen"],
                 ["Kauhava", "Päivi Kultalahti", "Leader-kyläkehittäjä", "Leader Aisapari",
                  "", "0400 239 359", ""]],
    "speakers": [["kierros", "nro", "nimi", "tehtävä", "organisaatio"],
                 ["kevät 2021", "1", "Mikko Huhtala", "kunnanjohtaja", "Evijärven kunta"],
                 ["kevät 2021", "1", "Piia Kujala", "kuntayhtymän johtaja", "Kaksineuvoinen"]],
    "scores": [["kierros", "lähde", "päivämäärä", "kunta", "vastaajaryhmä", "kriteeri",
                "keskiarvo", "vastaajia"],
               ["kevät 2021", "pöytä 8", "18.3.2021", "Lapua", "osallistujat", "1", "3,5", "12"],
               ["kevät 2021", "pöytä 8", "18.3.2021", "Lapua", "osallistujat", "2", "2,75", "12"]],
    "feedback": [["kierros", "nro", "kysymys", "vastaus", "lukumäärä"],
                 ["kevät 2021", "1", "sisältö", "Erittäin hyvä", "12"],
                 ["kevät 2021", "1", "mistä kuulit", "Facebook", "4"]],
}


def rows_of(kind: str, **cells: str) -> list[list[str]]:
    """The valid rows of `kind` with cells of the FIRST data row replaced by header name."""
    rows = [list(r) for r in VALID[kind]]
    for header, value in cells.items():
        rows[1][rows[0].index(header.replace("__", " "))] = value
    return rows


def with_column(rows: list[list[str]], header: str, values: Sequence[str]) -> list[list[str]]:
    """`rows` plus one column: `header` and one value per data row."""
    return [rows[0] + [header]] + [r + [v] for r, v in zip(rows[1:], values)]


def without_column(rows: list[list[str]], header: str) -> list[list[str]]:
    """`rows` with the column headed `header` removed."""
    at = rows[0].index(header)
    return [r[:at] + r[at + 1:] for r in rows]


def csv_bytes(rows: Sequence[Sequence[str]], *, delimiter: str = ";", encoding: str = "utf-8",
              bom: bool = False, newline: str = "\r\n") -> bytes:
    """CSV as Excel writes it: quoted only when needed, CRLF line ends by default."""
    def cell(text: str) -> str:
        if any(ch in text for ch in (delimiter, '"', "\n", "\r")):
            return '"' + text.replace('"', '""') + '"'
        return text

    text = newline.join(delimiter.join(cell(str(c)) for c in row) for row in rows) + newline
    boms = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
    return (boms[encoding] if bom else b"") + text.encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[object]], *, sheet: str = "Taul1",
               extra_sheets: Sequence[str] = ()) -> bytes:
    """A one-sheet workbook (cells keep their Python types: date → a date cell)."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for name in extra_sheets:
        workbook.create_sheet(name)
    return _save(workbook)


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------- the refused-input corpus
def _dup_nro(rows):
    rows[2][1] = rows[1][1]
    return rows


#: Refused cells and rows: (id, kind, rows, Excel row, column as written, message fragments).
BAD_CELLS = [
    # id, kind, rows, row, column, fragments
    ("missing required column", "tables", without_column(VALID["tables"], "nimi"),
     1, "nimi", ("pakollinen sarake",)),
    ("same column twice", "tables", with_column(VALID["tables"], "Nimi", ["a", "b"]),
     1, "Nimi", ("vain kerran",)),
    ("same column in english and finnish", "tables",
     with_column(VALID["tables"], "round", ["a", "b"]), 1, "round", ("vain kerran",)),
    ("text where an integer belongs", "tables", rows_of("tables", osallistujia="paljon"),
     2, "osallistujia", ("kokonaislukua ≥ 0", "'paljon'")),
    ("negative count", "tables", rows_of("tables", osallistujia="-3"),
     2, "osallistujia", ("odotettiin kokonaislukua ≥ 0, saatiin '-3'",)),
    ("fraction as a count", "tables", rows_of("tables", osallistujia="3,5"),
     2, "osallistujia", ("kokonaislukua",)),
    ("table number zero", "tables", rows_of("tables", nro="0"), 2, "nro", ("≥ 1",)),
    ("impossible date", "tables", rows_of("tables", päivämäärä="31.2.2021"),
     2, "päivämäärä", ("ei ole olemassa",)),
    ("impossible iso date", "tables", rows_of("tables", päivämäärä="2021-02-30"),
     2, "päivämäärä", ("ei ole olemassa",)),
    ("ambiguous slash date", "tables", rows_of("tables", päivämäärä="1/2/2021"),
     2, "päivämäärä", ("monitulkintainen",)),
    ("ambiguous dash date", "tables", rows_of("tables", päivämäärä="01-02-2021"),
     2, "päivämäärä", ("monitulkintainen",)),
    ("two-digit year", "tables", rows_of("tables", päivämäärä="27.1.21"),
     2, "päivämäärä", ("monitulkintainen",)),
    ("not a date", "tables", rows_of("tables", päivämäärä="huomenna"),
     2, "päivämäärä", ("27.1.2021", "'huomenna'")),
    ("required cell empty", "tables", rows_of("tables", nimi=""),
     2, "nimi", ("pakollinen arvo puuttuu",)),
    ("unknown municipality in a list", "tables", rows_of("tables", kunnat="052,Kauhavaa"),
     2, "kunnat", ("tarkoititko 'Kauhava'?",)),
    ("empty part of a municipality list", "tables", rows_of("tables", kunnat="052,,233"),
     2, "kunnat", ("kunta puuttuu",)),
    ("unknown format", "tables", rows_of("tables", muoto="etänä"),
     2, "muoto", ("verkko, hybridi", "'etänä'")),
    ("memo without http", "tables", with_column(VALID["tables"], "muistio", ["www.x.fi", ""]),
     2, "muistio", ("http://",)),
    ("duplicate key", "tables", _dup_nro([list(r) for r in VALID["tables"]]),
     3, "kierros", ("rivien 2 ja 3",)),
    ("unknown municipality name", "contacts", rows_of("contacts", kunta="Seinäjoi"),
     2, "kunta", ("tarkoititko 'Seinäjoki'?",)),
    ("unknown municipality code", "contacts", rows_of("contacts", kunta="999"),
     2, "kunta", ("kuntanumero '999'",)),
    ("unknown role", "contacts", rows_of("contacts", rooli="pomo"), 2, "rooli", ("'pomo'",)),
    ("unknown status", "contacts", rows_of("contacts", tila="lomalla"), 2, "tila", ("aktiivinen",)),
    ("bad e-mail", "contacts", rows_of("contacts", sähköposti="sanna.example.fi"),
     2, "sähköposti", ("sähköpostiosoitetta",)),
    ("bad phone", "contacts", rows_of("contacts", puhelin="soita"), 2, "puhelin", ("puhelin",)),
    ("score outside the scale", "scores",
     with_column(without_column(without_column(VALID["scores"], "keskiarvo"), "vastaajia"),
                 "arvo", ["7", "3"]), 2, "arvo", ("väliltä 1–5", "'7'")),
    ("mean outside the scale", "scores", rows_of("scores", keskiarvo="5,5"),
     2, "keskiarvo", ("väliltä 1–5",)),
    ("mean without n", "scores", rows_of("scores", vastaajia=""),
     2, "keskiarvo", ("vastaajamäärää",)),
    ("n zero", "scores", rows_of("scores", vastaajia="0"), 2, "vastaajia", ("≥ 1",)),
    ("both score and mean", "scores", with_column(VALID["scores"], "arvo", ["3", ""]),
     2, "arvo", ("ei molempia",)),
    ("neither score nor mean", "scores", rows_of("scores", keskiarvo="", vastaajia=""),
     2, "arvo", ("kumpaakaan",)),
    ("criterion eight", "scores", rows_of("scores", kriteeri="8"), 2, "kriteeri", ("1–7", "'8'")),
    ("criterion text unknown", "scores", rows_of("scores", kriteeri="on kiva"),
     2, "kriteeri", ("kriteerin",)),
    ("unknown respondent group", "scores", rows_of("scores", vastaajaryhmä="kaikki"),
     2, "vastaajaryhmä", ("osallistujat",)),
    ("scale upside down", "scores",
     with_column(with_column(VALID["scores"], "asteikko_min", ["5", "1"]), "asteikko_max",
                 ["1", "5"]), 2, "asteikko_max", ("suuremmaksi",)),
    ("negative feedback count", "feedback", rows_of("feedback", lukumäärä="-1"),
     2, "lukumäärä", ("≥ 0", "'-1'")),
    ("speaker table number not a number", "speakers", rows_of("speakers", nro="eka"),
     2, "nro", ("kokonaislukua",)),
]


def _many_rows(n: int) -> bytes:
    return ("kierros;nro;nimi\n" + "k;1;a\n" * n).encode()


#: Files that are no table: (id, bytes, message fragment); the problem is on row 0.
BAD_FILES = [
    ("empty file", b"", "tyhjä"),
    ("only spaces and newlines", b"  \r\n\r\n", "tyhjä"),
    ("only a bom", b"\xef\xbb\xbf", "tyhjä"),
    ("header only", "kierros;nro;nimi\r\n".encode(), "vain otsikkorivi"),
    ("binary with nul bytes", b"kierros;nro\x00\x01\x02\x00\xff" * 20, "binääri"),
    ("png image", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binääri"),
    ("control characters", bytes(range(1, 9)) * 50, "binääri"),
    ("html saved as csv", b"<!DOCTYPE html><html><body><table><tr><td>kierros</td></tr>"
                          b"</table></body></html>", "HTML"),
    ("html table fragment", b"\r\n  <table><tr><td>1</td></tr></table>", "HTML"),
    ("legacy xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    ("pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ("broken zip", b"PK\x03\x04" + b"\x00garbage" * 10, ".xlsx"),
    ("undecodable bytes", b"kierros;nimi\r\nk;\x81\x8d\x8f\r\n", "merkistö"),
    ("250 000 rows", _many_rows(250_000), "200 000"),
]


#: CSV that cannot be split into rows: (id, bytes, Excel row, column, message fragment).
STRUCTURE_ERRORS = [
    ("ragged row", "kierros;nro;nimi\r\nk;1;a\r\nk;2;b;x;y\r\n".encode(), 3, "D",
     "rivillä 3 on 5 kenttää"),
    ("ragged row after a quoted line break", 'kierros;nro;nimi\r\nk;1;"a\r\nb"\r\nk;2;b;x\r\n'
     .encode(), 3, "D", "rivillä 3 on 4 kenttää"),
    ("unbalanced quote", 'kierros;nro;nimi\r\nk;1;a\r\nk;2;"b\r\nk;3;c\r\n'.encode(), 3,
     "nimi", "lainausmerkki"),
    ("one nul byte", "kierros;nro;nimi\r\nk;1;a\r\nk;2;b\x00c\r\n".encode(), 3, "nimi",
     "NUL-merkki"),
]


# -------------------------------------------------------------------------- Mentimeter
@dataclass
class Slide:
    """One slide block of a Menti session sheet."""

    statements: Sequence[str] = CRITERIA
    counts: Sequence[Sequence[int]] = ()
    scale: Sequence[object] = (1, 2, 3, 4, 5)
    averages: Sequence[object] | None = None  # None: the correct ones, rounded to 1 decimal
    respondents: int | None = None            # None: the largest statement total
    type: str = "scales"
    question: str = "Miten kuntasi toteuttaa järjestöystävällisyyden kriteerit?"
    when: object = field(default_factory=lambda: datetime(2021, 1, 26, 14, 5))
    no_votes: bool = False


def slide_rows(number: int, slide: Slide, session: int) -> list[list[object]]:
    """The rows of one block, as the Mentimeter export lays them out."""
    rows = [[f"Question {number}"], ["Date", slide.when], ["Session", f"Session {session}"],
            ["Type", slide.type], ["Question", slide.question],
            ["Respondents", _respondents(slide)]]
    if slide.type != "scales":
        return rows + [["Choices", "Votes"], ["Kyllä", 3], ["Ei", 1]]
    rows.append(["Choices", "Weighted average", *slide.scale])
    if slide.no_votes:
        return rows + [["No votes for this session"]]
    for i, (text, counts) in enumerate(zip(slide.statements, slide.counts)):
        rows.append([text, _average(slide, i, counts), *counts])
    return rows


def _respondents(slide: Slide) -> int:
    if slide.respondents is not None:
        return slide.respondents
    return max([sum(c) for c in slide.counts] or [0])


def _average(slide: Slide, i: int, counts: Sequence[int]) -> object:
    if slide.averages is not None:
        return slide.averages[i]
    values = [float(v) for v in slide.scale]
    n = sum(counts)
    return round(sum(v * c for v, c in zip(values, counts)) / n, 1) if n else ""


def menti_bytes(sessions: Sequence[Sequence[Slide]], *, voters: bool = True) -> bytes:
    """A Mentimeter results workbook: `Voters` (header on row 3) and `Session N` sheets."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "Voters"
    if voters:
        ws.append(["Kumppanuuspöytä", "", ""])
        ws.append(["Exported", date(2021, 1, 27).isoformat()])
        ws.append(["Voter", "Session", *(f"Kriteerit: {t}" for t in CRITERIA)])
        ws.append(["v1", "Session 1", *([3] * 7)])
    for s, slides in enumerate(sessions, start=1):
        sheet = workbook.create_sheet(f"Session {s}")
        for q, slide in enumerate(slides, start=1):
            for row in slide_rows(q, slide, s):
                sheet.append(row)
            sheet.append([])
    return _save(workbook)


def seven_counts(base: int = 2) -> list[list[int]]:
    """Counts for 7 statements on a 5-point scale: statement i has i+base votes on value 3 etc."""
    return [[1, base, i + 1, 2, 1] for i in range(7)]


# ------------------------------------------------------------- hostile and careless files
# Built by hand, part by part, so a test can state exactly what the zip directory declares and
# what the sheet XML holds — openpyxl would refuse to write most of these.
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
    'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/>{shared}</Types>')
_SHARED_TYPE = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
         'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
             'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats'
             '.org/officeDocument/2006/relationships"><sheets><sheet name="Taul1" sheetId="1" '
             'r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
    'sheet1.xml"/>{shared}</Relationships>')
_SHARED_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
               '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
              'openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"


def inline_cell(ref: str, text: str) -> str:
    from xml.sax.saxutils import escape

    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def sheet_row(number: int, texts: Sequence[str], attributes: str = "") -> str:
    """One `<row>` of inline-string cells A, B, C, …"""
    cells = "".join(inline_cell(f"{column_letter(i)}{number}", t) for i, t in enumerate(texts))
    return f'<row r="{number}"{attributes}>{cells}</row>'


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (Excel's column names)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def raw_xlsx(sheet_parts: Iterable[str | bytes], *, dimension: str = "",
             shared_strings: Iterable[str | bytes] | None = None,
             compresslevel: int = 9) -> bytes:
    """A minimal workbook whose first sheet's XML is `sheet_parts` (streamed into the zip, so a
    part list of hundreds of megabytes never sits in memory at once). Level 9 by default: the
    bombs must stay small; a file that only needs to be long may pass a faster level."""
    buffer = io.BytesIO()
    shared = shared_strings is not None
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as book:
        book.writestr("[Content_Types].xml",
                      _CONTENT_TYPES.format(shared=_SHARED_TYPE if shared else ""))
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels",
                      _WORKBOOK_RELS.format(shared=_SHARED_REL if shared else ""))
        dim = f'<dimension ref="{dimension}"/>' if dimension else ""
        _stream(book, "xl/worksheets/sheet1.xml", [SHEET_HEAD.format(dimension=dim),
                                                  *sheet_parts, SHEET_TAIL])
        if shared:
            _stream(book, "xl/sharedStrings.xml", shared_strings)
    return buffer.getvalue()


def _stream(book: zipfile.ZipFile, name: str, parts: Iterable[str | bytes],
            flush_at: int = 1 << 20) -> None:
    """Write `parts` into the zip member `name`, joined into ~1 MB writes (one zip write per
    part cost more than the parse under test for a million one-row parts)."""
    with book.open(name, "w", force_zip64=True) as out:
        pending: list[bytes] = []
        size = 0
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            pending.append(data)
            size += len(data)
            if size >= flush_at:
                out.write(b"".join(pending))
                pending, size = [], 0
        out.write(b"".join(pending))


def repeated(part: str, times: int, chunk: int = 100_000) -> Iterator[str]:
    """`part` × `times`, yielded in pieces of `chunk` repetitions."""
    while times > 0:
        n = min(chunk, times)
        yield part * n
        times -= n


def wide_row_bomb(cells: int = 10_000_000) -> bytes:
    """One row with `cells` cells — the 293 KB file that ran for 21 minutes."""
    return raw_xlsx(['<row r="1">', *repeated("<c><v>1</v></c>", cells), "</row>"])


def huge_shared_string(chars: int) -> bytes:
    """A header row plus one row whose name cell is a `chars`-character shared string."""
    head = sheet_row(1, ["kierros", "nro", "nimi"])
    row = '<row r="2"><c r="A2" t="inlineStr"><is><t>k</t></is></c><c r="B2"><v>1</v></c>' \
          '<c r="C2" t="s"><v>0</v></c></row>'
    strings = ['<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats'
               '.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
               *repeated("x", chars, chunk=10_000_000), "</t></si></sst>"]
    return raw_xlsx([head, row], shared_strings=strings)


def blank_rows_xlsx(rows: int) -> bytes:
    """A valid speakers sheet followed by `rows` empty, formatted rows (as Excel keeps them)."""
    head = [sheet_row(i + 1, r) for i, r in enumerate(VALID["speakers"])]
    blanks = (f'<row r="{n}" s="1" customFormat="1"/>' for n in range(4, 4 + rows))
    return raw_xlsx(itertools.chain(head, blanks), compresslevel=1)


def hidden_row_xlsx() -> bytes:
    """The valid speakers with data row 3 hidden (Format → Hide rows)."""
    rows = VALID["speakers"]
    return raw_xlsx([sheet_row(1, rows[0]), sheet_row(2, rows[1]),
                     sheet_row(3, rows[2], ' hidden="1"')])


def mac_roman_csv(rows: Sequence[Sequence[str]]) -> bytes:
    """'CSV (Macintosh)' from Excel for Mac: Mac Roman, `;`, CR line ends."""
    return csv_bytes(rows, encoding="mac_roman", newline="\r")


def utf8_with_stray_byte(rows: Sequence[Sequence[str]], *, row: int, column: int,
                         char: str = "ä") -> bytes:
    """UTF-8 text in which one character of cell (row, column) — data row numbers as in Excel —
    was pasted in as a single cp1252 byte."""
    cells = [list(r) for r in rows]
    marker = "\x00MARK\x00"
    cells[row - 1][column] = cells[row - 1][column] + marker
    data = csv_bytes(cells)
    return data.replace(marker.encode(), char.encode("cp1252"))


def many_columns_csv(extra: int) -> bytes:
    """Valid speakers plus `extra` extra columns named x1, x2, … (empty cells)."""
    rows = [list(r) for r in VALID["speakers"]]
    rows[0] += [f"x{i}" for i in range(1, extra + 1)]
    for r in rows[1:]:
        r += [""] * extra
    return csv_bytes(rows)


def lying_size_xlsx(declared: int = 10) -> bytes:
    """Valid speakers whose sheet's central-directory entry declares `declared` bytes
    uncompressed — a bomb that hides its size from the zip directory."""
    import struct

    data = bytearray(raw_xlsx([sheet_row(i + 1, r) for i, r in enumerate(VALID["speakers"])]))
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack("<H", data[at + 28:at + 30])[0]
        if bytes(data[at + 46:at + 46 + name_length]) == b"xl/worksheets/sheet1.xml":
            data[at + 24:at + 28] = struct.pack("<I", declared)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)
