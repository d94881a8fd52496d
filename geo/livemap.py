"""The map page's live map: a built folium map split so a metric change re-sends no geometry.

Decision (issue 12, speed): the page keeps folium + streamlit-folium and cuts what is ours,
rather than switching to `st.pydeck_chart(on_select=...)`. pydeck would fetch URL data and
report selections without a debounce, but it has no Leaflet CSS classes, SVG hatch pattern, legend
control, km scale, name labels or standalone-HTML download, all of which the page, its download and
its browser tests rely on; rebuilding those was not worth it. streamlit-folium itself sends the
whole map script (geometry included) to its iframe, and re-creates the iframe whenever that script
changes. So `split` turns a map from `geo.foliummap` into three parts:

- `geometry`: every GeoJSON layer's shapes, served once as a static file (its name is its content
  hash, so a browser never needs it twice) and fetched by the map's own script;
- `base`: the map without any per-metric content (view, scale, attribution, the faint context
  layers). Its script is the same for every metric, so streamlit-folium keeps its iframe;
- `group`: a folium FeatureGroup with the coloured layer's styles, tooltips and ids, the legend and
  the name labels, handed to st_folium's `feature_group_to_add`: on a metric change only this small
  part reaches the browser, which swaps it in place (zoom and pan stay).

The standalone HTML download still uses the unsplit map (geometry embedded, works offline).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.elements import LEGEND_CSS, Legend, NameLabels

#: The page's files under Streamlit's static serving (`<repo>/static/geo`, git-ignored: derived).
GEOMETRY_URL = "/app/static/geo"

NAME_CSS = (".kk-name{background:none;border:none;box-shadow:none;font:600 11px sans-serif;"
            "color:#111;text-shadow:0 0 3px #fff,0 0 3px #fff;white-space:nowrap;}")

# streamlit-folium's frontend (0.27) reports a click only after 250 ms without further events
# (underscore's debounce); `report` sends the same value at once and records it as sent, so the
# late debounced call finds nothing new and does not rerun the page a second time.
_REPORT_JS = """
window.kkReport = window.kkReport || function (layer) {
  var state = window.__GLOBAL_DATA__;
  if (!state || !window.Streamlit || !state.returned_objects
      || state.returned_objects.indexOf("last_active_drawing") < 0) { return; }
  var value = {last_active_drawing: layer.toGeoJSON()};
  state.last_active_drawing = value.last_active_drawing;
  state.previous_data = value;
  window.Streamlit.setComponentValue(value);
};
"""


class GeometrySource(MacroElement):
    """Starts the fetch of the geometry file (`window.kkGeometry`, a promise of {layer: shapes}),
    makes the panes for the context layers and holds the page's CSS."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
        window.kkGeometry = fetch({{ this.url|tojson }}).then(function (r) { return r.json(); });
        [["kkBelow", 350], ["kkAbove", 450]].forEach(function (p) {
          var pane = {{ this._parent.get_name() }}.createPane(p[0]);
          pane.style.zIndex = p[1];
          pane.style.pointerEvents = "none";
        });
        """ + _REPORT_JS + """
        {% endmacro %}
        """
    )

    def __init__(self, url: str):
        super().__init__()
        self._name = "GeometrySource"
        self.url = url
        self.css = LEGEND_CSS + NAME_CSS


class ContextShapes(MacroElement):
    """A faint non-interactive layer (neighbours, outline) drawn from the geometry file."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.kkGeometry.then(function (geo) {
          L.geoJson({type: "FeatureCollection", features: geo[{{ this.layer|tojson }}].map(
              function (g) { return {type: "Feature", properties: {}, geometry: g}; })},
            {style: {{ this.style|tojson }}, interactive: false, pane: {{ this.pane|tojson }}})
            .addTo({{ this._parent.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, layer: str, style: dict, pane: str):
        super().__init__()
        self._name = "ContextShapes"
        self.layer, self.style, self.pane = layer, style, pane


class Features(MacroElement):
    """The coloured, clickable layer: shapes from the geometry file, per-feature properties
    (`unit_id`, `tooltip`, ...) and styles from here, hover highlight, sticky tooltip."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var group = {{ this._parent.get_name() }};
          var props = {{ this.properties|tojson }}, styles = {{ this.styles|tojson }};
          var highlight = {{ this.highlight|tojson }}, tip = {{ this.tooltip|tojson }};
          window.kkGeometry.then(function (geo) {
            var shapes = geo[{{ this.layer|tojson }}];
            var layer = L.geoJson({type: "FeatureCollection", features: props.map(function (p, i) {
                return {type: "Feature", id: p.unit_id, kk: i, properties: p, geometry: shapes[i]};
              })}, {
              style: function (f) { return styles[f.kk]; },
              onEachFeature: function (f, l) { l.bindTooltip(f.properties.tooltip, tip); }
            });
            layer.on("mouseover", function (e) { e.layer.setStyle(highlight); });
            layer.on("mouseout", function (e) { layer.resetStyle(e.layer); });
            layer.on("click", function (e) { window.kkReport(e.layer); });
            group.addLayer(layer);
          });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, layer: str, properties: list[dict], styles: list[dict], highlight: dict, tooltip: dict):
        super().__init__()
        self._name = "Features"
        self.layer, self.properties, self.styles = layer, properties, styles
        self.highlight, self.tooltip = highlight, tooltip


class GroupLegend(MacroElement):
    """`geo.elements.Legend` as part of a FeatureGroup: shown while the group is on the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var group = {{ this._parent.get_name() }};
          var legend = L.control({position: {{ this.position|tojson }}});
          legend.onAdd = function () {
            var div = L.DomUtil.create("div", "kk-legend");
            div.innerHTML = {{ this.html|tojson }};
            return div;
          };
          group.on("add", function () { legend.addTo(group._map); });
          group.on("remove", function () { legend.remove(); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, legend: Legend):
        super().__init__()
        self._name = "GroupLegend"
        self.html, self.position = legend.html, legend.position


@dataclass
class LiveMap:
    base: folium.Map
    group: folium.FeatureGroup
    geometry: bytes  # JSON {layer name: [GeoJSON geometry, ...]}

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.geometry).hexdigest()[:16]

    @property
    def file_name(self) -> str:
        return f"{self.digest}.json"


def _tooltip_options(layer: folium.GeoJson) -> dict:
    tip = next((c for c in layer._children.values() if isinstance(c, folium.GeoJsonTooltip)), None)
    if tip is None:
        return {}
    if list(tip.fields) != ["tooltip"]:
        raise ValueError("live maps expect the tooltip HTML in one 'tooltip' property")
    given = tip.tooltip_options
    return {"sticky": given.get("sticky", True), "className": given.get("class_name", ""),
            **({"direction": given["direction"]} if "direction" in given else {})}


def split(m: folium.Map, base_url: str = GEOMETRY_URL) -> LiveMap:
    """`m` (from geo.foliummap, not yet rendered) as base, swappable group and geometry file.

    `m` itself becomes the base: its GeoJSON layers, legends and name labels are taken out.
    """
    shapes: dict[str, list] = {}
    group = folium.FeatureGroup(name="kk-live")
    seen_interactive = False
    for key, child in list(m._children.items()):
        if isinstance(child, folium.GeoJson):
            name = f"{len(shapes)}"
            features = child.data["features"]
            shapes[name] = [f["geometry"] for f in features]
            interactive = child.options.get("interactive", True) is not False
            if interactive:
                seen_interactive = True
                group.add_child(Features(
                    name, [f["properties"] for f in features], [child.style_function(f) for f in features],
                    child.highlight_function(features[0]) if features and child.highlight_function else {},
                    _tooltip_options(child)))
            else:
                pane = "kkAbove" if seen_interactive else "kkBelow"
                live = ContextShapes(name, child.style_function(features[0]) if features else {}, pane)
                m.add_child(live)
            del m._children[key]
        elif isinstance(child, Legend):
            group.add_child(GroupLegend(child))
            del m._children[key]
        elif isinstance(child, NameLabels):
            group.add_child(NameLabels(child.points))
            del m._children[key]
    geometry = json.dumps(shapes, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    live = LiveMap(m, group, geometry)
    m.add_child(GeometrySource(f"{base_url}/{live.file_name}"))
    # the source first: the context layers' scripts wait on the fetch it starts
    m._children.move_to_end(list(m._children)[-1], last=False)
    return live


def write_geometry(live: LiveMap, folder: Path) -> Path:
    """The geometry file under `folder` (written once per content; beside, then renamed, so a
    second server writing it at the same moment never serves half a file)."""
    target = Path(folder) / live.file_name
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(live.geometry)
        os.replace(partial, target)
    return target
