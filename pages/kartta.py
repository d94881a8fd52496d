"""Map page: municipalities (Kurikka split) or Leader areas on a folium map, a click panel,
downloads. Geometry is cached; the map is built once per data version, round, metric and language
(geo.livemap, ui.mapcomponent)."""

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import assets, boundaries, foliummap, livemap, mapdata, prepared, units
from kumppanuus import config, metrics
from kumppanuus import region as region_config
from kumppanuus.i18n import fmt_date, fmt_number, headers, t
from kumppanuus.markup import plain
from ui import actions, context, data, downloads, mapcomponent, views


#: what the map and its figures are computed from (a contacts upload keeps them)
FACT_KINDS = ("tables", "actions", "scores")
STATIC_GEO = config.REPO_ROOT / "static" / "geo"  # served at geo.livemap.GEOMETRY_URL
DETAIL_KINDS = ("tables", "speakers", "contacts")  # what the click panel's facts come from
LINKED_PAGES = (("pages/poydat.py", "page_tables"), ("pages/yhteyshenkilot.py", "page_people"),
                ("pages/jarjestoystavallisyys.py", "page_scores"))


@st.cache_resource(show_spinner=False)
def _static_assets() -> str:
    return str(assets.ensure_static_assets(config.REPO_ROOT / "static"))


@st.cache_resource(show_spinner=False)  # the page shows a spinner in the chosen language
def _geometry(geo_dir: str, cache_dir: str, parts: pd.DataFrame, codes: tuple) -> prepared.PreparedGeometry:
    return prepared.prepare_geometry(geo_dir, parts, codes, cache_dir)


@st.cache_resource(show_spinner=False)  # shared, never changed by the page: no copy per run
def _units(geo_dir: str, cache_dir: str, url: str, lang: str):
    munis, parts = data.municipalities(lang), data.reference("municipality_parts")
    geometry = _geometry(geo_dir, cache_dir, parts, tuple(munis["code"]))
    map_units = units.build_map_units(geometry.national, munis, parts)
    outline = units.region_outline(geometry.regions, region_config.load().map_regions, map_units)
    near = units.neighbouring_units(geometry.national, munis["code"])
    return map_units, near, outline


def _panel(unit: pd.Series, view, links, round_name, lang: str) -> None:
    details = _kept("details", (unit["unit_id"], round_name, lang), lambda: mapdata.unit_details(
        unit, view, links, data.frame("speakers"), data.frame("contacts")), DETAIL_KINDS)
    st.subheader(plain(details.title))
    if details.note:
        st.caption(plain(details.note))
    tables = details.tables.assign(date=details.tables["date"].map(lambda d: fmt_date(d, lang)))
    st.dataframe(tables.rename(columns=headers({"label": "col_table", "date": "col_date",
                                                "participants": "col_participants"}, lang)),
                 hide_index=True)
    if not details.speakers.empty:
        st.markdown(f"**{t('speakers', lang)}**")
        st.dataframe(details.speakers.rename(columns=headers(
            {"table_no": "col_no", "name": "col_name", "title": "col_title",
             "organisation": "col_organisation"}, lang)), hide_index=True)
    st.markdown(f"**{t('map_liaison', lang)}**: " + (", ".join(map(plain, details.liaisons)) or "–"))
    actions.municipality_actions(unit["code"], lang)
    _links_to_pages(unit["code"], lang)


def _area_panel(area: pd.Series, leader_names: dict, lang: str, metric=None, label="") -> None:
    """One Leader area: its municipalities, tables, participants, population and the area's
    own value of the chosen metric."""
    st.subheader(foliummap.leader_label(area["leader_area"], leader_names))
    st.markdown(f"**{t('label_municipalities', lang)}:** {plain(str(area['municipalities']))}")
    if area.get("note"):
        st.caption(plain(area["note"]))
    figures = [("tables_count", area.get("tables")), ("participants", area.get("participants")),
               ("population_2020", area.get("population_2020"))]
    for column, (key, value) in zip(st.columns(len(figures)), figures):
        column.metric(t(key, lang), fmt_number(None if pd.isna(value) else value, lang))
    if metric is not None and metric.column and metric.column not in ("n_tables", "participants"):
        value = area.get(metric.column)
        st.metric(label, fmt_number(None if pd.isna(value) else value, lang, 1))


