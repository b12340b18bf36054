"""Messages: an instance waiting for a message takes it with its data and runs on; one that is not
waiting refuses it and changes nothing."""
from __future__ import annotations

from uuid import UUID

import pytest

from engine import InvalidState, db
from engine.history import history_for
from engine.instances import get_instance, start_instance, suspend_instance
from engine.messages import send_message, waiting_messages
from engine.runtime import read_workflow
from engine.tasks import TaskQuery, complete_task, list_tasks


def _ready(instance_id: int) -> list[str]:
    return sorted(task.element for task in list_tasks(TaskQuery(instance=instance_id))[0])


def _task_data(instance_id: int, element: str) -> dict:
    (task,) = [task for task in list_tasks(TaskQuery(instance=instance_id))[0] if task.element == element]
    return read_workflow(get_instance(instance_id)).get_task_from_id(UUID(task.id)).data


def _restart() -> None:
    db.session.commit()
    db.session.expunge_all()


def test_a_boundary_message_starts_its_path_with_the_data_and_leaves_the_task_waiting(ctx):
    instance_id = start_instance("messaged", "m-1", {}, "ann").id
    _restart()
    assert waiting_messages(instance_id) == ["nudge"]
    send_message(instance_id, "nudge", {"who": "supervisor"}, "sam", reason="slow")
    _restart()
    assert _ready(instance_id) == ["answer_nudge", "work"]  # non-interrupting: the work goes on
    assert _task_data(instance_id, "answer_nudge")["nudges"] == ["supervisor"]
    (entry,) = [row for row in history_for(instance_id) if row.event == "message_received"]
    assert (entry.actor, entry.element, entry.reason) == ("sam", "nudged", "slow")
    assert entry.detail == {"message": "nudge", "data": {"who": "supervisor"}}
    # Caught once while the task runs: a second nudge is refused, not kept for later.
    assert waiting_messages(instance_id) == []
    with pytest.raises(InvalidState):
        send_message(instance_id, "nudge", {"who": "again"}, "sam")


def test_an_intermediate_message_event_waits_until_the_message_comes(ctx):
    instance_id = start_instance("messaged", "m-2", {}, "ann").id
    _restart()
    (task,), _total = list_tasks(TaskQuery(instance=instance_id))
    complete_task(task.id, {}, "ann")
    _restart()
    assert _ready(instance_id) == [] and get_instance(instance_id).status == "waiting"
    assert waiting_messages(instance_id) == ["reply"]
    with pytest.raises(InvalidState):
        send_message(instance_id, "nudge", {"who": "x"}, "sam")  # no longer waiting for it
    send_message(instance_id, "reply", {"text": "done"}, "office")
    _restart()
    assert _ready(instance_id) == ["read_reply"]
    assert _task_data(instance_id, "read_reply")["reply"] == {"text": "done"}


def test_a_message_to_a_suspended_case_or_without_a_name_is_refused_and_changes_nothing(ctx):
    instance_id = start_instance("messaged", "m-3", {}, "ann").id
    _restart()
    with pytest.raises(InvalidState):
        send_message(instance_id, " ", {}, "sam")
    with pytest.raises(InvalidState):
        send_message(instance_id, "nudge", ["not", "an", "object"], "sam")
    suspend_instance(instance_id, "admin", "look")
    _restart()
    with pytest.raises(InvalidState):
        send_message(instance_id, "nudge", {"who": "x"}, "sam")
    assert waiting_messages(instance_id) == []
    assert "message_received" not in [row.event for row in history_for(instance_id)]
