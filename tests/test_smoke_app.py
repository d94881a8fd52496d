"""AppTest smoke test: app.py and every page run without an exception."""
from streamlit.testing.v1 import AppTest
import pytest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = ["pages/kartta.py", "pages/poydat.py", "pages/yhteyshenkilot.py",
         "pages/jarjestoystavallisyys.py", "pages/foorumi.py", "pages/muistiot.py",
         "pages/lataa.py"]

@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/t.db")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    print([m.value for m in at.markdown][:3], [t.value for t in at.title])
