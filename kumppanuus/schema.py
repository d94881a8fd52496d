"""What each upload kind is: canonical columns, Finnish headers, keys, defaults, enums, checks.

The published contract is shared/spec/data-formats.md; this module is its executable form and the
CLI, the upload page and the tests all use it. Cell-level parsing (dates, numbers, names) happens in
`kumppanuus.ingest.cells` (run by `kumppanuus.ingest`); what is left for the pandera schemas here are the
type and range checks on the already typed frame, validated with ``lazy=True`` so every failure is
reported at once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
import sqlalchemy as sa
from sqlalchemy.types import TypeEngine

from kumppanuus import schema_geo_probe  # noqa: F401 — before any schema validates
from kumppanuus.errors import UnknownKind

#: The seven criteria of a järjestöystävällinen kunta (spec; mirrors data/criteria.csv).
CRITERIA: tuple[str, ...] = (
    "mahdollistaa asukkaiden aktiivisen osallistumisen",
    "tunnistaa ja tunnustaa järjestöt tasavertaisina kumppaneina",
    "nimeää järjestöyhdyshenkilön ja kutsuu järjestöt säännöllisesti koolle",
    "tarjoaa järjestöjen käyttöön maksuttomia tiloja",
    "maksaa järjestöavustuksia",
    "kerää ja hyödyntää asukkaiden kokemuksia palveluissaan",
    "viestii järjestötoiminnasta asukkaille",
)

#: Cell types ingest knows how to parse.
TYPES = ("text", "int", "number", "date", "municipality", "municipalities", "enum", "open_enum",
         "criterion", "email", "phone", "url")

_EXPECTED = {
    "text": "tekstiä",
    "int": "kokonaislukua",
    "number": "lukua (desimaalipilkku tai -piste)",
    "date": "päivämäärää muodossa 27.1.2021 tai 2021-01-27",
    "municipality": "kunnan nimeä tai 3-numeroista kuntanumeroa",
    "municipalities": "pilkulla eroteltuja kuntia (nimi tai kuntanumero)",
    "criterion": "kriteerin numeroa 1–7 tai kriteerin tekstiä",
    "email": "sähköpostiosoitetta (nimi@esimerkki.fi)",
    "phone": "puhelinnumeroa (numeroita, välilyöntejä, +, -, sulkeita)",
    "url": "verkko-osoitetta, joka alkaa http:// tai https://",
}


#: Cell types stored as the user wrote them: their length is the database column's.
AS_WRITTEN = ("text", "open_enum", "email", "phone", "url")
#: Free text stored in a TEXT column (a note, a title): long, but bounded.
LONG_TEXT = 4000
#: Bounds for a cell that is converted before it is stored (a date, a number, a list of
#: municipalities, an enum word such as "Leader-kyläkehittäjä").
MAX_LENGTHS: Mapping[str, int] = MappingProxyType({
    "int": 40, "number": 40, "date": 40, "municipality": 100, "municipalities": 2000,
    "enum": 100, "criterion": 300,
})


def normalise_text(value: str) -> str:
    """Key for tolerant matching: NFC, casefold, punctuation dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = re.sub(r"[^\w\s-]", " ", text)
    return " ".join(text.split())


def normalise_header(value: str) -> str:
    """Header key: case-insensitive, surrounding spaces ignored, inner spaces = underscores."""
    text = unicodedata.normalize("NFC", str(value)).replace("\ufeff", "").strip().casefold()
    return re.sub(r"[\s_]+", "_", text)


def _choices(pairs: Mapping[str, tuple[str, ...]]) -> Mapping[str, str]:
    table = {}
    for canonical, synonyms in pairs.items():
        for word in (canonical, *synonyms):
            table[normalise_text(word)] = canonical
    return MappingProxyType(table)


