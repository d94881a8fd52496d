"""One ingest pipeline for the CLI and the upload page: bytes → checked rows → store.

`check_bytes` validates (never writes, never raises on bad input); `preview` tells what writing
would change; `write` keeps the original file under the upload folder and writes every row in one
transaction with its audit record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import PureWindowsPath

import pandas as pd

from kumppanuus import config, examples, followup, ingest, liaisons, templates
from kumppanuus.ingest import against_store
from kumppanuus.store.kinds import scores_to_db
from kumppanuus.municipality_names import MunicipalityResolver
from kumppanuus.store import ImportPlan, Store


@dataclass
class Checked:
    """One file after validation."""

    kind: str
    file_name: str
    data: bytes
    result: ingest.IngestResult

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def store_kind(self) -> str:
        return "scores" if self.kind == "menti" else self.kind

    @property
    def rows(self) -> pd.DataFrame:
        return self.result.rows

    @property
    def problems(self) -> list[ingest.Problem]:
        return self.result.problems

    @property
    def unreadable(self) -> bool:
        return self.result.unreadable

    def problem_lines(self) -> list[str]:
        return [ingest.format_problem(p) for p in self.result.problems]

    def warning_lines(self) -> list[str]:
        return [ingest.format_warning(p) for p in self.result.warnings]


def resolver_for(store: Store) -> MunicipalityResolver:
    """Municipality names and codes the database knows, with the former municipalities."""
    return MunicipalityResolver(
        store.reference("municipalities"), store.reference("former_municipalities")
    )


def menti_context(meta: dict | None):
    """The user's description of a Mentimeter file (round, source, municipality, group, date)."""
    if meta is None:
        return None
    from kumppanuus.ingest.menti import MentiContext

    return MentiContext.from_mapping(meta)


def check_bytes(kind: str, data: bytes, file_name: str, store: Store, *,
                menti_meta: dict | None = None) -> Checked:
    """Validate one file; writes nothing."""
    try:
        context = menti_context(menti_meta)
    except ValueError as exc:
        result = ingest.unreadable_result(kind, file_name, str(exc))
        return Checked(kind, file_name, data, result)
    result = ingest.parse_bytes(
        kind, data, file_name, resolver_for(store), menti=context,
        max_bytes=config.max_upload_bytes(),
    )
    templates.refuse_template_rows(result)
    against_store.check(result, store, file_name)  # key spellings, unknown tables: warnings
    return Checked(kind, file_name, data, result)


#: Kinds whose rows can be marked as example data (they carry `is_example`).
EXAMPLE_KINDS = ("scores", "feedback", "menti")


def import_date() -> dt.date:
    """The date an import is made (the default of an action's `updated`)."""
    return dt.date.today()


def db_rows(checked: Checked, *, example: bool = False, store: Store | None = None
            ) -> pd.DataFrame:
    """Checked rows in the database's column form; example rows go to their own round.
    Actions without an `updated` date get the import's date where they change (`store`)."""
    rows = checked.rows
    if checked.store_kind == "actions" and store is not None:
        rows = followup.fill_updated(rows, store.frame("actions"), import_date(),
                                     update_columns(checked))
    if checked.store_kind == "scores":
        rows = scores_to_db(rows, is_example=False)
    elif checked.store_kind == "feedback":
        rows = rows.assign(is_example=False)
    elif example:
        raise ValueError(f"{checked.kind}: vain arviot ja palaute voi merkitä esimerkkiaineistoksi")
    return examples.as_example(rows) if example else rows


def update_columns(checked: Checked) -> tuple[str, ...] | None:
    """Columns an existing row may change: the ones the file had (scores: all, derived)."""
    present = getattr(checked.result, "present", None)
    if checked.store_kind in ("scores", "feedback") or present is None:
        return None
    if checked.store_kind == "actions":  # `updated` is filled in when a row changes
        return tuple(dict.fromkeys((*present, "updated")))
    return tuple(present)


def preview(store: Store, checked: Checked, *, example: bool = False) -> ImportPlan:
    """What writing this file would do (added / updated with old values / unchanged)."""
    return store.plan_import(checked.store_kind, db_rows(checked, example=example, store=store),
                             update_columns(checked))


def history_name(file_name: str) -> str:
    """The name the import history keeps: the file's own name, never the uploader's folder
    (`C:\\Users\\teija\\pöydät.csv` and `/home/teija/pöydät.csv` both → `pöydät.csv`)."""
    return PureWindowsPath(str(file_name)).name or str(file_name)


class UnknownRound(ValueError):
    """A contacts import was filed under a round the database does not know."""


def contact_rounds(store: Store) -> list[str]:
    """The rounds a contacts file can belong to, oldest first (the upload page's choices)."""
    return liaisons.round_order(store.frame("tables"), store.reference("rounds"))


def contacts_round(store: Store, wanted: str | None = None) -> str | None:
    """The round a contacts import belongs to: `wanted` if the database knows it, else the
    newest round (None only for a database without rounds)."""
    known = contact_rounds(store)
    if wanted is None:
        return known[-1] if known else None
    if wanted not in known:
        raise UnknownRound(f"tuntematon kierros '{wanted}' (tunnetut: {', '.join(known)})")
    return wanted


def write(store: Store, checked: Checked, *, user: str, example: bool = False,
          round: str | None = None) -> tuple[int, ImportPlan]:
    """Write a valid file in one transaction and record it; refuses a file with problems.
    A contacts file is recorded under `round` (default: the newest round)."""
    if checked.problems:
        raise ValueError("tiedostossa on virheitä; mitään ei tallennettu")
    filed = contacts_round(store, round) if checked.store_kind == "contacts" else None
    return store.commit_import(
        checked.store_kind, db_rows(checked, example=example, store=store), user=user,
        file_name=history_name(checked.file_name), sha256=checked.sha256, original=checked.data,
        update_columns=update_columns(checked), round=filed,
    )


def preview_frames(plan: ImportPlan) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(rows to add, rows to update with new values, mask of the changed cells)."""
    added = pd.DataFrame(plan.added)
    updated = pd.DataFrame([new for new, _, _ in plan.updated])
    mask = pd.DataFrame(
        [{c: c in previous for c in updated.columns} for _, previous, _ in plan.updated],
        columns=updated.columns,
    )
    return added, updated, mask


def closest_kind(data: bytes, file_name: str) -> tuple[str | None, list[str]]:
    """The kind a file's headers come closest to and its required columns the file lacks
    (`schema.closest_kind`); (None, []) for a file that cannot be read."""
    from kumppanuus.schema import closest_kind as closest_from_headers

    try:
        if data[:2] == b"PK":
            from kumppanuus.ingest import menti

            if menti.is_menti_export(data):
                return "menti", []
        return closest_from_headers(list(ingest.read_table(data, file_name).columns))
    except Exception:  # noqa: BLE001 — a guess only; validation reports the real problem
        return None, []


def guess_kind(data: bytes, file_name: str) -> str | None:
    """The kind a file's headers suggest (`menti` for a Mentimeter workbook), or None when the
    closest kind lacks a required column (see `schema.guess_kind`)."""
    kind, missing = closest_kind(data, file_name)
    return kind if kind and not missing else None
