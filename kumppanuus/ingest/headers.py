"""Written headers → the kind's canonical columns, with the problems and warnings that brings.

* a known header (canonical or Finnish, any case, spaces or underscores) maps to its column;
* a header written twice is a problem on row 1;
* extra columns are warnings — one each for a few, one summary for many (a file with 20 000
  stray columns gets one line, not 20 000);
* a required column that is missing is a problem; when an unknown header is a known one in the
  wrong encoding ("pŠivŠmŠŠrŠ", "pÃ¤ivÃ¤mÃ¤Ã¤rÃ¤", "p?iv?m??r?"), the problem says so instead of
  "column missing".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import ftfy
import pandas as pd

from kumppanuus.ingest.reading import blank_cells
from kumppanuus.ingest.results import Problem
from kumppanuus.schema import KindSpec, normalise_header

#: Up to this many extra columns are named one by one; more are summarised in one warning.
EXTRA_COLUMNS_LISTED = 5
_RE_ENCODINGS = (("cp1252", "mac_roman"), ("cp1252", "utf-8"), ("latin-1", "utf-8"),
                 ("mac_roman", "cp1252"))


@dataclass
class HeaderMap:
    """What the header row gave: canonical → (written header, column position), and notes."""

    found: dict[str, tuple[str, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def map_headers(spec: KindSpec, table: pd.DataFrame, filename: str) -> HeaderMap:
    lookup = spec.header_lookup()
    result = HeaderMap()
    extras: list[str] = []
    misencoded: dict[str, str] = {}
    for pos, written in enumerate(table.columns):
        canonical = lookup.get(normalise_header(written))
        if canonical is None:
            repaired = _misencoded(written, lookup)
            if repaired:
                misencoded.setdefault(repaired, written)
            elif written or not blank_cells(table.iloc[:, pos]).all():
                extras.append(written)  # (an unnamed, empty column is a trailing separator)
        elif canonical in result.found:
            result.problems.append(Problem(filename, 1, written, written, (
                f"sarake '{written}' on jo otsikossa (sarake '{result.found[canonical][0]}'); "
                "odotettiin kutakin saraketta vain kerran")))
        else:
            result.found[canonical] = (written, pos)
    result.warnings += _extra_warnings(spec, extras, filename)
    for col in spec.columns:
        if col.name in result.found:
            continue
        if col.name in misencoded:
            written = misencoded[col.name]
            result.problems.append(Problem(filename, 1, written, written, (
                f"otsikko '{written}' näyttää sarakkeelta '{col.header_fi}' väärällä merkistöllä "
                f"luettuna; odotettiin otsikkoa '{col.header_fi}' — tallenna tiedosto muodossa "
                "'CSV UTF-8' tai .xlsx")))
        elif col.required:
            result.problems.append(Problem(filename, 1, col.header_fi, "", (
                f"pakollinen sarake puuttuu: odotettiin otsikkoa '{col.header_fi}' "
                f"(tai '{col.name}')")))
    return result


def _extra_warnings(spec: KindSpec, extras: list[str], filename: str) -> list[Problem]:
    known = ", ".join(c.header_fi for c in spec.columns)
    if len(extras) <= EXTRA_COLUMNS_LISTED:
        return [Problem(filename, 1, written, written, (
            f"ylimääräinen sarake '{written}' ohitetaan; tunnetut sarakkeet: {known}"))
            for written in extras]
    shown = ", ".join(f"'{w}'" for w in extras[:EXTRA_COLUMNS_LISTED])
    count = f"{len(extras):,}".replace(",", " ")
    return [Problem(filename, 1, "", "", (
        f"{count} ylimääräistä saraketta ohitetaan ({shown}, …); tunnetut sarakkeet: {known}"))]


def _misencoded(written: str, lookup: dict[str, str]) -> str | None:
    """The canonical column an unknown header is in another encoding, if any."""
    if not written or written.isascii() and "?" not in written:
        return None
    candidates = [ftfy.fix_encoding(written)]
    for wrong, right in _RE_ENCODINGS:
        try:
            candidates.append(written.encode(wrong).decode(right))
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    for text in candidates:
        if normalise_header(text) in lookup:
            return lookup[normalise_header(text)]
    pattern = re.sub(r"\\[?�]|\\\?", ".", re.escape(normalise_header(written)))
    pattern = re.sub(r"[^\x00-\x7f]", ".{1,2}", pattern)
    hits = {canonical for key, canonical in lookup.items() if re.fullmatch(pattern, key)}
    return hits.pop() if len(hits) == 1 else None
