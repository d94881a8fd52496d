"""The bare floors of scripts/bench_speed.py: Streamlit scripts that do next to nothing.

- `BARE_APP`: a one-page app with a title, a metric and one altair chart whose selectbox
  changes the data (the browser floor: select → chart redrawn).
- `bare_script(tree)`: a script rendering the same number and kinds of elements as a page's
  AppTest tree (same containers, columns, tabs, sidebar), each with tiny data: the floor of a
  page's warm run, i.e. what Streamlit itself costs for that page's shape.
"""

from __future__ import annotations

from collections import Counter

BARE_TITLE = "Chart {choice}"  # the chart's title says which data it drew
BARE_APP = '''
import altair as alt
import pandas as pd
import streamlit as st

st.title("Bare app")
choice = st.selectbox("Data", ["a", "b"], key="pick")
values = [1, 3, 2, 5, 4] if choice == "a" else [5, 2, 4, 1, 3]
st.metric("Sum", sum(values))
frame = pd.DataFrame({"x": list("vwxyz"), "y": values})
st.altair_chart(alt.Chart(frame, title=f"Chart {choice}").mark_bar().encode(x="x", y="y"))
'''

PRELUDE = '''
import altair as alt
import pandas as pd
import streamlit as st

TINY = pd.DataFrame({"x": list("abc"), "y": [1, 2, 3]})
CHART = alt.Chart(TINY).mark_bar().encode(x="x", y="y")
'''

#: element type in the AppTest tree → the call drawing one with tiny data ({k}: a unique key)
ELEMENTS = {
    "title": 'st.title("Otsikko")',
    "header": 'st.header("Otsikko")',
    "subheader": 'st.subheader("Otsikko")',
    "markdown": 'st.markdown("**Teksti**")',
    "caption": 'st.caption("Teksti")',
    "code": 'st.code("x = 1")',
    "divider": "st.divider()",
    "info": 'st.info("Teksti")',
    "warning": 'st.warning("Teksti")',
    "error": 'st.error("Teksti")',
    "success": 'st.success("Teksti")',
    "exception": 'st.error("Teksti")',
    "metric": 'st.metric("Luku", 1)',
    "dataframe": "st.dataframe(TINY, hide_index=True)",
    "table": "st.table(TINY)",
    "vega_lite_chart": "st.altair_chart(CHART)",
    "arrow_vega_lite_chart": "st.altair_chart(CHART)",
    "selectbox": 'st.selectbox("Valinta", ["a", "b"], key="{k}")',
    "multiselect": 'st.multiselect("Valinta", ["a", "b"], key="{k}")',
    "radio": 'st.radio("Valinta", ["a", "b"], key="{k}", horizontal=True)',
    "toggle": 'st.toggle("Valinta", key="{k}")',
    "checkbox": 'st.checkbox("Valinta", key="{k}")',
    "number_input": 'st.number_input("Luku", value=1, key="{k}")',
    "text_input": 'st.text_input("Teksti", key="{k}")',
    "text_area": 'st.text_area("Teksti", key="{k}")',
    "slider": 'st.slider("Luku", 0, 10, key="{k}")',
    "date_input": 'st.date_input("Päivä", key="{k}")',
    "button": 'st.button("Nappi", key="{k}")',
    "download_button": 'st.download_button("Lataa", b"x", "x.csv", key="{k}", on_click="ignore")',
    "link_button": 'st.link_button("Linkki", "https://example.org")',
    "page_link": 'st.page_link("https://example.org", label="Sivu")',
    "file_uploader": 'st.file_uploader("Tiedosto", key="{k}")',
    "json": "st.json({{'a': 1}})",
}
FOLIUM = ('from streamlit_folium import st_folium; import folium; '
          'st_folium(folium.Map(location=[62.8, 22.8], zoom_start=7, tiles=None), key="{k}", '
          'returned_objects=["last_active_drawing"], height=620, use_container_width=True)')
