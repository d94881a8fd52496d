"""The people directory: contacts joined with municipalities and Leader areas, search, gaps.

DataFrames in, DataFrames out (no database, no streamlit). Personal columns (e-mail, phone)
travel with the directory; `shown` and `export_frame` drop them unless the caller may see them
(`privacy.can_see_personal` decides that, once, in the page). In the viewer version, free-text
columns are also scrubbed of anything shaped like an e-mail address or a phone number, so a note
such as "soita 040 123 4567" does not leak what the phone column hides.
"""

from __future__ import annotations

import re

import pandas as pd

from kumppanuus.exports import file_stem
from kumppanuus.i18n import headers, t
from kumppanuus.store.kinds import PERSONAL_COLUMNS

ROLE_LABELS = {
    "liaison": "järjestöyhdyshenkilö",
    "leader": "Leader-kyläkehittäjä",
    "organiser": "järjestäjä",
    "other": "muu",
}
STATUS_LABELS = {"active": "aktiivinen", "changing": "vaihtumassa", "former": "entinen"}
#: Statuses that still count as "the municipality names a liaison" (criterion 3).
NAMED_STATUSES = ("active", "changing")

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_RE = re.compile(r"(?<![\w.])(\+\d{1,3}[\s-]?|0)\d{1,3}([\s-]?\d{2,4}){2,3}(?![\w.])")
HIDDEN = "[piilotettu]"
TEXT_COLUMNS = ("name", "organisation", "municipality_name", "leader_area_name", "note")

#: Column headers of the directory as shown and exported (Finnish, in this order).
HEADERS = {
    "role_label": "rooli", "name": "nimi", "organisation": "organisaatio",
    "municipality_name": "kunta", "leader_area_name": "Leader-alue",
    "status_label": "tila", "email": "sähköposti", "phone": "puhelin", "note": "huomio",
}
#: The STRINGS keys of HEADERS, for the page in other languages (exports stay Finnish).
HEADER_KEYS = {
    "role_label": "col_role", "name": "col_name", "organisation": "col_organisation",
    "municipality_name": "col_municipality", "leader_area_name": "col_leader_area",
    "status_label": "col_status", "email": "col_email", "phone": "col_phone", "note": "col_note",
}


def role_label(role: str, lang: str = "fi") -> str:
    """'järjestöyhdyshenkilö' for 'liaison' in Finnish; unknown roles as they are."""
    return t(f"role_{role}", lang) if role in ROLE_LABELS else role


def status_label(status: str, lang: str = "fi") -> str:
    return t(f"status_{status}", lang) if status in STATUS_LABELS else status


def build(contacts: pd.DataFrame, municipalities: pd.DataFrame,
          leader_areas: pd.DataFrame, lang: str = "fi") -> pd.DataFrame:
    """One row per contact with municipality and Leader-area names and labels in `lang`."""
    munis = municipalities[["code", "name_fi", "leader_area"]].rename(
        columns={"code": "municipality", "name_fi": "municipality_name"})
    areas = leader_areas[["code", "name"]].rename(
        columns={"code": "leader_area", "name": "leader_area_name"})
    out = contacts.merge(munis, on="municipality", how="left").merge(
        areas, on="leader_area", how="left")
    out["role"] = out["role"].fillna("liaison")
    out["status"] = out["status"].fillna("active")
    out = labelled(out, lang)
    role_order = out["role"].map({r: i for i, r in enumerate(ROLE_LABELS)}).fillna(9)
    return (out.assign(_order=role_order)
            .sort_values(["_order", "municipality_name", "name"])
            .drop(columns="_order").reset_index(drop=True))


def labelled(directory: pd.DataFrame, lang: str = "fi") -> pd.DataFrame:
    """`role_label` and `status_label` in `lang` (exports use the Finnish ones), and the note
    without a repeat of the status it sits next to."""
    out = directory.assign(role_label=directory["role"].map(lambda r: role_label(r, lang)),
                           status_label=directory["status"].map(lambda s: status_label(s, lang)))
    if "note" in out.columns:
        out["note"] = [without_status(n, s) for n, s in zip(out["note"], out["status"])]
    return out


def without_status(note, status: str):
    """A note minus a leading repeat of the status: 'on vaihtumassa, siirtynyt muualle töihin'
    next to the status 'vaihtumassa' reads 'siirtynyt muualle töihin'."""
    if not isinstance(note, str) or status not in STATUS_LABELS:
        return note
    label = re.escape(STATUS_LABELS[status])
    rest = re.sub(rf"^\s*(on\s+)?{label}\b[\s,.;:–-]*", "", note, flags=re.IGNORECASE)
    return note if rest == note else rest[:1].upper() + rest[1:]


#: Roles that serve a whole Leader area (attached to one municipality of it in the data).
AREA_ROLES = ("leader",)


