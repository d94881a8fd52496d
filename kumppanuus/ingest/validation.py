"""A DataFrame of strings → typed canonical rows plus every problem and warning.

`TableParser` maps the written headers to the kind's columns, converts each column
(`kumppanuus.ingest.cells`), runs the kind's pandera model with ``lazy=True``, checks duplicate keys and
warns about formula-looking text. Bad input becomes `Problem` rows, never an exception.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from kumppanuus.ingest.cells import DTYPES, Converted, convert_column
from kumppanuus.ingest.headers import map_headers
from kumppanuus.ingest.results import IngestResult, Problem
from kumppanuus.ingest.texts import shorten
from kumppanuus.schema import ROW_CHECKS, ColumnSpec, KindSpec

FORMULA_START = ("=", "+", "-", "@")


class TableParser:
    """The steps of `parse` for one file; collects problems and warnings as it goes."""

    def __init__(self, spec: KindSpec, table: pd.DataFrame, filename: str, resolver) -> None:
        self.spec, self.table, self.file, self.resolver = spec, table, filename, resolver
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.headers: dict[str, str] = {}
        self.raw: dict[str, pd.Series] = {}
        self.key_codes: dict[str, np.ndarray] = {}

    def run(self) -> IngestResult:
        self._map_headers()
        self._read_notes()
        typed = pd.DataFrame({c.name: self._column(c) for c in self.spec.columns},
                             index=self.table.index, copy=False)  # the columns are new already
        self._validate(typed)
        self._duplicates(typed)
        bad = {p.row for p in self.problems}
        rows = typed[~typed.index.isin(bad)] if bad else typed
        for col in self.spec.columns:
            if col.type == "date":
                rows = rows.assign(**{col.name: _dates(rows[col.name])})
        order = {name: i for i, name in enumerate(self.table.columns)}
        for items in (self.problems, self.warnings):
            items.sort(key=lambda p: (p.row, order.get(p.column, -1)))
        present = tuple(c for c in self.spec.names if c in self.headers)
        return IngestResult(self.spec.name, self.file, rows, self.problems, self.warnings,
                            present=present)

    def _header(self, column: str) -> str:
        """The header as written in the file, else the Finnish header of the spec."""
        if column in self.headers:
            return self.headers[column]
        return self.spec.column(column).header_fi if column in self.spec.names else column

    def _add(self, target: list, column: str, messages: pd.Series) -> None:
        if messages.empty:
            return
        header = self._header(column)
        raw = self.raw.get(column, pd.Series(dtype="str"))
        for row, message in messages.dropna().items():
            value = shorten(str(raw.get(row, "")).strip(), 200)  # never a 30 000-char echo
            target.append(Problem(self.file, int(row), header, value, message))

    def _map_headers(self) -> None:
        mapped = map_headers(self.spec, self.table, self.file)
        for canonical, (written, pos) in mapped.found.items():
            self.headers[canonical] = written
            self.raw[canonical] = self.table.iloc[:, pos]
        self.problems += mapped.problems
        self.warnings += mapped.warnings

    def _read_notes(self) -> None:
        """What reading tolerated (stray byte, Mac encoding, hidden row) → warnings."""
        rows = set(self.table.index)
        for note in self.table.attrs.get("notes", ()):
            if note.row > 1 and note.row not in rows:
                continue  # e.g. a hidden row that was blank anyway
            column = "" if note.column is None or note.column >= len(self.table.columns) \
                else str(self.table.columns[note.column])
            self.warnings.append(Problem(self.file, note.row, column, "", note.message))

    def _column(self, col: ColumnSpec) -> pd.Series:
        dtype = DTYPES.get(col.type, "str")
        if col.name not in self.raw:
            return pd.Series(col.default, index=self.table.index, dtype=dtype)
        converted = convert_column(self.raw[col.name], col, self.resolver,
                                   key=col.name in self.spec.key)
        if col.required and converted.empty.any():
            self._add(self.problems, col.name, pd.Series(
                f"pakollinen arvo puuttuu; odotettiin {col.expected}",
                index=self.table.index[converted.empty]))
        self._add(self.problems, col.name, converted.errors)
        self._add_grouped_warnings(col.name, converted.warnings)
        if col.free_text:
            self._formulas(col.name, converted)
        if col.name in self.spec.key:  # only the key is compared across rows (`_duplicates`)
            self.key_codes[col.name] = converted.value_codes.astype(np.int32)
        return converted.values.astype(dtype)

    def _add_grouped_warnings(self, column: str, messages: pd.Series) -> None:
        if messages.empty:
            return
        messages = messages.dropna()
        for message, rows in messages.groupby(messages).groups.items():
            more = f" (sama {len(rows) - 1} muulla rivillä)" if len(rows) > 1 else ""
            self._add(self.warnings, column, pd.Series({rows[0]: message + more}))

    def _validate(self, typed: pd.DataFrame) -> None:
        try:
            self.spec.model.validate(typed, lazy=True, inplace=True)
        except pa.errors.SchemaErrors as exc:
            self._failures(exc.failure_cases, typed)

    def _failures(self, cases: pd.DataFrame, typed: pd.DataFrame) -> None:
        already = {p.row for p in self.problems}
        cases = cases.drop_duplicates(subset=["check", "index", "schema_context"])
        for case in cases.itertuples(index=False):
            if case.schema_context == "DataFrameSchema" and case.check in ROW_CHECKS:
                if case.index not in already:
                    self._row_check(case.check, case.index, typed)
            else:
                self._column_check(case)

    def _row_check(self, check: str, row: int, typed: pd.DataFrame) -> None:
        column, template = ROW_CHECKS[check]
        values = {k: (v if pd.notna(v) else float("nan")) for k, v in typed.loc[row].items()}
        message = template.format(**values)
        written = self.raw.get(column, pd.Series(dtype="str")).get(row, "")
        if written:
            message += f", saatiin '{written}'"
        self._add(self.problems, column, pd.Series({row: message}))

    def _column_check(self, case) -> None:
        if case.index is None or pd.isna(case.index):
            self.problems.append(Problem(self.file, 0, self._header(str(case.column)),
                                         str(case.failure_case), f"tarkistus {case.check} ei "
                                         "mennyt läpi; odotettiin kelvollisia arvoja"))
            return
        col = self.spec.column(case.column)
        raw = self.raw.get(case.column, pd.Series(dtype="str")).get(case.index, "")
        message = f"odotettiin {col.expected}, saatiin '{raw or case.failure_case}'"
        self._add(self.problems, case.column, pd.Series({int(case.index): message}))

    def _duplicates(self, typed: pd.DataFrame) -> None:
        """Rows whose key repeats an earlier row's key: a problem naming both rows.

        Works on the per-row codes of the typed values (so "Lapua" and "408" are the same key).
        An empty `respondent` is a value of its own; a row missing another key part is skipped.
        The key columns are folded into one code per row, a column at a time (`_fold`), so a
        100,000-row file needs a few row-long arrays here, not a frame of every key column.
        """
        keys = list(self.spec.key)
        if any(k not in self.key_codes for k in keys if k != "respondent") or not len(typed):
            return  # a key column is missing: already a header problem
        group = np.zeros(len(typed), dtype=np.int64)
        complete = np.ones(len(typed), dtype=bool)
        for k in keys:
            codes = self.key_codes.get(k)
            if codes is None:
                continue  # no respondent column: the same (empty) respondent on every row
            if k == "respondent":
                codes = codes.clip(min=-1) + 1  # empty → 0
            else:
                complete &= codes >= 0
            group = _fold(group, codes)
        rows = typed.index[complete]
        group = group[complete]
        dup = pd.Series(group).duplicated(keep=False).to_numpy()
        if not dup.any():
            return
        repeated = pd.DataFrame({"key": group[dup], "row": rows[dup]})
        first = repeated.groupby("key")["row"].transform("min").to_numpy()
        for row, first_row in zip(repeated["row"], first):
            if row != first_row:
                self._add(self.problems, keys[0], pd.Series({row: self._dup_message(
                    keys, first_row, row)}))

    def _dup_message(self, keys: list[str], first_row: int, row: int) -> str:
        shown = ", ".join(f"{self._header(k)}="
                          f"'{self.raw[k].get(row, '') if k in self.raw else ''}'" for k in keys)
        return (f"rivien {first_row} ja {row} avain on sama ({shown}); odotettiin kutakin "
                "avainta vain kerran tiedostossa")

    def _formulas(self, column: str, converted: Converted) -> None:
        """Formula-looking text (=, +, -, @ first) is kept as text, with a warning.

        Refusing would block real text such as "-hanke" or "+ 2 muuta"; the export side
        neutralises such cells before they can reach a spreadsheet again.
        """
        texts = converted.texts
        looks = np.fromiter((t.startswith(FORMULA_START) for t in texts), dtype=bool,
                            count=len(texts))
        if not looks.any():
            return
        rows = looks[converted.codes]
        firsts = [texts[code][0] for code in converted.codes[rows]]
        self._add(self.warnings, column, pd.Series(
            [f"solu alkaa merkillä '{c}' ja näyttää kaavalta; odotettiin tekstiä — se "
             "tallennetaan tekstinä sellaisenaan" for c in firsts], index=self.table.index[rows]))


def _dates(values: pd.Series) -> pd.Series:
    """datetime64 → datetime.date objects (None when missing), converting each distinct day once."""
    codes, uniques = pd.factorize(values)  # NaT gets code -1, the None at the end
    days = np.array([d.date() for d in uniques] + [None], dtype=object)
    return pd.Series(days[codes], index=values.index, dtype=object)


def _fold(group: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """One code per distinct (group, code) pair, 0… (fewer than the rows, so never overflows)."""
    return pd.factorize(group * (int(codes.max()) + 2) + (codes + 1))[0]
