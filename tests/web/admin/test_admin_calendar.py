"""The holiday calendar: schedules per year, entering one, provisional deadlines and their recalculation."""
from __future__ import annotations

import pytest

from engine import db
from engine.history import history_for
from engine.instances import start_instance
from engine.timers import instance_timers
from tests.web.admin_client import errors, post, sign_in, text

SCHEDULE_2027 = "2027-01-01 休 元旦\n2027-01-11~2027-01-12 休 假设的假日\n2027-02-06 班 春节调休"


@pytest.fixture
def late_case(app, client):
    """A case received at the end of 2026: its 15-day limit ends in 2027, which has no schedule yet."""
    with app.app_context():
        instance_id = start_instance("console_case", "XF-DEC", {"received_on": "2026-12-25", "mode": "plain"},
                                     "admin").id
        db.session.commit()
    sign_in(client)
    return instance_id


def _timer(app, instance_id):
    with app.app_context():
        (limit,) = [row for row in instance_timers(instance_id) if row.element == "limit"]
        return limit.due_at.isoformat(), limit.provisional


def test_the_years_and_a_year_month_by_month(client, late_case):
    page = text(client.get("/admin/calendar"))
    assert "2026 " in page and "导入自已公布的安排" in page
    year = client.get("/admin/calendar/2026").data.decode()
    assert '<td class="day-holiday" title="春节">17' in year and '<td class="day-working" title="春节">14' in year
    english = client.get("/admin/calendar/2026?lang=en").data.decode()
    assert '<td class="day-holiday" title="Spring Festival">17' in english
    assert "2026年官方节假日安排" in text(client.get("/admin/calendar/2026?lang=zh_CN"))
    assert "2027年尚无官方节假日安排" in text(client.get("/admin/calendar/2027"))
    assert client.get("/admin/calendar/open?year=2027").location == "/admin/calendar/2027"


def test_a_deadline_over_a_year_without_schedule_is_provisional_until_recalculated(app, client, late_case):
    assert _timer(app, late_case) == ("2027-01-11T16:00:00+00:00", True)  # the 9th is a Saturday: 24:00 on the 11th
    page = text(client.get("/admin/calendar"))
    assert "暂定期限（1）" in page and "XF-DEC" in page and "2027-01-11" in page
    assert "末日 2027-01-09 非工作日，顺延至 2027-01-11）；暂定：2027 年尚无官方节假日安排" in page

    saved = post(client, "/admin/calendar/2027", schedule=SCHEDULE_2027)
    assert saved.status_code == 302 and "2027年节假日安排已保存，共 4 天" in text(client.get(saved.location))
    assert _timer(app, late_case)[1] is True  # saving the schedule alone moves nothing
    assert "2027 3 1 由 admin 录入 2026-01-05 09:00" in text(client.get("/admin/calendar"))  # on the app's clock

    done = post(client, "/admin/calendar/recalculate", year="2027", reason="2027年安排已公布")
    assert done.status_code == 200 and "共 1 件，完成 1 件，被拒绝 0 件" in text(done)
    assert f"#{late_case} XF-DEC 完成" in text(done) and "理由：2027年安排已公布" in text(done)
    assert _timer(app, late_case) == ("2027-01-13T16:00:00+00:00", False)  # the 11th and 12th are holidays now
    with app.app_context():
        (row,) = [r for r in history_for(late_case) if r.event == "timers_recalculated"]
        assert (row.actor, row.reason) == ("admin", "2027年安排已公布")
    assert "暂定期限（0）" in text(client.get("/admin/calendar"))


def test_a_schedule_with_a_wrong_line_is_refused_with_its_number_and_kept(app, client, late_case):
    typed = "2027-01-01 休 元旦\n2027-02-30 休 不存在"
    response = post(client, "/admin/calendar/2027", schedule=typed)
    assert response.status_code == 422 and errors(response) == ["第 2 行的日期不存在。"]
    assert "2027-02-30 休 不存在" in response.data.decode()
    other_year = post(client, "/admin/calendar/2027", schedule="2028-01-01 休 元旦")
    assert errors(other_year) == ["第 1 行列有其他年份的日期。"]
    assert "2027年尚无官方节假日安排" in text(client.get("/admin/calendar/2027"))


def test_recalculation_needs_a_reason(client, late_case):
    response = post(client, "/admin/calendar/recalculate", reason=" ")
    assert response.status_code == 302
    assert "请填写理由" in text(client.get("/admin/calendar"))


def test_a_provisional_deadline_is_named_in_the_pages_language(client, late_case):
    rows = text(client.get("/admin/calendar?lang=en"))
    rows = rows[rows.index("Provisional deadlines (1)"):]
    assert f"#{late_case} XF-DEC Time limit 2027-01-11" in rows and "15日期限" not in rows
    assert f"#{late_case} XF-DEC 15日期限 2027-01-11" in text(client.get("/admin/calendar?lang=zh_CN"))


def test_a_case_that_ended_after_it_was_listed_is_refused_in_the_words_of_the_case_page(app, client, late_case,
                                                                                        monkeypatch):
    import processes.calendar_admin

    with app.app_context():
        from engine.instances import terminate_instance

        listed = processes.calendar_admin.affected_instances(2027)
        assert listed == [late_case]
        terminate_instance(late_case, "admin", "重复登记")
        db.session.commit()
    monkeypatch.setattr(processes.calendar_admin, "affected_instances", lambda year=None: listed)
    done = post(client, "/admin/calendar/recalculate", year="2027", reason="2027年安排已公布")
    assert done.status_code == 200 and "共 1 件，完成 0 件，被拒绝 1 件" in text(done)
    assert "状态为「已终止」的案件不能重新计算期限。" in text(done)
    with app.app_context():
        assert not [r for r in history_for(late_case) if r.event == "timers_recalculated"]
