"""Formula cells: neutralised in everything made for spreadsheets, exact in the CLI's CSV made
for re-import, and the built-in table download (which cannot neutralise) is switched off."""

from __future__ import annotations

import io
import tomllib

import openpyxl
import pandas as pd

from kumppanuus import exports
from kumppanuus.ingest import pipeline
from kumppanuus.store import Store
from tests.cli_support import run_cli
from tests.conftest import ROOT
from tests.filefactory import csv_bytes

TRICKY = [["kunta", "nimi", "organisaatio", "puhelin", "huomio"],
          ["Lapua", "Testi Henkilö", "-hanke", "+358 40 123 4567", '=HYPERLINK("http://x","y")'],
          ["Alavus", "Toinen Henkilö", "@yhdistys", "040 765 4321", "+ 2 muuta"]]


def test_the_cli_export_is_exact_and_re_imports_without_a_change(tmp_path):
    source = tmp_path / "yhteystiedot.csv"
    source.write_bytes(csv_bytes(TRICKY))
    assert run_cli("import", "contacts", str(source)).returncode == 0
    out = tmp_path / "vienti.csv"
    assert run_cli("export", "contacts", "--include-personal", "-o", str(out)).returncode == 0
    exported = pd.read_csv(out, dtype=str, keep_default_na=False)
    row = exported[exported["name"] == "Testi Henkilö"].iloc[0]
    assert (row["organisation"], row["phone"], row["note"]) == (
        "-hanke", "+358 40 123 4567", '=HYPERLINK("http://x","y")')
    again = run_cli("import", "contacts", str(out))
    assert again.returncode == 0, again.stderr
    assert "lisätty 0, päivitetty 0" in again.stdout


def test_the_spreadsheet_csv_neutralises_formulas():
    text = exports.csv_bytes(pd.DataFrame(TRICKY[1:], columns=TRICKY[0]), excel=True).decode(
        "utf-8-sig")
    assert ";'-hanke;'+358 40 123 4567;\"'=HYPERLINK" in text
    assert ";=HYPERLINK" not in text and ";-hanke" not in text


def test_the_xlsx_keeps_values_exact_as_quote_prefixed_text_cells():
    book = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(
        pd.DataFrame(TRICKY[1:], columns=TRICKY[0]))))
    cells = {c.value: c for row in book.active.iter_rows(min_row=2) for c in row}
    formula = cells['=HYPERLINK("http://x","y")']
    assert formula.data_type == "s" and formula.quotePrefix
    assert cells["-hanke"].quotePrefix and cells["+358 40 123 4567"].quotePrefix
    assert not cells["Testi Henkilö"].quotePrefix


def test_history_neutralises_a_file_name_that_is_a_formula(tmp_path, store: Store):
    # no "/" in the name: the history keeps only the base name of what the browser sent
    name = '=HYPERLINK("evil.example","x")+cmd.csv'
    checked = pipeline.check_bytes("contacts", csv_bytes(TRICKY), name, store)
    pipeline.write(store, checked, user="test")
    listing = run_cli("history").stdout
    assert "'=HYPERLINK" in listing
    assert ',=HYPERLINK' not in listing and ',"=HYPERLINK' not in listing


def test_the_built_in_table_download_is_switched_off():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["client"]["disableDataExport"] is True


def test_a_download_with_the_specs_finnish_headers_is_headed_in_the_users_language():
    import pandas as pd

    from kumppanuus import exports, metrics

    finnish = pd.DataFrame(columns=list(metrics.ATTENDANCE_HEADERS.values()))
    assert list(exports.for_download(finnish, "fi").columns) == list(finnish.columns)
    for lang in ("sv", "en"):
        shown = list(exports.for_download(finnish, lang).columns)
        assert not set(shown) & set(finnish.columns), (lang, shown)