def _links_to_pages(code: str, lang: str) -> None:
    """Open another page with the sidebar filtered to this municipality."""
    st.caption(t("map_open_pages", lang))
    row = st.container(horizontal=True, wrap=True)  # a narrow panel wraps them, never cuts them
    for path, title in LINKED_PAGES:
        if row.button(t(title, lang), key=f"kartta_link_{path}",
                      on_click=context.filter_to_municipality, args=(code,)):
            st.switch_page(path)


def _build(kind: str, frame, values, metric, options: dict):
    if kind == "markers":
        return foliummap.build_marker_map(frame, leader_names=options["leader_names"], tiles=options["tiles"],
                                          lang=options["lang"])
    build = foliummap.build_leader_area_map if kind == "areas" else foliummap.build_map
    return build(frame, values, metric.key, diverging=metric.diverging,
                 **{k: v for k, v in options.items() if k != "example"})


def _kept(name: str, key: tuple, build, kinds: tuple = ()):
    """`views.shared` over the map's facts (default FACT_KINDS)."""
    return views.shared(name, kinds or FACT_KINDS, key, build)


def _map_key(kind: str, metric, options: dict, data_key: tuple) -> tuple:
    """Everything the map is built from: the frames are functions of the data version, round,
    Leader area and boundary files (`data_key`); the small options are named by value."""
    small = tuple(sorted((k, repr(v)) for k, v in options.items()
                         if k != "municipality" and not isinstance(v, pd.DataFrame)))
    return kind, repr(metric), small, data_key


@st.cache_data(show_spinner=False, max_entries=48)
def _live_map(key: tuple, _build) -> tuple[dict, dict[str, bytes]]:
    """The component's arguments per map (`key`) and the files it loads (geometry, CSS, script)."""
    live = livemap.split(_build())
    return mapcomponent.arguments(live, "kartta"), live.files()


def _live_arguments(key: tuple, build) -> dict:
    args, files = _live_map(key, build)
    livemap.write_files(files, STATIC_GEO)  # beside the app's other static files
    return args


@st.fragment
def _map_and_panel(kind: str, frame: gpd.GeoDataFrame, values, metric, options: dict, panel, data_key) -> None:
    def build():
        return _build(kind, frame, values, metric, {k: v for k, v in options.items()
                                                     if k != "municipality"})

    lang = options["lang"]
    left, right = st.columns([3, 2])
    height = 460 if context.presenting() else 620  # a projector shows the map whole beside the panel
    with left:
        if kind == "markers":
            out = st_folium(build(), key="kartta", returned_objects=["last_active_drawing"],
                            height=height, use_container_width=True)
        else:  # geometry once by URL, only the coloured layer on a metric change (geo.livemap)
            out = mapcomponent.show(_live_arguments(_map_key(kind, metric, options, data_key), build), height)
    picked = ((out or {}).get("last_active_drawing") or {}).get("properties", {}).get("unit_id")
    if kind == "areas":  # a click on a Leader area opens that area's panel
        with right:
            chosen = frame[frame["leader_area"] == picked]
            if chosen.empty:
                st.caption(t("map_pick_area_hint", lang))
            else:
                _area_panel(chosen.iloc[0], options["leader_names"], lang, metric, options["label"])
        rows = None
    elif kind == "units" and picked:
        rows = frame[frame["unit_id"] == picked]
    elif kind == "units" and options.get("municipality"):  # the sidebar's municipality
        rows = frame[frame["code"] == options["municipality"]]
    else:
        rows = frame.iloc[0:0]
    if rows is not None:
        with right:
            if rows.empty:
                st.caption(t("map_pick_hint", lang))
            else:
                _panel(rows.iloc[0], *panel)
    # A fresh map for the file: st_folium adds the map's script to the one it drew, so that
    # map's HTML would hold the map twice.
    st.download_button(t("map_download_html", lang), lambda: assets.standalone_html(build()),
                       "kumppanuuskartta.html", "text/html", on_click="ignore")


