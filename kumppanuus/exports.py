"""Bytes for downloads, in two kinds — which is which matters (README "Exports"):

* `csv_bytes(df)` — the command line's CSV (UTF-8, `,`, canonical headers) made FOR RE-IMPORT:
  exact, cell for cell; `-hanke` and `+358 40 …` stay as they are.
* `csv_bytes(df, excel=True)` and `xlsx_bytes(df)` — made FOR SPREADSHEETS (every download
  button of the app): nothing in them runs as a formula. In Finnish-Excel CSV the only means is
  a leading apostrophe (`'=…`, OWASP's CSV-injection advice); ingest removes exactly that
  apostrophe again, so a downloaded CSV re-imports unchanged. In XLSX the value stays exact and
  the cell is a text cell with Excel's own "quote prefix" flag, so it stays text even when edited.

A page's download carries its example label with it: `for_download` turns the rows' own
`is_example` flag into a column the reader sees ("esimerkkiaineisto": kyllä/ei) and
`download_name` starts the file name with "esimerkki_".
"""

from __future__ import annotations

import io

import pandas as pd

from kumppanuus.examples import has_example_rows
from kumppanuus.i18n import has, header_in, t
from kumppanuus.privacy import FORMULA_PREFIXES, neutralise_formulas


#: Decimals a column is shown with on screen (downloads round the same way); other floats: 2.
DECIMALS = {"per_1000": 1, "mean_pct": 0, "participants_pct": 0, "managers_pct": 0,
            "from_pct": 0, "to_pct": 0, "gap_pct": 1, "change_pct": 1, "mean": 2, "share": 3,
            "osallistujia_per_1000_asukasta": 1}


def for_download(df: pd.DataFrame, lang: str = "fi",
                 leader_areas: dict[str, str] | None = None) -> pd.DataFrame:
    """`df` as a page download (never the CLI's canonical CSV): numbers rounded as the screen
    shows them, Leader areas by name (`leader_areas`: code → name), headers in `lang` where the
    catalogs name the column (`col_<column>`), and an `is_example` flag as the labelled first
    column "esimerkkiaineisto" (kyllä/ei), so no reader misses it."""
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(DECIMALS.get(column, 2))
    if leader_areas:
        for column in ("leader_area", "Leader-alue"):
            if column in out.columns:
                out[column] = out[column].map(lambda c: leader_areas.get(c, c))
    flags = out.pop("is_example").fillna(False).astype(bool) if "is_example" in out else None
    # canonical names via their catalog key; the spec's Finnish headers via their Finnish text
    out = out.rename(columns={c: t(f"col_{c}", lang) if has(f"col_{c}") else header_in(c, lang)
                              for c in out.columns if isinstance(c, str)})
    if flags is None:
        return out
    label = t("col_example", lang)
    out.insert(0, label, flags.map({True: t("yes", lang), False: t("no", lang)}).to_numpy())
    return out


def file_stem(text: str) -> str:
    """`kevät 2021` → `kevat_2021`: ASCII letters and digits joined by `_`, lower case, for a
    file name every system keeps."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "_".join("".join(ch if ch.isalnum() else " " for ch in ascii_text).split()).lower()


def download_name(df: pd.DataFrame, name: str) -> str:
    """File name stem for a download of `df`: `esimerkki_<name>` when it has example rows."""
    return f"esimerkki_{name}" if has_example_rows(df) else name


def csv_bytes(df: pd.DataFrame, *, excel: bool = False) -> bytes:
    """CSV text; `excel=True` gives Finnish-Excel CSV (`;`, UTF-8 with BOM, decimal comma) with
    formula-looking cells neutralised; without it the CSV is exact (for re-import)."""
    if excel:
        return neutralise_formulas(df).to_csv(index=False, sep=";", decimal=",").encode(
            "utf-8-sig")
    return df.to_csv(index=False).encode("utf-8")


def xlsx_bytes(df: pd.DataFrame, sheet: str = "tiedot") -> bytes:
    """A one-sheet workbook; text that looks like a formula is a quote-prefixed text cell."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        df.to_excel(writer, index=False, sheet_name=sheet[:31])
        _as_text_cells(writer.sheets[sheet[:31]])
    return buf.getvalue()


def _as_text_cells(worksheet) -> None:
    # openpyxl stores any str starting with "=" as a formula; turn such cells (and "+", "-",
    # "@" text, which Excel would re-read as a formula on edit) into quote-prefixed text.
    for row in worksheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                cell.data_type = "s"
                cell.quotePrefix = True
