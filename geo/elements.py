"""Small folium elements drawn by hand: the legend, the attribution, the no-data hatch pattern.

Each is a MacroElement whose script refers to its parent map by `this._parent.get_name()`, so
it works both in a standalone HTML file and inside streamlit-folium (which renames the map).
No external resources: the legend is plain HTML, not branca's d3 colormap.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from branca.element import MacroElement
from jinja2 import Template

#: SVG pattern for units without data; referenced as `url(#kk-hatch)` in a fill.
HATCH_ID = "kk-hatch"
HATCH_FILL = f"url(#{HATCH_ID}) #d9d9d9"

LEGEND_CSS = """
.leaflet-container { background: #ffffff; }
.kk-legend { background: rgba(255,255,255,0.92); padding: 6px 10px; border-radius: 4px;
  box-shadow: 0 0 4px rgba(0,0,0,0.3); font: 13px/1.4 sans-serif; color: #222; max-width: 16em; }
.kk-legend-title { font-weight: bold; margin-bottom: 4px; }
.kk-legend-item { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.kk-swatch { display: inline-block; width: 16px; height: 12px; border: 1px solid #555; flex: none; }
.kk-swatch-missing { background: repeating-linear-gradient(45deg, #d9d9d9 0 3px, #9e9e9e 3px 4px); }
.leaflet-interactive:focus:not(:focus-visible) { outline: none; }
.kk-tooltip { font: 13px/1.35 sans-serif; min-width: 18em; max-width: 26em; white-space: normal; }
.kk-tooltip th { text-align: left; font-weight: normal; color: #555; padding-right: 6px;
  vertical-align: top; }
.kk-tooltip td { vertical-align: top; }
"""

HATCH_SVG = (
    '<svg class="kk-defs" width="0" height="0" style="position:absolute" aria-hidden="true">'
    f'<defs><pattern id="{HATCH_ID}" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#d9d9d9"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#8c8c8c" stroke-width="2"/></pattern></defs></svg>'
)


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend: a colour (or missing-data hatch) and its label."""

    label: str
    colour: str = ""
    missing: bool = False


def legend_html(title: str, entries: list[LegendEntry]) -> str:
    """The legend's inner HTML, every label escaped."""
    rows = []
    for entry in entries:
        swatch = ('<span class="kk-swatch kk-swatch-missing"></span>' if entry.missing else
                  f'<span class="kk-swatch" style="background:{escape(entry.colour)}"></span>')
        rows.append(f'<div class="kk-legend-item">{swatch}<span>{escape(entry.label)}</span></div>')
    return f'<div class="kk-legend-title">{escape(title)}</div>' + "".join(rows) + HATCH_SVG


class Legend(MacroElement):
    """A Leaflet control holding the legend HTML (and the hatch pattern definition)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create('div', 'kk-legend');
            div.innerHTML = {{ this.html|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str, entries: list[LegendEntry], position: str = "bottomright"):
        super().__init__()
        self._name = "Legend"
        self.html = legend_html(title, entries)
        self.css = LEGEND_CSS
        self.position = position


class Attribution(MacroElement):
    """Adds a source text to the map's attribution control (the map has no tile layer)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = text


class KmScale(MacroElement):
    """Leaflet's scale bar in kilometres only (folium's `control_scale` adds miles too)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({imperial: false, metric: true, position: "bottomleft"})
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "KmScale"


class NameLabels(MacroElement):
    """Municipality names at given points (lat, lon, name), as plain text on the map."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>.kk-name{background:none;border:none;box-shadow:none;font:600 11px sans-serif;
          color:#111;text-shadow:0 0 3px #fff,0 0 3px #fff;white-space:nowrap;}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.points|tojson }}.forEach(function (p) {
          L.tooltip({permanent: true, direction: "center", className: "kk-name",
                     interactive: false})
            .setLatLng([p[0], p[1]]).setContent(p[2]).addTo({{ this._parent.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, points: list[tuple[float, float, str]]):
        super().__init__()
        self._name = "NameLabels"
        self.points = [[float(a), float(b), str(n)] for a, b, n in points]
