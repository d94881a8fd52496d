"""Two staff importing at the same moment lose nothing (SQLite WAL + BEGIN IMMEDIATE)."""

import threading

from kumppanuus.ingest import pipeline
from kumppanuus.store import Store


def table_file(round_name: str, count: int) -> bytes:
    lines = ["kierros;nro;päivämäärä;nimi;kunnat;osallistujia"]
    lines += [f"{round_name};{i};1.3.2022;Pöytä {i};Lapua;{i}" for i in range(1, count + 1)]
    return "\n".join(lines).encode("utf-8")


def test_parallel_imports_by_two_users_both_land_completely():
    files = {"anna": table_file("kevät 2022", 300), "ville": table_file("syksy 2022", 300)}
    errors = []

    def work(user: str) -> None:
        try:
            store = Store()
            checked = pipeline.check_bytes("tables", files[user], f"{user}.csv", store)
            pipeline.write(store, checked, user=user)
        except Exception as exc:  # noqa: BLE001 — collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(u,)) for u in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    tables = Store().frame("tables")
    assert tables["round"].value_counts().to_dict() == {
        "kevät 2022": 300, "syksy 2022": 300, "kevät 2021": 11}
    assert sorted(Store().history()["user"]) == ["anna", "ville"]
