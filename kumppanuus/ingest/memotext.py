"""A table memo's text: PDF (pypdf), DOCX (python-docx), TXT and Markdown (read as text).

`extract_text(data, file_name)` returns the memo's plain text or raises `MemoUnreadable` with a
Finnish message saying what was expected. The file format is recognised by its first bytes, not
only by its name (a memo saved as "muistio.txt" that is really a PDF is read as a PDF).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from kumppanuus.errors import UnreadableFile

MEMO_TYPES = ("pdf", "docx", "txt", "md")
EXPECTED = "odotettiin muistiota PDF-, DOCX-, TXT- tai Markdown-muodossa"


class MemoUnreadable(UnreadableFile):
    """The memo file's text cannot be read (wrong format, broken file, no text in it)."""


def memo_type(data: bytes, file_name: str) -> str:
    """'pdf', 'docx' or 'txt' ('md' is read as text too), from the bytes first, then the name."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK") and _is_docx(data):
        return "docx"
    suffix = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix in ("pdf", "docx", "doc", "xlsx", "odt"):
        raise MemoUnreadable(f"tiedosto ei ole luettava {suffix.upper()}-tiedosto; {EXPECTED}")
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if data.startswith(b"PK") or (b"\x00" in data[:4096] and not utf16):
        raise MemoUnreadable(f"tiedosto ei ole tekstiä; {EXPECTED}")
    return "md" if suffix in ("md", "markdown") else "txt"


def extract_text(data: bytes, file_name: str) -> str:
    """The memo's text with whitespace tidied; raises MemoUnreadable."""
    if not data:
        raise MemoUnreadable(f"tiedosto on tyhjä; {EXPECTED}")
    kind = memo_type(data, file_name)
    reader = {"pdf": _pdf_text, "docx": _docx_text}.get(kind, _plain_text)
    text = tidy(reader(data))
    if not text:
        raise MemoUnreadable(
            "tiedostosta ei löytynyt tekstiä (skannattu PDF?); odotettiin muistiota, jonka "
            "teksti voidaan valita ja kopioida")
    return text


def tidy(text: str) -> str:
    """NFC, no control characters, runs of blank lines and spaces collapsed."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[^\S\n]+", " ", re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text))
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise MemoUnreadable(f"PDF on salattu; {EXPECTED} ilman salasanaa")
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except MemoUnreadable:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise MemoUnreadable(f"PDF-tiedostoa ei voi lukea ({exc}); {EXPECTED}") from exc


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 — python-docx raises many kinds on broken files
        raise MemoUnreadable(f"DOCX-tiedostoa ei voi lukea ({exc}); {EXPECTED}") from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _plain_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 (Finnish Windows Notepad)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
