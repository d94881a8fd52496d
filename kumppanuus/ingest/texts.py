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
import pandas as pd

from kumppanuus.schema import ColumnSpec

_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
_MOJIBAKE_HINT = "[\u00c2-\u00c5\u00e2]"  # Â Ã Ä Å â: first letters of cp1252-read UTF-8
SHOWN_CHARS = 60


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text` for a message: at most `limit` characters, with '…' and the full length."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} merkkiä)"


def clean(texts: pd.Series, col: ColumnSpec, *, key: bool, first_row: np.ndarray
          ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(clean texts, error per text, warning per text) for the distinct non-empty `texts` of a
    column; `first_row[i]` orders texts by where they first appear (for key spellings)."""
    texts = texts.str.replace(_NEUTRALISED, "", regex=True)
    errors = pd.Series(None, index=texts.index, dtype=object)
    warnings = pd.Series(None, index=texts.index, dtype=object)
    lengths = texts.str.len()
    too_long = lengths > col.limit
    errors[too_long] = [f"teksti on liian pitkä: {_fi(n)} merkkiä; odotettiin enintään "
                        f"{_fi(col.limit)} merkkiä" for n in lengths[too_long]]
    texts = texts.where(~too_long, "")
    texts = _repair_mojibake(texts, warnings)
    normal = texts.map(normal_key if key else _nfc)
    if key:
        for index in texts.index[((normal != texts) & warnings.isna()).to_numpy()]:
            warnings[index] = (f"avaimen kirjoitusasu '{shorten(texts[index])}' yhtenäistettiin "
                               f"muotoon '{shorten(normal[index])}' (välilyönnit, Unicode-muoto)")
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


def _repair_mojibake(texts: pd.Series, warnings: pd.Series) -> pd.Series:
    """ftfy as the second opinion on text the decoder could not have caught (a cell that was
    already mojibake in an XLSX, or a CSV decoded right whose text was wrong before)."""
    candidates = texts.str.contains(_MOJIBAKE_HINT, regex=True).fillna(False).astype(bool)
    if not candidates.any():
        return texts
    out = texts.copy()
    for index, text in texts[candidates].items():
        if not ftfy.badness.is_bad(text):
            continue
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            out[index] = fixed
            warnings[index] = (f"teksti '{shorten(text)}' näytti väärällä merkistöllä "
                               f"tallennetulta; korjattiin muotoon '{shorten(fixed)}' — tarkista")
    return out


def _one_spelling_per_key(texts: pd.Series, warnings: pd.Series,
                          first_row: np.ndarray) -> pd.Series:
    folded = texts.str.casefold()
    if folded.nunique() == len(folded):
        return texts
    order = np.argsort(first_row[: len(texts)], kind="stable")
    chosen: dict[str, str] = {}
    for position in order:
        index = texts.index[position]
        fold = folded[index]
        if fold not in chosen:
            chosen[fold] = texts[index]
        elif texts[index] != chosen[fold]:
            warnings[index] = (f"avain '{shorten(texts[index])}' eroaa aiemmasta "
                               f"'{shorten(chosen[fold])}' vain kirjainkooltaan; käsitellään "
                               "samana avaimena")
    return folded.map(chosen)
