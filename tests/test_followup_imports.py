"""Actions, highlights and memos import like every kind: Finnish row/column messages, all rows
or none, re-import changes nothing, undo restores the exact previous state."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kumppanuus.ingest import memo, pipeline
from tests.cli_support import run_cli
from tests.memofactory import MEMO_LINES, docx_bytes, pdf_bytes

HEADER = "kierros;nro;toimenpide_nro;kunta;otsikko;tila\n"
GOOD = HEADER + ("kevät 2021;5;1;Ähtäri;Kylätalojen vuokratuki;päätetty\n"
                 "kevät 2021;5;2;Soini;Yhdistystiedote;ehdotettu\n")


def check(store, text: str, kind: str = "actions", name: str = "toimenpiteet.csv"):
    return pipeline.check_bytes(kind, text.encode("utf-8"), name, store)


def test_an_unknown_action_status_is_refused_with_its_row_and_column(store):
    checked = check(store, GOOD + "kevät 2021;5;3;Soini;Kyselyt;kesken\n")
    assert checked.problem_lines() == [
        "toimenpiteet.csv:4:tila: odotettiin jotakin näistä: ehdotettu, päätöksenteossa, "
        "päätetty, toteutettu, hylätty (proposed, in_decision, decided, done, rejected), "
        "saatiin 'kesken'"]


def test_a_file_with_one_bad_row_writes_nothing_from_the_command_line(tmp_path):
    path = tmp_path / "toimenpiteet.csv"
    path.write_text(GOOD + "kevät 2021;5;3;Soini;Kyselyt;kesken\n", encoding="utf-8")
    out = run_cli("import", "actions", str(path))
    assert out.returncode == 1
    assert f"{path}:4:tila: odotettiin jotakin näistä" in out.stderr
    assert run_cli("export", "actions").stdout.strip() == (
        "round,table_no,action_no,municipality,title,criterion,owner,status,decided_by,due,"
        "updated,note")


def test_bulk_status_update_then_undo_restores_the_exact_previous_state(store):
    pipeline.write(store, check(store, GOOD), user="teija")
    before = store.frame("actions")
    update = check(store, "kierros;nro;toimenpide_nro;kunta;otsikko;tila;päivitetty\n"
                   "kevät 2021;5;1;Ähtäri;Kylätalojen vuokratuki;toteutettu;1.9.2021\n"
                   "kevät 2021;5;2;Soini;Yhdistystiedote;hylätty;2.9.2021\n"
                   "kevät 2021;6;1;Isokyrö;Uusi toimenpide;ehdotettu;3.9.2021\n")
    import_id, plan = pipeline.write(store, update, user="teija")
    assert (len(plan.added), len(plan.updated)) == (1, 2)
    assert store.frame("actions")["status"].tolist() == ["done", "rejected", "proposed"]
    store.undo_import(import_id)
    pd.testing.assert_frame_equal(store.frame("actions"), before)


def test_updated_defaults_to_the_import_date_and_a_reimport_later_changes_nothing(
        store, monkeypatch):
    pipeline.write(store, check(store, GOOD), user="teija")
    assert set(store.frame("actions")["updated"]) == {dt.date.today()}

    monkeypatch.setattr(pipeline, "import_date", lambda: dt.date(2099, 1, 1))
    _, plan = pipeline.write(store, check(store, GOOD), user="teija")
    assert plan.changes == 0
    _, plan = pipeline.write(store, check(store, GOOD.replace("päätetty", "toteutettu")),
                             user="teija")
    assert len(plan.updated) == 1
    dates = store.frame("actions").set_index("action_no")["updated"]
    assert dates[1] == dt.date(2099, 1, 1) and dates[2] != dt.date(2099, 1, 1)


def test_highlights_import_and_undo(store):
    text = ("kierros;lähde;kunta;kriteeri;teksti\n"
            "kevät 2022;pöytä 1;Lapua;4;Kylätaloille toivottiin vuokratukea.\n"
            "kevät 2022;pöytä 1;;;Yleisesti hyvä keskustelu.\n")
    seeded = store.frame("highlights")
    import_id, plan = pipeline.write(store, check(store, text, "highlights", "p.csv"),
                                     user="teija")
    assert len(plan.added) == 2
    _, again = pipeline.write(store, check(store, text, "highlights", "p.csv"), user="teija")
    assert again.changes == 0
    store.undo_import(import_id)
    pd.testing.assert_frame_equal(store.frame("highlights"), seeded)


def test_the_spring_2021_highlights_are_loaded_per_criterion_with_the_general_effects(store):
    rows = store.frame("highlights")
    assert set(rows["round"]) == {"kevät 2021"} and set(rows["source"]) == {"raportti"}
    assert rows["municipality"].isna().all()
    per_criterion = rows.groupby(rows["criterion"].fillna(0).astype(int)).size().to_dict()
    assert set(per_criterion) == set(range(8)) and min(per_criterion.values()) >= 1
    assert rows["import_id"].isna().all()  # facts of the seed, not an import


@pytest.mark.parametrize("name, data", [
    ("muistio.pdf", pdf_bytes(MEMO_LINES)), ("muistio.docx", docx_bytes(MEMO_LINES)),
    ("muistio.md", "\n".join(MEMO_LINES).encode("utf-8")),
])
def test_a_memo_is_kept_searchable_and_reimporting_it_changes_nothing(store, name, data):
    checked = memo.check_memo(store, data, name, round_name="kevät 2021", table_no=5)
    import_id, plan = memo.write(store, checked, user="teija")
    assert len(plan.added) == 1
    (row,) = store.frame("memo").to_dict("records")
    assert "Ähtärin kylätalojen vuokratuesta" in row["text"] and row["is_public"] is False
    assert memo.original_bytes(store, row["sha256"]) == data
    _, again = memo.write(store, memo.check_memo(store, data, name, round_name="kevät 2021",
                                                 table_no=5), user="teija")
    assert again.changes == 0


def test_a_corrected_memo_replaces_the_earlier_one_and_undo_brings_it_back(store):
    first = memo.check_memo(store, b"Ensimmainen versio kylatalosta.", "m.txt",
                            round_name="kevät 2021", table_no=5)
    memo.write(store, first, user="teija")
    before = store.frame("memo")
    second = memo.check_memo(store, b"Korjattu versio.", "m.txt", round_name="kevät 2021",
                             table_no=5, public=True)
    import_id, plan = memo.write(store, second, user="teija")
    assert len(plan.updated) == 1 and store.frame("memo")["is_public"].tolist() == [True]
    store.undo_import(import_id)
    pd.testing.assert_frame_equal(store.frame("memo"), before)


@pytest.mark.parametrize("args, says", [
    (("--round", "kevät 2021", "--table", "99"), "pöytää 99 ei ole"),
    (("--round", "syksy 2030", "--table", "1"), "kierroksella 'syksy 2030'"),
])
def test_a_memo_for_an_unknown_table_is_refused_and_nothing_is_written(tmp_path, args, says):
    path = tmp_path / "muistio.txt"
    path.write_text("Muistio.", encoding="utf-8")
    out = run_cli("import", "memo", str(path), *args)
    assert out.returncode == 1 and says in out.stderr
    assert f"{path}:0:--table:" in out.stderr
    assert "memo" not in run_cli("history").stdout


def test_import_memo_needs_round_and_table(tmp_path):
    path = tmp_path / "muistio.txt"
    path.write_text("Muistio.", encoding="utf-8")
    out = run_cli("import", "memo", str(path), "--round", "kevät 2021")
    assert out.returncode == 2 and "--table" in out.stderr


def test_undo_of_a_memo_from_the_command_line_removes_it(tmp_path):
    path = tmp_path / "muistio.md"
    path.write_text("# Pöytä 8\n\nLapuan kylätalot.\n", encoding="utf-8")
    out = run_cli("import", "memo", str(path), "--round", "kevät 2021", "--table", "8",
                  "--public")
    assert out.returncode == 0, out.stderr
    assert run_cli("search", "Lapuan").returncode == 0
    import_id = out.stdout.split()[1].rstrip(":")
    assert run_cli("undo", import_id).returncode == 0
    assert run_cli("search", "Lapuan").returncode == 1
