"""What a Streamlit server does once and AppTest did for every run, done once per test process.

Component scan:

`AppTest` builds a component registry of its own for every new AppTest, on its first run, by
scanning the metadata of every installed distribution for Streamlit "v2" components
(`streamlit.components.v2.manifest_scanner.scan_component_manifests`): about 0.3 CPU s, most
of what opening a page in a fresh AppTest cost, paid again by every page test. A Streamlit
server scans once, when its runtime starts; the packages installed do not change during a test
run, so the scan's result is shared by every AppTest of the process, as by a server's sessions.
Each registry still registers the components itself (from its own copy of the list).

Script cache: every `AppTest.run` made a new `ScriptCache`, so each run (every click) read,
rewrote for "magic" and compiled app.py and the page again, ~25 CPU ms of a ~70 ms rerun. A
server's one ScriptCache keeps the bytecode until its file watcher sees the file change; the
shared cache here keys the bytecode by the file's path, modification time and size (and the
magic option), so a script a test writes or rewrites is compiled afresh.
"""

from __future__ import annotations

import functools
import os
import threading


def share_component_scan() -> None:
    """Scan once per process; later AppTests get a copy of the first scan's list."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    if getattr(scan, "shared_scan", False):
        return
    first = functools.cache(scan)

    @functools.wraps(scan)
    def shared(max_workers: int | None = None):
        return list(first())

    shared.shared_scan = True
    manifest_scanner.scan_component_manifests = shared


def share_script_cache() -> None:
    """Every AppTest run of the process compiles each unchanged script once."""
    from streamlit.testing.v1 import app_test, local_script_runner

    if getattr(app_test.ScriptCache, "shared_cache", False):
        return
    shared = _SharedScriptCache()

    def script_cache():
        return shared

    script_cache.shared_cache = True
    # what AppTest._run (the pages' manager) and its LocalScriptRunner call for each run
    app_test.ScriptCache = local_script_runner.ScriptCache = script_cache


def _script_cache_base():
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    return ScriptCache


class _SharedScriptCache:
    """`ScriptCache.get_bytecode`, kept per (path, mtime, size, magic option)."""

    def __init__(self):
        self._compiled: dict[tuple, object] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._compiled.clear()

    def get_bytecode(self, script_path: str):
        from streamlit import config

        path = os.path.abspath(script_path)
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size, config.get_option("runner.magicEnabled"))
        with self._lock:
            code = self._compiled.get(key)
        if code is None:
            code = _script_cache_base()().get_bytecode(path)  # read, magic, compile
            with self._lock:
                self._compiled[key] = code
        return code
