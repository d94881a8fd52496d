"""Tooltip HTML for map features: a bold heading plus the non-empty rows the caller asked for.

folium's GeoJsonTooltip inserts property values as HTML, so every value is escaped here.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from html import escape

import pandas as pd

from geo.scales import format_fi
from kumppanuus.i18n import t
from kumppanuus.values import is_missing

#: (column, Finnish label) rows shown for a municipality when the columns exist.
UNIT_TOOLTIP: tuple[tuple[str, str], ...] = (
    ("leader_name", "Leader-alue"),
    ("joint_authority", "Yhteistoiminta-alue"),
    ("tables", "Kumppanuuspöydät"),
    ("participants", "Osallistujia"),
    ("split_note", "Miksi Kurikka on jaettu"),
)
#: Rows shown for a dissolved Leader area.
AREA_TOOLTIP: tuple[tuple[str, str], ...] = (
    ("municipalities", "Kunnat"),
    ("n_units", "Kuntia"),
    ("population_2020", "Asukkaita 2020"),
    ("tables", "Kumppanuuspöytiä"),
    ("participants", "Osallistujia"),
    ("note", "Huomaa"),
)
#: The STRINGS keys of the labels above, by column (for other languages).
UNIT_KEYS = {"leader_name": "leader_group", "joint_authority": "joint_authority",
             "tables": "partnership_tables", "participants": "participants",
             "split_note": "split_note"}
AREA_KEYS = {"municipalities": "label_municipalities", "n_units": "municipalities_count",
             "population_2020": "population_2020", "tables": "partnership_tables_count",
             "participants": "participants", "note": "map_area_note"}


def unit_tooltip(lang: str = "fi") -> tuple[tuple[str, str], ...]:
    """UNIT_TOOLTIP with its labels in `lang`."""
    return tuple((column, t(UNIT_KEYS[column], lang)) for column, _ in UNIT_TOOLTIP)


def area_tooltip(lang: str = "fi") -> tuple[tuple[str, str], ...]:
    """AREA_TOOLTIP with its labels in `lang`."""
    return tuple((column, t(AREA_KEYS[column], lang)) for column, _ in AREA_TOOLTIP)


def is_empty(value) -> bool:
    """None, NaN/NA, '' and empty lists count as no value (the app's one rule)."""
    return is_missing(value)


def value_html(value, lang: str = "fi", signed: bool = False) -> str:
    """One value as escaped HTML: lists one item a line, numbers formatted for `lang`;
    `signed` (a change or a gap) writes '+' before a positive number."""
    if isinstance(value, (list, tuple)):
        return "<br>".join(value_html(item, lang) for item in value)
    if isinstance(value, bool):
        return escape(str(value))
    if isinstance(value, numbers.Real):
        text = format_fi(value, 0 if float(value).is_integer() else 1, lang)
        return f"+{text}" if signed and value > 0 else text
    return escape(str(value))


def bilingual(name_fi: str, name_sv) -> str:
    """'Teuva / Östermark'; just the Finnish name when the Swedish one is the same or missing."""
    return name_fi if is_empty(name_sv) or name_sv == name_fi else f"{name_fi} / {name_sv}"


def tooltip_html(heading: str, row: pd.Series, fields: Sequence[tuple[str, str]],
                 lang: str = "fi") -> str:
    """`<b>heading</b>` and a table of label/value rows, skipping missing or empty values."""
    cells = [
        f"<tr><th>{escape(label)}</th><td>{value_html(row[column], lang)}</td></tr>"
        for column, label in fields
        if column in row.index and not is_empty(row[column])
    ]
    table = f"<table>{''.join(cells)}</table>" if cells else ""
    return f"<b>{escape(heading)}</b>{table}"


def tooltips_html(headings: Sequence[str], frame: pd.DataFrame, fields: Sequence[tuple[str, str]],
                  lang: str = "fi") -> list[str]:
    """`tooltip_html` for every row of `frame` at once, column by column (no Series per row,
    which was half the cost of building the units layer); the same HTML, row for row."""
    present = [(column, escape(label)) for column, label in fields if column in frame.columns]
    cells = [[f"<tr><th>{label}</th><td>{value_html(v, lang)}</td></tr>" if not is_empty(v) else ""
              for v in frame[column].tolist()] for column, label in present]
    out = []
    for heading, row in zip(headings, zip(*cells) if cells else ([()] * len(frame))):
        body = "".join(row)
        out.append(f"<b>{escape(heading)}</b>" + (f"<table>{body}</table>" if body else ""))
    return out
