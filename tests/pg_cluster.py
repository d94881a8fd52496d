"""A throwaway PostgreSQL cluster from Debian's packaged binaries, on 127.0.0.1 only.

Used by the cluster test fixture, `.ci/run` (to run part of the suite on PostgreSQL) and
`scripts/bench_cluster.py`:

    python3 -m tests.pg_cluster start DIR     # prints the SQLAlchemy URL
    python3 -m tests.pg_cluster stop DIR

PostgreSQL refuses to run as root, so under root (CI) `initdb` and the server run as the
`postgres` system user that Debian's package creates (`runuser -u postgres`).
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DATABASE = "kumppanuus"
USER = "kumppanuus"
SYSTEM_USER = "postgres"
#: Faster, not durable: for tests only (a crash loses the throwaway cluster anyway). `fast`
#: also runs initdb with --no-sync (it does not wait for its files to reach the disk).
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL binaries (or a non-root user to run them) are missing."""


def bin_dir() -> Path:
    """Newest /usr/lib/postgresql/N/bin that has initdb (Debian's layout)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if not found:
        raise PostgresUnavailable("PostgreSQL is not installed (apt-get install postgresql-15)")
    return Path(found[-1]).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser") is None:
        raise PostgresUnavailable("running as root and `runuser` is missing")
    try:
        import pwd

        pwd.getpwnam(SYSTEM_USER)
    except KeyError as exc:
        raise PostgresUnavailable(f"running as root and there is no `{SYSTEM_USER}` user") from exc
    return ["runuser", "-u", SYSTEM_USER, "--", *command]


def _own(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, SYSTEM_USER, SYSTEM_USER)


@dataclass
class Cluster:
    base: Path
    port: int
    password: str

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{USER}:{self.password}@127.0.0.1:{self.port}/{DATABASE}"

    def url_for(self, database: str) -> str:
        return self.url.rsplit("/", 1)[0] + f"/{database}"

    def create_database(self, name: str) -> str:
        """CREATE DATABASE name (if missing); returns its URL."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=USER,
                             password=self.password, dbname="postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    def stop(self) -> None:
        subprocess.run(_as_owner([str(bin_dir() / "pg_ctl"), "-D", str(self.data), "-m", "fast",
                                  "-w", "stop"]), capture_output=True, check=False)


def start(base: Path, *, fast: bool = True, port: int | None = None,
          password: str | None = None) -> Cluster:
    """initdb into base/data (new) and start the server on a free loopback port (or `port`;
    with `port` and `password` given, the URL is known before the server is up)."""
    base = Path(base)
    base.mkdir(parents=True, exist_ok=True)
    base.chmod(0o755)  # the postgres user must reach data/ and sock/ inside
    password = password or secrets.token_hex(12)
    (base / "pw").write_text(password + "\n")
    for sub in ("data", "sock"):
        (base / sub).mkdir(mode=0o700, exist_ok=True)
        _own(base / sub)
    _own(base / "pw")
    log = base / "sock" / "server.log"
    binaries = bin_dir()
    init = subprocess.run(_as_owner([
        str(binaries / "initdb"), "-D", str(base / "data"), "-U", USER, "-E", "UTF8",
        "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256",
        f"--pwfile={base / 'pw'}", *(["--no-sync"] if fast else [])]),
        capture_output=True, text=True)
    if init.returncode:
        raise PostgresUnavailable(f"initdb failed: {init.stderr.strip()[-500:]}")
    cluster = Cluster(base, port or free_port(), password)
    options = ["-p", str(cluster.port), "-k", str(base / "sock"), "-c",
               "listen_addresses=127.0.0.1", "-c", "max_connections=200"]
    for setting in FAST_SETTINGS if fast else ():
        options += ["-c", setting]
    started = subprocess.run(_as_owner([
        str(binaries / "pg_ctl"), "-D", str(base / "data"), "-l", str(log), "-w", "-t", "60",
        "-o", " ".join(options), "start"]), capture_output=True, text=True)
    if started.returncode:
        detail = log.read_text(errors="replace")[-800:] if log.exists() else started.stderr
        raise PostgresUnavailable(f"PostgreSQL did not start: {detail}")
    (base / "url").write_text(cluster.url + "\n")
    cluster.create_database(DATABASE)
    return cluster


def stop(base: Path) -> None:
    """Stop the cluster in base and remove the folder. The folder goes, so nothing needs to
    reach the disk first: `immediate` (no shutdown checkpoint), not `fast`."""
    base = Path(base)
    if (base / "data").exists():
        subprocess.run(_as_owner([str(bin_dir() / "pg_ctl"), "-D", str(base / "data"), "-m",
                                  "immediate", "-w", "stop"]), capture_output=True, check=False)
    shutil.rmtree(base, ignore_errors=True)


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "start":
        print(start(Path(argv[1])).url)
    else:
        stop(Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
