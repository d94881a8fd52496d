"""Cell text before conversion: what every distinct text of a column goes through once.

1. The apostrophe the app's spreadsheet downloads put before a formula-looking cell (`'=…`,
   `'+358 …`, `'-hanke`) is removed, so a downloaded file re-imports exactly (kumppanuus.exports).
2. A text longer than its column's promise (`ColumnSpec.limit`) is a problem, and is neither
   converted nor echoed back in full.
3. Mojibake (UTF-8 read as cp1252 somewhere before us: "Ã„htÃ¤ri") is repaired with ftfy, the
   maintained library for exactly this, with a warning showing both spellings.
4. Unicode is NFC everywhere (an NFD "kevät" is the same text); in a key column inner whitespace
   is collapsed and spellings that differ only in case are one key (the first one written wins),
   each with a warning — otherwise `kevät  2021` would create a second "table 2".
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
import numpy as np

from kumppanuus.schema import ColumnSpec

_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00c5\u00e2]")  # Â Ã Ä Å â: first letters of cp1252-read UTF-8
SHOWN_CHARS = 60


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text` for a message: at most `limit` characters, with '…' and the full length."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} merkkiä)"


def clean(texts: list[str], col: ColumnSpec, *, key: bool, first_row: np.ndarray
          ) -> tuple[list[str], list, list]:
    """(clean texts, error per text, warning per text; None = none) for the distinct non-empty
    `texts` of a column; `first_row[i]` orders texts by where they first appear (for key
    spellings). Plain lists: pandas' per-call cost dwarfs the work on a few distinct texts."""
    texts = [_NEUTRALISED.sub("", t) for t in texts]
    errors: list = [None] * len(texts)
    warnings: list = [None] * len(texts)
    for i, text in enumerate(texts):
        if len(text) > col.limit:
            errors[i] = (f"teksti on liian pitkä: {_fi(len(text))} merkkiä; odotettiin enintään "
                         f"{_fi(col.limit)} merkkiä")
            texts[i] = ""
    texts = _repair_mojibake(texts, warnings)
    normal = [normal_key(t) for t in texts] if key else [_nfc(t) for t in texts]
    if key:
        for i, (text, norm) in enumerate(zip(texts, normal)):
            if norm != text and warnings[i] is None:
                warnings[i] = (f"avaimen kirjoitusasu '{shorten(text)}' yhtenäistettiin "
                               f"muotoon '{shorten(norm)}' (välilyönnit, Unicode-muoto)")
    texts = normal
    if key:
        texts = _one_spelling_per_key(texts, warnings, first_row)
    return texts, errors, warnings


def _fi(n: int) -> str:
    return f"{int(n):,}".replace(",", " ")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normal_key(text: str) -> str:
    return " ".join(_nfc(text).split())


def _repair_mojibake(texts: list[str], warnings: list) -> list[str]:
    """ftfy as the second opinion on text the decoder could not have caught (a cell that was
    already mojibake in an XLSX, or a CSV decoded right whose text was wrong before)."""
    out = texts
    for index, text in enumerate(texts):
        if not _MOJIBAKE_HINT.search(text) or not ftfy.badness.is_bad(text):
            continue
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            out = out if out is not texts else list(texts)
            out[index] = fixed
            warnings[index] = (f"teksti '{shorten(text)}' näytti väärällä merkistöllä "
                               f"tallennetulta; korjattiin muotoon '{shorten(fixed)}' — tarkista")
    return out


def _one_spelling_per_key(texts: list[str], warnings: list, first_row: np.ndarray) -> list[str]:
    folded = [t.casefold() for t in texts]
    if len(set(folded)) == len(folded):
        return texts
    chosen: dict[str, str] = {}
    for position in np.argsort(first_row[: len(texts)], kind="stable"):
        text, fold = texts[position], folded[position]
        if fold not in chosen:
            chosen[fold] = text
        elif text != chosen[fold]:
            warnings[position] = (f"avain '{shorten(text)}' eroaa aiemmasta "
                                  f"'{shorten(chosen[fold])}' vain kirjainkooltaan; käsitellään "
                                  "samana avaimena")
    return [chosen[f] for f in folded]
