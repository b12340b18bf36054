"""A day a handler records of what happened (acceptance, service) cannot lie ahead or before receipt:
the statutory limits are counted from it, so a slip would move them by months."""
from __future__ import annotations

from datetime import date, timedelta

from tests.diagrams import conftest as diagrams
from tests.web.conftest import bearer
from tests.web.desk import sign_in
from tests.web.journey import fill, submit_online, work_until
from tests.web.test_task_form_context import data_of, form_of, task_of, today_of

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def _at_acceptance_notice(app) -> tuple[str, str, str]:
    number, _code = submit_online(app.test_client())
    today = today_of(app)
    work_until(app, number, "notify_acceptance", today)
    return number, task_of(app, number, "notify_acceptance"), today


def test_an_acceptance_day_ahead_is_refused_with_what_was_typed_kept(app):
    _number, task_id, today = _at_acceptance_notice(app)
    handler = app.test_client()
    sign_in(handler, "handler")
    ahead = (date.fromisoformat(today) + timedelta(days=365)).isoformat()
    post = {**fill(form_of(app, task_id), today), "accepted_on": ahead, "handling_procedure": "由社会救助科调查核实。"}
    refused = handler.post(f"/tasks/{task_id}", data=post)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert f"此日期不能晚于今天（{today}）。" in html
    assert f'value="{ahead}"' in html and "由社会救助科调查核实。" in html  # nothing typed is lost
    assert data_of(app, task_id).get("accepted_on") is None  # the 60 days of Art. 34 are not counted from it


def test_an_acceptance_day_before_receipt_is_refused_in_english(app):
    _number, task_id, today = _at_acceptance_notice(app)
    handler = app.test_client()
    sign_in(handler, "handler", lang="en")
    before = (date.fromisoformat(today) - timedelta(days=30)).isoformat()
    refused = handler.post(f"/tasks/{task_id}", data={**fill(form_of(app, task_id), today), "accepted_on": before})
    assert refused.status_code == 422
    assert f"cannot be earlier than the day the petition was received ({today})" in refused.get_data(as_text=True)
    accepted = handler.post(f"/tasks/{task_id}", data=fill(form_of(app, task_id), today))
    assert accepted.status_code == 302 and data_of(app, task_id)["accepted_on"] == today


def test_the_api_refuses_an_acceptance_day_ahead_in_the_readers_language(app):
    _number, task_id, today = _at_acceptance_notice(app)
    ahead = (date.fromisoformat(today) + timedelta(days=1)).isoformat()
    data = {"accepted_on": ahead, "handling_procedure": "调查核实。", "notice_service_method": "post"}
    client = app.test_client()
    refused = client.post(f"/api/v1/tasks/{task_id}/complete", json={"data": data}, headers=bearer("handler"))
    body = refused.get_json()
    assert refused.status_code == 422 and body["fields"] == ["accepted_on"]
    assert f"不能晚于今天（{today}）" in body["message"]


def test_a_hearing_may_be_set_for_a_day_ahead():
    from processes.recorded_dates import date_problems

    form = {"properties": {"hearing_date": {"type": "string", "format": "date"},
                           "served": {"type": "string", "format": "date"}},
            "uiSchema": {"hearing_date": {"ui:options": {"planned": True}}}}
    today = date(2026, 1, 5)
    later = {"hearing_date": "2026-02-01", "served": "2026-02-01"}
    assert date_problems(form, later, today, date(2026, 1, 1)) == {"served": "future"}
    assert date_problems(form, {"served": "2025-12-31"}, today, date(2026, 1, 1)) == {"served": "before_receipt"}
    assert date_problems(form, {"served": "not a day"}, today, None) == {}
