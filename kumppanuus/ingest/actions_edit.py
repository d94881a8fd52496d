"""Staff edits of follow-up actions in the app, saved exactly like an uploaded file.

The editor's rows that are new or changed become a CSV in the canonical form (the same bytes a
staff member could have uploaded), which goes through the same validation, the same one
transaction, the same audit record and the same undo as any `actions` import. A changed row
whose `updated` date the editor did not touch gets today's date.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kumppanuus import exports
from kumppanuus.followup import ACTION_KEY, _text
from kumppanuus.ingest import pipeline
from kumppanuus.schema import kind_spec
from kumppanuus.store import ImportPlan, Store
from kumppanuus.values import is_missing

COLUMNS = tuple(kind_spec("actions").names)


def editable(actions: pd.DataFrame) -> pd.DataFrame:
    """Stored actions as the editor shows them: canonical columns, dates as dates."""
    out = actions.reindex(columns=list(COLUMNS)).copy()
    for col in ("due", "updated"):
        out[col] = pd.to_datetime(out[col]).dt.date
    for col in ("table_no", "action_no", "criterion"):
        out[col] = pd.to_numeric(out[col]).astype("Int64")
    return out.sort_values(list(ACTION_KEY)).reset_index(drop=True)


def changed_rows(before: pd.DataFrame, after: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Rows of `after` that are new or differ from `before`; `updated` set to today where the
    editor left it as it was."""
    before = before.reset_index(drop=True)
    after = after.reindex(columns=list(COLUMNS)).reset_index(drop=True)
    old = _keyed(before)
    rows = []
    for i, key in enumerate(_keys(after)):
        row = after.iloc[i]
        if key in old.index:
            prev = old.loc[key]
            diff = [c for c in COLUMNS if _text(pd.Series([row[c]]))[0]
                    != _text(pd.Series([prev[c]]))[0]]
            if not diff:
                continue
            if "updated" not in diff:
                row = row.copy()
                row["updated"] = today
        elif is_missing(row["updated"]):
            row = row.copy()
            row["updated"] = today
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _keys(frame: pd.DataFrame) -> list[str]:
    parts = [_text(frame[k]) for k in ACTION_KEY]
    return ["\x1f".join(p) for p in zip(*parts)]


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    return frame.set_axis(_keys(frame)).pipe(lambda f: f[~f.index.duplicated()])


def edit_csv(rows: pd.DataFrame) -> bytes:
    """The edited rows as an upload file: canonical headers, ISO dates, codes as written."""
    out = rows.copy()
    for col in ("due", "updated"):
        out[col] = out[col].map(lambda d: "" if is_missing(d) else
                                pd.Timestamp(d).date().isoformat())
    return exports.csv_bytes(out)


def check_edit(store: Store, before: pd.DataFrame, after: pd.DataFrame, *, today: dt.date
               ) -> pipeline.Checked | None:
    """The edit as a checked `actions` file, or None when nothing changed."""
    rows = changed_rows(before, after, today)
    if rows.empty:
        return None
    name = f"muokkaus_{today:%Y-%m-%d}.csv"
    return pipeline.check_bytes("actions", edit_csv(rows), name, store)


def write(store: Store, checked: pipeline.Checked, *, user: str) -> tuple[int, ImportPlan]:
    return pipeline.write(store, checked, user=user)
