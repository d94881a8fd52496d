"""The shared sidebar (language, presentation mode, filters) and the page context it yields."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from kumppanuus import config, examples, privacy
from kumppanuus.rounds import time_order
from kumppanuus.i18n import DEFAULT_LANG, LANGUAGES, headers, municipality_names, t
from ui import auth, data, nav

ALL = "__all__"
#: One label in every language, so it stays the same (and findable) whatever is chosen.
LANGUAGE_LABEL = " / ".join(t("language", code) for code in LANGUAGES)


@dataclass(frozen=True)
class Context:
    lang: str
    presentation: bool
    user: str | None
    round: str | None        # None = every round
    leader_area: str | None  # None = every area
    municipality: str | None  # 3-digit code, None = every municipality
    compare: str | None = None  # a second round to compare `round` with
    known_rounds: tuple[str, ...] = ()  # every round, in time order

    @property
    def rounds(self) -> list[str]:
        """The rounds the page compares, in time order: the chosen round and the one to compare
        it with, or every round when "all" is chosen; one round: nothing to compare."""
        if self.round is None:
            return list(self.known_rounds)
        chosen = {self.round, self.compare} - {None}
        return [r for r in self.known_rounds if r in chosen] or [self.round]

    @property
    def personal(self) -> bool:
        return privacy.can_see_personal(self.user, presentation=self.presentation)

    def tr(self, key: str, **kwargs) -> str:
        return t(key, self.lang, **kwargs)

    def headers(self, keys: dict[str, str]) -> dict[str, str]:
        """{column: header in this language} from {column: STRINGS key} (for `rename`)."""
        return headers(keys, self.lang)


def chosen_lang() -> str:
    """The language chosen in the sidebar so far (before the sidebar is drawn this run)."""
    lang = st.session_state.get("lang")
    return lang if lang in LANGUAGES else DEFAULT_LANG


def _choice(label: str, options: dict[str, str], key: str, default: str = ALL,
            shown: bool = True) -> str | None:
    """A sidebar filter; `shown=False` keeps its value without drawing it (a page it does
    nothing on), and the value is back when the filter is drawn again."""
    keys = list(options)
    kept = st.session_state.get(f"_{key}_kept")
    if st.session_state.get(key) not in keys:
        st.session_state[key] = kept if kept in keys else (default if default in keys else keys[0])
    value = (st.sidebar.selectbox(label, keys, format_func=options.get, key=key) if shown
             else st.session_state[key])
    st.session_state[f"_{key}_kept"] = value
    return None if value == ALL else value


EXAMPLE_SHOWN = "_example_shown"


ROUND_KINDS = ("tables", "scores", "feedback")


def round_names() -> list[str]:
    """Rounds that have tables, oldest first, then any known round without tables yet, then
    rounds that only scores or feedback have (example rounds among them)."""
    return _round_names(config.database_url(), data.version(*ROUND_KINDS))


@st.cache_data(show_spinner=False, max_entries=16)
def _round_names(url: str, version: str) -> list[str]:
    """Computed once per version of the kinds it reads (not once per run)."""
    tables = data.frame("tables")
    by_date = time_order(tables)
    known = data.reference("rounds")["round"].tolist()
    others = sorted({*data.rounds_of("scores"), *data.rounds_of("feedback")})  # not the rows
    return list(dict.fromkeys(by_date + known + others))


def default_round(rounds: list[str]) -> str:
    """The newest real round (example rounds are never the default)."""
    real = [r for r in rounds if not r.startswith(examples.ROUND_PREFIX)]
    return (real or rounds or [ALL])[-1]


def start_run() -> None:
    """app.py, before the page runs: nothing shown yet this run."""
    st.session_state[EXAMPLE_SHOWN] = False


def showing(rows) -> None:
    """A page draws `rows`: if any is example data, the sidebar says so instead of naming the
    report as the source (the flag comes from the rows, `examples.has_example_rows`)."""
    if examples.has_example_rows(rows):
        st.session_state[EXAMPLE_SHOWN] = True


def source_note(ctx: "Context") -> None:
    """The sidebar's source line, drawn after the page: never "Lähde: … raportti" over example
    rows."""
    if st.session_state.get(EXAMPLE_SHOWN):
        st.sidebar.caption(ctx.tr("source_note_example"))
    else:
        st.sidebar.caption(ctx.tr("source_note"))


def sidebar(round_filter: bool = True) -> Context:
    """Draw the controls every page shares and return their values; `round_filter=False` on a
    page the round does not change (it keeps its value for the other pages)."""
    lang = st.sidebar.selectbox(
        LANGUAGE_LABEL, list(LANGUAGES), format_func=LANGUAGES.get, key="lang"
    )
    if "presentation" not in st.session_state:
        st.session_state["presentation"] = st.query_params.get("esitys") in ("1", "true")
    presentation = st.sidebar.toggle(
        t("presentation_mode", lang), key="presentation", help=t("presentation_help", lang)
    )
    rounds = round_names()
    rnd = _choice(t("round", lang), {ALL: t("all", lang)} | {r: r for r in rounds},
                  "flt_round", default_round(rounds), shown=round_filter)
    compare = None
    if rnd and len(rounds) > 1:
        compare = _choice(t("compare_round", lang), {ALL: t("compare_none", lang)}
                          | {r: r for r in rounds if r != rnd}, "flt_compare", shown=round_filter)
    areas = data.reference("leader_areas")
    area = _choice(t("leader_area", lang),
                   {ALL: t("all", lang)} | dict(zip(areas["code"], areas["name"])), "flt_area")
    munis = data.municipalities(lang)
    if area:
        munis = munis[munis["leader_area"] == area]
    muni = _choice(t("municipality", lang),
                   {ALL: t("all", lang)} | municipality_names(munis, lang), "flt_muni")
    return Context(lang, presentation, auth.current_user(), rnd, area, muni, compare,
                   tuple(rounds))


def presenting() -> bool:
    """Presentation mode as chosen so far (before the sidebar is drawn this run)."""
    return bool(st.session_state.get("presentation"))


def current() -> Context:
    """The context app.py computed for this run (pages call this). A page run without app.py
    (the first request after a server start, see ui/nav.py) reruns through app.py instead."""
    if nav.in_v1_run():
        nav.run_app_instead()
    ctx = st.session_state.get("_ctx")
    return ctx if ctx is not None else sidebar()


def filter_to_municipality(code: str) -> None:
    """Callback: set the shared sidebar filters to one municipality (any Leader area)."""
    st.session_state["flt_area"] = ALL
    st.session_state["flt_muni"] = code
