"""A table's memo as an import: check the file, keep it, store its text, undo like any import.

`check_memo` never raises on bad input: the problems (unknown table, unreadable file, too
large) come back as `Problem` rows on row 0, like a file that is not a table. `write` keeps the
original in the database (`uploaded_files`, as every import) and stores one `memo` row (key:
round + table) in one
transaction with its audit record, so importing the same file again changes nothing, a corrected
memo replaces the earlier one, and undo brings the earlier one back.

Who may read a memo: a public memo (published, `--public`) anyone; an internal one only a
logged-in staff member outside presentation mode (`privacy.can_see_internal`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

from kumppanuus import config
from kumppanuus.ingest import pipeline
from kumppanuus.ingest.memotext import MemoUnreadable, extract_text
from kumppanuus.ingest.results import IngestResult, Problem, format_problem
from kumppanuus.store import ImportPlan, Store

KIND = "memo"
UPLOAD_TYPES = ("pdf", "docx", "txt", "md", "markdown")


@dataclass
class CheckedMemo:
    """One memo file after checking (the shape `pipeline.write` needs)."""

    file_name: str
    data: bytes
    round: str
    table_no: int
    public: bool
    text: str = ""
    problems: list[Problem] = field(default_factory=list)
    kind: str = KIND

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def problem_lines(self) -> list[str]:
        return [format_problem(p) for p in self.problems]

    def rows(self) -> pd.DataFrame:
        """The memo's row in the database's column form."""
        return pd.DataFrame([{
            "round": self.round, "table_no": int(self.table_no),
            "file_name": pipeline.history_name(self.file_name), "sha256": self.sha256,
            "text": self.text, "is_public": bool(self.public),
        }])


def check_memo(store: Store, data: bytes, file_name: str, *, round_name: str, table_no,
               public: bool = False) -> CheckedMemo:
    """Check a memo file for table (round, table_no); writes nothing, never raises."""
    memo = CheckedMemo(file_name, data, str(round_name or "").strip(), 0, bool(public))
    try:
        memo.table_no = int(str(table_no).strip())
    except ValueError:
        return _refuse(memo, "--table", str(table_no), "odotettiin pöydän numeroa (kokonaisluku)")
    if len(data) > config.max_upload_bytes():
        mb = config.max_upload_bytes() / 1_000_000
        return _refuse(memo, "", "", f"tiedosto on liian suuri; odotettiin enintään {mb:g} Mt")
    if not _table_exists(store, memo.round, memo.table_no):
        return _refuse(memo, "--table", f"{memo.round} {memo.table_no}",
                       f"pöytää {memo.table_no} ei ole kierroksella '{memo.round}'; "
                       "odotettiin olemassa olevaa kierrosta ja pöydän numeroa")
    try:
        memo.text = extract_text(data, file_name)
    except MemoUnreadable as exc:
        return _refuse(memo, "", "", str(exc))
    return memo


def _refuse(memo: CheckedMemo, column: str, value: str, message: str) -> CheckedMemo:
    memo.problems.append(Problem(memo.file_name, 0, column, value, message))
    return memo


def _table_exists(store: Store, round_name: str, table_no: int) -> bool:
    tables = store.frame("tables")
    return bool(((tables["round"] == round_name) & (tables["table_no"] == table_no)).any())


def write(store: Store, memo: CheckedMemo, *, user: str) -> tuple[int, ImportPlan]:
    """Store the memo's row and its original file in one transaction with the import record."""
    if memo.problems:
        raise ValueError("muistiossa on virheitä; mitään ei tallennettu")
    return store.commit_import(
        KIND, memo.rows(), user=user, file_name=pipeline.history_name(memo.file_name),
        sha256=memo.sha256, original=memo.data,
        update_columns=("file_name", "sha256", "text", "is_public"))


def as_result(memo: CheckedMemo) -> IngestResult:
    """The memo check in the shape of a table ingest result (for shared problem tables)."""
    return IngestResult(KIND, memo.file_name, memo.rows(), list(memo.problems),
                        unreadable=bool(memo.problems))


def visible(memos: pd.DataFrame, *, include_internal: bool) -> pd.DataFrame:
    """The memos a reader may see: public ones, internal ones only with `include_internal`."""
    shown = memos if include_internal else memos[memos["is_public"].fillna(False).astype(bool)]
    return shown.sort_values(["round", "table_no"]).reset_index(drop=True)


def original_bytes(store: Store, sha256) -> bytes | None:
    """The memo's original file, or None if the database does not have it."""
    return store.original(str(sha256)) if isinstance(sha256, str) and sha256 else None
