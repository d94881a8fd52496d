"""Alembic environment: always run from `kumppanuus.store.migrate` with an open connection.

There is no alembic.ini; `migrate.alembic_config` points Alembic here and passes the connection
(already inside a transaction, and on PostgreSQL holding the schema lock) in
``config.attributes["connection"]``. SQLite runs in batch mode (copy-and-move) because it cannot
ALTER most things in place.
"""

from __future__ import annotations

from alembic import context

from kumppanuus.store import db, migrate

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the package never runs Alembic any other way
    raise RuntimeError("run migrations through kumppanuus.store.migrate")

context.configure(
    connection=connection,
    target_metadata=db.Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=migrate.include_name,
)
with context.begin_transaction():
    context.run_migrations()
