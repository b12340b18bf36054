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
    row = re.search(r"<tr><td>15日期限届满.*?</tr>", page, re.DOTALL).group(0)
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
