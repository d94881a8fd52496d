"""What each upload kind is: canonical columns, Finnish headers, keys, defaults, enums, checks.

The published contract is shared/spec/data-formats.md; this module is its executable form and the
CLI, the upload page and the tests all use it. Cell-level parsing (dates, numbers, names) happens in
`kumppanuus.ingest.cells` (run by `kumppanuus.ingest`); what is left for the pandera models here are the
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
from pandera.typing import Series

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
    """One upload kind: its columns in canonical order, key columns and pandera model."""

    name: str
    title_fi: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    model: type[pa.DataFrameModel]

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


def _enum(name, header, choices, shown, default=None, required=False) -> ColumnSpec:
    return ColumnSpec(name, header, "enum", required, default, choices=choices, shown_choices=shown)


def _int(name, header, required=False, minimum=None) -> ColumnSpec:
    return ColumnSpec(name, header, "int", required, minimum=minimum)


# ---------------------------------------------------------------- pandera models (type + range)
class _Base(pa.DataFrameModel):
    class Config:
        strict = False
        coerce = False


class TablesModel(_Base):
    round: Series[str] = pa.Field(nullable=True)
    table_no: Series[pd.Int64Dtype] = pa.Field(ge=1, nullable=True)
    date: Series[pa.DateTime] = pa.Field(nullable=True)
    name: Series[str] = pa.Field(nullable=True)
    municipalities: Series[str] = pa.Field(str_matches=r"^\d{3}(,\d{3})*$", nullable=True)
    participants: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    online_peak: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    onsite: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    registered_local_orgs: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    registered_regional_orgs: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    registered_officials: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    format: Series[str] = pa.Field(isin=["online", "hybrid", "onsite"], nullable=True)
    memo_url: Series[str] = pa.Field(str_matches=r"^https?://\S+$", nullable=True)


class ContactsModel(_Base):
    municipality: Series[str] = pa.Field(str_matches=r"^\d{3}$", nullable=True)
    name: Series[str] = pa.Field(nullable=True)
    role: Series[str] = pa.Field(isin=["liaison", "leader", "organiser", "other"], nullable=True)
    organisation: Series[str] = pa.Field(nullable=True)
    email: Series[str] = pa.Field(str_matches=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", nullable=True)
    phone: Series[str] = pa.Field(str_matches=r"^\+?[\d\s()\-/]{5,}$", nullable=True)
    status: Series[str] = pa.Field(isin=["active", "changing", "former"], nullable=True)
    note: Series[str] = pa.Field(nullable=True)


class SpeakersModel(_Base):
    round: Series[str] = pa.Field(nullable=True)
    table_no: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    name: Series[str] = pa.Field(nullable=True)
    title: Series[str] = pa.Field(nullable=True)
    organisation: Series[str] = pa.Field(nullable=True)


class FeedbackModel(_Base):
    round: Series[str] = pa.Field(nullable=True)
    table_no: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    question: Series[str] = pa.Field(nullable=True)
    option: Series[str] = pa.Field(nullable=True)
    count: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)


class ScoresModel(_Base):
    round: Series[str] = pa.Field(nullable=True)
    source: Series[str] = pa.Field(nullable=True)
    date: Series[pa.DateTime] = pa.Field(nullable=True)
    municipality: Series[str] = pa.Field(str_matches=r"^\d{3}$", nullable=True)
    respondent_group: Series[str] = pa.Field(isin=["participants", "managers"], nullable=True)
    criterion: Series[pd.Int64Dtype] = pa.Field(in_range={"min_value": 1, "max_value": 7},
                                                nullable=True)
    score: Series[float] = pa.Field(nullable=True)
    mean: Series[float] = pa.Field(nullable=True)
    n: Series[pd.Int64Dtype] = pa.Field(ge=1, nullable=True)
    scale_min: Series[float] = pa.Field(nullable=True)
    scale_max: Series[float] = pa.Field(nullable=True)
    respondent: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check
    def score_or_mean_given(cls, df: pd.DataFrame) -> Series[bool]:
        return df["score"].notna() | df["mean"].notna() | df["n"].notna()

    @pa.dataframe_check
    def not_both_score_and_mean(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["score"].notna() & (df["mean"].notna() | df["n"].notna()))

    @pa.dataframe_check
    def mean_needs_n(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["mean"].notna() & df["n"].isna())

    @pa.dataframe_check
    def n_needs_mean(cls, df: pd.DataFrame) -> Series[bool]:
        return ~(df["n"].notna() & df["mean"].isna() & df["score"].isna())

    @pa.dataframe_check
    def scale_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["scale_min"] < df["scale_max"]).fillna(True)

    @pa.dataframe_check
    def score_in_scale(cls, df: pd.DataFrame) -> Series[bool]:
        inside = df["score"].between(df["scale_min"], df["scale_max"])
        return inside | df["score"].isna()

    @pa.dataframe_check
    def mean_in_scale(cls, df: pd.DataFrame) -> Series[bool]:
        return df["mean"].between(df["scale_min"], df["scale_max"]) | df["mean"].isna()


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

_T = "text"
KINDS: Mapping[str, KindSpec] = MappingProxyType({
    "tables": KindSpec("tables", "kumppanuuspöydät", (
        ColumnSpec("round", "kierros", _T, True),
        _int("table_no", "nro", True, minimum=1),
        ColumnSpec("date", "päivämäärä", "date", True),
        ColumnSpec("name", "nimi", _T, True),
        ColumnSpec("municipalities", "kunnat", "municipalities", True),
        _int("participants", "osallistujia", True, minimum=0),
        _int("online_peak", "enimmillään_verkossa", minimum=0),
        _int("onsite", "paikan_päällä", minimum=0),
        _int("registered_local_orgs", "ilmoittautuneet_paikalliset_järjestöt", minimum=0),
        _int("registered_regional_orgs", "ilmoittautuneet_laajemmat_toimijat", minimum=0),
        _int("registered_officials", "ilmoittautuneet_viranhaltijat", minimum=0),
        _enum("format", "muoto", FORMAT_CHOICES, "verkko, hybridi, paikan päällä "
              "(online, hybrid, onsite)", default="online"),
        ColumnSpec("memo_url", "muistio", "url"),
    ), ("round", "table_no"), TablesModel),
    "contacts": KindSpec("contacts", "yhteyshenkilöt", (
        ColumnSpec("municipality", "kunta", "municipality", True),
        ColumnSpec("name", "nimi", _T, True),
        _enum("role", "rooli", ROLE_CHOICES, "järjestöyhdyshenkilö, Leader-kyläkehittäjä, "
              "järjestäjä, muu (liaison, leader, organiser, other)", default="liaison"),
        ColumnSpec("organisation", "organisaatio", _T),
        ColumnSpec("email", "sähköposti", "email"),
        ColumnSpec("phone", "puhelin", "phone"),
        _enum("status", "tila", STATUS_CHOICES, "aktiivinen, vaihtumassa, entinen "
              "(active, changing, former)", default="active"),
        ColumnSpec("note", "huomio", _T),
    ), ("municipality", "name", "role"), ContactsModel),
    "speakers": KindSpec("speakers", "alustajat", (
        ColumnSpec("round", "kierros", _T, True),
        _int("table_no", "nro", True),
        ColumnSpec("name", "nimi", _T, True),
        ColumnSpec("title", "tehtävä", _T),
        ColumnSpec("organisation", "organisaatio", _T),
    ), ("round", "table_no", "name"), SpeakersModel),
    "scores": KindSpec("scores", "järjestöystävällisyys", (
        ColumnSpec("round", "kierros", _T, True),
        ColumnSpec("source", "lähde", _T, True),
        ColumnSpec("date", "päivämäärä", "date", True),
        ColumnSpec("municipality", "kunta", "municipality", True),
        _enum("respondent_group", "vastaajaryhmä", GROUP_CHOICES, "osallistujat, kuntajohtajat "
              "(participants, managers)", required=True),
        ColumnSpec("criterion", "kriteeri", "criterion", True),
        ColumnSpec("score", "arvo", "number"),
        ColumnSpec("mean", "keskiarvo", "number"),
        _int("n", "vastaajia", minimum=1),
        ColumnSpec("scale_min", "asteikko_min", "number", default=1.0),
        ColumnSpec("scale_max", "asteikko_max", "number", default=5.0),
        ColumnSpec("respondent", "vastaaja", _T),
    ), ("round", "source", "municipality", "respondent_group", "criterion", "respondent"),
        ScoresModel),
    "feedback": KindSpec("feedback", "palaute", (
        ColumnSpec("round", "kierros", _T, True),
        _int("table_no", "nro", True),
        ColumnSpec("question", "kysymys", "open_enum", True, choices=QUESTION_CHOICES),
        ColumnSpec("option", "vastaus", _T, True),
        _int("count", "lukumäärä", True, minimum=0),
    ), ("round", "table_no", "question", "option"), FeedbackModel),
})

#: Kinds a user can upload: the table kinds plus `menti` (a Mentimeter export → scores rows).
UPLOAD_KINDS: tuple[str, ...] = (*KINDS, "menti")


def kind_spec(kind: str) -> KindSpec:
    """The declaration of `kind`; raises UnknownKind with the known kinds listed."""
    if kind not in KINDS:
        raise UnknownKind(kind, tuple(KINDS))
    return KINDS[kind]


def guess_kind(headers: list[str]) -> str | None:
    """The kind whose required columns all appear in `headers` and that matches most of them.

    Returns None when no kind has all its required columns.
    """
    best, best_score = None, (0, 0)
    for spec in KINDS.values():
        lookup = spec.header_lookup()
        found = {lookup[h] for h in map(normalise_header, headers) if h in lookup}
        required = {c.name for c in spec.columns if c.required}
        if not required <= found:
            continue
        score = (len(found), -len(spec.columns))
        if score > best_score:
            best, best_score = spec.name, score
    return best


def criterion_number(text: str) -> int | None:
    """1–7 for a criterion's text (tolerant of case, spacing, punctuation), else None."""
    key = normalise_text(text)
    for number, criterion in enumerate(CRITERIA, start=1):
        if key == normalise_text(criterion):
            return number
    return None
