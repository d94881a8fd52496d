"""PostgreSQL + two Streamlit app servers + HAProxy (deploy/haproxy.cfg), all on 127.0.0.1.

`run_cluster(tmp)` is a context manager used by tests/test_cluster.py and
scripts/bench_cluster.py. Under CI=true a missing prerequisite fails (see `require`).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kumppanuus import config
from tests import pg_cluster
from tests.browser_support import (NO_FILE_WATCHER, STAFF_PASSWORD, STAFF_USER, free_port,
                                   streamlit_command, wait_until_healthy)

HAPROXY_CFG = config.REPO_ROOT / "deploy" / "haproxy.cfg"


def require(ok: bool, reason: str) -> None:
    """Skip when a prerequisite is missing on a developer's machine; fail under CI=true."""
    if ok:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI: missing prerequisite: {reason}")
    pytest.skip(reason)


def haproxy_binary() -> str | None:
    return shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/bin/haproxy") if Path(p).exists()), None)


def _stop(processes: list[subprocess.Popen], meanwhile=lambda: None) -> None:
    """Terminate them all at once, run `meanwhile`, then reap each (a server's shutdown
    overlaps the others' and `meanwhile`)."""
    for process in processes:
        process.terminate()
    meanwhile()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class RunningCluster:
    database_url: str
    servers: dict[str, str]          # haproxy cookie value (app1, app2) → direct URL
    balancer: str                    # URL through HAProxy
    env: dict
    logs: Path
    processes: list = field(default_factory=list)

    def other(self, name: str) -> str:
        """The direct URL of the server that is not `name`."""
        return next(url for key, url in self.servers.items() if key != name)

    def log_text(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
                         for p in sorted(self.logs.glob("*.log")))


def app_env(database_url: str, tmp: Path, *, watch_sources: bool = False) -> dict:
    """Environment of every app server: one database, one cookie secret, proxy trusted; the
    source file watcher off unless `watch_sources` (deploy/ leaves Streamlit's default on; no
    test edits a source file, and the watcher costs every new session ~0.3 CPU s)."""
    watcher = {} if watch_sources else NO_FILE_WATCHER
    return os.environ | watcher | {
        config.ENV_DATABASE_URL: database_url,
        config.ENV_CACHE_DIR: str(tmp / "cache"),
        config.ENV_STAFF_FILE: str(tmp / "staff.toml"),
        "KUMPPANUUS_TRUST_PROXY": "1",
        "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(16),
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }


def _start_app(env: dict, port: int, log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(streamlit_command("app.py", port), cwd=config.REPO_ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT)


def _start_haproxy(listen_port: int, app_ports: list[int], log: Path) -> subprocess.Popen:
    env = os.environ | {"LISTEN": f"127.0.0.1:{listen_port}",
                        "APP1": f"127.0.0.1:{app_ports[0]}", "APP2": f"127.0.0.1:{app_ports[1]}"}
    with log.open("wb") as out:
        return subprocess.Popen([haproxy_binary(), "-db", "-f", str(HAPROXY_CFG)], env=env,
                                stdout=out, stderr=subprocess.STDOUT)


def _wait_balanced(url: str, process: subprocess.Popen, servers: int = 2) -> None:
    """Until HAProxy answers and has seen every server healthy (each response's cookie)."""
    seen: set[str] = set()
    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(f"haproxy exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                seen |= {c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or ()
                         if c.startswith("SERVERID=")}
        except OSError:
            pass
        if len(seen) >= servers:
            return
        time.sleep(0.2)
    raise TimeoutError(f"haproxy at {url} did not reach {servers} healthy servers")


def prerequisites() -> None:
    try:
        pg_cluster.bin_dir()
    except pg_cluster.PostgresUnavailable as exc:
        require(False, str(exc))
    require(haproxy_binary() is not None, "haproxy is not installed (apt-get install haproxy)")


@contextlib.contextmanager
def run_cluster(tmp: Path, *, fast_db: bool = True, watch_sources: bool = False):
    """Start PostgreSQL, seed it and add the staff user, two app servers and HAProxy
    (`fast_db`: PostgreSQL without durability; `watch_sources`: see `app_env`).

    PostgreSQL's initdb and start run in a thread while the two servers boot and HAProxy
    comes up in front of them (a server touches the database only when a browser opens a
    page, and none does before the seed is in; health checks do not); its port and password
    are chosen first, so the servers get the URL at start."""
    tmp = Path(tmp)
    logs = tmp / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    pg_base = Path(tempfile.mkdtemp(prefix="kk-pg-"))  # outside pytest's 0700 tmp folders
    processes: list[subprocess.Popen] = []
    database = pg_cluster.Cluster(pg_base, free_port(), secrets.token_hex(12))
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        starting = pool.submit(pg_cluster.start, pg_base, fast=fast_db, port=database.port,
                               password=database.password)
        try:
            env = app_env(database.url, tmp, watch_sources=watch_sources)
            ports = [free_port(), free_port()]
            for name, port in zip(("app1", "app2"), ports):
                processes.append(_start_app(env, port, logs / f"{name}.log"))
            running = _balanced(env, ports, processes, logs, database.url)  # health only
            starting.result()
            _seed(database.url)
            yield running
        finally:
            def stop_database() -> None:
                concurrent.futures.wait([starting])  # never remove the folder under initdb
                pg_cluster.stop(pg_base)

            _stop(processes[::-1], meanwhile=stop_database)  # the servers are going anyway


def _seed(database_url: str) -> None:
    """What `python -m kumppanuus init` and `add-user` do (every migration, the spring 2021
    seed, one staff account), in this process as tests/browser_support.running_app does: its
    modules are imported already, two fresh interpreters cost ~6 CPU seconds. The CLI's own
    runs are tested in tests/test_cli.py."""
    from kumppanuus import auth
    from kumppanuus.store import Store, db

    auth.add_user(Store(database_url), STAFF_USER, STAFF_PASSWORD)
    db.engine_for(database_url).dispose()  # no idle connection left to a stopped server


def _balanced(env: dict, ports: list[int], processes: list, logs: Path,
              database_url: str) -> RunningCluster:
    """Both app servers healthy, then HAProxy in front of them seeing both."""
    servers = {name: f"http://127.0.0.1:{port}" for name, port in zip(("app1", "app2"), ports)}
    for process, url in zip(processes, servers.values()):
        wait_until_healthy(url, process)
    listen = free_port()
    processes.append(_start_haproxy(listen, ports, logs / "haproxy.log"))
    balancer = f"http://127.0.0.1:{listen}"
    _wait_balanced(balancer, processes[-1])
    return RunningCluster(database_url, servers, balancer, env, logs, processes)