@dataclass(frozen=True)
class ColumnSpec:
    """One canonical column of a kind."""

    name: str
    header_fi: str
    type: str
    required: bool = False
    default: object = None
    minimum: int | None = None
    choices: Mapping[str, str] = field(default_factory=dict)
    shown_choices: str = ""
    sql: TypeEngine | None = None  # how it is stored; None: not stored as such (scores' mean)
    not_null: bool = False  # stored NOT NULL
    stored_default: object = None  # what the store writes for a row without a value
    #: Longest cell text accepted (characters, after stripping); None: see `limit`.
    max_length: int | None = None

    @property
    def stored(self) -> bool:
        return self.sql is not None

    @property
    def limit(self) -> int:
        """The length this column promises. Text stored as written gets its VARCHAR's length
        (a TEXT column: `LONG_TEXT`); a value that is converted first gets its type's bound."""
        if self.max_length:
            return self.max_length
        if self.type in AS_WRITTEN:
            return getattr(self.sql, "length", None) or LONG_TEXT
        return MAX_LENGTHS[self.type]

    @property
    def expected(self) -> str:
        """What a valid cell looks like, in Finnish ("odotettiin …" completes it)."""
        if self.type == "int" and self.minimum is not None:
            return f"kokonaislukua ≥ {self.minimum}"
        if self.type == "enum":
            return f"jotakin näistä: {self.shown_choices}"
        return _EXPECTED.get(self.type, "tekstiä")

    @property
    def free_text(self) -> bool:
        """Whether a cell is stored as the user wrote it (formula-looking text is checked)."""
        return self.type in ("text", "open_enum")


@dataclass(frozen=True)
class KindSpec:
    """One upload kind: its columns in canonical order, key columns and pandera schema."""

    name: str
    title_fi: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    model: pa.DataFrameSchema

    def column(self, name: str) -> ColumnSpec:
        """The column named `name` (canonical)."""
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        """Canonical column names in order."""
        return [c.name for c in self.columns]

    def header_lookup(self) -> dict[str, str]:
        """Normalised header (canonical or Finnish) → canonical name."""
        table = {}
        for col in self.columns:
            table[normalise_header(col.name)] = col.name
            table[normalise_header(col.header_fi)] = col.name
        return table


FORMAT_CHOICES = _choices({"online": ("verkko", "verkossa", "etä"), "hybrid": ("hybridi",),
                           "onsite": ("paikan päällä", "lähi", "lähitilaisuus")})
ROLE_CHOICES = _choices({"liaison": ("järjestöyhdyshenkilö", "yhdyshenkilö"),
                         "leader": ("Leader-kyläkehittäjä", "kyläkehittäjä", "Leader"),
                         "organiser": ("järjestäjä", "organizer"), "other": ("muu",)})
STATUS_CHOICES = _choices({"active": ("aktiivinen",), "changing": ("vaihtumassa",),
                           "former": ("entinen",)})
GROUP_CHOICES = _choices({"participants": ("osallistujat", "osallistuja"),
                          "managers": ("kuntajohtajat", "kuntajohtaja")})
QUESTION_CHOICES = _choices({"content": ("sisältö",), "heard_via": ("mistä kuulit",)})
ACTION_STATUS_CHOICES = _choices({
    "proposed": ("ehdotettu",), "in_decision": ("päätöksenteossa", "in decision"),
    "decided": ("päätetty",), "done": ("toteutettu",), "rejected": ("hylätty",)})


# ------------------------------------------------- the one declaration of each kind's columns
# Each kind is one pandera DataFrameSchema. A column carries, besides its type and range checks,
# the Finnish header, the cell type ingest parses, whether it is required, its default and the
# SQL type it is stored as (None: not stored as such). `KINDS` below, the ORM tables
# (kumppanuus.store.db), the store's key/value/export columns (kumppanuus.store.kinds), the seed
# loader and the templates all read it from here. (pandera's object API, not a DataFrameModel:
# building a model's `Series[...]` fields imports pandera.typing.geopandas, and with it geopandas,
# shapely and pyproj, into every process that validates a file; see kumppanuus.schema_geo_probe.)

class _Text(pandas_engine.STRING):
    """pandera's `str` (pandas' StringDtype), answering a column that has exactly that dtype with
    one True. pandera 0.35 answers it with one True per cell, and then formats an (empty)
    failure-case table for the message of every text column: a millisecond a column, more than
    the rest of a small file's validation. Any other dtype is left to pandera."""

    def check(self, pandera_dtype, data_container=None):
        if pandas_engine.Engine.dtype(pandera_dtype).type == self.type:
            return True
        return super().check(pandera_dtype, data_container)


#: The pandera dtype of each cell type (what `kumppanuus.ingest.cells` converts to); text: str.
_PANDERA_DTYPES: Mapping[str, object] = MappingProxyType({
    "int": pd.Int64Dtype, "criterion": pd.Int64Dtype, "number": float, "date": pa.DateTime})
