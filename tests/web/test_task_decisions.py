"""A required yes-or-no decision starts unanswered on its task page: the person makes it, a draft keeps it."""
from __future__ import annotations

import re

from engine import db
from engine.tasks import save_draft
from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import submit_online, work_until
from tests.web.test_task_form_context import task_of, today_of

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def _checked(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="([^"]+)"[^>]*\bchecked\b', html)


def test_accepting_or_objecting_is_not_answered_for_the_handler(app):
    number, _code = submit_online(app.test_client())
    work_until(app, number, "decide_acceptance", today_of(app))
    task_id = task_of(app, number, "decide_acceptance")
    handler = app.test_client()
    sign_in(handler, "handler")
    html = handler.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert _checked(html, "accept") == []  # the case data's starting "no" would have been an objection
    refused = handler.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete",
                                                      "decision_reason": "属于本局职权范围。"})
    assert refused.status_code == 422 and "请选择一项。" in refused.get_data(as_text=True)
    with app.app_context():
        save_draft(task_id, {"accept": False, "decision_reason": "不属于本局职权。"}, "handler")
        db.session.commit()
    assert _checked(handler.get(f"/tasks/{task_id}").get_data(as_text=True), "accept") == ["false"]
