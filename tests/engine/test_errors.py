"""A failing script puts the instance in error with its element; it can be fixed and retried."""
from __future__ import annotations

import pytest

from engine import InvalidState, db
from engine.instances import get_instance, retry_instance, start_instance, suspend_instance, terminate_instance, \
    update_data, resume_instance
from engine.history import history_for
from engine.tasks import TaskQuery, list_tasks


def test_a_script_error_is_recorded_and_retry_goes_on_after_the_data_is_fixed(ctx):
    instance = start_instance("faulty", "f-1", {"total": 100, "parts": 0}, "ann")
    db.session.commit()
    failed = get_instance(instance.id)
    assert failed.status == "error" and failed.error_element == "divide"
    assert "division by zero" in failed.error_message
    with pytest.raises(InvalidState):
        update_data(instance.id, {"parts": 4}, "admin", "fix the divisor")  # only while suspended
    suspend_instance(instance.id, "admin", "fixing data")
    with pytest.raises(InvalidState):
        update_data(instance.id, {"parts": 4}, "admin", "")  # a reason is required
    update_data(instance.id, {"parts": 4}, "admin", "the petitioner gave the number of parts")
    resume_instance(instance.id, "admin")
    retry_instance(instance.id, "admin", "data fixed")
    db.session.commit()
    fixed = get_instance(instance.id)
    assert fixed.status == "running" and fixed.data["share"] == 25
    assert [t.element for t in list_tasks(TaskQuery(instance=instance.id))[0]] == ["big"]
    events = [row.event for row in history_for(instance.id)]
    assert events == ["started", "error", "suspended", "data_changed", "resumed", "retried"]


def test_suspend_twice_and_terminate_without_reason_are_refused(ctx):
    instance = start_instance("chain", "s-1", {"organ": "X"}, "ann")
    suspend_instance(instance.id, "admin", "look")
    with pytest.raises(InvalidState):
        suspend_instance(instance.id, "admin", "again")
    with pytest.raises(InvalidState):
        terminate_instance(instance.id, "admin", " ")
    terminate_instance(instance.id, "admin", "duplicate case")
    db.session.commit()
    assert get_instance(instance.id).status == "terminated"
    assert list_tasks(TaskQuery(instance=instance.id))[1] == 0


def test_a_crash_between_step_and_commit_leaves_the_previous_state(ctx, monkeypatch):
    import engine.runtime as runtime

    instance_id = start_instance("chain", "c-1", {"organ": "X"}, "ann").id
    db.session.commit()
    task_id = list_tasks(TaskQuery(instance=instance_id))[0][0].id

    def crash(*args, **kwargs):
        raise RuntimeError("power cut")

    # The crash comes after the step ran, as its writes begin.
    monkeypatch.setattr(runtime, "write_instance", crash)
    from engine.tasks import complete_task

    with pytest.raises(RuntimeError):
        complete_task(task_id, {"note": "lost"}, "ann")
    db.session.rollback()
    db.session.expunge_all()
    assert [t.element for t in list_tasks(TaskQuery(instance=instance_id))[0]] == ["step1"]
    assert "note" not in get_instance(instance_id).data
    assert [row.event for row in history_for(instance_id)] == ["started"]
    # The half-run workflow is not kept: the step runs again from the saved state.
    monkeypatch.undo()
    complete_task(task_id, {"note": "kept"}, "ann")
    db.session.commit()
    db.session.expunge_all()
    assert [t.element for t in list_tasks(TaskQuery(instance=instance_id))[0]] == ["step2"]
    assert get_instance(instance_id).data["note"] == "kept"