_TEXT = _Text()


def column(header: str, type_: str = "text", *, sql: TypeEngine | None, required: bool = False,
           default: object = None, minimum: int | None = None,
           choices: Mapping[str, str] | None = None, shown: str = "", not_null: bool = False,
           stored_default: object = None, **checks) -> pa.Column:
    """A pandera Column for one canonical column; see the comment above. `checks` are
    pandera's built-in checks by name (`str_matches=…`, `in_range={…}`), as `pa.Field` takes them.

    `not_null`: stored NOT NULL although a file may leave it empty (the store fills it).
    Required, defaulted and key columns are always NOT NULL. `stored_default`: what the store
    writes when a row has no value (default: `default`)."""
    if minimum is not None:
        checks.setdefault("ge", minimum)
    if type_ == "enum":
        checks.setdefault("isin", list(dict.fromkeys(choices.values())))
    meta = {"header": header, "type": type_, "required": required, "default": default,
            "minimum": minimum, "choices": dict(choices or {}), "shown": shown, "sql": sql,
            "not_null": not_null,
            "stored_default": default if stored_default is None else stored_default}
    built = [getattr(pa.Check, name)(**arg) if isinstance(arg, dict)
             else getattr(pa.Check, name)(arg) for name, arg in checks.items()]
    return pa.Column(_PANDERA_DTYPES.get(type_, _TEXT), checks=built, nullable=True,
                     metadata={"kumppanuus": meta})


def _model(columns: dict[str, pa.Column], checks: tuple = ()) -> pa.DataFrameSchema:
    """One kind's schema: its columns in canonical order; other columns are allowed and nothing
    is coerced (ingest has typed every column already)."""
    return pa.DataFrameSchema(columns, checks=list(checks), strict=False, coerce=False)


ROUND = sa.String(100)
NAME = sa.String(200)
CODE = sa.String(3)
ENUM = sa.String(16)
INT = sa.Integer()


TablesModel = _model({
    "round": column("kierros", sql=ROUND, required=True),
    "table_no": column("nro", "int", sql=INT, required=True, minimum=1),
    "date": column("päivämäärä", "date", sql=sa.Date(), required=True),
    "name": column("nimi", sql=NAME, required=True),
    "municipalities": column("kunnat", "municipalities", sql=sa.Text(),
                             required=True, str_matches=r"^\d{3}(,\d{3})*$"),
    "participants": column("osallistujia", "int", sql=INT, required=True,
                           minimum=0),
    "online_peak": column("enimmillään_verkossa", "int", sql=INT,
                          minimum=0),
    "onsite": column("paikan_päällä", "int", sql=INT, minimum=0),
    "registered_local_orgs": column(
        "ilmoittautuneet_paikalliset_järjestöt", "int", sql=INT, minimum=0),
    "registered_regional_orgs": column(
        "ilmoittautuneet_laajemmat_toimijat", "int", sql=INT, minimum=0),
    "registered_officials": column(
        "ilmoittautuneet_viranhaltijat", "int", sql=INT, minimum=0),
    "format": column("muoto", "enum", sql=ENUM, choices=FORMAT_CHOICES,
                     default="online", shown="verkko, hybridi, paikan päällä "
                     "(online, hybrid, onsite)"),
    "memo_url": column("muistio", "url", sql=sa.Text(),
                       str_matches=r"^https?://\S+$"),
})


