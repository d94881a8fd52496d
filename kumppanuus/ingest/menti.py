"""Mentimeter results export (.xlsx) → `scores` rows (one aggregate mean + n per criterion).

Layout (shared/spec/data-formats.md): a `Voters` sheet (header on row 3) and one `Session N` sheet
per session. In a session sheet each slide is a block: a `Question N` title row, then `Date`,
`Session`, `Type`, `Question`, `Respondents` rows; for `Type` = `scales` a header row
`Choices | Weighted average | <min> … <max>` and one row per statement with its average and the
count for each scale value (or a `No votes for this session` row).

Decisions:
* Blocks whose statements are the seven criteria are used: matched by text (case, spacing,
  punctuation and a leading "1." ignored), else by order when a block has exactly 7 statements
  (with a warning). Several such blocks (several sessions) are added up, count by count.
* Means are recomputed from the counts; the stored row is mean = sum / n with n = sum of counts,
  and carries the exact sum (value × count added up) as an extra column `score_sum`, which
  `kinds.scores_to_db` stores instead of mean × n (that product can be off by float error).
* A file whose reported average differs from the recomputed one by more than 0.05, or whose
  counts add up to more than the block's respondents, is a PROBLEM (nothing is imported): the
  file has been edited or mixed up and only a person can tell which number is right. Fewer
  counts than respondents is normal (people skip statements) and passes silently.
* Problems point at the session sheet: row = sheet row, column = "Session N / <header>".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

import numpy as np
import pandas as pd

from kumppanuus.errors import FileTooLarge, NotMentiExport, UnreadableFile
from kumppanuus.ingest.parsing import parse
from kumppanuus.ingest.reading import DEFAULT_MAX_BYTES, open_workbook, sheet_rows
from kumppanuus.ingest.results import IngestResult, Problem
from kumppanuus.municipality_names import MunicipalityResolver
from kumppanuus.schema import criterion_number, kind_spec

_SESSION_RE = re.compile(r"^session\s*\d+$", re.IGNORECASE)
_QUESTION_RE = re.compile(r"^question\s*\d+$", re.IGNORECASE)
_META = ("date", "session", "type", "question", "respondents")
_TOLERANCE = 0.05
_MAX_SHEET_ROWS = 20_000


@dataclass(frozen=True)
class MentiContext:
    """What the user says the file is; the export itself does not know."""

    round: str
    source: str
    municipality: str
    respondent_group: str
    date: str | date | None = None

    @classmethod
    def from_mapping(cls, meta: Mapping[str, object]) -> MentiContext:
        """From the CLI's options dict (`group` or `respondent_group`; `date` optional)."""
        group = meta.get("respondent_group", meta.get("group"))
        return cls(*(str(meta.get(k) or "") for k in ("round", "source", "municipality")),
                   str(group or ""), meta.get("date") or None)


@dataclass
class _Block:
    sheet: str
    row: int
    meta: dict[str, str] = field(default_factory=dict)
    header: tuple[int, list[str]] | None = None
    statements: list[tuple[int, list[str]]] = field(default_factory=list)
    no_votes: bool = False

    @property
    def is_scales(self) -> bool:
        return self.meta.get("type", "").strip().casefold() == "scales"


def is_menti_export(data: bytes) -> bool:
    """Whether the bytes are an XLSX workbook with `Session N` sheets (for the upload page)."""
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        workbook = open_workbook(data, "")  # measured first: a bomb is no Menti export
    except UnreadableFile:
        return False
    try:
        return bool(_session_names(workbook))
    finally:
        workbook.close()


def _session_names(workbook) -> list[str]:
    return [name for name in workbook.sheetnames if _SESSION_RE.match(name.strip())]


