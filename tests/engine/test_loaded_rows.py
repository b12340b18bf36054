"""Rows read with prepared statements come back as the session's own objects, as a query's would."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from engine import db
from engine.errors import NotFound
from engine.instances import get_instance, start_instance
from engine.models import TaskRow
from engine.tasks import TaskQuery, claim_task, get_task, list_tasks


def test_a_listed_task_is_the_object_the_session_holds_and_saves(ctx):
    instance_id = start_instance("chain", "held-1", {"organ": "X"}, "ann").id
    db.session.commit()
    db.session.expunge_all()
    held = db.session.scalars(select(TaskRow).where(TaskRow.instance_id == instance_id)).one()
    held.assignee = "bob"  # changed in the session, not yet written
    (listed,), total = list_tasks(TaskQuery(instance=instance_id, assignee="bob"))
    assert listed is held and total == 1  # the change was flushed before the list was read
    db.session.commit()
    db.session.expunge_all()
    (listed,), _ = list_tasks(TaskQuery(instance=instance_id))
    assert inspect(listed).persistent and get_task(listed.id) is listed
    assert listed.assignee == "bob" and listed.process_instance.id == instance_id  # a relationship loads when used
    listed.assignee, task_id = None, listed.id
    db.session.commit()
    db.session.expunge_all()
    assert db.session.get(TaskRow, task_id).assignee is None


def test_a_listed_task_shows_what_a_later_change_in_the_request_made(ctx):
    instance_id = start_instance("chain", "held-2", {"organ": "X"}, "ann").id
    db.session.commit()
    db.session.expunge_all()
    (listed,), _ = list_tasks(TaskQuery(instance=instance_id))
    claim_task(listed.id, "carol")
    assert listed.assignee == "carol"
    (again,), _ = list_tasks(TaskQuery(instance=instance_id, assignee="carol"))
    assert again is listed


def test_a_case_read_without_its_state_loads_the_state_when_used(ctx):
    instance_id = start_instance("chain", "held-3", {"organ": "X"}, "ann").id
    db.session.commit()
    db.session.expunge_all()
    instance = get_instance(instance_id)
    assert "state" in inspect(instance).unloaded
    assert instance.state and instance.business_key == "held-3"
    instance.business_key = "held-3b"
    db.session.commit()
    db.session.expunge_all()
    assert get_instance(instance_id).business_key == "held-3b"


def test_a_list_inside_no_autoflush_leaves_the_sessions_changes_unwritten_as_a_query_would(ctx):
    instance_id = start_instance("chain", "held-4", {"organ": "X"}, "ann").id
    db.session.commit()
    db.session.expunge_all()
    (held,), _ = list_tasks(TaskQuery(instance=instance_id))
    with db.session.no_autoflush:
        held.assignee = "dan"
        assert list_tasks(TaskQuery(instance=instance_id, assignee="dan")) == ([], 0)
    assert list_tasks(TaskQuery(instance=instance_id, assignee="dan")) == ([held], 1)


def test_a_task_read_by_a_new_request_comes_with_its_case_in_one_read(ctx):
    instance_id = start_instance("chain", "held-5", {"organ": "X"}, "ann").id
    (listed,), _ = list_tasks(TaskQuery(instance=instance_id))
    task_id = listed.id
    db.session.commit()
    db.session.expunge_all()
    task = get_task(task_id)
    assert "process_instance" not in inspect(task).unloaded  # the case came with the task: no second read
    case = task.process_instance
    assert (case.id, case.business_key, case.status) == (instance_id, "held-5", "running")
    assert get_instance(instance_id) is case  # the session's object of the case row
    assert "state" in inspect(case).unloaded and case.state  # the saved state is read when used
    assert task.element == "step1" and task.state == "ready"
    with pytest.raises(NotFound, match="does not exist"):
        get_task("00000000-0000-0000-0000-000000000000")
