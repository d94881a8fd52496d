"""One scan of the installed packages for Streamlit components per test process.

`AppTest` builds a component registry of its own for every new AppTest, on its first run, by
scanning the metadata of every installed distribution for Streamlit "v2" components
(`streamlit.components.v2.manifest_scanner.scan_component_manifests`): about 0.3 CPU s, most
of what opening a page in a fresh AppTest cost, paid again by every page test. A Streamlit
server scans once, when its runtime starts; the packages installed do not change during a test
run, so the scan's result is shared by every AppTest of the process, as by a server's sessions.
Each registry still registers the components itself (from its own copy of the list).
"""

from __future__ import annotations

import functools


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
