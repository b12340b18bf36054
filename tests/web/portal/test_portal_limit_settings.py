"""The portal's limits on wrong query codes are the installation's settings: the portal keeps them and the
console's accounts page states them as they are in force; a bad value stops the app with a clear message."""
from __future__ import annotations

import pytest

from tests.web.admin_client import sign_in, text
from tests.web.portal.portal_app import csrf, submit
from tests.web.start_refusal import assert_refused_at_start

SETTINGS = {"XINFANG_WRONG_CODES_PER_NUMBER": 3, "XINFANG_WRONG_CODES_PER_ADDRESS": 7,
            "XINFANG_WRONG_CODES_WINDOW_MINUTES": 30, "XINFANG_WRONG_CODES_ALARM_LEVEL": 12}


def _look_up(client, number: str, code: str, address: str = "203.0.113.7"):
    return client.post("/portal/query?lang=zh_CN", data={"csrf_token": "t", "number": number, "code": code},
                       environ_base={"REMOTE_ADDR": address})


def test_the_portal_keeps_and_the_console_states_the_limits_set(app_with):
    app = app_with(**SETTINGS)
    client = app.test_client()
    number, code = submit(client)
    stranger = app.test_client()
    csrf(stranger)
    for _ in range(3):
        assert _look_up(stranger, number, "AAAAAAAA", "192.0.2.1").status_code == 422
    refused = _look_up(stranger, number, code, "192.0.2.1")
    assert refused.status_code == 429 and "请于北京时间2026-01-05 09:30后再试" in text(refused)  # 3 within 30 minutes
    for serial in range(7):
        _look_up(stranger, f"XF-JN-QS-LX-2026-{900000 + serial}", "AAAAAAAA", "198.51.100.1")
    assert _look_up(stranger, number, code, "198.51.100.1").status_code == 429  # after seven from one address
    for serial in (8, 9):  # the eleventh and twelfth from all addresses: the alarm
        _look_up(stranger, f"XF-JN-QS-LX-2026-{900000 + serial}", "AAAAAAAA", "198.51.100.2")

    admin = app.test_client()
    sign_in(admin)
    english = text(admin.get("/admin/accounts?lang=en"))
    assert ("After 3 wrong query codes within 30 minutes, a registration number opens to no code in a browser "
            "that has not opened its case before.") in english
    assert "After 7 wrong query codes within 30 minutes from one network address, for any" in english
    assert f"{number} Rested until 2026-01-05 09:30 the system 3 wrong query codes within 30 minutes" in english
    assert ("198.51.100.1 Rested until 2026-01-05 09:30 the system "
            "7 wrong query codes from this address within 30 minutes") in english
    assert ("12 or more wrong query codes came from all addresses together within 30 minutes. "
            "Nobody is kept out by this alarm; see the addresses resting below and the history. "
            "The alarm holds until 2026-01-05 09:30.") in english
    assert "After 5 wrong passwords within 15 minutes" in english  # sign-in keeps its own limit
    chinese = text(admin.get("/admin/accounts?lang=zh_CN"))
    assert "30分钟内查询码错误3次" in chinese


def test_unset_the_limits_are_five_per_number_and_twenty_per_address_within_fifteen_minutes(client):
    sign_in(client)
    english = text(client.get("/admin/accounts?lang=en"))
    assert "After 5 wrong query codes within 15 minutes, a registration number" in english
    assert "After 20 wrong query codes within 15 minutes from one network address" in english


@pytest.mark.parametrize("name, value", [("XINFANG_WRONG_CODES_PER_NUMBER", "five"),
                                         ("XINFANG_WRONG_CODES_PER_ADDRESS", "0"),
                                         ("XINFANG_WRONG_CODES_WINDOW_MINUTES", "1.5"),
                                         ("XINFANG_WRONG_CODES_ALARM_LEVEL", "-100")])
def test_a_bad_value_stops_the_app_at_start_saying_which_and_why(monkeypatch, tmp_path, name, value):
    assert_refused_at_start(monkeypatch, tmp_path, name, value)


def test_a_setting_read_from_the_environment_is_in_force(monkeypatch, tmp_path):
    from web import create_app

    monkeypatch.setenv("XINFANG_WRONG_CODES_WINDOW_MINUTES", " 60 ")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'unused.sqlite3'}"})
    with app.app_context():
        from processes.look_up_limits import current_limits

        assert (current_limits().window_minutes, current_limits().per_number) == (60, 5)
    with pytest.raises(RuntimeError, match="XINFANG_WRONG_CODES_ALARM_LEVEL must be a whole number from 1 to"):
        create_app({"TESTING": True, "XINFANG_WRONG_CODES_ALARM_LEVEL": 0})  # as a test's configuration too