ctx = context.current()
st.title(ctx.tr("page_map"))
_static_assets()
munis, parts = data.municipalities(ctx.lang), data.reference("municipality_parts")
leader_names = dict(zip(data.reference("leader_areas")["code"], data.reference("leader_areas")["name"]))

def _facts():
    tables = metrics.in_round(data.frame("tables"), ctx.round)
    return (metrics.tables_view(tables, munis), metrics.table_municipalities(tables),
            mapdata.map_figures(tables, munis, data.reference("leader_areas"), data.frame("actions"),
                                data.frame("scores"), ctx.round, config.min_group_n()))


# once per data version and round, not on every rerun (a click, a metric change)
view, links, figures = _kept("facts", (ctx.round, ctx.lang, config.min_group_n()), _facts)
summary, score_metrics = figures.summary, figures.scores

c1, c2, c3 = st.columns([3, 2, 2])
metric = c1.selectbox(ctx.tr("map_colour_by"), figures.metrics(), format_func=lambda m: m.label_in(ctx.lang),
                      key="kartta_metric")
by_area = c2.toggle(ctx.tr("map_show_areas"), key="kartta_areas")
names = c3.toggle(ctx.tr("map_names"), key="kartta_names")
# No background-map switch: tiles come from the internet and the map is made to work offline.
st.caption(ctx.tr("map_no_tiles"))
if score_metrics is None:
    st.caption(ctx.tr("map_scores_hint"))
elif figures.change_note:  # why the map offers no change since the previous round
    st.caption(ctx.tr(figures.change_note))

geo_dir = config.geo_dir()
missing = boundaries.missing_boundary_files(geo_dir)
panel = (view, links, ctx.round, ctx.lang)
example = figures.shows_example(metric)
if example:
    context.showing(figures.change if metric.needs_change else score_metrics)
options = {"leader_names": leader_names, "tiles": False, "lang": ctx.lang, "example": example,
           "names": names, "label": figures.label(metric, ctx.lang)}
values = figures.values(metric, by_area=by_area)
if figures.pooled(metric):  # "all rounds": the colours sum or pool several rounds; say which
    st.warning(ctx.tr("map_pooled_rounds", rounds=", ".join(map(plain, figures.pooled(metric)))))
if missing:
    st.info(ctx.tr("map_missing_boundaries", files=", ".join(str(p) for p in missing)))
    kind, frame = "markers", munis.assign(unit_id=munis["code"])
elif by_area:
    with st.spinner(ctx.tr("map_loading_boundaries")):
        map_units, near, region = _units(str(geo_dir), str(config.cache_dir()), config.database_url(), ctx.lang)
    notes = mapdata.part_notes(parts, munis, leader_names, ctx.lang)
    kind, frame = "areas", _kept(
        "areas", (ctx.round, ctx.lang, config.min_group_n(), str(geo_dir)),
        lambda: mapdata.area_frame(units.dissolve_leader_areas(map_units), figures, notes))
    if metric.column:
        st.caption(ctx.tr("map_area_values_note"))
    options |= {"neighbours": near, "outline": region}
else:
    with st.spinner(ctx.tr("map_loading_boundaries")):
        map_units, near, region = _units(str(geo_dir), str(config.cache_dir()), config.database_url(), ctx.lang)
    kind, frame = "units", _kept(
        "units", (ctx.round, ctx.lang, config.min_group_n(), str(geo_dir)),
        lambda: mapdata.with_table_columns(map_units, summary, mapdata.table_lines(view, links, ctx.lang)))
    if ctx.leader_area:  # the sidebar's Leader area: only its units are drawn in colour
        frame = frame[frame["leader_area"] == ctx.leader_area]
    options |= {"neighbours": near, "outline": region, "municipality": ctx.municipality}
_map_and_panel(kind, frame, values, metric, options, panel,
               (data.version(*FACT_KINDS), ctx.round, ctx.leader_area, str(geo_dir)))
table = _kept("table", (ctx.round, ctx.lang, ctx.leader_area, kind, repr(metric), example, str(geo_dir)),
              lambda: mapdata.map_table(frame, values, metric, example) if kind == "units" else
              mapdata.area_table(frame, example) if kind == "areas" else pd.DataFrame(frame))
downloads.csv_button(table, "kartta", "kartta_csv", ctx.lang)
