"""Bytes for downloads: CSV (UTF-8, `,`, as the CLI) and XLSX, formula-safe."""

from __future__ import annotations

import io

import pandas as pd

from kumppanuus.privacy import neutralise_formulas


def csv_bytes(df: pd.DataFrame, *, excel: bool = False) -> bytes:
    """CSV text; `excel=True` gives Finnish-Excel CSV (`;`, UTF-8 with BOM, decimal comma)."""
    safe = neutralise_formulas(df)
    if excel:
        return safe.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
    return safe.to_csv(index=False).encode("utf-8")


def xlsx_bytes(df: pd.DataFrame, sheet: str = "tiedot") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        neutralise_formulas(df).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()
