"""One ingest pipeline for the CLI and the upload page: bytes → checked rows → store."""
