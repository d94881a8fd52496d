"""Staff accounts: bcrypt-hashed passwords in a TOML file outside git, and a login throttle.

The crypto is bcrypt's (the maintained `bcrypt` package); this module only stores hashes, checks
them in constant time through `bcrypt.checkpw`, and slows down repeated wrong passwords.
Add a user with `python -m kumppanuus add-user NAME` (the password is asked, never echoed).
"""

from __future__ import annotations

import re
import threading
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import bcrypt

USERNAME_RE = re.compile(r"^[A-Za-z0-9._@-]{2,64}$")
MIN_PASSWORD = 10


class AuthError(Exception):
    """A staff account cannot be created or read; the message says why in Finnish."""


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def load_users(path: Path) -> dict[str, str]:
    """username → bcrypt hash; an absent file means no staff are configured."""
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AuthError(f"Henkilökuntatiedosto {path} on virheellinen: {exc}") from exc
    users = data.get("users", {})
    return {name: str(entry.get("password_hash", "")) for name, entry in users.items()}


def add_user(path: Path, username: str, password: str) -> None:
    """Add or replace one user in the TOML file (file mode 600)."""
    if not USERNAME_RE.match(username):
        raise AuthError("Käyttäjätunnus: 2–64 merkkiä, kirjaimia, numeroita tai . _ @ -")
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"Salasanan on oltava vähintään {MIN_PASSWORD} merkkiä.")
    users = load_users(path) | {username: hash_password(password)}
    lines = ["# Kumppanuuskartta staff accounts (bcrypt). Keep out of git.", ""]
    for name, hashed in sorted(users.items()):
        lines += [f'[users."{name}"]', f'password_hash = "{hashed}"', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    path.chmod(0o600)


def verify(users: dict[str, str], username: str, password: str) -> bool:
    hashed = users.get(username)
    if not hashed:
        # Same work for unknown users, so timing does not reveal which names exist.
        bcrypt.checkpw(b"x", bcrypt.hashpw(b"y", bcrypt.gensalt(4)))
        return False
    try:
        return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))
    except ValueError:
        return False


@dataclass
class Throttle:
    """After `free` wrong passwords in a row for a name, each further try waits longer
    (1, 2, 4 … up to `cap` seconds) before it is even checked."""

    free: int = 3
    cap: float = 60.0
    clock: callable = time.monotonic
    _fails: dict[str, tuple[int, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_seconds(self, username: str) -> float:
        with self._lock:
            count, last = self._fails.get(username.lower(), (0, 0.0))
        if count < self.free:
            return 0.0
        delay = min(self.cap, 2.0 ** (count - self.free))
        return max(0.0, last + delay - self.clock())

    def record(self, username: str, ok: bool) -> None:
        key = username.lower()
        with self._lock:
            if ok:
                self._fails.pop(key, None)
            else:
                count, _ = self._fails.get(key, (0, 0.0))
                self._fails[key] = (count + 1, self.clock())
