"""streamlit-folium's component fed from cached arguments (see geo.livemap for the why).

`st_folium` renders every Jinja template of the map and walks it on every rerun, also when a
click only changes the panel beside it. `arguments` does the same work once (with the helpers of
the pinned streamlit-folium 0.27.4, as `st_folium` does) and the page caches its result per map;
`show` hands it to the very component `st_folium` uses. The arguments are plain strings, so an
unchanged map is an unchanged message, which Streamlit sends as a reference to what the browser
already holds.
"""

from __future__ import annotations

import streamlit_folium as sf

from geo.livemap import LiveMap

RETURNED = ["last_active_drawing"]


def arguments(live: LiveMap, key: str) -> dict:
    """The component's arguments for `live`: its base as the map script (the iframe's
    identity: the same for every metric) and its group as the swappable `feature_group`."""
    base = live.base
    base.get_root().render()
    html, header = sf._get_html(base), sf._get_header(base)
    script = sf._get_map_string(base)
    map_id = sf.get_full_id(base)
    group = sf._get_feature_group_string(live.group, map=base)
    css, js = [], []
    for element in _walk(base):
        css += [href for _, href in getattr(element, "default_css", [])]
        js += [src for _, src in getattr(element, "default_js", [])]
    return {"script": script, "header": header, "html": html, "id": map_id,
            "key": sf.generate_js_hash(script, key, False), "returned_objects": RETURNED,
            "default": {name: None for name in RETURNED}, "zoom": None, "center": None,
            "feature_group": group, "return_on_hover": False, "layer_control": None,
            "pixelated": False, "css_links": list(dict.fromkeys(css)), "js_links": list(dict.fromkeys(js)),
            "wrap_longitude": False}


def _walk(element):
    import folium.elements

    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def show(args: dict, height: int) -> dict | None:
    """Draw the map; returns what st_folium returns ({'last_active_drawing': feature or None})."""
    return sf._component_func(**args, height=height, width=None)
