"""The two downloads to take along — the round report (PDF) and the forum deck (PPTX) — on the
forum and tables pages. Made only when clicked (a callable), from the cached frames."""

from __future__ import annotations

import streamlit as st

from kumppanuus import examples, reports
from kumppanuus.examples import real_round
from kumppanuus.reports.content import FRAMES, REFERENCES
from ui import context, data


def _inputs(ctx: context.Context, rnd: str, example: bool) -> reports.Inputs:
    frames = {kind: data.frame(kind) for kind in FRAMES}
    if example:  # the in-memory example the page shows, in its example round
        frames |= {"scores": examples.load_scores(), "feedback": examples.load_feedback()}
    refs = {name: data.reference(name) for name in REFERENCES}
    roster = data.contact_history().roster(real_round(rnd))  # the round's liaisons, not today's
    return reports.Inputs(frames, refs, rnd, ctx.lang, ctx.municipality, roster=roster)


def download_buttons(ctx: context.Context, *, key: str, example: bool = False) -> None:
    """PDF and PPTX of the sidebar's round (the newest real round when 'all' is chosen)."""
    if ctx.presentation:
        return
    rnd = ctx.round or context.default_round(context.round_names())
    rnd = examples.example_round(rnd) if example else rnd

    def make(fmt: str) -> bytes:
        return reports.build(fmt, reports.collect(_inputs(ctx, rnd, example)))

    labels = {"pdf": "download_report_pdf", "pptx": "download_deck_pptx"}
    for column, fmt in zip(st.columns(2), reports.FORMATS):
        column.download_button(ctx.tr(labels[fmt]), lambda fmt=fmt: make(fmt),
                               file_name=reports.file_name(fmt, rnd, ctx.municipality),
                               mime=reports.MIME[fmt], key=f"{key}_{fmt}", on_click="ignore")
