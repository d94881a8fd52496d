"""Altair chart builders: DataFrame in, Chart out (and PNG bytes via vl-convert)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import vl_convert as vlc

from kumppanuus.chart_style import Caption, captioned_spec
from kumppanuus.i18n import fmt_date, fmt_number, t
from kumppanuus.palette import LEADER_COLOURS  # one palette for map and charts

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
SV_TIME_LOCALE = {
    "dateTime": "%A den %-d %B %Y %X", "date": "%-d.%-m.%Y", "time": "%H:%M:%S",
    "periods": ["fm", "em"],
    "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
    "shortDays": ["sön", "mån", "tis", "ons", "tors", "fre", "lör"],
    "months": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december"],
    "shortMonths": ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt",
                    "nov", "dec"],
}
EN_FORMAT_LOCALE = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["£", ""]}
EN_TIME_LOCALE = {
    "dateTime": "%a %e %b %X %Y", "date": "%d/%m/%Y", "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
    "months": ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"],
    "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                    "Nov", "Dec"],
}
#: Vega (number, time) locales per UI language: Swedish numbers look like Finnish ones.
VEGA_LOCALES = {"fi": (FI_FORMAT_LOCALE, FI_TIME_LOCALE), "sv": (FI_FORMAT_LOCALE, SV_TIME_LOCALE),
                "en": (EN_FORMAT_LOCALE, EN_TIME_LOCALE)}
DATE_FORMATS = {"fi": "%-d.%-m.%Y", "sv": "%-d.%-m.%Y", "en": "%-d %b %Y"}


def vega_locale(lang: str = "fi") -> dict:
    """The `config.locale` of a Vega-Lite spec for `lang`."""
    number, time = VEGA_LOCALES.get(lang, VEGA_LOCALES["fi"])
    return {"number": number, "time": time}


def to_png(chart: alt.TopLevelMixin | dict, scale: float = 2.0, lang: str = "fi",
           caption: Caption | None = None) -> bytes:
    """PNG bytes of a chart (or spec dict), rendered with the number and time locales of
    `lang`; with a `caption`, its title, round, filters and source are drawn above it."""
    number, time = VEGA_LOCALES.get(lang, VEGA_LOCALES["fi"])
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    if caption is not None:
        spec = captioned_spec(spec, caption)
    return vlc.vegalite_to_png(spec, scale=scale, format_locale=number, time_format_locale=time)


def to_svg(chart: alt.TopLevelMixin | dict, lang: str = "fi",
           caption: Caption | None = None) -> str:
    """SVG text of a chart (the same drawing as `to_png`; tests read its text)."""
    number, time = VEGA_LOCALES.get(lang, VEGA_LOCALES["fi"])
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    if caption is not None:
        spec = captioned_spec(spec, caption)
    return vlc.vegalite_to_svg(spec, format_locale=number, time_format_locale=time)


# -- attendance charts (the tables page) --------------------------------------------------

NO_AREA = t("no_data")  # Finnish; charts use t("no_data", lang)
FI_DATE = "%-d.%-m.%Y"


def finnish(chart: alt.TopLevelMixin, lang: str = "fi") -> alt.TopLevelMixin:
    """The locale of `lang` (Finnish by default) inside the spec, so the browser matches the
    PNG."""
    return chart.configure(locale=vega_locale(lang))


def area_colour(areas: dict[str, str], with_unknown: bool = False, lang: str = "fi"
                ) -> alt.Color:
    """Colour by Leader-area *name* with the shared palette; `areas` maps code → name."""
    codes = list(areas)
    domain = [areas[c] for c in codes] + ([t("no_data", lang)] if with_unknown else [])
    colours = [LEADER_COLOURS.get(c, "#999999") for c in codes] + ["#BBBBBB"]
    return alt.Color("area_name:N", title=t("leader_area", lang),
                     scale=alt.Scale(domain=domain, range=colours[:len(domain)]))


def _colour(data: pd.DataFrame, areas: dict[str, str], lang: str) -> alt.Color:
    unknown = bool((data["area_name"] == t("no_data", lang)).any())
    return area_colour(areas, with_unknown=unknown, lang=lang)


def attendance_frame(view: pd.DataFrame, areas: dict[str, str], lang: str = "fi"
                     ) -> pd.DataFrame:
    """Chart rows from `metrics.tables_view` (+ `with_unique_labels`), labels in `lang`."""
    per_1000 = view["per_1000"].astype("float64")
    return pd.DataFrame({
        "bar_label": view.get("bar_label", view["label"]).astype(str),
        "table_no": view["table_no"].astype(int),
        "date": pd.to_datetime(view["date"]),
        "participants": view["participants"].fillna(0).astype(int),
        "per_1000": per_1000,
        "area_name": view["leader_area"].map(areas).fillna(t("no_data", lang)),
        "municipality_names": view["municipality_names"].fillna(""),
        "date_label": view["date"].map(lambda d: fmt_date(d, lang)),
        "participants_label": view["participants"].map(lambda v: fmt_number(v, lang)),
        "per_1000_label": per_1000.map(lambda v: fmt_number(v, lang, 1)),
        "population_label": view["population"].map(lambda v: fmt_number(v, lang)),
    })


def _tooltip(lang: str, *extra: tuple[str, str]) -> list[alt.Tooltip]:
    """Tooltip rows (column, STRINGS key): the table's facts plus `extra`."""
    base = [("bar_label", "label_table"), ("date_label", "label_date"),
            ("municipality_names", "label_municipalities"), ("area_name", "leader_area")]
    return [alt.Tooltip(f"{f}:N", title=t(key, lang)) for f, key in base + list(extra)]


