"""The map page follows the sidebar's municipality and links to the other pages filtered to it."""

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.page_support import read_only_database, reading  # noqa: F401 (fixtures)


def map_page(**state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    return at


def test_the_sidebar_municipality_opens_its_panel_with_links_to_the_other_pages(reading):
    at = map_page(flt_muni="408")
    assert not at.exception
    assert [h.value for h in at.subheader][:1] == ["Lapua"]
    labels = [b.label for b in at.button]
    assert {"Pöydät", "Yhteyshenkilöt", "Järjestöystävällisyys"} <= set(labels)


def test_following_a_link_opens_the_tables_page_filtered_to_the_municipality(reading):
    at = map_page(flt_muni="408")
    next(b for b in at.button if b.label == "Pöydät").click().run()
    assert not at.exception
    assert at.session_state["flt_muni"] == "408"
    assert [t.value for t in at.title] == ["Pöydät"]
    assert [m.value for m in at.metric][:2] == ["48", "1"]  # table 8, Lapua
