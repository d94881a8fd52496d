"""Staff accounts and the login throttle in the database, shared by every app server.

The throttle's check and its record happen in one transaction (`claim_attempt`): an attempt is
counted as a failure *before* its password is checked, and only a correct password takes that
back (`attempt_succeeded`). So eight wrong passwords sent in parallel cannot all be tried: each
claim sees the ones before it. Rows are locked (`SELECT … FOR UPDATE` on PostgreSQL; SQLite's
`BEGIN IMMEDIATE` already serialises writers, see db.py).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kumppanuus.store import db

STAFF_FILE_MARKER = "staff-file-imported"


class StaffFileError(Exception):
    """The old staff.toml cannot be read; the message says why in Finnish (no path)."""


# -- accounts ------------------------------------------------------------------------------
def users(engine: Engine) -> dict[str, str]:
    """username → bcrypt hash."""
    with engine.connect() as conn:
        rows = conn.execute(select(db.StaffUser.username, db.StaffUser.password_hash)).all()
    return dict(rows)


def put_user(engine: Engine, username: str, password_hash: str) -> None:
    """Add the account or replace its password."""
    with Session(engine) as session, session.begin():
        user = session.get(db.StaffUser, username)
        if user is None:
            session.add(db.StaffUser(username=username, password_hash=password_hash,
                                     created_at=_now()))
        else:
            user.password_hash = password_hash


def read_staff_file(path: Path) -> dict[str, str]:
    """username → hash from the first release's `staff.toml` ([users."name"] password_hash)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StaffFileError(f"Henkilökuntatiedosto on virheellinen: {exc}") from exc
    return {name: str(entry.get("password_hash", ""))
            for name, entry in data.get("users", {}).items() if entry.get("password_hash")}


def import_staff_file(engine: Engine, path: Path) -> int:
    """Copy the accounts of an existing staff.toml into the database, once per database.

    Returns how many were added (0 when there is no file or it was imported before). Accounts
    already in the database win; after the import the file is no longer read, so removing an
    account from the database is not undone by the file.
    """
    if not Path(path).is_file():
        return 0
    with Session(engine) as session, session.begin():
        if session.get(db.Meta, STAFF_FILE_MARKER) is not None:
            return 0
        accounts = read_staff_file(path)
        known = set(session.scalars(select(db.StaffUser.username)))
        new = {name: hashed for name, hashed in accounts.items() if name not in known}
        session.add_all(db.StaffUser(username=name, password_hash=hashed, created_at=_now())
                        for name, hashed in new.items())
        session.add(db.Meta(key=STAFF_FILE_MARKER,
                            value=f"{_now().isoformat()} {len(new)} tunnusta"))
    return len(new)


# -- throttle ------------------------------------------------------------------------------
def _lock_rows(session: Session, keys: list[str]) -> dict[str, db.LoginFailure]:
    """Create the keys' rows if missing, then lock and return them (sorted: no deadlocks)."""
    table = db.LoginFailure.__table__
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    session.execute(insert(table).values([{"key": k, "failures": 0, "last_failure": 0.0}
                                          for k in keys]).on_conflict_do_nothing())
    rows = session.scalars(select(db.LoginFailure).where(db.LoginFailure.key.in_(keys))
                           .order_by(db.LoginFailure.key).with_for_update()).all()
    return {row.key: row for row in rows}


def claim_attempt(engine: Engine, keys: list[str], now: float, wait_for,
                  forget_after: float) -> float:
    """In one transaction: the seconds still to wait before another try for these keys
    (`wait_for(key, failures, last_failure)`, the largest over the keys); if that is 0, count
    this try as a failure for every key. Failures older than `forget_after` seconds no longer
    count. Returns the wait (0 = go ahead and check the password)."""
    with Session(engine) as session, session.begin():
        rows = _lock_rows(session, keys)
        for row in rows.values():
            if now - row.last_failure > forget_after:
                row.failures = 0
        wait = max(wait_for(k, r.failures, r.last_failure) for k, r in rows.items())
        if wait > 0:
            return wait
        for row in rows.values():
            row.failures += 1
            row.last_failure = now
        return 0.0


def attempt_succeeded(engine: Engine, reset: list[str], forgive: list[str]) -> None:
    """A correct password: clear the `reset` keys (the name); take back this one try for the
    `forgive` keys (the client), whose earlier failures stay counted."""
    with Session(engine) as session, session.begin():
        rows = _lock_rows(session, sorted({*reset, *forgive}))
        for key in reset:
            rows[key].failures = 0
        for key in forgive:
            if key not in reset:
                rows[key].failures = max(0, rows[key].failures - 1)


def forget_before(engine: Engine, cutoff: float) -> None:
    """Drop throttle rows whose last failure is older than `cutoff` (epoch seconds)."""
    with Session(engine) as session, session.begin():
        session.execute(delete(db.LoginFailure).where(db.LoginFailure.last_failure < cutoff))


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
