"""Staff accounts and the login throttle."""

import pytest

from kumppanuus import auth


def test_a_user_added_to_the_file_can_log_in_with_the_right_password_only(tmp_path):
    path = tmp_path / "staff.toml"
    auth.add_user(path, "teija", "oikea-salasana-123")
    users = auth.load_users(path)
    assert "oikea-salasana-123" not in path.read_text()
    assert users["teija"].startswith("$2")
    assert auth.verify(users, "teija", "oikea-salasana-123")
    assert not auth.verify(users, "teija", "väärä-salasana-123")
    assert not auth.verify(users, "tuntematon", "oikea-salasana-123")


def test_no_staff_file_means_no_users(tmp_path):
    assert auth.load_users(tmp_path / "missing.toml") == {}


@pytest.mark.parametrize("name,password", [("x", "pitkä-salasana-1"), ("ok_name", "lyhyt")])
def test_bad_usernames_and_short_passwords_are_refused(tmp_path, name, password):
    with pytest.raises(auth.AuthError):
        auth.add_user(tmp_path / "s.toml", name, password)


def test_repeated_wrong_passwords_make_the_next_try_wait_longer():
    now = [100.0]
    throttle = auth.Throttle(free=3, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.wait_seconds("teija") == 0
        throttle.record("teija", ok=False)
    assert throttle.wait_seconds("teija") == 1.0
    throttle.record("teija", ok=False)
    assert throttle.wait_seconds("TEIJA") == 2.0
    now[0] += 2.0
    assert throttle.wait_seconds("teija") == 0
    throttle.record("teija", ok=True)
    assert throttle.wait_seconds("teija") == 0
