"""The trail: which elements of which process an instance completed, stands on, waits on, failed at."""
from __future__ import annotations

from engine import db
from engine.instances import start_instance
from engine.tasks import TaskQuery, complete_task, list_tasks
from engine.trail import instance_trail


def test_a_task_with_timers_shows_completed_active_and_waiting_elements(ctx):
    instance_id = start_instance("deadlines", "case-1", {"received_on": "2026-01-05"}, "ann").id
    db.session.commit()
    trail = instance_trail(instance_id)["deadlines"]
    assert trail.completed == ["start"]
    assert trail.active == ["register"]
    assert sorted(trail.waiting_timers) == ["limit", "reminder"]
    assert trail.errors == [] and trail.runs == {"start": 1}


def test_a_failed_script_is_an_error_on_its_element(ctx):
    instance_id = start_instance("faulty", "case-2", {"total": 10, "parts": 0}, "ann").id
    db.session.commit()
    trail = instance_trail(instance_id)["faulty"]
    assert trail.errors == ["divide"] and trail.completed == ["start"]


def test_a_called_process_has_its_own_trail(ctx):
    instance_id = start_instance("parent", "case-3", {}, "ann").id
    db.session.commit()
    trails = instance_trail(instance_id)
    assert list(trails) == ["parent", "child"]
    assert trails["parent"].active == ["call_child"] and trails["child"].active == ["inside"]
    (task,) = list_tasks(TaskQuery(instance=instance_id))[0]
    complete_task(task.id, {"note": "done"}, "ann")
    db.session.commit()
    trails = instance_trail(instance_id)
    assert trails["parent"].completed == ["start", "call_child"] and trails["parent"].active == ["after"]
