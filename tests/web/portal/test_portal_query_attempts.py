"""A registration number rests after five wrong query codes, so codes cannot be guessed at machine speed."""
from __future__ import annotations

from datetime import timedelta

from engine import db
from tests.web.portal.portal_app import submit


def _look_up(client, number: str, code: str, lang: str = "zh_CN"):
    return client.post(f"/portal/query?lang={lang}", data={"csrf_token": "t", "number": number, "code": code})


def test_after_five_wrong_codes_even_the_right_one_waits_fifteen_minutes(app, client):
    number, code = submit(client)
    client.post("/portal/leave", data={"csrf_token": "t"})
    for guess in ("AAAAAAAA", "CCCCCCCC", "EEEEEEEE", "FFFFFFFF", "GGGGGGGG"):
        assert _look_up(client, number, guess).status_code == 422

    locked = _look_up(client, number, code)
    page = locked.get_data(as_text=True)
    assert locked.status_code == 429 and "错误次数过多" in page and "2026-01-05 09:15" in page
    assert number in page  # what she typed is kept
    assert client.get("/portal/case").status_code == 302  # nothing was opened
    english = _look_up(client, number.lower(), code, lang="en").get_data(as_text=True)
    assert "Too many wrong query codes" in english and "try again after 2026-01-05 09:15" in english

    with app.app_context():
        from engine.timers import advance_clock

        advance_clock(by=timedelta(minutes=15))
        db.session.commit()
    assert _look_up(client, number, code).status_code == 302
    assert number in client.get("/portal/case").get_data(as_text=True)


def test_a_browser_that_opened_the_case_keeps_it_while_the_number_rests(client):
    number, _code = submit(client)  # the receipt opens the case in this browser
    other = client.application.test_client()
    with other.session_transaction() as session:
        session["csrf_token"] = "t"
    for _ in range(6):
        _look_up(other, number, "AAAAAAAA")
    assert _look_up(other, number, "AAAAAAAA").status_code == 429
    assert number in client.get("/portal/case").get_data(as_text=True)


def test_wrong_codes_for_one_number_do_not_hold_up_another(client):
    first, _code = submit(client)
    second, code = submit(client, submission_token="p-2")
    for _ in range(5):
        _look_up(client, first, "AAAAAAAA")
    assert _look_up(client, second, code).status_code == 302
