"""A head who returns an opinion says why: the "no" without a reason is refused, on the desk and the API."""
from __future__ import annotations

from engine.tasks import get_task
from tests.web.conftest import bearer
from tests.web.desk import sign_in
from tests.web.test_task_form_context import app, drafted, task_of  # noqa: F401  (fixtures)


def _state(app, task_id: str) -> str:  # noqa: F811
    with app.app_context():
        return get_task(task_id).state


def test_returning_an_opinion_without_a_reason_is_refused(app, drafted):  # noqa: F811
    number, task_id = drafted
    head = app.test_client()
    sign_in(head, "head")
    refused = head.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete",
                                                   "opinion_approved": "false", "opinion_head_comment": " "})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "请填写此项。" in html and "退回的，请写明理由和修改要求。" in html
    assert _state(app, task_id) == "ready"
    api = app.test_client().post(f"/api/v1/tasks/{task_id}/complete", headers=bearer("head"),
                                 json={"data": {"opinion_approved": False}})
    assert api.status_code == 422 and "opinion_head_comment" in api.get_json()["errors"]
    returned = head.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete",
                                                    "opinion_approved": "false",
                                                    "opinion_head_comment": "法律依据引用不全，请补充。"})
    assert returned.status_code == 302 and _state(app, task_id) == "completed"
    handler = app.test_client()
    sign_in(handler, "handler")
    again = handler.get(f"/tasks/{task_of(app, number, 'draft_opinion')}").get_data(as_text=True)
    assert "法律依据引用不全，请补充。" in again


def test_approving_needs_no_reason(app, drafted):  # noqa: F811
    _number, task_id = drafted
    head = app.test_client()
    sign_in(head, "head")
    approved = head.post(f"/tasks/{task_id}", data={"csrf_token": "t", "action": "complete",
                                                    "opinion_approved": "true"})
    assert approved.status_code == 302 and _state(app, task_id) == "completed"
