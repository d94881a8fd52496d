"""Colours for the map: Leader areas (categorical) and metrics (sequential or diverging classes).

Palettes are colour-blind safe: Okabe & Ito for categories, ColorBrewer Blues / PuOr for numbers.
Numbers in legends are formatted the Finnish way (decimal comma, no-break-space groups).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kumppanuus.i18n import fmt_number, t
from kumppanuus.palette import EXTRA_COLOURS, LEADER_COLOURS  # one palette for map and charts

SEQUENTIAL = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
DIVERGING = ("#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99")
MISSING_COLOUR = "#d9d9d9"
MISSING_LABEL = t("no_data")  # Finnish; legends and tooltips use t("no_data", lang)


def format_fi(value: float, decimals: int = 1, lang: str = "fi") -> str:
    """Finnish number: 1 234,5 (no-break space groups, decimal comma); `lang` for others."""
    return fmt_number(value, lang, max(decimals, 0))


def leader_colour(code: str, order: list[str]) -> str:
    """Colour of Leader area `code`; unknown codes take the extra colours by position."""
    if code in LEADER_COLOURS:
        return LEADER_COLOURS[code]
    extras = [c for c in order if c not in LEADER_COLOURS]
    return EXTRA_COLOURS[extras.index(code) % len(EXTRA_COLOURS)] if code in extras else MISSING_COLOUR


@dataclass(frozen=True)
class Classes:
    """Class breaks of a numeric scale: `edges` has len(colours) + 1 entries, or `values` is used
    when there are only a few distinct values (one class each)."""

    colours: tuple[str, ...]
    edges: tuple[float, ...] = ()
    values: tuple[float, ...] = ()
    decimals: int = 1

    def colour(self, value) -> str:
        """Fill colour of one value (MISSING_COLOUR for NaN/None)."""
        if value is None or pd.isna(value):
            return MISSING_COLOUR
        if self.values:
            return self.colours[int(np.argmin([abs(value - v) for v in self.values]))]
        index = int(np.searchsorted(self.edges[1:-1], value, side="right"))
        return self.colours[min(index, len(self.colours) - 1)]

    def labels(self, lang: str = "fi") -> list[str]:
        """Legend labels, formatted for `lang` (Finnish: '1,5–2,3'), or single values."""
        if self.values:
            return [format_fi(v, self.decimals, lang) for v in self.values]
        joiner = " – " if min(self.edges) < 0 else "–"  # spaced when signs need to stay readable
        return [f"{format_fi(lo, self.decimals, lang)}{joiner}{format_fi(hi, self.decimals, lang)}"
                for lo, hi in zip(self.edges[:-1], self.edges[1:])]


def _decimals_for(span: float, integers: bool) -> int:
    """Enough decimals to tell class edges apart."""
    if integers and span >= 5:
        return 0
    if span <= 0:
        return 1
    return max(0, min(3, 1 - math.floor(math.log10(span / 5))))


def _pick(palette: tuple[str, ...], count: int) -> tuple[str, ...]:
    """`count` colours spread over the palette (keeps the middle for a diverging palette)."""
    positions = np.linspace(0, len(palette) - 1, count).round().astype(int)
    return tuple(palette[i] for i in positions)


def numeric_classes(values: pd.Series, diverging: bool = False, count: int = 5) -> Classes:
    """Equal-interval classes over the data (symmetric around 0 when diverging)."""
    data = pd.to_numeric(values, errors="coerce").dropna().astype(float)
    palette = DIVERGING if diverging else SEQUENTIAL
    if data.empty:
        return Classes(colours=(), values=())
    integers = bool((data == data.round()).all())
    distinct = sorted(data.unique())
    if integers and len(distinct) <= count and not diverging:
        return Classes(_pick(palette, len(distinct)), values=tuple(distinct), decimals=0)
    low, high = float(data.min()), float(data.max())
    if diverging:
        reach = max(abs(low), abs(high)) or 1.0
        low, high = -reach, reach
    elif high == low:
        high = low + 1.0
    decimals = _decimals_for(high - low, integers)
    edges = _rounded_edges(low, high, count, decimals)
    return Classes(_pick(palette, len(edges) - 1), edges=edges, decimals=decimals)


def _rounded_edges(low: float, high: float, count: int, decimals: int) -> tuple[float, ...]:
    """Equal-interval edges rounded to what the legend shows, outer edges widened to cover
    the data, duplicates dropped (so labels and colours agree)."""
    step = 10.0 ** -decimals
    inner = np.round(np.linspace(low, high, count + 1)[1:-1], decimals)
    first = math.floor(round(low / step, 6)) * step
    last = math.ceil(round(high / step, 6)) * step
    edges = sorted({round(first, decimals), *map(float, inner), round(last, decimals)})
    return tuple(edges)
