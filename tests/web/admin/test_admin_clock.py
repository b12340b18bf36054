"""The simulated clock in the console: read it, see what falls due next, move it forward, refusals."""
from __future__ import annotations

from engine.clock import RealClock
from engine.history import history_for
from tests.web.admin_client import errors, post, text


def test_the_clock_page_shows_the_time_and_the_timer_that_falls_due_next(client, cases):
    page = text(client.get("/admin/clock"))
    assert "当前时间：2026-01-05 09:00" in page
    assert f"2026-01-20 24:00 #{cases['waiting']} XF-TEST-1 15日期限" in page
    assert "模拟时钟" in text(client.get("/admin/"))  # the console's tab leads there
    assert "模拟时钟：2026-01-05 09:00" in text(client.get("/admin/"))  # the badge, in Chinese punctuation
    assert "Simulated clock: 2026-01-05 09:00" in text(client.get("/admin/?lang=en"))


def test_moving_forward_fires_what_falls_due_and_says_how_many(app, client, cases):
    moved = post(client, "/admin/clock", days="20", hours="3")
    assert moved.status_code == 302
    page = text(client.get(moved.location))
    assert "时钟已拨至 2026-01-25 12:00；期间触发了 1 个计时器。" in page and "当前时间：2026-01-25 12:00" in page
    with app.app_context():
        assert [row.element for row in history_for(cases["waiting"]) if row.event == "timer_fired"] == ["limit"]


def test_the_english_count_of_fired_timers_agrees_with_its_number(client, cases):
    client.get("/admin/clock?lang=en")
    none = post(client, "/admin/clock", days="1")
    assert "The clock now reads 2026-01-06 09:00; 0 timers fired on the way." in text(client.get(none.location))
    one = post(client, "/admin/clock", days="20")
    assert "The clock now reads 2026-01-26 09:00; 1 timer fired on the way." in text(client.get(one.location))


def test_a_move_that_goes_nowhere_or_back_is_refused_with_what_was_typed_kept(client, cases):
    nowhere = post(client, "/admin/clock", days="", hours="")
    assert nowhere.status_code == 422 and errors(nowhere) == ["请填写向前拨动的天数或小时数，或要拨到的时间。"]
    back = post(client, "/admin/clock", to="2026-01-01T08:00")
    assert back.status_code == 422
    assert errors(back) == ["模拟时钟不能回拨，也不能停在原处：当前已是 2026-01-05 09:00。"]
    assert 'value="2026-01-01T08:00"' in back.data.decode()
    assert post(client, "/admin/clock", days="-3").status_code == 422
    assert "当前时间：2026-01-05 09:00" in text(client.get("/admin/clock"))


def test_moving_to_a_moment_counts_it_in_china_standard_time(client, cases):
    moved = post(client, "/admin/clock", to="2026-02-01T08:30")
    assert "时钟已拨至 2026-02-01 08:30" in text(client.get(moved.location))


def test_a_real_clock_cannot_be_moved_and_has_no_tab(app, client, cases):
    engine = app.extensions["xinfang_engine"]
    simulated, engine.clock = engine.clock, RealClock()
    try:
        response = client.get("/admin/clock")
        assert response.status_code == 404 and "本系统使用真实时钟" in text(response)
        assert post(client, "/admin/clock", days="1").status_code == 404
        assert "模拟时钟" not in text(client.get("/admin/"))
    finally:
        engine.clock = simulated
