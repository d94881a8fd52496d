"""Leaflet and jQuery served by the app itself, so the map draws without internet.

folium's Map lists CDN links (Leaflet, jQuery, Bootstrap, Awesome Markers, Font Awesome) in
`default_js` / `default_css`. streamlit-folium strips script/link tags from the rendered header
and instead loads every element's `default_js` / `default_css` inside its iframe (which is served
from the same origin as the app). Replacing those lists on the Map instance with URLs under
Streamlit's static serving (`<repo>/static/` at `/app/static/`) is therefore enough. jQuery is
kept because folium's popups and `keep_in_front` use `$`.
"""

from __future__ import annotations

import re
import os
import shutil
from pathlib import Path

import folium

#: URL prefix of `<repo>/static/vendor` under Streamlit's static file serving.
VENDOR_URL = "/app/static/vendor"


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


def _jquery_dir() -> Path:
    import xstatic.pkg.jquery as jquery

    return Path(jquery.BASE_DIR)


def vendor_files() -> dict[str, Path]:
    """Relative path under static/vendor → source file in the xstatic packages."""
    leaflet, jquery = _leaflet_dir(), _jquery_dir()
    files = {"leaflet/leaflet.js": leaflet / "leaflet.js", "leaflet/leaflet.css": leaflet / "leaflet.css",
             "jquery/jquery.min.js": jquery / "jquery.min.js"}
    for image in sorted((leaflet / "images").glob("*.png")):
        files[f"leaflet/images/{image.name}"] = image
    return files


def _is_current(source: Path, target: Path) -> bool:
    return target.is_file() and target.stat().st_size == source.stat().st_size


def ensure_static_assets(static_dir: Path) -> Path:
    """Copy Leaflet and jQuery into `static_dir/vendor/` (only what is missing or changed).

    Returns the vendor folder. Safe to call on every run; it touches the disk only when needed.
    """
    vendor = Path(static_dir) / "vendor"
    for relative, source in vendor_files().items():
        target = vendor / relative
        if not _is_current(source, target):
            target.parent.mkdir(parents=True, exist_ok=True)
            # copy beside, then rename: a second server (or test worker) copying at the same
            # moment never serves a half-written file
            partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            shutil.copyfile(source, partial)
            os.replace(partial, target)
    return vendor


def offline_js(base_url: str = VENDOR_URL) -> list[tuple[str, str]]:
    """folium `default_js` pointing at the app's own copies."""
    return [("leaflet", f"{base_url}/leaflet/leaflet.js"), ("jquery", f"{base_url}/jquery/jquery.min.js")]


def offline_css(base_url: str = VENDOR_URL) -> list[tuple[str, str]]:
    """folium `default_css` pointing at the app's own copies."""
    return [("leaflet_css", f"{base_url}/leaflet/leaflet.css")]


def use_offline_assets(m: folium.Map, base_url: str = VENDOR_URL) -> folium.Map:
    """Make `m` load only local Leaflet/jQuery (instance attributes; the class lists stay as is)."""
    m.default_js = offline_js(base_url)
    m.default_css = offline_css(base_url)
    return m


def _inline(html: str, pattern: str, replacement) -> str:
    return re.sub(pattern, replacement, html)


def standalone_html(m: folium.Map, base_url: str = VENDOR_URL) -> str:
    """The map as one self-contained HTML file: local scripts and styles inlined, no links.

    Meant for the download button; the file opens offline from disk.
    """
    html = m.get_root().render()
    files = {f"{base_url}/{rel}": path for rel, path in vendor_files().items()}

    def script(match: re.Match) -> str:
        source = files.get(match.group(1))
        return f"<script>{source.read_text(encoding='utf-8')}</script>" if source else match.group(0)

    def style(match: re.Match) -> str:
        source = files.get(match.group(1))
        return f"<style>{source.read_text(encoding='utf-8')}</style>" if source else match.group(0)

    html = _inline(html, r'<script src="([^"]+)"></script>', script)
    return _inline(html, r'<link rel="stylesheet" href="([^"]+)"/>', style)
