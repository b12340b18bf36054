"""One address may not try codes against many registration numbers: after twenty wrong codes within
fifteen minutes, for any numbers, it opens no case for strangers until the time stated; staff see and
lift such a rest, and see an alarm when wrong codes from all addresses together pass a level.
"""
from __future__ import annotations

import re
from datetime import timedelta

from engine import db
from tests.conftest import make_app
from tests.web.admin_client import errors, post, sign_in, text
from tests.web.portal.portal_app import csrf, submit

GUESSER = "203.0.113.7"


def _look_up(client, number: str, code: str, address: str = GUESSER, lang: str = "zh_CN", **headers):
    return client.post(f"/portal/query?lang={lang}", data={"csrf_token": "t", "number": number, "code": code},
                       environ_base={"REMOTE_ADDR": address}, headers=headers)


def _stranger(client):
    other = client.application.test_client()
    csrf(other)
    return other


def _advance(app, minutes: int) -> None:
    with app.app_context():
        from engine.timers import advance_clock

        advance_clock(by=timedelta(minutes=minutes))
        db.session.commit()


def _guess_many_numbers(client, count: int, address: str = GUESSER) -> None:
    """One code tried against `count` sequential numbers that are not the petition's: one wrong code each."""
    for serial in range(count):
        assert _look_up(client, f"XF-JN-QS-LX-2026-{900000 + serial}", "AAAAAAAA", address).status_code == 422


def test_twenty_wrong_codes_for_twenty_numbers_rest_the_address_until_the_time_stated(app, client):
    number, code = submit(client)
    client.post("/portal/leave", data={"csrf_token": "t"})
    stranger = _stranger(client)
    _guess_many_numbers(stranger, 5)
    _advance(app, 5)  # 09:05: the first five, at 09:00, end the rest at 09:15
    _guess_many_numbers(stranger, 15)

    refused = _look_up(stranger, number, code)  # the right code, for a number never tried
    assert refused.status_code == 429
    assert ("该网络地址的查询码输入错误次数过多。为保护信访事项信息，请于北京时间2026-01-05 09:15后再试。"
            in text(refused))
    assert number in refused.get_data(as_text=True)  # what was typed is kept
    assert stranger.get("/portal/case").status_code == 302  # nothing was opened
    english = text(_look_up(stranger, number, code, lang="en"))
    assert ("Too many wrong query codes were entered from this network address. To protect the cases, "
            "try again after 2026-01-05 09:15 (Beijing time).") in english

    assert _look_up(_stranger(client), number, code, address="198.51.100.20").status_code == 302  # elsewhere
    assert _look_up(client, number, code).status_code == 302  # her own browser, at the same address
    _advance(app, 10)  # 09:15
    assert _look_up(stranger, number, code).status_code == 302


def test_nineteen_wrong_codes_from_one_address_keep_it_open(client):
    number, code = submit(client)
    stranger = _stranger(client)
    _guess_many_numbers(stranger, 19)
    assert _look_up(stranger, number, code).status_code == 302


def test_an_administrator_sees_the_resting_address_and_lifts_its_rest_with_a_reason(app, client):
    number, code = submit(client)
    stranger = _stranger(client)
    _guess_many_numbers(stranger, 20)
    assert _look_up(stranger, number, code).status_code == 429

    admin = app.test_client()
    sign_in(admin)
    page = text(admin.get("/admin/accounts"))
    assert f"网络地址 暂停至 错误次数 解除暂停 {GUESSER} 2026-01-05 09:15 20 " in page
    assert f"2026-01-05 09:00 {GUESSER} 暂停至 2026-01-05 09:15 系统 15分钟内来自该地址的查询码错误20次" in page

    refused = post(admin, f"/admin/accounts/addresses/{GUESSER}/lift", reason=" ")
    assert refused.status_code == 422 and errors(refused) == ["请填写理由，理由将记入历史。"]
    reason = "单位网络出口地址，经电话核实为信访人本人查询"
    lifted = post(admin, f"/admin/accounts/addresses/{GUESSER}/lift", reason=reason)
    assert f"现在可以从 {GUESSER} 重新查询。" in text(admin.get(lifted.location))
    page = text(admin.get("/admin/accounts?lang=en"))
    assert "No network address is resting." in page
    assert f"{GUESSER} Rest lifted (it was to last until 2026-01-05 09:15) admin {reason}" in page
    assert _look_up(stranger, number, code).status_code == 302