def read_blocks(data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[_Block]:
    """Every slide block of every `Session N` sheet; NotMentiExport for any other workbook."""
    if data[:4] != b"PK\x03\x04":
        raise NotMentiExport(f"'{filename}' ei ole Mentimeterin tulosvienti: odotettiin "
                             ".xlsx-työkirjaa, jossa on välilehdet 'Voters' ja 'Session 1'")
    workbook = open_workbook(data, filename, max_bytes=max_bytes)  # bounded before parsing
    try:
        sessions = _session_names(workbook)
        if not sessions:
            raise NotMentiExport(
                f"'{filename}' ei ole Mentimeterin tulosvienti: odotettiin välilehtiä 'Voters' "
                f"ja 'Session 1', löytyi {', '.join(workbook.sheetnames)}")
        return [block for name in sessions for block in
                _sheet_blocks(name, sheet_rows(workbook[name], _MAX_SHEET_ROWS, filename))]
    finally:
        workbook.close()


def _sheet_blocks(sheet: str, rows: list[list[str]]) -> list[_Block]:
    blocks: list[_Block] = []
    in_table = False
    for number, cells in enumerate(rows, start=1):
        first = cells[0].strip() if cells else ""
        if _QUESTION_RE.match(first):
            blocks.append(_Block(sheet, number))
            in_table = False
        elif blocks and any(cells):
            in_table = _block_row(blocks[-1], number, cells, first, in_table)
        else:
            in_table = False
    return blocks


def _block_row(block: _Block, number: int, cells: list[str], first: str, in_table: bool) -> bool:
    key = first.casefold()
    if "no votes" in key:
        block.no_votes = True
    elif key == "choices":
        block.header = (number, cells)
        return True
    elif in_table:
        block.statements.append((number, cells))
        return True
    elif key in _META:
        block.meta[key] = cells[1] if len(cells) > 1 else ""
    return in_table


# ----------------------------------------------------------------------- counts and checks
def _numeric(texts: list[str]) -> np.ndarray:
    """pandas' number parsing of a few cell texts (NaN where not a number), on an array: a
    Series per statement row cost more than the rest of reading the slide."""
    return pd.to_numeric(np.array(texts, dtype=object), errors="coerce")


@dataclass
class _Tally:
    """Counts of one statement, added up over blocks."""

    scale: tuple[float, ...]
    counts: list[int]
    row: int

    @property
    def n(self) -> int:
        return sum(self.counts)

    @property
    def total(self) -> float:
        return sum(v * c for v, c in zip(self.scale, self.counts))


class _Reader:
    """Turns blocks into tallies per criterion, collecting problems and warnings."""

    def __init__(self, filename: str) -> None:
        self.file = filename
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.tallies: dict[int, _Tally] = {}
        self.dates: list[str] = []

    def problem(self, row: int, column: str, value: str, message: str) -> None:
        self.problems.append(Problem(self.file, row, column, value, message))

    def warn(self, row: int, column: str, value: str, message: str) -> None:
        self.warnings.append(Problem(self.file, row, column, value, message))

    def add_block(self, block: _Block) -> None:
        if block.is_scales and (block.no_votes or not block.statements):
            self.warn(block.row, f"{block.sheet} / Question", block.meta.get("question", ""),
                      "asteikkodiassa ei ole ääniä (No votes for this session); se ohitetaan")
            return
        criteria = self._criteria(block)
        if criteria is None:
            return
        scale = self._scale(block)
        if scale is None:
            return
        self.dates.append(block.meta.get("date", ""))
        for (row, cells), number in zip(block.statements, criteria):
            if number is None:
                continue
            counts = self._counts(block, row, cells, scale)
            if counts is not None:
                self._add(block, number, _Tally(scale, counts, row))

    def _criteria(self, block: _Block) -> list[int | None] | None:
        """The criterion of each statement (None: not a criterion, skipped with a warning).

        By text first; a block where no text matches but there are exactly seven statements is
        mapped by order (with a warning); a block with nothing to map is not about criteria.
        """
        if not block.is_scales:
            return None
        texts = [cells[0] for _, cells in block.statements]
        numbers = [criterion_number(re.sub(r"^\s*\d+\s*[.)]\s*", "", t)) for t in texts]
        matched = [n for n in numbers if n is not None]
        if matched and len(set(matched)) == len(matched):
            for (row, _), text, number in zip(block.statements, texts, numbers):
                if number is None:
                    self.warn(row, f"{block.sheet} / Choices", text, (
                        f"väittämä '{text}' ei ole mikään järjestöystävällisen kunnan seitsemästä "
                        "kriteeristä; se ohitetaan ja muut väittämät tuodaan"))
            return numbers
        if matched:
            twice = next(n for n in matched if matched.count(n) > 1)
            self.problem(block.row, f"{block.sheet} / Choices", block.meta.get("question", ""),
                         f"kriteeri {twice} on samalla diassa useammin kuin kerran; odotettiin "
                         "kutakin kriteeriä vain kerran diaa kohden")
            return None
        if len(texts) == 7:
            self.warn(block.row, f"{block.sheet} / Choices", block.meta.get("question", ""),
                      "väittämien teksti ei vastaa kriteerejä; ne yhdistettiin kriteereihin "
                      "1–7 järjestyksessä — tarkista, että järjestys on oikea")
            return list(range(1, 8))
        return None

    def _scale(self, block: _Block) -> tuple[float, ...] | None:
        row, cells = block.header or (block.row, [])
        values = _numeric(cells[2:])
        if len(values) < 2 or pd.isna(values).any() or (np.diff(values) < 0).any():
            self.problem(row, f"{block.sheet} / Choices", " | ".join(cells), (
                "asteikkokysymyksen otsikkorivi on vajaa; odotettiin 'Choices | Weighted "
                "average | 1 | 2 | … | 5', saatiin " + " | ".join(cells)))
            return None
        return tuple(float(v) for v in values)

    def _counts(self, block, row, cells, scale) -> list[int] | None:
        raw = (cells[2:] + [""] * len(scale))[: len(scale)]
        counts = _numeric(["0" if text == "" else text for text in raw])
        if pd.isna(counts).any() or (counts < 0).any() or (counts % 1 != 0).any():
            self.problem(row, f"{block.sheet} / {cells[0]}", " | ".join(raw),
                         "odotettiin vastausten lukumääriä (kokonaislukuja ≥ 0), saatiin "
                         + " | ".join(raw))
            return None
        counts = [int(c) for c in counts]
        self._check_average(block, row, cells, scale, counts)
        self._check_respondents(block, row, counts)
        return counts

    def _check_average(self, block, row, cells, scale, counts) -> None:
        reported = _numeric([(cells[1] if len(cells) > 1 else "").replace(",", ".")])[0]
        tally = _Tally(scale, counts, row)
        if pd.isna(reported) or tally.n == 0:
            return
        if abs(reported - tally.total / tally.n) > _TOLERANCE:
            self.problem(row, f"{block.sheet} / Weighted average", cells[1], (
                f"ilmoitettu keskiarvo {cells[1]} ei vastaa vastausmääristä laskettua "
                f"keskiarvoa {tally.total / tally.n:.2f} (n = {tally.n}); odotettiin samaa — "
                "tiedostoa on muokattu tai se on eri kyselystä"))

    def _check_respondents(self, block, row, counts) -> None:
        respondents = _numeric([block.meta.get("respondents", "")])[0]
        if pd.notna(respondents) and sum(counts) > respondents:
            self.problem(row, f"{block.sheet} / Respondents", block.meta.get("respondents", ""),
                         f"vastauksia on {sum(counts)}, mutta vastaajia vain {respondents:g}; "
                         "odotettiin enintään vastaajamäärän verran vastauksia")

    def _add(self, block: _Block, number: int, tally: _Tally) -> None:
        known = self.tallies.get(number)
        if known is None:
            self.tallies[number] = tally
        elif known.scale != tally.scale:
            self.problem(tally.row, f"{block.sheet} / Choices", "", (
                f"kriteerin {number} asteikko {tally.scale[0]:g}–{tally.scale[-1]:g} eroaa "
                f"aiemmasta ({known.scale[0]:g}–{known.scale[-1]:g}); odotettiin samaa "
                "asteikkoa kaikissa istunnoissa"))
        else:
            known.counts = [a + b for a, b in zip(known.counts, tally.counts)]


# ------------------------------------------------------------------------------ the result
def parse_menti(
    data: bytes, filename: str, resolver: MunicipalityResolver,
    context: MentiContext | Mapping[str, object] | None, *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestResult:
    """Scores rows from a Mentimeter export; raises NotMentiExport/UnreadableFile for files that
    are not one (`kumppanuus.ingest.parse_bytes(kind="menti")` turns those into problems)."""
    if context is None:
        raise UnreadableFile("menti-tuonti tarvitsee tiedot kierros, lähde, kunta ja "
                             "vastaajaryhmä; odotettiin ne valitsimina tai lomakkeelta")
    if not isinstance(context, MentiContext):
        context = MentiContext.from_mapping(context)
    if len(data) > max_bytes:
        raise FileTooLarge(f"tiedosto '{filename}' on liian suuri: {len(data) / 1e6:.1f} Mt; "
                           f"odotettiin enintään {max_bytes / 1e6:.1f} Mt")
    reader = _Reader(filename)
    for block in read_blocks(data, filename, max_bytes):
        reader.add_block(block)
    if not reader.tallies and not reader.problems:
        reader.problem(0, "", "", "tiedostosta ei löytynyt asteikkokysymystä (Type = scales), "
                       "jonka väittämät ovat järjestöystävällisen kunnan seitsemän kriteeriä; "
                       "odotettiin yhtä tai useampaa tällaista diaa")
    return _result(reader, context, filename, resolver)


def file_date(data: bytes, filename: str = "menti.xlsx") -> date | None:
    """The date the export itself gives (its first slide's `Date` row), or None: the upload
    page's date field starts from it rather than from today."""
    try:
        for block in read_blocks(data, filename, len(data) + 1):
            text = str(block.meta.get("date", "") or "").strip()[:10]
            if text:
                return date.fromisoformat(text)
    except Exception:  # noqa: BLE001 — only a default for a form field; parsing reports problems
        return None
    return None


def _result(reader: _Reader, context: MentiContext, filename: str,
            resolver: MunicipalityResolver) -> IngestResult:
    table = _scores_table(reader, context)
    parsed = parse("scores", table, filename, resolver)
    for problem in parsed.problems:  # only the user's own fields can fail here: point at them
        reader.problem(0, problem.column, problem.value, problem.message)
    for warning in parsed.warnings:
        reader.warn(0, warning.column, warning.value, warning.message)
    rows = parsed.rows
    tallies = [reader.tallies[c] for c in rows["criterion"]]
    rows.index = pd.Index([t.row for t in tallies], name="row")
    rows["score_sum"] = pd.Series([t.total for t in tallies], index=rows.index, dtype="float64")
    missing = [c for c in range(1, 8) if c not in reader.tallies or reader.tallies[c].n == 0]
    if reader.tallies and missing:
        reader.warn(0, "", "", "kriteereille " + ", ".join(map(str, missing)) + " ei löytynyt "
                    "vastauksia; niille ei tuoda rivejä")
    problems = list(dict.fromkeys(reader.problems))
    return IngestResult("scores", filename, rows if not problems else rows.iloc[:0],
                               problems, list(dict.fromkeys(reader.warnings)),
                               present=parsed.present)


def _scores_table(reader: _Reader, context: MentiContext) -> pd.DataFrame:
    when = context.date or next((d for d in reader.dates if d), "")
    when = when.isoformat() if isinstance(when, date) else str(when).strip()[:10]
    rows = [_row(context, when, number, tally) for number, tally in sorted(reader.tallies.items())
            if tally.n > 0]
    spec = kind_spec("scores")
    table = pd.DataFrame(rows, columns=spec.names, dtype="str").fillna("")
    table.columns = [c.header_fi for c in spec.columns]  # problems name the Finnish field
    return table


def _row(context: MentiContext, when: str, number: int, tally: _Tally) -> dict[str, str]:
    return {"round": context.round, "source": context.source, "date": when,
            "municipality": context.municipality, "respondent_group": context.respondent_group,
            "criterion": str(number), "mean": repr(tally.total / tally.n), "n": str(tally.n),
            "scale_min": repr(tally.scale[0]), "scale_max": repr(tally.scale[-1])}
