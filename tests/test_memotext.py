"""A memo's text is read from PDF, DOCX, TXT and Markdown; anything else is refused in Finnish."""

from __future__ import annotations

import pytest

from kumppanuus.ingest.memotext import MemoUnreadable, extract_text
from tests.memofactory import MEMO_LINES, docx_bytes, pdf_bytes

EXPECTED = "\n".join(MEMO_LINES)


@pytest.mark.parametrize("name, data", [
    ("muistio.pdf", pdf_bytes(MEMO_LINES)),
    ("muistio.docx", docx_bytes(MEMO_LINES)),
    ("muistio.txt", EXPECTED.encode("utf-8")),
    ("muistio.txt", EXPECTED.encode("utf-8-sig")),
    ("muistio.txt", EXPECTED.encode("cp1252")),
    ("muistio.txt", EXPECTED.encode("utf-16")),
    ("muistio.md", ("# " + EXPECTED).encode("utf-8")),
])
def test_the_memo_text_is_extracted_with_its_letters_intact(name, data):
    text = extract_text(data, name)
    assert "Ähtärin kylätalojen vuokratuesta" in text
    assert "Toivottiin kokoontumistiloja lähemmäs kyliä." in text


def test_a_pdf_named_txt_is_still_read_as_pdf():
    assert "Soini-Ähtäri" in extract_text(pdf_bytes(MEMO_LINES), "muistio.txt")


@pytest.mark.parametrize("name, data, says", [
    ("tyhja.txt", b"", "tyhjä"),
    ("rikki.pdf", b"%PDF-1.4\nthis is not a pdf", "PDF"),
    ("rikki.docx", b"PK\x03\x04 not a zip at all", "DOCX"),
    ("kuva.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "ei ole tekstiä"),
    ("tyhja.pdf", pdf_bytes([]), "tekstiä"),
    ("vain_valit.md", b"   \n\n  \t ", "tekstiä"),
])
def test_an_unreadable_memo_is_refused_with_a_finnish_message(name, data, says):
    with pytest.raises(MemoUnreadable) as info:
        extract_text(data, name)
    assert says in str(info.value)
    assert "odotettiin" in str(info.value)
