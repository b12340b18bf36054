"""The task page's diagram in a real browser: opened on demand, this step marked, the steps done too.

Screenshot: test-artifacts/screenshots/task-diagram.png.
"""
from __future__ import annotations

import pytest

from engine.tasks import TaskQuery, list_tasks
from tests.browser.conftest import shoot, sign_in

pytestmark = pytest.mark.browser


def test_the_handler_opens_the_procedure_and_sees_this_step_marked(page, live_app):
    with live_app.app_context():
        rows, _ = list_tasks(TaskQuery(groups=("handler",), organs=("JN-QS-LX-RSJ",)))
        task = next(row for row in rows if row.element == "investigate")  # inside the handling procedure
        task_id, element = task.id, task.element
    sign_in(page, "handler")
    page.goto(f"{page.base}/tasks/{task_id}")
    canvas = page.locator(".task-canvas")
    assert canvas.get_attribute("data-state") == "idle"  # nothing drawn until asked for
    page.click("details.task-diagram summary")
    page.wait_for_selector('.task-canvas[data-state="ready"]', timeout=15000)
    current = page.locator(f'.task-canvas g.djs-element[data-element-id="{element}"]')
    assert "xf-current" in current.get_attribute("class")
    assert page.locator(".task-canvas g.djs-element.xf-completed").count() >= 1
    shoot(page, "task-diagram")
    assert page.errors == []
