"""The case page counts each statutory limit as the law does: calendar days stay calendar days."""
from __future__ import annotations

import re
from datetime import date, timedelta

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.test_task_form_context import today_of
from tests.web.test_tasks_intake import _visit

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def test_a_fifteen_day_limit_ending_on_a_weekend_is_still_counted_in_days(app):
    today = date.fromisoformat(today_of(app))
    received = next(today - timedelta(days=back) for back in range(7)
                    if (today - timedelta(days=back) + timedelta(days=15)).weekday() == 5)
    registrar = app.test_client()
    sign_in(registrar, "registrar")
    done = registrar.post("/tasks/intake", data=_visit(received_on=received.isoformat()))
    assert done.status_code == 302
    page = registrar.get(done.headers["Location"]).get_data(as_text=True)
    row = re.search(r"<tr><td>15日期限<div.*?</tr>", page, re.DOTALL).group(0)  # its name, not "…届满"
    last_day = received + timedelta(days=17)  # Saturday's limit rolls to Monday (Civil Code Art. 203)
    assert last_day.isoformat() in row
    assert "工作日" not in row and f"剩余 {(last_day - today).days} 日" in row


def test_a_petitioners_window_that_closes_unused_is_not_marked_missed(app):
    from engine import db
    from engine.timers import advance_clock
    from tests.web.journey import submit_online, work_until

    number, _code = submit_online(app.test_client())
    work_until(app, number, "request_review", today_of(app))
    with app.app_context():
        advance_clock(by=timedelta(days=40))  # the 30 days of Art. 21 and Art. 35 pass unused
        db.session.commit()
    handler = app.test_client()
    sign_in(handler, "handler", lang="en")
    page = handler.get(f"/tasks/case/{number}").get_data(as_text=True)
    rows = {re.search(r"<td>Time limit of (Art\. [^<]+)<div", row).group(1): row
            for row in re.findall(r"<tr><td>Time limit of .*?</tr>", page, re.DOTALL)}
    assert "Window closed unused" in rows["Art. 35"] and "Missed" not in rows["Art. 35"]
    assert "Window closed unused" in rows["Art. 21"]


def _whole(row: str) -> str:
    # A badge keeps each date on one line (<span class="nowrap">…</span>): read the row without those spans.
    return re.sub(r'<span class="nowrap">([^<]*)</span>', r"\1", row)


def _window_row(page: str, article: str) -> str:
    return _whole(re.search(rf"<tr><td>Time limit of {re.escape(article)}<div.*?</tr>", page, re.DOTALL).group(0))


def test_a_petitioners_window_says_what_she_did_with_it(app):
    from processes.functions import deadline
    from tests.web.test_review_requests_desk import _advance, _record, _replied

    number, _code, served = _replied(app)
    with app.app_context():
        last_day = deadline(served.isoformat(), 30).last_day
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    row = _window_row(registrar.get(f"/tasks/case/{number}").get_data(as_text=True), "Art. 35")
    assert f"Still open until {last_day.isoformat()}" in row and "Counting down" not in row

    _advance(app, 5)
    postmark = (served + timedelta(days=2)).isoformat()
    assert _record(registrar, number, posted_on=postmark).status_code == 302
    row = _window_row(registrar.get(f"/tasks/case/{number}").get_data(as_text=True), "Art. 35")
    assert f"Review requested on {postmark}, within the 30 days" in row and ">Met<" not in row
    sign_in(registrar, "registrar")
    page = registrar.get(f"/tasks/case/{number}").get_data(as_text=True)
    row = re.search(r"<tr><td>30日内未请求复查.*?</tr>", page, re.DOTALL).group(0)
    assert f'已于<span class="nowrap">{postmark}</span>请求复查' in row  # a narrow badge breaks no date
    row = _whole(row)
    assert f"已于{postmark}请求复查（在30日内）" in row and "已按期" not in row


def test_a_window_the_petitioner_declined_says_so(app):
    from tests.web.journey import ready_tasks
    from tests.web.test_review_requests_desk import _replied

    number, _code, _served = _replied(app)
    task_id = next(row[0] for row in ready_tasks(app, number) if row[1] == "request_review")
    with app.app_context():
        from engine import db
        from engine.tasks import complete_task

        complete_task(task_id, {"wants_review": False}, "online-petitioner")
        db.session.commit()
    registrar = app.test_client()
    sign_in(registrar, "registrar", lang="en")
    row = _window_row(registrar.get(f"/tasks/case/{number}").get_data(as_text=True), "Art. 35")
    assert "The petitioner declined a review" in row and ">Met<" not in row
