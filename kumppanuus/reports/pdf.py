"""The round report as PDF: the generated counterpart of the spring 2021 report.

Built with reportlab's platypus: a maintained, pure-Python wheel (no system libraries, unlike
WeasyPrint's Pango/cairo, so CI and a fresh machine need nothing but pip) that flows paragraphs,
tables split across pages with repeated headers, and the chart PNGs; its bundled Bitstream Vera
fonts cover Finnish and Swedish letters and embed with a ToUnicode map, so the text can be read
back (and searched) from the file.
"""

from __future__ import annotations

import io
from pathlib import Path

import reportlab
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from xml.sax.saxutils import escape

from kumppanuus import scores
from kumppanuus.i18n import fmt_date, fmt_number, fmt_percent
from kumppanuus.reports import figures
from kumppanuus.reports.content import Content, today

FONT, BOLD = "Vera", "Vera-Bold"
WIDTH = A4[0] - 4 * cm
GRID = TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8), ("FONT", (0, 0), (-1, 0), BOLD, 8),
                   ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
                   ("VALIGN", (0, 0), (-1, -1), "TOP")])


def _setup() -> None:
    """Fonts, and binary image streams: ASCII85 (reportlab's default, for 7-bit channels) is
    pure Python here and took two of the report's seconds."""
    rl_config.useA85 = 0
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", base["Title"], fontName=BOLD, fontSize=24, leading=30),
        "h1": ParagraphStyle("h1", base["Heading1"], fontName=BOLD, fontSize=16),
        "h2": ParagraphStyle("h2", base["Heading2"], fontName=BOLD, fontSize=12),
        "body": ParagraphStyle("b", base["BodyText"], fontName=FONT, fontSize=10, leading=13),
        "cell": ParagraphStyle("c", base["BodyText"], fontName=FONT, fontSize=7.5, leading=9),
        "note": ParagraphStyle("n", base["BodyText"], fontName=FONT, fontSize=8,
                               textColor=colors.HexColor("#8A4B00")),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _image(figure: figures.Figure, width: float = WIDTH, max_height: float = 22 * cm) -> Image:
    w, h = ImageReader(io.BytesIO(figure.png)).getSize()
    scale = min(width / w, max_height / h)
    return Image(io.BytesIO(figure.png), width=w * scale, height=h * scale)


def _cover(c: Content, s) -> list:
    tot = c.totals
    period = f"{fmt_date(tot['first'], c.lang)} – {fmt_date(tot['last'], c.lang)}" \
        if tot["first"] else "–"
    rows = [[c.tr("tables_count"), fmt_number(tot["tables"], c.lang)],
            [c.tr("participants"), fmt_number(tot["participants"], c.lang)],
            [c.tr("mean_participants"), fmt_number(tot["mean"], c.lang, 1)],
            [c.tr("municipalities_count"), fmt_number(tot["municipalities"], c.lang)],
            [c.tr("report_period"), period]]
    out = [Spacer(1, 3 * cm), _p(c.title, s["title"]),
           _p(c.tr("report_subtitle", date=fmt_date(_today(), c.lang)), s["body"]),
           _p(c.tr("caption_filters", filters=c.filters), s["body"]), Spacer(1, 1 * cm),
           _p(c.tr("report_figures"), s["h1"]),
           Table(rows, colWidths=[7 * cm, 5 * cm],
                 style=TableStyle([("FONT", (0, 0), (-1, -1), FONT, 12),
                                   ("FONT", (1, 0), (1, -1), BOLD, 12),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey)]))]
    if c.is_example:
        out += [Spacer(1, 0.5 * cm),
                _p(f"{c.tr('example_label')}: {c.tr('example_subtitle')}", s["note"])]
    return out + [PageBreak()]


def _today():
    import datetime as dt

    return dt.date.fromisoformat(today())


def _areas(c: Content, s) -> list:
    rows = [[c.tr("leader_area"), c.tr("col_coordinator"), c.tr("col_municipalities")]]
    rows += [[_p(r.name, s["cell"]), _p(r.coordinator, s["cell"]), _p(r.municipalities, s["cell"])]
             for r in c.areas.itertuples()]
    return [_p(c.tr("report_areas"), s["h1"]),
            Table(rows, colWidths=[3.5 * cm, 4 * cm, WIDTH - 7.5 * cm], style=GRID,
                  repeatRows=1)]


def _map(c: Content, s) -> list:
    figure, real = figures.map_figure(c)
    out = [PageBreak(), _p(c.tr("report_map"), s["h1"]), _image(figure, max_height=20 * cm)]
    return out if real else out + [_p(c.tr("report_map_fallback"), s["note"])]


