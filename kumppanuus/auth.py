"""Staff accounts (bcrypt hashes in the database) and the login throttle.

The crypto is bcrypt's (the maintained `bcrypt` package); this module only stores hashes, checks
them in constant time through `bcrypt.checkpw`, and slows down repeated wrong passwords — per
login name and per client address, counted in the database so every app server sees the same
count (kumppanuus.store.accounts makes the check and the count one transaction).
Add a user with `python -m kumppanuus add-user NAME` (the password is asked, never echoed).
"""

from __future__ import annotations

import functools
import re
import secrets
import time
from dataclasses import dataclass

import bcrypt

from kumppanuus.store import accounts

USERNAME_RE = re.compile(r"^[A-Za-z0-9._@-]{2,64}$")
MIN_PASSWORD = 10
NAME, CLIENT = "name:", "client:"

StaffFileError = accounts.StaffFileError


class AuthError(Exception):
    """A staff account cannot be created or read; the message says why in Finnish."""


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def load_users(store) -> dict[str, str]:
    """username → bcrypt hash of every staff account in `store`'s database."""
    return accounts.users(store.engine)


def import_staff_file(store, path) -> int:
    """Move the accounts of a first-release `staff.toml` into the database, once."""
    return accounts.import_staff_file(store.engine, path)


def add_user(store, username: str, password: str) -> None:
    """Add or replace one account in the database (every app server sees it at once)."""
    if not USERNAME_RE.match(username):
        raise AuthError("Käyttäjätunnus: 2–64 merkkiä, kirjaimia, numeroita tai . _ @ -")
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"Salasanan on oltava vähintään {MIN_PASSWORD} merkkiä.")
    accounts.put_user(store.engine, username, hash_password(password))


@functools.cache
def _unknown_user_hash() -> str:
    """A hash made as `hash_password` makes one (bcrypt's default cost), of no one's password."""
    return hash_password(secrets.token_urlsafe(16))


def verify(users: dict[str, str], username: str, password: str) -> bool:
    hashed = users.get(username)
    if not hashed:
        # The same work for an unknown user as for a known one (a check against a hash of the
        # cost stored hashes have), so the response time does not reveal which names exist.
        bcrypt.checkpw(password.encode("utf-8"), _unknown_user_hash().encode("ascii"))
        return False
    try:
        return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))
    except ValueError:
        return False


@dataclass(frozen=True)
class Throttle:
    """After `name_free` wrong passwords in a row for a name (or `client_free` from one client,
    whatever names it tries), each further try waits 1, 2, 4 … up to `cap` seconds before it is
    even checked. Failures older than `forget_after` seconds are forgotten."""

    name_free: int = 3
    client_free: int = 10
    cap: float = 60.0
    forget_after: float = 15 * 60.0

    def delay(self, key: str, failures: int) -> float:
        free = self.name_free if key.startswith(NAME) else self.client_free
        return 0.0 if failures < free else min(self.cap, 2.0 ** (failures - free))

    def waiter(self, now: float):
        def wait_for(key: str, failures: int, last_failure: float) -> float:
            return max(0.0, last_failure + self.delay(key, failures) - now) if failures else 0.0
        return wait_for


def throttle_keys(username: str, client: str | None) -> tuple[str, str]:
    """The throttle's keys: the name as typed (case-insensitive) and the client address."""
    return NAME + username.strip().casefold()[:150], CLIENT + (client or "-")[:150]


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    wait: float = 0.0  # > 0: refused without checking the password; try again after this

    @property
    def throttled(self) -> bool:
        return self.wait > 0


def attempt_login(store, username: str, password: str, client: str | None, *,
                  throttle: Throttle = Throttle(), clock=time.time) -> LoginResult:
    """Check a password under the shared throttle. The try is counted before bcrypt runs, so
    parallel tries cannot slip past the count; a correct password clears the name's count."""
    name_key, client_key = throttle_keys(username, client)
    now = clock()
    wait = accounts.claim_attempt(store.engine, [client_key, name_key], now,
                                  throttle.waiter(now), throttle.forget_after)
    if wait > 0:
        return LoginResult(False, wait)
    if verify(load_users(store), username, password):
        accounts.attempt_succeeded(store.engine, reset=[name_key], forgive=[client_key])
        return LoginResult(True)
    accounts.forget_before(store.engine, now - throttle.forget_after)
    return LoginResult(False)
