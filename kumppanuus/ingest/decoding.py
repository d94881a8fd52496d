"""CSV bytes → text: a fixed encoding ladder with mojibake checks, and notes on what it did.

The ladder (what Excel and LibreOffice write on Finnish Windows and on Macs):

1. a BOM names the encoding (UTF-8, UTF-16);
2. strict UTF-8;
3. UTF-8 with a few stray single bytes (a cell pasted in from a cp1252 source): the valid UTF-8
   stays UTF-8 and each stray byte is read as cp1252, with a warning naming where it is —
   decoding the whole file as cp1252 would turn every "ä" of it into "Ã¤";
4. cp1252 (a plain "CSV" save on Finnish Windows) or Mac Roman ("CSV (Macintosh)" from Excel for
   Mac), whichever gives Finnish text: Mac Roman read as cp1252 puts Š, š, Œ, € inside words
   ("kevŠt"), cp1252 read as Mac Roman puts ‰, ˆ, Â there ("kev‰t").

No statistical guesser decides (charset-normalizer calls a Finnish Mac Roman file cp852 and a
cp1252 one johab): the candidates are known, so a deterministic count of Finnish letters against
letters that only mojibake puts inside words picks between them. ftfy is the second opinion on
cell text (see `kumppanuus.ingest.mojibake`).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from kumppanuus.errors import UnreadableFile

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
#: Finnish letters next to an ASCII letter (as in "kevät", "Ähtäri"), not in a run of symbols.
_FINNISH_RE = re.compile("(?<=[A-Za-z])[äöåÄÖÅéü]|[äöåÄÖÅéü](?=[A-Za-z])")
#: Letters mojibake puts inside Finnish words: Mac Roman read as cp1252, and the reverse.
_ODD = "[ŠšŒœŽžŸ€†‡…‰ˆÂƒ÷≈◊ıŁ]"
_MOJIBAKE_IN_WORD_RE = re.compile(rf"(?<=[^\W\d_]){_ODD}|{_ODD}(?=[^\W\d_])")


@dataclass(frozen=True)
class Decoded:
    """The text, the encoding used and notes (character offset in the text, Finnish message)."""

    text: str
    encoding: str
    notes: tuple[tuple[int, str], ...] = ()


def decode(data: bytes, filename: str) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data[len(bom):], encoding, filename), encoding)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    multibyte = len(_UTF8_MULTIBYTE.findall(data))
    if multibyte:
        mixed = _utf8_with_stray_bytes(data)
        if len(mixed.notes) <= multibyte:
            return mixed
    return _single_byte(data, filename)


def _strict(data: bytes, encoding: str, filename: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"tiedoston '{filename}' merkistöä ei tunnistettu (kokeiltiin {encoding}: virheellinen "
            f"tavu kohdassa {exc.start}); odotettiin UTF-8-, UTF-16- tai Windows-1252-tekstiä"
        ) from None


def _utf8_with_stray_bytes(data: bytes) -> Decoded:
    strays: list[tuple[int, bytes]] = []

    def as_cp1252(exc: UnicodeDecodeError):
        raw = exc.object[exc.start:exc.end]
        strays.append((exc.start, raw))
        return raw.decode("cp1252", errors="replace"), exc.end

    name = f"kumppanuus-stray-{id(strays)}"
    codecs.register_error(name, as_cp1252)
    text = data.decode("utf-8", errors=name)
    notes, done, chars = [], 0, 0
    for byte_offset, raw in strays:  # character offsets, counted once from the start
        chars += len(data[done:byte_offset].decode("utf-8", errors="replace"))
        done = byte_offset
        char = raw.decode("cp1252", errors="replace")
        notes.append((chars, (
            f"tavu 0x{raw.hex().upper()} ei ole UTF-8:aa, vaikka muu tiedosto on; se luettiin "
            f"Windows-1252-merkkinä '{char}' — tarkista solu (tallenna tiedosto muodossa "
            "'CSV UTF-8')")))
    return Decoded(text, "utf-8", tuple(notes))


def _single_byte(data: bytes, filename: str) -> Decoded:
    cp1252 = _try(data, "cp1252")
    if cp1252 is not None and not _MOJIBAKE_IN_WORD_RE.search(cp1252):
        return Decoded(cp1252, "cp1252")
    mac = data.decode("mac_roman")
    if cp1252 is not None and _finnish_score(cp1252) >= _finnish_score(mac):
        return Decoded(cp1252, "cp1252")
    if cp1252 is None and _finnish_score(mac) <= 0:
        _strict(data, "cp1252", filename)  # raises with the position of the bad byte
    return Decoded(mac, "mac_roman", ((0, (
        "tiedosto näyttää olevan Macin merkistöä (Excel for Macin 'CSV (Macintosh)'), ei "
        "Windows-1252:ta; se luettiin Mac Roman -merkistönä — tarkista ääkköset ja tallenna "
        "mieluummin muodossa 'CSV UTF-8'")),))


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _finnish_score(text: str) -> int:
    """Finnish letters minus (twice) the letters that only mojibake puts inside words."""
    return len(_FINNISH_RE.findall(text)) - 2 * len(_MOJIBAKE_IN_WORD_RE.findall(text))
