"""Opening an up-to-date database is cheap: one query, no Alembic import."""

import subprocess
import sys

from kumppanuus.store import migrate
from tests.conftest import ROOT


def test_the_revision_files_name_the_same_head_alembic_finds():
    assert migrate._plain_head() == migrate.head()


def test_opening_an_up_to_date_database_does_not_load_alembic(store):
    code = ("import sys; from kumppanuus.store import Store; Store(); "
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_an_older_database_is_still_upgraded_by_alembic(store):
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0004_round_partners'")
    assert migrate._up_to_date(store.engine) is None
