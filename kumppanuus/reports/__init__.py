"""The round report (PDF) and the managers' forum deck (PPTX), made from the data.

    content = collect(Inputs.from_store(store, "kevät 2021", lang="sv"))
    pdf_bytes, pptx_bytes = build_pdf(content), build_pptx(content)

Never imports streamlit; never prints a phone number or an e-mail address (contacts are reduced
to names in `content`).
"""

from __future__ import annotations

from kumppanuus.reports.content import Content, Inputs, UnknownRound, collect, known_rounds

FORMATS = ("pdf", "pptx")
MIME = {"pdf": "application/pdf",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


def build_pdf(content: Content) -> bytes:
    from kumppanuus.reports import pdf

    return pdf.build(content)


def build_pptx(content: Content) -> bytes:
    from kumppanuus.reports import deck

    return deck.build(content)


def build(fmt: str, content: Content) -> bytes:
    return build_pdf(content) if fmt == "pdf" else build_pptx(content)


def file_name(fmt: str, rnd: str, municipality: str | None = None) -> str:
    """`kumppanuuspoydat_kevat_2021.pdf` (ASCII, no spaces), the municipality code appended."""
    from kumppanuus.exports import file_stem

    stem = file_stem(rnd)
    kind = "kierrosraportti" if fmt == "pdf" else "foorumiesitys"
    return f"{kind}_{stem}{'_' + municipality if municipality else ''}.{fmt}"


__all__ = ["Content", "FORMATS", "Inputs", "MIME", "UnknownRound", "build", "build_pdf",
           "build_pptx", "collect", "file_name", "known_rounds"]
