"""Upload templates: Finnish headers and one row that is obviously an example."""

from __future__ import annotations

import pandas as pd

from kumppanuus import exports
from kumppanuus.schema import kind_spec

EXAMPLE = "ESIMERKKI – poista tämä rivi"
EXAMPLE_ROWS: dict[str, dict[str, object]] = {
    "tables": {"round": "kevät 2099 (esimerkki)", "table_no": 1, "date": "1.2.2099",
               "name": EXAMPLE, "municipalities": "Lapua, Kauhava", "participants": 40,
               "format": "verkko"},
    "contacts": {"municipality": "Lapua", "name": EXAMPLE, "role": "järjestöyhdyshenkilö",
                 "organisation": "Esimerkkikunta", "email": "etunimi.sukunimi@esimerkki.invalid",
                 "status": "aktiivinen"},
    "speakers": {"round": "kevät 2099 (esimerkki)", "table_no": 1, "name": EXAMPLE,
                 "title": "kunnanjohtaja", "organisation": "Esimerkkikunta"},
    "scores": {"round": "kevät 2099 (esimerkki)", "source": "pöytä 1 (esimerkki)",
               "date": "1.2.2099", "municipality": "Lapua", "respondent_group": "osallistujat",
               "criterion": 1, "mean": "3,5", "n": 12, "scale_min": 1, "scale_max": 5},
    "feedback": {"round": "kevät 2099 (esimerkki)", "table_no": 1, "question": "sisältö",
                 "option": "Hyvä", "count": 7},
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
