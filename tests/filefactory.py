"""Upload files built in code: CSV in every encoding/delimiter Excel writes, XLSX, Menti exports.

Nothing here reads a real file; every test states the bytes it feeds to ingest.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
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
