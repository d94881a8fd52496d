"""Download buttons for what a page shows: data as CSV/XLSX, charts as PNG.

Data is produced only when the button is clicked (a callable `data`), and clicking does not
rerun the page (`on_click="ignore"`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from kumppanuus import chart_style, charts, examples, exports
from kumppanuus.i18n import municipality_names, t
from ui import data


def leader_names() -> dict[str, str]:
    """Leader area code → name, for downloads."""
    areas = data.reference("leader_areas")
    return dict(zip(areas["code"], areas["name"]))


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_xlsx(columns, df: pd.DataFrame, name: str, key: str, lang: str) -> None:
    name = exports.download_name(df, name)
    areas = leader_names()

    def shown() -> pd.DataFrame:  # made on a click, not on every rerun
        return exports.for_download(df, lang, areas)

    columns[0].download_button(t("download_csv", lang),
                               lambda: exports.csv_bytes(shown(), excel=True),
                               file_name=f"{name}.csv", mime="text/csv", key=f"{key}_csv",
                               on_click="ignore")
    columns[1].download_button(t("download_xlsx", lang), lambda: exports.xlsx_bytes(shown()),
                               file_name=f"{name}.xlsx", mime=XLSX_MIME, key=f"{key}_xlsx",
                               on_click="ignore")


def data_buttons(df: pd.DataFrame, name: str, key: str, lang: str = "fi") -> None:
    """CSV (Finnish Excel: `;`, BOM) and XLSX of `df`; the caller removes personal columns."""
    _csv_xlsx(st.columns(2), df, name, key, lang)


def csv_button(df: pd.DataFrame, name: str, key: str, lang: str = "fi") -> None:
    """One CSV button (Finnish Excel form) with the example label carried along."""
    areas = leader_names()
    st.download_button(t("download_csv", lang),  # the file is made on a click, not on every rerun
                       lambda: exports.csv_bytes(exports.for_download(df, lang, areas), excel=True),
                       f"{exports.download_name(df, name)}.csv", "text/csv", key=key,
                       on_click="ignore")


def _caption(chart, df: pd.DataFrame, lang: str) -> chart_style.Caption:
    """Title, round, filters and source line for a chart's PNG (from the sidebar's choices;
    the example label from the rows)."""
    ctx = st.session_state.get("_ctx")
    spec = chart.to_dict() if not isinstance(chart, dict) else chart
    filters = []
    if ctx is not None and ctx.leader_area:
        areas = data.reference("leader_areas")
        filters.append(dict(zip(areas["code"], areas["name"])).get(ctx.leader_area, ""))
    if ctx is not None and ctx.municipality:
        filters.append(municipality_names(data.reference("municipalities"), lang)
                       .get(ctx.municipality, ctx.municipality))
    rnd = (ctx.round if ctx is not None else None) or t("all_rounds", lang)
    source = t("source_note_example" if examples.has_example_rows(df) else "source_note", lang)
    return chart_style.Caption(
        chart_style.chart_title(spec), t("caption_round", lang, round=rnd),
        t("caption_filters", lang, filters=", ".join(filters) or t("caption_no_filter", lang)),
        source)


def chart_buttons(chart: alt.TopLevelMixin, df: pd.DataFrame, name: str, key: str,
                  lang: str = "fi") -> None:
    """PNG of the chart plus the data behind it as CSV and XLSX."""
    c1, c2, c3 = st.columns(3)
    c1.download_button(t("download_png", lang),
                       lambda: charts.to_png(chart, lang=lang, caption=_caption(chart, df, lang)),
                       file_name=f"{exports.download_name(df, name)}.png", mime="image/png", key=f"{key}_png",
                       on_click="ignore")
    _csv_xlsx((c2, c3), df, name, key, lang)
