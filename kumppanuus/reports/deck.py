"""The managers' forum deck as PPTX (python-pptx).

Slides: title, round summary (figures and a native chart of participants per table), the map,
one slide per municipality with its comparison as a native, editable bar chart (participants
and managers on the seven criteria) and a table of gap and n, then feedback. Every slide has a
source line and the filters used; a slide that shows example rows says "Esimerkkiaineisto".
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

from kumppanuus import examples, forum, scores
from kumppanuus import score_charts as sc
from kumppanuus.i18n import fmt_date, fmt_number
from kumppanuus.reports import figures
from kumppanuus.reports.content import Content, today

WIDE, HIGH = Inches(13.333), Inches(7.5)
BLANK = 6
COLOURS = {g: RGBColor.from_string(c.lstrip("#")) for g, c in sc.GROUP_COLOURS.items()}
EXAMPLE_COLOUR = RGBColor(0xB3, 0x59, 0x00)


def _text(slide, text: str, left, top, width, height, size: int = 18, bold: bool = False,
          colour: RGBColor | None = None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        font = para.font  # one lookup: each `para.font` finds or makes its XML element again
        font.size, font.bold = Pt(size), bold
        if colour is not None:
            font.color.rgb = colour
    return box


def _slide(prs, c: Content, title: str, *, example: bool, map_: bool = False):
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK])
    _text(slide, title, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.9), 30, True)
    footer = f"{c.source_line(map_=map_)}\n{c.tr('caption_round', round=c.inputs.round)} · " \
             f"{c.tr('caption_filters', filters=c.filters)}"
    _text(slide, footer, Inches(0.5), Inches(6.75), Inches(12.3), Inches(0.6), 10,
          colour=RGBColor(0x55, 0x55, 0x55))
    if example:
        _text(slide, f"{c.tr('example_label')}: {c.tr('example_subtitle')}", Inches(0.5),
              Inches(1.05), Inches(12.3), Inches(0.4), 14, True, EXAMPLE_COLOUR)
    return slide


def _title_slide(prs, c: Content) -> None:
    slide = _slide(prs, c, c.tr("deck_title", round=examples.real_round(c.inputs.round)),
                   example=c.is_example)
    _text(slide, f"{c.title}\n{c.tr('caption_filters', filters=c.filters)}\n"
                 f"{fmt_date(_date(), c.lang)}", Inches(0.5), Inches(2.5), Inches(12), Inches(2),
          24)


def _date():
    import datetime as dt

    return dt.date.fromisoformat(today())


def _bar_chart(slide, categories, series: dict, colours: list, box, *, percent: bool):
    data = CategoryChartData(number_format='0" %"' if percent else "0")
    data.categories = categories
    for name, values in series.items():
        data.add_series(name, values)
    left, top, width, height = box
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height,
                                   data).chart
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
    chart.plots[0].has_data_labels = True
    chart.plots[0].data_labels.font.size = Pt(12)
    chart.category_axis.reverse_order = True  # first category on top, as in the app
    chart.category_axis.tick_labels.font.size = Pt(12)
    if percent:
        chart.value_axis.maximum_scale, chart.value_axis.minimum_scale = 100, 0
    for plot_series, colour in zip(chart.plots[0].series, colours):
        plot_series.format.fill.solid()
        plot_series.format.fill.fore_color.rgb = colour
    return chart


def _summary(prs, c: Content) -> None:
    slide = _slide(prs, c, c.tr("report_figures"), example=False)
    tot = c.totals
    lines = [f"{c.tr('tables_count')}: {fmt_number(tot['tables'], c.lang)}",
             f"{c.tr('participants')}: {fmt_number(tot['participants'], c.lang)}",
             f"{c.tr('mean_participants')}: {fmt_number(tot['mean'], c.lang, 1)}",
             f"{c.tr('municipalities_count')}: {fmt_number(tot['municipalities'], c.lang)}"]
    _text(slide, "\n".join(lines), Inches(0.5), Inches(1.5), Inches(4.3), Inches(4), 22)
    if len(c.tables):
        shown = c.tables.head(25)  # a projector shows 25 bars at most; the report has all
        _bar_chart(slide, list(shown["label"]), {c.tr("participants"): list(shown["participants"])},
                   [COLOURS["participants"]],
                   (Inches(5), Inches(1.3), Inches(7.8), Inches(5.3)), percent=False)


def _map_slide(prs, c: Content) -> None:
    figure, real = figures.map_figure(c)
    slide = _slide(prs, c, c.tr("report_map"), example=False, map_=real)
    slide.shapes.add_picture(io.BytesIO(figure.png), Inches(4.2), Inches(1.2), height=Inches(5.5))
    if not real:
        _text(slide, c.tr("report_map_fallback"), Inches(0.5), Inches(1.5), Inches(3.5),
              Inches(2), 14)


def _values(scr: forum.Screen, group: str) -> list:
    rows = scr.view[scr.view["respondent_group"] == group].sort_values("criterion")
    return [None if v != v else round(float(v), 1) for v in rows["mean_pct"]]


def _gap_table(slide, c: Content, scr: forum.Screen) -> None:
    gaps = scr.view.drop_duplicates("criterion").sort_values("criterion")
    n = {g: scr.view[scr.view["respondent_group"] == g].set_index("criterion")["n"]
         for g in scores.GROUPS}
    shape = slide.shapes.add_table(len(gaps) + 1, 4, Inches(9.6), Inches(1.5), Inches(3.3),
                                   Emu(Inches(0.5) * (len(gaps) + 1)))
    table = shape.table
    head = ["#", c.tr("forum_gap_short"), f"n {c.tr('group_participants')}",
            f"n {c.tr('group_managers')}"]
    for col, text in enumerate(head):
        table.cell(0, col).text = text
    for row, r in enumerate(gaps.itertuples(), start=1):
        values = [str(r.criterion), sc._signed(r.gap_pct, c.lang),
                  str(n["participants"].get(r.criterion, 0)), str(n["managers"].get(r.criterion, 0))]
        for col, text in enumerate(values):
            table.cell(row, col).text = text
    for cell in (table.cell(r, k) for r in range(len(gaps) + 1) for k in range(4)):
        for para in cell.text_frame.paragraphs:
            para.font.size = Pt(11)


def _screen_slide(prs, c: Content, scr: forum.Screen) -> None:
    slide = _slide(prs, c, f"{scr.name} · {scr.area_name}".rstrip(" ·"), example=scr.is_example)
    rows = scr.tables  # zipped columns: itertuples makes a namedtuple class per call
    tables = "; ".join(f"{label} {fmt_date(date, c.lang)} ({fmt_number(participants, c.lang)})"
                       for label, date, participants in zip(rows["label"], rows["date"],
                                                            rows["participants"])
                       ) or c.tr("forum_no_tables")
    _text(slide, f"{c.tr('forum_tables')}: {tables}", Inches(0.5), Inches(6.2), Inches(12.3),
          Inches(0.5), 12)
    if not scr.has_scores:
        _text(slide, c.tr("forum_no_scores"), Inches(0.5), Inches(2), Inches(12), Inches(1), 20)
        return
    categories = [f"{k}. {c.criteria[k]}" for k in sorted(c.criteria)]
    names = sc.group_names(c.lang)
    series = {f"{names[g]} (n {scr.n_of(g)})": _values(scr, g) for g in scores.GROUPS}
    _bar_chart(slide, categories, series, [COLOURS[g] for g in scores.GROUPS],
               (Inches(0.4), Inches(1.4), Inches(9.1), Inches(4.8)), percent=True)
    _gap_table(slide, c, scr)
    if scr.has_small_group:
        _text(slide, c.tr("forum_small_note", n=c.inputs.min_n), Inches(9.6), Inches(5.6),
              Inches(3.3), Inches(0.6), 10)


def _feedback_slide(prs, c: Content) -> None:
    if c.feedback.empty:
        return
    slide = _slide(prs, c, c.tr("report_feedback"), example=c.is_example)
    for i, question in enumerate(q for q in ("content", "heard_via")
                                 if q in set(c.feedback["question"])):
        rows = scores.feedback_summary(c.feedback, question)
        chart = _bar_chart(slide, list(rows["option"]),
                           {c.tr(f"feedback_title_{question}"): [int(v) for v in rows["count"]]},
                           [COLOURS["participants"]],
                           (Inches(0.5 + 6.3 * i), Inches(1.5), Inches(6), Inches(5)),
                           percent=False)
        chart.has_title = True
        chart.chart_title.text_frame.text = c.tr(f"feedback_title_{question}")


def build(content: Content) -> bytes:
    """The PPTX bytes of the forum deck."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE, HIGH
    _title_slide(prs, content)
    _summary(prs, content)
    _map_slide(prs, content)
    for scr in content.screens:
        _screen_slide(prs, content, scr)
    _feedback_slide(prs, content)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