ContactsModel = _model({
    "municipality": column("kunta", "municipality", sql=CODE, required=True,
                           str_matches=r"^\d{3}$"),
    "name": column("nimi", sql=NAME, required=True),
    "role": column("rooli", "enum", sql=ENUM, choices=ROLE_CHOICES,
                   default="liaison", shown="järjestöyhdyshenkilö, "
                   "Leader-kyläkehittäjä, järjestäjä, muu (liaison, leader, "
                   "organiser, other)"),
    "organisation": column("organisaatio", sql=sa.Text()),
    "email": column("sähköposti", "email", sql=sa.String(200),
                    str_matches=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    "phone": column("puhelin", "phone", sql=sa.String(64),
                    str_matches=r"^\+?[\d\s()\-/]{5,}$"),
    "status": column("tila", "enum", sql=ENUM, choices=STATUS_CHOICES,
                     default="active", shown="aktiivinen, vaihtumassa, entinen "
                     "(active, changing, former)"),
    "note": column("huomio", sql=sa.Text()),
})


SpeakersModel = _model({
    "round": column("kierros", sql=ROUND, required=True),
    "table_no": column("nro", "int", sql=INT, required=True),
    "name": column("nimi", sql=NAME, required=True),
    "title": column("tehtävä", sql=sa.Text()),
    "organisation": column("organisaatio", sql=sa.Text()),
})


FeedbackModel = _model({
    "round": column("kierros", sql=ROUND, required=True),
    "table_no": column("nro", "int", sql=INT, required=True),
    "question": column("kysymys", "open_enum", sql=NAME, required=True,
                       choices=QUESTION_CHOICES),
    "option": column("vastaus", sql=NAME, required=True),
    "count": column("lukumäärä", "int", sql=INT, required=True, minimum=0),
})


ActionsModel = _model({
    "round": column("kierros", sql=ROUND, required=True),
    "table_no": column("nro", "int", sql=INT, required=True, minimum=1),
    "action_no": column("toimenpide_nro", "int", sql=INT, required=True,
                        minimum=1),
    "municipality": column("kunta", "municipality", sql=CODE, required=True,
                           str_matches=r"^\d{3}$"),
    "title": column("otsikko", sql=sa.Text(), required=True),
    "criterion": column("kriteeri", "criterion", sql=INT,
                        in_range={"min_value": 1, "max_value": 7}),
    "owner": column("vastuuhenkilö", sql=sa.Text()),
    "status": column("tila", "enum", sql=ENUM, choices=ACTION_STATUS_CHOICES,
                     default="proposed", shown="ehdotettu, päätöksenteossa, "
                     "päätetty, toteutettu, hylätty (proposed, in_decision, "
                     "decided, done, rejected)"),
    "decided_by": column("päättävä_taho", sql=sa.Text()),
    "due": column("määräaika", "date", sql=sa.Date()),
    "updated": column("päivitetty", "date", sql=sa.Date()),
    "note": column("huomio", sql=sa.Text()),
})


HighlightsModel = _model({
    # Every column is part of the key; an empty municipality means the whole round and an
    # empty criterion general remarks, so the store keeps those two nullable (kumppanuus.store.db
    # builds this table by hand).
    "round": column("kierros", sql=ROUND, required=True),
    "source": column("lähde", sql=NAME, required=True),
    "municipality": column("kunta", "municipality", sql=CODE,
                           str_matches=r"^\d{3}$"),
    "criterion": column("kriteeri", "criterion", sql=INT,
                        in_range={"min_value": 1, "max_value": 7}),
    "text": column("teksti", sql=sa.Text(), required=True),
})


# The row checks of a scores file (ROW_CHECKS below gives each its Finnish message).
def _score_or_mean_given(df: pd.DataFrame) -> pd.Series:
    return df["score"].notna() | df["mean"].notna() | df["n"].notna()


def _not_both_score_and_mean(df: pd.DataFrame) -> pd.Series:
    return ~(df["score"].notna() & (df["mean"].notna() | df["n"].notna()))


def _mean_needs_n(df: pd.DataFrame) -> pd.Series:
    return ~(df["mean"].notna() & df["n"].isna())


def _n_needs_mean(df: pd.DataFrame) -> pd.Series:
    return ~(df["n"].notna() & df["mean"].isna() & df["score"].isna())


def _scale_ordered(df: pd.DataFrame) -> pd.Series:
    return (df["scale_min"] < df["scale_max"]).fillna(True)


def _score_in_scale(df: pd.DataFrame) -> pd.Series:
    inside = df["score"].between(df["scale_min"], df["scale_max"])
    return inside | df["score"].isna()


def _mean_in_scale(df: pd.DataFrame) -> pd.Series:
    return df["mean"].between(df["scale_min"], df["scale_max"]) | df["mean"].isna()


ScoresModel = _model({
    # A file row carries `score` (one rating) or `mean` + `n`; the store keeps `score_sum` + `n`
    # instead (kumppanuus.store.kinds.scores_to_db), so `score` and `mean` are not stored.
    "round": column("kierros", sql=ROUND, required=True),
    "source": column("lähde", sql=NAME, required=True),
    "date": column("päivämäärä", "date", sql=sa.Date(), required=True),
    "municipality": column("kunta", "municipality", sql=CODE, required=True,
                           str_matches=r"^\d{3}$"),
    "respondent_group": column(
        "vastaajaryhmä", "enum", sql=ENUM, required=True, choices=GROUP_CHOICES,
        shown="osallistujat, kuntajohtajat (participants, managers)"),
    "criterion": column("kriteeri", "criterion", sql=INT, required=True,
                        in_range={"min_value": 1, "max_value": 7}),
    "score": column("arvo", "number", sql=None),
    "mean": column("keskiarvo", "number", sql=None),
    "n": column("vastaajia", "int", sql=INT, minimum=1, not_null=True),
    "scale_min": column("asteikko_min", "number", sql=sa.Float(), default=1.0),
    "scale_max": column("asteikko_max", "number", sql=sa.Float(), default=5.0),
    "respondent": column("vastaaja", sql=sa.String(100), stored_default=""),
}, checks=tuple(pa.Check(check, name=check.__name__.lstrip("_")) for check in (
    _score_or_mean_given, _not_both_score_and_mean, _mean_needs_n, _n_needs_mean, _scale_ordered,
    _score_in_scale, _mean_in_scale)))


ORG_TYPE_CHOICES = _choices({
    "municipality": ("kunta", "kaupunki"), "joint_authority": ("kuntayhtymä",),
    "project": ("hanke",), "leader": ("Leader-ryhmä", "Leader"),
    "association": ("järjestö", "yhdistys"), "education": ("oppilaitos", "kansalaisopisto"),
    "funder": ("rahoittaja",), "other": ("muu",)})
ORG_ROLE_CHOICES = _choices({"organiser": ("järjestäjä",), "host": ("isäntä", "kutsuja"),
                             "partner": ("kumppani", "yhteistyökumppani")})


OrganisationsModel = _model({
    # A partner organisation of a round, and its part in it.
    "round": column("kierros", sql=ROUND, required=True),
    "name": column("nimi", sql=NAME, required=True),
    "type": column("tyyppi", "enum", sql=ENUM, choices=ORG_TYPE_CHOICES,
                   default="other", shown="kunta, kuntayhtymä, hanke, Leader-ryhmä, "
                   "järjestö, oppilaitos, rahoittaja, muu"),
    "municipality": column("kunta", "municipality", sql=CODE,
                           str_matches=r"^\d{3}$"),
    "area": column("alue", sql=sa.String(100)),
    "role": column("rooli", "enum", sql=ENUM, choices=ORG_ROLE_CHOICES,
                   default="partner", shown="järjestäjä, isäntä, kumppani "
                   "(organiser, host, partner)"),
    "source": column("lähde", sql=NAME),
})


TableHostsModel = _model({
    # Who co-hosted a table (an organisation's name as in `organisations`).
    "round": column("kierros", sql=ROUND, required=True),
    "table_no": column("nro", "int", sql=INT, required=True, minimum=1),
    "organisation": column("organisaatio", sql=NAME, required=True),
    "source": column("lähde", sql=NAME),
})


RoundFactsModel = _model({
    # A narrative fact of a round ("4 082 associations"), with the source that states it.
    "round": column("kierros", sql=ROUND, required=True),
    "fact": column("asia", sql=sa.String(64), required=True),
    "value": column("arvo", "number", sql=sa.Float()),
    "qualifier": column("tarkenne", sql=sa.String(32)),
    "unit": column("yksikkö", sql=sa.String(100)),
    "text": column("teksti", sql=sa.Text(), required=True),
    "source": column("lähde", sql=NAME, required=True),
})


#: Dataframe-level check → (column the problem is reported on, Finnish message template; the
#: template is formatted with the row's typed values).
ROW_CHECKS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "score_or_mean_given": ("score", "odotettiin joko arvoa tai keskiarvoa ja vastaajamäärää; "
                                     "kumpaakaan ei annettu"),
    "not_both_score_and_mean": ("score", "odotettiin joko arvoa tai keskiarvoa ja "
                                         "vastaajamäärää, ei molempia samalla rivillä"),
    "mean_needs_n": ("mean", "keskiarvolle odotettiin myös vastaajamäärää (vastaajia ≥ 1)"),
    "n_needs_mean": ("n", "vastaajamäärälle odotettiin myös keskiarvoa"),
    "scale_ordered": ("scale_max", "odotettiin asteikon ylärajaa suuremmaksi kuin alaraja "
                                   "({scale_min:g}), saatiin {scale_max:g}"),
    "score_in_scale": ("score", "odotettiin arvoa väliltä {scale_min:g}–{scale_max:g}"),
    "mean_in_scale": ("mean", "odotettiin keskiarvoa väliltä {scale_min:g}–{scale_max:g}"),
})


