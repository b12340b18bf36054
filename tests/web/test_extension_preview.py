"""The head deciding an extension sees the handling period's last day now and after it (Art. 34)."""
from __future__ import annotations

import re
from datetime import date, timedelta

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import fill, ready_tasks, submit_online, work_until
from tests.web.test_task_form_context import task_of, today_of

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def _last_day(app, accepted: date, days: int) -> date:
    from processes.holidays import load_calendar
    from engine import db

    with app.app_context():
        cal = load_calendar(db.session)
        day = accepted + timedelta(days=days)
        while not cal.is_working_day(day):  # a last day on a rest day moves on (Civil Code Art. 203)
            day += timedelta(days=1)
        return day


def _extension_asked(app, days: int) -> tuple[str, str, date]:
    number, _code = submit_online(app.test_client())
    today = today_of(app)
    work_until(app, number, "investigate", today)
    handler = app.test_client()
    sign_in(handler, "handler")
    for element, choices in (("investigate", {"next_step": "extension"}),
                             ("request_extension", {"extension_days": str(days)})):
        task_id = task_of(app, number, element)
        form = next(row[3] for row in ready_tasks(app, number) if row[0] == task_id)
        handler.post(f"/tasks/{task_id}/claim", data={"csrf_token": "t"})
        done = handler.post(f"/tasks/{task_id}", data={**fill(form, today), **choices})
        assert done.status_code == 302, done.get_data(as_text=True)[:2000]
    return number, task_of(app, number, "approve_extension"), date.fromisoformat(today)


def test_the_head_sees_the_last_day_now_and_after_the_extension(app):
    _number, task_id, accepted = _extension_asked(app, 30)
    now, extended = _last_day(app, accepted, 60), _last_day(app, accepted, 90)
    head = app.test_client()
    sign_in(head, "head")
    page = head.get(f"/tasks/{task_id}").get_data(as_text=True)
    box = re.search(r'<section class="card extension-preview".*?</section>', page, re.DOTALL).group(0)
    assert "办理期限（第三十四条）" in box
    assert re.search(rf"现期限的最后一日</dt>\s*<dd><strong[^>]*>{now.isoformat()}</strong> 北京时间24时", box)
    assert re.search(rf"批准延长 30 日后的最后一日</dt>\s*<dd><strong[^>]*>{extended.isoformat()}</strong>", box)
    sign_in(head, "head", lang="en")
    page = head.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert re.search(rf"Last day now</dt>\s*<dd><strong[^>]*>{now.isoformat()}</strong> 24:00 China Standard Time",
                     page)
    assert re.search(rf"Last day if the 30 days asked for are approved</dt>\s*<dd><strong[^>]*>{extended.isoformat()}",
                     page)


def test_the_extended_last_day_is_the_one_the_extension_sets(app):
    from processes.documents import documents_for
    from processes.petitions import find_by_number

    number, task_id, _accepted = _extension_asked(app, 12)
    head = app.test_client()
    sign_in(head, "head", lang="en")
    page = head.get(f"/tasks/{task_id}").get_data(as_text=True)
    shown = re.search(r"Last day if the 12 days asked for are approved</dt>\s*<dd><strong[^>]*>([\d-]+)<",
                      page).group(1)
    head.post(f"/tasks/{task_id}/claim", data={"csrf_token": "t"})
    done = head.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete", "extension_approved": "true"})
    assert done.status_code == 302, done.get_data(as_text=True)[:2000]
    with app.app_context():
        notice = next(d for d in documents_for(find_by_number(number).id) if d.kind == "extension_notice")
        assert notice.fields["extended_until"] == shown
