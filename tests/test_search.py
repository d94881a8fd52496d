"""Search over highlights, memos and actions: Finnish-aware, filtered, best match first."""

from __future__ import annotations

import re

import pytest

from kumppanuus.ingest import memo, pipeline
from kumppanuus.store import search
from tests.cli_support import run_cli

ACTIONS = ("kierros;nro;toimenpide_nro;kunta;otsikko;kriteeri;tila;päättävä_taho;huomio\n"
           "kevät 2021;5;1;Ähtäri;Ähtärin kylätalojen vuokratuki;4;päätöksenteossa;"
           "hyvinvointilautakunta;\n"
           "kevät 2021;5;2;Soini;Yhdistystiedote joka kotiin;7;ehdotettu;;neljästi vuodessa\n")


def import_actions(store, text: str = ACTIONS, name: str = "toimenpiteet.csv"):
    checked = pipeline.check_bytes("actions", text.encode("utf-8"), name, store)
    assert not checked.problems, checked.problem_lines()
    return pipeline.write(store, checked, user="teija")


def import_memo(store, text: str, table_no: int = 5, public: bool = True, name="muistio.txt"):
    checked = memo.check_memo(store, text.encode("utf-8"), name, round_name="kevät 2021",
                              table_no=table_no, public=public)
    assert not checked.problems, checked.problem_lines()
    return memo.write(store, checked, user="teija")


def marks(snippet: str, stem: str, ending: str, after: str) -> bool:
    """The match is marked: `**kylätalo**jen` (SQLite: the substring) or `**kylätalojen**`
    (PostgreSQL: the word whose stem matched), followed by `after`."""
    pattern = (re.escape(f"**{stem}") + r"(\*\*)?" + re.escape(ending) + r"(\*\*)?"
               + re.escape(after))
    return re.search(pattern, search.marked(snippet)) is not None


def find(store, query: str, **filters) -> list[search.Hit]:
    return search.search(store.engine, query, **filters)


def test_kokoontumistiloja_finds_the_criterion_4_passage(store):
    hits = find(store, "kokoontumistiloja")
    assert hits and all(h.kind == "highlights" and h.criterion == 4 for h in hits)
    assert any(marks(h.snippet, "kokoontumistiloja", "", " lähemmäs kyliä") for h in hits)


def test_kylatalo_finds_kylatalojen_in_the_criterion_4_passage(store):
    hits = find(store, "kylätalo")
    criterion_4 = [h for h in hits if h.criterion == 4]
    assert len(criterion_4) == 1
    assert marks(criterion_4[0].snippet, "kylätalo", "jen", " yhteiskäyttöön")
    assert (criterion_4[0].round, criterion_4[0].source) == ("kevät 2021", "raportti")


def test_ahtari_does_not_match_ahtari_with_umlauts(store):
    import_actions(store)
    assert find(store, "Ahtari") == []
    assert find(store, "Ähtäri")[0].kind == "actions"
    assert find(store, "ÄHTÄRIN")[0].municipalities == ("989",)  # case folded, ä kept


def test_search_filters_by_round_municipality_and_criterion(store):
    import_actions(store)
    assert {h.kind for h in find(store, "kylätalo")} == {"highlights", "actions"}
    assert [h.kind for h in find(store, "kylätalo", municipality="989")] == ["actions"]
    assert find(store, "kylätalo", municipality="759") == []
    assert {h.criterion for h in find(store, "kylätalo", criterion=5)} == {5}
    assert find(store, "kylätalo", round_name="syksy 2021") == []


def test_every_query_word_must_occur(store):
    assert [h.criterion for h in find(store, "kylätalo kiinteistökulut")] == [5]


def test_an_internal_memo_is_found_only_when_internal_memos_may_be_shown(store):
    import_memo(store, "Sovittiin kokoontumistilojen kartoituksesta.", public=False)
    assert "memo" not in {h.kind for h in find(store, "kartoituksesta")}
    hits = find(store, "kartoituksesta", include_internal=True)
    assert [(h.kind, h.source, h.municipalities, h.public) for h in hits] == [
        ("memo", "pöytä 5", ("759", "989"), False)]


def test_an_undone_memo_is_no_longer_found(store):
    import_id, _ = import_memo(store, "Kyläkoulun tilat iltaisin yhdistysten käyttöön.")
    assert find(store, "kyläkoulun")
    store.undo_import(import_id)
    assert find(store, "kyläkoulun") == []


def test_an_edited_action_is_found_by_its_new_words_only(store):
    import_actions(store)
    import_actions(store, ACTIONS.replace("Yhdistystiedote joka kotiin", "Tapahtumakalenteri"),
                   "toimenpiteet2.csv")
    assert find(store, "yhdistystiedote") == []
    assert "actions" in {h.kind for h in find(store, "tapahtumakalenteri")}


def test_a_query_shorter_than_three_letters_is_refused():
    with pytest.raises(search.SearchError, match="vähintään 3"):
        search.query_words("ky a")


def test_query_syntax_is_searched_as_text_not_run(store):
    assert find(store, 'kylätalo" OR "a') == find(store, "kylätalo a")


# -- the command line -------------------------------------------------------------------------

def test_cli_search_prints_one_tab_separated_line_per_hit_best_first():
    assert run_cli("init").returncode == 0
    out = run_cli("search", "kylätalo", "--criterion", "4", "--round", "kevät 2021")
    assert out.returncode == 0, out.stderr
    (line,) = out.stdout.splitlines()
    kind, rnd, source, municipality, criterion, snippet = line.split("\t")
    assert (kind, rnd, source, municipality, criterion) == (
        "highlights", "kevät 2021", "raportti", "", "4")
    assert re.search(r"\*\*kylätalo(\*\*)?jen", snippet)  # the match marked, as in marks()


def test_cli_search_exits_1_when_nothing_is_found_and_2_for_bad_usage():
    run_cli("init")
    assert run_cli("search", "Ahtari").returncode == 1
    assert run_cli("search", "ky").returncode == 2
    bad = run_cli("search", "kylätalo", "--municipality", "Atlantis")
    assert bad.returncode == 2 and "--municipality" in bad.stderr
    assert run_cli("search", "kylätalo", "--criterion", "8").returncode == 2
    by_name = run_cli("search", "kylätalo", "--criterion",
                      "tarjoaa järjestöjen käyttöön maksuttomia tiloja")
    assert by_name.returncode == 0 and len(by_name.stdout.splitlines()) == 1


def test_cli_search_names_the_municipalities_of_a_memos_table(tmp_path):
    run_cli("init")
    path = tmp_path / "muistio.md"
    path.write_text("# Pöytä 5\n\nKyläkoulun tilat iltaisin käyttöön.\n", encoding="utf-8")
    assert run_cli("import", "memo", str(path), "--round", "kevät 2021", "--table", "5",
                   "--public").returncode == 0
    out = run_cli("search", "kyläkoulun", "--municipality", "Soini")
    assert out.stdout.split("\t")[:5] == ["memo", "kevät 2021", "pöytä 5", "Soini, Ähtäri", ""]
