"""What the round report and the forum deck say: read once from the rows, for both builders.

`Inputs` holds the frames (from a Store, or the app's cached loaders) and the choices (round,
language, municipality); `Content` is everything derived from them — figures, the Leader areas,
the table of tables with speakers and liaisons *by name* (the round's roster, as its contacts
imports left it: `kumppanuus.liaisons`), feedback, one forum screen per
municipality, and the labels (example data, small groups), decided here from the rows.
Personal columns never leave this module: contacts are reduced to names before anything else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from kumppanuus import config, examples, forum, liaisons, metrics, scores
from kumppanuus.chart_style import Caption
from kumppanuus.i18n import fmt_date, municipality_names, t

FRAMES = ("tables", "speakers", "contacts", "scores", "feedback")
REFERENCES = ("municipalities", "leader_areas", "criteria", "rounds", "municipality_parts")


class UnknownRound(LookupError):
    """The round has no tables, ratings or feedback and is not a known round."""


@dataclass(frozen=True)
class Inputs:
    frames: dict[str, pd.DataFrame]
    refs: dict[str, pd.DataFrame]
    round: str
    lang: str = "fi"
    municipality: str | None = None   # 3-digit code
    min_n: int = field(default_factory=config.min_group_n)
    #: The contacts as they stood in the round (`ContactHistory.roster`); None: `frames`'
    #: contacts as they stand now.
    roster: pd.DataFrame | None = None

    @classmethod
    def from_store(cls, store, rnd: str, lang: str = "fi", municipality: str | None = None
                   ) -> "Inputs":
        frames = {kind: store.frame(kind) for kind in FRAMES}
        refs = {name: store.reference(name) for name in REFERENCES}
        roster = liaisons.history_of(store).roster(examples.real_round(rnd))
        return cls(frames, refs, rnd, lang, municipality, roster=roster)


def known_rounds(frames: dict[str, pd.DataFrame], refs: dict[str, pd.DataFrame]) -> list[str]:
    found = [*frames["tables"]["round"], *refs["rounds"]["round"], *frames["scores"]["round"],
             *frames["feedback"]["round"]]
    return list(dict.fromkeys(str(r) for r in found))


@dataclass
class Content:
    """Everything both builders show, in the chosen language."""

    inputs: Inputs
    title: str
    filters: str
    tables: pd.DataFrame            # date order: label, date_text, participants, speakers, liaisons
    totals: dict
    areas: pd.DataFrame             # name, coordinator, municipalities
    feedback: pd.DataFrame          # the round's feedback rows (covered tables)
    screens: list[forum.Screen]
    labels: dict[int, str]
    criteria: dict[int, str]        # full texts, unwrapped
    score_sources: list[str]
    is_example: bool

    @property
    def lang(self) -> str:
        return self.inputs.lang

    def tr(self, key: str, **kwargs) -> str:
        return t(key, self.inputs.lang, **kwargs)

    def source_line(self, *, map_: bool = False) -> str:
        parts = [t("source_report", self.lang), t("source_population", self.lang)]
        if map_:
            parts.append(t("caption_nls", self.lang))
        return "; ".join(parts)

    def caption(self, title: str, *, map_: bool = False) -> Caption:
        extra = (f"{t('example_label', self.lang)}: {t('example_subtitle', self.lang)}",) \
            if self.is_example else ()
        return Caption(title, t("caption_round", self.lang, round=self.inputs.round),
                       t("caption_filters", self.lang, filters=self.filters),
                       self.source_line(map_=map_), extra)


def collect(inputs: Inputs, *, forum_order: str = "name") -> Content:
    """Derive the report's content; raises UnknownRound."""
    frames, refs, rnd = inputs.frames, inputs.refs, inputs.round
    if rnd not in known_rounds(frames, refs):
        raise UnknownRound(rnd)
    munis = refs["municipalities"]
    real = examples.real_round(rnd)
    tables = metrics.filter_tables(frames["tables"], munis, rnd=real,
                                   municipality=inputs.municipality)
    rows = _round_scores(frames["scores"], rnd, inputs.municipality)
    labels = scores.criterion_labels(refs["criteria"], width=40, lang=inputs.lang)
    criteria = {int(no): scores.criterion_text(no, text, inputs.lang)
                for no, text in zip(refs["criteria"]["no"], refs["criteria"]["text_fi"])}
    feedback = _round_feedback(frames["feedback"], rnd, tables)
    screens = _screens(inputs, rows, tables, labels, forum_order)
    return Content(
        inputs=inputs, title=t("report_title", inputs.lang, round=real),
        filters=_filters(inputs), tables=_table_rows(tables, frames, _roster(inputs), munis,
                                                     inputs.lang),
        totals=_totals(tables, munis), areas=_areas(refs, munis, inputs.municipality),
        feedback=feedback, screens=screens, labels=labels, criteria=criteria,
        score_sources=sorted(set(rows["source"].dropna().astype(str))),
        is_example=examples.has_example_rows(rows) or examples.has_example_rows(feedback))


