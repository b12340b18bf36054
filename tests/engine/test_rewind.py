"""Going back to an earlier step: a completed user task is ready again and the steps after it are undone."""
from __future__ import annotations

import pytest

from engine import InvalidState, NotFound, db
from engine.history import history_for
from engine.instances import get_instance, start_instance, terminate_instance
from engine.models import TaskRow
from engine.rewind import earlier_steps, rewind_instance
from engine.settings import current_engine
from engine.tasks import TaskQuery, complete_task, list_tasks


def _ready(instance_id: int) -> list:
    rows, _ = list_tasks(TaskQuery(instance=instance_id))
    return rows


def _complete(instance_id: int, data: dict | None = None, user: str = "ann") -> str:
    (task,) = _ready(instance_id)
    task_id = task.id
    complete_task(task_id, data or {"note": "ok"}, user)
    db.session.commit()
    db.session.expunge_all()
    return task_id


def _round_trip() -> None:
    """Forget every kept workflow: the next step rebuilds it from the saved state."""
    current_engine().workflows.clear()
    db.session.expunge_all()


def test_going_back_makes_the_step_ready_again_withdraws_the_later_one_and_the_case_goes_on(ctx):
    instance_id = start_instance("chain", "rw-1", {"organ": "ORG-1"}, "ann").id
    db.session.commit()
    _complete(instance_id, {"note": "first"})
    second = _complete(instance_id, {"note": "second"}, user="bob")
    _complete(instance_id, {"note": "third"})
    (fourth,) = _ready(instance_id)
    fourth_id = fourth.id

    steps = earlier_steps(get_instance(instance_id))
    assert [(s.element, s.completed_by) for s in steps] == [("step3", "ann"), ("step2", "bob"), ("step1", "ann")]
    rewind_instance(instance_id, second, "admin", "step 2 was completed for the wrong case")
    db.session.commit()
    _round_trip()

    (ready,) = _ready(instance_id)
    assert (ready.id, ready.element, ready.state) == (second, "step2", "ready")
    assert db.session.get(TaskRow, fourth_id).state == "cancelled"
    case = get_instance(instance_id)
    assert case.status == "running" and case.active == ["step2"] and case.data["note"] == "first"
    entry = history_for(instance_id)[-1]
    assert (entry.event, entry.actor, entry.element, entry.reason) == (
        "rewound", "admin", "step2", "step 2 was completed for the wrong case")
    assert entry.detail == {"name": "Step two", "withdrawn": ["step4"]}

    for _ in range(4):
        _complete(instance_id)
    assert get_instance(instance_id).status == "completed"
    assert [row.event for row in history_for(instance_id)].count("task_completed") == 7


def test_going_back_into_a_called_process_enters_it_again(ctx):
    instance_id = start_instance("parent", "rw-2", {"organ": "ORG-1"}, "ann").id
    db.session.commit()
    inside = _complete(instance_id, {"note": "in the child"})
    assert [t.element for t in _ready(instance_id)] == ["after"]
    _round_trip()

    rewind_instance(instance_id, inside, "admin", "the child's step again")
    db.session.commit()
    _round_trip()
    assert [t.element for t in _ready(instance_id)] == ["inside"]
    _complete(instance_id, {"note": "again"})
    assert [t.element for t in _ready(instance_id)] == ["after"]
    _complete(instance_id)
    assert get_instance(instance_id).status == "completed"


def test_a_suspended_case_goes_back_and_stays_suspended(ctx):
    from engine.instances import resume_instance, suspend_instance

    instance_id = start_instance("chain", "rw-3", {"organ": "ORG-1"}, "ann").id
    db.session.commit()
    first = _complete(instance_id, {"note": "first"})
    suspend_instance(instance_id, "admin", "checking")
    db.session.commit()
    rewind_instance(instance_id, first, "admin", "redo the first step")
    db.session.commit()
    _round_trip()
    assert get_instance(instance_id).status == "suspended"
    resume_instance(instance_id, "admin")
    db.session.commit()
    assert [t.element for t in _ready(instance_id)] == ["step1"]


def test_going_back_is_refused_without_a_reason_to_an_unknown_or_open_step_and_on_an_ended_case(ctx):
    instance_id = start_instance("chain", "rw-4", {"organ": "ORG-1"}, "ann").id
    db.session.commit()
    first = _complete(instance_id)
    open_task = _ready(instance_id)[0].id
    with pytest.raises(InvalidState) as no_reason:
        rewind_instance(instance_id, first, "admin", "  ")
    assert no_reason.value.details["field"] == "reason"
    for wrong in ("not-a-task", "00000000-0000-0000-0000-000000000000", open_task):
        with pytest.raises(NotFound):
            rewind_instance(instance_id, wrong, "admin", "why not")
    db.session.rollback()
    assert [t.element for t in _ready(instance_id)] == ["step2"]
    assert "rewound" not in [row.event for row in history_for(instance_id)]

    terminate_instance(instance_id, "admin", "withdrawn")
    db.session.commit()
    with pytest.raises(InvalidState):
        rewind_instance(instance_id, first, "admin", "too late")
    assert earlier_steps(get_instance(instance_id)) == []
