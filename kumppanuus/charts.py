"""Altair chart builders: DataFrame in, Chart out (and PNG bytes via vl-convert)."""

from __future__ import annotations

import altair as alt
import vl_convert as vlc

#: Okabe-Ito colour-blind-safe palette, one colour per Leader area (shared with the map).
LEADER_COLOURS = {
    "liiveri": "#0072B2",
    "aisapari": "#E69F00",
    "suupohja": "#009E73",
    "kuudesta": "#CC79A7",
    "yhyres": "#56B4E9",
}

#: Vega format locale for Finnish numbers (`1 234,5`) so axes match the rest of the UI.
FI_FORMAT_LOCALE = {"decimal": ",", "thousands": "\u00a0", "grouping": [3],
                    "currency": ["", "\u00a0€"]}
FI_TIME_LOCALE = {
    "dateTime": "%A, %-d. %Bta %Y klo %X", "date": "%-d.%-m.%Y", "time": "%H:%M:%S",
    "periods": ["a.m.", "p.m."],
    "days": ["sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai",
             "lauantai"],
    "shortDays": ["Su", "Ma", "Ti", "Ke", "To", "Pe", "La"],
    "months": ["tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu",
               "heinäkuu", "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu"],
    "shortMonths": ["tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo",
                    "syys", "loka", "marras", "joulu"],
}


def leader_scale(areas: dict[str, str] | None = None) -> alt.Scale:
    """Colour scale by Leader area code; `areas` maps code → display name (legend order)."""
    codes = list(areas or LEADER_COLOURS)
    return alt.Scale(domain=codes, range=[LEADER_COLOURS.get(c, "#999999") for c in codes])


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """PNG bytes of a chart, rendered with Finnish number and time locales."""
    return vlc.vegalite_to_png(
        chart.to_dict(), scale=scale, format_locale=FI_FORMAT_LOCALE,
        time_format_locale=FI_TIME_LOCALE,
    )
