"""Staff accounts in the database and the shared login throttle."""

import threading

import bcrypt
import pytest

from kumppanuus import auth
from kumppanuus.store import Store, db

DEFAULT_GENSALT = bcrypt.gensalt


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    """bcrypt's lowest cost (4) instead of its default (12, ~0.25 CPU s a hash or check): these
    tests check what is stored, verified and counted, not how slow a hash is. The cost the app
    really uses is checked by the first test below; the parallel-tries test keeps it too."""
    monkeypatch.setattr(bcrypt, "gensalt", lambda rounds=12, prefix=b"2b":
                        DEFAULT_GENSALT(4, prefix))


def test_a_stored_password_hash_has_bcrypts_default_cost(store, monkeypatch):
    monkeypatch.setattr(bcrypt, "gensalt", DEFAULT_GENSALT)  # the real one, for this test
    auth.add_user(store, "teija", "oikea-salasana-123")
    assert auth.load_users(store)["teija"].startswith("$2b$12$")


def test_an_unknown_name_is_checked_against_a_hash_as_costly_as_a_stored_one(store, monkeypatch):
    """The response time must not tell which names exist: the unknown name's check runs
    bcrypt on a hash of the real cost (a cost-4 dummy answered in ~1 ms against ~250 ms)."""
    monkeypatch.setattr(bcrypt, "gensalt", DEFAULT_GENSALT)
    auth._unknown_user_hash.cache_clear()
    checked = []
    real_check = bcrypt.checkpw
    monkeypatch.setattr(bcrypt, "checkpw", lambda pw, hashed: checked.append(hashed)
                        or real_check(pw, hashed))
    auth.add_user(store, "teija", "oikea-salasana-123")
    users = auth.load_users(store)
    assert not auth.verify(users, "tuntematon", "oikea-salasana-123")
    assert not auth.verify(users, "teija", "väärä-salasana-123")
    unknown, known = checked
    assert unknown[:7] == known[:7] == b"$2b$12$"
    auth._unknown_user_hash.cache_clear()  # later tests hash at their own cost


def test_a_user_added_to_the_database_can_log_in_with_the_right_password_only(store):
    auth.add_user(store, "teija", "oikea-salasana-123")
    users = auth.load_users(store)
    assert users["teija"].startswith("$2")
    assert "oikea-salasana-123" not in users["teija"]
    assert auth.verify(users, "teija", "oikea-salasana-123")
    assert not auth.verify(users, "teija", "väärä-salasana-123")
    assert not auth.verify(users, "tuntematon", "oikea-salasana-123")


def test_a_database_without_accounts_has_no_users(store):
    assert auth.load_users(store) == {}


@pytest.mark.parametrize("name,password", [("x", "pitkä-salasana-1"), ("ok_name", "lyhyt")])
def test_bad_usernames_and_short_passwords_are_refused(store, name, password):
    with pytest.raises(auth.AuthError):
        auth.add_user(store, name, password)
    assert auth.load_users(store) == {}


def old_staff_file(path, **hashes):
    lines = [f'[users."{name}"]\npassword_hash = "{hashed}"\n' for name, hashed in hashes.items()]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_an_existing_staff_file_is_imported_once_and_the_database_wins(store, tmp_path):
    auth.add_user(store, "teija", "uusi-salasana-123")
    path = old_staff_file(tmp_path / "staff.toml", teija=auth.hash_password("vanha-salasana-1"),
                          ville=auth.hash_password("villen-salasana-1"))
    assert auth.import_staff_file(store, path) == 1  # ville; teija's database password stays
    users = auth.load_users(store)
    assert auth.verify(users, "teija", "uusi-salasana-123")
    assert auth.verify(users, "ville", "villen-salasana-1")
    with Store().engine.begin() as conn:  # an administrator removes ville from the database
        conn.execute(db.StaffUser.__table__.delete().where(db.StaffUser.username == "ville"))
    assert auth.import_staff_file(store, path) == 0
    assert "ville" not in auth.load_users(store)


def test_a_broken_staff_file_says_so_without_naming_its_path(store, tmp_path):
    path = tmp_path / "staff.toml"
    path.write_text("[users\nrikki", encoding="utf-8")
    with pytest.raises(auth.StaffFileError) as caught:
        auth.import_staff_file(store, path)
    assert "virheellinen" in str(caught.value) and str(tmp_path) not in str(caught.value)


def login(store, password, *, name="teija", client="10.0.0.1", now):
    return auth.attempt_login(store, name, password, client, clock=lambda: now[0])


def test_repeated_wrong_passwords_for_a_name_make_the_next_try_wait_longer(store):
    auth.add_user(store, "teija", "oikea-salasana-123")
    now = [1000.0]
    for _ in range(3):
        assert login(store, "väärin-väärin", now=now) == auth.LoginResult(False)
    assert login(store, "oikea-salasana-123", now=now).wait == 1.0  # not even checked
    now[0] += 1.0
    assert login(store, "väärin-väärin", name="TEIJA", client="10.0.0.2", now=now).ok is False
    assert login(store, "oikea-salasana-123", client="10.0.0.3", now=now).wait == 2.0
    now[0] += 2.0
    assert login(store, "oikea-salasana-123", now=now).ok
    assert login(store, "väärin-väärin", now=now) == auth.LoginResult(False)  # count cleared


def test_one_client_trying_many_names_is_slowed_down_too(store):
    now = [1000.0]
    results = [login(store, "arvaus-123456", name=f"nimi{i}", now=now) for i in range(11)]
    assert [r.throttled for r in results] == [False] * 10 + [True]
    assert not login(store, "arvaus-123456", name="nimi11", client="10.9.9.9", now=now).throttled


def test_failures_are_forgotten_after_a_quarter_of_an_hour(store):
    now = [1000.0]
    for _ in range(5):
        login(store, "väärin-väärin", now=now)
    assert login(store, "väärin-väärin", now=now).throttled
    now[0] += 15 * 60 + 1
    assert not login(store, "väärin-väärin", now=now).throttled


def test_eight_parallel_wrong_passwords_get_only_the_three_free_tries_checked(store,
                                                                           monkeypatch):
    # the real cost: a check as slow as the app's keeps the race between the tries as wide
    monkeypatch.setattr(bcrypt, "gensalt", DEFAULT_GENSALT)
    auth.add_user(store, "teija", "oikea-salasana-123")
    results, barrier = [], threading.Barrier(8)

    def attack(i: int) -> None:
        barrier.wait()
        results.append(auth.attempt_login(Store(), "teija", f"arvaus-{i:08d}", "10.0.0.66"))

    threads = [threading.Thread(target=attack, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == 8
    assert sum(not r.throttled for r in results) == 3
    assert not any(r.ok for r in results)


def test_the_count_is_in_the_database_so_a_restarted_server_still_sees_it(store):
    now = [1000.0]
    for _ in range(3):
        login(store, "väärin-väärin", now=now)
    db.engine_for.cache_clear()  # a new process: new engine, nothing in memory
    assert login(Store(), "väärin-väärin", now=now).wait == 1.0