def _round_feedback(feedback: pd.DataFrame, rnd: str, tables: pd.DataFrame) -> pd.DataFrame:
    """The round's feedback on the tables shown (an example round's rows go with the real
    round's table numbers)."""
    rows = feedback[feedback["round"] == rnd]
    return rows[rows["table_no"].isin(set(tables["table_no"]))].reset_index(drop=True)


def _round_scores(df: pd.DataFrame, rnd: str, municipality: str | None) -> pd.DataFrame:
    rows = df[df["round"] == rnd]
    return rows[rows["municipality"] == municipality] if municipality else rows


def _filters(inputs: Inputs) -> str:
    if not inputs.municipality:
        return t("caption_no_filter", inputs.lang)
    names = municipality_names(inputs.refs["municipalities"], inputs.lang)
    return f"{t('municipality', inputs.lang)}: {names.get(inputs.municipality, inputs.municipality)}"


def _totals(tables: pd.DataFrame, munis: pd.DataFrame) -> dict:
    out = metrics.round_totals(tables)
    covered = set(metrics.table_municipalities(tables)["code"]) & set(munis["code"])
    dates = pd.to_datetime(tables["date"]) if len(tables) else pd.Series(dtype="datetime64[ns]")
    out["municipalities"] = len(covered)
    out["first"] = dates.min().date() if len(dates) else None
    out["last"] = dates.max().date() if len(dates) else None
    return out


def _areas(refs: dict, munis: pd.DataFrame, municipality: str | None) -> pd.DataFrame:
    shown = munis[munis["code"] == municipality] if municipality else munis
    names = shown.sort_values("name_fi").groupby("leader_area")["name_fi"].agg(", ".join)
    areas = refs["leader_areas"]
    areas = areas[areas["code"].isin(names.index)]
    return pd.DataFrame({"name": areas["name"].to_numpy(),
                         "coordinator": areas["coordinator"].fillna("").to_numpy(),
                         "municipalities": areas["code"].map(names).to_numpy()})


def _names_by_table(df: pd.DataFrame, with_title: bool) -> dict[tuple, str]:
    if df.empty:
        return {}
    text = df["name"] + (" (" + df["title"].fillna("") + ")").where(
        df["title"].fillna("") != "", "") if with_title else df["name"]
    return text.groupby([df["round"], df["table_no"]]).agg(", ".join).to_dict()


def _roster(inputs: Inputs) -> pd.DataFrame:
    """Names, roles and statuses of the round's contacts (nothing personal leaves here)."""
    contacts = inputs.frames["contacts"] if inputs.roster is None else inputs.roster
    return contacts[["municipality", "name", "role", "status"]]


def _liaison_names(contacts: pd.DataFrame) -> dict[str, list[str]]:
    """The roster's liaisons' *names* per municipality (no e-mail, no phone: names only)."""
    named = contacts[(contacts["role"].fillna("liaison") == "liaison")
                     & contacts["status"].fillna("active").isin(("active", "changing"))]
    return named.groupby("municipality")["name"].agg(list).to_dict()


def _table_rows(tables: pd.DataFrame, frames: dict, roster: pd.DataFrame, munis: pd.DataFrame,
                lang: str) -> pd.DataFrame:
    view = metrics.tables_view(tables, munis)
    speakers = _names_by_table(frames["speakers"], with_title=True)
    named = _liaison_names(roster)
    out = pd.DataFrame({
        "label": view["label"], "date": view["date"],
        "date_text": view["date"].map(lambda d: fmt_date(d, lang)),
        "municipality_names": view["municipality_names"],
        "participants": view["participants"].fillna(0).astype(int),
        "speakers": [speakers.get((r, n), "") for r, n in zip(view["round"], view["table_no"])],
        "liaisons": [", ".join(n for c in metrics.split_codes(codes) for n in named.get(c, []))
                     for codes in view["municipalities"]],
    })
    return out


def _screens(inputs: Inputs, rows, tables, labels, order) -> list[forum.Screen]:
    munis = inputs.refs["municipalities"]
    if inputs.municipality:
        munis = munis[munis["code"] == inputs.municipality]
    names = municipality_names(munis, inputs.lang)
    order_df = forum.screens(rows, tables, munis, inputs.refs["leader_areas"], order=order,
                             min_n=inputs.min_n, lang_names=names)
    return forum.many_screens(list(order_df["key"]), list(order_df["name"]), rows, tables,
                              munis, inputs.refs["leader_areas"], min_n=inputs.min_n,
                              criteria=list(labels))


def today() -> str:
    return dt.date.today().isoformat()
