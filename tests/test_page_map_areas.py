"""The map page's Leader-area view honours the chosen metric, and the map can be coloured by the
change since the previous round (AppTest over app.py; the map's script is read as sent)."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from geo import boundaries, mapdata
from kumppanuus import areas, config, examples, rounds
from kumppanuus.i18n import fmt_number
from kumppanuus.markup import plain
from tests import page_support
from tests.page_support import read_only_database  # noqa: F401 (fixture)

pytestmark = pytest.mark.skipif(
    bool(boundaries.missing_boundary_files(config.geo_dir())),
    reason=f"boundary files not found in {config.geo_dir()}",
)
FIRST, LATER = (examples.ROUND_PREFIX + "kevät 2021", examples.ROUND_PREFIX + "kevät 2022")


def open_map(lang: str | None = None, **state) -> AppTest:
    return page_support.open_page(query={"lang": lang} if lang else None, timeout=120, **state)


def choose(at: AppTest, key: str, areas_view: bool = True) -> AppTest:
    metric = next(m for m in mapdata.METRICS if m.key == key)
    at.selectbox(key="kartta_metric").set_value(metric).run()
    if areas_view:
        at.toggle(key="kartta_areas").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def map_script(at: AppTest) -> str:
    """The map's script and its swappable coloured layer (tooltips, legend) as the map
    component got them, with JSON escapes undone."""
    (component,) = at.get("component_instance")
    args = json.loads(component.proto.json_args)
    script = args["script"] + (args.get("feature_group") or "")
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), script)


def tooltip_of(script: str, heading: str) -> str:
    match = re.search(r"<b>" + re.escape(heading) + r"</b>(.*?)</table>", script)
    assert match, f"no tooltip for {heading}"
    return match.group(1)


def import_example_scores(store) -> None:
    store.commit_import("scores", examples.load_scores(), user="testi",
                        file_name="esimerkki.csv", sha256="1" * 64)


# Every test here only reads: the seeded database or one with the example scores imported,
# each shared by the module (tests/page_support.py), so only the first map of each builds it.
@pytest.fixture(scope="module")
def per_1000_areas(read_only_database) -> AppTest:
    """The Leader-area view coloured by participants per 1 000, drawn once."""
    with read_only_database.environment():
        return choose(open_map(), "per_1000")


@pytest.fixture(scope="module")
def example_scores(module_environment):
    """A database with the example scores imported (two example rounds)."""
    with page_support.shared_database(module_environment, import_example_scores) as shared:
        yield shared


@pytest.fixture
def scored(example_scores, monkeypatch):
    """The test's pages read the example scores' database; its Store, for the expectations."""
    return example_scores.use(monkeypatch).store


def test_the_area_view_colours_and_tells_each_areas_own_per_1000(read_only_database,
                                                                  per_1000_areas):
    at, store = per_1000_areas, read_only_database.store
    script = map_script(at)
    tables, munis = store.frame("tables"), store.reference("municipalities")
    own = areas.attendance(tables, munis, store.reference("leader_areas")).set_index("code")
    expected = fmt_number(own.loc["liiveri", "per_1000"], "fi", 1)
    assert "Osallistujia / 1 000 asukasta" in script  # the legend's title
    assert expected in tooltip_of(script, "Leader Liiveri")
    assert "kk-area" in script
    assert any("alueen omista luvuista" in c.value for c in at.caption)


def test_the_area_view_says_where_kurikkas_jalasjarvi_part_is_counted(per_1000_areas):
    script = map_script(per_1000_areas)
    assert "Jalasjärvi" in tooltip_of(script, "Leader Liiveri")
    assert "Jalasjärvi" in tooltip_of(script, "Leader Suupohja")


def test_the_area_view_shows_each_areas_pooled_example_score_labelled_as_example(scored):
    store = scored
    at = open_map(flt_round=FIRST)
    script = map_script(choose(at, "mean_pct"))
    rows = store.frame("scores")
    pooled = areas.score_metrics(rows[rows["round"] == FIRST], store.reference("municipalities"),
                                 config.min_group_n()).set_index("code")
    assert "Esimerkkiaineisto: Järjestöystävällisyys" in script
    assert fmt_number(pooled.loc["aisapari", "mean_pct"], "fi", 1) in tooltip_of(
        script, "Leader Aisapari")


def test_the_map_offers_the_change_only_when_the_round_has_a_previous_one_with_scores(scored):
    at = open_map(flt_round=FIRST)
    assert "Muutos edellisestä kierroksesta, osallistujat (%-yks.)" not in \
        at.selectbox(key="kartta_metric").options
    assert any("ennen tätä kierrosta ei ole kierrosta" in c.value for c in at.caption)
    at = open_map(flt_round=LATER)
    assert "Muutos edellisestä kierroksesta, osallistujat (%-yks.)" in \
        at.selectbox(key="kartta_metric").options


def test_the_change_map_names_both_rounds_marks_the_example_and_speaks_finnish_numbers(scored):
    store = scored
    script = map_script(choose(open_map(flt_round=LATER), "change_pct", areas_view=False))
    assert f"Esimerkkiaineisto: Muutos edellisestä kierroksesta, osallistujat (%-yks.) " \
           f"({FIRST} → {LATER})" in script
    change = rounds.municipality_score_change(store.frame("scores"), config.min_group_n(),
                                              [FIRST, LATER]).set_index("code")
    isokyro = fmt_number(change.loc["152", "change_pct"], "fi", 1)
    assert "," in isokyro and isokyro in tooltip_of(script, "Isokyrö / Storkyro")


def test_the_change_map_speaks_swedish(scored):
    script = map_script(choose(open_map("sv", flt_round=LATER), "change_pct"))
    assert "Förändring sedan föregående omgång, deltagare (%-enh.)" in script
    assert "Delen Jalasjärvi" in script


def test_all_rounds_on_the_map_say_which_rounds_the_colours_combine(scored):
    at = choose(open_map(flt_round="__all__"), "mean_pct", areas_view=False)
    warning = " ".join(w.value for w in at.warning)
    assert "Kartan luvut yhdistävät kierrokset" in warning
    assert plain(FIRST) in warning and plain(LATER) in warning  # as markdown source
    assert f"({FIRST} + " in map_script(at) or f"+ {FIRST})" in map_script(at)
    at = choose(open_map(flt_round=LATER), "mean_pct", areas_view=False)
    assert not any("yhdistävät kierrokset" in w.value for w in at.warning)
