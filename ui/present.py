"""Presentation mode and printing: state in the URL, projector CSS, print CSS, chart drawing.

The URL carries what a presenter prepares beforehand (`?esitys=1&kunta=408&lang=sv`): it is
read once per session, before the sidebar is drawn, and written back on every run, so a reload
keeps the place.
"""

from __future__ import annotations

import altair as alt
import streamlit as st

from kumppanuus import chart_style
from kumppanuus.i18n import DEFAULT_LANG, LANGUAGES

#: URL parameter → session-state key, for the state every page shares.
SHARED_PARAMS = {"esitys": "presentation", "lang": "lang", "kierros": "flt_round"}
_READ = "_url_read"

#: Streamlit 1.67 draws metric values at 2.25rem and labels at 0.875rem; ×1.5 (a little over).
PRESENTATION_CSS = """<style>
[data-testid='stMainBlockContainer'] {padding-top: 3.2rem !important;
  padding-bottom: 0.5rem !important;}
[data-testid='stMain'] p, [data-testid='stMain'] li, [data-testid='stMain'] label
  {font-size: 1.25rem !important;}
[data-testid='stMain'] [data-testid='stCaptionContainer'] p {font-size: 1rem !important;}
[data-testid='stMain'] [data-testid='stVerticalBlock'] {gap: 0.6rem !important;}
[data-testid='stMain'] h1 {font-size: 2.6rem !important; padding-top: 0 !important;}
[data-testid='stMain'] h2, [data-testid='stMain'] h3 {font-size: 2rem !important;
  padding-top: 0 !important;}
[data-testid='stMain'] [data-testid='stMetricValue'],
[data-testid='stMain'] [data-testid='stMetricValue'] *
  {font-size: 3.4rem !important; line-height: 1.15 !important;}
[data-testid='stMain'] [data-testid='stMetricLabel'] p {font-size: 1.35rem !important;}
[data-testid='stDownloadButton'], [data-testid='stFileUploader'] {display: none !important;}
</style>"""

#: Printing any page: no sidebar, header or buttons; a chart or the map never split.
PRINT_CSS = """<style>
@media print {
  [data-testid='stSidebar'], [data-testid='stHeader'], [data-testid='stToolbar'],
  [data-testid='stDecoration'], [data-testid='stSidebarCollapsedControl'],
  [data-testid='stDownloadButton'], [data-testid='stButton'], [data-testid='stBaseButton-secondary'],
  [data-testid='stLinkButton'], [data-testid='stFileUploader'], [data-testid='stStatusWidget'],
  button {display: none !important;}
  [data-testid='stMain'], [data-testid='stAppViewContainer'] {margin: 0 !important;
    padding: 0 !important; overflow: visible !important;}
  [data-testid='stMainBlockContainer'] {max-width: 100% !important; padding: 0 !important;}
  iframe, [data-testid='stVegaLiteChart'], [data-testid='stIFrame'], .stCustomComponentV1
    {break-inside: avoid; page-break-inside: avoid;}
  iframe {max-height: 24cm;}
}
</style>"""


def read_url_once() -> None:
    """Copy the shared URL parameters into the session (first run of a session only)."""
    if st.session_state.get(_READ):
        return
    st.session_state[_READ] = True
    params = st.query_params
    if "esitys" in params:
        st.session_state["presentation"] = params["esitys"] in ("1", "true")
    if params.get("lang") in LANGUAGES:
        st.session_state["lang"] = params["lang"]
    if params.get("kierros"):
        st.session_state["flt_round"] = params["kierros"]


def url_param(name: str) -> str | None:
    """A page's own URL parameter (e.g. the forum's `kunta`)."""
    return st.query_params.get(name)


def write_url(presentation: bool, lang: str, **page_params: str | None) -> None:
    """Write the shared state (and a page's own parameters) back into the URL."""
    wanted = {"esitys": "1" if presentation else None,
              "lang": lang if lang != DEFAULT_LANG else None, **page_params}
    for name, value in wanted.items():
        if value is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value


def sidebar_state() -> str:
    """`initial_sidebar_state` for st.set_page_config: collapsed while presenting."""
    return "collapsed" if st.session_state.get("presentation") else "auto"


def styles(presentation: bool) -> None:
    """Print CSS on every page; projector CSS in presentation mode."""
    st.html(PRINT_CSS + (PRESENTATION_CSS if presentation else ""))  # style only: no space


def spec(chart_obj: alt.TopLevelMixin | dict, presentation: bool) -> dict:
    """A chart as the finished spec a page draws: in presentation mode with all its text 1.5×
    (chart_style), else as SVG. Altair's schema validation is skipped here: the builders' tests
    validate every chart (`to_dict()`), and on every rerun it was most of a page's time."""
    raw = chart_obj if isinstance(chart_obj, dict) else chart_obj.to_dict(validate=False)
    return chart_style.presentation_spec(raw) if presentation else chart_style.with_svg(raw)


def draw(finished: dict, **kwargs) -> None:
    """Draw a spec made by `spec` (e.g. one kept by `ui.views.memo`)."""
    st.vega_lite_chart(spec=finished, **kwargs)


def chart(chart_obj: alt.TopLevelMixin | dict, presentation: bool, **kwargs) -> None:
    """Draw a chart; in presentation mode with all its text 1.5× (chart_style)."""
    draw(spec(chart_obj, presentation), **kwargs)
