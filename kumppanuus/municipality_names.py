"""Resolve what people write for a municipality to its 3-digit statistical code.

Accepted: the code (leading zeros may have been lost in Excel: `5` = `005`), the Finnish or Swedish
name in any case and spacing, and a former municipality (by name or old code) that merged into a
current one — that maps to the current code with a warning. Anything else is an error with a
"tarkoititko …?" suggestion from difflib.

The resolver is built from DataFrames passed in, so tests and the nation-scale benchmark can use
309 municipalities; `load_default_resolver` reads the 18 the app knows from data/.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kumppanuus.config import DATA_DIR

_CODE_RE = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True)
class Resolution:
    """The outcome for one written value: a code (maybe with a warning) or an error."""

    code: str | None
    warning: str | None = None
    error: str | None = None


def normalise_name(value: str) -> str:
    """Case-, space- and Unicode-form-insensitive key for a name."""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@dataclass(frozen=True)
class _Former:
    name: str
    merged_into: str
    year: str


class MunicipalityResolver:
    """Maps names and codes to current municipality codes; see the module docstring."""

    def __init__(self, municipalities: pd.DataFrame, former: pd.DataFrame | None = None) -> None:
        codes = municipalities["code"].astype(str).str.strip().str.zfill(3)
        self.names: dict[str, str] = dict(zip(codes, municipalities["name_fi"].astype(str)))
        self._by_name: dict[str, str] = {}
        for column in ("name_sv", "name_fi"):  # Finnish last: it wins a clash
            if column in municipalities:
                self._by_name.update(_name_map(municipalities[column], codes))
        self._former_by_name, self._former_by_code = _former_maps(former, self.names)
        self._choices = sorted(set(self._by_name) | set(self._former_by_name))
        self._display = {normalise_name(n): n for n in self._display_names(municipalities)}

    @staticmethod
    def _display_names(municipalities: pd.DataFrame) -> list[str]:
        names = list(municipalities["name_fi"].astype(str))
        if "name_sv" in municipalities:
            names += list(municipalities["name_sv"].dropna().astype(str))
        return names

    @property
    def codes(self) -> tuple[str, ...]:
        """The current municipality codes, sorted."""
        return tuple(sorted(self.names))

    def resolve(self, value: object) -> Resolution:
        """Resolve one written value (str, int, float); never raises."""
        text = "" if value is None else str(value).strip()
        if _CODE_RE.match(text):
            return self._resolve_code(text.zfill(3), text)
        key = normalise_name(text)
        if key in self._by_name:
            return Resolution(self._by_name[key])
        if key in self._former_by_name:
            return self._merged(self._former_by_name[key])
        return Resolution(None, error=self._unknown_name(text, key))

    def resolve_many(self, values: pd.Series) -> pd.DataFrame:
        """Vectorised `resolve`: columns code, warning, error aligned to `values.index`.

        Each distinct value is resolved once, so the cost follows the number of distinct values.
        """
        uniques = pd.unique(values.astype(str))
        found = [self.resolve(u) for u in uniques]
        table = pd.DataFrame({"code": [f.code for f in found],
                              "warning": [f.warning for f in found],
                              "error": [f.error for f in found]}, index=uniques)
        out = table.reindex(values.astype(str).to_numpy())
        out.index = values.index
        return out

    def _resolve_code(self, code: str, written: str) -> Resolution:
        if code in self.names:
            return Resolution(code)
        if code in self._former_by_code:
            return self._merged(self._former_by_code[code])
        return Resolution(
            None,
            error=f"tuntematon kuntanumero '{written}'; odotettiin jonkin sovelluksen "
            f"{len(self.names)} kunnan numeroa (esim. {self.codes[0]}) tai kunnan nimeä",
        )

    def _merged(self, former: _Former) -> Resolution:
        target = self.names[former.merged_into]
        return Resolution(
            former.merged_into,
            warning=f"entinen kunta {former.name} yhdistyi vuonna {former.year} kuntaan "
            f"{target}; käytetään kuntaa {target} ({former.merged_into})",
        )

    def _unknown_name(self, text: str, key: str) -> str:
        base = f"tuntematon kunta '{text}'; odotettiin kunnan nimeä tai 3-numeroista kuntanumeroa"
        if not key:
            return "kunta puuttuu; odotettiin kunnan nimeä tai 3-numeroista kuntanumeroa"
        close = difflib.get_close_matches(key, self._choices, n=1, cutoff=0.6)
        if not close:
            return base
        shown = self._display.get(close[0]) or self._former_display(close[0])
        return f"{base} — tarkoititko '{shown}'?"

    def _former_display(self, key: str) -> str:
        return self._former_by_name[key].name


def _name_map(names: pd.Series, codes: pd.Series) -> dict[str, str]:
    return {normalise_name(n): c for n, c in zip(names, codes) if isinstance(n, str) and n.strip()}


def _former_maps(
    former: pd.DataFrame | None, current: dict[str, str]
) -> tuple[dict[str, _Former], dict[str, _Former]]:
    by_name: dict[str, _Former] = {}
    by_code: dict[str, _Former] = {}
    if former is None:
        return by_name, by_code
    for row in former.astype(str).itertuples(index=False):
        target = row.merged_into_code.strip().zfill(3)
        if target not in current:
            continue
        entry = _Former(row.name.strip(), target, row.year.strip())
        by_name[normalise_name(row.name)] = entry
        by_code[row.former_code.strip().zfill(3)] = entry
    return by_name, by_code


def load_default_resolver(data_dir: Path = DATA_DIR) -> MunicipalityResolver:
    """The resolver for the app's 18 municipalities and their former parts, from data/."""
    municipalities = pd.read_csv(data_dir / "municipalities.csv", dtype=str, keep_default_na=False)
    former = pd.read_csv(data_dir / "former_municipalities.csv", dtype=str, keep_default_na=False)
    return MunicipalityResolver(municipalities, former)
