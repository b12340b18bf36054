"""A number field starts blank rather than at a diagram's starting value it would refuse (0 days asked for)."""
from __future__ import annotations

import re

from tests.diagrams import conftest as diagrams
from tests.web.desk import sign_in
from tests.web.journey import fill, ready_tasks, submit_online, work_until
from tests.web.test_task_form_context import task_of, today_of

app = diagrams.app  # the real app with bpmn/ deployed, on SQLite and PostgreSQL


def test_the_days_of_an_extension_start_blank(app):
    # The field showed "0", below its minimum of 1: the form would not go until the handler noticed it.
    number, _code = submit_online(app.test_client())
    today = today_of(app)
    work_until(app, number, "investigate", today)
    handler = app.test_client()
    sign_in(handler, "handler")
    task_id = task_of(app, number, "investigate")
    form = next(row[3] for row in ready_tasks(app, number) if row[0] == task_id)
    handler.post(f"/tasks/{task_id}/claim", data={"csrf_token": "t"})
    done = handler.post(f"/tasks/{task_id}", data={**fill(form, today), "next_step": "extension"})
    assert done.status_code == 302, done.get_data(as_text=True)[:2000]
    page = handler.get(f"/tasks/{task_of(app, number, 'request_extension')}").get_data(as_text=True)
    field = re.search(r'<input type="number" name="extension_days"[^>]*>', page).group(0)
    assert 'value=""' in field and 'min="1"' in field and 'max="30"' in field
