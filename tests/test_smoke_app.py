"""AppTest smoke test: app.py and every page run without an exception, each on a database the
app creates and seeds on that first run."""
import pytest

from tests.page_support import open_page

PAGES = ["pages/kartta.py", "pages/poydat.py", "pages/yhteyshenkilot.py",
         "pages/jarjestoystavallisyys.py", "pages/foorumi.py", "pages/muistiot.py",
         "pages/lataa.py"]

@pytest.mark.empty_database  # no schema, no seed: the app's first run creates them
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page):
    # the page's own URL as the first request (the map: the root URL), no other page first
    at = open_page(None if page == "pages/kartta.py" else page)
    assert not at.exception, [e.value for e in at.exception]
    print([m.value for m in at.markdown][:3], [t.value for t in at.title])
