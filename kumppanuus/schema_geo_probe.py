"""Keep pandera from importing geopandas for frames that have no geometry.

Imported by `kumppanuus.schema` before any schema is built. Without it every process that
validates a file (the CLI import, an upload) loads geopandas, shapely and pyproj: ~16 MB and
~0.5 s of CPU for nothing.

A HACK, said so: pandera 0.35's `pandas_engine.Engine.dtype` falls back to `is_geopandas_dtype`,
which runs `from geopandas.array import GeometryDtype` for any dtype it does not know at once —
the schema-wide `dtype=None` on every validate, too (pandera/engines/pandas_engine.py;
unionai-oss/pandera#1753 made geopandas lazy at `import pandera` but left this probe). pandera
has no setting to skip it. A GeometryDtype can only exist once geopandas is imported, so until
then the answer is False without asking; after that (the map pages import geopandas) pandera's
own check runs as it is. Our schemas never name the "geometry" dtype by string, the one case
this changes. Remove this module when pandera checks `sys.modules` itself.
"""

from __future__ import annotations

import sys

from pandera.engines import pandas_engine


def _wrap(probe):
    def is_geopandas_dtype(pd_dtype):
        return "geopandas" in sys.modules and probe(pd_dtype)

    is_geopandas_dtype.kumppanuus_wrapped = True
    return is_geopandas_dtype


_probe = getattr(pandas_engine, "is_geopandas_dtype", None)
if _probe is not None and not getattr(_probe, "kumppanuus_wrapped", False):
    pandas_engine.is_geopandas_dtype = _wrap(_probe)