def _hbars(data: pd.DataFrame, value: str, text: str, title: str, order: list[str],
           areas: dict[str, str], axis_format: str, tooltip: list, lang: str
           ) -> alt.TopLevelMixin:
    base = alt.Chart(data).encode(y=alt.Y("bar_label:N", sort=order, title=None))
    bars = base.mark_bar().encode(
        x=alt.X(f"{value}:Q", title=title, axis=alt.Axis(format=axis_format)),
        color=_colour(data, areas, lang), tooltip=tooltip,
    )
    labels = base.mark_text(align="left", dx=3).encode(x=f"{value}:Q", text=f"{text}:N")
    return finnish((bars + labels).properties(width=600), lang)


def participants_chart(data: pd.DataFrame, areas: dict[str, str], lang: str = "fi"
                       ) -> alt.TopLevelMixin:
    """Horizontal bars of participants per table, in date order, coloured by Leader area."""
    order = data.sort_values(["date", "table_no"])["bar_label"].tolist()
    return _hbars(data, "participants", "participants_label", t("participants", lang), order,
                  areas, ",d", _tooltip(lang, ("participants_label", "participants")), lang)


def per_capita_chart(data: pd.DataFrame, areas: dict[str, str], lang: str = "fi"
                     ) -> alt.TopLevelMixin:
    """Participants per 1,000 inhabitants of the municipalities each table covered."""
    rows = data.dropna(subset=["per_1000"])
    order = rows.sort_values("per_1000", ascending=False)["bar_label"].tolist()
    tip = _tooltip(lang, ("per_1000_label", "per_1000"), ("population_label", "population_2020"))
    return _hbars(rows, "per_1000", "per_1000_label", t("per_1000", lang), order, areas,
                  ",.1f", tip, lang)


#: Area in px² of the largest table's circle on the timeline; a circle's area ∝ participants.
TIMELINE_MAX_AREA = 900


