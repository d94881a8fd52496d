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
from folium.elements import JSCSSMixin
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


class GeometrySource(JSCSSMixin, MacroElement):
    """Starts the fetch of the geometry file (`window.kkGeometry`, a promise of {layer: shapes})
    and makes the panes for the context layers; the page's CSS and click report come as two
    small static files (`default_css`/`default_js`, loaded once by the iframe)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.kkGeometry = fetch({{ this.url|tojson }}).then(function (r) { return r.json(); });
        [["kkBelow", 350], ["kkAbove", 450]].forEach(function (p) {
          var pane = {{ this._parent.get_name() }}.createPane(p[0]);
          pane.style.zIndex = p[1];
          pane.style.pointerEvents = "none";
        });
        {% endmacro %}
        """
    )

    def __init__(self, url: str, css_url: str, js_url: str):
        super().__init__()
        self._name = "GeometrySource"
        self.url = url
        self.default_css = [("kk_map_css", css_url)]
        self.default_js = [("kk_map_js", js_url)]


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


def compact_json(value) -> str:
    """JSON for the layer's script, which streamlit-folium evals (it is never put inside an HTML
    page: the standalone download uses the unsplit map): no \\u003c escapes for every '<' of
    the tooltips, as jinja's `tojson` writes them (six bytes each). User text in the tooltips is
    HTML-escaped already (geo.tooltips), so it cannot close a script element either."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Features(MacroElement):
    """The coloured, clickable layer: shapes from the geometry file; per feature its `unit_id`
    (what a click reports), tooltip HTML and style (an index into the few distinct styles); hover
    highlight, sticky tooltip."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var group = {{ this._parent.get_name() }};
          var ids = {{ this.ids }}, tips = {{ this.tips }};
          var styles = {{ this.styles }}, styleOf = {{ this.style_of }};
          var highlight = {{ this.highlight }}, tip = {{ this.tooltip }};
          window.kkGeometry.then(function (geo) {
            var shapes = geo[{{ this.layer|tojson }}];
            var layer = L.geoJson({type: "FeatureCollection", features: ids.map(function (id, i) {
                return {type: "Feature", id: id, kk: i, properties: {unit_id: id, tooltip: tips[i]},
                        geometry: shapes[i]};
              })}, {
              style: function (f) { return styles[styleOf[f.kk]]; },
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
        self.layer = layer
        self.ids = compact_json([p["unit_id"] for p in properties])
        self.tips = compact_json([p.get("tooltip", "") for p in properties])
        distinct = list(dict.fromkeys(json.dumps(style, sort_keys=True) for style in styles))
        self.styles = compact_json([json.loads(style) for style in distinct])
        self.style_of = compact_json([distinct.index(json.dumps(style, sort_keys=True)) for style in styles])
        self.highlight, self.tooltip = compact_json(highlight), compact_json(tooltip)


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
            div.innerHTML = {{ this.html }};
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
        self.html, self.position = compact_json(legend.html), legend.position


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:16]


#: the live map's CSS and click report, as files beside the geometry (names: content hashes)
STYLE_FILE = f"{_digest((LEGEND_CSS + NAME_CSS).encode())}.css"
SCRIPT_FILE = f"{_digest(_REPORT_JS.encode())}.js"


@dataclass
class LiveMap:
    base: folium.Map
    group: folium.FeatureGroup
    geometry: bytes  # JSON {layer name: [GeoJSON geometry, ...]}

    @property
    def digest(self) -> str:
        return _digest(self.geometry)

    @property
    def file_name(self) -> str:
        return f"{self.digest}.json"

    def files(self) -> dict[str, bytes]:
        """Every file the map loads from GEOMETRY_URL, by name."""
        return {self.file_name: self.geometry, STYLE_FILE: (LEGEND_CSS + NAME_CSS).encode(),
                SCRIPT_FILE: _REPORT_JS.encode()}


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
    m.add_child(GeometrySource(f"{base_url}/{live.file_name}", f"{base_url}/{STYLE_FILE}",
                               f"{base_url}/{SCRIPT_FILE}"))
    # the source first: the context layers' scripts wait on the fetch it starts
    m._children.move_to_end(list(m._children)[-1], last=False)
    return live


def write_files(files: dict[str, bytes], folder: Path) -> None:
    """Each of `files` under `folder` unless it is there (a stat per file: cheap enough for every
    run, so a removed folder comes back). Written beside, then renamed, so a second server
    writing one at the same moment never serves half a file."""
    for name, content in files.items():
        target = Path(folder) / name
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            partial.write_bytes(content)
            os.replace(partial, target)


def write_geometry(live: LiveMap, folder: Path) -> Path:
    """The map's files under `folder` (see write_files); the geometry file's path."""
    write_files(live.files(), folder)
    return Path(folder) / live.file_name
