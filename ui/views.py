"""Views built once per data version and choice, not on every rerun.

A page's charts cost far more to build (altair objects, their schema validation, thousands of
formatted labels) than to draw. `memo` keeps what a builder returned — finished Vega-Lite spec
dicts and the rows behind them — under the builder's name, the data version of the kinds it
reads and the choices that decide its rows (round, area, municipality, threshold, language,
presentation …), so a rerun with the same choices only draws. The caller passes every choice
its builder depends on in `key`; the builder itself is never hashed. An import of another kind
(contacts, say) keeps the views of the scores (`ui.data.version`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import streamlit as st

from kumppanuus import config
from ui import data

T = TypeVar("T")


@st.cache_data(show_spinner=False, max_entries=512)
def _kept(url: str, name: str, kinds: tuple[str, ...], stamp: str, key: tuple,
          _build: Callable[[], T]) -> T:
    return _build()


def memo(name: str, kinds: Sequence[str], key: Sequence[Hashable],
         build: Callable[[], T]) -> T:
    """`build()`, once per (database, `name`, version of `kinds`, `key`); pickled by
    Streamlit's data cache, so each run gets its own copy."""
    kinds = tuple(kinds)
    return _kept(config.database_url(), name, kinds, data.version(*kinds), tuple(key), build)


def memo_stamped(name: str, stamp: str, key: Sequence[Hashable], build: Callable[[], T]) -> T:
    """`memo` keyed on `stamp` instead of whole kinds' versions, e.g. `data.round_stamp` of the
    rounds `build` reads: an import of another round keeps the view."""
    return _kept(config.database_url(), name, (), stamp, tuple(key), build)


@st.cache_resource(show_spinner=False, max_entries=64)
def _shared(url: str, name: str, kinds: tuple[str, ...], stamp: str, key: tuple,
            _build: Callable[[], T]) -> T:
    return _build()


def shared(name: str, kinds: Sequence[str], key: Sequence[Hashable],
           build: Callable[[], T]) -> T:
    """`memo`, but one object shared by every run rather than a pickled copy per run: for
    results a page never changes and that cost to unpickle (GeoDataFrames' shapes)."""
    kinds = tuple(kinds)
    return _shared(config.database_url(), name, kinds, data.version(*kinds), tuple(key), build)
