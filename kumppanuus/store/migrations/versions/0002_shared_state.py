"""What several app servers must share: staff accounts, the login throttle, uploaded originals.

`staff_users` replaces data/staff.toml (its accounts are copied in once, by the app, see
kumppanuus.store.accounts); `login_failures` is the throttle's count per name and per client;
`uploaded_files` holds each imported file's bytes once per SHA-256. The first release kept the
originals under data/uploads/ (`imports.stored_path`): those still on this machine are copied
into `uploaded_files` here, so no original is lost by the upgrade.

Revision ID: 0002_shared_state
Revises: 0001_release1
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0002_shared_state"
down_revision = "0001_release1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username"),
    )
    op.create_table(
        "login_failures",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_login_failures_last_failure", "login_failures", ["last_failure"],
                    unique=False)
    files = op.create_table(
        "uploaded_files",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    _copy_first_release_uploads(files)


def _copy_first_release_uploads(files: sa.Table) -> None:
    """Originals the first release wrote to disk, when the file is still there and unchanged."""
    bind = op.get_bind()
    imports = sa.table("imports", sa.column("sha256"), sa.column("file_name"),
                       sa.column("stored_path"), sa.column("created_at", sa.DateTime()))
    seen: set[str] = set()
    for sha, name, stored, created in bind.execute(
            sa.select(imports).where(imports.c.stored_path.is_not(None))):
        path = Path(stored)
        if sha in seen or not path.is_file():
            continue
        content = path.read_bytes()
        if hashlib.sha256(content).hexdigest() != sha:
            continue
        seen.add(sha)
        bind.execute(files.insert().values(sha256=sha, file_name=name, size=len(content),
                                           content=content,
                                           created_at=created or dt.datetime.now()))


def downgrade() -> None:
    op.drop_table("uploaded_files")
    op.drop_index("ix_login_failures_last_failure", table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_table("staff_users")
