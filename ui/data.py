"""Cached loaders: one Store per database URL, frames cached per kind's data version.

`versions` is one cheap query per run at most (cached 2 s); when any staff member imports or
undoes, the version of that kind changes and every session reads fresh rows of that kind on its
next run, while the cached frames of every other kind stay. A page caching a derived result
keys it on `version(*kinds)` of the kinds it reads (see `kumppanuus.store.Store.versions`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from kumppanuus import config, liaisons
from kumppanuus.i18n import localised_municipalities
from kumppanuus.store import Store, by_round


@st.cache_resource(show_spinner=False)  # app.py shows a spinner in the chosen language
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    return _store(config.database_url())


@st.cache_data(ttl=2, show_spinner=False)
def _versions(url: str) -> dict[str, str]:
    return _store(url).versions()


def version(*kinds: str) -> str:
    """A cache key for what is read from `kinds`: changes when an import or undo of one of
    them is written (seen within 2 s by every server), never for another kind's import."""
    current = _versions(config.database_url())
    return "|".join(f"{kind}:{current.get(kind, '0')}" for kind in kinds)


def data_version() -> str:
    """One key for every kind together (changes on any import or undo)."""
    return version(*_versions(config.database_url()))


def refresh() -> None:
    """After this session wrote (import, undo): read the new versions at once."""
    _versions.clear()


@st.cache_data(show_spinner=False, max_entries=64)
def _frame(url: str, kind: str, version: str) -> pd.DataFrame:
    return _store(url).frame(kind)


@st.cache_resource(show_spinner=False, max_entries=64)
def _reference(url: str, name: str) -> pd.DataFrame:
    return _store(url).reference(name)


def frame(kind: str) -> pd.DataFrame:
    """Current rows of an importable kind (tables, contacts, speakers, scores, feedback)."""
    return _frame(config.database_url(), kind, version(kind))


def reference(name: str) -> pd.DataFrame:
    """Reference facts (municipalities, leader_areas, municipality_parts, criteria, rounds),
    each caller's own copy. Kept as one frame and copied (a page reads them several times a
    run): a copy of these small frames costs a fraction of unpickling a cache_data entry."""
    return _reference(config.database_url(), name).copy()


def municipalities(lang: str) -> pd.DataFrame:
    """Reference municipalities with names in `lang` (`i18n.localised_municipalities`)."""
    return localised_municipalities(reference("municipalities"), lang)


@st.cache_data(show_spinner=False, max_entries=8)
def _contact_history(url: str, version: str) -> liaisons.ContactHistory:
    return liaisons.history_of(_store(url))


def contact_history() -> liaisons.ContactHistory:
    """Every version of every contact with its round (`kumppanuus.liaisons.ContactHistory`);
    the round order comes from the tables, so both kinds key it."""
    return _contact_history(config.database_url(), version("contacts", "tables"))


# -- round by round: an import of one round's rows leaves every other round's cache ------------
@st.cache_data(show_spinner=False, max_entries=64)
def _rounds_of(url: str, kind: str, version: str) -> list[str]:
    return by_round.rounds_of(_store(url).engine, kind)


def rounds_of(kind: str) -> list[str]:
    """The rounds `kind`'s stored rows have, without reading the rows."""
    return _rounds_of(config.database_url(), kind, version(kind))


@st.cache_data(show_spinner=False, max_entries=4096)
def _written(url: str, kind: str, import_id: int) -> frozenset:
    """The rounds an active import wrote: fixed while it is active (`by_round`)."""
    return by_round.rounds_written(_store(url).engine, kind, [import_id])[import_id]


@st.cache_data(show_spinner=False, max_entries=64)
def _round_stamps(url: str, kind: str, version: str) -> dict[str, str]:
    active, undone = by_round.imports_of(_store(url).engine, kind)
    written = {i: _written(url, kind, i) for i in active}
    gone = ",".join(map(str, undone))
    return {rnd: ",".join(str(i) for i in active if rnd in written[i]) + f"|u{gone}"
            for rnd in _rounds_of(url, kind, version)}


def round_stamp(kind: str, rounds: Sequence[str] | None = None) -> str:
    """A cache key for `kind`'s rows of `rounds` (None: every round): changes when an import
    or undo writes a row of one of them, not when another round's rows are imported."""
    url = config.database_url()
    stamps = _round_stamps(url, kind, version(kind))
    chosen = stamps if rounds is None else rounds
    return ";".join(f"{rnd}={stamps.get(rnd, '-')}" for rnd in chosen)


@st.cache_data(show_spinner=False, max_entries=256)
def _round_frame(url: str, kind: str, rnd: str, stamp: str) -> pd.DataFrame:
    return _store(url).round_frame(kind, [rnd])


def rows_of_rounds(kind: str, rounds: Sequence[str] | None = None) -> pd.DataFrame:
    """`frame(kind)`'s rows of `rounds` (None: every round), in the order they were written;
    each round is read once per its own version (`round_stamp`), so after an import of one
    round only that round is read again."""
    url = config.database_url()
    stamps = _round_stamps(url, kind, version(kind))
    chosen = [r for r in (stamps if rounds is None else rounds) if r in stamps]
    if not chosen:
        return _store(url).round_frame(kind, []).drop(columns="id")
    parts = [_round_frame(url, kind, rnd, stamps[rnd]) for rnd in chosen]
    rows = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return rows.sort_values("id", kind="stable").drop(columns="id").reset_index(drop=True)