def _kind(name: str, title_fi: str, model: pa.DataFrameSchema,
          key: tuple[str, ...]) -> KindSpec:
    """A KindSpec read off `model`: its columns in declaration order with their metadata."""
    columns = tuple(
        ColumnSpec(col_name, meta["header"], meta["type"], meta["required"], meta["default"],
                   meta["minimum"], MappingProxyType(meta["choices"]), meta["shown"], meta["sql"],
                   meta["not_null"] or meta["required"] or meta["default"] is not None
                   or col_name in key, meta["stored_default"])
        for col_name, meta in ((n, c.metadata["kumppanuus"])
                               for n, c in model.columns.items()))
    return KindSpec(name, title_fi, columns, key, model)


KINDS: Mapping[str, KindSpec] = MappingProxyType({
    "tables": _kind("tables", "kumppanuuspöydät", TablesModel, ("round", "table_no")),
    "contacts": _kind("contacts", "yhteyshenkilöt", ContactsModel,
                      ("municipality", "name", "role")),
    "speakers": _kind("speakers", "alustajat", SpeakersModel, ("round", "table_no", "name")),
    "scores": _kind("scores", "järjestöystävällisyys", ScoresModel,
                    ("round", "source", "municipality", "respondent_group", "criterion",
                     "respondent")),
    "feedback": _kind("feedback", "palaute", FeedbackModel,
                      ("round", "table_no", "question", "option")),
    # Added in the second release: what came of a table, and what was said at it.
    "actions": _kind("actions", "toimenpiteet", ActionsModel, ("round", "table_no", "action_no")),
    "highlights": _kind("highlights", "poiminnat", HighlightsModel,
                        ("round", "source", "municipality", "criterion", "text")),
    "organisations": _kind("organisations", "organisaatiot", OrganisationsModel,
                           ("round", "name")),
    "table_hosts": _kind("table_hosts", "pöytien järjestäjät", TableHostsModel,
                         ("round", "table_no", "organisation")),
    "round_facts": _kind("round_facts", "kierroksen tiedot", RoundFactsModel, ("round", "fact")),
})

