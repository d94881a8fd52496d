"""Cached loaders: one Store per database URL, frames cached per kind's data version.

`versions` is one cheap query per run at most (cached 2 s); when any staff member imports or
undoes, the version of that kind changes and every session reads fresh rows of that kind on its
next run, while the cached frames of every other kind stay. A page caching a derived result
keys it on `version(*kinds)` of the kinds it reads (see `kumppanuus.store.Store.versions`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kumppanuus import config, liaisons
from kumppanuus.i18n import localised_municipalities
from kumppanuus.store import Store


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


@st.cache_data(show_spinner=False, max_entries=64)
def _reference(url: str, name: str) -> pd.DataFrame:
    return _store(url).reference(name)


def frame(kind: str) -> pd.DataFrame:
    """Current rows of an importable kind (tables, contacts, speakers, scores, feedback)."""
    return _frame(config.database_url(), kind, version(kind))


def reference(name: str) -> pd.DataFrame:
    """Reference facts (municipalities, leader_areas, municipality_parts, criteria, rounds)."""
    return _reference(config.database_url(), name)


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
