"""A username rests after five wrong passwords in fifteen minutes; an administrator may lift the rest early."""
from __future__ import annotations

from datetime import timedelta

from engine import db
from engine.timers import advance_clock
from tests.web.admin_client import TOKEN, errors, post, sign_in, text
from tests.web.conftest import bearer


def _try(client, username: str, password: str, lang: str = "zh_CN"):
    with client.session_transaction() as session:
        session["csrf_token"] = TOKEN
    return client.post(f"/login?lang={lang}", data={"username": username, "password": password, "csrf_token": TOKEN})


def _advance(app, minutes: int) -> None:
    with app.app_context():
        advance_clock(by=timedelta(minutes=minutes))
        db.session.commit()


def _rest(client, username: str) -> None:
    for guess in ("a", "b", "c", "d", "e"):
        assert _try(client, username, guess).status_code == 401


def test_after_five_wrong_passwords_even_the_right_one_waits_until_the_time_stated(app, client):
    _rest(client, "handler")
    resting = _try(client, "handler", "handler")
    assert resting.status_code == 429
    assert "密码输入错误次数过多" in text(resting) and "北京时间2026-01-05 09:15之前不接受任何密码" in text(resting)
    assert 'value="handler"' in resting.data.decode()  # what was typed is kept
    assert client.get("/admin/").status_code == 302  # not signed in: sent to sign in
    english = text(_try(client, "handler", "handler", lang="en"))
    assert "Too many wrong passwords" in english and "until 2026-01-05 09:15 (Beijing time)" in english

    _advance(app, 14)
    assert _try(client, "handler", "handler").status_code == 429
    _advance(app, 1)
    assert _try(client, "handler", "handler").status_code == 302


def test_the_refusals_do_not_tell_whether_a_username_exists(client):
    known, unknown = _try(client, "handler", "wrong"), _try(client, "nobody", "wrong")
    assert known.status_code == unknown.status_code == 401
    assert errors(known) == errors(unknown) == ["用户名或密码不正确。"]
    for _ in range(4):
        _try(client, "handler", "wrong"), _try(client, "nobody", "wrong")
    known, unknown = _try(client, "handler", "handler"), _try(client, "nobody", "x")
    assert known.status_code == unknown.status_code == 429
    assert errors(known) == errors(unknown)


def test_wrong_passwords_for_one_username_do_not_hold_up_another(client):
    _rest(client, "handler")
    assert _try(client, "registrar", "registrar").status_code == 302


def test_a_resting_account_keeps_its_api_token(client):
    _rest(client, "handler")
    assert client.get("/api/v1/tasks", headers=bearer("handler")).status_code == 200


def test_the_rest_and_its_early_lifting_are_in_the_history_with_who_when_and_why(app, client):
    _rest(client, "handler")
    admin = app.test_client()
    sign_in(admin)
    page = text(admin.get("/admin/accounts"))
    assert "handler" in page and "暂停至 2026-01-05 09:15" in page and "密码错误5次" in page
    assert "2026-01-05 09:00 handler 暂停至 2026-01-05 09:15 系统 15分钟内密码错误5次" in page

    _advance(app, 3)
    refused = post(admin, "/admin/accounts/handler/lift", reason=" ")
    assert refused.status_code == 422 and errors(refused) == ["请填写理由，理由将记入历史。"]
    assert _try(client, "handler", "handler").status_code == 429
    lifted = post(admin, "/admin/accounts/handler/lift", reason="本人来电核实")
    assert lifted.status_code == 302
    assert "handler 现在可以重新登录。" in text(admin.get(lifted.location))
    page = text(admin.get("/admin/accounts"))
    assert "2026-01-05 09:03 handler 已解除暂停（原定至 2026-01-05 09:15） admin 本人来电核实" in page
    assert _try(client, "handler", "handler").status_code == 302


def test_the_accounts_page_speaks_english_and_refuses_an_unknown_account(app, client):
    sign_in(client)
    page = text(client.get("/admin/accounts?lang=en"))
    assert "Accounts and rests" in page and "Signs in" in page and "No rest has begun yet." in page
    assert post(client, "/admin/accounts/nobody/lift", reason="x").status_code == 404


def test_a_second_click_on_lift_says_the_rest_is_over_and_records_nothing_more(app, client):
    _rest(client, "handler")
    admin = app.test_client()
    sign_in(admin)
    assert post(admin, "/admin/accounts/handler/lift", reason="本人来电核实").status_code == 302
    again = post(admin, "/admin/accounts/handler/lift", reason="本人来电核实")
    assert again.status_code == 302
    assert "handler 未被暂停登录，无需解除。" in text(admin.get(again.location))
    emptied = post(admin, "/admin/accounts/handler/lift", reason="")  # a page left open, no reason typed
    assert emptied.status_code == 302
    assert "handler 未被暂停登录，无需解除。" in text(admin.get(emptied.location))
    page = text(admin.get("/admin/accounts"))
    assert page.count("已解除暂停") == 1 and "未在暂停中" not in page
    english = post(admin, "/admin/accounts/registrar/lift?lang=en", reason="x")
    assert "registrar is not kept out: there is no rest to lift." in text(admin.get(english.location))
