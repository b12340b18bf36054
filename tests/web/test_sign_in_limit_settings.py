"""The sign-in's limit on wrong passwords is the installation's setting, as the portal's limits are: the sign-in
keeps it and the console's accounts page states it as it is in force; a bad value stops the app with a clear message."""
from __future__ import annotations

import pytest

from engine import db
from tests.conftest import make_app
from tests.web.admin_client import sign_in, text
from tests.web.start_refusal import assert_refused_at_start
from tests.web.test_sign_in_rests import _advance, _try

SETTINGS = {"XINFANG_WRONG_PASSWORDS_PER_USERNAME": 3, "XINFANG_WRONG_PASSWORDS_WINDOW_MINUTES": 30}


@pytest.fixture
def configured(database_url, tmp_path):
    """The app with the password limit set to 3 within 30 minutes."""
    app = make_app(database_url, tmp_path, **SETTINGS)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_sign_in_keeps_and_the_console_states_the_limit_set(configured):
    app = configured
    client = app.test_client()
    for guess in ("a", "b"):
        assert _try(client, "handler", guess).status_code == 401
    assert _try(client, "handler", "c").status_code == 401
    resting = _try(client, "handler", "handler")  # the third wrong one began a rest of 30 minutes
    assert resting.status_code == 429 and "北京时间2026-01-05 09:30之前不接受任何密码" in text(resting)

    admin = app.test_client()
    sign_in(admin)
    english = text(admin.get("/admin/accounts?lang=en"))
    assert "After 3 wrong passwords within 30 minutes" in english
    assert "After 5 wrong query codes within 15 minutes" in english  # the portal keeps its own limits
    chinese = text(admin.get("/admin/accounts?lang=zh_CN"))
    assert "2026-01-05 09:00 handler 暂停至 2026-01-05 09:30 系统 30分钟内密码错误3次" in chinese

    _advance(app, 29)
    assert _try(client, "handler", "handler").status_code == 429
    _advance(app, 1)
    assert _try(client, "handler", "handler").status_code == 302


def test_unset_the_limit_is_five_wrong_passwords_within_fifteen_minutes(client):
    sign_in(client)
    assert "After 5 wrong passwords within 15 minutes" in text(client.get("/admin/accounts?lang=en"))


@pytest.mark.parametrize("name, value", [("XINFANG_WRONG_PASSWORDS_PER_USERNAME", "five"),
                                         ("XINFANG_WRONG_PASSWORDS_PER_USERNAME", "0"),
                                         ("XINFANG_WRONG_PASSWORDS_WINDOW_MINUTES", "1.5"),
                                         ("XINFANG_WRONG_PASSWORDS_WINDOW_MINUTES", "1441")])
def test_a_bad_value_stops_the_app_at_start_saying_which_and_why(monkeypatch, tmp_path, name, value):
    assert_refused_at_start(monkeypatch, tmp_path, name, value)


def test_a_setting_read_from_the_environment_is_in_force(monkeypatch, tmp_path):
    from web import create_app

    monkeypatch.setenv("XINFANG_WRONG_PASSWORDS_WINDOW_MINUTES", " 60 ")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'unused.sqlite3'}"})
    with app.app_context():
        from processes.sign_in_limits import current_sign_in_limits

        assert (current_sign_in_limits().window_minutes, current_sign_in_limits().per_username) == (60, 5)
    with pytest.raises(RuntimeError, match="XINFANG_WRONG_PASSWORDS_PER_USERNAME must be a whole number from 1 to"):
        create_app({"TESTING": True, "XINFANG_WRONG_PASSWORDS_PER_USERNAME": 0})  # as a test's configuration too