def _tables(c: Content, s) -> list:
    head = [c.tr("col_date"), c.tr("col_table"), c.tr("col_participants"), c.tr("col_speakers"),
            c.tr("col_liaisons")]
    rows = [head] + [[r.date_text, _p(r.label, s["cell"]), fmt_number(r.participants, c.lang),
                      _p(r.speakers, s["cell"]), _p(r.liaisons, s["cell"])]
                     for r in c.tables.itertuples()]
    widths = [2 * cm, 3.6 * cm, 1.9 * cm, 5.2 * cm, WIDTH - 12.7 * cm]
    out = [PageBreak(), _p(c.tr("report_tables"), s["h1"]),
           Table(rows, colWidths=widths, style=GRID, repeatRows=1)]
    chart = figures.attendance(c)
    return out + ([Spacer(1, 0.5 * cm), _image(chart, max_height=18 * cm)] if chart else [])


def _feedback(c: Content, s) -> list:
    out = [PageBreak(), _p(c.tr("report_feedback"), s["h1"])]
    charts = figures.feedback(c)
    if not charts:
        return out + [_p(c.tr("report_no_feedback"), s["body"])]
    for figure, question in zip(charts, [q for q in ("content", "heard_via")
                                         if q in set(c.feedback["question"])]):
        rows = scores.feedback_summary(c.feedback, question)  # the chart's numbers as text too
        table = [[c.tr("feedback_option"), c.tr("feedback_count")]] + [
            [r.option, f"{fmt_number(r.count, c.lang)} ({fmt_percent(r.share, c.lang)})"]
            for r in rows.itertuples()]
        out += [_image(figure, max_height=9 * cm),
                Table(table, colWidths=[6 * cm, 3.5 * cm], style=GRID, hAlign="LEFT"),
                Spacer(1, 0.4 * cm)]
    return out


def _cells(scr, lang: str) -> dict[int, str]:
    """Each criterion's cell: "participants / managers" (means, or "<n" when hidden) and the
    signed gap below. Read once per screen from plain rows (a pandas lookup per cell took a
    fifth of the region report's time)."""
    records = scr.view.to_dict("records")
    by_key = {(r["criterion"], r["respondent_group"]): r for r in records}
    gaps = {}
    for r in records:  # the criterion's first row, as the view orders them
        gaps.setdefault(r["criterion"], r["gap_pct"])
    out = {}
    for criterion, gap in gaps.items():
        parts = []
        for group in ("participants", "managers"):
            row = by_key[(criterion, group)]
            parts.append("<" + str(row["n"]) if row["hidden"]
                         else fmt_number(row["mean_pct"], lang))
        sign = "" if gap != gap else ("+" if gap > 0 else "")
        out[criterion] = f"{parts[0]} / {parts[1]}\n{sign}{fmt_number(gap, lang)}"
    return out


def _criteria(c: Content, s) -> list:
    out = [PageBreak(), _p(c.tr("report_criteria"), s["h1"])]
    out += [_p(f"{n}. {text}", s["body"]) for n, text in sorted(c.criteria.items())]
    rated = [scr for scr in c.screens if scr.has_scores]
    if not rated:
        return out + [Spacer(1, 0.4 * cm), _p(c.tr("report_no_scores"), s["body"])]
    chart = figures.region_comparison(c)
    out += [Spacer(1, 0.3 * cm), _image(chart, max_height=12 * cm)] if chart else []
    out += [Spacer(1, 0.3 * cm), _p(c.tr("report_criteria_intro"), s["body"])]
    head = [c.tr("municipality"), f"n {c.tr('report_group_abbr')}", *map(str, sorted(c.criteria))]
    rows = [head]
    for scr in rated:
        cells = _cells(scr, c.lang)
        rows.append([_p(scr.name, s["cell"]),
                     f"{scr.n_of('participants')} / {scr.n_of('managers')}",
                     *[_p(cells[k], s["cell"]) for k in sorted(c.criteria)]])
    widths = [3.2 * cm, 1.6 * cm] + [(WIDTH - 4.8 * cm) / len(c.criteria)] * len(c.criteria)
    out.append(Table(rows, colWidths=widths, style=GRID, repeatRows=1))
    if any(scr.has_small_group for scr in rated):
        out.append(_p(c.tr("forum_small_note", n=c.inputs.min_n), s["note"]))
    return out


def _sources(c: Content, s) -> list:
    lines = [c.tr("source_report"), c.tr("source_population"), c.tr("caption_nls")]
    if c.score_sources:
        lines.append(c.tr("source_scores", sources=", ".join(c.score_sources)))
    return [Spacer(1, 1 * cm), _p(c.tr("report_sources"), s["h1"])] + \
        [_p(line, s["body"]) for line in lines]


def build(content: Content) -> bytes:
    """The PDF bytes of the round report."""
    _setup()
    s = _styles()
    story = (_cover(content, s) + _areas(content, s) + _map(content, s) + _tables(content, s)
             + _feedback(content, s) + _criteria(content, s) + _sources(content, s))
    buffer = io.BytesIO()

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawString(2 * cm, 1.2 * cm, f"{content.title} · {content.filters}")
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm,
                               content.tr("report_page", n=doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title=content.title,
                            author="Kumppanuuskartta", lang=content.lang)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
