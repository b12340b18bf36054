"""A registration number rests after five wrong query codes, so codes cannot be guessed at machine speed.

Its own petitioner's browser is not held up by strangers' guesses, and staff see and lift a rest.
"""
from __future__ import annotations

from datetime import timedelta

from engine import db
from tests.web.admin_client import errors, post, sign_in, text
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


def _stranger(client):
    other = client.application.test_client()
    with other.session_transaction() as session:
        session["csrf_token"] = "t"
    return other


def test_the_petitioners_own_browser_opens_her_case_while_strangers_keep_the_number_resting(client):
    number, code = submit(client)  # her receipt: this browser has opened the case
    client.post("/portal/leave", data={"csrf_token": "t"})
    stranger = _stranger(client)
    for _ in range(5):
        assert _look_up(stranger, number, "AAAAAAAA").status_code == 422
    assert _look_up(stranger, number, code).status_code == 429  # the number rests for strangers

    with client.session_transaction() as session:  # the browser was closed: its session is gone, its proof stays
        session.clear()
        session["csrf_token"] = "t"
    assert _look_up(client, number, code).status_code == 302
    assert number in client.get("/portal/case").get_data(as_text=True)
    assert _look_up(stranger, number, code).status_code == 429  # still resting for the stranger


def test_her_own_wrong_codes_rest_her_browser_alone_at_the_same_rate(client):
    number, code = submit(client)
    client.post("/portal/leave", data={"csrf_token": "t"})
    for _ in range(5):
        assert _look_up(client, number, "AAAAAAAA").status_code == 422
    assert _look_up(client, number, code).status_code == 429
    assert _look_up(_stranger(client), number, code).status_code == 302  # nobody else was held up


def test_a_browser_that_opened_another_case_is_a_stranger_to_this_one(client):
    number, _code = submit(client)
    second, code = submit(client, submission_token="p-2")  # this browser opened both
    stranger = _stranger(client)
    submit(stranger, submission_token="p-3")  # the stranger opened a case of his own
    for _ in range(5):
        _look_up(stranger, second, "AAAAAAAA")
    assert _look_up(stranger, second, code).status_code == 429
    forged = _stranger(client)
    forged.set_cookie("xf_opened", "e30.forged.signature", path="/portal/")
    assert _look_up(forged, second, code).status_code == 429
    assert _look_up(client, second, code).status_code == 302 and number != second


def test_staff_see_a_number_being_guessed_at_and_lift_its_rest_with_a_reason(app, client):
    number, code = submit(client)
    stranger = _stranger(client)
    for _ in range(5):
        _look_up(stranger, number, "AAAAAAAA")
    admin = app.test_client()
    sign_in(admin)
    page = text(admin.get("/admin/accounts"))
    assert f"{number} 2026-01-05 09:15 5" in page
    assert f"2026-01-05 09:00 {number} 暂停至 2026-01-05 09:15 系统 15分钟内查询码错误5次" in page

    refused = post(admin, f"/admin/accounts/numbers/{number}/lift", reason="")
    assert refused.status_code == 422 and errors(refused) == ["请填写理由，理由将记入历史。"]
    lifted = post(admin, f"/admin/accounts/numbers/{number}/lift", reason="信访人持身份证到窗口核实")
    assert f"{number} 现在可以重新凭查询码查询。" in text(admin.get(lifted.location))
    page = text(admin.get("/admin/accounts?lang=en"))
    assert "No registration number is resting." in page
    assert f"{number} Rest lifted (it was to last until 2026-01-05 09:15) admin 信访人持身份证到窗口核实" in page
    assert _look_up(stranger, number, code).status_code == 302  # the petitioner, at a new browser, gets in


def test_the_last_tries_before_the_rest_are_counted_down_and_the_fifth_says_until_when(client):
    number, _code = submit(client)
    client.post("/portal/leave", data={"csrf_token": "t"})
    said = [_look_up(client, number, guess).get_data(as_text=True)
            for guess in ("AAAAAAAA", "CCCCCCCC", "EEEEEEEE", "FFFFFFFF")]
    assert "还可再试" not in said[0] and "还可再试" not in said[1]  # no word while tries are many
    assert "还可再试2次；之后此编号的查询将暂停15分钟。" in said[2]
    assert "还可再试1次" in said[3]
    fifth = _look_up(client, number, "GGGGGGGG", lang="en").get_data(as_text=True)
    assert "look-ups of this number now pause until 2026-01-05 09:15 (Beijing time)" in fifth
    other = client.application.test_client()
    with other.session_transaction() as session:
        session["csrf_token"] = "t"
    english = other.post("/portal/query?lang=en", data={"csrf_token": "t", "number": "XF-NO-SUCH-2026-000001",
                                                         "code": "AAAAAAAA"}).get_data(as_text=True)
    assert "more time" not in english  # a first wrong code for another number: no countdown