def search(directory: pd.DataFrame, text: str = "", *, municipality: str | None = None,
           leader_area: str | None = None, roles=(), statuses=(),
           municipality_area: str | None = None) -> pd.DataFrame:
    """Rows matching every given filter; `text` matches names, organisations, places, notes
    (case-insensitive; never the personal columns). A municipality keeps its Leader area's
    coordinator (`municipality_area`: that municipality's Leader area)."""
    mask = pd.Series(True, index=directory.index)
    if municipality:
        here = directory["municipality"] == municipality
        if municipality_area:
            here |= directory["role"].isin(AREA_ROLES) & (
                directory["leader_area"] == municipality_area)
        mask &= here
    if leader_area:
        mask &= directory["leader_area"] == leader_area
    if roles:
        mask &= directory["role"].isin(list(roles))
    if statuses:
        mask &= directory["status"].isin(list(statuses))
    needle = (text or "").strip().casefold()
    if needle:
        haystack = directory[list(TEXT_COLUMNS)].fillna("").astype(str).agg(" ".join, axis=1)
        mask &= haystack.str.casefold().str.contains(needle, regex=False)
    return directory[mask].reset_index(drop=True)


def gaps(contacts: pd.DataFrame, municipalities: pd.DataFrame) -> pd.DataFrame:
    """Municipalities with no active or changing liaison (criterion 3: names a liaison)."""
    named = contacts[(contacts["role"].fillna("liaison") == "liaison")
                     & contacts["status"].fillna("active").isin(NAMED_STATUSES)]
    missing = ~municipalities["code"].isin(named["municipality"])
    return municipalities.loc[missing, ["code", "name_fi", "leader_area"]].reset_index(drop=True)


def changing(directory: pd.DataFrame) -> pd.DataFrame:
    """Contacts whose status is 'changing' (to be shown plainly, e.g. Soini: vaihtumassa)."""
    return directory[directory["status"] == "changing"].reset_index(drop=True)


def scrub(value):
    """Replace e-mail addresses and phone numbers inside a text with a placeholder."""
    if not isinstance(value, str):
        return value
    return PHONE_RE.sub(HIDDEN, EMAIL_RE.sub(HIDDEN, value))


def shown(directory: pd.DataFrame, *, personal: bool, lang: str = "fi") -> pd.DataFrame:
    """The directory as a page shows it: headers in `lang` (Finnish by default); e-mail and
    phone only if personal."""
    columns = [c for c in HEADERS if personal or c not in PERSONAL_COLUMNS]
    out = directory[columns]
    if not personal:
        out = out.assign(**{c: out[c].map(scrub) for c in TEXT_COLUMNS if c in out})
    names = HEADERS if lang == "fi" else headers(HEADER_KEYS, lang)
    text = [c for c in out.columns if out[c].dtype == object or pd.api.types.is_string_dtype(out[c])]
    out = out.assign(**{c: out[c].fillna("") for c in text})  # empty, not "None", on screen
    return out.rename(columns=names).reset_index(drop=True)


def export_frame(directory: pd.DataFrame, *, personal: bool = False, rnd: str | None = None,
                 lang: str = "fi") -> pd.DataFrame:
    """What the CSV/XLSX download holds (viewer version unless `personal`); the byte writers in
    `exports` neutralise cells a spreadsheet would run as formulas. The first column, `round`
    (headed in `lang` by `exports.for_download`), names the roster's round `rnd` (None: the
    contacts as they stand now, said in `lang`), so the file says which round it lists."""
    out = shown(directory, personal=personal, lang=lang)  # headers in the user's language
    codes = directory[["municipality", "leader_area"]].rename(
        columns={"municipality": t("col_code", lang), "leader_area": t("col_leader_area_code", lang)})
    frame = pd.concat([codes.reset_index(drop=True), out], axis=1)
    frame.insert(0, "round", rnd if rnd is not None else t("roster_now", lang))
    return frame


def export_name(rnd: str | None) -> str:
    """File name stem of the directory download: `yhteyshenkilot_kevat_2021` for a round's
    roster, `yhteyshenkilot` for the contacts as they stand now."""
    return f"yhteyshenkilot_{file_stem(rnd)}" if rnd else "yhteyshenkilot"


def liaisons_for(directory: pd.DataFrame, codes: list[str], *, personal: bool,
                 lang: str = "fi") -> pd.DataFrame:
    """Current liaisons of the given municipalities (for a table's detail view)."""
    rows = directory[(directory["role"] == "liaison")
                     & directory["municipality"].isin(codes)
                     & directory["status"].isin(NAMED_STATUSES)]
    view = shown(rows, personal=personal, lang=lang)
    names = HEADERS if lang == "fi" else headers(HEADER_KEYS, lang)
    keep = ["name", "municipality_name", "status_label"] + (
        ["email", "phone"] if personal else [])
    return view[[names[c] for c in keep]]
