"""Kumppanuuskartta domain package: schemas, ingest, storage, metrics and chart builders.

This package never imports streamlit: everything here is testable with plain pytest.
"""

__all__ = ["config"]