def test_wrong_codes_from_many_addresses_raise_an_alarm_staff_see_and_lock_nobody_out(app_with):
    app = app_with(XINFANG_WRONG_CODES_ALARM_LEVEL=12)  # the console states the level it was raised at
    client = app.test_client()
    number, code = submit(client)
    stranger = _stranger(client)
    for address in ("198.51.100.1", "198.51.100.2"):
        _guess_many_numbers(stranger, 5, address)
    admin = app.test_client()
    sign_in(admin)
    assert 'id="look-up-alarm"' not in admin.get("/admin/accounts").get_data(as_text=True)
    assert "查询码错误报警" not in text(admin.get("/admin/accounts"))
    assert 'id="look-up-alarm"' not in admin.get("/admin/").get_data(as_text=True)

    _guess_many_numbers(stranger, 2, "198.51.100.3")  # the twelfth wrong code, from three addresses
    _guess_many_numbers(stranger, 3, "198.51.100.4")  # more within the window raise no second alarm
    page = text(admin.get("/admin/accounts"))
    assert ("可能有人在用查询码试探大量登记编号：15分钟内来自所有地址的查询码错误已达12次以上。此报警不限制任何人查询；"
            "请查看下方暂停查询的网络地址和暂停记录。报警持续至2026-01-05 09:15。") in page
    assert page.count("门户查询（所有地址） 查询码错误报警 系统 15分钟内来自所有地址的查询码错误12次") == 1
    english = text(admin.get("/admin/accounts?lang=en"))
    assert ("Portal look-ups from all addresses Alarm: many wrong query codes the system "
            "12 wrong query codes from all addresses within 15 minutes") in english
    assert _look_up(stranger, number, code, address="198.51.100.1").status_code == 302  # nobody is kept out
    assert "可能有人在用查询码试探大量登记编号。报警持续至2026-01-05 09:15；暂停查询的网络地址见账户页面。" in text(
        admin.get("/admin/?lang=zh_CN"))  # the console's front page says so too

    _advance(app, 15)
    assert 'id="look-up-alarm"' not in admin.get("/admin/accounts").get_data(as_text=True)  # the alarm is over
    assert 'id="look-up-alarm"' not in admin.get("/admin/").get_data(as_text=True)


def test_an_ipv6_guesser_who_changes_address_each_time_rests_with_its_whole_slash_64(app, client):
    number, code = submit(client)
    client.post("/portal/leave", data={"csrf_token": "t"})
    stranger = _stranger(client)
    for serial in range(20):  # one client: a fresh address of its /64 for each number
        assert _look_up(stranger, f"XF-JN-QS-LX-2026-{900000 + serial}", "AAAAAAAA",
                        f"2001:db8:1:2:{serial + 1:x}:5efe:c0a8:1").status_code == 422
    assert _look_up(stranger, number, code, address="2001:db8:1:2:ffff::1").status_code == 429
    assert _look_up(_stranger(client), number, code, address="2001:db8:1:3::1").status_code == 302  # next /64
    assert _look_up(client, number, code, address="2001:db8:1:2::7").status_code == 302  # her own browser

    admin = app.test_client()
    sign_in(admin)
    page = admin.get("/admin/accounts")
    assert "网络地址 暂停至 错误次数 解除暂停 2001:db8:1:2::/64 2026-01-05 09:15 20 " in text(page)
    assert "2026-01-05 09:00 2001:db8:1:2::/64 暂停至 2026-01-05 09:15 系统" in text(page)
    assert "IPv6 地址与其所在的 /64 网段合并计数并按网段显示" in text(page)
    action = re.search(r'<form method="post" action="([^"]*addresses[^"]*)"', page.get_data(as_text=True)).group(1)
    reason = "经电话核实为信访人本人查询"
    lifted = post(admin, action, reason=reason)
    assert lifted.status_code == 302
    assert "现在可以从 2001:db8:1:2::/64 重新查询。" in text(admin.get(lifted.location))
    english = text(admin.get("/admin/accounts?lang=en"))
    assert "An IPv6 address counts together with the rest of its /64 network" in english
    assert "No network address is resting." in english
    assert _look_up(stranger, number, code, address="2001:db8:1:2:abcd::2").status_code == 302


def test_an_ipv4_client_seen_as_an_ipv4_mapped_address_counts_as_its_ipv4_address(client):
    number, code = submit(client)
    stranger = _stranger(client)
    _guess_many_numbers(stranger, 10, "::ffff:203.0.113.7")
    _guess_many_numbers(stranger, 10)
    assert _look_up(stranger, number, code).status_code == 429
    assert _look_up(stranger, number, code, address="203.0.113.8").status_code == 302  # IPv4 counts one by one


def test_behind_a_trusted_proxy_each_visitor_counts_on_their_own(database_url, tmp_path):
    app = make_app(database_url, tmp_path, XINFANG_PROXIES=1)
    client = app.test_client()
    csrf(client)
    try:
        for serial in range(20):
            _look_up(client, f"XF-JN-QS-LX-2026-{900000 + serial}", "AAAAAAAA", "10.0.0.1",
                     **{"X-Forwarded-For": "203.0.113.9"})
        visitor = _look_up(client, "XF-JN-QS-LX-2026-000001", "AAAAAAAA", "10.0.0.1",
                           **{"X-Forwarded-For": "198.51.100.30"})
        assert visitor.status_code == 422  # another visitor behind the same proxy is not held up
        guesser = _look_up(client, "XF-JN-QS-LX-2026-000001", "AAAAAAAA", "10.0.0.1",
                           **{"X-Forwarded-For": "203.0.113.9"})
        assert guesser.status_code == 429
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_without_a_trusted_proxy_a_forwarded_address_is_not_believed(client):
    csrf(client)
    for serial in range(20):  # a guesser who makes up a new X-Forwarded-For each time
        _look_up(client, f"XF-JN-QS-LX-2026-{900000 + serial}", "AAAAAAAA", **{"X-Forwarded-For": f"192.0.2.{serial}"})
    assert _look_up(client, "XF-JN-QS-LX-2026-000001", "AAAAAAAA").status_code == 429
