"""Cached loaders: one Store per database URL, frames cached per data version.

`data_version()` is one cheap query per run; when any staff member imports or undoes, the
version changes and every session reads fresh rows on its next run.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kumppanuus import config
from kumppanuus.i18n import localised_municipalities
from kumppanuus.store import Store


@st.cache_resource(show_spinner=False)  # app.py shows a spinner in the chosen language
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    return _store(config.database_url())


@st.cache_data(ttl=2, show_spinner=False)
def _data_version(url: str) -> str:
    return _store(url).data_version()


def data_version() -> str:
    """One query per URL every 2 s at most, not one per `frame()` call on every rerun; an
    import or undo by anyone shows up on the next run after that."""
    return _data_version(config.database_url())


def refresh() -> None:
    """After this session wrote (import, undo): read the new version at once."""
    _data_version.clear()


@st.cache_data(show_spinner=False, max_entries=64)
def _frame(url: str, kind: str, version: str) -> pd.DataFrame:
    return _store(url).frame(kind)


@st.cache_data(show_spinner=False, max_entries=64)
def _reference(url: str, name: str) -> pd.DataFrame:
    return _store(url).reference(name)


def frame(kind: str) -> pd.DataFrame:
    """Current rows of an importable kind (tables, contacts, speakers, scores, feedback)."""
    return _frame(config.database_url(), kind, data_version())


def reference(name: str) -> pd.DataFrame:
    """Reference facts (municipalities, leader_areas, municipality_parts, criteria, rounds)."""
    return _reference(config.database_url(), name)


def municipalities(lang: str) -> pd.DataFrame:
    """Reference municipalities with names in `lang` (`i18n.localised_municipalities`)."""
    return localised_municipalities(reference("municipalities"), lang)
