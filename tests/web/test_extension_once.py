"""A second extension of the handling period is refused on the investigation form, saying why (Art. 34)."""
from __future__ import annotations

import re

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import fill, ready_tasks
from tests.web.test_extension_preview import _extension_asked
from tests.web.test_task_form_context import task_of, today_of

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def _extended(app) -> tuple[str, str]:
    """Return a case whose handling period was extended by 20 days, back at its investigation, and that task."""
    number, approval, _accepted = _extension_asked(app, 20)
    head = app.test_client()
    sign_in(head, "head")
    head.post(f"/tasks/{approval}/claim", data={"csrf_token": "t"})
    done = head.post(f"/tasks/{approval}", data={"csrf_token": "t", "action": "complete", "extension_approved": "true"})
    assert done.status_code == 302, done.get_data(as_text=True)[:2000]
    return number, task_of(app, number, "investigate")


def _checked(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="([^"]+)"[^>]*\bchecked\b', html)


def test_a_second_extension_is_refused_on_the_form_with_the_last_day(app):
    # It was taken: the extension procedure turned it away without a word and the same investigation came back.
    number, task_id = _extended(app)
    handler = app.test_client()
    sign_in(handler, "handler")
    page = handler.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert _checked(page, "next_step") == []  # the earlier round's "extension" is not offered as the answer
    form = next(row[3] for row in ready_tasks(app, number) if row[0] == task_id)
    handler.post(f"/tasks/{task_id}/claim", data={"csrf_token": "t"})
    typed = {**fill(form, today_of(app)), "next_step": "extension", "investigation_findings": "已核实欠薪八人。"}
    refused = handler.post(f"/tasks/{task_id}", data=typed)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    said = r"办理期限已延长过一次（至\d{4}-\d\d-\d\d），第三十四条规定延期以一次为限。请选择其他下一步。"
    assert re.search(said, page)
    assert "已核实欠薪八人。" in page and _checked(page, "next_step") == ["extension"]  # nothing typed is lost
    assert task_of(app, number, "investigate") == task_id  # the step was not completed
    done = handler.post(f"/tasks/{task_id}", data={**typed, "next_step": "opinion"})
    assert done.status_code == 302 and task_of(app, number, "draft_opinion")


def test_the_api_refuses_a_second_extension_in_the_readers_language(app):
    number, task_id = _extended(app)
    form = next(row[3] for row in ready_tasks(app, number) if row[0] == task_id)
    data = {**fill(form, today_of(app)), "next_step": "extension", "petitioner_heard": True, "hardship": False}
    data.pop("csrf_token", None)
    data.pop("action", None)
    client = app.test_client()
    headers = {"Authorization": "Bearer demo-handler-token", "Accept-Language": "en"}
    client.post(f"/api/v1/tasks/{task_id}/claim", headers=headers)
    refused = client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": data}, headers=headers)
    body = refused.get_json()
    assert refused.status_code == 422 and body["error"] == "already_extended", body
    assert body["message"] == "The handling period was already extended once; Art. 34 allows one extension."
    said = body["errors"]["next_step"][0]
    assert re.match(r"The handling period was already extended once \(to \d{4}-\d\d-\d\d\)", said)