#: the same map with one drawn unit (a square of the map's unit class, Leaflet from the app's
#: static folder): a page load's floor waits for the map's geometry to be drawn, as the
#: map page's does (needs the repository on sys.path and its static files under static/)
FOLIUM_DRAWN = (
    'from streamlit_folium import st_folium; import folium; from geo import assets; '
    'm_{k} = assets.use_offline_assets(folium.Map(location=[62.8, 22.8], zoom_start=7, '
    'tiles=None)); folium.GeoJson({{"type": "Polygon", "coordinates": [[[22.0, 62.5], '
    '[22.9, 62.5], [22.9, 63.1], [22.0, 63.1], [22.0, 62.5]]]}}, style_function=lambda f: '
    '{{"className": "kk-unit"}}).add_to(m_{k}); st_folium(m_{k}, key="{k}", '
    'returned_objects=["last_active_drawing"], height=620, use_container_width=True)')


def _element(node, key: str, folium: str = FOLIUM, form: bool = False) -> str:
    if node.type == "component_instance":
        name = node.proto.component_name
        return folium.format(k=key) if "folium" in name else f'st.markdown("{name}")'
    if form and node.type == "button":  # a form's button is its submit button
        return f'st.form_submit_button("Nappi", key="{key}")'
    return ELEMENTS.get(node.type, 'st.markdown("Teksti")').format(k=key)


def _children(node) -> list:
    return list(getattr(node, "children", {}).values())


def _block(node, lines: list[str], indent: str, counter: Counter, folium: str = FOLIUM,
           form: bool = False) -> None:
    """Append the code drawing `node`'s children into the container named by `indent`."""
    def inner(block, deeper: str, in_form: bool = form) -> None:
        _block(block, lines, deeper, counter, folium, in_form)

    for child in _children(node):
        counter[child.type] += 1
        key = f"k{sum(counter.values())}"
        if child.type == "flex_container" and any(c.type == "column" for c in _children(child)):
            columns = _children(child)
            lines.append(f"{indent}cols_{key} = st.columns({len(columns)})")
            for i, column in enumerate(columns):
                counter[column.type] += 1
                lines.append(f"{indent}with cols_{key}[{i}]:")
                lines.append(f"{indent}    pass")
                inner(column, indent + "    ")
        elif child.type == "tab_container":
            tabs = _children(child)
            labels = [f"Välilehti {i}" for i in range(len(tabs))]
            lines.append(f"{indent}tabs_{key} = st.tabs({labels!r})")
            for i, tab in enumerate(tabs):
                counter[tab.type] += 1
                lines.append(f"{indent}with tabs_{key}[{i}]:")
                lines.append(f"{indent}    pass")
                inner(tab, indent + "    ")
        elif child.type == "expander":
            lines.append(f'{indent}with st.expander("Lisää"):')
            lines.append(f"{indent}    pass")
            inner(child, indent + "    ")
        elif child.type == "form":
            lines.append(f'{indent}with st.form("{key}"):')
            lines.append(f"{indent}    pass")
            inner(child, indent + "    ", True)
        elif _children(child):  # any other block: a plain container
            lines.append(f"{indent}with st.container():")
            lines.append(f"{indent}    pass")
            inner(child, indent + "    ")
        else:
            lines.append(indent + _element(child, key, folium, form))


def bare_script(tree, folium: str = FOLIUM) -> tuple[str, Counter]:
    """(script text, element kinds counted) for an AppTest tree (`at._tree`); `folium`: the
    code drawing a streamlit-folium map (FOLIUM_DRAWN: with one unit drawn)."""
    lines, counter = [PRELUDE], Counter()
    for root in _children(tree):
        if root.type == "sidebar":
            lines.append("with st.sidebar:")
            lines.append("    pass")
            _block(root, lines, "    ", counter, folium)
        elif root.type == "main":
            _block(root, lines, "", counter, folium)
    return "\n".join(lines) + "\n", counter


def describe(counter: Counter) -> str:
    """'23 elements: 5 selectbox, 3 toggle, …' (containers not counted as elements)."""
    blocks = {"column", "tab", "flex_container", "tab_container", "expander", "form"}
    kinds = {k: v for k, v in counter.most_common() if k not in blocks}
    return f"{sum(kinds.values())} elements: " + ", ".join(f"{v} {k}" for k, v in kinds.items())