#: Kinds this version adds beyond the published contract (shared/spec/data-formats.md): rounds
#: over time need a round's partners, its tables' co-hosts and its narrative facts as data.
EXTENSION_KINDS: tuple[str, ...] = ("organisations", "table_hosts", "round_facts")

#: Kinds a user can upload: the table kinds plus `menti` (a Mentimeter export → scores rows).
UPLOAD_KINDS: tuple[str, ...] = (*KINDS, "menti")


def kind_spec(kind: str) -> KindSpec:
    """The declaration of `kind`; raises UnknownKind with the known kinds listed."""
    if kind not in KINDS:
        raise UnknownKind(kind, tuple(KINDS))
    return KINDS[kind]


def closest_kind(headers: list[str]) -> tuple[str | None, list[str]]:
    """The kind whose columns the headers match most (fewest columns on a tie), and the Finnish
    headers of its required columns the file lacks. (None, []) when nothing matches."""
    best, best_score, missing = None, (0, 0), []
    for spec in KINDS.values():
        lookup = spec.header_lookup()
        found = {lookup[h] for h in map(normalise_header, headers) if h in lookup}
        score = (len(found), -len(spec.columns))
        if found and score > best_score:
            best, best_score = spec.name, score
            missing = [c.header_fi for c in spec.columns if c.required and c.name not in found]
    return best, missing


def guess_kind(headers: list[str]) -> str | None:
    """The kind the headers match most, if they have all its required columns; else None.

    Never a lesser match: a tables file without `päivämäärä` also has every required column of
    speakers (kierros, nro, nimi), but it is not offered as speakers — it is a tables file with
    a column missing (`closest_kind` names it).
    """
    kind, missing = closest_kind(headers)
    return kind if kind and not missing else None


def criterion_number(text: str) -> int | None:
    """1–7 for a criterion's text (tolerant of case, spacing, punctuation), else None."""
    key = normalise_text(text)
    for number, criterion in enumerate(CRITERIA, start=1):
        if key == normalise_text(criterion):
            return number
    return None
