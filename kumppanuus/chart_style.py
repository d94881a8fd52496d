"""Chart specs for a projector and for taking along: larger text, and a caption on every PNG.

Works on Vega-Lite spec dicts (`chart.to_dict()`), so it applies to any chart builder's output.

- `presentation_spec`: every font size ×1.5 (explicit sizes in the spec, and the sizes the
  Streamlit theme would otherwise give: axis labels 12 px, axis titles 14, legends 14, titles
  16, text marks Vega's 11), taller bands, labels of band axes never dropped, SVG rendering (so
  a browser test can measure the text).
- `captioned_spec`: the chart's title plus subtitle lines with round, filters and source, for
  the PNG downloads and the report.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

FACTOR = 1.5
#: What the chart text is without presentation mode (Streamlit 1.67 theme; Vega's text mark).
NORMAL_SIZES = {
    "axis": {"labelFontSize": 12, "titleFontSize": 14},
    "legend": {"labelFontSize": 14, "titleFontSize": 14},
    "title": {"fontSize": 16, "subtitleFontSize": 12},
    "header": {"labelFontSize": 12, "titleFontSize": 16},
    "text": {"fontSize": 11},
}
SIZE_KEYS = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize")
HEIGHT_KEYS = ("height", "dy", "yOffset")  # pixel lengths that follow the text


@dataclass(frozen=True)
class Caption:
    """What a chart taken along must say about itself."""

    title: str
    round: str
    filters: str
    source: str
    extra: tuple[str, ...] = field(default_factory=tuple)

    def lines(self) -> list[str]:
        return [line for line in (self.round, self.filters, *self.extra, self.source) if line]


def _scale_sizes(node, factor: float) -> None:
    """Multiply every explicit font size below `node` in place (datasets left alone)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "datasets":
                continue
            if key in SIZE_KEYS and isinstance(value, (int, float)):
                node[key] = round(value * factor, 2)
            elif key in HEIGHT_KEYS and isinstance(value, (int, float)):
                node[key] = round(value * factor)
            elif key == "height" and isinstance(value, dict) and "step" in value:
                value["step"] = round(value["step"] * factor)
            else:
                _scale_sizes(value, factor)
    elif isinstance(node, list):
        for item in node:
            _scale_sizes(item, factor)


def presentation_spec(spec: dict, factor: float = FACTOR) -> dict:
    """A copy of `spec` with all chart text `factor` times its normal size."""
    out = copy.deepcopy(spec)
    _scale_sizes({k: v for k, v in out.items() if k != "config"}, factor)
    config = out.setdefault("config", {})
    _scale_sizes(config, factor)
    for part, sizes in NORMAL_SIZES.items():
        target = config.setdefault(part, {})
        for key, size in sizes.items():
            target.setdefault(key, round(size * factor, 2))
    config.setdefault("axisBand", {})["labelOverlap"] = False
    config["axisBand"].setdefault("labelLimit", 0)
    return with_svg(out)


def with_svg(spec: dict) -> dict:
    """Ask Streamlit's vega-embed for SVG (text stays text in the page)."""
    out = dict(spec)
    meta = dict(out.get("usermeta", {}))
    meta["embedOptions"] = dict(meta.get("embedOptions", {}), renderer="svg")
    out["usermeta"] = meta
    return out


def _title_text(title) -> tuple[str | list, list[str]]:
    if isinstance(title, dict):
        sub = title.get("subtitle") or []
        return title.get("text", ""), [sub] if isinstance(sub, str) else list(sub)
    return (title or ""), []


def captioned_spec(spec: dict, caption: Caption) -> dict:
    """A copy of `spec` whose title names the chart and whose subtitle lines give the round,
    the filters and the source (kept after any subtitle the chart had, e.g. example data)."""
    out = copy.deepcopy(spec)
    text, subtitle = _title_text(out.get("title"))
    if caption.title and caption.title not in str(text):
        text = f"{text} – {caption.title}" if text else caption.title
    out["title"] = {"text": text, "anchor": "start",
                    "subtitle": subtitle + caption.lines(), "subtitlePadding": 4}
    return out


def _axis_title(node) -> str:
    """The first x-axis title in a spec (layers and concatenations searched in order)."""
    if isinstance(node, dict):
        x = node.get("encoding", {}).get("x", {})
        if isinstance(x, dict) and isinstance(x.get("title"), str) and x["title"]:
            return x["title"]
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in node.get(key, []):
                found = _axis_title(child)
                if found:
                    return found
        if "spec" in node:
            return _axis_title(node["spec"])
    return ""


def chart_title(spec: dict, fallback: str = "") -> str:
    """What a chart is called: its own title, else its x axis's title, else `fallback`."""
    text, _ = _title_text(spec.get("title"))
    if isinstance(text, list):
        text = " ".join(text)
    return text or _axis_title(spec) or fallback
