"""Colours shared by the map and the charts, so a Leader area has one colour everywhere.

Okabe & Ito's colour-blind-safe palette; yellow is left out because it disappears on white bars.
"""

LEADER_COLOURS = {
    "liiveri": "#E69F00",
    "aisapari": "#56B4E9",
    "suupohja": "#009E73",
    "kuudesta": "#CC79A7",
    "yhyres": "#0072B2",
}
#: For any further areas, in order.
EXTRA_COLOURS = ("#D55E00", "#000000", "#999999")
