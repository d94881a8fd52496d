"""Upload templates: Finnish headers and one row that is obviously an example.

Every example row carries `MARK` in a text cell; `refuse_template_rows` turns a row that still
carries it into a problem, so a filled-in template whose example row was left in never imports
that row as a real one (the file is refused until the row is deleted).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kumppanuus import exports
from kumppanuus.ingest.results import IngestResult, Problem
from kumppanuus.schema import kind_spec

MARK = "ESIMERKKI"
EXAMPLE = f"{MARK} – poista tämä rivi"
ROUND = f"kevät 2099 ({MARK})"
EXAMPLE_ROWS: dict[str, dict[str, object]] = {
    "tables": {"round": ROUND, "table_no": 1, "date": "1.2.2099",
               "name": EXAMPLE, "municipalities": "Lapua, Kauhava", "participants": 40,
               "format": "verkko"},
    "contacts": {"municipality": "Lapua", "name": EXAMPLE, "role": "järjestöyhdyshenkilö",
                 "organisation": "Esimerkkikunta", "email": "etunimi.sukunimi@esimerkki.invalid",
                 "status": "aktiivinen"},
    "speakers": {"round": ROUND, "table_no": 1, "name": EXAMPLE,
                 "title": "kunnanjohtaja", "organisation": "Esimerkkikunta"},
    "scores": {"round": ROUND, "source": EXAMPLE,
               "date": "1.2.2099", "municipality": "Lapua", "respondent_group": "osallistujat",
               "criterion": 1, "mean": "3,5", "n": 12, "scale_min": 1, "scale_max": 5},
    "feedback": {"round": ROUND, "table_no": 1, "question": "sisältö",
                 "option": "Hyvä", "count": 7},
    "actions": {"round": ROUND, "table_no": 1, "action_no": 1,
                "municipality": "Lapua", "title": EXAMPLE, "criterion": 4,
                "owner": "järjestöyhdyshenkilö", "status": "päätöksenteossa",
                "decided_by": "hyvinvointilautakunta", "due": "31.12.2099",
                "updated": "1.2.2099"},
    "highlights": {"round": ROUND, "source": "pöytä 1",
                   "municipality": "Lapua", "criterion": 4, "text": EXAMPLE},
    "organisations": {"round": ROUND, "name": EXAMPLE, "type": "hanke", "area": "Esimerkkialue",
                      "role": "järjestäjä", "source": "raportti"},
    "table_hosts": {"round": ROUND, "table_no": 1, "organisation": EXAMPLE,
                    "source": "kutsu"},
    "round_facts": {"round": ROUND, "fact": "associations", "value": "4082",
                    "unit": "järjestöä ja yhdistystä", "text": EXAMPLE, "source": "raportti"},
}


def template_frame(kind: str) -> pd.DataFrame:
    """Every column of `kind` under its Finnish header, with one example row."""
    spec = kind_spec(kind)
    example = EXAMPLE_ROWS[kind]
    return pd.DataFrame([{c.header_fi: example.get(c.name, "") for c in spec.columns}])


def template_csv(kind: str) -> bytes:
    """Finnish-Excel CSV: `;`, UTF-8 with BOM."""
    return exports.csv_bytes(template_frame(kind), excel=True)


def template_xlsx(kind: str) -> bytes:
    return exports.xlsx_bytes(template_frame(kind), sheet=kind)


def template_row_mask(rows: pd.DataFrame) -> pd.Series:
    """True for rows that still carry the template's example marker in a text cell (each
    distinct text looked at once: a round name repeats on every row)."""
    hits = np.zeros(len(rows), dtype=bool)
    for column in rows.columns:
        if rows[column].dtype == object or pd.api.types.is_string_dtype(rows[column]):
            codes, uniques = pd.factorize(rows[column])  # missing → -1 → the False appended
            marked = [isinstance(u, str) and MARK in u for u in uniques.tolist()]
            hits |= np.array(marked + [False])[codes]
    return pd.Series(hits, index=rows.index)


def refuse_template_rows(result: IngestResult) -> IngestResult:
    """Move rows still carrying `MARK` from `result.rows` to `result.problems` (in place)."""
    if result.rows.empty:
        return result
    mask = template_row_mask(result.rows)
    if not mask.any():
        return result
    headers = {c.name: c.header_fi for c in kind_spec(result.kind).columns} \
        if result.kind != "menti" else {}
    for row, values in result.rows[mask].iterrows():
        column = next(c for c in result.rows.columns
                      if MARK in str(values[c]) and isinstance(values[c], str))
        result.problems.append(Problem(
            result.file, int(row), headers.get(column, column), str(values[column]),
            f"rivi on mallipohjan esimerkkirivi ({MARK}); poista rivi ja tuo tiedosto uudelleen"))
    result.rows = result.rows[~mask]
    return result