def size_values(participants: pd.Series) -> list[int]:
    """The size legend's entries: the smallest, the middle and the largest table shown, so each
    circle in the legend is one a table on the chart really has (not a rounded-off size no
    table has), on the same scale as the marks (0 → no area)."""
    values = sorted(pd.to_numeric(participants, errors="coerce").dropna().astype(int).unique())
    if len(values) <= 3:
        return [int(v) for v in values]
    return [int(values[0]), int(values[len(values) // 2]), int(values[-1])]


def timeline_chart(data: pd.DataFrame, areas: dict[str, str], lang: str = "fi"
                   ) -> alt.TopLevelMixin:
    """One mark per table on a date axis (rows by Leader area), sized by participants: a
    circle's area is proportional to them (scale from 0), and the size legend shows tables'
    real counts (`size_values`)."""
    base = alt.Chart(data).encode(
        x=alt.X("date:T", title=t("label_date", lang),
                axis=alt.Axis(format=DATE_FORMATS.get(lang, FI_DATE)),
                scale=alt.Scale(padding=24)),
        y=alt.Y("area_name:N", title=None),
    )
    dots = base.mark_circle(opacity=0.85).encode(
        size=alt.Size("participants:Q", title=t("participants", lang),
                      scale=alt.Scale(domain=[0, max(size_values(data["participants"]) or [1])],
                                      range=[0, TIMELINE_MAX_AREA]),
                      legend=alt.Legend(format=",d", values=size_values(data["participants"]))),
        color=_colour(data, areas, lang),
        tooltip=_tooltip(lang, ("participants_label", "participants")),
    )
    numbers = base.mark_text(dy=-14, fontSize=11).encode(text="table_no:N")
    return finnish((dots + numbers).properties(width=600), lang)


def stacked_chart(long: pd.DataFrame, title: str, groups: list[str], lang: str = "fi"
                  ) -> alt.TopLevelMixin:
    """Stacked horizontal bars per table from `metrics.registrations` / `metrics.presence`
    rows (plus `bar_label`); `groups` fixes the stacking and legend order."""
    data = long.assign(count_label=long["count"].map(lambda v: fmt_number(v, lang)),
                       order=long["group"].map({g: i for i, g in enumerate(groups)}))
    base = alt.Chart(data).encode(
        y=alt.Y("bar_label:N", title=None),
        x=alt.X("count:Q", stack="zero", title=title, axis=alt.Axis(format=",d")),
        order=alt.Order("order:Q"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("group:N", title=None, scale=alt.Scale(domain=groups)),
        tooltip=[alt.Tooltip("bar_label:N", title=t("label_table", lang)),
                 alt.Tooltip("group:N", title=t("label_group", lang)),
                 alt.Tooltip("count_label:N", title=t("label_count", lang))],
    )
    labels = base.mark_text(dx=-10, color="white").encode(text="count_label:N")
    return finnish((bars + labels).properties(width=600), lang)


#: Round colours (Okabe-Ito, then greys): the rounds compared, oldest first.
ROUND_COLOURS = ["#999999", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                 "#F0E442"]


def round_colour(rounds: list[str], lang: str = "fi") -> alt.Color:
    """Colour by round; the legend is titled "Kierros" and names every round compared."""
    colours = (ROUND_COLOURS * (len(rounds) // len(ROUND_COLOURS) + 1))[:len(rounds)]
    return alt.Color("round:N", title=t("round", lang), legend=alt.Legend(orient="top"),
                     scale=alt.Scale(domain=list(rounds), range=colours))


def round_bars(data: pd.DataFrame, category: str, value: str, rounds: list[str], *,
               title: str, lang: str = "fi") -> alt.TopLevelMixin:
    """Grouped horizontal bars: one group per `category` (a name), one bar per round in it,
    coloured by round; `change_label` (if given) in the tooltip."""
    rows = data.assign(value_label=data[value].map(lambda v: fmt_number(v, lang)))
    order = rows.groupby(category)[value].max().sort_values(ascending=False).index.tolist()
    tooltip = [alt.Tooltip(f"{category}:N", title=None), alt.Tooltip("round:N", title=t(
        "round", lang)), alt.Tooltip("value_label:N", title=title)]
    if "change_label" in rows.columns:
        tooltip.append(alt.Tooltip("change_label:N", title=t("change_from_previous", lang)))
    chart = alt.Chart(rows).mark_bar().encode(
        y=alt.Y(f"{category}:N", sort=order, title=None),
        yOffset=alt.YOffset("round:N", sort=list(rounds)),
        x=alt.X(f"{value}:Q", title=title),
        color=round_colour(list(rounds), lang), tooltip=tooltip,
    ).properties(width=560, height=alt.Step(12))
    return finnish(chart, lang)
