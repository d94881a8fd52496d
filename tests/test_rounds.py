"""A second round beside spring 2021: rounds side by side, named, never pooled silently."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from kumppanuus import config, rounds, scores
from kumppanuus.store import kinds
from kumppanuus.store import Store

AUTUMN = "syksy 2022"


def add_autumn_tables(store: Store) -> None:
    rows = pd.DataFrame([
        {"round": AUTUMN, "table_no": 1, "date": dt.date(2022, 9, 14), "name": "Seinäjoki",
         "municipalities": "743", "participants": 70, "format": "online"},
        {"round": AUTUMN, "table_no": 2, "date": dt.date(2022, 10, 5), "name": "Lapua",
         "municipalities": "408", "participants": 20, "format": "online"},
    ])
    store.commit_import("tables", rows, user="testi", file_name="syksy.csv", sha256="1" * 64)


def score_rows(rnd: str, date: dt.date, municipality: str, mean: float) -> list[dict]:
    return [{"round": rnd, "date": date, "municipality": municipality, "source": "pöytä",
             "respondent_group": "participants", "criterion": c, "mean": mean, "n": 10}
            for c in range(1, 8)]


def add_scores(store: Store) -> None:
    rows = (score_rows("kevät 2021", dt.date(2021, 3, 1), "743", 3.0)
            + score_rows(AUTUMN, dt.date(2022, 9, 14), "743", 4.0)
            + score_rows(AUTUMN, dt.date(2022, 10, 5), "408", 1.0))
    store.commit_import("scores", kinds.scores_to_db(pd.DataFrame(rows)), user="testi",
                        file_name="arviot.csv", sha256="2" * 64)


def open_page(page: str, **state) -> AppTest:
    at = AppTest.from_file(str(config.REPO_ROOT / "pages" / page), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def specs(at: AppTest) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.main if getattr(e, "type", "") ==
            "vega_lite_chart"]


def test_attendance_per_municipality_is_one_row_per_round_with_the_change(store):
    add_autumn_tables(store)
    tables, munis = store.frame("tables"), store.reference("municipalities")
    got = rounds.attendance_by_round(tables, munis, ["kevät 2021", AUTUMN])
    seinajoki = got[got["code"] == "743"].set_index("round")
    assert seinajoki.loc[AUTUMN, "participants"] == 70
    spring = int(seinajoki.loc["kevät 2021", "participants"])
    assert seinajoki.loc[AUTUMN, "change_participants"] == 70 - spring
    assert set(got["round"]) == {"kevät 2021", AUTUMN}


def test_a_change_between_rounds_compares_only_municipalities_both_rounds_have(store):
    add_scores(store)
    changes = scores.round_changes(store.frame("scores"), min_n=5)
    assert set(changes["municipalities"]) == {1}  # Lapua (only in autumn) is left out
    assert changes["change_pct"].round(6).eq(25.0).all()  # 3 → 4 on 1–5: +25 points


def test_all_rounds_on_the_tables_page_shows_each_round_side_by_side(store):
    add_autumn_tables(store)
    at = open_page("poydat.py", flt_round="__all__")
    labels = [m.label for m in at.metric]
    assert "Osallistujia · kevät 2021" in labels and f"Osallistujia · {AUTUMN}" in labels
    legends = [s["encoding"]["color"] for s in specs(at) if "yOffset" in s.get("encoding", {})]
    assert legends and all(c["scale"]["domain"] == ["kevät 2021", AUTUMN] for c in legends)
    assert all(c["title"] == "Kierros" for c in legends)
    # the per-table charts show one round at a time, the newest first
    assert "Kierros: syksy 2022" in [c.value for c in at.caption]


def test_the_round_comparison_follows_the_selected_municipality(store):
    add_scores(store)
    at = open_page("jarjestoystavallisyys.py", flt_round="__all__", flt_muni="743")
    titles = [s.get("title", {}).get("text", "") for s in specs(at)]
    assert "Muutos kierrosten välillä: Seinäjoki" in titles
    assert "Seinäjoki · kevät 2021" in " ".join(titles) and f"Seinäjoki · {AUTUMN}" in " ".join(
        titles)


def test_all_rounds_never_pool_the_region_without_saying_so(store):
    add_scores(store)
    at = open_page("jarjestoystavallisyys.py", flt_round="__all__")
    assert any(f"kevät 2021, {AUTUMN}" in w.value for w in at.warning)


def test_the_round_overview_shows_the_reports_facts_with_their_source():
    at = open_page("poydat.py")
    text = " ".join(m.value for m in at.markdown).replace("\\", "")  # markdown escapes
    assert "Etelä-Pohjanmaalla on kaikkiaan 4 082 järjestöä ja yhdistystä." in text
    assert "Kyliä on yli 300." in text and "lähde: raportti Kumppanuuspöydät kevät 2021" in text


def test_the_spring_2021_partners_are_listed_and_comparable_per_round(store):
    orgs = store.frame("organisations")
    assert {"Kylille-hanke (Leader-ryhmät)", "Järvilakeuden kansalaisopisto",
            "Kulttuurikeskus Vanha Paukku", "Aljoos-toiminta"} <= set(orgs["name"])
    autumn = pd.DataFrame([{"round": AUTUMN, "name": "Aljoos-toiminta", "type": "association",
                            "role": "organiser"},
                           {"round": AUTUMN, "name": "Uusi yhdistys", "type": "association",
                            "role": "partner"}])
    store.commit_import("organisations", autumn, user="testi", file_name="o.csv",
                        sha256="3" * 64)
    wide = rounds.partners_by_round(store.frame("organisations"), ["kevät 2021", AUTUMN])
    wide = wide.set_index("name")
    assert wide.loc["Aljoos-toiminta", ["kevät 2021", AUTUMN]].tolist() == ["partner",
                                                                            "organiser"]
    assert wide.loc["Uusi yhdistys", "new"] and not wide.loc["Aljoos-toiminta", "new"]


def test_table_1_names_its_co_hosts(store):
    hosts = rounds.hosts_of(store.frame("table_hosts"), "kevät 2021", 1)
    assert hosts[:3] == ["Evijärven kunta", "Kauhavan kaupunki", "Kuntayhtymä Kaksineuvoinen"]


def municipality_bars(at: AppTest) -> list[str]:
    """The municipalities of the per-municipality round comparison, in the chart's order."""
    y = [s["encoding"]["y"] for s in specs(at) if "yOffset" in s.get("encoding", {})]
    return next(e["sort"] for e in y if e["field"] == "name_fi")


def test_a_nation_of_municipalities_is_compared_a_page_at_a_time(store, monkeypatch):
    from ui import compare

    monkeypatch.setattr(compare, "PAGE", 5)  # 18 covered municipalities: four pages of 5
    add_autumn_tables(store)
    at = open_page("poydat.py", flt_round="__all__")
    pages = at.selectbox(key="compare_muni_page")
    assert [o.split(" (")[0] for o in pages.options] == ["1–5 / 18", "6–10 / 18", "11–15 / 18",
                                                         "16–18 / 18"]
    first = municipality_bars(at)
    assert len(first) == 5 and "Seinäjoki" in first  # most participants first
    pages.set_value(3).run()
    last = municipality_bars(at)
    assert len(last) == 3 and not set(last) & set(first)
