"""Listeners hear of each task completed, with what was taken and the instant the history records."""
from __future__ import annotations

import pytest

from engine import FormInvalid, db
from engine.completions import register_completion_listener
from engine.history import history_for
from engine.instances import start_instance
from engine.settings import current_engine
from engine.tasks import TaskQuery, complete_task, list_tasks


@pytest.fixture
def heard(ctx):
    found = []
    register_completion_listener(ctx, found.append)
    yield found
    current_engine().completion_listeners.remove(found.append)


def test_a_listener_hears_each_completion_with_the_data_taken_and_the_history_s_instant(heard):
    instance = start_instance("chain", "case-heard", {"organ": "ORG-1"}, "ann")
    db.session.commit()
    (task,), _ = list_tasks(TaskQuery(instance=instance.id))
    with pytest.raises(FormInvalid):
        complete_task(task.id, {"days": 99}, "ann")  # refused: nothing to hear
    db.session.rollback()
    complete_task(task.id, {"note": "seen", "not_in_the_form": 1}, "ann")
    db.session.commit()
    (completed,) = heard
    (entry,) = [row for row in history_for(instance.id) if row.event == "task_completed"]
    assert (completed.instance_id, completed.task_id, completed.element, completed.actor) == (
        instance.id, task.id, "step1", "ann")
    assert completed.data == entry.detail["data"] == {"note": "seen"} and completed.at == entry.at
