"""Stored text is shown as text: no markdown from a note, name or file name, and a missing value
is never taken for a present one (the Pöydät → "Pöydän tiedot" TypeError)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kumppanuus.ingest import pipeline
from kumppanuus.markup import plain
from kumppanuus.store import Store
from kumppanuus.values import is_missing, record
from tests.conftest import ROOT
from tests.filefactory import csv_bytes

TRACKER = "![pikseli](https://tracker.example/p.png)"
PHISH = "[Kirjaudu tästä](https://phish.example/login)"


def import_rows(store: Store, kind: str, rows) -> None:
    checked = pipeline.check_bytes(kind, csv_bytes(rows), f"{kind}.csv", store)
    assert checked.problems == [], checked.problem_lines()
    pipeline.write(store, checked, user="test")


def run_page(name: str, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / name), default_timeout=90)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT, "", "  ", []])
def test_every_form_of_missing_counts_as_missing(value):
    assert is_missing(value)


def test_a_record_turns_missing_values_into_none_so_if_is_safe():
    row = record(pd.Series({"memo_url": float("nan"), "n": pd.NA, "name": "Alavus"}))
    assert row == {"memo_url": None, "n": None, "name": "Alavus"}


def markup_in(text: str) -> list[str]:
    """Markdown constructs left unescaped: an image or link, a directive, math, HTML, a URL."""
    found = re.findall(r"(?<!\\)(!\[|\]\(|:red\[|\$x|<b>|https?:|www\.)", text)
    return found


def test_plain_text_keeps_no_markdown_construct():
    escaped = plain(f"{TRACKER} {PHISH} :red[punainen] $x$ <b> www.evil.example")
    assert markup_in(f"{TRACKER} {PHISH}")  # the check can fail…
    assert markup_in(escaped) == []  # …and does not
    assert escaped.replace("\\", "") == (f"{TRACKER} {PHISH} :red[punainen] $x$ <b> "
                                          "www.evil.example")


def test_table_details_open_for_a_table_imported_without_a_memo(store: Store):
    import_rows(store, "tables", [["kierros", "nro", "päivämäärä", "nimi", "kunnat",
                                   "osallistujia"],
                                  ["syksy 2022", "1", "1.9.2022", "Lapua", "Lapua", "10"]])
    at = run_page("pages/poydat.py")
    at.session_state["tables_tab"] = "Pöydän tiedot"
    at.run()
    at.selectbox(key="table_pick").set_value("syksy 2022|1").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Avaa muistio" not in [b.label for b in at.get("link_button")]


def test_a_contact_note_with_markdown_is_shown_as_typed_on_the_people_page(store: Store):
    import_rows(store, "contacts", [["kunta", "nimi", "tila", "huomio"],
                                    ["Soini", "Janne Kujala", "vaihtumassa", f"{TRACKER} {PHISH}"]])
    at = run_page("pages/yhteyshenkilot.py")
    body = next(w.value for w in at.warning if "Janne Kujala" in w.value)
    assert markup_in(body) == []
    assert body.replace("\\", "").endswith(f"{TRACKER} {PHISH}")


def test_a_liaison_name_with_markdown_is_shown_as_typed_in_the_map_panel(store: Store):
    import_rows(store, "contacts", [["kunta", "nimi", "organisaatio"],
                                    ["Lapua", f"Nimi {TRACKER}", PHISH]])
    at = run_page("app.py", flt_muni="408")
    line = next(m.value for m in at.markdown if "Nimi" in m.value)
    assert markup_in(line) == []
    assert line.replace("\\", "").endswith(f"Nimi {TRACKER} ({PHISH})")


def test_a_round_named_with_markdown_is_shown_as_typed_on_the_tables_page(store: Store):
    import_rows(store, "tables", [["kierros", "nro", "päivämäärä", "nimi", "kunnat",
                                   "osallistujia"],
                                  [PHISH, "1", "1.9.2022", "Lapua", "Lapua", "10"]])
    at = run_page("pages/poydat.py")
    shown = [c.value for c in at.caption if "Kirjaudu" in c.value]
    assert shown and all(markup_in(c) == [] for c in shown)
